package dev.ferry.internal.transport;

/**
 * Starting the threads a channel connection needs in a process that may be out of threads for a
 * moment: {@code Thread.start} throws {@code OutOfMemoryError} at a limit on processes ({@code
 * ulimit -u}, a container's pids limit) or with no address space left for a stack ({@code ulimit
 * -v}), and a connection dropped for it loses what its holder sent.
 */
public final class ThreadShortage {
  /** The longest pause between two attempts. */
  static final long MAX_PAUSE_MILLIS = 1000;
  /**
   * How long a connection waits for its threads before it is dropped: well within the holder's
   * wait for the answer to its hello ({@code RemoteHandshake.connectTimeoutMillis}, 30 s).
   */
  static final long RETRY_MILLIS = 10_000;

  private ThreadShortage() {}

  /**
   * Whether {@code e} is a thread's start failing ("unable to create native thread"), not the
   * heap running out: the one is a limit of the machine's, the other passes once the program lets
   * go of what it holds.
   */
  public static boolean isThreadStart(OutOfMemoryError e) {
    return String.valueOf(e.getMessage()).contains("native thread");
  }

  /** What starts one or more threads; run again from the start after a failure. */
  interface Start<T> {
    T start();
  }

  /**
   * Runs {@code start}, and again while it throws {@code OutOfMemoryError}, pausing 1 ms, doubling
   * up to {@link #MAX_PAUSE_MILLIS}, for up to {@link #RETRY_MILLIS}; then throws that error. Says
   * on stderr when it begins to wait for threads ({@code what} names them) and when it has them.
   */
  static <T> T retrying(String what, Start<T> start) {
    long pause = 0;
    long waited = 0;
    while (true) {
      try {
        T started = start.start();
        if (waited > 0) {
          System.err.println("[ferry] started " + what + " after " + waited + " ms");
        }
        return started;
      } catch (OutOfMemoryError e) {
        if (waited >= RETRY_MILLIS) {
          throw e;
        }
        if (waited == 0) {
          System.err.println("[ferry] cannot start " + what + " for now (" + e + "); retrying");
        }
      }
      pause = Math.min(Math.max(1, pause * 2), MAX_PAUSE_MILLIS);
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OutOfMemoryError("interrupted while waiting to start " + what);
      }
      waited += pause;
    }
  }
}
