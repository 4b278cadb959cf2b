package outsider.media;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import java.util.ArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.apache.fory.memory.MemoryBuffer;
import org.openjdk.jmh.annotations.*;

/** (e) round trips of a MediaContent-like record: encode then decode, through each library's public API. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class CodecBench {
  MediaContent value = MediaContent.sample();

  Codec<MediaContent> codec = Codecs.of(MediaContent.class);
  ByteOutput out = new ByteOutput();

  Fory fory;
  MemoryBuffer foryBuf = MemoryBuffer.newHeapBuffer(256);

  Kryo kryo;
  Output kout = new Output(256, -1);
  Input kin = new Input();

  @Setup
  public void setup() {
    fory = Fory.builder().withLanguage(Language.JAVA).requireClassRegistration(true).build();
    kryo = new Kryo();
    for (Class<?> c : new Class<?>[] {MediaContent.class, Media.class, Image.class, Media.Player.class,
        Image.Size.class, ArrayList.class}) {
      fory.register(c);
      kryo.register(c);
    }
  }

  @Benchmark
  public Object ferryFresh() {
    return Codecs.decode(Codecs.encode(value), MediaContent.class);
  }

  @Benchmark
  public Object ferryReused() {
    out.reset();
    codec.write(out, value);
    return codec.read(new ByteInput(out.array(), 0, out.size()));
  }

  @Benchmark
  public Object foryFresh() {
    return fory.deserialize(fory.serialize(value));
  }

  @Benchmark
  public Object foryReused() {
    foryBuf.writerIndex(0);
    foryBuf.readerIndex(0);
    fory.serialize(foryBuf, value);
    return fory.deserialize(foryBuf);
  }

  @Benchmark
  public Object kryoFresh() {
    kout.reset();
    kryo.writeObject(kout, value);
    byte[] b = kout.toBytes();
    kin.setBuffer(b);
    return kryo.readObject(kin, MediaContent.class);
  }

  @Benchmark
  public Object kryoReused() {
    kout.reset();
    kryo.writeObject(kout, value);
    kin.setBuffer(kout.getBuffer(), 0, kout.position());
    return kryo.readObject(kin, MediaContent.class);
  }
}
