package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
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
}
