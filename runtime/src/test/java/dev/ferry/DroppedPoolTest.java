package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool the program can no longer reach before its first task ends its workers' JVMs: nothing
 * can ever give it a task. The usual way to get one is a setting refused in the resource of a
 * try-with-resources, which is then never assigned, so never closed.
 */
@Timeout(120)
class DroppedPoolTest {
  private static Long pid() {
    return ProcessHandle.current().pid();
  }

  private static Set<Long> liveChildren() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid).collect(Collectors.toSet());
  }

  /** Runs {@code body}, then collects garbage until the children it started have exited. */
  private static Set<Long> childrenLeftAfterCollecting(Runnable body) throws Exception {
    Set<Long> before = liveChildren();
    body.run();
    Set<Long> started = liveChildren();
    started.removeAll(before);
    assertTrue(!started.isEmpty(), "the pool started no JVM");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    Set<Long> left = started;
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(100);
      left = started.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive)
          .orElse(false)).collect(Collectors.toSet());
    }
    return left;
  }

  /**
   * {@code taskTimeout(Duration.ZERO)} refused in the resource: its two JVMs used to stay, idle,
   * until this process exited, two more for each such try.
   */
  @Test
  void poolWhoseSettingIsRefusedInTryWithResources_endsItsWorkersJvms() throws Exception {
    Set<Long> left = childrenLeftAfterCollecting(() -> {
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> {
        try (ProcessPool pool = Children.fast("dropped").keepSpare(false).pool(2)
            .taskTimeout(Duration.ZERO)) {
          pool.submit(DroppedPoolTest::pid).join();
        }
      });
      assertTrue(refused.getMessage().startsWith("taskTimeout must be positive"),
          refused.getMessage());
    });
    assertEquals(Set.of(), left, "worker JVMs of the dropped pool still alive");
  }

  /** Made here, so that the test's frame holds no reference to it once this returns. */
  private static WeakReference<ProcessPool> closedPoolWhoseCallbackHoldsIt() throws Exception {
    ProcessPool pool = Children.fast("closed-watched").keepSpare(false).pool(1);
    CompletableFuture<String> told = pool.submit(DroppedPoolTest::pid)
        .thenApply(pid -> pid + " from " + pool); // the pool's job holds a callback holding pool
    told.get(60, TimeUnit.SECONDS);
    pool.close();
    return new WeakReference<>(pool);
  }

  /**
   * A closed pool is collected once dropped, though a callback of its task held its handle. The
   * cleaner that ends pools dropped before their first task holds each pool's engine until its
   * handle is unreachable: an engine that kept its finished jobs, and through their callbacks the
   * handle, would keep both in memory for as long as the process runs.
   */
  @Test
  void closedPool_isCollected_thoughACallbackOfItsTaskHeldIt() throws Exception {
    WeakReference<ProcessPool> pool = closedPoolWhoseCallbackHoldsIt();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (pool.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50);
    }
    assertNull(pool.get(), "the closed pool was never collected");
  }
}
