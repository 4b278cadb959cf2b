package dev.ferry.internal.process;

import dev.ferry.internal.transport.RuntimeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Children whose {@code java} launcher may still have to read their class path's argument file
 * ({@link PathArguments}) in the runtime directory, so that this JVM's exit, which deletes that
 * directory, waits for them first. A child spawned (on any thread) just before {@code main}
 * returned was started, but its launcher opened the file only after the exit had deleted it, and
 * printed {@code Error: could not open `/tmp/ferry-.../path-1.args'} on the program's stderr after
 * the program had ended. Spares are ended as the exit begins ({@link Spares#endAll}); children are
 * not killed, only waited for: one that runs its target exits with 3 once this process is gone,
 * as every child does.
 *
 * <p>A launcher reads its argument files first thing, single-threaded, and starts the JVM's main
 * thread after that; so a child with two threads or more (Linux's {@code /proc/PID/status}) is past
 * them. Without {@code /proc} nothing is waited for.
 */
final class ArgumentFileReaders {
  private ArgumentFileReaders() {}

  /** A child older than this read its file long ago (it takes milliseconds) and is forgotten. */
  private static final long FORGET_NANOS = TimeUnit.SECONDS.toNanos(10);

  private record Started(Process process, long nanos) {}

  private static final List<Started> recent = new ArrayList<>(); // guarded by the class
  private static int starting; // ProcessBuilder.start calls under way, guarded by the class

  static {
    RuntimeFiles.beforeDeleting(ArgumentFileReaders::awaitAll);
  }

  /**
   * Starts {@code builder}'s process, remembered until its launcher is past its argument files
   * when {@code command} names one. Refused once this JVM exits, as the runtime directory, where
   * the file is, is being deleted (as {@link RuntimeFiles#directory} refuses it).
   */
  static Process start(ProcessBuilder builder, List<String> command) throws IOException {
    if (!namesArgumentFile(command)) {
      return builder.start();
    }
    synchronized (ArgumentFileReaders.class) {
      // Throws (saying why) once the exit's clean-up has begun, before awaitAll can run: a start
      // counted here is waited for.
      RuntimeFiles.directory();
      starting++;
    }
    Process process = null;
    try {
      process = builder.start();
      return process;
    } finally {
      synchronized (ArgumentFileReaders.class) {
        starting--;
        forgetOld();
        if (process != null) {
          recent.add(new Started(process, System.nanoTime()));
        }
        ArgumentFileReaders.class.notifyAll();
      }
    }
  }

  private static boolean namesArgumentFile(List<String> command) {
    for (String argument : command) {
      if (argument.startsWith("@")) {
        return true; // jvmFlags refuses such flags: only PathArguments writes one
      }
    }
    return false;
  }

  private static void forgetOld() {
    long now = System.nanoTime();
    recent.removeIf(s -> now - s.nanos > FORGET_NANOS || !s.process.isAlive());
  }

  /**
   * Run by the exit before the runtime directory goes: waits for starts under way, then for each
   * recent child's launcher to be past its argument files, until {@code deadline} ({@code
   * System.nanoTime()}, the exit's, shared with {@link Spares#endAll}), and kills those that are
   * not by then (their JVMs never ran, so nothing of theirs is lost).
   */
  private static void awaitAll(long deadline) {
    List<Started> children;
    synchronized (ArgumentFileReaders.class) {
      long left;
      while (starting > 0 && (left = deadline - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(ArgumentFileReaders.class, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      forgetOld();
      children = new ArrayList<>(recent);
    }
    for (Started child : children) {
      while (!pastArgumentFiles(child.process)) {
        if (System.nanoTime() - deadline > 0) {
          child.process.destroyForcibly();
          break;
        }
        try {
          Thread.sleep(2);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          child.process.destroyForcibly();
          break;
        }
      }
    }
  }

  /** Whether the process has more than one thread, or is gone, or there is no /proc to tell. */
  private static boolean pastArgumentFiles(Process process) {
    String status;
    try {
      status = Files.readString(Path.of("/proc", Long.toString(process.pid()), "status"));
    } catch (NoSuchFileException e) {
      return true; // gone (or no /proc)
    } catch (IOException | RuntimeException e) {
      return true; // no /proc to tell
    }
    int at = status.indexOf("\nThreads:");
    if (at < 0) {
      return true;
    }
    int end = status.indexOf('\n', at + 1);
    String count = status.substring(at + "\nThreads:".length(), end < 0 ? status.length() : end);
    try {
      return Integer.parseInt(count.strip()) > 1 || !process.isAlive();
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
