package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Children;
import dev.ferry.Point;
import dev.ferry.TransferException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder with a valid lease that announces tens of thousands of bogus message types loses its
 * own connection; the host's table of types stays usable and other children go on.
 */
@Timeout(60)
class TypeAnnouncementTest {
  private static final int BOGUS_TYPES = 65_000;

  // ---- child targets

  /**
   * Connects with a real lease over a raw socket and announces (and sends) bogus types, each name
   * padded to at least {@code nameChars} characters.
   */
  private static void flood(String address, byte[] token, int nameChars, Channel<String> report)
      throws Exception {
    String padding = "x".repeat(nameChars);
    String[] parts = address.split("\\|");
    int sent = 0;
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(parts[0]));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0).putLong(Long.parseLong(parts[1]));
      hello.putLong(Long.parseLong(parts[2])).put(token).flip();
      socket.write(hello);
      ByteBuffer answer = ByteBuffer.allocate(1);
      socket.read(answer);
      if (answer.get(0) != Wire.ACCEPTED) {
        report.send("refused");
        return;
      }
      while (sent < BOGUS_TYPES) {
        ByteOutput records = new ByteOutput();
        for (int i = 0; i < 500; i++, sent++) {
          int id = MessageTypes.FIRST_USER_ID + sent;
          records.writeByte(Wire.C_DEFINE);
          records.writeVarInt(id);
          Wire.writeString(records, "bogus.Type" + sent + padding);
          records.writeFixedLong(sent);
          Wire.writeString(records, "");
          records.writeByte(Wire.C_MESSAGE);
          records.writeVarInt(id);
          records.writeVarInt(0);
        }
        ByteBuffer frame = ByteBuffer.allocate(4 + records.size()).order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(records.size()).put(records.toByteArray()).flip();
        while (frame.hasRemaining()) {
          socket.write(frame);
        }
      }
      report.send(socket.read(ByteBuffer.allocate(1)) < 0 ? "dropped" : "still connected");
    } catch (IOException e) {
      report.send("dropped");
    }
  }

  private static void sendPoint(Channel<Object> channel) throws Exception {
    channel.send(new Point(3, 4));
  }

  // ---- tests

  @Test
  void holderAnnouncingThousandsOfBogusTypes_losesOnlyItsOwnConnection() throws Exception {
    floodAndCheck(0, "announced more than " + HostConnection.MAX_ANNOUNCEMENTS + " message types");
  }

  /**
   * Names of 60,000 characters: before, the host kept up to 1,024 of them (60 MB) per connection
   * before it dropped it, and let those it queued a message of into this process's table.
   */
  @Test
  void holderAnnouncingATypeWithAnOverlongName_losesItsConnectionAtOnce() throws Exception {
    floodAndCheck(60_000, "the holder announced a message type whose name has 60011 characters,"
        + " more than the 2048 a type's name may have");
  }

  private static void floodAndCheck(int nameChars, String toldOnStderr) throws Exception {
    Channel<Object> channel = Channel.create();
    HostChannel host = HostChannels.of(channel);
    ChannelServer server = ChannelServer.get();
    server.serve(host);
    HostChannel.Lease lease = host.newLease(null);
    Channel<String> report = Channel.create();
    int typesBefore = MessageTypes.userTypes();
    PrintStream savedErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    String outcome;
    Child flooder;
    try {
      flooder =
          Children.fast("flooder")
              .spawn(TypeAnnouncementTest::flood, server.path() + "|" + host.id + "|" + lease.id(),
                  lease.token(), nameChars, report);
      outcome = report.receive();
    } finally {
      System.setErr(savedErr);
    }
    assertEquals("dropped", outcome);
    assertEquals(0, flooder.join());
    String log = err.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains(toldOnStderr), log.length() > 2000 ? log.substring(0, 2000) : log);
    int added = MessageTypes.userTypes() - typesBefore;
    assertTrue(added <= HostConnection.MAX_ANNOUNCEMENTS, added + " types entered the table");

    // The channel, the host and other children go on: the bogus messages fail one by one.
    Child sender = Children.fast("send-point").spawn(TypeAnnouncementTest::sendPoint, channel);
    Object received = null;
    int bogus = 0;
    while (received == null) {
      try {
        received = channel.receive();
      } catch (TransferException e) {
        assertTrue(e.getMessage().contains("bogus.Type"), e.getMessage());
        bogus++;
      }
    }
    assertEquals(new Point(3, 4), received);
    assertTrue(bogus <= HostConnection.MAX_ANNOUNCEMENTS, bogus + " bogus messages");
    assertEquals(0, sender.join());
  }
}
