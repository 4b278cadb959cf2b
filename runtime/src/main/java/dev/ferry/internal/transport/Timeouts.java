package dev.ferry.internal.transport;

import java.time.Duration;

/**
 * The API's {@link Duration} timeouts as the nanoseconds the waits take, as {@code
 * BlockingQueue.poll(long, TimeUnit)} reads them: a negative timeout is no wait, and one longer
 * than a {@code long} of nanoseconds (about 292 years: {@code Duration.ofSeconds(Long.MAX_VALUE)},
 * {@code ChronoUnit.FOREVER.getDuration()}) waits as long as a {@code long} can say, where {@link
 * Duration#toNanos()} would throw an {@code ArithmeticException}.
 */
public final class Timeouts {
  private Timeouts() {}

  /**
   * Past this a wait has no deadline at all ({@link #FOREVER}): about 146 years, so that no
   * deadline {@code System.nanoTime() + timeout} a wait computes can wrap around.
   */
  private static final long LONGEST_NANOS = Long.MAX_VALUE / 2;

  /** What {@link #nanosOrForever} returns for a timeout with no end in sight. */
  public static final long FOREVER = -1;

  /** {@code timeout} in nanoseconds, 0 if negative, {@code Long.MAX_VALUE} if longer than that. */
  public static long nanos(Duration timeout) {
    if (timeout == null) {
      throw new NullPointerException("timeout == null");
    }
    if (timeout.isNegative()) {
      return 0;
    }
    return timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
  }

  /** As {@link #nanos}, but {@link #FOREVER} for a timeout longer than about 146 years. */
  public static long nanosOrForever(Duration timeout) {
    long nanos = nanos(timeout);
    return nanos > LONGEST_NANOS ? FOREVER : nanos;
  }
}
