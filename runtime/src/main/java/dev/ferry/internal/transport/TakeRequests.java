package dev.ferry.internal.transport;

import java.util.concurrent.TimeUnit;

/**
 * A channel's requests to its host for messages ({@link Wire#C_TAKE}): at most one open at a
 * time, answered by the messages the host has (or, for a request that waits, the first that
 * come) and an end ({@link Wire#H_TAKE_END}). How many are asked for adapts: the batch doubles
 * (to {@link Wire#MAX_TAKE}) while the host has that many and answers within a millisecond, and
 * halves when it does not, so a fast consumer takes batches and a slow one does not hoard work its
 * siblings could do; a large batch asks for the next one when a quarter is left, and a consumer
 * that keeps up through shared memory asks for its next message before this one is returned. A
 * timed receive that gives up withdraws the request. Apart from the channel because when to ask,
 * and for how many, is a policy of its own that the receive merely follows.
 *
 * <p>Guarded by the channel's lock ({@code RemoteChannel.lock}), held on every call; {@link
 * #withdraw} releases it while it waits for the host's confirmation.
 */
final class TakeRequests {
  /** A request answered within this long was answered at once: the producer keeps pace. */
  private static final long QUICK_NANOS = 1_000_000;
  private static final int MAX_PREFETCH = Wire.MAX_TAKE;

  /** The channel whose messages are asked for: its lock guards this, its connection carries it. */
  private final RemoteChannel channel;
  /** The channel's inbox, whose level decides when to ask ahead. */
  private final Inbox inbox;
  private boolean takeOutstanding;
  private int takeSize = 1;
  private long answeredAt;
  /** When a receive last returned the message that emptied the inbox (see keepsUp). Under lock. */
  private long returnedAt = System.nanoTime() - QUICK_NANOS;
  /** Messages that came for the open request, and whether the last request got all it asked. */
  private int takeGot;
  private boolean lastTakeFull;

  TakeRequests(RemoteChannel channel, Inbox inbox) {
    this.channel = channel;
    this.inbox = inbox;
  }

  /** Whether a request is open: its answer has not ended. */
  boolean isOutstanding() {
    return takeOutstanding;
  }

  /** Whether the last answer brought all its request asked for: the host may have more. */
  boolean lastWasFull() {
    return lastTakeFull;
  }

  /** {@code count} messages arrived for the open request. */
  void arrived(int count) {
    takeGot += count;
  }

  /** The host ended its answer to the open request. */
  void answered() {
    takeOutstanding = false;
    lastTakeFull = takeGot >= takeSize;
    answeredAt = System.nanoTime();
  }

  /** What the host handed out and was not received went back to it, the open request with it. */
  void givenBack() {
    takeOutstanding = false;
  }

  /**
   * Asks for messages for a receive that found none, which waits for the answer: twice as many as
   * last time if the host had that many and answered within a millisecond, half as many if it
   * was slower than that. Lock held.
   */
  void ask(boolean wait) {
    long now = System.nanoTime();
    if (answeredAt != 0) {
      if (now - answeredAt >= 1_000_000) {
        takeSize = Math.max(1, takeSize / 2);
      } else if (lastTakeFull) {
        takeSize = Math.min(takeSize * 2, MAX_PREFETCH);
      } // else the host had fewer than asked for: a larger request would bring no more
    }
    request(wait, true); // asked by a receive that found nothing: it waits for the answer
  }

  /**
   * A consumer that takes large batches asks for the next one when a quarter of the current one
   * is left, so that it rarely stalls for a round trip. With messages left it asks for what is
   * queued now; with none left it asks to wait at the host, so that the next message comes as
   * soon as it is sent, without a second request from the next {@code receive} (the host answers
   * a waiting request with the first messages that arrive, so it holds back no more than those).
   */
  void prefetch() {
    if (takeOutstanding || channel.receiveClosed) {
      return;
    }
    if (takeSize >= 64 && inbox.size() <= takeSize / 4) {
      request(inbox.isEmpty(), false);
    } else if (channel.rings != null && channel.capacity == 0 && inbox.isEmpty() && keepsUp()
        && System.nanoTime() - answeredAt < QUICK_NANOS) {
      // Through shared memory a request costs no system call: a consumer whose requests are
      // answered at once, and that came back for this message within a millisecond of the last,
      // asks for its next message before this one is returned, so the request is at the host
      // before the producer's next send, which then hands the message on itself. Not a consumer
      // slower than that: with messages queued at the host, the request would take the next one
      // at once, and it would wait in this process while the consumer works on this one, work
      // an idle sibling could have done (a worker taking 5 s per message held the next for 5 s
      // while another sat idle). Not on a bounded channel, where a message handed on early would
      // free a slot that a consumer which stopped receiving does not free.
      request(true, false);
    }
  }

  /**
   * Whether the consumer came back for the message that empties the inbox within {@link
   * #QUICK_NANOS} of the last that did (asked only then, so that a consumer of batches pays for no
   * clock per message).
   */
  private boolean keepsUp() {
    long now = System.nanoTime();
    boolean keepsUp = now - returnedAt < QUICK_NANOS;
    returnedAt = now;
    return keepsUp;
  }

  /**
   * Asks for {@link #takeSize} messages; {@code awaited}: the receiving thread waits for the answer
   * now, so the request leaves at once.
   */
  private void request(boolean wait, boolean awaited) {
    // The record first: out of heap it throws, and a request marked open that was never sent left
    // every later receive waiting for its answer. The answer cannot come before the marks: it
    // needs the lock this thread holds.
    channel.control(Wire.C_TAKE, takeSize, wait ? 1 : 0, awaited);
    takeOutstanding = true;
    takeGot = 0;
  }

  /**
   * How long a timed receive that withdraws its request waits for the host's confirmation: a round
   * trip takes microseconds, a few milliseconds on a loaded machine.
   */
  private static final long CANCEL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  /**
   * Withdraws an open request, waiting a moment ({@link #CANCEL_GRACE_NANOS}) for the host to
   * confirm it; messages already on their way still arrive, and one that comes later waits here
   * for the next receive (or goes back to the channel when this process closes it or exits). Not
   * longer: a timed receive must return about on time even when its host does not answer (it was
   * stopped, hung, or starved of CPU), which a wait of seconds here broke. Lock held.
   */
  void withdraw() {
    if (!takeOutstanding || channel.closedWhy != null) {
      return;
    }
    channel.control(Wire.C_CANCEL, 0, 0);
    long deadline = System.nanoTime() + CANCEL_GRACE_NANOS;
    while (takeOutstanding && !channel.receiveClosed) {
      if (deadline - System.nanoTime() <= 0) {
        return;
      }
      try {
        channel.awaitChange(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
