package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A result larger than the pool's heap can hold: the pool drops that worker's connection, and the
 * task's failure says why. It used to say only that the worker exited with 1 after "the connection
 * to the pool broke (null)", and the worker printed that stack trace.
 */
@Timeout(60)
class PoolHeapTest {
  private static byte[] bytes(Integer n) {
    return new byte[n];
  }

  @Test
  void aResultThePoolsHeapCannotHold_failsItsTaskNamingTheHeap() throws Exception {
    Channel<String> report = Channel.create();
    Child child = Children.fast("small-heap-pool").jvmFlags("-Xmx48m")
        .spawn(PoolHeapTest::poolWithASmallHeap, report);
    String failure = report.receive();
    assertTrue(failure.contains("after the pool dropped its connection and killed it: a frame or"
        + " message of 41943"), failure);
    assertTrue(failure.contains("does not fit in this process's heap (at most"), failure);
    assertEquals("next task: 10", report.receive());
    assertEquals(0, child.join());
  }

  /** A pool in a process of 48 MiB whose worker (a default heap) returns 40 MiB, then 10 bytes. */
  private static void poolWithASmallHeap(Channel<String> report) throws Exception {
    try (ProcessPool pool = Children.fast("small-heap-pool-worker").pool(1)) {
      try {
        pool.submit(PoolHeapTest::bytes, 40 << 20).get(30, TimeUnit.SECONDS);
        report.send("it fit");
      } catch (ExecutionException e) {
        report.send(String.valueOf(e.getCause().getMessage()));
      }
      report.send("next task: " + pool.submit(PoolHeapTest::bytes, 10).get(30, TimeUnit.SECONDS).length);
    }
  }
}
