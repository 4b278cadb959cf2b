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

  private static Timer timer; // guarded by Deadlines.class

  /**
   * The timer, its thread started on first use, or on the first use after a start that failed. A
   * process out of threads for a moment (at a limit on processes, {@code ulimit -u} or a
   * container's pids limit, or out of address space for a thread's stack, {@code ulimit -v}) gets
   * {@code OutOfMemoryError} from {@code Thread.start}; when that started a holder class's
   * initializer, the class stayed unusable for the rest of the process's life ({@code
   * NoClassDefFoundError: Could not initialize class}), so this process could never make or
   * serve a channel connection again.
   */
  static synchronized Timer timer() {
    if (timer == null) {
      timer = new Timer("ferry-deadlines", true);
    }
    return timer;
  }

  /**
   * Closes {@code socket} after {@code delayMillis} unless the returned task is cancelled first: a
   * connect, read or write blocked on it then ends with a {@code ClosedChannelException}. Throws
   * {@code IOException} if the timer's thread cannot be started ({@link #timer}).
   */
  static TimerTask closeAfter(SocketChannel socket, long delayMillis) throws IOException {
    Timer started;
    try {
      started = timer();
    } catch (OutOfMemoryError e) {
      if (!ThreadShortage.isThreadStart(e)) {
        // The heap is full as the first connection is made (a child's target that fills its heap
        // as it starts): the caller's OutOfMemoryError, which passes once the program lets go.
        // Told as a thread that could not start, a holder closed its channel for good.
        throw e;
      }
      throw new IOException("this process cannot start a thread (" + e.getMessage() + "): it is"
          + " at a limit on threads (ulimit -u, a container's pids limit) or out of memory for"
          + " their stacks (ulimit -v)", e);
    }
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
    started.schedule(task, delayMillis);
    return task;
  }
}
