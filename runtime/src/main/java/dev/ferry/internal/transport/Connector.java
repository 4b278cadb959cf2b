package dev.ferry.internal.transport;

import java.util.List;

/**
 * The daemon thread that connects a child's channels in the background as the child starts, so
 * that the JDK's first Unix domain socket (whose set-up seeds a {@code SecureRandom}, tens of
 * milliseconds in a fresh JVM) overlaps the start of the child's target instead of delaying its
 * first send or receive. A channel it has not connected yet connects on its first use; a failure
 * here surfaces there too. RemoteChannel tells this thread by its class as it connects: no user
 * interrupts it, so it may connect without guarding against interrupts.
 */
final class Connector extends Thread {
  private final List<RemoteChannel> channels;

  private Connector(List<RemoteChannel> channels) {
    super("ferry-connect");
    this.channels = channels;
  }

  /** Starts connecting {@code channels}, unless there are none or no thread can start. */
  static void connectInBackground(List<RemoteChannel> channels) {
    if (channels.isEmpty()) {
      return;
    }
    // A class of its own, not a lambda: see Channel.SCRATCH.
    Thread connector = new Connector(channels);
    connector.setDaemon(true);
    try {
      connector.start();
    } catch (OutOfMemoryError e) {
      // Out of threads (ulimit -u): each channel connects on its first use instead. This threw
      // out of ChildMain, and the parent blamed the child's JVM flags.
    }
  }

  @Override
  public void run() {
    for (RemoteChannel channel : channels) {
      channel.connectUnlessClosed();
    }
  }
}
