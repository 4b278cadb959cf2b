package dev.ferry.benchmarks.channels;

import dev.ferry.annotation.Transferable;

/**
 * The small message of the channel benchmarks: a long, an int, a double, two short strings and an
 * enum, about 100 bytes encoded (the Python peer sends the same six fields as a tuple).
 */
@Transferable
public record Tick(long id, int seq, double price, String symbol, String venue, Side side) {
  /** A few distinct strings, so that encoders do real work but producers do not build strings. */
  private static final String[] SYMBOLS = strings("instrument/equity/XNAS/ACME-CORP-", 40);
  private static final String[] VENUES = strings("venue/eu-west/matching-engine-", 40);

  /** The {@code i}-th message every producer sends, Java and Python alike. */
  public static Tick of(long i) {
    int k = (int) (i & 15);
    return new Tick(i, (int) i, 100.25 + k, SYMBOLS[k], VENUES[k], (i & 1) == 0 ? Side.BUY : Side.SELL);
  }

  static String symbol(int k) {
    return SYMBOLS[k];
  }

  static String venue(int k) {
    return VENUES[k];
  }

  private static String[] strings(String prefix, int length) {
    String[] out = new String[16];
    for (int k = 0; k < out.length; k++) {
      StringBuilder s = new StringBuilder(prefix).append(k);
      while (s.length() < length) {
        s.append((char) ('a' + s.length() % 26));
      }
      out[k] = s.toString();
    }
    return out;
  }
}
