package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a receiving holder owes its host in acknowledgments ({@link Outbox}): how many messages its
 * receives returned in turn since the last acknowledgment ({@link Wire#C_ACK}), the numbers of
 * those returned out of turn ({@link Wire#C_ACK_ONE}), and whether it gave back all it was handed
 * ({@link Wire#C_GIVE_BACK}), after which it acknowledges nothing. The outbox appends them to the
 * next frame it writes, or alone.
 *
 * <p>Apart from the outbox because what is owed, and in which order its records go, is
 * bookkeeping of its own beside the outbox's framing and flushing; the outbox keeps when to write
 * them (its flusher's wake-ups). The count in turn is atomic, added to without the outbox's lock;
 * the rest is guarded by the outbox's lock, or held under its begin.
 */
final class Acknowledgments {
  private final AtomicInteger unacknowledged = new AtomicInteger();
  /**
   * The numbers of messages received out of turn not yet acknowledged ({@link
   * Outbox#receivedOutOfTurn}), the first {@link #outOfTurnCount}; lock held.
   */
  private long[] outOfTurn = new long[16];
  private int outOfTurnCount;
  /** The holder gave back what it was handed ({@link #giveBack}): it acknowledges nothing more. */
  private boolean gaveBack;

  /**
   * Counts {@code count} messages a receive returned in turn; returns the count before, 0 if none
   * was counted since the last acknowledgment.
   */
  int count(int count) {
    return unacknowledged.getAndAdd(count);
  }

  /** Lists message {@code number}, returned out of turn, to be acknowledged alone. Lock held. */
  void listOutOfTurn(long number) {
    if (outOfTurnCount == outOfTurn.length) {
      outOfTurn = Arrays.copyOf(outOfTurn, outOfTurn.length * 2);
    }
    outOfTurn[outOfTurnCount++] = number;
  }

  /**
   * Whether acknowledgments wait to be written ({@link Outbox#received}, {@link
   * Outbox#receivedOutOfTurn}).
   */
  boolean due() {
    return unacknowledged.get() > 0 || outOfTurnCount > 0;
  }

  /**
   * Appends the acknowledgment of every message counted so far, if any. Under begin or lock.
   *
   * <p>The count is taken before the messages received out of turn: a message the count passes
   * was listed out of turn before it counted (under the channel's lock, see {@link Inbox}), so it
   * is in the list read after, and its own record goes first. The other way round the count could
   * pass a message whose record followed it, which the host would refuse as acknowledged twice.
   */
  void acknowledge(ByteOutput o) {
    // Room first: out of heap, this throws before the count is taken, and none is forgotten
    o.ensureCapacity(acknowledgmentBytes());
    int count = unacknowledged.getAndSet(0);
    int ones = outOfTurnCount;
    outOfTurnCount = 0;
    if (gaveBack) {
      return; // the host gave back all it had handed out: nothing of it is listed there any more
    }
    for (int i = 0; i < ones; i++) {
      o.writeByte(Wire.C_ACK_ONE);
      o.writeVarLong(outOfTurn[i]);
    }
    if (count > 0) {
      o.writeByte(Wire.C_ACK);
      o.writeVarInt(count);
    }
  }

  /** The most bytes {@link #acknowledge} appends now. Under begin or lock. */
  private int acknowledgmentBytes() {
    return 1 + 5 + outOfTurnCount * (1 + 10);
  }

  /**
   * Appends the acknowledgments, then {@link Wire#C_GIVE_BACK}: the host puts back what it
   * handed out and was not acknowledged. From here on nothing is acknowledged (a receive that
   * returns after it, on another thread, returns a message given back, which the host no longer
   * lists: an acknowledgment of it would name one the host refuses). Under begin.
   */
  void giveBack(ByteOutput o) {
    o.ensureCapacity(acknowledgmentBytes() + 1); // whole or not at all: out of heap, nothing written
    acknowledge(o);
    o.writeByte(Wire.C_GIVE_BACK);
    gaveBack = true;
  }
}
