package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder that hands back credit it was never granted ({@link Wire#C_CREDIT_BACK}) loses its
 * connection, and the channel's room stays what its capacity says: taken at its word, the host
 * counted a slot fewer reserved than there were, and a channel of capacity 1 held two messages.
 */
@Timeout(60)
class ForgedCreditBackTest {

  @Test
  void handingBackCreditNeverGranted_dropsTheHolder_andTheChannelKeepsItsCapacity() throws Exception {
    Channel<Object> channel = Channel.create(1);
    HostChannel.Lease[] lease = new HostChannel.Lease[1];
    String[] address = HostChannels.servedWithLease(channel, lease).split("\\|");
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(address[0]));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0);
      hello.putLong(Long.parseLong(address[1])).putLong(Long.parseLong(address[2]));
      hello.put(lease[0].token()).flip();
      writeAll(socket, hello);
      assertEquals(Wire.ACCEPTED, Wire.readFully(socket, 1, "refused").get());
      ByteOutput records = new ByteOutput();
      records.writeByte(Wire.C_CREDIT_BACK);
      records.writeVarInt(1);
      ByteBuffer frame = ByteBuffer.allocate(4 + records.size()).order(ByteOrder.LITTLE_ENDIAN);
      frame.putInt(records.size()).put(records.toByteArray()).flip();
      writeAll(socket, frame);
      assertTrue(hungUp(socket), "the host kept the connection of a holder that forged credit");
    }
    channel.send("first");
    assertFalse(channel.offer("second"), "a channel of capacity 1 took a second message");
    assertEquals("first", channel.poll().orElse(null));
  }

  private static void writeAll(SocketChannel socket, ByteBuffer buffer) throws Exception {
    while (buffer.hasRemaining()) {
      socket.write(buffer);
    }
  }

  /** Reads what the host says until it hangs up (true), or for 20 s (false). */
  private static boolean hungUp(SocketChannel socket) throws Exception {
    Thread reader = new Thread(() -> {
      ByteBuffer any = ByteBuffer.allocate(1 << 16);
      try {
        while (socket.read(any.clear()) >= 0) {
          // the host's last words
        }
      } catch (Exception e) {
        // hung up, or closed by the test
      }
    }, "forged-credit-reader");
    reader.setDaemon(true);
    reader.start();
    reader.join(TimeUnit.SECONDS.toMillis(20));
    return !reader.isAlive();
  }
}
