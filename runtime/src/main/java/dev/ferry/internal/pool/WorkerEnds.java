package dev.ferry.internal.pool;

import dev.ferry.ChildFailure;
import dev.ferry.internal.process.ChildMain;
import dev.ferry.internal.process.ChildProcess;
import dev.ferry.internal.process.ProcessExits;
import dev.ferry.internal.transport.HeapReserve;
import dev.ferry.internal.transport.RingStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What happens when a worker ends: its process exits, or its reader sees its connection end. The
 * first unanswered job is the one it was running, which fails with a {@link WorkerDiedException}
 * (or the {@code TimeoutException} of its timeout, or the {@code CancellationException} of a
 * closeNow()); the others never started and go back to the front of the queue; then {@link
 * Workforce#replaceGone} counts a failed start or starts a replacement.
 *
 * <p>It has no state of its own: the worker's fields, its in-flight list and the queue it changes
 * are guarded by the pool's lock, taken as before; the failures are built before anything changes
 * and delivered after the lock is let go.
 */
final class WorkerEnds {
  /**
   * How long a worker's connection may stay open after its process exited: the reader takes in
   * that time what the worker wrote before it exited, and sees the end. 5 s; the property is for
   * the tests that wait it out (CI runs them twice), no user setting.
   */
  private final long orphanGraceMillis = Long.getLong("ferry.pool.orphanGraceMillis", 5_000);

  private final Pool pool;

  WorkerEnds(Pool pool) {
    this.pool = pool;
  }

  /**
   * The worker's process exited. Before it connected: it is gone. After: its reader sees the
   * connection end, as the kernel closes the worker's socket with its process; unless the
   * connection was not the worker's, when the reader would wait for ever, and so would the tasks
   * sent there and {@code close()}: another process of the same user that had the pool's token
   * connected first with this worker's id, and the worker, refused, exited. A connection still
   * open {@link #orphanGraceMillis} later is ended then ({@link WorkerLink#endOrphaned}).
   */
  void exited(WorkerLink w) {
    synchronized (pool.lock) {
      if (w.connected) {
        Pool.timer().schedule(
            () -> endIfOrphaned(w), orphanGraceMillis, TimeUnit.MILLISECONDS);
        return;
      }
    }
    gone(w, null);
  }

  private void endIfOrphaned(WorkerLink w) {
    synchronized (pool.lock) {
      if (w.dead) {
        return; // its reader saw the connection end, as it does for a worker's own connection
      }
    }
    w.endOrphaned(orphanGraceMillis);
  }

  /**
   * How long a worker whose connection ended (it ends it as its JVM begins to exit) may take to
   * exit before its running task fails as one whose JVM hangs as it exits: 3 s. A JVM that exits
   * takes milliseconds from there; the exit code and failure report are only had once it has.
   */
  static final long EXIT_GRACE_NANOS = TimeUnit.SECONDS.toNanos(3);
  /** How long the pool then leaves such a JVM to its shutdown hooks before it kills it: 30 s. */
  static final long HANGING_EXIT_MILLIS = 30_000;

  /**
   * The worker's reader saw its connection end (or break). A worker ends its stream as its JVM
   * begins to exit (PoolWorker.tellTheJvmsExit), so the process is waited for, for its exit code
   * and failure report. One that has not exited {@link #EXIT_GRACE_NANOS} later hangs in a
   * shutdown hook of the program's after a task called {@code System.exit}: its running task
   * fails now, saying so, the rest go to other workers and a replacement starts; the JVM is left
   * to its hooks {@link #HANGING_EXIT_MILLIS} more, or until the pool closes, then killed. Its
   * task used to wait for ever without a {@code taskTimeout}, and {@code close()} with it.
   */
  void connectionLost(WorkerLink w, Throwable cause) {
    boolean killed = false;
    if (RingStream.isBroken(cause) || cause instanceof RuntimeException || cause instanceof Error) {
      // This side ended the connection: the worker's rings broke, or what it sent could not be
      // taken (a frame larger than this heap can hold, a record no worker writes). A worker in the
      // middle of a long task would not see it before the task ends, and its running task's
      // failure said only that the connection to the pool broke, not why.
      w.dropped = cause;
      w.process.destroyForcibly();
      killed = true;
    }
    try {
      if (!ProcessExits.await(w.process, killed ? TimeUnit.SECONDS.toNanos(5) : EXIT_GRACE_NANOS)) {
        if (!killed) {
          exitHangs(w, cause);
          return;
        }
        w.process.destroyForcibly();
        ProcessExits.await(w.process, -1);
      }
    } catch (InterruptedException e) {
      w.process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    gone(w, cause);
  }

  /** Ends a worker whose JVM hangs as it exits, and kills it later (see connectionLost). */
  private void exitHangs(WorkerLink w, Throwable cause) {
    synchronized (pool.lock) {
      w.exitHangs = true;
      pool.workforce.exiting.add(w);
    }
    gone(w, cause);
    Pool.timer().schedule(() -> {
      w.process.destroyForcibly(); // nothing if it exited meanwhile
      synchronized (pool.lock) {
        pool.workforce.exiting.remove(w);
      }
    }, HANGING_EXIT_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Handles a worker's end: fails its running job, requeues the rest, starts a replacement. Out of
   * heap anywhere (the failures it builds, the queue's growth, a replacement's start: a map's
   * results filling the heap), it may be called again once there is room (WorkerLink.end) and
   * loses nothing: the failures are built before anything changes, a job leaves the worker's
   * in-flight list only once it is in the queue, and what comes after the worker is marked dead
   * is taken again here. It used to throw out of the reader thread with the worker marked dead
   * and its jobs in no list, and close() waited for them for ever.
   */
  private void gone(WorkerLink w, Throwable cause) {
    int exitCode = ProcessExits.exitCode(w.process);
    String refused = pool.workforce.refusedToStart(w, exitCode);
    ChildFailure report = refused == null ? reportOf(w, exitCode) : null;
    Job running;
    Throwable runningError = null;
    Job reading;
    Throwable readingError = null;
    synchronized (pool.lock) {
      if (w.dead) {
        return;
      }
      pool.connecting.remove(w.id);
      pool.workforce.removeEnded(w);
      reading = w.answering.get();
      if (reading != null) {
        // A job whose answer was being read is in no worker's inflight, so cancelAll did not
        // cancel it; the kill that followed ended it, and it is cancelled as the others were.
        readingError =
            pool.shutdown.cancelledAs != null
                ? Shutdown.cancelled(reading, pool.shutdown.cancelledAs)
                : died(w, exitCode, reading, cause, report);
      }
      running = w.quitting ? null : w.inflight.peek();
      if (running != null && w.killedFor != null && running != w.killedFor) {
        // Killed to cancel or time out a job whose answer was on its way (read just now): the job
        // after it had only just started, if at all, and nobody cancelled it nor did it time out.
        // It runs again, first in line.
        running = null;
      }
      if (running != null && neverWritten(w, running)) {
        running = null; // the pool killed the worker before it had the job: it runs again
      }
      if (running != null) {
        runningError =
            running.timedOut
                ? pool.timeouts.failure(w, running)
                : pool.shutdown.cancelledAs != null
                    ? Shutdown.cancelled(running, pool.shutdown.cancelledAs)
                    : died(w, exitCode, running, cause, report);
      }
      int stays = running != null ? 1 : 0;
      while (w.inflight.size() > stays) {
        Job job = w.inflight.peekLast();
        job.state = Job.QUEUED;
        job.worker = null;
        job.stopClock(); // it runs again, timed from its next worker's STARTED
        if (!job.abandoned()) {
          pool.dispatcher.queue.addFirst(job);
        }
        w.inflight.pollLast(); // once queued: out of heap growing the queue, it stays here
      }
      if (running != null) {
        running.state = Job.DONE;
        running.stopClock();
        w.inflight.poll();
      }
      w.answering.compareAndSet(reading, null);
      w.dead = true; // from here on, nothing throws before the jobs are failed
    }
    List<Job> failedByBreak = List.of();
    while (true) {
      try {
        failedByBreak = pool.workforce.replaceGone(w, exitCode, refused);
        break;
      } catch (OutOfMemoryError e) {
        HeapReserve.release();
        HeapReserve.pause(HeapReserve.PAUSE_NANOS);
      }
    }
    if (pool.broken != null) {
      // Broken under the lock just now (startFailed sets it there, not through breakPool): it
      // starts no worker any more, so its own leases on the initializer's channels end here.
      pool.initializerLeases.release();
    }
    if (reading != null) {
      reading.failed(readingError); // its answer was not delivered: see WorkerLink.answering
    }
    if (running != null) {
      running.failed(runningError);
    }
    for (Job job : failedByBreak) {
      job.failed(new IllegalStateException(pool.broken.getMessage(), pool.broken));
    }
    pool.workforce.launchPending();
  }

  /** Whether {@code job} was in a write to {@code w} that ran out of heap (never ran there). */
  private static boolean neverWritten(WorkerLink w, Job job) {
    List<Job> unwritten = w.unwritten;
    if (unwritten == null) {
      return false;
    }
    for (int i = 0; i < unwritten.size(); i++) {
      if (unwritten.get(i) == job) {
        return true;
      }
    }
    return false;
  }

  /**
   * The failure report of a worker whose loop threw (exit code 1), e.g. a task's arguments too
   * large for its heap: read before the lock, as {@link Workforce#refusedToStart} is. Null if none.
   */
  private static ChildFailure reportOf(WorkerLink w, int exitCode) {
    ChildProcess child = w.child;
    if (exitCode != ChildMain.THREW || child == null) {
      return null;
    }
    return child.failure().filter(f -> !f.exceptionType().isEmpty()).orElse(null);
  }

  /**
   * For tests: run as a worker's end builds a task's failure, where a full heap ran out (an
   * {@code OutOfMemoryError} thrown here: see {@link #gone}).
   */
  static volatile Runnable onDied;

  private WorkerDiedException died(
      WorkerLink w, int exitCode, Job job, Throwable cause, ChildFailure report) {
    Runnable hook = onDied;
    if (hook != null) {
      hook.run();
    }
    Throwable dropped = w.dropped;
    if (w.exitHangs && exitCode == ProcessExits.UNSEEN) { // else it exited just after all
      return new WorkerDiedException("worker " + w.name + " (pid " + w.pid() + ") began to exit"
          + " while running " + job.describe() + " (the task, or a thread of the worker, called"
          + " System.exit, or the worker was sent SIGTERM) and its JVM had not ended "
          + TimeUnit.NANOSECONDS.toSeconds(EXIT_GRACE_NANOS) + " s later, so its exit code is"
          + " unknown: a shutdown hook of the program's does not return (one that joins a thread,"
          + " sleeps, or waits for a lock the task holds); end a task by returning or throwing, not"
          + " by System.exit, or make the hooks return. The pool kills the worker if it has not"
          + " ended " + HANGING_EXIT_MILLIS / 1000 + " s later, or as the pool closes"
          + (pool.closed ? "" : "; the pool started a replacement"), w.pid(), exitCode);
    }
    String message = "worker " + w.name + " (pid " + w.pid() + ") "
        + WorkerDiedException.howItEnded(exitCode) + " while running " + job.describe()
        + (report == null ? "" : ", failing with " + report)
        + (dropped == null ? "" : ", after the pool dropped its connection and killed it: "
            + dropped.getMessage())
        + (pool.closed ? "" : "; the pool started a replacement");
    WorkerDiedException e = new WorkerDiedException(message, w.pid(), exitCode);
    if (dropped != null) {
      e.initCause(dropped);
    } else if (cause != null && !(cause instanceof IOException)) {
      e.initCause(cause);
    }
    return e;
  }
}
