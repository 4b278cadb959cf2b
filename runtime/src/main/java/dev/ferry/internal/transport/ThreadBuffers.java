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
    Object found = isVirtual;
    if (found == null) {
      try {
        MethodHandle handle = lookUpIsVirtual();
        found = handle == null ? NONE : handle;
      } catch (OutOfMemoryError e) {
        return false; // looked up again next time: see isVirtual
      }
      isVirtual = found;
    }
    if (found == NONE) {
      return false;
    }
    try {
      return (boolean) ((MethodHandle) found).invokeExact(Thread.currentThread());
    } catch (Throwable e) {
      return false; // not thrown by Thread.isVirtual
    }
  }

  private static final Object NONE = new Object();
  /**
   * {@code Thread.isVirtual()} (JDK 21), {@link #NONE} on a JDK without virtual threads, null until
   * looked up, which is only once a buffer past {@link #VIRTUAL_KEPT_BYTES} is kept or dropped: a
   * lookup at this class's first use was on every process's first message, a child's too. Not a
   * holder class: one whose initialization ran out of heap (a map's results filling it) failed
   * every later use with a NoClassDefFoundError, the pool's next task's encoding among them.
   */
  private static volatile Object isVirtual;

  private static MethodHandle lookUpIsVirtual() {
    try {
      return MethodHandles.publicLookup()
          .findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
    } catch (ReflectiveOperationException e) {
      return null; // JDK 17: no virtual threads
    }
  }
}
