package dev.ferry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Stops and continues processes with the {@code kill} command, for tests that freeze a child. */
final class Signals {
  private Signals() {}

  /**
   * Stops the process and returns once the kernel shows it stopped: kill(2) only queues the
   * signal, and a thread of the target that is running on the other core goes on until it is
   * interrupted, which on a loaded machine was long enough to receive one more message.
   */
  static void stop(long pid) throws IOException, InterruptedException {
    send("-STOP", pid);
    Path status = Path.of("/proc", Long.toString(pid), "status");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!isStopped(status)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("process " + pid + " did not stop within 10 s");
      }
      Thread.sleep(1);
    }
  }

  /** Lets a stopped process run again. */
  static void resume(long pid) throws IOException, InterruptedException {
    send("-CONT", pid);
  }

  /** Whether the kernel shows the process stopped. */
  static boolean isStopped(long pid) throws IOException {
    return isStopped(Path.of("/proc", Long.toString(pid), "status"));
  }

  private static boolean isStopped(Path status) throws IOException {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("State:")) {
        return line.contains("T (stopped)");
      }
    }
    return false;
  }

  private static void send(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill " + signal + " " + pid + " failed");
    }
  }
}
