package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.transport.HostChannels;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Two children take work from one channel: a slow one, busy with its first message, holds no
 * other, so its sibling does the rest meanwhile (a work queue).
 */
class SlowConsumerTest {
  private static final int MESSAGES = 10;

  /** Takes one message, tells which, then works on it until told to go on, and again. */
  static void slow(Channel<Integer> work, Channel<String> done, Channel<Integer> goOn)
      throws Exception {
    while (true) {
      int x = work.receive();
      done.send("slow " + x);
      goOn.receive();
    }
  }

  static void fast(Channel<Integer> work, Channel<String> done) throws Exception {
    while (true) {
      done.send("fast " + work.receive());
    }
  }

  @Test
  void aConsumerBusyWithOneMessage_holdsNoOtherWhileItsSiblingIsIdle() throws Exception {
    Channel<Integer> work = Channel.create();
    Channel<String> done = Channel.create();
    Channel<Integer> goOn = Channel.create();
    Child slow = Children.fast("slow").spawn(SlowConsumerTest::slow, work, done, goOn);
    while (!HostChannels.remoteWaiting(work)) {
      Thread.sleep(10);
    }
    for (int i = 0; i < MESSAGES; i++) {
      work.send(i);
    }
    assertEquals("slow 0", done.receive());
    Child fast = Children.fast("fast").spawn(SlowConsumerTest::fast, work, done);
    for (int i = 1; i < MESSAGES; i++) {
      Optional<String> next = done.receive(Duration.ofSeconds(30));
      assertTrue(next.isPresent(), "message " + i + " waited in the busy child, not for its idle sibling");
      assertEquals("fast " + i, next.get());
    }
    slow.kill();
    fast.kill();
    slow.join();
    fast.join();
  }
}
