package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The deadlines of connection set-up outlive what ends a {@link java.util.Timer}'s thread: a task
 * that throws (a socket's close under a full heap) and a timer cancelled. Before, either left the
 * process's one timer cancelled, and every later connection, made or served, failed with {@code
 * IllegalStateException: Timer already cancelled}.
 */
@Timeout(30)
class DeadlinesTest {
  private Path directory;
  private ServerSocketChannel server;

  @BeforeEach
  void listen() throws IOException {
    directory = Files.createTempDirectory("ferry-deadlines");
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(directory.resolve("socket")));
  }

  @AfterEach
  void close() throws IOException {
    server.close();
    Files.deleteIfExists(directory.resolve("socket"));
    Files.delete(directory);
  }

  @Test
  void aDeadlineWhoseCloseThrows_leavesTheTimerForTheNext() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    Closeable failing =
        () -> {
          ran.countDown();
          throw new OutOfMemoryError("Java heap space"); // as a close under a full heap
        };
    Deadlines.closeAfter(failing, 0);
    ran.await(10, TimeUnit.SECONDS);

    assertEndsBlockedRead();
  }

  @Test
  void aCancelledTimer_isReplaced() throws Exception {
    Deadlines.timer().cancel(); // as a timer whose thread has ended

    assertEndsBlockedRead();
  }

  @Test
  void aDeadlineCancelledInTime_closesNothing() throws Exception {
    try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept()) {
      Deadlines.closeAfter(socket, 200).cancel();
      Thread.sleep(400);
      accepted.write(ByteBuffer.wrap(new byte[] {7}));
      ByteBuffer read = ByteBuffer.allocate(1);
      socket.read(read);
      assertEquals(7, read.get(0));
    }
  }

  /** A read on a socket whose peer never writes ends by its deadline, through the timer in use. */
  private void assertEndsBlockedRead() throws Exception {
    try (SocketChannel socket = SocketChannel.open(server.getLocalAddress());
        SocketChannel accepted = server.accept()) {
      Deadlines.closeAfter(socket, 100);
      assertThrows(AsynchronousCloseException.class, () -> socket.read(ByteBuffer.allocate(1)));
    }
  }
}
