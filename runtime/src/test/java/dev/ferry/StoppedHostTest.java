package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder whose host does not answer for a while (stopped with SIGSTOP here; hung or starved of
 * CPU in real life): its calls with a timeout still return about when the timeout says.
 */
@Timeout(60)
public class StoppedHostTest {
  /** The exit code of a grandchild whose calls overshot or returned something. */
  private static final int OVERSHOT = 40;

  /** Hosts a channel for a grandchild, which stops this process while it receives. */
  private static void host() throws Exception {
    try (Channel<String> quiet = Channel.create(); Channel<String> full = Channel.create(4)) {
      Child holder = Children.fast("holder").keepSpare(false)
          .spawn(StoppedHostTest::receiveWhileHostStopped, quiet, full);
      System.exit(holder.join());
    }
  }

  private static void receiveWhileHostStopped(Channel<String> quiet, Channel<String> full)
      throws Exception {
    quiet.poll(); // connected
    while (full.offer("x")) {
      // until the channel is full, so that an offer must ask the host
    }
    long host = ProcessHandle.current().parent().orElseThrow().pid();
    signal("-STOP", host);
    long[] took = new long[3];
    Optional<String> received;
    Optional<String> polled;
    boolean offered;
    try {
      long start = System.nanoTime();
      received = quiet.receive(Duration.ofMillis(300));
      took[0] = System.nanoTime() - start;
      start = System.nanoTime();
      polled = full.poll(); // its own request: the quiet channel still has the withdrawn one
      took[1] = System.nanoTime() - start;
      start = System.nanoTime();
      offered = full.offer("y");
      took[2] = System.nanoTime() - start;
    } finally {
      signal("-CONT", host);
    }
    System.err.println("with the host stopped: receive(300 ms) " + received + " after "
        + took[0] / 1_000_000 + " ms, poll() " + polled + " after " + took[1] / 1_000_000
        + " ms, offer() " + offered + " after " + took[2] / 1_000_000 + " ms");
    boolean onTime = took[0] < 1_500_000_000L && took[1] < 2_000_000_000L && took[2] < 2_000_000_000L;
    System.exit(received.isEmpty() && polled.isEmpty() && !offered && onTime ? 0 : OVERSHOT);
  }

  private static void signal(String signal, long pid) throws Exception {
    new ProcessBuilder("kill", signal, Long.toString(pid)).inheritIO().start().waitFor();
  }

  /**
   * A timed receive whose request the host did not answer in time withdraws it; it used to wait up
   * to 5 s for the host to confirm the withdrawal, so {@code receive(300 ms)} took 5.3 s. And
   * {@code poll()} waited for ever for the host's answer, {@code offer()} 30 s: now at most 1 s.
   */
  @Test
  void timedCalls_withTheHostStopped_returnAboutOnTime() throws Exception {
    Child host = Children.fast("stopped-host").keepSpare(false).spawn(StoppedHostTest::host);
    try {
      assertEquals(0, host.join());
    } finally {
      host.kill();
    }
  }
}
