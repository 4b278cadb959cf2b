package dev.ferry.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import dev.ferry.TransferException;
import dev.ferry.internal.transport.RingStream;
import java.lang.reflect.Field;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
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
   * An answer of a class the task's method cannot return (a String for a method that returns
   * Integer), which only a corrupt stream or an impostor writes: the future completed with it, and
   * the caller's get() threw a ClassCastException in its own code, naming neither task nor pool.
   */
  @Test
  void resultOfAClassTheTaskCannotReturn_failsTheTaskSayingSo() throws Exception {
    Throwable failed = impostorCause("string");
    assertInstanceOf(TransferException.class, failed);
    assertTrue(failed.getMessage().contains("the worker answered with a java.lang.String, which"
        + " ImpostorWorkerTest::square cannot return (it returns java.lang.Integer)"),
        failed.getMessage());
  }

  private static WorkerDiedException impostorFails(String mode) throws Exception {
    return assertInstanceOf(WorkerDiedException.class, impostorCause(mode));
  }

  /**
   * Runs a pool of one whose worker an impostor, running {@code mode}, connects in place of; the
   * pool's first task fails with the exception returned, and a later one is answered.
   */
  private static Throwable impostorCause(String mode) throws Exception {
    Path marker = Files.createTempDirectory("impostor").resolve("taken");
    // The pool ends a connection that outlives its worker's process 5 s after the process exits;
    // read as the pool is made, 1 s here, so that each case does not wait out 5.
    System.setProperty("ferry.pool.orphanGraceMillis", "1000");
    ProcessPool user;
    try {
      user = Children.fast("impostor").pool(1)
          .initializer(ImpostorWorkerTest::awaitImpostor, marker.toString());
    } finally {
      System.clearProperty("ferry.pool.orphanGraceMillis");
    }
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
      assertEquals(81, secondTask(user, mode));
      return failed.getCause();
    } finally {
      user.close();
      if (impostor != null) {
        impostor.destroyForcibly().waitFor();
      }
      Files.deleteIfExists(marker);
      Files.delete(marker.getParent());
    }
  }

  /**
   * The pool's second task's result. An impostor that answered ("string") still holds the
   * connection, so that task goes to it and fails once the pool finds the worker's process gone;
   * the pool's replacement worker answers the next.
   */
  private static Integer secondTask(ProcessPool user, String mode) throws Exception {
    try {
      return user.submit(ImpostorWorkerTest::square, 9).get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (!mode.equals("string")) {
        throw e;
      }
      assertInstanceOf(WorkerDiedException.class, e.getCause());
      return user.submit(ImpostorWorkerTest::square, 9).get(60, TimeUnit.SECONDS);
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
   * args[3]} once the pool answered, then says nothing ({@code args[4]} "silent"), only that a
   * task started ("started"), or answers the first task with a String ("string").
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
      if (args[4].equals("string")) {
        socket.configureBlocking(false);
        RingStream ring = rings == null ? null : RingStream.take(socket, rings);
        ReadableByteChannel in = ring == null ? socket : ring;
        awaitFrame(in, ring); // the task
        Values.Encoder value = new Values.Encoder(64);
        value.write("not a number");
        byte[] body = value.body.toByteArray();
        dev.ferry.ByteOutput frame = new dev.ferry.ByteOutput();
        PoolWire.begin(frame); // four bytes for the frame's length, patched below
        frame.writeVarInt(PoolWire.VALUE);
        frame.writeVarLong(0); // nanos
        frame.writeVarInt(body.length);
        frame.writeBytes(body, 0, body.length);
        ByteBuffer answer = ByteBuffer.wrap(frame.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        answer.putInt(0, answer.capacity() - 4);
        PoolWire.writeFully(ring == null ? socket : ring, answer, null);
      }
      Thread.sleep(Long.MAX_VALUE); // holds the connection, answering nothing
    }

    /** Reads one whole frame of the pool's from a non-blocking socket or the rings. */
    private static void awaitFrame(ReadableByteChannel in, RingStream ring) throws Exception {
      ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      readFully(in, ring, length);
      readFully(in, ring, ByteBuffer.allocate(length.getInt(0)));
    }

    private static void readFully(ReadableByteChannel in, RingStream ring, ByteBuffer into)
        throws Exception {
      while (into.hasRemaining()) {
        int n = in.read(into);
        if (n < 0) {
          throw new java.io.EOFException("the pool closed the connection");
        }
        if (n == 0) {
          if (ring != null) {
            ring.awaitReadable();
          } else {
            Thread.sleep(1);
          }
        }
      }
    }
  }
}
