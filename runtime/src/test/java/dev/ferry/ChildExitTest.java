package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child delivers what it sent before it exits, waiting for its hosts to confirm; a host that
 * does not answer (stopped by a debugger, Ctrl-Z, a long pause) delays the exit by the 5 s of
 * docs/runtime.md in all, not 5 s for each channel it hosts.
 */
@Timeout(60)
class ChildExitTest {
  /**
   * The goodbye deadline of the child that waits for a stopped host: 2 s, not the 5 s a program
   * gets, so that CI does not wait out 5 s on each JDK. A child still at 5 s fails the test too.
   */
  private static final long GOODBYE_MILLIS = 2_000;

  // ---- child targets

  /** Hosts three channels and hands them to a grandchild; notes its pid in {@code dir}. */
  private static void host(String dir) throws Exception {
    Channel<Integer> a = Channel.create();
    Channel<Integer> b = Channel.create();
    Channel<Integer> c = Channel.create();
    Child sender = Children.fast("sender").jvmFlags("-Dferry.goodbyeMillis=" + GOODBYE_MILLIS)
        .spawn(ChildExitTest::sendOnEach, a, b, c, dir);
    Files.writeString(Path.of(dir, "sender.pid"), Long.toString(sender.pid()));
    sender.join();
  }

  /** Sends on each channel, waits until the test stopped its host, sends again and returns. */
  private static void sendOnEach(Channel<Integer> a, Channel<Integer> b, Channel<Integer> c, String dir)
      throws Exception {
    a.send(1);
    b.send(1);
    c.send(1);
    Files.writeString(Path.of(dir, "ready"), "");
    while (!Files.exists(Path.of(dir, "host stopped"))) {
      Thread.sleep(5);
    }
    a.send(2);
    b.send(2);
    c.send(2);
    Files.writeString(Path.of(dir, "returning"), "");
  }

  private static void await(Path file) throws InterruptedException {
    while (!Files.exists(file)) {
      Thread.sleep(5);
    }
  }

  /**
   * Whether the process runs: a child that exited stays a zombie while its parent is stopped and
   * cannot reap it, which {@code ProcessHandle.isAlive()} counts as alive.
   */
  private static boolean running(long pid) throws IOException {
    Path status = Path.of("/proc", Long.toString(pid), "status");
    try {
      return Files.readAllLines(status).stream()
          .anyMatch(line -> line.startsWith("State:") && !line.contains("Z (zombie)"));
    } catch (NoSuchFileException gone) {
      return false;
    }
  }

  // ---- tests

  @Test
  void childExit_whileItsHostIsStopped_waitsItsGoodbyeDeadlineInAll_notOnceForEachChannel(
      @TempDir Path dir) throws Exception {
    Child host = Children.fast("host").spawn(ChildExitTest::host, dir.toString());
    await(dir.resolve("ready"));
    long sender = Long.parseLong(Files.readString(dir.resolve("sender.pid")));
    Signals.stop(host.pid());
    long exited;
    try {
      Files.writeString(dir.resolve("host stopped"), "");
      await(dir.resolve("returning"));
      long returned = System.nanoTime();
      while (running(sender) && System.nanoTime() - returned < 12_000_000_000L) {
        Thread.sleep(10);
      }
      exited = (System.nanoTime() - returned) / 1_000_000;
    } finally {
      Signals.resume(host.pid());
    }
    // Each channel's goodbye waited the deadline for the stopped host in turn: 3 of them here.
    // The JVM's exit gets the 2 s past the deadline it got when the deadline was 5 s.
    assertTrue(exited < GOODBYE_MILLIS + 2_000,
        "the sender exited " + exited + " ms after its target returned");
    assertEquals(0, host.join());
  }

  /** Sends once, then leaves a shutdown hook that sends again and writes down how that went. */
  private static void sendsFromAHook(Channel<String> channel, String file) throws Exception {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      String outcome;
      try {
        channel.send("from the hook");
        outcome = "sent";
      } catch (RuntimeException | InterruptedException e) {
        outcome = e.toString();
      }
      writeDown(file, outcome);
    }));
    channel.send("from the target");
  }

  private static void writeDown(String file, String outcome) {
    try {
      Files.writeString(Path.of(file), outcome);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** How a send is refused once the exit let go of the process's channels. */
  private static final String CLOSED_AT_EXIT = " was closed in this process as it exits (its"
      + " target ended, or System.exit was called), which lets go of every channel before the"
      + " program's shutdown hooks are done: send what a hook would send before the target returns";

  /**
   * Never uses {@code channel} itself; leaves a shutdown hook that sends a stream on it, as a hook
   * that reports at exit would, and writes down how many sends returned and how they ended.
   */
  private static void streamsFromAHookOnly(Channel<Integer> channel, String file) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int sent = 0;
      String outcome = "";
      try {
        for (; sent < 20_000; sent++) {
          channel.send(sent);
        }
      } catch (RuntimeException | InterruptedException e) {
        outcome = " " + e;
      }
      writeDown(file, sent + outcome);
    }));
  }

  /**
   * A child's own shutdown hook that sends on a channel after the target returned is told why it
   * cannot: the exit let go of every channel first. It was told the channel "was closed in this
   * process", which no code of the program's had done.
   */
  @Test
  void sendFromAShutdownHook_afterTheTargetReturned_saysTheExitClosedTheChannel(@TempDir Path dir)
      throws Exception {
    Channel<String> channel = Channel.create();
    Path outcome = dir.resolve("outcome");
    Child child = Children.fast("hooked").keepSpare(false)
        .spawn(ChildExitTest::sendsFromAHook, channel, outcome.toString());
    assertEquals("from the target", channel.receive());
    assertEquals(0, child.join());
    String told = Files.readString(outcome);
    assertTrue(told.startsWith("dev.ferry.ChannelClosedException: channel "), told);
    assertTrue(told.endsWith(CLOSED_AT_EXIT), told);
    channel.close();
  }

  /**
   * A channel the target never used is let go of at exit as every other one is: a hook's send on
   * it is refused. It used to connect then and return, and with nothing left to deliver what it
   * sent before the JVM went, the parent received none of 20,000 messages whose sends returned.
   */
  @Test
  void streamFromAShutdownHook_onAChannelTheTargetNeverUsed_isRefused_notLost(@TempDir Path dir)
      throws Exception {
    Channel<Integer> channel = Channel.create();
    Path outcome = dir.resolve("outcome");
    Child child = Children.fast("hooked").keepSpare(false)
        .spawn(ChildExitTest::streamsFromAHookOnly, channel, outcome.toString());
    assertEquals(0, child.join());
    String told = Files.readString(outcome);
    assertTrue(told.startsWith("0 dev.ferry.ChannelClosedException: channel "), told);
    assertTrue(told.endsWith(CLOSED_AT_EXIT), told);
    // Nothing arrived, and no process holds the channel any more.
    assertThrows(ChannelClosedException.class, channel::poll);
    channel.close();
  }
}
