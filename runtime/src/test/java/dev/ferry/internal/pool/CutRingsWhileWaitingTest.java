package dev.ferry.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import dev.ferry.internal.transport.CutRings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A worker's shared-memory rings file cut short (truncated by another process of the same user,
 * which found it the way anyone can: a {@code rings-*} file of this process's runtime directory
 * it holds open) while threads wait for their tasks, and read their answers from the rings
 * themselves ({@link WorkerLink#lead}): every task completes, with its own answer or failing with
 * a {@link WorkerDiedException} naming its worker, never another task's answer; no waiting thread
 * hangs, the pool replaces the worker and goes on, and {@code close()} returns.
 */
@Timeout(600)
class CutRingsWhileWaitingTest {
  /** 12, not 20: each round is a pool started and cut (about 0.6 s), and CI has two JDKs to pass. */
  private static final int ROUNDS = 12;

  /** A task of about 40 µs: a thread that waits for it reads the worker's rings meanwhile. */
  private static Integer busy(Integer x) {
    long until = System.nanoTime() + 40_000;
    while (System.nanoTime() < until) {
      Thread.onSpinWait();
    }
    return x;
  }

  @Test
  void aWorkersRingsFileCutUnderWaitingThreads_poolOfOne_failsOrAnswersEachTaskRight()
      throws Exception {
    cutUnderWaiters(1);
  }

  @Test
  void aWorkersRingsFileCutUnderWaitingThreads_poolOfTwo_failsOrAnswersEachTaskRight()
      throws Exception {
    cutUnderWaiters(2);
  }

  private static void cutUnderWaiters(int workers) throws Exception {
    List<String> wrong = new CopyOnWriteArrayList<>();
    AtomicInteger failed = new AtomicInteger();
    for (int round = 0; round < ROUNDS; round++) {
      String name = "cut-waiting-" + workers + "-" + round;
      ProcessPool pool = Children.fast(name).pool(workers);
      try {
        for (int w = 0; w < workers; w++) {
          assertEquals(w, pool.submit(CutRingsWhileWaitingTest::busy, w).get(30, TimeUnit.SECONDS));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread[] waiting = new Thread[2];
        for (int t = 0; t < waiting.length; t++) {
          int base = (t + 1) << 24;
          waiting[t] = new Thread(() -> waitForTasks(pool, name, base, stop, wrong, failed),
              "waiting-" + t);
          waiting[t].start();
        }
        Thread.sleep(30);
        CutRings.cut(CutRings.open().get(0));
        Thread.sleep(50);
        stop.set(true);
        for (Thread thread : waiting) {
          thread.join(30_000);
          if (thread.isAlive()) {
            fail("a thread waiting for its task hung (round " + round + ")\n" + CutRings.threads());
          }
        }
        assertEquals(77, afterTheCut(pool, name));
      } finally {
        closeWithin(pool, 30, round);
      }
      assertNoThreadLeft(name, round);
    }
    assertTrue(wrong.isEmpty(), wrong.toString());
    assertTrue(failed.get() > 0, "no task failed: the cut came to nothing");
    assertTrue(CutRings.open().isEmpty(), "rings files left open: " + CutRings.open());
  }

  /**
   * The answer of a task submitted once the waiting threads stopped: the pool goes on, with the
   * worker replaced. A worker of a pool of two whose cut file nobody touched since may not be
   * found cut yet (its reader thread looks at the file's length after each wait, a second at
   * most), and then the task sent to it fails with its end, and the next runs elsewhere.
   */
  private static int afterTheCut(ProcessPool pool, String name) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return pool.submit(CutRingsWhileWaitingTest::busy, 77).get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (attempt > 0 || !(e.getCause() instanceof WorkerDiedException died)
            || !died.getMessage().startsWith("worker " + name + "-worker-")
            || !died.getMessage().contains(" the shared-memory file of its rings was cut short: ")) {
          throw e;
        }
      }
    }
  }

  /** Fails if a thread of the pool named {@code name} is still there 10 s after its close. */
  private static void assertNoThreadLeft(String name, int round) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      List<String> left = new ArrayList<>();
      for (Thread thread : Thread.getAllStackTraces().keySet()) {
        if (thread.getName().startsWith("ferry-" + name + "-")) {
          left.add(thread.getName());
        }
      }
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        fail("threads left after close() (round " + round + "): " + left + "\n"
            + CutRings.threads());
      }
      Thread.sleep(50);
    }
  }

  /**
   * Submits tasks and waits for each until told to stop, alternately with {@code join} and {@code
   * get}; notes an answer not its task's in {@code wrong}, and anything but the answer or the
   * failure of its worker.
   */
  private static void waitForTasks(ProcessPool pool, String name, int base, AtomicBoolean stop,
      List<String> wrong, AtomicInteger failed) {
    for (int i = 0; !stop.get(); i++) {
      try {
        int sent = base + i;
        Integer got;
        try {
          var task = pool.submit(CutRingsWhileWaitingTest::busy, sent);
          got = i % 2 == 0 ? task.join() : task.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
          if (e.getCause() instanceof WorkerDiedException died
              && died.getMessage().startsWith("worker " + name + "-worker-")) {
            failed.incrementAndGet();
          } else {
            wrong.add("task " + sent + " failed with " + e.getCause());
          }
          continue;
        } catch (InternalError e) {
          if (!raisedHere(e)) {
            wrong.add("task " + sent + ": " + e + " out of submit, join or get");
            e.printStackTrace();
          }
          continue;
        } catch (Throwable e) {
          wrong.add("task " + sent + ": " + e + " out of submit, join or get");
          e.printStackTrace();
          continue;
        }
        if (got != sent) {
          wrong.add("task " + sent + " answered " + got);
        }
      } catch (InternalError late) {
        // The fault of a touch made before join() returned, raised by the JVM at a later safepoint
        // poll in this loop's own code, where no code of the pool's runs (docs/runtime.md).
      }
    }
  }

  /**
   * Whether the JVM raised a fault in this class's own code: as a call into the pool returned
   * (a poll at the return of {@code submit} or {@code join} throws at the call), past the pool's
   * code, which cannot catch it there (docs/runtime.md).
   */
  private static boolean raisedHere(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      String type = frame.getClassName();
      if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
        return type.startsWith(CutRingsWhileWaitingTest.class.getName());
      }
    }
    return false;
  }

  private static void closeWithin(ProcessPool pool, int seconds, int round) throws Exception {
    Thread closing = new Thread(pool::close, "closing");
    closing.start();
    closing.join(seconds * 1000L);
    if (closing.isAlive()) {
      fail("close() hung (round " + round + ")\n" + CutRings.threads());
    }
  }

}
