package dev.ferry.internal.transport;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether a thread may keep a buffer it grew for its next message or task: a thread that sends
 * messages of a few MiB encodes each without allocating, but a virtual thread keeps at most {@link
 * #VIRTUAL_KEPT_BYTES}. A program may run a million of them, each of which sends a large message
 * once: 300 virtual threads that had each sent one 1 MiB array held 607 MiB of heap, and 500 in a
 * child of {@code -Xmx256m} ran it out of heap.
 */
public final class ThreadBuffers {
  /** The most a virtual thread keeps between messages. */
  public static final int VIRTUAL_KEPT_BYTES = 64 << 10;

  private ThreadBuffers() {}

  /**
   * Whether the calling thread may keep a buffer of {@code bytes} for its next use, where a
   * platform thread keeps up to {@code platformKept}. Looks at the thread only for a buffer past
   * {@link #VIRTUAL_KEPT_BYTES}, off the common path.
   */
  public static boolean mayKeep(int bytes, int platformKept) {
    return bytes <= VIRTUAL_KEPT_BYTES || bytes <= platformKept && !currentIsVirtual();
  }

  /** Whether the calling thread is a virtual thread. */
  static boolean currentIsVirtual() {
    MethodHandle isVirtual = VirtualThreads.IS_VIRTUAL;
    if (isVirtual == null) {
      return false;
    }
    try {
      return (boolean) isVirtual.invokeExact(Thread.currentThread());
    } catch (Throwable e) {
      return false; // not thrown by Thread.isVirtual
    }
  }

  /**
   * Looked up only once a buffer past {@link #VIRTUAL_KEPT_BYTES} is kept or dropped: a lookup at
   * this class's first use was on every process's first message, a child's too.
   */
  private static final class VirtualThreads {
    /** {@code Thread.isVirtual()} (JDK 21), or null on a JDK without virtual threads. */
    static final MethodHandle IS_VIRTUAL = isVirtual();
  }

  private static MethodHandle isVirtual() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException e) {
      return null; // JDK 17: no virtual threads
    }
  }
}
