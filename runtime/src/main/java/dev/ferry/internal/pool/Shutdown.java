package dev.ferry.internal.pool;

import dev.ferry.internal.process.Launcher;
import dev.ferry.internal.process.ProcessExits;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * How a pool closes. {@link #close()} refuses new tasks, waits for those submitted, then stops the
 * workers; {@link #closeNow()} (and a {@code close()} whose thread is interrupted) cancels every
 * unfinished task and kills them. Either way the workers' JVMs are waited for (a closed pool never
 * leaves a worker behind), and the pool leaves spares for the next pool with its options.
 *
 * <p>Its two fields, and the pool's state it reads and sets ({@code closing}, {@code closed}, the
 * queue and the workers' in-flight lists), are guarded by the pool's lock; {@code close()} waits
 * on that lock for the tasks to end.
 */
final class Shutdown {
  /**
   * How long close() lets its workers finish and exit once told to stop, before it kills them:
   * 10 s; the property is for the tests that wait it out (CI runs them twice), no user setting.
   */
  private final long stopNanos =
      TimeUnit.MILLISECONDS.toNanos(Long.getLong("ferry.pool.stopMillis", 10_000));
  /** How long it then waits for the killed ones to be gone. */
  private static final long KILLED_EXIT_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final String CLOSE_NOW = "closed with closeNow()";
  private static final String CLOSE_INTERRUPTED =
      "closed with close(), whose thread was interrupted while it waited for the tasks";

  private final Pool pool;
  /**
   * How the pool was closed when it cancelled its tasks ({@link #closeNow()}, or a {@link #close()}
   * whose thread was interrupted), null when it was closed gracefully or not yet. Under the pool's
   * lock.
   */
  String closedNow;
  /**
   * How {@link #cancelAll} closed the pool (after a {@link #close()} too), null if it did not: a
   * job whose worker dies after it is a cancelled job, not a worker's death. Under the pool's lock.
   */
  String cancelledAs;

  Shutdown(Pool pool) {
    this.pool = pool;
  }

  void close() {
    boolean interrupted = false;
    synchronized (pool.lock) {
      if (pool.closed) {
        return;
      }
      if (busy()) {
        // Before anything changes: a close refused here (in a callback on the pool's own thread,
        // where the wait could never end) used to leave the pool refusing new tasks, unclosed.
        pool.checkMayWait(null);
      }
      pool.closing = true;
      while (busy()) {
        try {
          pool.lock.wait();
        } catch (InterruptedException e) {
          // As ExecutorService.close takes an interrupt for shutdownNow: the wait used to go on,
          // for good for a task on a stopped worker without a taskTimeout, deaf to the interrupt.
          interrupted = true;
          break;
        }
      }
      if (!interrupted) {
        pool.closed = true;
        pool.lock.notifyAll();
      }
    }
    if (interrupted) {
      cancelAll(CLOSE_INTERRUPTED);
      Thread.currentThread().interrupt();
      return;
    }
    stopAll(false);
    leaveSpares();
  }

  /**
   * Whether jobs remain that will still complete. Under the pool's lock. A broken pool queues
   * none, and its live workers' jobs still complete.
   */
  private boolean busy() {
    if (!pool.dispatcher.queue.isEmpty()) {
      return true;
    }
    for (WorkerLink w : pool.workforce.workers) {
      if (!w.inflight.isEmpty() || w.reserved > 0) {
        return true;
      }
    }
    for (WorkerLink w : pool.workforce.others) {
      if (!w.inflight.isEmpty() || w.reserved > 0) {
        return true;
      }
    }
    return false;
  }

  void closeNow() {
    cancelAll(CLOSE_NOW);
  }

  /**
   * Kills the workers' JVMs of a pool never given a task and closes it; leaves one that started
   * alone. For {@link DroppedPools}: the program cannot reach this pool any more.
   */
  void closeIfNeverStarted() {
    synchronized (pool.lock) {
      if (pool.frozen || pool.closed) {
        return;
      }
    }
    closeNow();
  }

  /** Cancels every unfinished task, saying the pool was {@code how}, and kills the workers. */
  private void cancelAll(String how) {
    List<Job> jobs;
    synchronized (pool.lock) {
      if (!pool.closed) {
        closedNow = how; // a pool already closed with close() was not closed now
      }
      cancelledAs = how;
      pool.closing = true;
      pool.closed = true;
      jobs = drainAll();
      pool.lock.notifyAll();
    }
    for (Job job : jobs) {
      job.failed(cancelled(job, how));
    }
    stopAll(true);
    leaveSpares();
  }

  /** The failure of a job the pool cancelled as it was closed {@code how}. */
  static CancellationException cancelled(Job job, String how) {
    return new CancellationException(job.describe() + " was cancelled: the pool was " + how);
  }

  /** Starts spares for the next pool with these options (none if this one never started JVMs). */
  private void leaveSpares() {
    Launcher.PoolJvms started;
    boolean ranFerry;
    synchronized (pool.lock) {
      started = pool.workforce.jvms;
      ranFerry = pool.workforce.anyConnected;
    }
    if (started != null) {
      started.leaveSpares(ranFerry);
    }
  }

  /** Stops every worker (or kills it) and waits for the JVMs to exit. */
  private void stopAll(boolean kill) {
    List<WorkerLink> all;
    List<WorkerLink> starting = new ArrayList<>();
    WorkerAcceptor door;
    synchronized (pool.lock) {
      door = pool.acceptor;
      all = new ArrayList<>(pool.workforce.workers);
      all.addAll(pool.workforce.others);
      for (WorkerLink w : all) {
        w.stopping = true;
        if (!w.connected && (pool.initializer == null || pool.broken != null)) {
          // It has no task and no initializer to finish, or its pool is broken and will run no
          // task (an initializer that hangs in one worker while it threw in another held close()
          // for the 10 s of stopNanos): waiting buys nothing.
          starting.add(w);
        }
      }
      // Ended already, their JVMs hung in a shutdown hook: killed now, not left behind the pool.
      starting.addAll(pool.workforce.exiting);
      all.addAll(pool.workforce.exiting);
    }
    for (WorkerLink w : all) {
      if (kill || starting.contains(w)) {
        w.process.destroyForcibly();
      } else {
        w.stop();
      }
    }
    // An interrupt ends the wait for a graceful stop, as ExecutorService.close takes one for
    // shutdownNow: the workers still running are killed, and the kill is waited for (a closed pool
    // never leaves a worker behind). Close used to return at once from an interrupted thread, and
    // a stopped or hung worker stayed until the program exited.
    List<WorkerLink> lingering;
    boolean interrupted = false;
    try {
      lingering = awaitExits(all, stopNanos);
    } catch (InterruptedException e) {
      interrupted = true;
      lingering = all;
    }
    for (WorkerLink w : lingering) {
      w.process.destroyForcibly();
    }
    long deadline = System.nanoTime() + KILLED_EXIT_NANOS;
    while (true) {
      try {
        awaitExits(lingering, Math.max(0, deadline - System.nanoTime()));
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    pool.initializerLeases.release(); // its workers have exited, and it starts none
    if (door != null) {
      door.close();
    }
  }

  /**
   * Waits for the workers' JVMs to exit, all within one {@code nanos} from now; returns those still
   * running. One deadline for all, not one each: stopped workers (SIGSTOP, a debugger) used to keep
   * {@code close()} 10 s each, one after the other, 80 s for a pool of eight.
   */
  private static List<WorkerLink> awaitExits(List<WorkerLink> workers, long nanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    List<WorkerLink> running = new ArrayList<>();
    for (WorkerLink w : workers) {
      if (!ProcessExits.await(w.process, Math.max(0, deadline - System.nanoTime()))) {
        running.add(w);
      }
    }
    return running;
  }

  /**
   * Every job not done yet, taken out of the pool, whose workers are killed. Under the pool's
   * lock.
   */
  private List<Job> drainAll() {
    List<Job> jobs = new ArrayList<>(pool.dispatcher.queue);
    for (WorkerLink w : pool.workforce.workers) {
      jobs.addAll(w.inflight);
      w.inflight.clear();
    }
    for (WorkerLink w : pool.workforce.others) {
      jobs.addAll(w.inflight);
      w.inflight.clear();
    }
    return pool.dispatcher.taken(jobs);
  }
}
