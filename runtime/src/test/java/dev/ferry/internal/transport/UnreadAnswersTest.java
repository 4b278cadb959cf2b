package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder with a valid lease that writes requests as fast as it can and never reads the answers
 * (each an empty take's end) is held back, not served into its host's heap: the host (-Xmx64m)
 * keeps its threads and serves an honest child meanwhile.
 */
@Timeout(180)
class UnreadAnswersTest {
  /** 120 MB of requests, whose answers take about 80 MB: more than the host's heap. */
  private static final int REQUESTS = 40_000_000;

  // ---- child targets

  /**
   * Connects over a raw socket, asking for shared memory or not, writes {@link #REQUESTS} requests
   * for messages through the socket or the rings, and never reads the answers; reports "held back"
   * once its writes make no progress for 2 s, "all sent" if they all went, or "dropped".
   */
  private static void askWithoutReading(
      String address, byte[] token, boolean rings, Channel<String> report) throws Exception {
    String[] parts = address.split("\\|");
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(parts[0]));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put(rings ? Wire.HELLO_RINGS : 0);
      hello.putLong(Long.parseLong(parts[1])).putLong(Long.parseLong(parts[2])).put(token).flip();
      socket.write(hello);
      ByteBuffer answer = ByteBuffer.allocate(1);
      socket.read(answer);
      WritableByteChannel out = socket;
      if (answer.get(0) == Wire.ACCEPTED_RINGS) {
        out = RingLink.open(socket, Wire.readRingsFile(socket, "the host", "refused"));
      } else if (answer.get(0) != Wire.ACCEPTED) {
        report.send("refused " + answer.get(0));
        return;
      }
      ByteOutput records = new ByteOutput();
      for (int i = 0; i < 100_000; i++) {
        records.writeByte(Wire.C_TAKE);
        records.writeVarInt(1);
        records.writeByte(0); // answered at once: the channel is empty
      }
      ByteBuffer frame = ByteBuffer.allocate(4 + records.size()).order(ByteOrder.LITTLE_ENDIAN);
      frame.putInt(records.size()).put(records.toByteArray()).flip();
      socket.configureBlocking(false); // a ring's write never blocks either
      long lastProgress = System.nanoTime();
      for (int sent = 0; sent < REQUESTS; sent += 100_000) {
        frame.position(0);
        while (frame.hasRemaining()) {
          if (out.write(frame) > 0) {
            lastProgress = System.nanoTime();
          } else if (System.nanoTime() - lastProgress > 2_000_000_000L) {
            report.send("held back");
            return;
          } else {
            Thread.sleep(1);
          }
        }
      }
      report.send("all sent");
    } catch (IOException e) {
      report.send("dropped");
    }
  }

  private static void sendNumbers(Channel<Integer> channel) throws Exception {
    for (int i = 0; i < 1000; i++) {
      channel.send(i);
    }
  }

  /**
   * Hosts a channel with a small heap, lets a child ask on it without reading, then has an honest
   * child send 1,000 messages on it; reports what the asker saw, the throwables no thread caught,
   * and the honest messages received.
   */
  private static void host(boolean rings, Channel<String> report) throws Exception {
    List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      uncaught.add(e);
      e.printStackTrace();
    });
    Channel<Integer> work = Channel.create();
    HostChannel.Lease[] lease = new HostChannel.Lease[1];
    String address = HostChannels.servedWithLease(work, lease);
    Channel<String> asked = Channel.create();
    Child asker = Children.fast("asker").spawn(UnreadAnswersTest::askWithoutReading,
        address, lease[0].token(), rings, asked);
    String outcome = asked.receive(Duration.ofSeconds(40)).orElse("no word from the asker");
    Child honest = Children.fast("honest").spawn(UnreadAnswersTest::sendNumbers, work);
    int received = 0;
    while (received < 1000 && work.receive(Duration.ofSeconds(20)).orElse(-1) == received) {
      received++;
    }
    asker.kill();
    asker.join();
    report.send("asker " + outcome + ", uncaught " + uncaught + ", received " + received
        + ", honest exited " + honest.join());
  }

  // ---- tests

  @Test
  void holderThatNeverReadsItsAnswers_isHeldBack_andTheHostServesOthers() throws Exception {
    assertHeldBack(false);
  }

  @Test
  void holderThatNeverReadsItsAnswersThroughSharedMemory_isHeldBack_andTheHostServesOthers()
      throws Exception {
    assertHeldBack(true);
  }

  private static void assertHeldBack(boolean rings) throws Exception {
    Channel<String> report = Channel.create();
    Child host = Children.fast("asked-host").jvmFlags("-Xmx64m")
        .spawn(UnreadAnswersTest::host, rings, report);
    assertEquals("asker held back, uncaught [], received 1000, honest exited 0",
        report.receive(Duration.ofSeconds(80)).orElse("no report from the host"));
    assertEquals(0, host.join());
  }
}
