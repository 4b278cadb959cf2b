package dev.ferry.internal.transport;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages the host handed this process that no receive has returned yet, in order (each a
 * {@code byte[]}: the host's type id, then the body), and when each counts as received: the
 * outbox acknowledges it then ({@link Outbox#received(int)}), and the host forgets it.
 *
 * <p>A message counts once its receive has decoded it ({@code RemoteReceiver.decoded}), not as it
 * is taken: a receive whose process is killed while it decodes (a record whose constructor takes
 * 5 s) must not have told the host it returned the message, since it never did. A message under
 * 64 KiB used to count as it was taken, and the acknowledgment left within a millisecond, so such
 * a message was lost. The host forgets messages in the order it handed them out, so a message
 * decoded before one taken earlier (two receiving threads) waits for it to count: each message
 * taken gets the next number, and the count moves over the numbers that are decoded in a row.
 * With one receiving thread each message is the first not counted when it is decoded, and counts
 * with one compare-and-set, outside the channel's lock ({@link #countIfFirst}); only a message
 * decoded out of turn takes the lock ({@link #countLater}), and is then also acknowledged on its
 * own by its number ({@link Outbox#receivedOutOfTurn}, {@link Wire#C_ACK_ONE}), which is the
 * host's number for it: the host hands messages out in order and this inbox numbers them in that
 * order as they are taken. The host keeps such a message listed until the count passes it but
 * no longer gives it back, so a process killed while one thread decodes slowly gives back that
 * message and what no receive took, not everything its other threads returned meanwhile.
 *
 * <p>A message whose value did not fit in the heap is held back here, first, for the next
 * receive, keeping its number. Apart from the channel so that these counts, which decide whether
 * a message is lost or received twice, sit in one place.
 *
 * <p>Guarded by the channel's lock ({@code RemoteChannel.lock}), but for {@link #countIfFirst}
 * and {@link #hasDecodedAhead}, which take no lock.
 */
final class Inbox {
  private final ArrayDeque<byte[]> items = new ArrayDeque<>(); // host type id, then the body
  /** The number the next message taken gets. */
  private long taken;
  /** Every message numbered below this counts as received. */
  private final AtomicLong counted = new AtomicLong();
  /**
   * Which messages numbered from {@link #counted} on were decoded (at {@code number % length}):
   * those that wait for one taken before them. Grown as {@link #next} finds it too small.
   */
  private boolean[] decodedAhead = new boolean[64];
  /** Whether {@link #decodedAhead} may hold any: read without the lock by a message's count. */
  private volatile boolean anyAhead;
  /**
   * A message put back first in the inbox ({@link #holdBack}), and the number it was taken with,
   * which the receive that takes it next keeps.
   */
  private byte[] heldBack;
  private long heldBackNumber;
  /** How many receives in a row the message held back last could not hold the value of. */
  private int heldBackTimes;
  /**
   * How many receives in a row may fail to hold one message's value before this process lets go
   * of the channel, so that the message goes to another receiver: a program that catches the
   * error and lets go of what it keeps makes room at its next receive; one whose heap can never
   * hold that value (its decoded form far larger than its bytes) used to get the error from
   * every receive, for ever, while another process could have received it.
   */
  static final int HOLD_BACK_TIMES = 3;

  /** A message taken, and its number, by which it counts. */
  record Taken(byte[] item, long number) {}

  /**
   * The next message and its number, null if there is none: it counts as received once decoded
   * ({@code RemoteReceiver.decoded}), and the host, once it hears of that (with the next frame, or
   * within a millisecond), will not hand it to anyone else. Out of heap, throws before anything is
   * taken: the message stays first, and nothing after it waits for a number never counted.
   */
  Taken next() {
    byte[] item = items.peekFirst();
    if (item == null) {
      return null;
    }
    boolean wasHeldBack = item == heldBack;
    if (!wasHeldBack && taken - counted.get() >= decodedAhead.length) {
      grow();
    }
    Taken next = new Taken(item, wasHeldBack ? heldBackNumber : taken);
    if (wasHeldBack) {
      heldBack = null;
    } else {
      taken++;
    }
    items.pollFirst();
    return next;
  }

  /**
   * Counts message {@code number}, decoded (or undecodable: received all the same), if every
   * message before it counts already; false if it must wait for one of those ({@link
   * #countLater}). Takes no lock.
   */
  boolean countIfFirst(long number, Outbox out) {
    if (!counted.compareAndSet(number, number + 1)) {
      return false;
    }
    out.received(1);
    return true;
  }

  /** Whether messages decoded out of turn may wait to count (then {@link #countLater}). */
  boolean hasDecodedAhead() {
    return anyAhead;
  }

  /**
   * Counts message {@code number}, decoded after one taken before it (or, with {@code number <
   * 0}, none), and every message decoded in a row from the first not counted. Lock held.
   */
  void countLater(long number, Outbox out) {
    if (number >= counted.get()) { // else counted already, by countTaken
      decodedAhead[index(number)] = true;
      anyAhead = true;
    }
    // Read after anyAhead is set: the first message's count, made without this lock, either comes
    // before this read or sees anyAhead and takes the lock to count what waits for it. Every
    // message marked here has been decoded, so no other thread moves the count past it.
    long first = counted.get();
    int counting = 0;
    while (first < taken && decodedAhead[index(first)]) {
      decodedAhead[index(first)] = false;
      first++;
      counting++;
    }
    if (counting > 0) {
      counted.set(first);
      out.received(counting);
    }
    if (number >= first) {
      // It waits for one taken before it: acknowledged on its own meanwhile, so that it does not
      // go back (to be received twice) if this process dies before that one is decoded. Before,
      // a receiving thread in a 200 ms decode held back every message the others returned.
      out.receivedOutOfTurn(number);
    }
    anyAhead = anyMarked(first);
  }

  /**
   * Counts every message taken, decoded or not: this process closes the channel, and the receives
   * still decoding will return theirs, so none goes back to be received twice. But not a message
   * held back ({@link #holdBack}), nor any taken after it: no receive will return the held-back
   * one (its receive threw, and the handle is closing), so it must go back, and the host forgets
   * messages only in the order it handed them out. A program that closed the channel as it caught
   * the {@code OutOfMemoryError} lost the message. Lock held.
   */
  void countTaken(Outbox out) {
    long upTo = heldBack != null ? heldBackNumber : taken;
    long first;
    do { // a receive whose message is the first not counted counts it without the lock
      first = counted.get();
    } while (first < upTo && !counted.compareAndSet(first, upTo));
    if (first < upTo) {
      for (long n = first; n < upTo; n++) {
        decodedAhead[index(n)] = false;
      }
      out.received((int) (upTo - first));
    }
    anyAhead = false;
  }

  private boolean anyMarked(long from) {
    for (long n = from; n < taken; n++) {
      if (decodedAhead[index(n)]) {
        return true;
      }
    }
    return false;
  }

  private int index(long number) {
    return (int) number & (decodedAhead.length - 1); // a power of two
  }

  /** Doubles {@link #decodedAhead}, keeping each mark at its number's new place. Lock held. */
  private void grow() {
    boolean[] grown = new boolean[decodedAhead.length * 2];
    for (long n = counted.get(); n < taken; n++) {
      grown[(int) n & (grown.length - 1)] = decodedAhead[index(n)];
    }
    decodedAhead = grown;
  }

  /**
   * Puts {@code item}, taken as message {@code number}, whose value the heap could not hold, back
   * first, still uncounted; out of heap, throws before it is marked held back. False, and not put
   * back, if it was held back {@link #HOLD_BACK_TIMES} times in a row already.
   */
  boolean holdBack(byte[] item, long number) {
    int times = number == heldBackNumber && heldBackTimes > 0 ? heldBackTimes + 1 : 1;
    if (times > HOLD_BACK_TIMES) {
      return false;
    }
    items.addFirst(item);
    heldBack = item;
    heldBackNumber = number;
    heldBackTimes = times;
    return true;
  }

  void addAll(List<byte[]> arrived) {
    items.addAll(arrived);
  }

  int size() {
    return items.size();
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  /** Forgets every message not received: they were given back to the host. */
  void clear() {
    items.clear();
    heldBack = null;
  }
}
