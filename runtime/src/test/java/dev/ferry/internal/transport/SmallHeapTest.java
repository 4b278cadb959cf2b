package dev.ferry.internal.transport;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A host with a small heap (-Xmx64m) whose holders announce frames larger than that heap can hold,
 * on many connections at once: the connections that do not fit are dropped with a message, and no
 * thread of the host ends in an {@code OutOfMemoryError}.
 */
@Timeout(60)
class SmallHeapTest {
  private static final int CONNECTIONS = 30;
  private static final int SENT_BYTES = 1 << 20;

  // ---- child targets

  /**
   * Hosts a channel and forges, against its own server, {@link #CONNECTIONS} holders that each
   * announce a frame of the largest allowed length and send {@link #SENT_BYTES} of it; reports the
   * throwables no thread caught, whether a 16 MiB array can still be allocated once the forged
   * holders are gone, and whether the channel still carries a message.
   */
  private static void host(Channel<String> report) throws Exception {
    List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> uncaught.add(e));
    Channel<String> work = Channel.create();
    HostChannel host = HostChannels.of(work);
    ChannelServer server = ChannelServer.get();
    server.serve(host);
    ByteBuffer partialFrame = ByteBuffer.allocate(4 + SENT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    partialFrame.putInt(Wire.MAX_FRAME_BYTES);
    List<SocketChannel> holders = new ArrayList<>();
    for (int i = 0; i < CONNECTIONS; i++) {
      SocketChannel holder = hello(server.path(), host, host.newLease(null));
      holders.add(holder);
      partialFrame.position(0);
      try {
        while (partialFrame.hasRemaining()) {
          holder.write(partialFrame);
        }
      } catch (IOException droppedWhileWriting) {
        // the host dropped this holder: what the test is about
      }
    }
    Thread.sleep(2_000); // the host's threads read what was sent
    for (SocketChannel holder : holders) {
      holder.close();
    }
    Thread.sleep(500);
    byte[] large = new byte[16 << 20];
    work.send("still serving");
    report.send("uncaught " + uncaught + ", 16 MiB allocated " + (large.length == 16 << 20)
        + ", " + work.receive());
  }

  private static SocketChannel hello(String path, HostChannel host, HostChannel.Lease lease)
      throws IOException {
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    socket.connect(UnixDomainSocketAddress.of(path));
    ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0).putLong(host.id).putLong(lease.id());
    hello.put(lease.token()).flip();
    socket.write(hello);
    ByteBuffer answer = ByteBuffer.allocate(1);
    socket.read(answer);
    if (answer.get(0) != Wire.ACCEPTED) {
      throw new IOException("the host refused the hello");
    }
    return socket;
  }

  // ---- tests

  @Test
  void partialFramesLargerThanTheHeap_onManyConnections_dropThoseConnections_notTheHost()
      throws Exception {
    Channel<String> report = Channel.create();
    Child host = Children.fast("small-heap-host").jvmFlags("-Xmx64m").spawn(SmallHeapTest::host, report);
    assertEquals("uncaught [], 16 MiB allocated true, still serving",
        report.receive(Duration.ofSeconds(40)).orElse("no report"));
    assertEquals(0, host.join());
  }
}
