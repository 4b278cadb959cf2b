package dev.ferry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * One peer's round trips of one model, {@code n} at a time ({@link #applyAsInt}), and the loop that
 * times several of them in turns ({@link #medians}).
 *
 * <p>Public, and written against nothing newer than {@link Peer} and {@link Model}, because {@link
 * Compare} defines this class again inside the class loader of each {@code benchmarks.jar} it
 * compares, older builds included: there it drives that build's Ferry through a JDK interface.
 */
public final class Turns implements IntUnaryOperator {
  private final Peer peer;
  private final Object value;
  private final boolean fresh;

  /** The last value read, so that the JIT cannot drop the reads. */
  static Object sink;

  /**
   * @param peer a name of {@link Peer#NAMES}
   * @param model a model's id, e.g. {@code media-record}
   * @param harness {@code reused} (the codec body, a reused buffer) or {@code fresh} (a new array
   *     per value through the one-call API)
   */
  public Turns(String peer, String model, String harness) {
    if (!harness.equals("reused") && !harness.equals("fresh")) {
      throw new IllegalArgumentException("harness must be reused or fresh: " + harness);
    }
    Model m = Model.byId(model);
    this.peer = Peer.create(peer, m);
    this.value = m.value();
    this.fresh = harness.equals("fresh");
  }

  /** Does {@code count} round trips; returns {@code count}. */
  @Override
  public int applyAsInt(int count) {
    Object last = null;
    for (int i = 0; i < count; i++) {
      if (fresh) {
        last = peer.fromBytes(peer.toBytes(value));
      } else {
        int n = peer.serialize(value);
        last = peer.deserialize(peer.buffer(), n);
      }
    }
    sink = last;
    return count;
  }

  /**
   * Times {@code turns} in short batches taken in turns (the first of a round moves on each
   * round), in the calling thread's CPU time, for {@code seconds} after a warm-up of a third as
   * long, and returns each one's median time per round trip in ns. Every turn sees the same load,
   * and time spent waiting for a core is not counted, so the ratios hold on a shared machine.
   */
  static double[] medians(List<? extends IntUnaryOperator> turns, double seconds) {
    long warmUpEnd = System.nanoTime() + (long) (seconds * 1e9 / 3);
    while (System.nanoTime() < warmUpEnd) {
      for (IntUnaryOperator turn : turns) {
        turn.applyAsInt(16);
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    int batch = 1;
    while (cpuTime(threads, turns.get(0), batch) < 500_000) { // short batches: many samples
      batch *= 2;
    }
    List<List<Double>> samples = new ArrayList<>();
    turns.forEach(t -> samples.add(new ArrayList<>()));
    long end = System.nanoTime() + (long) (seconds * 1e9);
    for (int round = 0; System.nanoTime() < end; round++) {
      for (int i = 0; i < turns.size(); i++) {
        int k = (i + round) % turns.size();
        samples.get(k).add((double) cpuTime(threads, turns.get(k), batch) / batch);
      }
    }
    double[] medians = new double[turns.size()];
    for (int k = 0; k < medians.length; k++) {
      double[] sorted = samples.get(k).stream().mapToDouble(Double::doubleValue).toArray();
      Arrays.sort(sorted);
      medians[k] = sorted[sorted.length / 2];
    }
    return medians;
  }

  private static long cpuTime(ThreadMXBean threads, IntUnaryOperator turn, int batch) {
    long before = threads.getCurrentThreadCpuTime();
    turn.applyAsInt(batch);
    return threads.getCurrentThreadCpuTime() - before;
  }
}
