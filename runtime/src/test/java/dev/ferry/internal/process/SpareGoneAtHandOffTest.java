package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Children;
import dev.ferry.SpawnOptions;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A spare that a spawn took and found able to run, then killed before it was handed its start-up
 * message (by another process of the user, the OOM killer): the moment between {@code
 * Spares.take}'s check and the hand-off, which {@link Launcher#beforeSpareHandOff} reaches.
 */
@Timeout(60)
class SpareGoneAtHandOffTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static void reportsPid(Channel<Long> pids) throws Exception {
    pids.send(ProcessHandle.current().pid());
  }

  @AfterEach
  void noHook() {
    Launcher.beforeSpareHandOff = null;
  }

  /**
   * The spawn starts a JVM of its own, and its target runs there. That JVM used to be handed no
   * start-up message: its target never ran, and a join waited for good.
   */
  @Test
  void aSpareKilledRightBeforeItsHandOff_theSpawnsOwnJvmRunsTheTarget() throws Exception {
    SpawnOptions options = Children.fast("gone-spare").keepSpare(true);
    Channel<Long> pids = Channel.create();
    Child first = options.spawn(SpareGoneAtHandOffTest::reportsPid, pids);
    assertEquals(first.pid(), pids.receive());
    assertEquals(0, first.join());

    AtomicLong killedSpare = new AtomicLong();
    Launcher.beforeSpareHandOff = spare -> {
      killedSpare.set(spare.pid());
      spare.destroyForcibly();
      try {
        spare.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    // The spare starts once the first child ran Ferry: a spawn before that starts a JVM of its
    // own and meets no spare; the next one does.
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (killedSpare.get() == 0 && System.nanoTime() < deadline) {
      Child child = options.spawn(SpareGoneAtHandOffTest::reportsPid, pids);
      Optional<Long> reported = pids.receive(WAIT);
      assertTrue(reported.isPresent(), "the child's target did not run");
      assertEquals(child.pid(), reported.get());
      assertEquals(0, child.join());
      if (killedSpare.get() != 0) {
        assertNotEquals(killedSpare.get(), child.pid(), "the killed spare ran the target");
      }
    }
    assertNotEquals(0, killedSpare.get(), "no spawn took a spare");
    pids.close();
  }
}
