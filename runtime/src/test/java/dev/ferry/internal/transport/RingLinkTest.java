package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The two ends of one link in this process, over a real socket pair and a real mapped file. */
@Timeout(30)
class RingLinkTest {
  private Path directory;
  private RingLink host;
  private RingLink holder;

  @BeforeEach
  void connect() throws IOException {
    directory = Files.createTempDirectory("ferry-rings-test");
    Path address = directory.resolve("socket");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(address));
      SocketChannel holderSocket = SocketChannel.open(StandardProtocolFamily.UNIX);
      holderSocket.connect(UnixDomainSocketAddress.of(address));
      SocketChannel hostSocket = server.accept();
      host = RingLink.create(hostSocket, directory);
      holder = RingLink.open(holderSocket, host.file());
      hostSocket.configureBlocking(false);
      holderSocket.configureBlocking(false);
    }
  }

  @AfterEach
  void close() throws IOException {
    host.close();
    holder.close();
    host.socket().close();
    holder.socket().close();
    Files.deleteIfExists(directory.resolve("socket"));
    Files.deleteIfExists(directory);
  }

  @Test
  void backgroundReaderAfterAFind_waitsOnlyAMomentWithoutAWakeUp() throws IOException {
    host.found(); // a receiver found its message: the reader waits without asking for wake-ups
    long start = System.nanoTime();
    host.awaitReadable(1_000, false, true);
    long waited = System.nanoTime() - start;
    assertTrue(waited < 500_000_000L, "waited " + waited / 1_000_000 + " ms, not a moment");
    // That moment over, it parks until the writer wakes it, which it now asks for.
    Thread writer = new Thread(() -> {
      try {
        Thread.sleep(100);
        holder.write(ByteBuffer.wrap(new byte[] {42}));
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    writer.start();
    start = System.nanoTime();
    host.awaitReadable(5_000, false, true);
    waited = System.nanoTime() - start;
    assertTrue(waited < 3_000_000_000L, "the writer's wake-up did not end the park");
    ByteBuffer read = ByteBuffer.allocate(8);
    assertEquals(1, host.read(read));
    assertEquals(42, read.get(0));
  }
}
