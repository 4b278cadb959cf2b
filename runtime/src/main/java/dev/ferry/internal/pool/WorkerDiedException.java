package dev.ferry.internal.pool;

import dev.ferry.internal.process.ProcessExits;

/**
 * A worker JVM died while it ran a task: killed, {@code System.exit}, out of memory. Names the
 * worker, its pid, how it ended and the task; the pool has started a replacement.
 */
public final class WorkerDiedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long pid;
  private final int exitCode;

  WorkerDiedException(String message, long pid, int exitCode) {
    super(message);
    this.pid = pid;
    this.exitCode = exitCode;
  }

  public long pid() {
    return pid;
  }

  /** The worker's exit code; 128 + the signal's number when a signal killed it (137 for kill -9). */
  public int exitCode() {
    return exitCode;
  }

  /** How a process with exit code {@code code} ended, in words. */
  static String howItEnded(int code) {
    if (code == ProcessExits.UNSEEN) {
      return "ended, how unknown (this JVM's \"process reaper\" thread, out of heap, died before"
          + " it recorded the exit code)";
    }
    if (code > 128 && code < 128 + 65) {
      int signal = code - 128;
      String name = switch (signal) {
        case 1 -> "SIGHUP";
        case 2 -> "SIGINT";
        case 3 -> "SIGQUIT";
        case 6 -> "SIGABRT";
        case 9 -> "SIGKILL";
        case 11 -> "SIGSEGV";
        case 15 -> "SIGTERM";
        default -> "signal " + signal;
      };
      return "was killed by signal " + signal + " (" + name + ", exit code " + code + ")";
    }
    return "exited with code " + code;
  }
}
