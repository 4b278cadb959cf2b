package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;

/**
 * Outputs that stop at a limit, for Ferry's packages outside {@code dev.ferry}: a {@link ByteOutput}
 * that refuses to grow past a limit is not user API, so {@code ByteOutput} hands this class the way
 * to make one when it is loaded. A pool's task arguments use it as a channel's send does, so that a
 * value far past what a task may carry is refused as soon as its encoding passes the limit, not
 * once encoded whole (a heap that holds an 800 MB array may not hold its encoding beside it).
 */
public final class BoundedOutputs {
  /** What {@code ByteOutput} hands over. */
  public interface Maker {
    /** An output that refuses to take more than {@code limit} bytes. */
    ByteOutput bounded(int initialCapacity, int limit);

    /** The bytes an output's refusal to grow needed at least, or -1 if {@code e} is none. */
    long needed(RuntimeException e);
  }

  private static volatile Maker maker;

  private BoundedOutputs() {}

  /** Called by {@code ByteOutput}'s static initializer, once; later calls change nothing. */
  public static void install(Maker installed) {
    if (maker == null) {
      maker = installed;
    }
  }

  /** An output that throws, rather than take more than {@code limit} bytes: see {@link #needed}. */
  public static ByteOutput bounded(int initialCapacity, int limit) {
    return maker().bounded(initialCapacity, limit);
  }

  /** The bytes at least that a bounded output refused with {@code e}, or -1 for another error. */
  public static long needed(RuntimeException e) {
    return maker().needed(e);
  }

  private static Maker maker() {
    Maker installed = maker;
    if (installed == null) {
      new ByteOutput(0); // loads ByteOutput, whose initializer installs it
      installed = maker;
    }
    return installed;
  }
}
