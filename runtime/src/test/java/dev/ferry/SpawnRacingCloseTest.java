package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In a child, a spawn that hands on its parent's channel while another thread closes the child's
 * handle either throws {@code ChannelClosedException} or starts a grandchild whose handle works:
 * never one whose every use of the channel is refused by the host.
 */
@Timeout(60)
class SpawnRacingCloseTest {

  /**
   * Spawns a grandchild with the channel on one thread and closes the channel on this one while
   * that spawn waits for the host's answer to its lease request (seen in its stack), then reports
   * how the spawn ended.
   */
  private static void spawnsWhileClosing(Channel<String> channel) throws Exception {
    AtomicReference<String> outcome = new AtomicReference<>("none");
    Thread spawner = new Thread(() -> {
      try {
        Child grandchild = Children.fast("grandchild").spawn(SpawnRacingCloseTest::hello, channel);
        outcome.set("grandchild exit " + grandchild.join());
      } catch (ChannelClosedException e) {
        outcome.set("spawn refused: " + e.getMessage());
      } catch (Exception e) {
        outcome.set("spawn threw " + e);
      }
    });
    spawner.start();
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (spawner.isAlive() && !asksForALease(spawner) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    channel.close(); // takes the lock once the spawner waits for the answer
    spawner.join();
    if (!outcome.get().equals("grandchild exit 0") && !outcome.get().startsWith("spawn refused")) {
      throw new AssertionError(outcome.get());
    }
  }

  private static boolean asksForALease(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("newChildLease")) {
        return true;
      }
    }
    return false;
  }

  private static void hello(Channel<String> channel) throws Exception {
    channel.send("hello");
  }

  @Test
  void spawnRacingCloseInAChild_refusesOrHandsOnAWorkingHandle() throws Exception {
    for (int round = 0; round < 3; round++) {
      try (Channel<String> channel = Channel.create()) {
        Child middle = Children.fast("middle").spawn(SpawnRacingCloseTest::spawnsWhileClosing,
            channel);
        List<String> got = new ArrayList<>();
        try {
          for (Optional<String> m; (m = channel.receive(Duration.ofSeconds(30))).isPresent(); ) {
            got.add(m.get());
          }
        } catch (ChannelClosedException endOfHolders) {
          // every process it was handed to has exited or closed it
        }
        assertEquals(0, middle.join(), "the middle child's failure: " + middle.failure());
        assertTrue(got.isEmpty() || got.equals(List.of("hello")), got.toString());
      }
    }
  }
}
