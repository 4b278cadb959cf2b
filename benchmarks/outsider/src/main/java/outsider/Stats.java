package outsider;

import java.util.Arrays;

final class Stats {
  static String of(long[] nanos, int from, int to) {
    long[] s = Arrays.copyOfRange(nanos, from, to);
    double sum = 0;
    for (long x : s) sum += x;
    Arrays.sort(s);
    return String.format("n=%d mean=%.1fus median=%.1fus p99=%.1fus max=%.1fus",
        s.length, sum / s.length / 1e3, s[s.length / 2] / 1e3, s[(int) (s.length * 0.99)] / 1e3,
        s[s.length - 1] / 1e3);
  }
}
