package dev.ferry.internal.transport;

import dev.ferry.ChannelClosedException;

/**
 * What a holder's channel ({@link RemoteChannel}) does when this process's heap cannot hold what
 * its host sent: a message whose value did not fit, but may once the program lets go of what it
 * holds ({@link #fitsLater}), is held back first for the next receive; one too large beside the
 * heap, or held back too often, or a heap that ran out as the connection was read, makes this
 * process let go of the channel, giving back what it had been handed and not received, and says
 * why (words built ahead, while there is room, for when even they do not fit).
 *
 * <p>Apart from the channel because a full heap is a path of its own through receiving and
 * reading, whose every step must not itself need the heap it lacks. What it changes is guarded by
 * the channel's lock ({@code RemoteChannel.lock}), taken here as the channel would take it;
 * {@link #letGo} is read without it.
 */
final class RemoteHeap {
  /** What {@link #holdBack} did with a message whose value did not fit. */
  static final int HELD_BACK = 0;
  static final int HELD_BACK_TOO_OFTEN = 1;
  static final int NO_ROOM = 2;

  /** The channel whose holder this is: its lock guards what this changes, its goodbye ends it. */
  private final RemoteChannel channel;

  /** Why this process let go of the channel, when a message did not fit in its heap. */
  private volatile String letGo;

  RemoteHeap(RemoteChannel channel) {
    this.channel = channel;
  }

  /** Why this process let go of the channel for its heap, or null. */
  String letGo() {
    return letGo;
  }

  /**
   * Runs, while the heap has room, what the connection's threads run only once it is full (see
   * {@link #ranOutOfHeap}): the reserve's class, and the calls that build the message saying so,
   * which the JVM links on their first run, taking heap for it. Once per connection.
   */
  void primeHeapPaths() {
    HeapReserve.prime();
    outOfHeapWords = ranOutOfHeap(0);
  }

  /** {@link #ranOutOfHeap}'s words, built ahead: when even they do not fit, these are said. */
  private String outOfHeapWords;

  /**
   * Puts {@code item}, whose value the heap could not hold, back first in the inbox for the next
   * receive, still uncounted (so neither it nor any message after it is acknowledged before it
   * is received, and all of them go back to the channel if this process lets go of it first):
   * {@link #HELD_BACK}; {@link #NO_ROOM} if the inbox has no room for it either, {@link
   * #HELD_BACK_TOO_OFTEN} if it did not fit {@link Inbox#HOLD_BACK_TIMES} receives in a row.
   * Before, a child at -Xmx24m that kept the 512 KiB messages it received let go of the channel
   * at the first that did not fit, though it would have made room (it caught the error and let go
   * of what it kept).
   */
  int holdBack(byte[] item, long number) {
    HeapReserve.lock(channel.lock);
    try {
      if (!channel.inbox.holdBack(item, number)) {
        return HELD_BACK_TOO_OFTEN;
      }
      channel.changes++;
      channel.changed.signalAll();
      return HELD_BACK;
    } catch (OutOfMemoryError e) {
      return NO_ROOM;
    } finally {
      channel.lock.unlock();
    }
  }

  /**
   * The heap cannot hold the value of a message of {@code bytes} this thread took: this process
   * lets go of the channel, as when the message's bytes do not fit as they arrive, giving back that
   * message with whatever else it had been handed and not received (so the message goes to other
   * receivers), and says goodbye. Messages that other threads of this process are still decoding go
   * back too, and may be received twice; those they returned before were acknowledged (in turn, or
   * on their own, out of turn). Returns the exception for the receive, and every later use of the
   * channel, to throw.
   */
  ChannelClosedException letGoOfTooLarge(int bytes, boolean heldBackTooOften) {
    HeapReserve.lock(channel.lock);
    try {
      if (letGo == null) {
        letGo = heldBackTooOften ? neverFits(bytes) : heapFull(bytes);
      }
      if (channel.closedWhy == null) {
        channel.goodbye();
      }
    } finally {
      channel.lock.unlock();
    }
    channel.lost(letGo);
    return new ChannelClosedException(channel.closedWhy != null ? channel.closedWhy : letGo);
  }

  private String neverFits(long bytes) {
    return channel + " broke: the value of a message of " + bytes
        + " bytes from its host did not fit"
        + " in this process's heap (" + HeapLimit.described() + ") at " + Inbox.HOLD_BACK_TIMES
        + " receives in a row, so this process let go of the channel; that message, and what else"
        + " it had been handed and not received, goes back to it for other receivers";
  }

  String heapFull(long bytes) {
    return channel + " broke: a message of " + bytes + " bytes from its host does not fit in"
        + " this process's heap (" + HeapLimit.described() + "), so this process let go of the"
        + " channel; what it had been handed and not received goes back to it";
  }

  /**
   * The heap ran out as this thread read the connection: as when a message's value does not fit
   * ({@link #letGoOfTooLarge}), this process lets go of the channel, giving back what it had been
   * handed and not received (acknowledging what its receives returned first, so that nothing
   * comes twice), and says goodbye, whose answer the next reader reads. A reader that died of it
   * instead (the idle reader, a child's receiving thread) left the next receive waiting for ever.
   * {@code bytes}: the message's length whose copy ran out of heap, or 0 (see {@link
   * RemoteReader#read}). Returns why the channel ended. Lock held.
   */
  String letGoOutOfHeap(int bytes) {
    try {
      if (letGo == null) {
        letGo = ranOutOfHeap(bytes);
      }
      if (channel.closedWhy == null) {
        channel.goodbye();
      }
    } catch (OutOfMemoryError e) {
      // Still no room (the reserve was gone already): the connection ends without its goodbye,
      // and the host hands out again all it had not heard was received
      if (letGo == null) {
        letGo = outOfHeapWords;
      }
    }
    HeapReserve.restore();
    return letGo;
  }

  /**
   * Whether a message of {@code bytes} that did not fit in the heap may fit once the program lets
   * go of what it holds: less than an eighth of the heap's limit. Then the call that ran out throws
   * the {@code OutOfMemoryError} and the message stays first for this process's next receive; a
   * larger one, which a program rarely makes room for (50 MB at -Xmx16m, a 64 MiB String at
   * -Xmx256m), makes this process let go of the channel, and it goes to other receivers.
   */
  static boolean fitsLater(long bytes) {
    return bytes < Runtime.getRuntime().maxMemory() / 8;
  }

  private String ranOutOfHeap(int bytes) {
    return bytes > 0 ? heapFull(bytes)
        : channel + " broke: this process's heap (" + HeapLimit.described() + ") ran out as it read"
            + " what its host sent, so this process let go of the channel; what it had been handed"
            + " and not received goes back to it";
  }
}
