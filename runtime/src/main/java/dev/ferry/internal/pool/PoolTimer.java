package dev.ferry.internal.pool;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread the pools of this process share: task timeouts and start deadlines, the
 * wait for an orphaned connection's end, retries of workers that could not start, workers retired
 * with nothing left to answer, and the guard on a connection's hello. Made with the first use, so
 * a program that starts no pool runs no thread for it; a daemon, so it never keeps a program up.
 */
final class PoolTimer {
  private static volatile ScheduledThreadPoolExecutor timer;

  private PoolTimer() {}

  /**
   * The timer. Cancelled tasks are removed at once: a scheduled timeout holds its job, and through
   * it the job's arguments and its future's result, until it fires (see {@link Job#clock}).
   */
  static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = timer;
    if (t == null) {
      synchronized (PoolTimer.class) {
        t = timer;
        if (t == null) {
          t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "ferry-pool-timer");
            thread.setDaemon(true);
            return thread;
          });
          t.setRemoveOnCancelPolicy(true);
          timer = t;
        }
      }
    }
    return t;
  }
}
