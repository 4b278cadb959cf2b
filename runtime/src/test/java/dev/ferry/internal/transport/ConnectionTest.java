package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import dev.ferry.TransferException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A hand-made client speaks to a channel's host over its real socket. */
@Timeout(30)
class ConnectionTest {

  private static final class Lease {
    final HostChannel host;
    final HostChannel.Lease lease;
    final String path;

    Lease(Channel<?> channel) {
      host = HostChannels.of(channel);
      ChannelServer server = ChannelServer.get();
      server.serve(host);
      lease = host.newLease(null);
      path = server.path();
    }
  }

  private static SocketChannel connect(Lease lease, byte[] token) throws IOException {
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    socket.connect(UnixDomainSocketAddress.of(lease.path));
    ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0).putLong(lease.host.id).putLong(lease.lease.id());
    hello.put(token).flip();
    socket.write(hello);
    return socket;
  }

  /** Connects asking for shared memory; the host's rings, mapped by this side as a holder's. */
  private static RingLink connectWithRings(Lease lease) throws IOException {
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    socket.connect(UnixDomainSocketAddress.of(lease.path));
    ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    hello.putInt(Wire.MAGIC).put(Wire.VERSION).put(Wire.HELLO_RINGS).putLong(lease.host.id);
    hello.putLong(lease.lease.id()).put(lease.lease.token()).flip();
    socket.write(hello);
    assertEquals(Wire.ACCEPTED_RINGS, answer(socket));
    ByteBuffer length = ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN);
    socket.read(length);
    ByteBuffer path = ByteBuffer.allocate(length.flip().getShort());
    while (path.hasRemaining()) {
      socket.read(path);
    }
    Path file = Path.of(new String(path.array(), StandardCharsets.UTF_8));
    assertTrue(file.startsWith(RuntimeFiles.directory()), file + " is in the private directory");
    RingLink rings = RingLink.open(socket, file);
    assertFalse(Files.exists(file), "the holder deletes the file once it is mapped");
    socket.configureBlocking(false);
    return rings;
  }

  /** Waits until the host closed the connection: the rings' stream ends. */
  private static void assertHungUp(RingLink rings) throws IOException {
    ByteBuffer any = ByteBuffer.allocate(64);
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (rings.read(any) >= 0) {
      any.clear();
      assertTrue(System.nanoTime() < deadline, "the host did not hang up");
      rings.awaitReadable(100, false, false);
    }
  }

  @Test
  void holderAskingForSharedMemory_sendsThroughTheRings() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    RingLink rings = connectWithRings(lease);
    try {
      frame(rings, stringMessage("through shared memory"));
      assertEquals("through shared memory", channel.receive());
    } finally {
      rings.close();
      rings.socket().close();
    }
  }

  @Test
  void forgedFrameLengthThroughTheRings_dropsTheConnectionWithoutAllocating() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    RingLink rings = connectWithRings(lease);
    try {
      ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(Integer.MAX_VALUE - 1).flip();
      rings.write(header);
      assertHungUp(rings); // the host hung up on this connection only
    } finally {
      rings.close();
      rings.socket().close();
    }
    channel.send("still works");
    assertEquals("still works", channel.receive());
  }

  @Test
  void writerDyingMidFrameThroughTheRings_deliversNoTornMessage() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    RingLink rings = connectWithRings(lease);
    byte[] message = stringMessage("whole");
    frame(rings, message);
    ByteBuffer torn = ByteBuffer.allocate(4 + message.length).order(ByteOrder.LITTLE_ENDIAN);
    torn.putInt(message.length).put(message, 0, message.length / 2).flip();
    rings.write(torn);
    rings.close();
    rings.socket().close(); // dies mid-frame
    assertEquals("whole", channel.receive());
    assertEquals(Optional.empty(), channel.receive(Duration.ofMillis(300)));
  }

  private static int answer(SocketChannel socket) throws IOException {
    ByteBuffer answer = ByteBuffer.allocate(1);
    int read = socket.read(answer);
    return read < 0 ? -1 : answer.get(0);
  }

  /**
   * Reads what the host sent until it hung up: one frame holding its reason for dropping this
   * connection, which the holder reports instead of "the host exited". Returns the reason.
   */
  private static String droppedSaying(SocketChannel socket) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    while (socket.read(buffer.clear()) >= 0) {
      all.write(buffer.array(), 0, buffer.position());
    }
    byte[] bytes = all.toByteArray();
    int length = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
    assertEquals(bytes.length - 4, length, "one frame, then the end");
    Wire.Cursor records = new Wire.Cursor(bytes, 4, bytes.length);
    assertEquals(Wire.H_DROPPED, records.u8());
    String why = records.string();
    assertFalse(records.hasMore());
    return why;
  }

  /** Writes one frame to a blocking socket, or to the rings, waiting while they are full. */
  private static void frame(WritableByteChannel out, byte[] records) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(4 + records.length).order(ByteOrder.LITTLE_ENDIAN);
    frame.putInt(records.length).put(records).flip();
    while (frame.hasRemaining()) {
      if (out.write(frame) == 0 && out instanceof RingLink rings) {
        rings.awaitWritable(100);
      }
    }
  }

  private static byte[] stringMessage(String text) {
    ByteOutput body = new ByteOutput();
    body.writeString(text);
    ByteOutput out = new ByteOutput();
    out.writeByte(Wire.C_MESSAGE);
    out.writeVarInt(1); // java.lang.String
    out.writeVarInt(body.size());
    out.writeBytes(body.array(), 0, body.size());
    return out.toByteArray();
  }

  @Test
  void hello_withAWrongTokenIsRefused() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    byte[] wrong = lease.lease.token().clone();
    wrong[0] ^= 1;
    try (SocketChannel socket = connect(lease, wrong)) {
      assertEquals(Wire.REFUSED, answer(socket));
      assertEquals(-1, answer(socket)); // and the host hung up
    }
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
    }
  }

  /**
   * A holder ends a lease by its id and token: one that names another process's lease (a child
   * not yet connected) without that lease's token is hung up on, and the lease stays good, so the
   * channel does not look abandoned to its other holders.
   */
  @Test
  void leaseEnd_withoutTheLeasesToken_isRefused_andWithIt_endsTheLease() throws Exception {
    Channel<String> channel = Channel.create();
    Lease holder = new Lease(channel);
    HostChannel.Lease other = holder.host.newLease(null);
    try (SocketChannel socket = connect(holder, holder.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      frame(socket, leaseEnd(other.id(), holder.lease.token())); // its own token, not the other's
      assertHungUp(socket);
    }
    assertEquals(Wire.ACCEPTED, answerTo(holder, other), "the other lease is still good");

    try (SocketChannel socket = connect(holder, holder.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      frame(socket, leaseEnd(other.id(), other.token()));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (answerTo(holder, other) != Wire.REFUSED) {
        assertTrue(System.nanoTime() < deadline, "the lease did not end");
        Thread.sleep(20);
      }
    }
  }

  private static byte[] leaseEnd(long leaseId, byte[] token) {
    ByteOutput out = new ByteOutput();
    out.writeByte(Wire.C_LEASE_END);
    out.writeVarLong(leaseId);
    out.writeBytes(token, 0, token.length);
    return out.toByteArray();
  }

  /** The host's answer to a hello presenting {@code lease} (the connection then closed). */
  private static int answerTo(Lease holder, HostChannel.Lease lease) throws IOException {
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(holder.path));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0).putLong(holder.host.id);
      hello.putLong(lease.id()).put(lease.token()).flip();
      socket.write(hello);
      return answer(socket);
    }
  }

  /** Reads until the host closes the connection, ignoring what it sent before. */
  private static void assertHungUp(SocketChannel socket) throws IOException {
    ByteBuffer any = ByteBuffer.allocate(256);
    while (socket.read(any) >= 0) {
      any.clear();
    }
  }

  @Test
  void connection_thatSendsNoHello_isDroppedAfterTheTimeout_andPartOfAHelloIsNotEnough()
      throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    long saved = HostConnection.helloTimeoutMillis;
    HostConnection.helloTimeoutMillis = 300;
    try (SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX);
        SocketChannel partial = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.connect(UnixDomainSocketAddress.of(lease.path));
      partial.connect(UnixDomainSocketAddress.of(lease.path));
      partial.write(ByteBuffer.wrap(new byte[] {1, 2, 3})); // 3 of the hello's bytes
      assertEquals(-1, answer(silent)); // the host hung up instead of waiting for ever
      assertEquals(-1, answer(partial));
    } finally {
      HostConnection.helloTimeoutMillis = saved;
    }
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket)); // and serves the next holder as usual
    }
  }

  @Test
  void hello_withAnEndedLeaseIsRefused() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    lease.host.endLease(lease.lease.id());
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.REFUSED, answer(socket));
    }
  }

  @Test
  void corruptMessage_failsAloneAndTheChannelStaysUsable() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      // A String whose header claims 126 bytes (0xff: 63 low bits and a varint of 1 to follow).
      byte[] forged = {Wire.C_MESSAGE, 1, 4, (byte) 0xFF, 1, 'a', 'b'};
      byte[] good = stringMessage("ok");
      byte[] records = new byte[forged.length + good.length];
      System.arraycopy(forged, 0, records, 0, forged.length);
      System.arraycopy(good, 0, records, forged.length, good.length);
      frame(socket, records);
      TransferException e = assertThrows(TransferException.class, channel::receive);
      assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
      assertEquals("ok", channel.receive());
    }
  }

  @Test
  void forgedFrameLength_dropsTheConnectionWithoutAllocating() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      ByteBuffer header = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      header.putInt(Integer.MAX_VALUE - 1).flip();
      socket.write(header);
      String why = droppedSaying(socket); // the host hung up on this connection only
      assertTrue(why.contains(String.valueOf(Integer.MAX_VALUE - 1)), why);
    }
    channel.send("still works");
    assertEquals("still works", channel.receive());
  }

  @Test
  void undefinedTypeId_dropsTheConnection() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      frame(socket, new byte[] {Wire.C_MESSAGE, (byte) 0xC8, 0x01, 0}); // type 200, never defined
      String why = droppedSaying(socket); // and the host hung up
      assertTrue(why.contains("200"), why);
    }
    assertEquals(Optional.empty(), channel.poll());
  }

  @Test
  void writerDyingMidFrame_deliversNoTornMessage() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      frame(socket, stringMessage("whole"));
      byte[] next = stringMessage("torn");
      ByteBuffer partial = ByteBuffer.allocate(4 + next.length - 2).order(ByteOrder.LITTLE_ENDIAN);
      partial.putInt(next.length).put(next, 0, next.length - 2).flip();
      socket.write(partial);
    } // closed mid-frame
    assertEquals("whole", channel.receive());
    assertEquals(Optional.empty(), channel.receive(Duration.ofMillis(200)));
  }

  @Test
  void sendingAChannelHandle_dropsTheConnection() throws Exception {
    Channel<String> channel = Channel.create();
    Lease lease = new Lease(channel);
    try (SocketChannel socket = connect(lease, lease.lease.token())) {
      assertEquals(Wire.ACCEPTED, answer(socket));
      frame(socket, new byte[] {Wire.C_MESSAGE, MessageTypes.CHANNEL_ID, 0});
      String why = droppedSaying(socket);
      assertTrue(why.contains("handle"), why);
    }
  }
}
