package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The 64 MiB limit of a message once encoded is the same in every process: a {@code byte[]} of
 * 67,108,860 bytes encodes to 67,108,864 (its size takes 4), so it crosses from the creating
 * process and from a child alike, and one byte more is refused in both, naming its true size.
 */
class MessageLimitTest {
  private static final int LARGEST = (64 << 20) - 4;

  @Test
  void largestByteArray_crossesFromAChildAsFromTheHost_andOneMoreIsRefusedInBoth()
      throws Exception {
    try (Channel<Object> up = Channel.create(); Channel<String> report = Channel.create()) {
      Child child = Children.fast("limit").jvmFlags("-Xmx512m")
          .spawn(MessageLimitTest::sendLargest, up, report);
      assertEquals("refused: a byte[] message of 67108865 bytes exceeds the limit of 67108864"
          + " bytes; send it in parts", report.receive(Duration.ofSeconds(60)).orElseThrow());
      assertEquals(LARGEST, ((byte[]) up.receive(Duration.ofSeconds(60)).orElseThrow()).length);
      assertEquals(0, child.join());
      up.send(new byte[LARGEST]); // the host's own limit, as the child's
      assertEquals(LARGEST, ((byte[]) up.receive()).length);
      IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> up.send(new byte[LARGEST + 1]));
      assertEquals("a byte[] message of at least 67108865 bytes exceeds the limit of 67108864"
          + " bytes; send it in parts", e.getMessage());
    }
  }

  static void sendLargest(Channel<Object> up, Channel<String> report) throws Exception {
    try {
      up.send(new byte[LARGEST + 1]);
      report.send("sent " + (LARGEST + 1));
    } catch (IllegalArgumentException e) {
      report.send("refused: " + e.getMessage());
    }
    up.send(new byte[LARGEST]);
  }
}
