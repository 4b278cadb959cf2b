package dev.ferry.benchmarks.channels;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Ferry;
import dev.ferry.SpawnOptions;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Ferry's channels between two processes: a child produces, this process (which creates, and so
 * hosts, the channels) consumes. Each shape sends {@code warmup + rounds} blocks of {@code count}
 * messages and times every block at the receiver, so the figure is the steady-state rate of the
 * whole pipe (encode, batch, socket, host queue, decode), whichever stage is the slowest.
 *
 * <pre>
 * ChannelBenchmark RESULTS.csv small    COUNT WARMUP ROUNDS   ~100-byte Ticks, msg/s
 * ChannelBenchmark RESULTS.csv big      COUNT WARMUP ROUNDS   1 MiB byte[] messages, MB/s
 * ChannelBenchmark RESULTS.csv flushed  COUNT WARMUP ROUNDS   Ticks, the producer waits until each is written
 * ChannelBenchmark RESULTS.csv bounded  COUNT WARMUP ROUNDS   Ticks through Channel.create(65536), msg/s
 * ChannelBenchmark RESULTS.csv handoff  COUNT WARMUP ROUNDS   Ticks through Channel.create(1), msg/s
 * ChannelBenchmark RESULTS.csv pingpong COUNT WARMUP ROUNDS   round trips parent -> child -> parent, µs
 * </pre>
 */
public final class ChannelBenchmark {
  static final int MIB = 1 << 20;
  /**
   * Where receivers put each message: a field, so that the JIT cannot drop the decoding (the raw
   * pump does the same), and nothing more, since hashing each message would cost more than the
   * transfer.
   */
  static Object sink;

  /** The first block of the small shapes: what a program that runs for a second sees. */
  static final long FIRST = 1_000_000;

  /** The capacity of the bounded channel of shape {@code bounded}. */
  static final int BOUNDED_CAPACITY = 65_536;

  private static final SpawnOptions CHILD = Ferry.options().jvmFlags("-Xms1g", "-Xmx1g");

  private ChannelBenchmark() {}

  public static void main(String[] args) throws Exception {
    Results results = new Results(Path.of(args[0]));
    String shape = args[1];
    long count = Long.parseLong(args[2]);
    int warmup = Integer.parseInt(args[3]);
    int rounds = Integer.parseInt(args[4]);
    long total = count * (warmup + rounds);
    switch (shape) {
      case "small", "flushed", "bounded", "handoff" -> {
        long first = shape.equals("flushed") || shape.equals("handoff") ? count : FIRST;
        Channel<Tick> ticks =
            switch (shape) {
              case "bounded" -> Channel.create(BOUNDED_CAPACITY);
              case "handoff" -> Channel.create(1); // every send waits for the previous receive
              default -> Channel.create();
            };
        Child child = CHILD.name("producer")
            .spawn(ChannelBenchmark::produceTicks, ticks, 1 + first + total, shape.equals("flushed"));
        double[] rates = receiveBlocks(ticks, first, count, warmup, rounds);
        finish(child);
        results.add("ferry." + shape, Results.median(rates, 1), "msg/s", "rounds " + Results.list(rates, 1));
        results.add("ferry." + shape + ".first", rates[0], "msg/s", "the first " + first + " messages");
      }
      case "big" -> {
        Channel<byte[]> blobs = Channel.create();
        Child child = CHILD.name("producer").spawn(ChannelBenchmark::produceBytes, blobs, 1 + count + total);
        double[] rates = receiveBlocks(blobs, count, count, warmup, rounds);
        for (int i = 0; i < rates.length; i++) {
          rates[i] = rates[i] * MIB / 1e6;
        }
        finish(child);
        results.add("ferry.big", Results.median(rates, 1), "MB/s", "rounds " + Results.list(rates, 1));
        results.add("ferry.big.first", rates[0], "MB/s", "the first " + count + " messages");
      }
      case "pingpong" -> {
        Channel<Tick> ping = Channel.create();
        Channel<Tick> pong = Channel.create();
        Child child = CHILD.name("echo").spawn(ChannelBenchmark::echo, ping, pong);
        double[][] micros = pingPong(ping, pong, count, warmup, rounds);
        ping.close();
        finish(child);
        double[] medians = micros[0];
        double[] means = micros[1];
        results.add("ferry.rtt", Results.median(medians, 1), "us", "round medians " + Results.list(medians, 1));
        results.add("ferry.rtt.first", medians[0], "us", "median of the first " + count + " round trips");
        results.add("ferry.rtt.mean", Results.median(means, 1), "us", "round means " + Results.list(means, 1));
        results.add("ferry.rtt.first.mean", means[0], "us", "mean of the first " + count + " round trips");
      }
      default -> throw new IllegalArgumentException("unknown shape " + shape);
    }
    System.exit(0);
  }

