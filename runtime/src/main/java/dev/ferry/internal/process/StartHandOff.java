package dev.ferry.internal.process;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a child's start-up message to its stdin without letting a child that does not read it
 * hold {@code Ferry.spawn}: a pipe holds 64 KiB (one 4 KiB page at the least), and a larger
 * message (a spawn with a 1 MB {@code byte[]}) used to be written on the caller's thread, which
 * then waited until the child read it, for good if the child was stopped ({@code kill -STOP}, a
 * debugger) before it did.
 *
 * <p>A message that fits the smallest pipe is written at once. A larger one is written on a
 * daemon thread, in parts, so that a spawn can watch it go: a fresh JVM reads it once it has
 * booted (or continued), and the spawn does not wait for that; a spare has booted and waits for
 * it, so a spare that is stopped or dead meanwhile, or reads nothing for {@link
 * #SPARE_PATIENCE_NANOS}, did not take it, is killed, and the spawn starts a JVM of its own.
 */
final class StartHandOff {
  /** Linux's smallest pipe capacity, one page: what a pipe takes while nobody reads it. */
  static final int AT_ONCE_BYTES = 4096;
  private static final int PART_BYTES = 64 * 1024;
  /** How long a spare, which waits on its stdin, may read nothing of its message. */
  static final long SPARE_PATIENCE_NANOS = 5_000_000_000L;
  private static final long LOOK_MILLIS = 10;

  private StartHandOff() {}

  /**
   * Hands a JVM that may still be booting its message, returning at once or as soon as the
   * message is in the pipe. A child that dies first is no error here: its exit code says why.
   */
  static void toFresh(Process process, byte[] start, String name) {
    if (start.length <= AT_ONCE_BYTES) {
      write(process, start, new AtomicLong());
      return;
    }
    Thread writer = writer(process, start, new AtomicLong(), name);
    try {
      writer.start();
    } catch (OutOfMemoryError e) {
      // Out of threads: write it here, as before, rather than lose the child
      write(process, start, new AtomicLong());
    }
  }

  /**
   * Hands a spare its message and says whether it took it; one that did not is killed. A message
   * that fits the pipe is taken unless the spare is dead; a larger one once the spare read it all.
   */
  static boolean toSpare(Process process, byte[] start, String name) {
    AtomicLong written = new AtomicLong();
    if (start.length <= AT_ONCE_BYTES) {
      return write(process, start, written) || killed(process);
    }
    Thread writer = writer(process, start, written, name);
    try {
      writer.start();
    } catch (OutOfMemoryError e) {
      return killed(process); // a fresh JVM is then written to on this thread
    }
    boolean interrupted = false;
    long seen = -1;
    long since = System.nanoTime();
    try {
      while (true) {
        try {
          writer.join(LOOK_MILLIS);
        } catch (InterruptedException e) {
          interrupted = true; // the hand-off is quick or ends the spare: finish it, then say so
        }
        if (!writer.isAlive()) {
          return written.get() == start.length || killed(process);
        }
        long now = written.get();
        if (now != seen) {
          seen = now;
          since = System.nanoTime();
        }
        if (ProcessStates.cannotRun(process) || System.nanoTime() - since > SPARE_PATIENCE_NANOS) {
          return killed(process); // its writer ends as the pipe breaks
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static boolean killed(Process process) {
    process.destroyForcibly(); // SIGKILL ends a stopped process too
    return false;
  }

  private static Thread writer(Process process, byte[] start, AtomicLong written, String name) {
    Thread writer = new Thread(() -> write(process, start, written), "ferry-start-" + name);
    writer.setDaemon(true); // a child stopped for good does not keep this process alive
    return writer;
  }

  /** Writes the message in parts, counting them, and closes stdin; false if the pipe broke. */
  private static boolean write(Process process, byte[] start, AtomicLong written) {
    try (OutputStream stdin = process.getOutputStream()) {
      for (int at = 0; at < start.length; at += PART_BYTES) {
        int part = Math.min(PART_BYTES, start.length - at);
        stdin.write(start, at, part);
        stdin.flush();
        written.addAndGet(part);
      }
      return true;
    } catch (IOException e) {
      return false; // the child died before reading it all
    }
  }
}
