package dev.ferry.internal.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Timer;
import java.util.TimerTask;

/**
 * One daemon timer thread, started on first use, for the deadlines of connection set-up: a host
 * drops a connection whose hello is late, a holder gives up on a host that does not accept or
 * answer its hello. Each deadline closes the socket, which ends the blocked call waiting on it.
 *
 * <p>A {@link Timer} whose thread ends, by a task that throws or in any other way, is cancelled for
 * good: every later {@code schedule} throws {@code IllegalStateException}, so every later connection
 * in this process would fail. Its tasks therefore throw nothing ({@link Closing}), and a timer found
 * cancelled is replaced ({@link #closeAfter}).
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
  static TimerTask closeAfter(Closeable socket, long delayMillis) throws IOException {
    TimerTask task = new Closing(socket);
    try {
      schedule(task, delayMillis);
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
    return task;
  }

  private static synchronized void schedule(TimerTask task, long delayMillis) {
    try {
      timer().schedule(task, delayMillis);
    } catch (IllegalStateException cancelled) {
      // The timer's thread is gone (see the class's comment): a new timer, with a thread of its
      // own, takes this deadline and the ones after it.
      timer = null;
      timer().schedule(task, delayMillis);
    }
  }

  /** A deadline's task: closes its socket, and lets nothing it throws end the timer's thread. */
  private static final class Closing extends TimerTask {
    private final Closeable socket;

    Closing(Closeable socket) {
      this.socket = socket;
    }

    @Override
    public void run() {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closed anyway
      } catch (RuntimeException | Error e) {
        // A full heap as the socket closes (a holder whose target fills its heap while it
        // connects): not tried again, since a channel marks itself closed before it releases
        // anything and would take a second close as done. Thrown on, it would end the timer's
        // thread, and with it every later deadline of this process.
      }
    }
  }
}
