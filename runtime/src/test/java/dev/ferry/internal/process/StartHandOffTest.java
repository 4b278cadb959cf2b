package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Handing a spare its start-up message when the spare was stopped after the spawn found it able
 * to run, with a real JVM waiting on its stdin: that moment cannot be hit through {@code
 * Ferry.spawn}, whose check comes right before the hand-off.
 */
@Timeout(30)
class StartHandOffTest {
  private static final LaunchSettings SETTINGS =
      new LaunchSettings(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), null, Map.of(),
          "hand-off", false);

  /**
   * A spare stopped before it reads a message larger than its pipe holds: the write used to wait
   * until it was continued, holding {@code Ferry.spawn} for good. Now it is killed and the spawn
   * told so, to start a JVM of its own.
   */
  @Test
  void aStoppedSpare_givenALargeMessage_isKilled_notWaitedFor() throws Exception {
    Process spare = Launcher.boot(SETTINGS);
    try {
      signal("-STOP", spare.pid());
      // On another thread: a write that waits for the stopped spare cannot be interrupted
      CompletableFuture<Boolean> taken = CompletableFuture.supplyAsync(
          () -> StartHandOff.toSpare(spare, new byte[1 << 20], "stopped"));
      assertFalse(taken.get(15, TimeUnit.SECONDS), "the stopped spare took the message");
      assertTrue(spare.waitFor(10, TimeUnit.SECONDS), "the stopped spare was left alive");
    } finally {
      spare.destroyForcibly();
    }
  }

  /** A spare that died (kill -9) before its hand-off did not take even a small message. */
  @Test
  void aKilledSpare_givenASmallMessage_didNotTakeIt() throws Exception {
    Process spare = Launcher.boot(SETTINGS);
    spare.destroyForcibly();
    spare.waitFor();
    assertFalse(StartHandOff.toSpare(spare, new byte[100], "killed"));
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill " + signal);
  }
}
