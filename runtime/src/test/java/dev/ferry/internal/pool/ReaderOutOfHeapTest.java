package dev.ferry.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's reader thread that runs out of heap ending its connection (building its running
 * task's failure, in a heap a map's results filled): it pauses and ends it again, and the task
 * fails as its worker's end says. It used to die of the error with the worker marked dead and its
 * task in no list: the task, and the pool's close(), waited for ever (about 1 run in 30 of
 * PoolHeapTest's full-heap map on JDK 25). The error is thrown here by a hook, at the step where
 * the heap ran out, so that it comes every run.
 */
@Timeout(90)
class ReaderOutOfHeapTest {
  @AfterEach
  void noHook() {
    WorkerEnds.onDied = null;
  }

  private static Integer die(Integer code) {
    Runtime.getRuntime().halt(code);
    return code;
  }

  private static Integer twice(Integer x) {
    return 2 * x;
  }

  @Test
  void aWorkersEndThatRunsOutOfHeap_failsItsTaskOnceThereIsRoomAndThePoolGoesOn() throws Exception {
    AtomicInteger thrown = new AtomicInteger();
    WorkerEnds.onDied = () -> {
      if (thrown.incrementAndGet() <= 3) {
        throw new OutOfMemoryError("Java heap space (thrown by ReaderOutOfHeapTest)");
      }
    };
    try (ProcessPool pool = Children.fast("reader-out-of-heap").pool(1)) {
      Future<Integer> dying = pool.submit(ReaderOutOfHeapTest::die, 7);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> dying.get(30, TimeUnit.SECONDS));
      assertTrue(e.getCause() instanceof WorkerDiedException, String.valueOf(e.getCause()));
      assertTrue(e.getCause().getMessage().contains("ReaderOutOfHeapTest::die"),
          e.getCause().getMessage());
      WorkerEnds.onDied = null;
      assertEquals(42, pool.submit(ReaderOutOfHeapTest::twice, 21).get(30, TimeUnit.SECONDS));
    }
    assertEquals(4, thrown.get(), "the failure was built once more than the heap ran out");
  }
}
