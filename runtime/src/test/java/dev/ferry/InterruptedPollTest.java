package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code poll()} and {@code offer} wait for nothing, so, like {@code BlockingQueue}'s, they work
 * whether or not the calling thread is interrupted, and leave its interrupt flag set.
 */
@Timeout(60)
class InterruptedPollTest {

  /** Polls until three messages came, each poll with the thread's interrupt flag set. */
  private static void pollsWhileInterrupted(Channel<Integer> in, Channel<String> report)
      throws Exception {
    StringBuilder got = new StringBuilder();
    boolean flagKept = true;
    long deadline = System.nanoTime() + 20_000_000_000L;
    for (int n = 0; n < 3 && System.nanoTime() < deadline; ) {
      Thread.currentThread().interrupt();
      Optional<Integer> message = in.poll();
      flagKept &= Thread.interrupted();
      if (message.isPresent()) {
        got.append(message.get()).append(' ');
        n++;
      }
    }
    report.send(got.toString().trim() + (flagKept ? ", flag kept" : ", flag lost"));
  }

  @Test
  void poll_withTheInterruptFlagSet_takesAQueuedMessage_andKeepsTheFlag() throws Exception {
    Channel<Integer> channel = Channel.create();
    channel.send(7);
    Thread.currentThread().interrupt();
    Optional<Integer> polled = channel.poll(); // was empty: the host's lock threw InterruptedException
    assertTrue(Thread.interrupted(), "the flag stays set");
    assertEquals(Optional.of(7), polled);
  }

  @Test
  void poll_inAChild_withTheInterruptFlagSet_takesWhatComes_andKeepsTheFlag() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<String> report = Channel.create();
    Child child = Children.fast("polls-interrupted").spawn(InterruptedPollTest::pollsWhileInterrupted, in, report);
    for (int i = 0; i < 3; i++) {
      in.send(i);
    }
    assertEquals("0 1 2, flag kept", report.receive());
    assertEquals(0, child.join());
  }
}
