package dev.ferry.internal.transport;

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

  static void schedule(TimerTask task, long delayMillis) {
    Holder.TIMER.schedule(task, delayMillis);
  }
}
