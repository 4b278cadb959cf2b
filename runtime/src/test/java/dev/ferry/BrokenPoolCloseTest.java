package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A broken pool runs no task, so its {@code close()} does not wait for a worker still in the
 * initializer: it kills it, as it kills a starting worker that has no initializer to finish.
 */
@Timeout(60)
class BrokenPoolCloseTest {
  /** The first worker's initializer throws, which breaks the pool; the others' hang. */
  private static void throwOrHang(String marker) throws Exception {
    if (new File(marker).createNewFile()) {
      throw new IllegalStateException("the first initializer fails");
    }
    Thread.sleep(1_000_000);
  }

  private static Integer one() {
    return 1;
  }

  @Test
  void closingABrokenPool_killsAWorkerStillInItsInitializer_atOnce() throws Exception {
    Path marker = Files.createTempDirectory("broken-pool").resolve("first");
    ProcessPool pool =
        Children.fast("broken-init").pool(2).initializer(BrokenPoolCloseTest::throwOrHang,
            marker.toString());
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> pool.submit(BrokenPoolCloseTest::one).get(30, TimeUnit.SECONDS));
    assertTrue(String.valueOf(failed.getCause()).contains("the first initializer fails"),
        String.valueOf(failed.getCause()));
    long start = System.nanoTime();
    pool.close();
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(millis < 5_000, "close() took " + millis + " ms: it waited 10 s for the hanging"
        + " initializer of a pool that will run no task");
    Files.deleteIfExists(marker);
    Files.deleteIfExists(marker.getParent());
  }
}
