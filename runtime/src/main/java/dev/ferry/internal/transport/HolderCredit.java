package dev.ferry.internal.transport;

import dev.ferry.TransferException;

/**
 * The slots of a bounded channel one holder holds ({@link HostConnection}): granted to it, each
 * good for one message it sends, spent as its messages arrive or handed back unused ({@link
 * Wire#C_CREDIT_BACK}), the rest taken back when its connection ends; and how many it asked for
 * while it waits in the channel's line for room. A holder that sends or hands back more than it
 * holds is a forged stream: it throws, and the connection is dropped.
 *
 * <p>Apart from the connection so that the count and its checks off the wire are read in one
 * place; the connection tells the holder what it was granted. One per connection; guarded by the
 * channel's lock.
 */
final class HolderCredit {
  private int wanted;
  private int held;

  /** How many slots the holder asked for when it last asked to wait for room. */
  int wanted() {
    return wanted;
  }

  void want(int wanted) {
    this.wanted = wanted;
  }

  /** The holder was granted {@code granted} more slots. */
  void add(int granted) {
    held += granted;
  }

  /** The holder sent {@code count} messages, one per slot it holds. */
  void spend(int count) {
    if (count > held) {
      throw new TransferException(
          "a holder sent " + count + " messages on a bounded channel with credit for " + held);
    }
    held -= count;
  }

  /** Takes back slots the holder hands back unused (see {@link Wire#C_CREDIT_BACK}). */
  void takeBack(int count) {
    if (count < 0 || count > held) {
      throw new TransferException(
          "a holder handed back " + count + " slots of a bounded channel with credit for " + held);
    }
    held -= count;
  }

  /** Takes back every slot the holder holds (its connection ended); returns how many. */
  int drop() {
    int left = held;
    held = 0;
    return left;
  }
}
