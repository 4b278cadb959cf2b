package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

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
   * of 3). The child reports through a file, not a channel: a channel's own threads in that full
   * heap may die of it too (docs/runtime.md), which is not what this test is about. Three more
   * ways it failed, in about one run in ten on a loaded machine: the JDK's process reaper thread
   * died of the full heap as the pool killed a worker, whose exit was then never seen, and close()
   * waited (see ProcessExits); the heap ran out as the map encoded a chunk's inputs, and the map
   * threw that a task's arguments did not fit; the dispatcher ran out writing the next task, and
   * that task failed with the worker the pool killed for it.
   */
  @Test
  void aMapWhoseResultsTogetherDoNotFitTheHeap_failsNamingTheHeapAndThePoolGoesOn(
      @TempDir Path dir) throws Exception {
    Path report = dir.resolve("report");
    Child child = Ferry.options().name("full-heap-map")
        .jvmFlags("-XX:TieredStopAtLevel=1", "-Xshare:auto", "-XX:+UseG1GC", "-Xmx16m")
        .spawn(PoolHeapTest::mapsFillingTheHeap, report.toString());
    try {
      List<String> lines = awaitLines(report, 3, Duration.ofSeconds(40));
      assertEquals(3, lines.size(), "the child's report: " + lines);
      assertTrue(lines.get(0).startsWith("map: java.util.concurrent.CompletionException: the"
          + " results of a map of PoolHeapTest::bytes do not fit in this process's heap (at most"
          + " 16 MiB, -Xmx) beside what it holds"), lines.get(0));
      assertEquals("next task: 10", lines.get(1));
      assertEquals("closed", lines.get(2));
      assertEquals(0, child.join());
    } finally {
      child.kill();
    }
  }

  /** The lines of {@code file} once it has {@code count} of them, or what it has at the deadline. */
  private static List<String> awaitLines(Path file, int count, Duration wait) throws Exception {
    long deadline = System.nanoTime() + wait.toNanos();
    List<String> lines = List.of();
    while (System.nanoTime() < deadline) {
      if (Files.exists(file)) {
        lines = Files.readAllLines(file);
        if (lines.size() >= count) {
          return lines;
        }
      }
      Thread.sleep(50);
    }
    return lines;
  }

  private static void mapsFillingTheHeap(String report) throws Exception {
    Path file = Path.of(report);
    try (ProcessPool pool = Children.fast("full-heap-map-worker").pool(2)) {
      pool.submit(PoolHeapTest::bytes, 1).get(30, TimeUnit.SECONDS);
      String outcome;
      try {
        outcome = "returned "
            + pool.map(PoolHeapTest::bytes, Collections.nCopies(1_000_000, 20)).size();
      } catch (CompletionException e) {
        outcome = String.valueOf(e);
      }
      append(file, "map: " + outcome.replace('\n', ' '));
      append(file,
          "next task: " + pool.submit(PoolHeapTest::bytes, 10).get(30, TimeUnit.SECONDS).length);
    }
    append(file, "closed");
  }

  private static void append(Path file, String line) throws Exception {
    Files.writeString(file, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }
}
