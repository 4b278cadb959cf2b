package dev.ferry.internal.pool;

import dev.ferry.ChannelClosedException;
import dev.ferry.ChildFailure;
import dev.ferry.Ferry;
import dev.ferry.internal.process.ArgumentsTold;
import dev.ferry.internal.process.ChildProcess;
import dev.ferry.internal.process.LaunchSettings;
import dev.ferry.internal.process.Launcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The pool's workers, and what starts, launches, replaces and retires them.
 *
 * <p>A worker's JVM is booted (started, with nothing to run yet) under the pool's lock where it
 * replaces another, and launched (handed the worker loop, the initializer and its arguments)
 * after the lock is let go, by {@link #launchPending}: a launch takes a spawn's hand-off. Jobs go
 * to {@link #workers}; a worker that reached maxTasksPerWorker, or said it quits, is retired into
 * {@link #others} and stopped once its last job is answered; with maxTasksPerWorker, a task
 * timeout, or after a first replacement, a spare is kept booted and launched, to take the place
 * of the next worker that ends. A worker that ends before it connects counts as a failed start;
 * three in a row, or an initializer that throws, break the pool.
 *
 * <p>All its fields but {@link #workerIds} are guarded by the pool's lock, as are the pool's
 * {@code closing}, {@code closed} and {@code broken} it reads and sets.
 */
final class Workforce {
  private static final int START_FAILURES_TO_BREAK = 3;
  /** How long after a worker's JVM could not be started the pool tries again. */
  private static final long BOOT_RETRY_MILLIS = 1_000;

  private final Pool pool;
  private final AtomicLong workerIds = new AtomicLong();
  /** The workers' JVMs; null until the pool's first use if made lazily (see Pool's constructor). */
  Launcher.PoolJvms jvms;
  final List<WorkerLink> workers = new ArrayList<>(); // the ones jobs may go to
  final List<WorkerLink> others = new ArrayList<>(); // retiring, and the spare
  /**
   * Workers that ended (their tasks failed or requeued, replaced) but whose JVM hangs as it exits,
   * until it exits or is killed: close() kills them (see WorkerEnds.connectionLost).
   */
  final List<WorkerLink> exiting = new ArrayList<>();
  WorkerLink spare;
  private final List<WorkerLink> toLaunch = new ArrayList<>(); // booted, to launch after unlock
  private boolean replacedAny;
  int startFailures;
  /** Whether a worker connected: JVMs start with these options, so spares may. */
  boolean anyConnected;
  private int unbooted; // replacements whose JVM could not be started yet, see bootMissing

  Workforce(Pool pool) {
    this.pool = pool;
  }

  /**
   * Starts the workers' JVMs; the first may be spares a pool with the same options left ready
   * (see Launcher). A pool's first use during that class initialization is refused there (it
   * would start workers that initialize the class again, and so on without end).
   */
  void bootWorkers() {
    Launcher.PoolJvms booted = Launcher.bootAll(pool.settings, pool.size);
    boolean wanted;
    synchronized (pool.lock) {
      wanted = !pool.closing && !pool.closed;
      if (wanted) {
        jvms = booted;
        for (Process process : booted.processes) {
          workers.add(link(process));
        }
      }
    }
    if (!wanted) {
      booted.processes.forEach(Process::destroyForcibly); // closed while they started
    }
  }

  private WorkerLink boot() {
    return link(Launcher.boot(pool.settings));
  }

  private WorkerLink link(Process process) {
    long id = workerIds.incrementAndGet();
    return new WorkerLink(pool, id, pool.baseName + "-worker-" + id, process);
  }

  private LaunchSettings named(String name) {
    LaunchSettings settings = pool.settings;
    return new LaunchSettings(
        settings.jvmFlags(), settings.workingDirectory(), settings.environment(), name, false);
  }

  /** Boots a spare if the pool keeps one and has none. Under the pool's lock. */
  void keepSpare() {
    if (wantsSpare() && spare == null) {
      newSpare();
    }
  }

  private boolean wantsSpare() {
    return !pool.closing && !pool.closed && pool.broken == null
        && (pool.maxTasks > 0 || pool.timeouts.timesTasks() || replacedAny);
  }

  /** A new spare worker, registered, launched by {@link #launchPending}. Under the pool's lock. */
  private void newSpare() {
    WorkerLink w = bootOrNull();
    if (w != null) {
      w.spare = true;
      spare = w;
      others.add(w);
    }
  }

  /** A new worker's JVM, to launch after the lock is released; null if it cannot start. */
  private WorkerLink bootOrNull() {
    try {
      WorkerLink w = boot();
      toLaunch.add(w);
      return w;
    } catch (RuntimeException e) {
      startFailures++;
      if (startFailures >= START_FAILURES_TO_BREAK) {
        pool.broken = new IllegalStateException("the pool cannot start workers: " + e, e);
      }
      return null;
    }
  }

  /**
   * Takes a worker that ended out of the pool's lists, noting whether jobs went to it (for a call
   * of WorkerEnds.gone again after it ran out of heap, which finds it removed). Under the lock.
   */
  void removeEnded(WorkerLink w) {
    if (workers.remove(w)) {
      w.wasActive = true;
    }
    others.remove(w);
    if (spare == w) {
      spare = null;
    }
  }

  /** Whether workers booted under the lock wait for {@link #launchPending}. Under the lock. */
  boolean hasPending() {
    return !toLaunch.isEmpty();
  }

  /** Launches the workers booted under the lock; called after releasing it. */
  void launchPending() {
    List<WorkerLink> links;
    synchronized (pool.lock) {
      if (toLaunch.isEmpty()) {
        return;
      }
      links = new ArrayList<>(toLaunch);
      toLaunch.clear();
    }
    try {
      for (WorkerLink w : links) {
        launch(w);
      }
    } catch (RuntimeException e) {
      // launch broke the pool, which failed the waiting jobs
    }
  }

  /** Hands a booted worker its start: the worker loop, the initializer and its arguments. */
  void launch(WorkerLink w) {
    WorkerAcceptor door;
    synchronized (pool.lock) {
      if (w.launched || w.dead || pool.closed) {
        return;
      }
      w.launched = true;
      pool.connecting.put(w.id, w);
      door = pool.acceptor;
    }
    WorkerStart start = new WorkerStart(
        door.socketForNewWorker(), w.id, door.token(), pool.initializer, pool.initArgs);
    try {
      w.child = Launcher.spawn(named(w.name), w.process,
          ArgumentsTold.ofInitializer(pool.initializer),
          (Ferry.Target1<WorkerStart>) PoolWorker::run, start);
    } catch (RuntimeException e) {
      w.process.destroyForcibly();
      IllegalStateException why = new IllegalStateException(
          "the pool cannot start its workers"
              + (pool.initializer == null ? "" : " with initializer " + pool.initializer)
              + ": " + e
              + (e instanceof ChannelClosedException ? InitializerLeases.handedAnew() : ""), e);
      pool.breakPool(why);
      // As every later task is refused: the bare exception blamed the first task's own arguments
      throw new IllegalStateException(why.getMessage(), why);
    }
    w.child.whenExited(() -> pool.ends.exited(w));
    pool.timeouts.launched(w);
  }

  /**
   * What follows a worker's end under the lock: a start that failed counts, a broken pool fails
   * what waits, else a replacement or spare starts; the jobs to fail for a broken pool. Once per
   * worker (a call again after running out of heap in it may count a failed start twice).
   */
  List<Job> replaceGone(WorkerLink w, int exitCode, String refused) {
    synchronized (pool.lock) {
      if (w.replaced) {
        return List.of();
      }
      List<Job> failedByBreak = List.of();
      boolean expected = w.stopping || pool.closed || (!w.launched && pool.closing);
      if (!expected && !w.connected) {
        startFailed(w, exitCode, refused);
      }
      if (pool.broken != null) {
        failedByBreak = pool.dispatcher.drainWaiting();
      } else if (!expected && !pool.closed && (w.wasActive || w.retiring || w.spare)) {
        replacedAny = true;
        if (w.wasActive) {
          replacement();
        }
        keepSpare();
      }
      w.replaced = true;
      pool.lock.notifyAll();
      return failedByBreak;
    }
  }

  /**
   * What {@code w}'s JVM printed as it refused to start (a flag it does not know), if it ended with
   * the java launcher's code 1 (or an agent's 2) before it connected and left no failure report;
   * else null. Found out
   * by starting a JVM with the same options once (not under the lock: it takes a JVM's start).
   */
  String refusedToStart(WorkerLink w, int exitCode) {
    if (!Launcher.mayHaveRefusedToStart(exitCode) || connected(w)) {
      return null;
    }
    ChildProcess child = w.child;
    if (child != null) {
      Optional<ChildFailure> failure = child.failure();
      return failure.isPresent() && failure.get().exceptionType().isEmpty()
          ? failure.get().message() : null;
    }
    return Launcher.jvmRefusal(pool.settings)
        .map(output -> Launcher.refusal("worker " + w, pool.settings, output, exitCode))
        .orElse(null);
  }

  private boolean connected(WorkerLink w) {
    synchronized (pool.lock) {
      return w.connected;
    }
  }

  /**
   * Counts a worker that ended before it connected; breaks the pool when that is hopeless. Workers
   * are counted as they end, whenever they started: a pool's workers and its spare run the
   * initializer side by side, so a pool of two or more whose initializer hangs breaks at the first
   * start deadline, a pool of one at the second. A pool already broken keeps its first reason, the
   * one its waiting tasks failed with (a later worker's end used to rewrite it, so that tasks
   * submitted afterwards were told "4 workers in a row" where the waiting ones had been told 3).
   */
  private void startFailed(WorkerLink w, int exitCode, String refused) {
    startFailures++;
    if (pool.broken != null) {
      return;
    }
    Optional<ChildFailure> failure = w.child != null ? w.child.failure() : Optional.empty();
    if (refused != null) {
      pool.broken = new IllegalStateException(refused + ": the pool is broken, every task fails");
    } else if (failure.isPresent() && pool.initializer != null && exitCode == 1) {
      ChildFailure f = failure.get();
      pool.broken = new IllegalStateException(
          "the pool's initializer " + pool.initializer + " threw in worker " + w + ": " + f
              + "; the pool is broken, every task fails\n" + f.stackTrace());
    } else if (failure.isPresent()) {
      ChildFailure f = failure.get();
      pool.broken = new IllegalStateException(
          "worker " + w + " could not start: " + f + "\n" + f.stackTrace());
    } else if (startFailures >= START_FAILURES_TO_BREAK) {
      String initializing = pool.initializer == null || !w.launched || w.notConnectedInTime ? ""
          : " while or after running the pool's initializer " + pool.initializer
              + " (a System.exit there ends a worker so, with no failure report)";
      String why = w.notConnectedInTime ? pool.timeouts.notConnectedInTime(pool.initializer)
          : w.connectFailure == null ? WorkerDiedException.howItEnded(exitCode)
          : "was killed by the pool, which could not take its connection: " + w.connectFailure;
      pool.broken = new IllegalStateException(
          startFailures + " workers in a row ended before they connected (the last one, " + w
              + ", " + why + initializing + "; see its output above): the pool is broken, every"
              + " task fails");
    }
  }

  /**
   * Puts a worker in the place of one that ended: the spare if there is one. Under the pool's
   * lock.
   */
  private void replacement() {
    WorkerLink w = spare;
    if (w != null) {
      spare = null;
      others.remove(w);
      w.spare = false;
      workers.add(w);
      return;
    }
    w = bootOrNull();
    if (w != null) {
      workers.add(w);
    } else if (pool.broken == null && unbooted++ == 0) {
      Pool.timer().schedule(this::bootMissing, BOOT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts the replacements whose JVMs could not be started (the process out of file descriptors
   * or of processes), a while later: without them, a pool whose every worker has ended would wait
   * for ever. Each failure counts towards breaking the pool, as a worker that ends before it
   * connects does, so a machine that cannot start JVMs any more fails the tasks instead.
   */
  private void bootMissing() {
    RuntimeException why = null;
    synchronized (pool.lock) {
      while (unbooted > 0 && !pool.closed && pool.broken == null) {
        WorkerLink w = bootOrNull();
        if (w == null) {
          break;
        }
        workers.add(w);
        unbooted--;
      }
      if (pool.broken != null || pool.closed) {
        unbooted = 0;
        why = pool.broken;
      } else if (unbooted > 0) {
        Pool.timer().schedule(this::bootMissing, BOOT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
    if (why != null) {
      pool.breakPool(why); // fails the tasks that waited for these workers
    }
    launchPending();
  }

  /**
   * Takes a worker that reached maxTasksPerWorker out of rotation; it is stopped once its last job
   * is answered. Under the pool's lock.
   */
  void retire(WorkerLink w) {
    w.retiring = true;
    workers.remove(w);
    others.add(w);
    if (w.inflight.isEmpty() && w.reserved == 0) {
      w.stopping = true;
      Pool.timer().execute(w::stop);
    }
    replacement();
    keepSpare();
  }

  /** The worker exits on its own having started nothing after its last answer. */
  void quitting(WorkerLink w) {
    synchronized (pool.lock) {
      w.quitting = true;
      if (workers.contains(w) && !w.retiring) {
        retire(w); // takes no more tasks; its replacement starts now
      }
    }
    launchPending();
  }
}
