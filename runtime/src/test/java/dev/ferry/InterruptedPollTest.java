package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code poll()} and {@code offer} wait for nothing, so, like {@code BlockingQueue}'s, they work
 * whether or not the calling thread is interrupted, and leave its interrupt flag set; {@code send},
 * like {@code BlockingQueue.put}, throws for an interrupted thread and sends nothing.
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

  /**
   * Sends with the interrupt flag set, once blocking and once with a timeout, then once more with
   * the flag clear, and reports which threw.
   */
  private static void sendsWhileInterrupted(Channel<Integer> out, Channel<String> report)
      throws Exception {
    report.send(sendInterrupted(out));
  }

  /**
   * Sends 0, two messages with the interrupt flag set, then 1: "threw threw" when both interrupted
   * sends threw InterruptedException and sent nothing.
   */
  private static String sendInterrupted(Channel<Integer> out) throws Exception {
    StringBuilder what = new StringBuilder();
    out.send(0); // connected: a child's first send makes its connection, which waits
    for (int round = 0; round < 2; round++) {
      Thread.currentThread().interrupt();
      try {
        if (round == 0) {
          out.send(-1);
        } else {
          out.send(-2, java.time.Duration.ofSeconds(1));
        }
        what.append("sent ");
      } catch (InterruptedException e) {
        what.append(Thread.interrupted() ? "threw-flag-set " : "threw ");
      }
    }
    out.send(1);
    return what.toString().trim();
  }

  @Test
  void send_withTheInterruptFlagSet_throwsAndSendsNothing_hereAndInAChild() throws Exception {
    Channel<Integer> here = Channel.create();
    assertEquals("threw threw", sendInterrupted(here));
    assertEquals(0, here.receive());
    assertEquals(1, here.receive(), "the interrupted sends sent nothing");

    Channel<Integer> fromChild = Channel.create();
    Channel<String> report = Channel.create();
    Child child = Children.fast("sends-interrupted").spawn(InterruptedPollTest::sendsWhileInterrupted, fromChild, report);
    assertEquals("threw threw", report.receive());
    assertEquals(0, fromChild.receive());
    assertEquals(1, fromChild.receive(), "the child's interrupted sends sent nothing");
    assertEquals(0, child.join());
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
