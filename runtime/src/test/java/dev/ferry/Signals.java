package dev.ferry;

import java.io.IOException;

/** Stops and continues processes with the {@code kill} command, for tests that freeze a child. */
final class Signals {
  private Signals() {}

  static void stop(long pid) throws IOException, InterruptedException {
    send("-STOP", pid);
  }

  private static void send(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill " + signal + " " + pid + " failed");
    }
  }
}
