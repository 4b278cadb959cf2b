package dev.ferry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Child JVMs started ahead of time ({@link SpawnOptions#keepSpare}): at most one per command,
 * working directory and environment, waiting for its start-up message on stdin.
 *
 * <p>A spare is a plain child that has not been told what to run: it starts the JVM and sets up
 * the JDK's Unix-domain sockets while it waits, so the next spawn with the same options skips
 * that. An unused spare ends when this process does: its stdin reaches end of file, and a child
 * whose start-up message never comes halts at once.
 */
final class Spares {
  /** What makes two children interchangeable before they are told what to run. */
  record Key(List<String> command, Path workingDirectory, Map<String, String> environment) {}

  private static final Map<Key, Spare> SPARES = new HashMap<>(); // guarded by Spares.class

  private Spares() {}

  /**
   * The spare for {@code key}, once started (a spare still starting is further along than a new
   * JVM), if it started and is alive; null if there is none. It is no longer a spare.
   */
  static Process take(Key key) throws InterruptedException {
    Spare spare;
    synchronized (Spares.class) {
      spare = SPARES.remove(key);
    }
    return spare != null ? spare.await() : null;
  }

  /**
   * Starts a spare for {@code key} on a daemon thread, so the spawn that asked for it does not
   * wait; does nothing if there is one. A spare that cannot be started is no error: the next spawn
   * starts its child itself, and reports the failure if it fails too.
   */
  static void replenish(Key key, ProcessBuilder builder) {
    Spare spare = new Spare();
    synchronized (Spares.class) {
      if (SPARES.putIfAbsent(key, spare) != null) {
        return;
      }
    }
    Thread starter =
        new Thread("ferry-spare") {
          @Override
          public void run() {
            Process process = null;
            try {
              process = builder.start();
            } catch (IOException | RuntimeException e) {
              // no spare this time
            } finally {
              spare.started(process);
            }
          }
        };
    starter.setDaemon(true);
    starter.start();
  }

  /** A spare being started, then started (or not). */
  private static final class Spare {
    private Process process;
    private boolean done;

    synchronized void started(Process started) {
      process = started;
      done = true;
      notifyAll();
    }

    synchronized Process await() throws InterruptedException {
      while (!done) {
        wait();
      }
      return process != null && process.isAlive() ? process : null;
    }
  }
}
