package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool whose process is paused (stopped with SIGSTOP here; a long garbage collection or a
 * starved CPU in real life) past a task's timeout while the task ends: once it runs again, its
 * timer and the reader of the task's answer run at once.
 */
@Timeout(60)
public class PausedPoolTest {
  private static final int CYCLES = 8;

  /**
   * In a child the test stops: a pool of one worker with a task timeout of 150 ms runs two tasks of
   * 60 ms each, cycle after cycle, saying when they were submitted and how each ended.
   */
  private static void twoTasksACycle(Channel<String> events) throws Exception {
    try (ProcessPool pool =
        Children.fast("paused").keepSpare(false).pool(1).taskTimeout(Duration.ofMillis(150))) {
      pool.submit(PausedPoolTest::sleep, 1).get(); // the worker has started and loaded the task
      for (int i = 0; i < CYCLES; i++) {
        CompletableFuture<Integer> first = pool.submit(PausedPoolTest::sleep, 60);
        CompletableFuture<Integer> second = pool.submit(PausedPoolTest::sleep, 60);
        events.send("submitted");
        events.send(outcome(first) + " " + outcome(second));
      }
    }
  }

  private static Integer sleep(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  private static String outcome(CompletableFuture<Integer> task) throws InterruptedException {
    try {
      return task.get().toString();
    } catch (ExecutionException e) {
      return e.getCause().getClass().getSimpleName();
    }
  }

  /**
   * A task that ends while its pool's process is paused past its timeout either counts as done or
   * times out; the task after it never fails for it. The timer used to see the first task
   * unanswered and kill its worker, the reader to read its answer in between, and the second task,
   * sent to the worker being killed, failed with a WorkerDiedException ('killed by signal 9 ...
   * while running task ...'), though it had neither timed out nor been cancelled (about one cycle
   * in three).
   */
  @Test
  void taskEndingWhileThePoolsProcessIsPausedPastItsTimeout_doesNotFailTheNextTask()
      throws Exception {
    try (Channel<String> events = Channel.create()) {
      Child pool = Children.fast("pool-process").keepSpare(false)
          .spawn(PausedPoolTest::twoTasksACycle, events);
      List<String> outcomes = new ArrayList<>();
      for (int i = 0; i < CYCLES; i++) {
        assertEquals("submitted", events.receive());
        Thread.sleep(30); // the first task has started: its timeout runs
        Signals.stop(pool.pid());
        Thread.sleep(250); // it ends meanwhile, and its timeout passes
        Signals.resume(pool.pid());
        outcomes.add(events.receive());
      }
      assertEquals(0, pool.join(), pool.failure().map(ChildFailure::stackTrace).orElse(""));
      for (String outcome : outcomes) {
        assertFalse(outcome.contains("WorkerDiedException"), outcomes.toString());
      }
    }
  }
}
