package dev.ferry.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process is stopped (SIGSTOP, {@code kill -STOP}, or a debugger's trace stop), read
 * from the state field of Linux's {@code /proc/PID/stat}: the JDK's process handles say only
 * alive or not, and a stopped JVM is alive but reads nothing. Where there is no {@code /proc}, a
 * process is taken as running.
 */
final class StoppedProcesses {
  private StoppedProcesses() {}

  static boolean isStopped(Process process) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux), or the process is gone: not stopped
    }
    // "PID (COMM) STATE ...": the command may itself hold ") ", so the state follows the last ')'
    int end = stat.lastIndexOf(')');
    if (end < 0 || end + 2 >= stat.length()) {
      return false;
    }
    char state = stat.charAt(end + 2);
    return state == 'T' || state == 't';
  }
}
