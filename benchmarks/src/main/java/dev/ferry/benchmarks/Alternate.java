package dev.ferry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    Model model = Model.byId(args[0]);
    boolean fresh = args[1].equals("fresh");
    double seconds = Double.parseDouble(args[2]);
    List<String> names = Arrays.asList(args).subList(3, args.length);
    List<Peer> peers = new ArrayList<>();
    for (String name : names) {
      peers.add(Peer.create(name, model));
    }
    Object value = model.value();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Warm-up: each peer in turn, long enough for C2.
    int batch = calibrate(peers.get(0), value, fresh, threads);
    for (int w = 0; w < 20; w++) {
      for (Peer peer : peers) {
        run(peer, value, fresh, batch);
      }
    }
    Map<String, List<Double>> samples = new LinkedHashMap<>();
    names.forEach(n -> samples.put(n, new ArrayList<>()));
    long end = System.nanoTime() + (long) (seconds * 1e9);
    int round = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < peers.size(); i++) {
        int k = (i + round) % peers.size();
        long before = threads.getCurrentThreadCpuTime();
        run(peers.get(k), value, fresh, batch);
        long cpu = threads.getCurrentThreadCpuTime() - before;
        samples.get(names.get(k)).add((double) cpu / batch);
      }
      round++;
    }
    double first = median(samples.get(names.get(0)));
    StringBuilder line = new StringBuilder();
    line.append(String.format("alt %-12s %-6s rounds %d", model.id, args[1], round));
    for (String name : names) {
      double m = median(samples.get(name));
      line.append(String.format("  %s %.1f ns", name, m));
      if (!name.equals(names.get(0))) {
        line.append(String.format(" (%s/%s %.2fx)", name, names.get(0), m / first));
      }
    }
    System.out.println(line);
  }

  private static int calibrate(Peer peer, Object value, boolean fresh, ThreadMXBean threads) {
    int batch = 100;
    while (true) {
      long before = threads.getCurrentThreadCpuTime();
      run(peer, value, fresh, batch);
      if (threads.getCurrentThreadCpuTime() - before > 5_000_000) {
        return batch;
      }
      batch *= 2;
    }
  }

  static Object sink;

  private static void run(Peer peer, Object value, boolean fresh, int count) {
    Object last = null;
    for (int i = 0; i < count; i++) {
      if (fresh) {
        last = peer.fromBytes(peer.toBytes(value));
      } else {
        int n = peer.serialize(value);
        last = peer.deserialize(peer.buffer(), n);
      }
    }
    sink = last;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return sorted[sorted.length / 2];
  }
}
