package dev.ferry.internal.pool;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The pool's task timeout ({@code ProcessPool.taskTimeout}): the clocks of the jobs sent, and the
 * kill of a worker whose task runs too long, or that does not start a task or connect in time.
 *
 * <p>A task's timeout runs from the moment its worker says it starts it (the worker reads its
 * arguments first), not from when it was written. Until then, and until a worker told to run
 * connects, a deadline of the timeout and {@link #startGraceNanos} more stands: a worker that
 * misses it is stopped (SIGSTOP, a debugger) or hung, and is killed and replaced as for a timeout.
 *
 * <p>The timeout is set under the pool's lock before the first task and read after without it;
 * the jobs' clocks and the workers' fields this changes are guarded by the pool's lock.
 */
final class TaskTimeouts {
  /**
   * With a task timeout, how long past it a worker may take to say it started a task sent to it
   * (loading the task's class, reading large arguments: milliseconds, more on a loaded machine)
   * before it counts as stopped or hung and is killed. 5 s; the property is for the tests that
   * wait it out (CI runs them twice), no user setting.
   */
  private final long startGraceNanos =
      TimeUnit.MILLISECONDS.toNanos(Long.getLong("ferry.pool.startGraceMillis", 5_000));

  private final Pool pool;
  /** The task timeout; 0 for none. Set under the pool's lock before the first task. */
  private long nanos;

  TaskTimeouts(Pool pool) {
    this.pool = pool;
  }

  /** Sets the timeout; under the pool's lock, before the first task (see Pool.configure). */
  void set(long timeoutNanos) {
    nanos = timeoutNanos;
  }

  /** Whether the pool has a task timeout, and its workers say when each task starts. */
  boolean timesTasks() {
    return nanos > 0;
  }

  /**
   * How long a worker may take to start a task sent to it, or to connect once told to run: the
   * task timeout and {@link #startGraceNanos} more. Saturated, since a timeout that means no end
   * ({@code ChronoUnit.FOREVER.getDuration()} is read as {@code Long.MAX_VALUE} nanoseconds) plus
   * the grace wrapped round to a negative delay, which the timer runs at once: every worker was
   * killed as it was told to run, and the pool broke before its first task.
   */
  private long startDeadlineNanos() {
    return nanos > Long.MAX_VALUE - startGraceNanos
        ? Long.MAX_VALUE : nanos + startGraceNanos;
  }

  /**
   * {@code job} was just put on {@code w}'s in-flight list: with a timeout, its worker's deadline
   * for starting it runs from now. Under the pool's lock.
   */
  void sent(WorkerLink w, Job job) {
    if (nanos > 0) {
      job.stopClock();
      job.clock = Pool.timer().schedule(
          () -> notStarted(w, job), startDeadlineNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * The worker has read its next task's arguments and calls it now: the task's timeout runs from
   * here, not from when the task was written to it, so that what a worker does once before its
   * first task of a method (loading the task's class) and reading large arguments are not timed.
   * On the thread reading its answers.
   */
  void taskStarted(WorkerLink w) {
    synchronized (pool.lock) {
      for (Job job : w.inflight) {
        if (!job.clockStarted) {
          job.stopClock(); // the deadline for starting it
          job.clockStarted = true;
          job.clock = Pool.timer().schedule(
              () -> timedOut(w, job), nanos, TimeUnit.NANOSECONDS);
          return;
        }
      }
    }
  }

  /**
   * The worker was sent {@code job} the task timeout and {@link #startGraceNanos} ago and has not
   * said it started it: it is stopped (SIGSTOP, a debugger) or hung before the task. Without this,
   * a task sent to a stopped worker waited for ever though the pool has a timeout, and so did
   * {@code close()}. Killed and replaced as for a timeout.
   */
  private void notStarted(WorkerLink w, Job job) {
    synchronized (pool.lock) {
      if (w.dead || w.inflight.peek() != job || job.clockStarted) {
        return;
      }
      job.timedOut = true;
      job.neverStarted = true;
      killingFor(w, job);
    }
    w.process.destroyForcibly();
  }

  private void timedOut(WorkerLink w, Job job) {
    synchronized (pool.lock) {
      if (w.dead || w.inflight.peek() != job) {
        return;
      }
      job.timedOut = true;
      killingFor(w, job);
    }
    w.process.destroyForcibly();
  }

  /**
   * {@code w} is about to be killed for {@code job}'s timeout: it takes no new job, and one that
   * reaches it all the same runs again elsewhere (see WorkerEnds.gone). The job's answer may be
   * read between this and the kill (a task that ends at its deadline; a pool's process that was stopped
   * or paused, whose timer and reader then run at once), and the next task was then sent to the
   * worker being killed and failed with a WorkerDiedException, 'killed by signal 9', though it had
   * neither timed out nor been cancelled. Under the pool's lock.
   */
  private static void killingFor(WorkerLink w, Job job) {
    w.ready = false;
    w.killedFor = job;
  }

  /** {@code w} was just told what to run: with a timeout, its deadline to connect runs from now. */
  void launched(WorkerLink w) {
    if (nanos > 0) {
      Pool.timer().schedule(() -> notConnected(w), startDeadlineNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * With a task timeout, the worker was told what to run the timeout and {@link #startGraceNanos}
   * ago and has not connected: its initializer has not returned (or the worker is stopped). Without
   * this, tasks submitted while every worker was so stuck were never sent, so never timed, and
   * waited for ever, and so did {@code close()}. Killed, it counts as a worker that ended before it
   * connected: it is replaced, and three in a row break the pool, failing the waiting tasks.
   */
  private void notConnected(WorkerLink w) {
    synchronized (pool.lock) {
      if (w.connected || w.dead || w.stopping) {
        return;
      }
      w.notConnectedInTime = true;
    }
    w.process.destroyForcibly();
  }

  /**
   * Why a worker that {@link #notConnected} killed ended, as the broken pool's message says;
   * {@code initializer} is the pool's, or null.
   */
  String notConnectedInTime(MethodRef initializer) {
    String what = initializer == null ? "connect"
        : "return from the pool's initializer " + initializer + " and connect";
    return "was killed by the pool: it did not " + what + " within the pool's task timeout of "
        + Duration.ofNanos(nanos) + " and " + Duration.ofNanos(startGraceNanos).toSeconds()
        + " s more after it was told to run (an initializer that never returns, or a stopped"
        + " worker), so no task could start";
  }

  /** The failure of {@code job}, timed out on {@code w}: it ran too long, or never started. */
  TimeoutException failure(WorkerLink w, Job job) {
    if (job.neverStarted) {
      return new TimeoutException(
          job.describe() + " was not started by its worker " + w.name + " (pid " + w.pid()
              + ") within the pool's task timeout of " + Duration.ofNanos(nanos) + " and "
              + Duration.ofNanos(startGraceNanos).toSeconds() + " s more after it was sent (the"
              + " worker was stopped, SIGSTOP or a debugger, or hung before the task): it was"
              + " killed and replaced");
    }
    return new TimeoutException(
        job.describe() + " ran longer than the pool's task timeout of "
            + Duration.ofNanos(nanos) + ": its worker " + w.name + " (pid " + w.pid()
            + ") was killed and replaced");
  }
}
