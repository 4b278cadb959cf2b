package dev.ferry.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Children;
import dev.ferry.ProcessPool;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pool closed while a worker's connection is being taken over (its hello was right, its link
 * not yet answered): the worker is let go as soon as it is connected. It used to be taken for one
 * still booting, told so through its stdin, which a worker past its boot ignores, and killed once
 * the close had waited 10 s for it.
 */
@Timeout(60)
class ClosingWhileConnectingTest {
  @AfterEach
  void noHook() {
    WorkerLink.onConnecting = null;
  }

  private static Integer twice(Integer x) {
    return 2 * x;
  }

  @Test
  void closeDuringASecondWorkersConnect_letsItGoWithoutTheStopTimeout() throws Exception {
    CountDownLatch connecting = new CountDownLatch(1);
    CountDownLatch closing = new CountDownLatch(1);
    AtomicInteger arrivals = new AtomicInteger();
    WorkerLink.onConnecting = () -> {
      if (arrivals.incrementAndGet() == 1) {
        return; // the first worker runs the task
      }
      connecting.countDown();
      try {
        closing.await(30, TimeUnit.SECONDS);
        Thread.sleep(200); // close() has stopped the workers by now
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    ProcessPool pool = Children.fast("closing-while-connecting").pool(2);
    assertEquals(42, pool.submit(ClosingWhileConnectingTest::twice, 21).get(30, TimeUnit.SECONDS));
    assertTrue(connecting.await(30, TimeUnit.SECONDS), "the second worker never connected");
    WorkerLink.onConnecting = null;
    closing.countDown();
    long start = System.nanoTime();
    pool.close(); // nothing to wait for: stops both workers while the second connects
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 8_000, "close() waited " + millis + " ms for a worker it had let go");
  }
}
