package dev.ferry.internal.pool;

import java.util.concurrent.locks.LockSupport;

/**
 * A little of this process's heap held back for the pool's error paths: a thread of the pool that
 * runs out of heap lets it go before it does anything else, so that what it does next (hand a
 * failed chunk to its map, end a connection, take a batch back) has room. With the heap full of
 * the results a map held (a million results of 20 bytes at -Xmx16m), those paths ran out of heap
 * too, the thread died, and the map waited for ever. One for the process: the heap is.
 */
final class HeapReserve {
  /** A sixty-fourth of the heap, between 64 KiB and 1 MiB: below a G1 region's half at -Xmx16m. */
  private static final int SIZE =
      (int) Math.max(64 << 10, Math.min(1 << 20, Runtime.getRuntime().maxMemory() / 64));
  private static volatile byte[] room = allocate();
  /** How long a thread waiting for room (or for a map to let go of its results) sleeps at a time. */
  static final long PAUSE_NANOS = 5_000_000;

  private HeapReserve() {}

  /** Lets the reserve go; allocates nothing. */
  static void release() {
    room = null;
  }

  /** Takes the reserve back once the heap has room again (a map let go of its results). */
  static void restore() {
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
  static void awaitRoom(long nanos) {
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
  static void pause(long nanos) {
    LockSupport.parkNanos(nanos);
  }

  private static byte[] allocate() {
    try {
      return new byte[SIZE];
    } catch (OutOfMemoryError e) {
      return null; // taken back at the next restore()
    }
  }
}
