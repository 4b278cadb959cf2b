package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The actions on a process's exit all run, in turn, whatever one of them throws: an {@code
 * OutOfMemoryError} (an action under a full heap) used to end the watching thread with the actions
 * after it not run, so a channel whose only holder had exited waited for ever for the news.
 */
@Timeout(30)
class ExitWatchTest {

  @Test
  void anActionThatThrowsAnError_leavesTheNextToRun() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "0.5").start();
    ExitWatch watch = ExitWatch.of(sleeper, "exit-watch-test");
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch last = new CountDownLatch(1);
    watch.then(() -> {
      ran.add("first");
      throw new OutOfMemoryError("Java heap space"); // as an action under a full heap
    });
    watch.then(() -> {
      ran.add("second");
      throw new IllegalStateException("a failing action");
    });
    watch.then(() -> {
      ran.add("third");
      last.countDown();
    });

    assertTrue(last.await(20, TimeUnit.SECONDS), "ran only " + ran);
    assertEquals(List.of("first", "second", "third"), ran);
  }

  @Test
  void anActionAddedAfterTheExit_runsAtOnce() throws Exception {
    Process quick = new ProcessBuilder("true").start();
    ExitWatch watch = ExitWatch.of(quick, "exit-watch-test");
    CountDownLatch seen = new CountDownLatch(1);
    watch.then(seen::countDown);
    assertTrue(seen.await(20, TimeUnit.SECONDS));
    quick.waitFor();
    Thread.sleep(100); // the watching thread has run what it had
    List<String> ran = new CopyOnWriteArrayList<>();
    watch.then(() -> ran.add(Thread.currentThread().getName()));
    assertEquals(List.of(Thread.currentThread().getName()), ran);
  }
}
