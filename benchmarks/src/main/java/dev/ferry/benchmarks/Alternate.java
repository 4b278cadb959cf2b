package dev.ferry.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Round trips of several peers in one JVM, taken in turns in short batches and timed in the
 * thread's CPU time, so that a machine shared with other work (where JMH's wall-clock figures
 * swing by 10x) still gives a fair ratio: every peer sees the same load, and time spent waiting
 * for a core is not counted. A check between JMH runs, not a replacement for them.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ferry.benchmarks.Alternate MODEL HARNESS SECONDS PEER...
 * </pre>
 */
public final class Alternate {
  private Alternate() {}

  public static void main(String[] args) {
    String model = args[0];
    String harness = args[1];
    double seconds = Double.parseDouble(args[2]);
    List<String> names = Arrays.asList(args).subList(3, args.length);
    List<Turns> turns = new ArrayList<>();
    for (String name : names) {
      turns.add(new Turns(name, model, harness));
    }
    double[] medians = Turns.medians(turns, seconds);
    StringBuilder line = new StringBuilder(String.format("alt %-12s %-6s", model, harness));
    for (int k = 0; k < names.size(); k++) {
      line.append(String.format("  %s %.1f ns", names.get(k), medians[k]));
      if (k > 0) {
        line.append(
            String.format(" (%s/%s %.2fx)", names.get(k), names.get(0), medians[k] / medians[0]));
      }
    }
    System.out.println(line);
  }
}
