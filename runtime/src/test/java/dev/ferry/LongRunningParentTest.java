package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A parent that lives on gives back what its children, channels and pools used. */
@Timeout(120)
public class LongRunningParentTest {

  private static Long square(Integer x) {
    return (long) x * x;
  }

  private static Long exits(Integer code) {
    System.exit(code);
    return 0L;
  }

  /**
   * Pools opened and closed one after another give back every descriptor of their workers'
   * connections: the reader's selector of each connection was never closed, and a socket closed
   * while registered with an open selector keeps its descriptor, so every worker connection (a
   * replaced worker's too) left a socket, an epoll and an eventfd open in the pool's process.
   */
  @Test
  void poolsOpenedAndClosed_giveBackTheirConnectionsDescriptors() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    long before = selectors();
    for (int i = 0; i < 3; i++) {
      try (ProcessPool pool = Children.fast("fd-pool").keepSpare(false).pool(2)) {
        assertEquals(List.of(1L, 4L, 9L), pool.map(LongRunningParentTest::square, List.of(1, 2, 3)));
        assertThrows(ExecutionException.class,
            () -> pool.submit(LongRunningParentTest::exits, 3).get());
        assertEquals(16L, pool.submit(LongRunningParentTest::square, 4).get());
      }
    }
    // The readers close their connections as the workers go, right after close returns.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (selectors() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long after = selectors();
    assertTrue(after <= before,
        "selectors (epoll descriptors) open: " + before + " before the pools, " + after + " after");
  }

  private static long selectors() throws IOException {
    long count = 0;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventpoll]")) {
            count++;
          }
        } catch (IOException closedMeanwhile) {
          // not open any more
        }
      }
    }
    return count;
  }
}
