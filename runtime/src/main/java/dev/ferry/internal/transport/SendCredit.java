package dev.ferry.internal.transport;

/**
 * A bounded channel's credit on the sending side: the slots of the channel this process may fill
 * without asking the host (one per send), the requests for more that keep a busy producer from
 * waiting a round trip per batch, an offer's request for what is free now, and the slots handed
 * back when every thread that asked for them stopped waiting, so that a process which sends no
 * more does not sit on room the channel's other producers need. A class of its own because the
 * bookkeeping of who still waits for which answer is the subtle part of sending, and apart from
 * the send it serves.
 *
 * <p>Every field and method is guarded by the channel's lock ({@code RemoteChannel.lock}), held
 * on every call; the waits here release it while they wait (see {@code
 * RemoteChannel.awaitChange}).
 */
final class SendCredit {
  /** The most slots of a bounded channel a holder asks for at once (see batch). */
  static final int MAX_CREDIT_BATCH = 8192;

  /** The channel this credit is for: its lock guards this, and its connection carries the asks. */
  private final RemoteChannel channel;
  /**
   * Slots of a bounded channel asked for at a time: a quarter of the capacity, so that a few
   * producers can hold credit at once, and at most {@link #MAX_CREDIT_BATCH}, so that an idle
   * producer does not sit on much of the channel.
   */
  private final int batch;

  private int credit;
  private boolean creditAsked;
  /** Sends waiting in {@link #take} for credit. */
  private int creditWaiters;
  /**
   * Every send that waited for the open request for credit gave up (timed out, was interrupted):
   * what it brings is handed back unless a send waits for it by then (see {@link #unwanted}).
   */
  private boolean creditAbandoned;
  /** How many slots all answers to requests for credit have brought. */
  private long granted;
  /** Requests for what is free now sent, and answers to them come (the host answers in order). */
  private long creditAskedNow;
  private long creditAnsweredNow;
  /**
   * The last request for what is free now whose offer stopped waiting for the answer (the host
   * was slow, or the offer interrupted): the slots answers up to it bring are handed back unless
   * a send of this process waits for credit then (see {@link #unwantedNow}).
   */
  private long creditNowGivenUp;
  /** Offers waiting in {@link #askCreditNow} for the answer to their request. */
  private int nowWaiters;

  SendCredit(RemoteChannel channel, int capacity) {
    this.channel = channel;
    this.batch = Math.max(1, Math.min(MAX_CREDIT_BATCH, capacity / 4));
  }

  /**
   * Takes one slot, waiting for it as {@link RemoteChannel#send} says (asking once if {@code
   * timeoutNanos} is 0); false if none came in time. Lock held.
   */
  boolean take(long timeoutNanos, long deadline) throws InterruptedException {
    if (credit == 0 && timeoutNanos == 0) {
      offerCredit();
    }
    if (credit == 0 && !awaitCredit(timeoutNanos, deadline)) {
      return false;
    }
    credit--;
    if (credit < batch / 2) {
      // ahead of time, so that a busy producer does not wait a round trip per batch
      askCredit(false);
    }
    return true;
  }

  /**
   * The host granted {@code slots} in answer to a request for a batch; returns those to hand back
   * ({@link #unwanted}). Lock held.
   */
  int granted(int slots) {
    credit += slots;
    granted += slots;
    creditAsked = false;
    return unwanted(slots);
  }

  /**
   * The host granted {@code slots} in answer to a request for what is free now; returns those to
   * hand back ({@link #unwantedNow}). Lock held.
   */
  int grantedNow(int slots) {
    credit += slots;
    granted += slots;
    creditAnsweredNow++;
    return unwantedNow(slots);
  }

  /** Keeps {@code slots} that could not be handed back: the next send uses them. Lock held. */
  void keep(int slots) {
    credit += slots;
  }

