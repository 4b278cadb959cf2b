package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A spawn is not interruptible: it starts its child whether or not the calling thread is
 * interrupted, and leaves the flag set, in a child handing on its parent's channel (a round trip
 * to the channel's host) as in the channel's creating process.
 */
@Timeout(60)
class InterruptedSpawnTest {

  /** Spawns a grandchild with its parent's channel, its interrupt flag set, and says how it went. */
  private static void spawnsInterrupted(Channel<String> channel) throws Exception {
    Thread.currentThread().interrupt();
    String outcome;
    try {
      Child grandchild = Children.fast("grandchild").spawn(InterruptedSpawnTest::hello, channel);
      boolean flagKept = Thread.interrupted();
      outcome = "exit " + grandchild.join() + (flagKept ? ", flag kept" : ", flag lost");
    } catch (RuntimeException e) {
      Thread.interrupted();
      outcome = "spawn threw " + e;
    }
    channel.send(outcome);
  }

  private static void hello(Channel<String> channel) throws Exception {
    channel.send("hello");
  }

  @Test
  void spawnInAChild_withTheFlagSet_handsOnItsParentsChannel() throws Exception {
    try (Channel<String> channel = Channel.create()) {
      Child middle =
          Children.fast("middle").spawn(InterruptedSpawnTest::spawnsInterrupted, channel);
      assertEquals(Optional.of("hello"), channel.receive(Duration.ofSeconds(30)));
      assertEquals(Optional.of("exit 0, flag kept"), channel.receive(Duration.ofSeconds(30)));
      assertEquals(0, middle.join());
    }
  }

  @Test
  void spawnInTheCreator_withTheFlagSet_startsTheChild() throws Exception {
    try (Channel<String> channel = Channel.create()) {
      Thread.currentThread().interrupt();
      Child child = Children.fast("child").spawn(InterruptedSpawnTest::hello, channel);
      assertEquals(true, Thread.interrupted());
      assertEquals(Optional.of("hello"), channel.receive(Duration.ofSeconds(30)));
      assertEquals(0, child.join());
    }
  }
}
