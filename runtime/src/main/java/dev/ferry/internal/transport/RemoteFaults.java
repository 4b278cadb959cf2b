package dev.ferry.internal.transport;

import dev.ferry.ChannelClosedException;

/**
 * What a holder's channel ({@link RemoteChannel}) does when a call of it, or of the program after
 * it, met a fault on the shared-memory rings' mapped file, which was cut short: the JVM raises it a
 * little after the access, at whatever the thread does next, and may leave one of Ferry's locks
 * held with no finally block left to release it. The thread lets go of the channel's and the
 * outbox's locks, this process drops the connection, and the call, and every later use of the
 * channel here, throws a {@link ChannelClosedException} saying so.
 *
 * <p>Apart from the channel because such a fault reaches the channel at no point of its own
 * choosing; the process's record of its cut files is {@link MappingFaults}.
 */
final class RemoteFaults {
  /** The channel whose calls met the fault: its locks are let go of, its connection dropped. */
  private final RemoteChannel channel;

  RemoteFaults(RemoteChannel channel) {
    this.channel = channel;
  }

  /**
   * Lets go of the channel's lock down to {@code holds} and of the outbox's entirely, if the
   * calling thread holds them past a fault on the rings' mapped file: the JVM raises it a little
   * after the access, at whatever the thread does next, and inside a lock's own code that leaves
   * the lock held with no finally block left to release it (see {@link Outbox#releaseAfterFault}).
   * {@code holds}: how many holds of the channel's lock the caller's own code has at this point.
   */
  void releaseAfterFault(int holds) {
    Outbox outbox = channel.out;
    if (outbox != null) {
      outbox.releaseAfterFault();
    }
    while (channel.lock.getHoldCount() > holds) {
      channel.lock.unlock();
    }
  }

  /**
   * A fault on the rings' mapped file that the JVM raised in a call of this channel, a little after
   * the access that met it (see {@link MappingFaults#isMappingFault}), or the broken lock that hid
   * it ({@link MappingFaults#isBrokenByFault}); anything else is rethrown. The file was cut short,
   * so this process drops the connection, and the call, and every later use of the channel here,
   * throws saying so. A send that throws so may have delivered its message.
   */
  ChannelClosedException cutShort(Throwable e) {
    RingLink link = channel.rings;
    if (link == null) {
      throw MappingFaults.unchecked(e);
    }
    channel.lost(channel + " broke: this process dropped its connection: "
        + link.faultedHere(e).getMessage());
    return new ChannelClosedException(channel.closedWhy);
  }

  /**
   * What a child's target threw, as a {@code send} or {@code receive} of the channel it broke would
   * have thrown it. The JVM raises a touch of a rings file that was cut short ({@link
   * MappingFaults#isMappingFault}) a little after the access, in whatever the thread does next:
   * after a {@code send} returned, in the target's own loop, past the catch around each call (seen
   * in 1 of about 10 runs of a child streaming while its file was cut, on a loaded machine). Such
   * an error becomes the {@link ChannelClosedException} of the connected channel whose file was cut
   * (its connection dropped as a call's would be), or, when that connection already ended, one
   * naming the file; the error is its cause. So does the {@code IllegalMonitorStateException} such
   * a fault can leave in its place ({@link MappingFaults#isBrokenByFault}), and the thread lets go
   * of any of Ferry's locks the fault left it holding. Anything else is returned as it is.
   */
  static Throwable explainFault(Throwable thrown) {
    if (!MappingFaults.isMappingFault(thrown) && !MappingFaults.isBrokenByFault(thrown)) {
      return thrown;
    }
    String cut = MappingFaults.lastCut();
    if (cut == null) {
      return thrown; // no file was cut short: a fault that is not Ferry's to explain
    }
    for (RemoteChannel channel : ChannelsAtExit.CONNECTED) {
      // past the target: the thread holds none of Ferry's locks
      channel.faults.releaseAfterFault(0);
    }
    ChannelClosedException explained = null;
    for (RemoteChannel channel : ChannelsAtExit.CONNECTED) {
      RingLink link = channel.rings;
      if (link != null && link.checkCut()) {
        explained = channel.faults.cutShort(thrown);
        break;
      }
    }
    if (explained == null) {
      explained = new ChannelClosedException(
          "a channel of this process broke: this process dropped its connection: " + cut);
    }
    explained.initCause(thrown);
    return explained;
  }
}
