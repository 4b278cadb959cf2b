package dev.ferry.internal.transport;

/**
 * This process's heap limit as messages name it ({@code at most 256 MiB, -Xmx}): each message that
 * says a value did not fit in the heap (a frame a connection read, a send, a pool task, a spawn's
 * arguments, {@code Codecs.encode}) says how large the heap is and the flag that makes it larger.
 *
 * <p>A class of its own with no static state, so that no initializer runs as these words are first
 * built, which is when the heap is full: an initializer that ran out of heap there would leave its
 * class unusable for the process's life ({@code NoClassDefFoundError} ever after), as {@link
 * FrameReader}'s could when it held them, in a process whose first full-heap message was its
 * first use of it.
 */
public final class HeapLimit {
  private HeapLimit() {}

  /** {@code at most N MiB, -Xmx}, N from {@link Runtime#maxMemory()}. */
  public static String described() {
    return "at most " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB, -Xmx";
  }
}
