package dev.ferry.internal.transport;

import dev.ferry.TransferException;

import java.util.ArrayDeque;

/**
 * The messages handed to one holder ({@link HostConnection}) that it has not acknowledged yet, in
 * hand-out order, and the acknowledgments off the wire that shorten the list: by count, in order
 * ({@link Wire#C_ACK}), and one by one, out of turn ({@link Wire#C_ACK_ONE}: another of the
 * holder's threads was still decoding one handed out before). What is left when the holder gives
 * its messages back or its connection ends goes back to the channel, but for those acknowledged
 * out of turn. A number off the wire that names no message listed (never handed out, acknowledged
 * or given back before, or out of turn twice) is a forged stream: it throws, and the connection is
 * dropped.
 *
 * <p>Apart from the connection so that the list and its marks, whose invariants the validation
 * keeps, are read in one place. One per connection; guarded by the channel's lock.
 */
final class HandedOut {
  /**
   * Handed to the holder, in order, and not yet acknowledged as received by count ({@link
   * Wire#C_ACK}): those acknowledged out of turn ({@link Wire#C_ACK_ONE}) stay until the count
   * passes them, marked in {@link #receivedOutOfTurn}.
   */
  private final ArrayDeque<Object> unacknowledged = new ArrayDeque<>();
  /**
   * The number of {@link #unacknowledged}'s first message: messages are numbered from 0 in the
   * order they are handed out on this connection, as the holder numbers them as it takes them.
   */
  private long firstNumber;
  /**
   * Which of {@link #unacknowledged} the holder acknowledged out of turn, at {@code number %
   * length} (a power of two; empty until the first such acknowledgment, which grows it): they do
   * not go back to the channel. Touched only while {@link #outOfTurn} is not 0, so that handing
   * out and acknowledging by count cost what they did.
   */
  private boolean[] receivedOutOfTurn = new boolean[0];
  /** How many of {@link #unacknowledged} are marked in {@link #receivedOutOfTurn}. */
  private int outOfTurn;

  /** {@code item} was handed to the holder, after all those listed. */
  void add(Object item) {
    unacknowledged.addLast(item);
  }

  /**
   * The holder's receive() returned the next {@code count} messages it was given (some may have
   * been acknowledged out of turn already). Channel's lock held.
   */
  void acknowledge(int count) {
    if (count > unacknowledged.size()) {
      throw new TransferException(
          "the holder acknowledged " + count + " messages but holds only "
              + unacknowledged.size());
    }
    for (int i = 0; i < count; i++) {
      if (outOfTurn > 0) {
        int at = indexOf(firstNumber);
        if (receivedOutOfTurn[at]) {
          receivedOutOfTurn[at] = false;
          outOfTurn--;
        }
      }
      unacknowledged.pollFirst();
      firstNumber++;
    }
  }

  /**
   * The holder's receive() returned message {@code number} (see {@link Wire#C_ACK_ONE}) before
   * one handed out earlier: it stays listed until the count passes it, but does not go back to the
   * channel. Channel's lock held.
   */
  void acknowledgeOutOfTurn(long number) {
    long offset = number - firstNumber;
    if (number < 0 || offset >= unacknowledged.size()) {
      throw new TransferException(
          "the holder acknowledged message " + number + " out of turn, but was handed "
              + (firstNumber + unacknowledged.size()) + " messages on this connection");
    }
    if (offset < 0) {
      throw new TransferException(
          "the holder acknowledged message " + number + " out of turn, but it acknowledged the"
              + " first " + firstNumber + " messages it was handed (or gave them back) before");
    }
    if (offset >= receivedOutOfTurn.length) {
      growOutOfTurn(offset + 1);
    }
    int at = indexOf(number);
    if (receivedOutOfTurn[at]) {
      throw new TransferException(
          "the holder acknowledged message " + number + " out of turn twice");
    }
    receivedOutOfTurn[at] = true;
    outOfTurn++;
  }

  private int indexOf(long number) {
    return (int) number & (receivedOutOfTurn.length - 1);
  }

  /** Grows {@link #receivedOutOfTurn} to hold at least {@code offsets}, marks kept in place. */
  private void growOutOfTurn(long offsets) {
    int length = Math.max(64, receivedOutOfTurn.length * 2);
    while (length < offsets) {
      length *= 2; // offsets is at most the list's size, an int
    }
    boolean[] grown = new boolean[length];
    int kept = Math.min(unacknowledged.size(), receivedOutOfTurn.length);
    for (long n = firstNumber; n < firstNumber + kept; n++) {
      grown[(int) n & (length - 1)] = receivedOutOfTurn[indexOf(n)];
    }
    receivedOutOfTurn = grown;
  }

  /**
   * How many messages the holder was handed that no receive() of it returned, by its count or out
   * of turn; channel's lock held.
   */
  int unacknowledgedCount() {
    return unacknowledged.size() - outOfTurn;
  }

  /**
   * Whether the holder was handed messages that no receive() of it has returned yet: messages that
   * would go back to the channel if it went now.
   */
  boolean holdsUnacknowledged() {
    return unacknowledged.size() > outOfTurn;
  }

  /**
   * Whether {@code item} was given to the holder and not acknowledged by count (it may have been
   * out of turn: it was given all the same). Channel's lock held.
   */
  boolean holdsUnacknowledged(Object item) {
    for (Object held : unacknowledged) {
      if (held == item) {
        return true;
      }
    }
    return false;
  }

  /**
   * The messages handed to the holder that no receive() of it returned, in order, without those
   * acknowledged out of turn; forgets them all. The holder acknowledges nothing after it (it gave
   * them back, or is gone), so the numbers of the next messages handed out simply go on.
   */
  ArrayDeque<Object> takeUnacknowledged() {
    ArrayDeque<Object> left = new ArrayDeque<>(unacknowledged.size() - outOfTurn);
    boolean anyOutOfTurn = outOfTurn > 0;
    long number = firstNumber;
    for (Object item : unacknowledged) {
      if (anyOutOfTurn && receivedOutOfTurn[indexOf(number)]) {
        receivedOutOfTurn[indexOf(number)] = false;
      } else {
        left.addLast(item);
      }
      number++;
    }
    firstNumber = number;
    outOfTurn = 0;
    unacknowledged.clear();
    return left;
  }
}
