package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
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
}
