package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code ProcessPool.close()} whose thread is interrupted while it waits for tasks, with real workers. */
@Timeout(60)
public class InterruptedPoolCloseTest {
  private static Integer naps(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }

  /**
   * A worker stopped (SIGSTOP, a debugger) with a task and no taskTimeout: close() waits for the
   * task, and used to go on waiting, deaf to an interrupt, until the worker was continued. Now,
   * as ExecutorService.close does, the interrupt cancels the unfinished tasks and kills the
   * workers, and the flag stays set.
   */
  @Test
  void close_interruptedWhileATaskRunsOnAStoppedWorker_cancelsItAndKillsTheWorker()
      throws Exception {
    Set<Long> before = childPids();
    ProcessPool pool = Children.fast("close-interrupted").keepSpare(false).pool(1);
    long worker = -1;
    try {
      CompletableFuture<Integer> task = pool.submit(InterruptedPoolCloseTest::naps, 3_000);
      worker = newChild(before);
      Signals.stop(worker);
      AtomicBoolean stillInterrupted = new AtomicBoolean();
      Thread closer = new Thread(() -> {
        pool.close();
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      });
      closer.start();
      Thread.sleep(500); // waiting for the task
      closer.interrupt();
      closer.join(15_000);
      assertFalse(closer.isAlive(), "close() went on waiting for the stopped worker's task");
      assertTrue(stillInterrupted.get(), "close() cleared the interrupt flag");
      // Its own exception, not get()'s: JDK 25's get() throws a CancellationException of its own
      Throwable cancelled = task.handle((value, failure) -> failure).get(10, TimeUnit.SECONDS);
      assertTrue(cancelled instanceof CancellationException, String.valueOf(cancelled));
      assertTrue(cancelled.getMessage().contains("the pool was closed with close(), whose thread"
          + " was interrupted while it waited for the tasks"), cancelled.getMessage());
      assertEquals(Optional.of(false), ProcessHandle.of(worker).map(ProcessHandle::isAlive)
          .or(() -> Optional.of(false)));
    } finally {
      pool.closeNow();
      if (worker > 0) {
        ProcessHandle.of(worker).ifPresent(ProcessHandle::destroyForcibly);
      }
    }
  }

  private static long newChild(Set<Long> before) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> found = ProcessHandle.current().children()
          .filter(p -> p.isAlive() && !before.contains(p.pid()))
          .findFirst();
      if (found.isPresent()) {
        return found.get().pid();
      }
      Thread.sleep(5);
    }
    throw new IllegalStateException("no worker appeared");
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
