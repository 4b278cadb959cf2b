package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Messages of megabytes through sockets (-Dferry.transport=socket) in a process whose direct
 * memory is capped (-XX:MaxDirectMemorySize, common where a container's memory is budgeted).
 */
@Timeout(60)
public class DirectMemoryLimitTest {
  private static final int SIZE = 4 << 20;

  private static void echo(Channel<byte[]> in, Channel<byte[]> out) throws Exception {
    out.send(in.receive());
  }

  /** The program under test: hosts two channels and round-trips a large message through a child. */
  private static void roundTrip() throws Exception {
    Channel<byte[]> down = Channel.create();
    Channel<byte[]> up = Channel.create();
    Child child = Children.fast("echo").keepSpare(false).spawn(DirectMemoryLimitTest::echo, down, up);
    byte[] sent = new byte[SIZE];
    Arrays.fill(sent, (byte) 7);
    sent[SIZE - 1] = 42;
    down.send(sent);
    byte[] back = up.receive();
    if (!Arrays.equals(sent, back)) {
      throw new AssertionError("the message came back changed");
    }
    if (child.join() != 0) {
      throw new AssertionError("the echo child failed: " + child.failure());
    }
  }

  private static byte[] same(byte[] bytes) {
    return bytes;
  }

  /** The program under test: a pool task whose argument and result are large. */
  private static void poolRoundTrip() throws Exception {
    byte[] sent = new byte[SIZE];
    Arrays.fill(sent, (byte) 7);
    sent[SIZE - 1] = 42;
    try (ProcessPool pool = Children.fast("capped-worker").keepSpare(false).pool(1)) {
      byte[] back = pool.submit(DirectMemoryLimitTest::same, sent).get(30, TimeUnit.SECONDS);
      if (!Arrays.equals(sent, back)) {
        throw new AssertionError("the task's result came back changed");
      }
    }
  }

  /**
   * Before, the host's socket reads and writes went through a temporary direct buffer as large as
   * the message: OutOfMemoryError: Cannot reserve 4194320 bytes of direct buffer memory ended the
   * connection's thread, and the round trip failed with ChannelClosedException.
   */
  @Test
  void largeMessagesThroughSockets_fitASmallDirectMemoryLimit() throws Exception {
    Child program = Children.fast("capped").keepSpare(false)
        .jvmFlags("-XX:MaxDirectMemorySize=1m", "-Dferry.transport=socket")
        .spawn(DirectMemoryLimitTest::roundTrip);
    assertEquals(0, program.join(), () -> String.valueOf(program.failure()));
  }

  /**
   * Before, a task's frame went to the worker's socket whole, through a temporary direct buffer
   * as large as it: the pool's dispatcher thread died of OutOfMemoryError (Cannot reserve ... bytes
   * of direct buffer memory), and the task's future never completed.
   */
  @Test
  void largeTasksThroughSockets_fitASmallDirectMemoryLimit() throws Exception {
    Child program = Children.fast("capped-pool").keepSpare(false)
        .jvmFlags("-XX:MaxDirectMemorySize=1m", "-Dferry.transport=socket")
        .spawn(DirectMemoryLimitTest::poolRoundTrip);
    assertEquals(0, program.join(), () -> String.valueOf(program.failure()));
  }
}
