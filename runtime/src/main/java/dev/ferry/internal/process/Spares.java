package dev.ferry.internal.process;

import dev.ferry.internal.transport.RuntimeFiles;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs started ahead of time ({@link dev.ferry.SpawnOptions#keepSpare}), waiting for their
 * start-up message on stdin: for one set of options per process, those of the latest spawn or pool
 * that asked for them, so that a program spawning with many different options cannot pile up idle
 * JVMs; one for spawns, as many as a pool has workers for pools.
 *
 * <p>A spare is a plain child that has not been told what to run: it starts the JVM and sets up
 * the JDK's Unix-domain sockets while it waits, so the next spawn with the same options skips
 * that. An unused spare ends when this process does: its stdin reaches end of file, and a child
 * whose start-up message never comes halts at once.
 */
public final class Spares {
  /**
   * What makes two children interchangeable before they are told what to run. Its equals and
   * hashCode are written out: a record's own are linked through {@code ObjectMethods} on first use,
   * which cost the first spawn of a JVM 15-40 ms of method-handle set-up.
   */
  record Key(List<String> command, Path workingDirectory, Map<String, String> environment) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Key that
          && Objects.equals(command, that.command)
          && Objects.equals(workingDirectory, that.workingDirectory)
          && Objects.equals(environment, that.environment);
    }

    @Override
    public int hashCode() {
      return Objects.hash(command, workingDirectory, environment);
    }
  }

  private static Key key; // guarded by Spares.class, as are spares and previous
  private static final ArrayDeque<Spare> spares = new ArrayDeque<>();
  private static Key previous;
  /**
   * Options a child was seen to start with, reaching {@link ChildMain} (see {@link
   * #replenishOnceRunning}); forgotten all at once past {@link #RAN_LIMIT}, so that a program that
   * spawns with other options each time does not grow it for good.
   */
  private static final Set<Key> ran = new HashSet<>();
  private static final int RAN_LIMIT = 64;
  /**
   * The child of the latest spawn, with or without a spare, and its options: a spawn that repeats
   * them asks it whether Ferry ran in it (see {@link #spawned}). Weakly: a child's context holds
   * the channels handed to it, and a channel dropped once its child exited was held until the next
   * spawn. A child collected meanwhile is asked nothing; the repeat's own child is watched instead.
   */
  private static WeakReference<ChildProcess> lastSpawned = new WeakReference<>(null);
  private static Key lastSpawnedWith;
  /** This JVM exits: its spares are ended, and no more start (see {@link #endAll}). */
  private static boolean ending;

  static {
    RuntimeFiles.beforeDeleting(Spares::endAll);
  }

  private Spares() {}

  /**
   * The key to take and replenish a spare with for a spawn with {@code options}, or null for
   * none: with {@code keep} true always, false never, null (the default) once the options repeat
   * those of the spawn before, or a spare for them already waits. So a process that spawns one
   * child after another gets a spare from its second spawn on, while one that spawns once, or
   * with other options each time, never starts a JVM it does not use.
   */
  static Key wanted(Boolean keep, Key options) {
    synchronized (Spares.class) {
      boolean repeated = options.equals(previous) || options.equals(key);
      previous = options;
      if (keep != null) {
        return keep ? options : null;
      }
      return repeated ? options : null;
    }
  }

  /**
   * A spare for {@code wanted}, once started (a spare still starting is further along than a new
   * JVM), if it started, is alive and can run (see {@link ProcessStates}); null if there is none.
   * It is no longer a spare. A stopped one (someone's {@code kill -STOP} of an idle JVM, a
   * debugger) is killed: it would read its start-up message only once continued, and was handed
   * the spawn's target, which never ran, and a join that waited for it for good. So was one just
   * killed, whose child then exited with 137 at once, its target never run. So is one whose working
   * directory, {@code directory} (where a JVM started now would start), was deleted since it
   * started: it runs in the deleted directory, where the target could neither read nor make a
   * file, even after a directory was made again at the same path. A null {@code directory} (this
   * process's, inherited: its name cannot be told) is not checked.
   */
  static Process take(Key wanted, Path directory) throws InterruptedException {
    Spare taken;
    synchronized (Spares.class) {
      if (spares.isEmpty() || !key.equals(wanted)) {
        return null;
      }
      taken = spares.pollFirst();
    }
    Process process;
    try {
      process = taken.await();
    } catch (InterruptedException e) {
      // No longer a spare and taken by no one: ended once started. It used to idle until this
      // process exited, one more JVM for each spawn interrupted while its spare started.
      taken.discard();
      throw e;
    }
    if (process != null
        && (ProcessStates.cannotRun(process) || (directory != null && ProcessStates.leftBehindIn(process, directory)))) {
      process.destroyForcibly(); // SIGKILL ends a stopped process too
      return null;
    }
    return process;
  }

  /**
   * Notes that {@code child} was spawned with {@code options}, and starts a spare for {@code
   * wanted} (null: none wanted) as {@link #replenishOnceRunning} does. By default the first spawn
   * with some options wants no spare, so nothing watched its child; when the next spawn repeats
   * the options (the spawn that wants one), that child is asked whether Ferry ran in it. If it did,
   * the spare starts at once, beside the repeat's own child, instead of once that child has reached
   * {@link ChildMain}: a program spawning children one after another found its third spawn's spare
   * still booting (on 2 busy cores, a fresh program's third spawn in a row took a median 223–274
   * ms, about its second's; 54–81 ms so: docs/runtime.md, "Spare children").
   */
  static void spawned(Key options, Key wanted, ProcessBuilder builder, ChildProcess child) {
    WeakReference<ChildProcess> before;
    synchronized (Spares.class) {
      before = options.equals(lastSpawnedWith) ? lastSpawned : null;
      lastSpawned = new WeakReference<>(child);
      lastSpawnedWith = options;
    }
    if (wanted != null) {
      replenishOnceRunning(wanted, builder, child, before);
    }
  }

  /**
   * Starts a spare for {@code wanted}, the options {@code child} was started with, once a child
   * started with them has reached {@link ChildMain}: at once if one did before, else, on a daemon
   * thread, as soon as {@code before} (an earlier child with them, if not collected yet; or null)
   * is found to have done so or {@code child} does; never if neither does. The spawning thread
   * does not ask {@code before}: for a child that exited before Ferry ran, the answer may wait for
   * a JVM started to find out why (see {@link ChildProcess#collect}). A JVM that refuses its
   * options (a flag it does not know) prints why on the inherited stderr, and a spare started with
   * them alongside printed the same once more, and again beside each later spawn's child.
   */
  private static void replenishOnceRunning(
      Key wanted, ProcessBuilder builder, ChildProcess child, WeakReference<ChildProcess> before) {
    boolean seen;
    synchronized (Spares.class) {
      seen = ran.contains(wanted);
    }
    if (seen) {
      replenish(wanted, builder, 1);
      return;
    }
    Thread watcher =
        new Thread("ferry-spare") {
          @Override
          public void run() {
            try {
              if (ranFerry(before) || awaitFerryIn(child)) {
                ranWith(wanted);
                replenish(wanted, builder, 1);
              }
            } catch (InterruptedException e) {
              // never interrupted: daemon thread of our own
            }
          }
        };
    watcher.setDaemon(true);
    try {
      watcher.start();
    } catch (OutOfMemoryError e) {
      // out of threads: no spare this time, as in replenish
    }
  }

  /** Whether Ferry ran in the child {@code child} refers to: false for none, or one collected. */
  private static boolean ranFerry(WeakReference<ChildProcess> child) {
    ChildProcess earlier = child == null ? null : child.get();
    return earlier != null && earlier.ranFerry();
  }

  /**
   * Waits until Ferry runs in {@code child} or it exits; whether it ran. The child gives no other
   * sign than the file it leaves (its stdout and stderr are the user's), so it is looked for every
   * 10 ms: a JVM boots in tens of them.
   */
  private static boolean awaitFerryIn(ChildProcess child) throws InterruptedException {
    while (true) {
      boolean alive = child.process().isAlive();
      if (child.ranFerry()) {
        return true;
      }
      if (!alive) {
        return false;
      }
      child.process().waitFor(10, TimeUnit.MILLISECONDS);
    }
  }

  /** Notes that a child started with {@code options} reached {@link ChildMain}. */
  static void ranWith(Key options) {
    synchronized (Spares.class) {
      if (ran.size() >= RAN_LIMIT) {
        ran.clear();
      }
      ran.add(options);
    }
  }

  /**
   * Starts spares for {@code wanted} on a daemon thread until {@code count} wait, so the spawn or
   * pool that asked for them does not wait, and ends the spares of other options if there are any.
   * A spare that cannot be started is no error: the next spawn starts its child itself, and
   * reports the failure if it fails too.
   */
  static void replenish(Key wanted, ProcessBuilder builder, int count) {
    List<Spare> fresh = new ArrayList<>();
    List<Spare> replaced = new ArrayList<>();
    synchronized (Spares.class) {
      if (ending) {
        return;
      }
      if (!wanted.equals(key)) {
        replaced.addAll(spares);
        spares.clear();
        key = wanted;
      }
      while (spares.size() < count) {
        Spare spare = new Spare();
        spares.addLast(spare);
        fresh.add(spare);
      }
    }
    for (Spare spare : replaced) {
      spare.discard();
    }
    if (fresh.isEmpty()) {
      return;
    }
    Thread starter =
        new Thread("ferry-spare") {
          @Override
          public void run() {
            for (Spare spare : fresh) {
              if (!spare.starting()) {
                continue; // ended before it started (this JVM exits)
              }
              Process process = null;
              try {
                // A spare taken at once is a child whose launcher may not have read its files yet.
                process = ArgumentFileReaders.start(builder, builder.command());
              } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // no spare this time (out of threads: no thread could wait for it)
              } finally {
                spare.started(process);
              }
            }
          }
        };
    starter.setDaemon(true);
    try {
      starter.start();
    } catch (OutOfMemoryError e) {
      // Out of threads: no spare this time. Left in the queue, never started, they would hold
      // every later take() waiting for good (a spawn hung after this process had threads again).
      synchronized (Spares.class) {
        spares.removeAll(fresh);
      }
      for (Spare spare : fresh) {
        spare.started(null);
      }
    }
  }

  /**
   * Kills every spare as this JVM exits, before its runtime directory is deleted: a spare's
   * {@code java} launcher reads its class path's argument file ({@link PathArguments}) from that
   * directory as it starts, and one started just before the exit (a pool closed at the end of
   * {@code main} leaves its spares then) found the file deleted and printed {@code Error: could
   * not open `/tmp/ferry-.../path-1.args'} on the program's stderr after the program had ended.
   * Unused, it would have halted at the end of its stdin anyway. One still being started is waited
   * for until {@code deadline} ({@code System.nanoTime()}, the exit's, shared with {@link
   * ArgumentFileReaders}), so that it is killed before the directory goes.
   */
  static void endAll(long deadline) {
    List<Spare> all;
    synchronized (Spares.class) {
      ending = true;
      all = new ArrayList<>(spares);
      spares.clear();
    }
    for (Spare spare : all) {
      spare.end(deadline);
    }
  }

  /** A spare being started, then started (or not); discarded ones are destroyed once started. */
  private static final class Spare {
    private Process process;
    private boolean done;
    private boolean discarded;

    /** Whether to start it: false once discarded (then it counts as started, with no process). */
    synchronized boolean starting() {
      if (discarded) {
        done = true;
        notifyAll();
      }
      return !discarded;
    }

    /** Discards it and kills it, waiting until {@code deadline} (nanoTime) for it to start. */
    synchronized void end(long deadline) {
      discarded = true;
      long left;
      while (!done && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      if (process != null) {
        process.destroyForcibly();
      }
    }

    synchronized void started(Process started) {
      process = started;
      done = true;
      if (discarded && started != null) {
        started.destroy();
      }
      notifyAll();
    }

    synchronized void discard() {
      discarded = true;
      if (done && process != null) {
        process.destroy();
      }
    }

    synchronized Process await() throws InterruptedException {
      while (!done) {
        wait();
      }
      return process != null && process.isAlive() ? process : null;
    }
  }
}
