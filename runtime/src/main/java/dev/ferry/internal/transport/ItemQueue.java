package dev.ferry.internal.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A channel's queued messages ({@link Items}), oldest first: a ring of references that grows by
 * allocating its new array before it changes anything, so that a heap too full to grow it leaves
 * it as it was.
 *
 * <p>Why not {@code ArrayDeque}: its {@code addLast} stores the element and moves its tail before
 * it grows, so an {@code OutOfMemoryError} in that growth (an unbounded channel no one receives
 * from, filling its host's heap) left it with head and tail equal over a full array: it said it
 * was empty ({@code size()} 0) while it held every message, and receivers waited beside them.
 *
 * <p>It also counts the heap its items take, and, once its channel is handed to another process
 * ({@link #share}), adds them to what the queues of all such channels of the process hold ({@link
 * #heldInAll}), so that a host can refuse other processes' messages before they fill its heap (see
 * {@link HostChannel#received}). Only those: a channel that no other process holds is dropped with
 * what it queued and never cleared, which would count for ever. Not thread-safe: the channel's lock
 * guards it.
 */
final class ItemQueue {
  /** The heap the items of this process's shared queues take, estimated by {@link #heapBytes}. */
  private static final AtomicLong HELD_IN_ALL = new AtomicLong();
  /**
   * How far a shared queue's own count may run ahead of or behind what it added to {@link
   * #HELD_IN_ALL}: the total is a limit's guide (half the heap), while one atomic add per message
   * would bounce that counter's cache line between the threads that queue and take, on every
   * channel, each message.
   */
  private static final long UNPUBLISHED_LIMIT = 64 << 10;

  private Object[] ring = new Object[16];
  private int head; // index of the oldest item
  private int size;
  private long held; // the heap this queue's items take
  private boolean shared; // held counts in HELD_IN_ALL
  private long published; // the part of held added to HELD_IN_ALL, while shared

  /**
   * The heap the items queued in the shared channels of this process take, about: each shared
   * queue's part is at most {@link #UNPUBLISHED_LIMIT} off.
   */
  static long heldInAll() {
    return HELD_IN_ALL.get();
  }

  /** The heap this queue's items take, about. */
  long held() {
    return held;
  }

  /**
   * About the heap {@code item} takes in a queue: its array (a 16-byte header, rounded up to 8
   * bytes), and its slot, counted as 8 bytes since the ring may be half empty.
   */
  private static long heapBytes(Object item) {
    long array =
        item instanceof Items.Bytes bytes ? bytes.value.length + 16L : ((byte[]) item).length;
    return ((array + 16 + 7) & ~7L) + 8;
  }

  /**
   * Counts this queue's items in {@link #heldInAll} from now on: its channel was handed to another
   * process, and so is cleared when its creator drops it ({@code HostChannel.abandon}).
   */
  void share() {
    if (!shared) {
      shared = true;
      publish();
    }
  }

  private void count(long bytes) {
    held += bytes;
    long unpublished = held - published;
    if (shared && (unpublished >= UNPUBLISHED_LIMIT || unpublished <= -UNPUBLISHED_LIMIT)) {
      publish();
    }
  }

  private void publish() {
    HELD_IN_ALL.addAndGet(held - published);
    published = held;
  }

  boolean isEmpty() {
    return size == 0;
  }

  int size() {
    return size;
  }

  /** The oldest item, or null if none. */
  Object peekFirst() {
    return size == 0 ? null : ring[head];
  }

  /** Removes and returns the oldest item, or null if none. */
  Object pollFirst() {
    if (size == 0) {
      return null;
    }
    Object item = ring[head];
    ring[head] = null;
    head = (head + 1) & (ring.length - 1);
    size--;
    count(-heapBytes(item));
    return item;
  }

  /**
   * Queues {@code item} last.
   *
   * @throws OutOfMemoryError if the heap cannot hold the grown ring; nothing changed then
   */
  void addLast(Object item) {
    makeRoom();
    ring[(head + size) & (ring.length - 1)] = item;
    size++;
    count(heapBytes(item));
  }

  /**
   * Queues {@code item} first.
   *
   * @throws OutOfMemoryError if the heap cannot hold the grown ring; nothing changed then
   */
  void addFirst(Object item) {
    makeRoom();
    head = (head - 1) & (ring.length - 1);
    ring[head] = item;
    size++;
    count(heapBytes(item));
  }

  void clear() {
    held = 0;
    if (shared) {
      publish(); // takes back all this queue added
    }
    ring = new Object[16];
    head = 0;
    size = 0;
  }

  /** Doubles the ring when it is full: the new array first, so a failure changes nothing. */
  private void makeRoom() {
    if (size < ring.length) {
      return;
    }
    if (ring.length == 1 << 30) {
      throw new IllegalStateException("a channel cannot queue more than " + size + " messages");
    }
    Object[] grown = new Object[ring.length << 1];
    int firstPart = Math.min(size, ring.length - head);
    System.arraycopy(ring, head, grown, 0, firstPart);
    System.arraycopy(ring, 0, grown, firstPart, size - firstPart);
    ring = grown;
    head = 0;
  }
}
