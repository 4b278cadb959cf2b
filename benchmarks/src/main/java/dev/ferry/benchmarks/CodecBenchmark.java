package dev.ferry.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Steady-state cost of one value through each peer: serialize, deserialize, and both in a row.
 *
 * <p>Each (model, peer) pair runs in its own fork, so the JIT sees one serializer and one type, as
 * a real program mostly does. {@code benchmarks/run} overrides the iteration settings.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {
  @Param({"media-record", "media-class", "small", "large"})
  public String model;

  @Param({"ferry", "kryo", "fory", "jdk"})
  public String peer;

  private Peer serializer;
  private Object value;
  private byte[] bytes;
  private int length;

  @Setup
  public void setUp() {
    Model m = Model.byId(model);
    serializer = Peer.create(peer, m);
    value = m.value();
    length = serializer.serialize(value);
    bytes = java.util.Arrays.copyOf(serializer.buffer(), length);
    if (!value.equals(serializer.deserialize(bytes, length))) {
      throw new AssertionError(peer + " does not round-trip " + model);
    }
  }

  @Benchmark
  public int serialize() {
    return serializer.serialize(value);
  }

  @Benchmark
  public Object deserialize() {
    return serializer.deserialize(bytes, length);
  }

  @Benchmark
  public Object roundTrip() {
    int n = serializer.serialize(value);
    return serializer.deserialize(serializer.buffer(), n);
  }
}
