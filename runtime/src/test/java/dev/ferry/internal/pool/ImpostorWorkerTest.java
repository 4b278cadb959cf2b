package dev.ferry.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import dev.ferry.internal.transport.RingStream;
import java.lang.reflect.Field;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Another process of the same user that has the pool's token connects with the id of a worker
 * still running its initializer, before the worker does: the pool takes it for the worker and
 * refuses the worker, which exits. The impostor then said nothing, and the task sent to it, and
 * {@code close()}, waited for as long as it lived. The pool now ends a connection that outlives
 * its worker's process, failing the task with a {@link WorkerDiedException} that says so, and
 * goes on with a new worker. An impostor that sends a record no worker writes is dropped so too,
 * its task failing with the reason.
 */
@Timeout(120)
class ImpostorWorkerTest {
  /** The worker's initializer: waits until the impostor has been taken for this worker. */
  public static void awaitImpostor(String marker) throws InterruptedException {
    while (!Files.exists(Path.of(marker))) {
      Thread.sleep(10);
    }
  }

  private static Integer square(Integer x) {
    return x * x;
  }

  @Test
  void silentImpostorWithTheToken_failsItsTaskAndThePoolGoesOn() throws Exception {
    WorkerDiedException died = impostorFails("silent");
    assertTrue(died.getMessage().contains("another process held it"), died.getMessage());
  }

  /**
   * A notice that a task started, which only a pool with a task timeout asks for: timed with no
   * timeout, the task timed out at once with a TimeoutException of PT0S, its worker killed.
   */
  @Test
  void unaskedStartNotice_dropsTheConnectionSayingWhy() throws Exception {
    WorkerDiedException died = impostorFails("started");
    assertTrue(died.getMessage().contains("a notice that a task started, which a pool without a"
        + " task timeout never asks for"), died.getMessage());
  }

  /**
   * Runs a pool of one whose worker an impostor, running {@code mode}, connects in place of; the
   * pool's first task fails with the exception returned, and its second is answered.
   */
  private static WorkerDiedException impostorFails(String mode) throws Exception {
    Path marker = Files.createTempDirectory("impostor").resolve("taken");
    ProcessPool user = Children.fast("impostor").pool(1)
        .initializer(ImpostorWorkerTest::awaitImpostor, marker.toString());
    Process impostor = null;
    try {
      CompletableFuture<Integer> task = user.submit(ImpostorWorkerTest::square, 7);
      Pool pool = (Pool) field(user, ProcessPool.class, "pool");
      Map<?, ?> connecting = (Map<?, ?>) field(pool, Pool.class, "connecting");
      WorkerAcceptor door;
      while ((door = (WorkerAcceptor) field(pool, Pool.class, "acceptor")) == null
          || connecting.isEmpty()) {
        Thread.sleep(10); // the worker is told where to connect and runs its initializer
      }
      Object id = connecting.keySet().iterator().next();
      impostor = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
          .toString(), "-cp", System.getProperty("java.class.path"), Impostor.class.getName(),
          door.socketForNewWorker(), id.toString(), HexFormat.of().formatHex(door.token()),
          marker.toString(), mode)
          .inheritIO().start();

      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> task.get(60, TimeUnit.SECONDS));
      assertTrue(impostor.isAlive(), "the impostor should still hold its connection");
      assertEquals(81, user.submit(ImpostorWorkerTest::square, 9).get(60, TimeUnit.SECONDS));
      return assertInstanceOf(WorkerDiedException.class, failed.getCause());
    } finally {
      user.close();
      if (impostor != null) {
        impostor.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(marker);
      Files.delete(marker.getParent());
    }
  }

  private static Object field(Object owner, Class<?> type, String name)
      throws ReflectiveOperationException {
    Field field = type.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(owner);
  }

  /**
   * Connects as worker {@code args[1]} with the token {@code args[2]}, creates the file {@code
   * args[3]} once the pool answered, then says nothing ({@code args[4]} "silent") or only that a
   * task started ("started").
   */
  public static final class Impostor {
    public static void main(String[] args) throws Exception {
      SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
      socket.connect(UnixDomainSocketAddress.of(args[0]));
      byte[] token = HexFormat.of().parseHex(args[2]);
      ByteBuffer hello = ByteBuffer.allocate(PoolWire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putLong(PoolWire.MAGIC).putLong(Long.parseLong(args[1])).put(token).flip();
      PoolWire.writeFully(socket, hello, null);
      Path rings = PoolWire.readLinkAnswer(socket); // taken for the worker
      Files.createFile(Path.of(args[3]));
      if (args[4].equals("started")) {
        socket.configureBlocking(false);
        WritableByteChannel link = rings == null ? socket : RingStream.take(socket, rings);
        ByteBuffer notice = ByteBuffer.allocate(5).order(ByteOrder.LITTLE_ENDIAN);
        notice.putInt(1).put((byte) PoolWire.STARTED).flip();
        PoolWire.writeFully(link, notice, null);
      }
      Thread.sleep(Long.MAX_VALUE); // holds the connection, answering nothing
    }
  }
}
