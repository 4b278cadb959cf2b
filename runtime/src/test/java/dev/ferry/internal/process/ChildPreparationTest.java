package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.Children;
import dev.ferry.internal.codec.CodecRegistry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a spare does while it waits ({@link ChildPreparation}), in a fresh JVM of its own, where no
 * class of this test's has been loaded: the test resources' registry lists {@link Canary}'s
 * hand-written codec, whose class, like {@link Canary}'s, says when it is initialized.
 */
@Timeout(60)
class ChildPreparationTest {
  /** A type of the program's, listed in a registry; its initializer marks that it ran. */
  public static final class Canary {
    static {
      System.setProperty("ferry.test.canary", "initialized");
    }

    final int value;

    Canary(int value) {
      this.value = value;
    }
  }

  /** Canary's hand-written codec, as the registry lists it; its initializer marks that it ran. */
  public static final class CanaryCodec implements Codec<Canary> {
    static {
      System.setProperty("ferry.test.canaryCodec", "initialized");
    }

    public static final CanaryCodec INSTANCE = new CanaryCodec();

    @Override
    public void write(ByteOutput out, Canary value) {
      out.writeVarInt(value.value);
    }

    @Override
    public Canary read(ByteInput in) {
      return new Canary(in.readVarInt());
    }

    @Override
    public long fingerprint() {
      return 0x63616e617279L;
    }
  }

  /** A fresh JVM's main: prepares as a spare does, then says what it finds. */
  public static final class Spare {
    public static void main(String[] args) {
      ClassLoader loader = ClassLoader.getSystemClassLoader();
      boolean readBefore = CodecRegistry.isRead(loader);
      ChildPreparation.prepare();
      System.out.println("read before: " + readBefore);
      System.out.println("read after: " + CodecRegistry.isRead(loader));
      // Before anything names Canary: its codec was not loaded, nor the class itself.
      System.out.println("canary: " + System.getProperty("ferry.test.canary"));
      System.out.println("canary codec: " + System.getProperty("ferry.test.canaryCodec"));
      Canary back = Codecs.decode(Codecs.encode(new Canary(42)), Canary.class);
      System.out.println("round trip: " + back.value);
    }
  }

  /**
   * A spare reads the program's codec registries before it is told what to run, so that a pool
   * worker or a spawn taken from the spares does not wait for them; it loads none of the program's
   * classes doing so (the codecs it lists are loaded only when their types are asked for), and
   * the registry it read serves the program afterwards.
   */
  @Test
  void aSpare_readsTheRegistriesAhead_andRunsNothingOfTheProgram() throws Exception {
    String output = run(Spare.class);
    assertTrue(output.contains("read before: false"), output);
    assertTrue(output.contains("read after: true"), output);
    assertTrue(output.contains("canary: null"), output);
    assertTrue(output.contains("canary codec: null"), output);
    assertTrue(output.contains("round trip: 42"), output);
  }

  private static String run(Class<?> main) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return Children.outputOf(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), main.getName()), 30);
  }

}
