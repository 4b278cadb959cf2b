package dev.ferry.internal.transport;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A little of this process's heap held back for the error paths of Ferry's own threads: a thread
 * of a pool or of a channel's connection that runs out of heap lets it go before it does anything
 * else, so that what it does next (hand a failed chunk to its map, end a connection, take a batch
 * back, let go of a channel) has room. With the heap full of the results a map held (a million
 * results of 20 bytes at -Xmx16m), or of the messages a child kept (512 KiB {@code byte[]}s at
 * -Xmx24m), those paths ran out of heap too, the thread died, and the map, or the child's next
 * receive, waited for ever. One for the process: the heap is. Here, not in the pool's package, so
 * that the transport uses it without depending on the pool.
 */
public final class HeapReserve {
  /** A sixty-fourth of the heap, between 64 KiB and 1 MiB: below a G1 region's half at -Xmx16m. */
  private static final int SIZE =
      (int) Math.max(64 << 10, Math.min(1 << 20, Runtime.getRuntime().maxMemory() / 64));
  private static volatile byte[] room = allocate();
  /** How long a thread waiting for room (or for a map to let go of its results) sleeps at a time. */
  public static final long PAUSE_NANOS = 5_000_000;

  private HeapReserve() {}

  /** Lets the reserve go; allocates nothing. */
  public static void release() {
    room = null;
  }

  /** Takes the reserve back once the heap has room again (a map let go of its results). */
  public static void restore() {
    if (room == null) {
      room = allocate();
    }
  }

  /**
   * Waits, allocating nothing, until the reserve is back (a map that ran out of heap let go of its
   * results: {@code MapRun.heapFull}), for at most {@code nanos}: a reader that ran out of heap
   * outside a result's decoding then ends its connection with room to do so. Ending it at once,
   * with another reader still filling the heap, ran out of heap again and the reader died, and
   * the pool's close() waited for ever.
   */
  public static void awaitRoom(long nanos) {
    long began = System.nanoTime();
    while (room == null && System.nanoTime() - began < nanos) {
      pause(PAUSE_NANOS);
      if (room == null) {
        room = allocate(); // the heap freed (a map let go), whoever ran out: the reserve is back
      }
    }
  }

  /**
   * A short wait that allocates nothing; every wait of a thread out of heap goes through here.
   * Executed once at a pool's start (Pool.start): the first execution of a call site links it,
   * which may take a little of the heap, and a reader out of heap that waited here for the first
   * time died of it (JDK 25).
   */
  public static void pause(long nanos) {
    LockSupport.parkNanos(nanos);
  }

  /**
   * Loads this class and links its calls while the heap has room: a connection's threads reach
   * them only once the heap is full, and loading or linking there ran out of heap too. Once per
   * connection (cheap after the first).
   */
  public static void prime() {
    pause(1);
    if (room == null) {
      restore();
    }
  }

  /**
   * {@code condition.awaitNanos(nanos)} for a thread of Ferry's that must outlive a full heap: the
   * wait allocates its node in the condition's queue (AbstractQueuedSynchronizer, JDK 17), and out
   * of heap it threw, with the lock still held, and ended the idle reader and the flusher of a
   * child whose target kept what it received (-Xmx24m): its next receive waited for ever. Then the
   * reserve goes, and the thread pauses instead, without the lock (see outOfHeapInWait), and
   * returns holding it as before (every caller waits in a loop that looks again). {@code lock}:
   * the condition's.
   */
  public static void awaitNanos(Condition condition, ReentrantLock lock, long nanos)
      throws InterruptedException {
    try {
      condition.awaitNanos(nanos);
    } catch (OutOfMemoryError e) {
      outOfHeapInWait(lock, Math.min(nanos, PAUSE_NANOS));
    }
  }

  /** {@code condition.awaitUninterruptibly()} as {@link #awaitNanos} says; may return early. */
  public static void awaitUninterruptibly(Condition condition, ReentrantLock lock) {
    try {
      condition.awaitUninterruptibly();
    } catch (OutOfMemoryError e) {
      outOfHeapInWait(lock, PAUSE_NANOS);
    }
  }

  /**
   * The pause of a wait that ran out of heap, without the lock: a thread that paused holding it
   * (the idle reader, again and again while the heap stayed full) kept the receiving thread from
   * it, whose target, the one that could free the heap, never got its error. Every caller holds
   * the lock once; a wait that failed after letting go of it holds it no more.
   */
  private static void outOfHeapInWait(ReentrantLock lock, long nanos) {
    release();
    int holds = lock.getHoldCount();
    for (int i = 0; i < holds; i++) {
      lock.unlock();
    }
    pause(nanos);
    for (int i = 0; i < Math.max(1, holds); i++) {
      lock(lock);
    }
  }

  /**
   * {@code lock.lock()} that a full heap does not fail: a lock that others hold queues a node for
   * the waiting thread (JDK 17), and out of heap that threw, the lock not taken, and the finally
   * block after it let go of a lock it did not hold (IllegalMonitorStateException), or the thread
   * died. Then the reserve goes and the thread takes the lock by trying it ({@code tryLock}
   * allocates nothing) until its holder lets go, which a holder does soon (none waits holding it
   * while out of heap). Costs nothing while the heap has room.
   */
  public static void lock(ReentrantLock lock) {
    try {
      lock.lock();
    } catch (OutOfMemoryError e) {
      release();
      while (!lock.tryLock()) {
        LockSupport.parkNanos(SPIN_PAUSE_NANOS);
      }
    }
  }

  /** How long a thread taking a lock by trying it ({@link #lock}) sleeps between tries. */
  private static final long SPIN_PAUSE_NANOS = 100_000;

  /**
   * Takes the reserve back if it was let go and the last try was {@code nanos} or more ago: for a
   * thread that comes by now and then (the idle reader), which cannot tell when the heap has room
   * again. A try in a full heap collects it whole, so not at every pass.
   */
  public static void restoreAfter(long nanos) {
    if (room == null && System.nanoTime() - lastTry >= nanos) {
      lastTry = System.nanoTime();
      restore();
    }
  }

  private static volatile long lastTry = System.nanoTime();

  private static byte[] allocate() {
    try {
      return new byte[SIZE];
    } catch (OutOfMemoryError e) {
      return null; // taken back at the next restore()
    }
  }
}
