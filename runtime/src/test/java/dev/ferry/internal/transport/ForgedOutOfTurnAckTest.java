package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder that acknowledges out of turn ({@link Wire#C_ACK_ONE}) a message it was not handed,
 * one it acknowledged before, or the same one twice loses its connection, told why; the channel
 * goes on, and of what that holder was handed exactly what it did not acknowledge goes back, also
 * when its acknowledgments out of turn outgrow the host's first marks.
 */
@Timeout(60)
class ForgedOutOfTurnAckTest {

  @Test
  void aMessageNeverHandedOut_dropsTheHolder_andTheChannelGoesOn() throws Exception {
    Channel<String> channel = Channel.create();
    try (SocketChannel holder = connect(channel)) {
      write(holder, ackOne(0));
      assertEquals(
          "the holder acknowledged message 0 out of turn, but was handed 0 messages on this"
              + " connection",
          droppedSaying(holder));
    }
    channel.send("after");
    assertEquals("after", channel.poll().orElse(null));
  }

  @Test
  void theSameMessageTwice_dropsTheHolder_andOnlyWhatItDidNotAcknowledgeGoesBack()
      throws Exception {
    Channel<String> channel = Channel.create();
    channel.send("first");
    channel.send("second");
    try (SocketChannel holder = connect(channel)) {
      assertEquals(2, take(holder, 2));
      ByteOutput records = new ByteOutput();
      records.writeBytes(ackOne(1), 0, ackOne(1).length);
      records.writeBytes(ackOne(1), 0, ackOne(1).length);
      write(holder, records.toByteArray());
      assertEquals("the holder acknowledged message 1 out of turn twice", droppedSaying(holder));
    }
    assertEquals(Optional.of("first"), channel.receive(Duration.ofSeconds(10)));
    assertEquals(Optional.empty(), channel.poll(), "the message acknowledged came back");
  }

  @Test
  void aMessageAcknowledgedByCount_dropsTheHolder() throws Exception {
    Channel<String> channel = Channel.create();
    channel.send("first");
    channel.send("second");
    try (SocketChannel holder = connect(channel)) {
      assertEquals(2, take(holder, 2));
      ByteOutput records = new ByteOutput();
      records.writeByte(Wire.C_ACK);
      records.writeVarInt(1);
      records.writeBytes(ackOne(0), 0, ackOne(0).length);
      write(holder, records.toByteArray());
      assertEquals(
          "the holder acknowledged message 0 out of turn, but it acknowledged the first 1 messages"
              + " it was handed (or gave them back) before",
          droppedSaying(holder));
    }
    assertEquals(Optional.of("second"), channel.receive(Duration.ofSeconds(10)));
    assertEquals(Optional.empty(), channel.poll());
  }

  @Test
  void holderGoneAfterAcknowledgingOutOfTurnAcrossTheListsGrowth_exactlyTheOthersGoBackInOrder()
      throws Exception {
    Channel<Integer> channel = Channel.create();
    for (int i = 0; i < 300; i++) {
      channel.send(i);
    }
    try (SocketChannel holder = connect(channel)) {
      assertEquals(300, take(holder, 300));
      ByteOutput records = new ByteOutput();
      for (long number : new long[] {1, 70, 150}) { // past 64 and 128 slots: the marks grow twice
        records.writeBytes(ackOne(number), 0, ackOne(number).length);
      }
      records.writeByte(Wire.C_ACK);
      records.writeVarInt(100); // 0 to 99, 1 and 70 among them
      for (long number : new long[] {299, 120}) { // 299 wraps around the 256 slots
        records.writeBytes(ackOne(number), 0, ackOne(number).length);
      }
      write(holder, records.toByteArray());
    } // the holder is gone: what it did not acknowledge goes back
    List<Integer> back = new ArrayList<>();
    back.add(channel.receive(Duration.ofSeconds(10)).orElseThrow());
    for (Optional<Integer> next; (next = channel.poll()).isPresent(); ) {
      back.add(next.get());
    }
    List<Integer> expected = new ArrayList<>();
    for (int i = 100; i < 300; i++) {
      if (i != 120 && i != 150 && i != 299) {
        expected.add(i);
      }
    }
    assertEquals(expected, back);
  }

  private static byte[] ackOne(long number) {
    ByteOutput record = new ByteOutput();
    record.writeByte(Wire.C_ACK_ONE);
    record.writeVarLong(number);
    return record.toByteArray();
  }

  /** Connects a forged holder through the socket (no shared memory), accepted. */
  private static SocketChannel connect(Channel<?> channel) throws IOException {
    HostChannel.Lease[] lease = new HostChannel.Lease[1];
    String[] address = HostChannels.servedWithLease(channel, lease).split("\\|");
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    socket.connect(UnixDomainSocketAddress.of(address[0]));
    ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0);
    hello.putLong(Long.parseLong(address[1])).putLong(Long.parseLong(address[2]));
    hello.put(lease[0].token()).flip();
    while (hello.hasRemaining()) {
      socket.write(hello);
    }
    assertEquals(Wire.ACCEPTED, Wire.readFully(socket, 1, "refused").get());
    return socket;
  }

  /** Asks for up to {@code max} messages, answered at once; how many the answer held. */
  private static int take(SocketChannel holder, int max) throws IOException {
    ByteOutput request = new ByteOutput();
    request.writeByte(Wire.C_TAKE);
    request.writeVarInt(max);
    request.writeByte(0);
    write(holder, request.toByteArray());
    int messages = 0;
    while (true) {
      Wire.Cursor records = frame(holder);
      while (records.hasMore()) {
        int tag = records.u8();
        switch (tag) {
          case Wire.H_MESSAGE -> {
            records.varInt();
            records.skip(records.length(Wire.MAX_MESSAGE_BYTES));
            messages++;
          }
          case Wire.H_TAKE_END -> {
            records.u8();
            return messages;
          }
          default -> throw new AssertionError("unexpected record " + tag);
        }
      }
    }
  }

  /** Reads frames until the host hangs up; what its {@link Wire#H_DROPPED} said. */
  private static String droppedSaying(SocketChannel holder) throws IOException {
    String why = null;
    try {
      while (true) {
        Wire.Cursor records = frame(holder);
        if (records.u8() == Wire.H_DROPPED) {
          why = records.string();
        }
      }
    } catch (EOFException hungUp) {
      assertTrue(why != null, "the host hung up without saying why");
      return why;
    }
  }

  private static Wire.Cursor frame(SocketChannel holder) throws IOException {
    int length = Wire.readFully(holder, 4, "hung up").order(ByteOrder.LITTLE_ENDIAN).getInt();
    byte[] records = Wire.readFully(holder, length, "hung up mid-frame").array();
    return new Wire.Cursor(records, 0, length);
  }

  private static void write(SocketChannel holder, byte[] records) throws IOException {
    ByteBuffer frame = ByteBuffer.allocate(4 + records.length).order(ByteOrder.LITTLE_ENDIAN);
    frame.putInt(records.length).put(records).flip();
    while (frame.hasRemaining()) {
      holder.write(frame);
    }
  }
}
