package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A thread that waits for its task ({@code join}, {@code get}) reads the task's answer from the
 * worker's rings itself while the pool's reader thread stays parked, so an answer wakes no thread
 * (see docs/runtime.md, "How tasks travel"). These tests hold what that must not break: every
 * answer reaches its own future, once, whoever reads it, with many threads waiting at once, with
 * callbacks, and when a worker dies under a waiting thread.
 */
@Timeout(180)
class PoolLeaderTest {
  private static String echo(Integer x) {
    return "answer " + x;
  }

  private static Integer die(Integer code) {
    Runtime.getRuntime().halt(code);
    return code;
  }

  private static Integer sleepy(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  /** A task that takes about 30 µs: its stage is chained before its answer comes. */
  private static String busy(Integer x) {
    long until = System.nanoTime() + 30_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    return "answer " + x;
  }

  @Test
  void aThreadWaitingForItsTask_readsTheAnswerItself() {
    String me = Thread.currentThread().getName();
    int onWaitingThread = 0;
    int chainedBefore = 0;
    try (ProcessPool pool = Children.fast("leader").pool(1)) {
      for (int i = 0; i < 2_000; i++) {
        CompletableFuture<String> task = pool.submit(PoolLeaderTest::busy, i);
        CompletableFuture<String> where =
            task.thenApply(answer -> Thread.currentThread().getName());
        if (task.getNumberOfDependents() == 0) {
          continue; // the answer came first: the stage ran here, at once
        }
        // Chained before the answer: it runs on the thread that completes the task.
        chainedBefore++;
        if (where.join().equals(me)) {
          onWaitingThread++;
        }
      }
    }
    // Without leading, every such stage runs on the pool's reader thread.
    assertTrue(onWaitingThread > 0, "of " + chainedBefore + " answers that came after their"
        + " stage was chained, none was read by the thread that waited for it");
  }

  @Test
  void threadsWaitingAtOnce_eachGetTheirOwnAnswers() throws Exception {
    try (ProcessPool pool = Children.fast("leaders").pool(2)) {
      List<CompletableFuture<Integer>> threads = new ArrayList<>();
      for (int t = 0; t < 6; t++) {
        int thread = t;
        threads.add(CompletableFuture.supplyAsync(() -> {
          int right = 0;
          for (int i = 0; i < 1_500; i++) {
            int x = thread * 100_000 + i;
            CompletableFuture<String> answer = pool.submit(PoolLeaderTest::echo, x);
            String got = i % 3 == 0 ? answer.join() : getQuietly(answer);
            if (got.equals("answer " + x)) {
              right++;
            }
          }
          return right;
        }));
      }
      for (CompletableFuture<Integer> thread : threads) {
        assertEquals(1_500, thread.get(120, TimeUnit.SECONDS));
      }
    }
  }

  private static String getQuietly(CompletableFuture<String> answer) {
    try {
      return answer.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String large(Integer chars) {
    return "x".repeat(chars);
  }

  @Test
  void anAnswerReadWithTheWaitedOne_isDeliveredAtOnce() {
    int late = 0;
    long worst = 0;
    try (ProcessPool pool = Children.fast("leader-read-with").pool(1)) {
      // The reader's buffer outgrows the answers below, so a read may take the next answer too.
      pool.submit(PoolLeaderTest::large, 600_000).join();
      for (int i = 0; i < 300; i++) {
        CompletableFuture<String> first = pool.submit(PoolLeaderTest::large, 100_000 + i);
        CompletableFuture<String> next = pool.submit(PoolLeaderTest::echo, i);
        assertEquals(100_000 + i, first.join().length());
        // Not waited for (a wait would read it itself): the reader thread must deliver it.
        long start = System.nanoTime();
        while (!next.isDone() && System.nanoTime() - start < 3_000_000_000L) {
          Thread.onSpinWait();
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        worst = Math.max(worst, millis);
        if (millis >= 500) {
          late++;
        }
        assertEquals("answer " + i, next.join());
      }
    }
    // An answer the waiting thread's read took from the ring with its own stayed in the reader's
    // buffer, with the ring empty and no one woken, until the reader thread's next look, a second
    // later (22 of 300 without the fix).
    assertTrue(late < 3, late + " of 300 answers came 500 ms or more late, up to " + worst + " ms");
  }

  @Test
  void aGetWithTheLeastTimeout_timesOutAtOnce() {
    try (ProcessPool pool = Children.fast("leader-least-timeout").pool(1)) {
      pool.submit(PoolLeaderTest::echo, 0).join(); // the worker is up: the waits below may lead
      CompletableFuture<Integer> task = pool.submit(PoolLeaderTest::sleepy, 60_000);
      CompletableFuture<Integer> stage = task.thenApply(millis -> millis);
      for (TimeUnit unit : new TimeUnit[] {TimeUnit.NANOSECONDS, TimeUnit.DAYS}) {
        // The time spent leading, taken off Long.MIN_VALUE, wrapped round to the longest wait.
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
            () -> task.get(Long.MIN_VALUE, unit), unit.toString());
        org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.TimeoutException.class,
            () -> stage.get(Long.MIN_VALUE, unit), unit.toString());
      }
      task.cancel(true); // kills the worker: the pool closes at once
    }
  }

  @Test
  void aCallbackOnTheWaitingThread_mayWaitForAnotherTaskOfThePool() {
    try (ProcessPool pool = Children.fast("leader-callback").pool(1)) {
      for (int i = 0; i < 200; i++) {
        int x = i;
        // Wherever the first answer is read, the chained wait must end: on the waiting thread it
        // runs once the reading is let go; on the reader thread it is refused at once.
        CompletableFuture<String> chained = pool.submit(PoolLeaderTest::echo, x)
            .thenApply(first -> first + " / " + pool.submit(PoolLeaderTest::echo, x + 1).join());
        try {
          assertEquals("answer " + x + " / answer " + (x + 1), chained.join());
        } catch (java.util.concurrent.CompletionException e) {
          assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        }
      }
    }
  }

  @Test
  void aWorkerThatDiesUnderAWaitingThread_failsItsTaskAtOnce() throws Exception {
    try (ProcessPool pool = Children.fast("leader-death").pool(1)) {
      for (int i = 0; i < 5; i++) {
        CompletableFuture<Integer> dying = pool.submit(PoolLeaderTest::die, 7);
        long start = System.nanoTime();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(
            ExecutionException.class, () -> dying.get(30, TimeUnit.SECONDS));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getCause().getMessage().contains("exited with code 7"),
            e.getCause().toString());
        assertTrue(millis < 5_000, "the task failed " + millis + " ms after its worker died");
        assertEquals("answer " + i, pool.submit(PoolLeaderTest::echo, i).join());
      }
    }
  }

  @Test
  void aWaitThatOutlastsTheSpin_getsItsAnswerFromTheReaderThread() {
    AtomicInteger answered = new AtomicInteger();
    long start;
    try (ProcessPool pool = Children.fast("leader-slow").pool(2)) {
      pool.submit(PoolLeaderTest::echo, 0).join(); // the workers are up
      start = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        int millis = 1 + i % 4;
        if (pool.submit(PoolLeaderTest::sleepy, millis).join() == millis) {
          answered.incrementAndGet();
        }
      }
    }
    assertEquals(20, answered.get());
    // An answer that came while the waiting thread let go, with the reader thread parked and not
    // asking for a wake-up, would wait for that thread's next look, a second later.
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(millis < 10_000, "20 tasks of 1-4 ms took " + millis + " ms");
  }
}
