package outsider;

import dev.ferry.annotation.Transferable;

/** About 100 bytes encoded: a long, an int, a double, two 40-character strings, an enum. */
@Transferable
public record Rec(long id, int n, double price, String a, String b, Kind kind) {
  private static final String[] A = strings("account/eu-west/customer-", 16);
  private static final String[] B = strings("instrument/XNAS/equity-", 16);

  public static Rec of(long i) {
    int k = (int) (i & 15);
    return new Rec(i, (int) i, 1.5 * k, A[k], B[k], Kind.values()[k % 3]);
  }

  private static String[] strings(String prefix, int n) {
    String[] out = new String[n];
    for (int k = 0; k < n; k++) {
      StringBuilder s = new StringBuilder(prefix).append(k).append('-');
      while (s.length() < 40) s.append((char) ('a' + s.length() % 26));
      out[k] = s.toString();
    }
    return out;
  }
}
