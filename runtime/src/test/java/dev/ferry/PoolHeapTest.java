package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.concurrent.CompletionException;
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

  /**
   * A map of a million tasks returning 20 bytes each in a process of 16 MiB (G1): it fails saying
   * its results do not fit in this process's heap, naming -Xmx, and the pool runs the next task
   * and closes. The reader thread that ran out of heap decoding a chunk ran out again handing it
   * to the map, or ending its connection, and died: the map, or close(), waited for ever (3 runs
   * of 3).
   */
  @Test
  void aMapWhoseResultsTogetherDoNotFitTheHeap_failsNamingTheHeapAndThePoolGoesOn()
      throws Exception {
    Channel<String> report = Channel.create();
    Child child = Ferry.options().name("full-heap-map")
        .jvmFlags("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseG1GC", "-Xmx16m")
        .spawn(PoolHeapTest::mapsFillingTheHeap, report);
    try {
      String failure = report.receive(Duration.ofSeconds(30)).orElse("map waited");
      assertTrue(failure.startsWith("map: java.util.concurrent.CompletionException: the results"
          + " of a map of PoolHeapTest::bytes do not fit in this process's heap (at most 16 MiB,"
          + " -Xmx) beside what it holds"), failure);
      assertEquals("next task: 10", report.receive(Duration.ofSeconds(30)).orElse("none"));
      assertEquals("closed", report.receive(Duration.ofSeconds(30)).orElse("close waited"));
      assertEquals(0, child.join());
    } finally {
      child.kill();
    }
  }

  private static void mapsFillingTheHeap(Channel<String> report) throws Exception {
    try (ProcessPool pool = Children.fast("full-heap-map-worker").pool(2)) {
      pool.submit(PoolHeapTest::bytes, 1).get(30, TimeUnit.SECONDS);
      try {
        report.send("map: returned "
            + pool.map(PoolHeapTest::bytes, Collections.nCopies(1_000_000, 20)).size());
      } catch (CompletionException e) {
        report.send("map: " + e);
      }
      report.send(
          "next task: " + pool.submit(PoolHeapTest::bytes, 10).get(30, TimeUnit.SECONDS).length);
    }
    report.send("closed");
  }
}
