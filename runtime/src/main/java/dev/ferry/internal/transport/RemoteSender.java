package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.ChannelClosedException;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Writes a holder's messages into its channel's outbox ({@link RemoteChannel}): connects if
 * needed, takes a slot of a bounded channel's credit ({@link SendCredit}), announces a message
 * type the first time it goes out on the connection, and appends the message whole, or with its
 * body left in the caller's buffer to go out from there (a large {@code byte[]}); a write that
 * failed reads what the host said before it hung up, so that the send says why.
 *
 * <p>Apart from the channel because the sending path is its own: it takes the channel's lock only
 * to connect and for credit, and appends holding the outbox's. No state of its own.
 */
final class RemoteSender {
  /** How long a send whose write failed reads what the host said before it hung up. */
  private static final long LAST_WORDS_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The channel whose messages this sends: its state says whether a send may go. */
  private final RemoteChannel channel;

  RemoteSender(RemoteChannel channel) {
    this.channel = channel;
  }

  /**
   * Sends the message whose encoded body is {@code prefix}, then {@code body}, as {@link
   * RemoteChannel#send} says.
   */
  boolean send(
      MessageTypes.Entry entry, byte[] prefix, int prefixLength, byte[] body, int length,
      long timeoutNanos, boolean answering) throws InterruptedException {
    try {
      return sendIntact(entry, prefix, prefixLength, body, length, timeoutNanos, answering);
    } catch (InternalError | IllegalMonitorStateException e) {
      channel.faults.releaseAfterFault(0);
      throw channel.faults.cutShort(e);
    }
  }

  private boolean sendIntact(
      MessageTypes.Entry entry, byte[] prefix, int prefixLength, byte[] body, int length,
      long timeoutNanos, boolean answering) throws InterruptedException {
    if ((channel.capacity > 0 || channel.out == null || channel.sendClosed || channel.closedHere)
        && !acquire(timeoutNanos)) {
      return false;
    }
    boolean tail = length >= Wire.TAIL_MIN_BYTES;
    ByteOutput o;
    try {
      o = tail ? channel.out.beginTail() : channel.out.begin();
    } catch (UncheckedIOException e) {
      throw closedAfterFailedWrite();
    }
    boolean appended = false;
    try {
      if (channel.closedHere) {
        // Another thread closed this handle since the check above, and its goodbye may already
        // be ahead in the outbox, after which the host reads nothing of ours: a message appended
        // now would be dropped, though this send returned. Checked holding the outbox, which the
        // goodbye needs too, so a message appended here always goes before it.
        throw channel.closedForSend();
      }
      // Room for the whole of what is appended first, so that out of heap this throws before any
      // of it is written: a record torn halfway went out all the same (the finally ends the
      // append), and a type marked announced whose definition was not written left the host
      // reading messages of a type it never heard of
      int record = 1 + 5 + 5 + (tail ? 0 : prefixLength + length);
      if (entry.id >= MessageTypes.FIRST_USER_ID && !channel.out.announced(entry.id)) {
        byte[] name = entry.name.getBytes(StandardCharsets.UTF_8);
        byte[] description = entry.description().getBytes(StandardCharsets.UTF_8);
        o.ensureCapacity(1 + 5 + 5 + name.length + 8 + 5 + description.length + record);
        channel.out.announce(entry.id);
        o.writeByte(Wire.C_DEFINE);
        o.writeVarInt(entry.id);
        o.writeVarInt(name.length);
        o.writeBytes(name, 0, name.length);
        o.writeFixedLong(entry.fingerprint);
        o.writeVarInt(description.length);
        o.writeBytes(description, 0, description.length);
      } else {
        o.ensureCapacity(record);
      }
      o.writeByte(Wire.C_MESSAGE);
      o.writeVarInt(entry.id);
      o.writeVarInt(prefixLength + length);
      if (!tail) {
        o.writeBytes(prefix, 0, prefixLength);
        o.writeBytes(body, 0, length);
      }
      appended = true;
    } finally {
      if (!appended || !tail) {
        if (answering) {
          channel.out.endAnswering();
        } else {
          channel.out.end();
        }
      }
    }
    if (tail) {
      try {
        // the body leaves from the caller's buffer
        channel.out.endWithTail(prefix, prefixLength, body, length);
      } catch (UncheckedIOException e) {
        throw closedAfterFailedWrite();
      }
    }
    return true;
  }

  /**
   * Connects if needed and, on a bounded channel, takes one slot of credit, waiting for it as
   * {@link RemoteChannel#send} says; false if none came in time.
   */
  private boolean acquire(long timeoutNanos) throws InterruptedException {
    // A clock read costs tens of nanoseconds, on every send: only for a timeout.
    long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    channel.lock.lockInterruptibly();
    try {
      if (channel.closedHere) {
        throw channel.closedForSend();
      }
      channel.connect();
      if (channel.sendClosed) {
        throw channel.closedForSend();
      }
      if (channel.capacity == 0) {
        return true;
      }
      return channel.credits.take(timeoutNanos, deadline);
    } finally {
      channel.lock.unlock();
    }
  }

  /**
   * Why a send could not write: the connection failed, mostly because the host hung up. What the
   * host wrote before it did (why it dropped this process's connection, or that the channel was
   * closed) is read first, for at most a second, since the sending thread often learns of the
   * hang-up before the reading thread has read those last words, and would otherwise tell a
   * dropped connection as a closed channel.
   */
  private ChannelClosedException closedAfterFailedWrite() throws InterruptedException {
    channel.lock.lockInterruptibly();
    try {
      long deadline = System.nanoTime() + LAST_WORDS_NANOS;
      while (!channel.closedHere && !channel.sendClosed && channel.dropped == null
          && deadline - System.nanoTime() > 0) {
        channel.awaitChange(deadline);
      }
      return channel.closedForSend();
    } finally {
      channel.lock.unlock();
    }
  }
}