  /**
   * Receives one message, then a first block of {@code first} messages timed from its arrival (what
   * a short-lived program sees: the JIT still compiling), then {@code warmup + rounds} blocks of
   * {@code count}. The rates (per second): the first block's, then the timed blocks'.
   */
  static <T> double[] receiveBlocks(Channel<T> channel, long first, long count, int warmup, int rounds)
      throws InterruptedException {
    double[] rates = new double[1 + rounds];
    sink = channel.receive();
    rates[0] = block(channel, first);
    for (int r = 0; r < warmup + rounds; r++) {
      double rate = block(channel, count);
      if (r >= warmup) {
        rates[1 + r - warmup] = rate;
      }
    }
    return rates;
  }

  private static <T> double block(Channel<T> channel, long count) throws InterruptedException {
    long start = System.nanoTime();
    for (long i = 0; i < count; i++) {
      sink = channel.receive();
    }
    return count * 1e9 / (System.nanoTime() - start);
  }

  /**
   * The median round trip in microseconds of the first round, then of each timed round; and the
   * means, likewise. Both, because they tell different things: the median is what most round trips
   * take, the mean what a program that does {@code count} of them waits in all (the first rounds'
   * stalls of a millisecond or more, while the JIT compiles on the same cores, count in the mean
   * only), which is what a harness that divides its total time by the round trips reports.
   */
  private static double[][] pingPong(Channel<Tick> ping, Channel<Tick> pong, long count, int warmup, int rounds)
      throws InterruptedException {
    double[] medians = new double[1 + rounds];
    double[] means = new double[1 + rounds];
    double[] samples = new double[(int) count];
    Tick tick = Tick.of(1);
    for (int r = 0; r < warmup + rounds; r++) {
      for (int i = 0; i < count; i++) {
        long start = System.nanoTime();
        ping.send(tick);
        tick = pong.receive();
        samples[i] = (System.nanoTime() - start) / 1e3;
      }
      double mean = java.util.Arrays.stream(samples).average().orElse(Double.NaN);
      if (r == 0) {
        medians[0] = Results.median(samples);
        means[0] = mean;
      }
      if (r >= warmup) {
        medians[1 + r - warmup] = Results.median(samples);
        means[1 + r - warmup] = mean;
      }
    }
    return new double[][] {medians, means};
  }

  private static void finish(Child child) throws InterruptedException {
    int code = child.join();
    if (code != 0) {
      throw new IllegalStateException(child.name() + " exited with " + code + ": " + child.failure());
    }
  }

  // ---- the children

  private static void produceTicks(Channel<Tick> ticks, Long total, Boolean flushEach) throws Exception {
    MethodHandle flush = flushEach ? flusher(ticks) : null;
    for (long i = 0; i < total; i++) {
      ticks.send(Tick.of(i));
      if (flush != null && !flushed(flush, ticks)) {
        throw new IllegalStateException("a message was not written within 10 s");
      }
    }
  }

  private static boolean flushed(MethodHandle flush, Channel<Tick> ticks) throws Exception {
    try {
      return (boolean) flush.invokeExact(ticks);
    } catch (Exception | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  private static void produceBytes(Channel<byte[]> blobs, Long total) throws InterruptedException {
    byte[] blob = new byte[MIB];
    Arrays.fill(blob, (byte) 7);
    for (long i = 0; i < total; i++) {
      blob[0] = (byte) i;
      blobs.send(blob);
    }
  }

  private static void echo(Channel<Tick> ping, Channel<Tick> pong) throws InterruptedException {
    try {
      while (true) {
        pong.send(ping.receive());
      }
    } catch (dev.ferry.ChannelClosedException done) {
      // the parent is done
    }
  }

  /**
   * {@code (Channel c) -> c.remote.out.flush(10, SECONDS)}: waits until every message this process
   * sent on {@code c} has been written to the socket. Not an API (Ferry has no per-send flush); the
   * benchmark reaches it by reflection to measure each message travelling in its own frame.
   */
  private static MethodHandle flusher(Channel<?> channel) throws ReflectiveOperationException {
    Field remote = Channel.class.getDeclaredField("remote");
    remote.setAccessible(true);
    Class<?> remoteType = remote.getType();
    Field out = remoteType.getDeclaredField("out");
    out.setAccessible(true);
    java.lang.reflect.Method flush =
        out.getType().getDeclaredMethod("flush", long.class, TimeUnit.class);
    flush.setAccessible(true);
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    MethodHandle getRemote = lookup.unreflectGetter(remote);
    MethodHandle getOut = lookup.unreflectGetter(out);
    MethodHandle flushOut =
        MethodHandles.insertArguments(lookup.unreflect(flush), 1, 10L, TimeUnit.SECONDS);
    MethodHandle flushRemote = MethodHandles.filterArguments(flushOut, 0, getOut);
    return MethodHandles.filterArguments(flushRemote, 0, getRemote)
        .asType(MethodType.methodType(boolean.class, Channel.class));
  }
}
