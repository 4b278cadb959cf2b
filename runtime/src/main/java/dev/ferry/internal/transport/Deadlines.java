package dev.ferry.internal.transport;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.util.Timer;
import java.util.TimerTask;

/**
 * One daemon timer thread, started on first use, for the deadlines of connection set-up: a host
 * drops a connection whose hello is late, a holder gives up on a host that does not accept or
 * answer its hello. Each deadline closes the socket, which ends the blocked call waiting on it.
 */
final class Deadlines {
  private Deadlines() {}

  private static final class Holder {
    static final Timer TIMER = new Timer("ferry-deadlines", true);
  }

  /**
   * Closes {@code socket} after {@code delayMillis} unless the returned task is cancelled first: a
   * connect, read or write blocked on it then ends with a {@code ClosedChannelException}.
   */
  static TimerTask closeAfter(SocketChannel socket, long delayMillis) {
    TimerTask task =
        new TimerTask() {
          @Override
          public void run() {
            try {
              socket.close();
            } catch (IOException ignored) {
              // closed anyway
            }
          }
        };
    Holder.TIMER.schedule(task, delayMillis);
    return task;
  }
}
