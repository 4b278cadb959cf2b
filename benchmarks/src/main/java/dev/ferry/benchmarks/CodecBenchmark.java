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

  /**
   * {@code reused}: the codec's body into the peer's reused buffer, read back from it. {@code
   * fresh}: a new {@code byte[]} of exactly the value's length per value, through each peer's
   * one-call API ({@code Codecs.encode}/{@code decode}, Fory's {@code serialize(Object)}, Kryo's
   * {@code Output.toBytes()}), as a program that keeps or hands on the bytes uses it.
   */
  @Param({"reused", "fresh"})
  public String harness;

  private Peer serializer;
  private boolean fresh;
  private Object value;
  private byte[] bytes;
  private int length;

  @Setup
  public void setUp() {
    Model m = Model.byId(model);
    serializer = Peer.create(peer, m);
    fresh = harness.equals("fresh");
    value = m.value();
    if (fresh) {
      bytes = serializer.toBytes(value);
      length = bytes.length;
    } else {
      length = serializer.serialize(value);
      bytes = java.util.Arrays.copyOf(serializer.buffer(), length);
    }
    Object back = fresh ? serializer.fromBytes(bytes) : serializer.deserialize(bytes, length);
    if (!value.equals(back)) {
      throw new AssertionError(peer + " does not round-trip " + model + " (" + harness + ")");
    }
  }

  @Benchmark
  public Object serialize() {
    return fresh ? serializer.toBytes(value) : serializer.serialize(value);
  }

  @Benchmark
  public Object deserialize() {
    return fresh ? serializer.fromBytes(bytes) : serializer.deserialize(bytes, length);
  }

  @Benchmark
  public Object roundTrip() {
    if (fresh) {
      return serializer.fromBytes(serializer.toBytes(value));
    }
    int n = serializer.serialize(value);
    return serializer.deserialize(serializer.buffer(), n);
  }
}
