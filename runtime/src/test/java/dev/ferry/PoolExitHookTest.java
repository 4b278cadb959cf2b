package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.pool.WorkerDiedException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A task that calls {@code System.exit} in a worker whose shutdown hook of the program's hangs: the
 * worker's JVM never exits by itself. Its task used to wait for ever (with no taskTimeout), and
 * close() with it (faults65). The worker ends its stream as its JVM begins to exit; the pool fails
 * the task 3 s later saying why, starts a replacement, and kills the hung JVM as it closes.
 */
class PoolExitHookTest {

  private static Integer exitsWithHangingHook(Integer code) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        Thread.sleep(600_000);
      } catch (InterruptedException e) {
        // killed
      }
    }));
    System.exit(code);
    return code;
  }

  private static Integer twice(Integer x) {
    return 2 * x;
  }

  @Test
  void taskThatExitsIntoAHangingHook_failsSayingSo_andThePoolGoesOnAndKillsItAsItCloses()
      throws Exception {
    ProcessPool pool = Children.fast("exit-hook").pool(1);
    try {
      CompletableFuture<Integer> exits = pool.submit(PoolExitHookTest::exitsWithHangingHook, 4);
      CompletableFuture<Integer> after = pool.submit(PoolExitHookTest::twice, 21);
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> exits.get(15, TimeUnit.SECONDS));
      WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
      assertTrue(died.getMessage().matches("worker exit-hook-worker-1 \\(pid \\d+\\) began to exit while"
          + " running task PoolExitHookTest::exitsWithHangingHook \\(task #1 of the pool\\) \\(the"
          + " task, or a thread of the worker, called System.exit, or the worker was sent SIGTERM\\)"
          + " and its JVM had not ended 3 s later, so its exit code is unknown: a shutdown hook of"
          + " the program's does not return .*; the pool started a replacement"),
          died.getMessage());
      ProcessHandle hung = ProcessHandle.of(died.pid()).orElseThrow();
      assertTrue(hung.isAlive()); // left to its hooks a while: not killed before its time
      assertEquals(42, after.get(15, TimeUnit.SECONDS)); // sent to it, it runs on the replacement
      pool.close();
      assertFalse(hung.isAlive(), "close() kills a worker whose JVM hangs as it exits");
    } finally {
      pool.closeNow(); // without the fix, close() would wait for the task for ever
    }
  }
}
