package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool whose connection to a worker finds the shared-memory rings corrupt (another process of
 * the same user wrote a position no Ferry peer writes) kills and replaces that worker, and the
 * task it was running fails saying what was wrong, not only that the worker was killed.
 */
@Timeout(60)
class PoolCorruptRingTest {
  private static Integer square(Integer x) {
    return x * x;
  }

  private static byte[] bytes(Integer mib) {
    return new byte[mib << 20];
  }

  @Test
  void aPoolWritingToCorruptRings_failsTheTaskNamingTheCorruption_andGoesOn() throws Exception {
    AtomicReference<MappedByteBuffer> rings = CorruptRingTest.mapFirstRingsCreated();
    try (ProcessPool pool = Children.fast("corrupt-pool").pool(1)) {
      assertEquals(4, pool.submit(PoolCorruptRingTest::square, 2).get(30, TimeUnit.SECONDS));
      // The pool's ring to the worker, whose read position only the worker, idle now, writes.
      rings.get().order(ByteOrder.nativeOrder()).putLong(64, 1L << 40);
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> pool.submit(PoolCorruptRingTest::square, 3).get(30, TimeUnit.SECONDS));
      String told = String.valueOf(failed.getCause());
      assertTrue(told.contains("WorkerDiedException: worker corrupt-pool-worker-1 (pid ")
          && told.contains(" while running task PoolCorruptRingTest::square (task #2 of the pool),"
              + " after the pool dropped its connection and killed it: the shared-memory ring is"
              + " corrupt: the peer's read position is "), told);
      RingLink.onCreated = null;
      assertEquals(16, pool.submit(PoolCorruptRingTest::square, 4).get(30, TimeUnit.SECONDS));
    } finally {
      RingLink.onCreated = null;
    }
  }

  @Test
  void aWorkerFindingItsRingsCorrupt_saysSoNotThatThePoolExited() throws Exception {
    AtomicReference<MappedByteBuffer> rings = CorruptRingTest.mapFirstRingsCreated();
    try (ProcessPool pool = Children.fast("corrupt-worker").pool(1)) {
      assertEquals(4, pool.submit(PoolCorruptRingTest::square, 2).get(30, TimeUnit.SECONDS));
      RingLink.onCreated = null;
      // The worker's ring to the pool, whose read position only the pool, idle now, writes.
      rings.get().order(ByteOrder.nativeOrder()).putLong(RingLink.FILE_BYTES / 2 + 64, -10_000_000L);
      ExecutionException failed = assertThrows(ExecutionException.class,
          () -> pool.submit(PoolCorruptRingTest::square, 3).get(30, TimeUnit.SECONDS));
      String told = String.valueOf(failed.getCause());
      assertTrue(told.contains(" exited with code 1 while running task PoolCorruptRingTest::square"
          + " (task #2 of the pool), failing with dev.ferry.ChannelClosedException: the connection"
          + " to the pool broke: the shared-memory ring is corrupt: the peer's read position is "),
          told);
      assertFalse(told.contains("exited or dropped this worker"), told);
      assertEquals(16, pool.submit(PoolCorruptRingTest::square, 4).get(30, TimeUnit.SECONDS));
    } finally {
      RingLink.onCreated = null;
    }
  }

  @Test
  void aWorkerWhoseRingsFileIsCutAsItAnswers_saysSo_andIsReplaced() throws Exception {
    AtomicReference<FileChannel> file = new AtomicReference<>();
    RingLink.onCreated = created -> {
      try {
        file.compareAndSet(
            null, FileChannel.open(created, StandardOpenOption.READ, StandardOpenOption.WRITE));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    try (ProcessPool pool = Children.fast("cut-worker").pool(1)) {
      assertEquals(4, pool.submit(PoolCorruptRingTest::square, 2).get(30, TimeUnit.SECONDS));
      RingLink.onCreated = null;
      var answer = pool.submit(PoolCorruptRingTest::bytes, 40);
      Thread.sleep(20); // the worker makes its answer, 160 times what a ring holds, and writes it
      file.get().truncate(0);
      ExecutionException failed =
          assertThrows(ExecutionException.class, () -> answer.get(30, TimeUnit.SECONDS));
      String told = String.valueOf(failed.getCause());
      assertTrue(told.contains("WorkerDiedException: worker cut-worker-worker-1 (pid ")
          && told.contains(" the shared-memory file of its rings was cut short: "), told);
      assertFalse(told.contains("a channel of this process") || told.contains("exited or dropped"),
          told);
      assertEquals(16, pool.submit(PoolCorruptRingTest::square, 4).get(30, TimeUnit.SECONDS));
    } finally {
      RingLink.onCreated = null;
      FileChannel opened = file.get();
      if (opened != null) {
        opened.close();
      }
    }
  }
}
