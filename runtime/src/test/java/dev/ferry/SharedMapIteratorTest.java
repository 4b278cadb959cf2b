package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code mapUnordered} iterator shared by several consuming threads, as Python's {@code
 * imap_unordered} iterator may be: each result comes out of one {@code next()}, and every thread
 * ends. Four threads consuming one such iterator used to get nulls and thousands of results twice,
 * lose others, and wait for ever in {@code next()}.
 */
class SharedMapIteratorTest {
  private static Integer plusOne(Integer x) {
    return x + 1;
  }

  private static Integer afterFile(String path) throws InterruptedException {
    while (!Files.exists(Path.of(path))) {
      Thread.sleep(5);
    }
    return 1;
  }

  private static Integer slowly(Integer x) throws InterruptedException {
    Thread.sleep(1_500);
    return x;
  }

  @Test
  @Timeout(180)
  void mapUnordered_sharedByFourThreads_givesEachResultOnce() throws Exception {
    int inputs = 100_000;
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < inputs; i++) {
      numbers.add(i);
    }
    try (ProcessPool pool = Ferry.pool(2)) {
      for (int round = 0; round < 3; round++) {
        Iterator<Integer> results = pool.mapUnordered(SharedMapIteratorTest::plusOne, numbers);
        ConcurrentHashMap<Integer, Integer> seen = new ConcurrentHashMap<>();
        AtomicInteger nulls = new AtomicInteger();
        List<Throwable> thrown = new CopyOnWriteArrayList<>();
        List<Thread> consumers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          Thread consumer = new Thread(() -> {
            try {
              while (true) {
                Integer result = results.next();
                if (result == null) {
                  nulls.incrementAndGet();
                } else {
                  seen.merge(result, 1, Integer::sum);
                }
              }
            } catch (NoSuchElementException end) {
              // another thread took the last result, or none was left
            } catch (Throwable e) {
              thrown.add(e);
            }
          });
          consumer.setDaemon(true); // one stuck in next() must not hold the test JVM
          consumer.start();
          consumers.add(consumer);
        }
        for (Thread consumer : consumers) {
          consumer.join(60_000);
          assertFalse(consumer.isAlive(), "a consumer still waits in next() (round " + round + ")");
        }
        assertEquals(List.of(), thrown);
        assertEquals(0, nulls.get(), "nulls in round " + round);
        assertEquals(inputs, seen.size(), "distinct results in round " + round);
        assertEquals(Set.of(1), Set.copyOf(seen.values()), "a result came twice in round " + round);
        assertFalse(results.hasNext());
      }
    }
  }

  /**
   * A callback on one of the pool's own threads that would wait for its turn at the iterator, while
   * another thread waits there for a result, is refused at once, as a wait for a result there is:
   * that result may be the callback's thread's to deliver, and it would wait for ever.
   *
   * <p>Both tasks wait for a file the test makes, so the order is the test's on any machine: the
   * callback's task ends while the holder waits for the map's, which ends only once the callback
   * has returned. The map's task used to take 5 s instead, and on a loaded machine (load 20-60 on
   * two cores) it could end first, as when the pool's second worker was still starting and the
   * callback's task was queued behind it: the callback then found its turn free and no result
   * left. The callback's task is submitted first so that, even on one worker, it runs first.
   */
  @Test
  @Timeout(120)
  void mapUnordered_callbackWaitingForItsTurn_isRefusedAtOnce(@TempDir Path gates)
      throws Exception {
    Path callbackTaskGate = gates.resolve("callback-task");
    Path mapTaskGate = gates.resolve("map-task");
    try (ProcessPool pool = Ferry.pool(2)) {
      pool.submit(SharedMapIteratorTest::plusOne, 0).get();
      CompletableFuture<Integer> callbackTask =
          pool.submit(SharedMapIteratorTest::afterFile, callbackTaskGate.toString());
      Iterator<Integer> results =
          pool.mapUnordered(SharedMapIteratorTest::afterFile, List.of(mapTaskGate.toString()));
      AtomicReference<Integer> holderGot = new AtomicReference<>();
      Thread holder = new Thread(() -> holderGot.set(results.next()));
      holder.setDaemon(true); // one stuck in next() must not hold the test JVM
      holder.start();
      try {
        awaitWaiting(holder); // in next(), holding the turn, until the map's task may end
        AtomicReference<Throwable> refused = new AtomicReference<>();
        CountDownLatch called = new CountDownLatch(1);
        // Registered before its task can end, so that it runs on the pool's own thread.
        callbackTask.whenComplete((value, error) -> {
          try {
            results.next();
          } catch (Throwable e) {
            refused.set(e);
          } finally {
            called.countDown();
          }
        });
        Files.createFile(callbackTaskGate);
        // Not a bound on speed: a callback that waits for its turn waits for ever here, since the
        // holder's result comes only after this; a minute is far more than the callback needs.
        assertTrue(called.await(60, TimeUnit.SECONDS), "the callback still waits for its turn");
        assertInstanceOf(IllegalStateException.class, refused.get());
        assertTrue(refused.get().getMessage().startsWith("waiting for a task of a pool on the pool's"
            + " own thread"), refused.get().getMessage());
      } finally {
        Files.createFile(mapTaskGate);
        holder.join(60_000);
      }
      assertFalse(holder.isAlive(), "the holder still waits for the map's result");
      assertEquals(1, holderGot.get());
    }
  }

  /** Waits until {@code thread} waits (it has nothing else to wait for than its result). */
  private static void awaitWaiting(Thread thread) throws InterruptedException {
    while (thread.getState() != Thread.State.WAITING
        && thread.getState() != Thread.State.TIMED_WAITING) {
      assertTrue(thread.isAlive(), "the thread ended");
      Thread.sleep(5);
    }
  }

  /**
   * A thread that waits for its turn at the iterator, while another waits for a result there, is
   * interrupted as a thread waiting for a result is: a CompletionException with the flag set
   * again, and nothing is lost.
   */
  @Test
  @Timeout(120)
  void mapUnordered_threadWaitingForItsTurn_isInterruptedAsAWaitForAResult() throws Exception {
    try (ProcessPool pool = Ferry.pool(2)) {
      Iterator<Integer> results = pool.mapUnordered(SharedMapIteratorTest::slowly, List.of(1, 2));
      AtomicReference<Integer> first = new AtomicReference<>();
      Thread holder = new Thread(() -> first.set(results.next()));
      holder.start();
      awaitWaiting(holder); // in next(), waiting for the tasks of 1.5 s
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      AtomicReference<Boolean> flag = new AtomicReference<>();
      Thread second = new Thread(() -> {
        try {
          results.next();
        } catch (Throwable e) {
          thrown.set(e);
          flag.set(Thread.currentThread().isInterrupted());
        }
      });
      second.start();
      awaitWaiting(second); // for its turn
      second.interrupt();
      second.join(10_000);
      assertInstanceOf(CompletionException.class, thrown.get());
      assertEquals("interrupted while waiting for a result of a map", thrown.get().getMessage());
      assertInstanceOf(InterruptedException.class, thrown.get().getCause());
      assertTrue(flag.get());
      holder.join(30_000);
      Integer last = results.next();
      assertEquals(Set.of(1, 2), Set.of(first.get(), last));
      assertFalse(results.hasNext());
      assertThrows(NoSuchElementException.class, results::next);
    }
  }
}
