package dev.ferry.benchmarks.channels;

import dev.ferry.Ferry;
import dev.ferry.ProcessPool;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Issue 8's pool shapes, against the same shapes of {@code benchmarks/python/pool.py}: a map of
 * tiny tasks ({@code x * x}), tasks submitted one by one then awaited, {@code submit(...).join()}
 * one at a time, and a pool started, used once and closed. Each shape reports the median of its
 * timed rounds and, as {@code .first}, its first round in this fresh JVM and pool (the JIT's
 * warm-up included).
 *
 * <pre>
 * PoolBenchmark RESULTS.csv WORKERS MAP_COUNT SUBMIT_COUNT LATENCY_COUNT ROUNDS START_RUNS
 * </pre>
 */
public final class PoolBenchmark {
  private PoolBenchmark() {}

  /** The pause between pools of the paused start shape; python/pool.py uses the same. */
  private static final long PAUSE_MILLIS = 500;

  static Integer square(Integer x) {
    return x * x;
  }

  public static void main(String[] args) throws Exception {
    Results results = new Results(Path.of(args[0]));
    int workers = Integer.parseInt(args[1]);
    int mapCount = Integer.parseInt(args[2]);
    int submitCount = Integer.parseInt(args[3]);
    int latencyCount = Integer.parseInt(args[4]);
    int rounds = Integer.parseInt(args[5]);
    int startRuns = Integer.parseInt(args[6]);
    String detail = workers + " workers, default JVM flags";

    double[] start = new double[startRuns + 1];
    for (int i = 0; i < start.length; i++) {
      long t0 = System.nanoTime();
      try (ProcessPool pool = Ferry.pool(workers)) {
        if (pool.submit(PoolBenchmark::square, 3).join() != 9) {
          throw new AssertionError("wrong result");
        }
      }
      start[i] = (System.nanoTime() - t0) / 1e6;
      System.out.printf("start+first result+close %d: %.1f ms%n", i, start[i]);
    }
    results.add("ferry.pool.start.first", start[0], "ms", detail + "; the first pool of this JVM");
    results.add("ferry.pool.start", Results.median(java.util.Arrays.copyOfRange(start, 1, start.length)),
        "ms", detail + "; median of " + startRuns + " after the first: " + Results.list(start));

    // The same with a pause between pools, as a program that starts a pool per job or request
    // does: the spares a closed pool leaves (see docs/runtime.md) have time to start.
    double[] paused = new double[startRuns];
    for (int i = 0; i < paused.length; i++) {
      Thread.sleep(PAUSE_MILLIS);
      long t0 = System.nanoTime();
      try (ProcessPool pool = Ferry.pool(workers)) {
        if (pool.submit(PoolBenchmark::square, 3).join() != 9) {
          throw new AssertionError("wrong result");
        }
      }
      paused[i] = (System.nanoTime() - t0) / 1e6;
    }
    results.add("ferry.pool.start.paused", Results.median(paused), "ms",
        detail + "; " + PAUSE_MILLIS + " ms between pools; median of " + startRuns + ": "
            + Results.list(paused));

    try (ProcessPool pool = Ferry.pool(workers)) {
      pool.submit(PoolBenchmark::square, 1).join(); // the workers are up: what follows is not start-up
      List<Integer> inputs = new ArrayList<>(mapCount);
      for (int i = 0; i < mapCount; i++) {
        inputs.add(i & 0xFFFF);
      }
      double[] map = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        List<Integer> out = pool.map(PoolBenchmark::square, inputs);
        map[r] = mapCount / ((System.nanoTime() - t0) / 1e9);
        check(out.size() == mapCount && out.get(mapCount - 1).equals(square(inputs.get(mapCount - 1))));
        System.out.printf("map round %d: %.0f tasks/s%n", r, map[r]);
      }
      results.add("ferry.pool.map.first", map[0], "tasks/s", detail + "; first map of " + mapCount);
      results.add("ferry.pool.map", Results.median(tail(map)), "tasks/s",
          detail + "; median of rounds 2.." + rounds + " of " + mapCount + ": " + Results.list(map));

      double[] submit = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        List<CompletableFuture<Integer>> futures = new ArrayList<>(submitCount);
        long t0 = System.nanoTime();
        for (int i = 0; i < submitCount; i++) {
          futures.add(pool.submit(PoolBenchmark::square, i & 0xFFFF));
        }
        for (CompletableFuture<Integer> f : futures) {
          f.join();
        }
        submit[r] = submitCount / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("submit round %d: %.0f tasks/s%n", r, submit[r]);
      }
      results.add("ferry.pool.submit.first", submit[0], "tasks/s", detail + "; first " + submitCount);
      results.add("ferry.pool.submit", Results.median(tail(submit)), "tasks/s",
          detail + "; " + submitCount + " submits then joins, median of rounds 2.." + rounds + ": "
              + Results.list(submit));

      double[] latency = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < latencyCount; i++) {
          if (pool.submit(PoolBenchmark::square, 7).join() != 49) {
            throw new AssertionError("wrong result");
          }
        }
        latency[r] = (System.nanoTime() - t0) / 1e3 / latencyCount;
        System.out.printf("latency round %d: %.1f us%n", r, latency[r]);
      }
      results.add("ferry.pool.latency.first", latency[0], "us", detail + "; first " + latencyCount);
      results.add("ferry.pool.latency", Results.median(tail(latency)), "us",
          detail + "; mean of " + latencyCount + " submit().join(), median of rounds 2.." + rounds
              + ": " + Results.list(latency));
    }
  }

  private static double[] tail(double[] values) {
    return values.length > 1 ? java.util.Arrays.copyOfRange(values, 1, values.length) : values;
  }

  private static void check(boolean ok) {
    if (!ok) {
      throw new AssertionError("wrong results");
    }
  }
}
