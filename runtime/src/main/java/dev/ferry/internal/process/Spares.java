package dev.ferry.internal.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
/**
 * Child JVMs started ahead of time ({@link SpawnOptions#keepSpare}), waiting for their start-up
 * message on stdin: for one set of options per process, those of the latest spawn or pool that
 * asked for them, so that a program spawning with many different options cannot pile up idle
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
   * killed, whose child then exited with 137 at once, its target never run.
   */
  static Process take(Key wanted) throws InterruptedException {
    Spare taken;
    synchronized (Spares.class) {
      if (spares.isEmpty() || !key.equals(wanted)) {
        return null;
      }
      taken = spares.pollFirst();
    }
    Process process = taken.await();
    if (process != null && ProcessStates.cannotRun(process)) {
      process.destroyForcibly(); // SIGKILL ends a stopped process too
      return null;
    }
    return process;
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
              Process process = null;
              try {
                process = builder.start();
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

  /** A spare being started, then started (or not); discarded ones are destroyed once started. */
  private static final class Spare {
    private Process process;
    private boolean done;
    private boolean discarded;

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
