package dev.ferry.internal.process;

import java.util.concurrent.TimeUnit;

/**
 * Waits for a child JVM's exit where the JDK may never report it. The JDK's {@code "process
 * reaper"} thread reaps the child ({@code waitpid}) and then records its exit code, boxed: in a
 * heap full to the last byte (a pool's map whose results filled it) that boxing of a code above
 * 127 (137, killed) ran out of heap, the reaper died ({@code OutOfMemoryError thrown from the
 * UncaughtExceptionHandler in thread "process reaper"}), and the exit was never recorded:
 * {@code Process.waitFor()} waited for ever, and so did a pool's {@code close()} (about one run in
 * 50 of {@code PoolHeapTest} on a loaded machine). The operating system knows better: a child it
 * no longer has has exited, whatever the {@code Process} says.
 */
public final class ProcessExits {
  /** {@link #exitCode} of a child whose exit the JDK never recorded. */
  public static final int UNSEEN = Integer.MIN_VALUE;
  /**
   * How often a wait asks the operating system whether the child is still there: only a lost
   * record waits this long, and every child's exit watch asks (200 children, 200 asks a second).
   */
  private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private ProcessExits() {}

  /**
   * Waits at most {@code nanos} (for ever if negative) for {@code process} to exit; true once it
   * has, or once the operating system no longer has it.
   */
  public static boolean await(Process process, long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (true) {
      long wait = nanos < 0 ? CHECK_NANOS : Math.min(CHECK_NANOS, deadline - System.nanoTime());
      if (process.waitFor(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
        return true;
      }
      if (!alive(process)) {
        process.waitFor(100, TimeUnit.MILLISECONDS); // the reaper's record, if it comes
        return true; // reaped, its exit never recorded (see the class comment)
      }
      if (nanos >= 0 && deadline - System.nanoTime() <= 0) {
        return false;
      }
    }
  }

  private static boolean alive(Process process) {
    try {
      return process.toHandle().isAlive();
    } catch (UnsupportedOperationException e) {
      return true; // a Process that is no operating system's: its own waitFor is all there is
    }
  }

  /** {@code process}'s exit code, or {@link #UNSEEN}; call once {@link #await} returned true. */
  public static int exitCode(Process process) {
    try {
      return process.exitValue();
    } catch (IllegalThreadStateException e) {
      return UNSEEN;
    }
  }
}
