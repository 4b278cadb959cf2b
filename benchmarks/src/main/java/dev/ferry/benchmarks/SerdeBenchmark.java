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
 * One Kafka record's value through each serde: serialize to a fresh array, deserialize from one.
 * The model is jvm-serializers' {@code MediaContent} as records. One fork per serde and operation.
 *
 * <p>Sampled one operation at a time, and {@code Suite} reports the median: an operation takes far
 * less than a scheduler's time slice, so the median holds on a busy machine, where an average
 * counts the time the benchmark thread spent waiting for a core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class SerdeBenchmark {
  @Param({"ferry", "jackson", "kryo"})
  public String serde;

  private RecordSerde peer;
  private Object value;
  private byte[] bytes;

  @Setup
  public void setUp() {
    Model model = Model.MEDIA_RECORD;
    peer = RecordSerde.create(serde, model.type, Model.TYPES);
    value = model.value();
    bytes = peer.serialize(value);
    if (!value.equals(peer.deserialize(bytes))) {
      throw new AssertionError(serde + " does not round-trip " + model);
    }
  }

  @Benchmark
  public byte[] serialize() {
    return peer.serialize(value);
  }

  @Benchmark
  public Object deserialize() {
    return peer.deserialize(bytes);
  }
}
