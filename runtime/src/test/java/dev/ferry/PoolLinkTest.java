package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.internal.transport.RuntimeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a pool's connection to each worker goes through: shared-memory rings beside the socket,
 * or, in a process that keeps every byte on its sockets, the socket alone. Each is seen from
 * outside: the rings' files this process maps (Linux's {@code /proc/self/maps}), and the files
 * left in its runtime directory.
 */
@Timeout(120)
class PoolLinkTest {
  private static Long square(Integer x) {
    return (long) x * x;
  }

  private static byte[] reversed(byte[] bytes) {
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = bytes[bytes.length - 1 - i];
    }
    return out;
  }

  @Test
  void aPoolsWorkers_talkThroughRingsTheyMapped_andLeaveNoRingsFileBehind() throws Exception {
    assumeTrue(Files.isReadable(Path.of("/proc/self/maps")), "needs Linux's /proc");
    Set<String> before = mappedRings();
    try (ProcessPool pool = Children.fast("rings").pool(2)) {
      assertEquals(
          IntStream.range(0, 2_000).mapToObj(i -> (long) i * i).collect(Collectors.toList()),
          pool.map(PoolLinkTest::square, IntStream.range(0, 2_000).boxed().toList()));
      byte[] large = new byte[5 << 20]; // 20 times a ring: written and read while it streams
      for (int i = 0; i < large.length; i++) {
        large[i] = (byte) (i * 31 + i / 4099);
      }
      assertArrayEquals(reversed(large),
          pool.submit(PoolLinkTest::reversed, large).get(60, TimeUnit.SECONDS));
      awaitAnswersFromBothWorkers(pool); // a worker still connecting has not yet taken its file
      Set<String> added = mappedRings();
      added.removeAll(before);
      assertTrue(added.size() >= 2, "the pool maps one rings' file per worker, found " + added);
      for (String mapping : added) {
        assertTrue(mapping.endsWith("(deleted)"), "each worker deletes the file it mapped: " + mapping);
      }
      assertEquals(List.of(), ringsFiles(), "no rings' file is left in the runtime directory");
    }
    assertEquals(List.of(), ringsFiles());
  }

  private static Long pid() {
    return ProcessHandle.current().pid();
  }

  /**
   * Returns once two workers answered: each deletes its rings' file as it maps it, before its
   * first task, and a map of quick tasks can be over before the second worker has connected.
   */
  private static void awaitAnswersFromBothWorkers(ProcessPool pool) throws Exception {
    Set<Long> answered = new HashSet<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (answered.size() < 2 && System.nanoTime() < deadline) {
      List<CompletableFuture<Long>> pids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        pids.add(pool.submit(PoolLinkTest::pid));
      }
      for (CompletableFuture<Long> pid : pids) {
        answered.add(pid.get(60, TimeUnit.SECONDS));
      }
      Thread.sleep(10);
    }
    assertEquals(2, answered.size(), "workers that answered: " + answered);
  }

  @Test
  void aPoolInAProcessThatKeepsBytesOnItsSockets_runsItsTasksThroughThem() throws Exception {
    Channel<String> report = Channel.create();
    Child child = Children.fast("socket-pool").jvmFlags("-Dferry.transport=socket")
        .spawn(PoolLinkTest::poolOverSockets, report);
    assertEquals("sum 332833500, large ok, rings mapped 0", report.receive());
    assertEquals(0, child.join());
  }

  /** A child's pool with {@code -Dferry.transport=socket}: reports its results, and its mappings. */
  private static void poolOverSockets(Channel<String> report) throws Exception {
    Set<String> before = mappedRings();
    try (ProcessPool pool = Children.fast("socket-pool-worker").pool(2)) {
      long sum = pool.map(PoolLinkTest::square, IntStream.range(0, 1_000).boxed().toList())
          .stream().mapToLong(Long::longValue).sum();
      byte[] large = new byte[3 << 20];
      large[0] = 7;
      byte[] back = pool.submit(PoolLinkTest::reversed, large).get(60, TimeUnit.SECONDS);
      Set<String> added = mappedRings();
      added.removeAll(before);
      report.send("sum " + sum + ", large " + (back[back.length - 1] == 7 ? "ok" : "wrong")
          + ", rings mapped " + added.size());
    }
  }

  /** The rings' files this process maps now: {@code /proc/self/maps}' paths named {@code rings-}. */
  private static Set<String> mappedRings() throws IOException {
    Set<String> found = new HashSet<>();
    if (!Files.isReadable(Path.of("/proc/self/maps"))) {
      return found;
    }
    for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
      int path = line.indexOf('/');
      if (path >= 0 && line.contains("/rings-")) {
        found.add(line.substring(path));
      }
    }
    return found;
  }

  private static List<Path> ringsFiles() throws IOException {
    try (var files = Files.list(RuntimeFiles.directory())) {
      return files.filter(p -> p.getFileName().toString().startsWith("rings-")).toList();
    }
  }
}
