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
 * The first round trip in a fresh JVM: setting the peer up (Ferry's codec lookup, Kryo's and
 * Fory's registrations, and whatever code they generate) and one {@code MediaContent} record
 * written and read back. One measurement per fork, many forks.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(10)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class ColdStartBenchmark {
  @Param({"ferry", "kryo", "fory", "jdk"})
  public String peer;

  private Object value;

  @Setup
  public void setUp() {
    value = Model.MEDIA_RECORD.value();
  }

  @Benchmark
  public Object firstRoundTrip() {
    Peer serializer = Peer.create(peer, Model.MEDIA_RECORD);
    int n = serializer.serialize(value);
    return serializer.deserialize(serializer.buffer(), n);
  }
}
