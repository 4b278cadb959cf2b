package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Holders that write, through shared memory, more messages than their credit on a bounded channel
 * lose their own connections; the host's own sender, whose sends handle what holders wrote on its
 * thread, never throws their fault as its own.
 */
@Timeout(60)
class OverCreditPollTest {
  private static final int FORGERS = 20;

  // ---- child targets

  /**
   * Connects {@link #FORGERS} times with shared memory and writes, each time, a frame of ten
   * {@code byte[]} messages without asking for credit; reports when done.
   */
  private static void sendWithoutCredit(String address, byte[] token, Channel<String> done)
      throws Exception {
    String[] parts = address.split("\\|");
    ByteOutput records = new ByteOutput();
    for (int i = 0; i < 10; i++) {
      records.writeByte(Wire.C_MESSAGE);
      records.writeVarInt(MessageTypes.BYTES_ID);
      records.writeVarInt(1);
      records.writeByte(1); // an empty byte[]: its size plus one
    }
    ByteBuffer frame = ByteBuffer.allocate(4 + records.size()).order(ByteOrder.LITTLE_ENDIAN);
    frame.putInt(records.size()).put(records.toByteArray()).flip();
    List<RingLink> open = new ArrayList<>();
    for (int i = 0; i < FORGERS; i++) {
      SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
      socket.connect(UnixDomainSocketAddress.of(parts[0]));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put(Wire.HELLO_RINGS);
      hello.putLong(Long.parseLong(parts[1])).putLong(Long.parseLong(parts[2])).put(token).flip();
      socket.write(hello);
      if (Wire.readFully(socket, 1, "refused").get() != Wire.ACCEPTED_RINGS) {
        done.send("refused");
        return;
      }
      RingLink rings = RingLink.open(socket, Wire.readRingsFile(socket, "the host", "refused"));
      socket.configureBlocking(false);
      open.add(rings);
      Thread.sleep(50); // the host's sender polls this connection from now on
      frame.position(0);
      try {
        rings.write(frame);
      } catch (IOException dropped) {
        // What this test wants of the host, come early: a host's thread polling the rings read
        // the frame and dropped this connection before the wake-up byte after it was written.
      }
      Thread.sleep(50);
    }
    done.send("done");
    for (RingLink rings : open) {
      rings.close();
    }
  }

  // ---- tests

  @Test
  void holdersSendingPastTheirCredit_failAlone_notTheHostsSender() throws Exception {
    Channel<Object> channel = Channel.create(4);
    HostChannel.Lease[] lease = new HostChannel.Lease[1];
    String address = HostChannels.servedWithLease(channel, lease);
    Channel<String> done = Channel.create();
    Child forger = Children.fast("over-credit").spawn(
        OverCreditPollTest::sendWithoutCredit, address, lease[0].token(), done);
    List<String> thrown = new ArrayList<>();
    long deadline = System.nanoTime() + 40_000_000_000L;
    while (System.nanoTime() < deadline) {
      try {
        if (done.poll().isPresent()) {
          break;
        }
      } catch (ChannelClosedException forgerGone) {
        break; // its exit code says why
      }
      try {
        channel.send("mine"); // polls the holders' rings on this thread
        channel.poll();
      } catch (RuntimeException e) {
        thrown.add(e.toString());
      }
    }
    assertEquals(List.of(), thrown);
    assertEquals(0, forger.join(), () -> "the forger failed: " + forger.failure());
    channel.send("still mine");
    assertEquals("still mine", channel.receive(Duration.ofSeconds(5)).orElse(null));
  }
}
