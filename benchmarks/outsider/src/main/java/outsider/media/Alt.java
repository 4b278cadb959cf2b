package outsider.media;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * The six round trips of CodecBench taken in turns in one JVM, in batches timed by the thread's
 * CPU time: fair ratios on a machine other people load (JMH's wall clock swings there). Args: seconds.
 */
public final class Alt {
  static Object sink;

  public static void main(String[] args) {
    int seconds = Integer.parseInt(args[0]);
    CodecBench b = new CodecBench();
    b.setup();
    String[] names = {"ferryFresh", "ferryReused", "foryFresh", "foryReused", "kryoFresh", "kryoReused"};
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    int batch = 2000;
    int rounds = seconds * 40;
    double[][] ns = new double[names.length][rounds];
    for (int r = -rounds / 4; r < rounds; r++) { // the first quarter warms up
      for (int p = 0; p < names.length; p++) {
        long s = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < batch; i++) sink = run(b, p);
        long e = mx.getCurrentThreadCpuTime();
        if (r >= 0) ns[p][r] = (double) (e - s) / batch;
      }
    }
    double ferryF = median(ns[0]), ferryR = median(ns[1]);
    for (int p = 0; p < names.length; p++) {
      double m = median(ns[p]);
      System.out.printf("  %-12s %7.1f ns  (%s / ferry same form %.2fx)%n", names[p], m, names[p],
          m / (p % 2 == 0 ? ferryF : ferryR));
    }
  }

  static Object run(CodecBench b, int p) {
    switch (p) {
      case 0: return b.ferryFresh();
      case 1: return b.ferryReused();
      case 2: return b.foryFresh();
      case 3: return b.foryReused();
      case 4: return b.kryoFresh();
      default: return b.kryoReused();
    }
  }

  static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
