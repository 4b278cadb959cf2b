package dev.ferry.internal.pool;

import java.lang.ref.Cleaner;
import java.util.concurrent.ThreadFactory;

/**
 * Ends the workers' JVMs of a pool the program dropped before giving it a task: nothing can ever
 * give it one, so they could only idle until the process exits. The usual way to drop one is a
 * setting refused in a try-with-resources' resource ({@code try (ProcessPool pool =
 * Ferry.pool(4).taskTimeout(t))} with {@code t} zero), which is then never assigned, so never
 * closed: each such try left its JVMs behind.
 *
 * <p>A pool that started (a task, a map) is left alone, dropped or not: its threads hold it, and it
 * ends only with {@code close()}, {@code closeNow()} or the process, as the docs promise.
 */
public final class DroppedPools {
  private DroppedPools() {}

  private static final ThreadFactory DAEMON = new ThreadFactory() {
    @Override
    public Thread newThread(Runnable work) {
      Thread thread = new Thread(work, "ferry-dropped-pools");
      thread.setDaemon(true);
      return thread;
    }
  };

  /** Made with the first pool, so a program that starts none runs no thread for it. */
  private static Cleaner cleaner; // guarded by DroppedPools.class

  /**
   * Ends {@code pool}'s JVMs once {@code owner}, the user's handle of it, is unreachable; not
   * where this process cannot start the cleaner's thread (at a limit on threads), where the pool
   * works as ever and a dropped one's JVMs idle until the process exits, as they did.
   */
  public static void watch(Object owner, Pool pool) {
    Cleaner watching = cleaner();
    if (watching != null) {
      watching.register(owner, new EndIfNeverStarted(pool));
    }
  }

  private static synchronized Cleaner cleaner() {
    if (cleaner == null) {
      try {
        cleaner = Cleaner.create(DAEMON);
      } catch (OutOfMemoryError noThread) {
        return null; // "unable to create native thread": tried again with the next pool
      }
    }
    return cleaner;
  }

  /** Holds the pool, never its owner, which would then stay reachable. */
  private static final class EndIfNeverStarted implements Runnable {
    private final Pool pool;

    EndIfNeverStarted(Pool pool) {
      this.pool = pool;
    }

    @Override
    public void run() {
      pool.shutdown.closeIfNeverStarted();
    }
  }
}
