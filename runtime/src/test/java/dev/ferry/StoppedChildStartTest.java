package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.internal.process.ChildMain;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child stopped ({@code kill -STOP}, a debugger) before it reads its start-up message, with
 * real processes: {@code Ferry.spawn} does not wait for it.
 */
@Timeout(60)
public class StoppedChildStartTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private static void measures(byte[] data, Channel<Integer> lengths) throws Exception {
    lengths.send(data.length);
  }

  /**
   * A 1 MB argument is more than a pipe holds, and spawn used to write it on the caller's thread:
   * a child stopped while its JVM booted held spawn until it was continued, for good if never.
   * Now spawn returns, and the child runs its target, with the whole argument, once continued.
   */
  @Test
  void aChildStoppedBeforeItReadsALargeStartMessage_doesNotHoldSpawn() throws Exception {
    Set<Long> before = settledChildPids();
    // Threads of their own: the common pool has one thread on two cores, and the watcher spins
    Executor threads = task -> new Thread(task).start();
    CompletableFuture<Long> stopped =
        CompletableFuture.supplyAsync(() -> stopNewChild(before), threads);
    try (Channel<Integer> lengths = Channel.create()) {
      CompletableFuture<Child> spawned = CompletableFuture.supplyAsync(() ->
          Children.fast("stopped-at-start").keepSpare(false)
              .spawn(StoppedChildStartTest::measures, new byte[1 << 20], lengths), threads);
      long pid = stopped.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      Child child;
      try {
        child = spawned.get(10, TimeUnit.SECONDS); // it waited for good
      } finally {
        Signals.resume(pid);
      }
      assertEquals(pid, child.pid());
      assertEquals(Optional.of(1 << 20), lengths.receive(WAIT));
      assertEquals(0, child.join());
    }
  }

  /** Stops the first child of this process not in {@code before} as soon as it appears. */
  private static long stopNewChild(Set<Long> before) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Optional<ProcessHandle> found = ProcessHandle.current().children()
          .filter(p -> !before.contains(p.pid()) && runsJava(p))
          .findFirst();
      if (found.isPresent()) {
        try {
          Signals.stop(found.get().pid());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return found.get().pid();
      }
      Thread.onSpinWait();
    }
    throw new IllegalStateException("no child appeared");
  }

  /**
   * Whether {@code child} runs the child's JVM already: {@code ProcessBuilder.start} returns only
   * once the new process has executed java (the JDK forks, runs {@code jspawnhelper}, which
   * executes java), so a process stopped before then held the spawn in the JDK, not in Ferry (CI,
   * in 2 of 4 runs). Until then its command line is this JVM's or {@code jspawnhelper}'s.
   */
  private static boolean runsJava(ProcessHandle child) {
    return child.info().arguments().stream()
        .flatMap(Arrays::stream)
        .anyMatch(argument -> argument.equals(ChildMain.class.getName()));
  }

  /**
   * This JVM's children once no new one has appeared for half a second: an earlier test's spawn
   * starts its spare on a thread of its own, and the watcher must not stop that spare instead of
   * this test's child.
   */
  private static Set<Long> settledChildPids() throws InterruptedException {
    Set<Long> pids = childPids();
    while (true) {
      Thread.sleep(500);
      Set<Long> now = childPids();
      if (now.containsAll(pids) && pids.containsAll(now)) {
        return now;
      }
      pids = now;
    }
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children().map(ProcessHandle::pid).collect(Collectors.toSet());
  }
}