  /**
   * Waits for a slot of credit, asking for it; false if none came in time or {@code timeoutNanos}
   * is 0. A send that gives up leaves the request open (the host may have granted it already, the
   * answer on its way), and the last to give up marks it abandoned: a process that then sends no
   * more must not hold the slots it brings, for with a small capacity they are all the channel's
   * room (a child whose {@code send(v, 50 ms)} timed out on a full {@code Channel.create(1)} held
   * the slot freed later, so the host's {@code send(v, 5 s)} on the then empty channel returned
   * false). Lock held.
   */
  private boolean awaitCredit(long timeoutNanos, long deadline) throws InterruptedException {
    creditWaiters++;
    try {
      while (credit == 0) {
        // closed here while it waited: see RemoteChannel.close
        if (channel.closedHere || channel.sendClosed) {
          throw channel.closedForSend();
        }
        if (timeoutNanos == 0) {
          return false;
        }
        askCredit(true);
        if (timeoutNanos < 0) {
          channel.awaitChange(RemoteChannel.FOREVER);
        } else {
          if (deadline - System.nanoTime() <= 0) {
            return false;
          }
          channel.awaitChange(deadline);
        }
      }
      return true;
    } finally {
      // An offer (0) waits for no request of this kind: see offerCredit.
      if (--creditWaiters == 0 && credit == 0 && creditAsked && timeoutNanos != 0) {
        creditAbandoned = true;
      }
    }
  }

  /**
   * Of {@code slots} just granted (counted in {@link #credit}), those to hand back to the host:
   * all it can, if they answer an abandoned request and no send waits for credit now. A send that
   * comes later asks again. Lock held.
   */
  private int unwanted(int slots) {
    if (!creditAbandoned) {
      return 0;
    }
    creditAbandoned = false;
    return creditWaiters > 0 ? 0 : takeBack(slots);
  }

  /** Takes up to {@code slots} just granted out of {@link #credit}, to hand back. Lock held. */
  private int takeBack(int slots) {
    int back = Math.min(slots, credit);
    credit -= back;
    return back;
  }

  /**
   * For {@code offer}: asks for what is free now ({@link #askCreditNow}) until a slot is this
   * thread's, the answer to this thread's request came with no slot come since it asked (the
   * channel was full), or a second has passed (then false: slots granted later serve). Answers
   * wake every waiting thread, and other offers may take the slots they brought: an offer that
   * woke to find them gone, or woke to the answer to an older request of another thread, returned
   * false with room in the channel (16 threads of a child each offering once to a channel of 16:
   * 4 went in; 1,000 virtual threads offering to a channel of 1,000: 943). Lock held.
   */
  private void offerCredit() throws InterruptedException {
    long deadline = System.nanoTime() + RemoteChannel.ANSWER_WAIT_NANOS;
    long before;
    do {
      before = granted;
      askCreditNow(deadline);
    } while (credit == 0 && granted != before && !channel.sendClosed
        && deadline - System.nanoTime() > 0);
  }

  /**
   * For {@code offer}: asks for what is free now and waits for the answer to this request, one
   * round trip. Asked even while a request that waits for room is open: that one may be answered
   * only once there is room, and returning without asking made an offer right after a send's
   * request ahead of time (a quarter of the capacity in, slots free) return false. The host answers
   * this request at once (nothing if that open request waits, as the channel is full), after every
   * slot it granted before. Lock held.
   */
  private void askCreditNow(long deadline) throws InterruptedException {
    channel.control(Wire.C_CREDIT, batch, 0, true); // first: see TakeRequests.request
    long ticket = ++creditAskedNow;
    nowWaiters++;
    try {
      while (creditAnsweredNow < ticket && !channel.sendClosed) {
        if (deadline - System.nanoTime() <= 0) {
          creditNowGivenUp = ticket;
          return;
        }
        channel.awaitChange(deadline);
      }
    } catch (InterruptedException e) {
      if (creditAnsweredNow < ticket) {
        creditNowGivenUp = ticket;
      }
      throw e;
    } finally {
      nowWaiters--;
    }
  }

  /**
   * Of {@code slots} just granted (counted in {@link #credit}) in answer to a request for what is
   * free now, those to hand back to the host: all it can, if the offer that asked gave up waiting
   * and no send or offer of this process waits for credit now. A child whose offer on a full
   * {@code Channel.create(1)} returned false after a second of a stopped host kept the slot the
   * host's late answer granted: the host's own {@code send(v, 20 s)} on the empty channel then
   * returned false. Lock held.
   */
  private int unwantedNow(int slots) {
    if (creditAnsweredNow > creditNowGivenUp || creditWaiters > 0 || nowWaiters > 0) {
      return 0;
    }
    return takeBack(slots);
  }

  /**
   * Asks the host for a batch of credit unless a request is open; {@code awaited}: the sender waits
   * for it now (it has no credit), so the request leaves at once. Lock held.
   */
  private void askCredit(boolean awaited) {
    if (!creditAsked) {
      channel.control(Wire.C_CREDIT, batch, 1, awaited); // first: see TakeRequests.request
      creditAsked = true;
    }
  }
}
