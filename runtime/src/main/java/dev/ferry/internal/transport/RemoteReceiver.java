package dev.ferry.internal.transport;

import dev.ferry.ChannelClosedException;
import dev.ferry.TransferException;
import dev.ferry.internal.transport.Inbox.Taken;

/**
 * Receives a holder's messages ({@link RemoteChannel}): takes the next from the inbox, asking the
 * host for more ({@link TakeRequests}) and waiting for its answer when none is there (a poll
 * withdraws a request that is not its own before it asks; a timed receive that gives up withdraws
 * its own), then decodes it outside the channel's lock, so receivers decode in parallel, and
 * counts it received ({@link Inbox}). A value the heap cannot hold goes to {@link RemoteHeap}.
 *
 * <p>Apart from the channel because taking, waiting and counting are the receive's own path; it
 * takes the channel's lock as the channel did, and counts the receives waiting under it.
 */
final class RemoteReceiver {
  /** The channel whose messages this receives: its lock guards this, its inbox holds them. */
  private final RemoteChannel channel;
  /** Threads in a receive, waiting for a message: the open request is theirs. Under the lock. */
  private int receivers;

  RemoteReceiver(RemoteChannel channel) {
    this.channel = channel;
  }

  /**
   * The next message, decoded: waits forever if {@code timeoutNanos < 0}, asks once without
   * waiting if it is 0, else waits at most that long; {@code NOTHING} if none came.
   *
   * @throws TransferException if the message cannot be decoded (the next one can be received)
   */
  Object receive(long timeoutNanos) throws InterruptedException {
    Taken taken;
    try {
      taken = take(timeoutNanos);
    } catch (InternalError | IllegalMonitorStateException e) {
      channel.faults.releaseAfterFault(0);
      throw channel.faults.cutShort(e);
    }
    if (taken == null) {
      return RemoteChannel.NOTHING;
    }
    byte[] item = taken.item();
    int id = Wire.getIntLE(item, 0);
    MessageTypes.Entry entry = channel.types.entry(id);
    int bytes = item.length - 4;
    Object value;
    try {
      value = entry.decode(item, 4, bytes); // outside the lock: receivers decode in parallel
    } catch (OutOfMemoryError e) {
      HeapReserve.release(); // what comes next takes a little room
      int heldBack = RemoteHeap.fitsLater(bytes)
          ? channel.heap.holdBack(item, taken.number()) : RemoteHeap.NO_ROOM;
      if (heldBack == RemoteHeap.HELD_BACK) {
        throw e; // the heap is full of what the program holds: the message waits for it here
      }
      item = null; // the message goes back to the host; this process lets its bytes go
      throw channel.heap.letGoOfTooLarge(bytes, heldBack == RemoteHeap.HELD_BACK_TOO_OFTEN);
    } catch (Throwable e) { // undecodable: received all the same
      decoded(taken.number());
      throw e;
    }
    decoded(taken.number());
    return value;
  }

  /**
   * Message {@code number} was decoded (or failed to decode but for the heap): counts it, and with
   * it those decoded out of turn that waited for it (see {@link Inbox}). With one receiving thread
   * this takes no lock.
   */
  private void decoded(long number) {
    if (channel.inbox.countIfFirst(number, channel.out) && !channel.inbox.hasDecodedAhead()) {
      return;
    }
    // Out of heap, lock() threw here, after the value was decoded: the message was never counted,
    // nor any after it, and all of them went back to the channel as this process let go of it,
    // and were received twice
    HeapReserve.lock(channel.lock);
    try {
      channel.inbox.countLater(number, channel.out);
    } finally {
      channel.lock.unlock();
    }
  }

  private Taken take(long timeoutNanos) throws InterruptedException {
    long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0; // as in a send's
    channel.lock.lockInterruptibly();
    boolean receiving = false;
    try {
      channel.connect();
      if (timeoutNanos != 0) {
        receiving = true;
        receivers++;
      }
      boolean asked = false;
      boolean withdrew = false;
      while (true) {
        if (channel.closedHere) {
          // Closed (or the process is exiting) while this thread waited: never ask again.
          throw new ChannelClosedException(channel.closedHereWhy());
        }
        Taken next = channel.inbox.next();
        if (next != null) {
          try {
            channel.takes.prefetch();
          } catch (OutOfMemoryError e) {
            // The message is taken: it must be returned, and the next receive asks
            HeapReserve.release();
          }
          return next;
        }
        if (channel.receiveClosed) {
          throw new ChannelClosedException(channel.closedWhy != null ? channel.closedWhy
              : channel + " was closed and is empty");
        }
        if (!channel.takes.isOutstanding()) {
          if (asked && timeoutNanos == 0 && !channel.takes.lastWasFull()) {
            return null; // the answer brought all the host had, and other threads took it
          }
          channel.takes.ask(timeoutNanos != 0);
          asked = true;
        } else if (timeoutNanos == 0 && !asked) {
          if (receivers > 0) {
            return null; // another thread is already waiting for the next message
          }
          if (!withdrew) {
            // The open request is no receive's: this process's prefetch, whose answer may be on
            // its way, or parked at the host because the channel was empty when it came (or
            // another poll's). Withdrawing it tells them apart: what the host had answered
            // arrives before its confirmation, and then this poll asks for itself. Such a poll
            // used to return empty at once, so a child draining a channel of 1,000 messages
            // with while (ch.poll().isPresent()) stopped after 3 (128 through the socket alone).
            withdrew = true;
            channel.takes.withdraw();
            continue;
          }
        }
        if (timeoutNanos < 0) {
          channel.awaitChange(RemoteChannel.FOREVER);
        } else if (timeoutNanos == 0) {
          // poll: one round trip, but not for ever when the host does not answer (stopped, hung);
          // the request stays open, and what it brings later waits here for the next receive.
          if (deadline == 0) {
            deadline = System.nanoTime() + RemoteChannel.ANSWER_WAIT_NANOS;
          } else if (deadline - System.nanoTime() <= 0) {
            return null;
          }
          channel.awaitChange(deadline);
        } else {
          if (deadline - System.nanoTime() <= 0) {
            return cancel();
          }
          channel.awaitChange(deadline);
        }
      }
    } finally {
      if (receiving) {
        receivers--;
      }
      channel.lock.unlock();
    }
  }

  private Taken cancel() {
    channel.takes.withdraw();
    return channel.inbox.next();
  }
}
