package dev.ferry.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Whether a process cannot run what it is told: it is stopped (SIGSTOP, {@code kill -STOP}, or a
 * debugger's trace stop), or dead and not yet reaped (a zombie, after a {@code kill -9} or the
 * kernel's OOM killer), read from the state field of Linux's {@code /proc/PID/stat}. The JDK's
 * process handles say only alive or not, and say alive until the JDK's reaper thread has seen the
 * exit, which after a {@code kill -9} took long enough for a spawn to hand that JVM its target.
 * Where there is no {@code /proc}, a process is taken as able to run.
 *
 * <p>Also whether a process started ahead of time still runs in the directory it was started in.
 */
final class ProcessStates {
  private ProcessStates() {}

  static boolean cannotRun(Process process) {
    String stat;
    try {
      stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
    } catch (NoSuchFileException e) {
      return Files.isDirectory(Path.of("/proc/self")); // with /proc, no entry: it is gone
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux)
    }
    // "PID (COMM) STATE ...": the command may itself hold ") ", so the state follows the last ')'
    int end = stat.lastIndexOf(')');
    if (end < 0 || end + 2 >= stat.length()) {
      return false;
    }
    char state = stat.charAt(end + 2);
    return state == 'T' || state == 't' || state == 'Z' || state == 'X';
  }

  /**
   * Whether the process is no longer in {@code directory}, the one it was started in: that was
   * deleted since, and maybe made again at the same path (a deploy that replaced the release
   * directory), while the process still runs in the deleted one. Read from Linux's {@code
   * /proc/PID/cwd}, which leads to the directory the process is in, deleted or not; where there is
   * no {@code /proc}, the process is taken as still there.
   */
  static boolean leftBehindIn(Process process, Path directory) {
    Path cwd = Path.of("/proc", Long.toString(process.pid()), "cwd");
    try {
      return !Files.isSameFile(cwd, directory);
    } catch (NoSuchFileException e) {
      return Files.isDirectory(cwd.getParent()); // with /proc, no entry: the directory is gone
    } catch (IOException | RuntimeException e) {
      return false; // no /proc (not Linux), or not ours to read
    }
  }
}
