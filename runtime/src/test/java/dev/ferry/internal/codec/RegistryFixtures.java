package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;

/**
 * Types with codecs that do not follow the naming convention, as an import or a hand-written codec
 * has them. The test resources' {@code META-INF/ferry/codecs} lists {@link Money}'s; the registry
 * tests write resources of their own for {@link Temperature}.
 */
final class RegistryFixtures {
  private RegistryFixtures() {}

  record Money(long cents, String currency) {}

  /** A hand-written codec, as a user would write one. */
  public static final class MoneyCodec implements Codec<Money> {
    public static final MoneyCodec INSTANCE = new MoneyCodec();

    @Override
    public void write(ByteOutput out, Money value) {
      out.writeSignedVarLong(value.cents());
      out.writeString(value.currency());
    }

    @Override
    public Money read(ByteInput in) {
      return new Money(in.readSignedVarLong(), in.readString());
    }

    @Override
    public long fingerprint() {
      return 0x6d6f6e6579L;
    }
  }

  /**
   * A type with a codec beside it (RegistryFixtures_Pound_FerryCodec, as the processor names a
   * generated one), which a test's registry lists another codec for: asked for by that test alone.
   */
  record Pound(long pence) {}

  /** Another jar's codec of Pound (an import of it, or a hand-written one). */
  public static final class PoundCodec implements Codec<Pound> {
    public static final PoundCodec INSTANCE = new PoundCodec();

    @Override
    public void write(ByteOutput out, Pound value) {
      out.writeSignedVarLong(value.pence());
    }

    @Override
    public Pound read(ByteInput in) {
      return new Pound(in.readSignedVarLong());
    }

    @Override
    public long fingerprint() {
      return 0x706f756e64L;
    }
  }

  record Temperature(double kelvin) {}

  public static final class KelvinCodec implements Codec<Temperature> {
    public static final Codec<Temperature> INSTANCE = new KelvinCodec();

    @Override
    public void write(ByteOutput out, Temperature value) {
      out.writeDouble(value.kelvin());
    }

    @Override
    public Temperature read(ByteInput in) {
      return new Temperature(in.readDouble());
    }

    @Override
    public long fingerprint() {
      return 1;
    }
  }

  public static final class CelsiusCodec implements Codec<Temperature> {
    public static final CelsiusCodec INSTANCE = new CelsiusCodec();

    @Override
    public void write(ByteOutput out, Temperature value) {
      out.writeDouble(value.kelvin() - 273.15);
    }

    @Override
    public Temperature read(ByteInput in) {
      return new Temperature(in.readDouble() + 273.15);
    }

    @Override
    public long fingerprint() {
      return 2;
    }
  }

  /**
   * A sealed type of two classes, none listed in the test resources: a test lists a codec of
   * Gram and of Measure, and two of Ounce.
   */
  sealed interface Measure permits Gram, Ounce {}

  record Gram(long grams) implements Measure {}

  record Ounce(double ounces) implements Measure {}

  public static final class GramCodec implements Codec<Gram> {
    public static final GramCodec INSTANCE = new GramCodec();

    @Override
    public void write(ByteOutput out, Gram value) {
      out.writeSignedVarLong(value.grams());
    }

    @Override
    public Gram read(ByteInput in) {
      return new Gram(in.readSignedVarLong());
    }

    @Override
    public long fingerprint() {
      return 3;
    }
  }

  /** The Measure codec, for Measures that are Grams (all the tests write). */
  public static final class MeasureCodec implements Codec<Measure> {
    public static final MeasureCodec INSTANCE = new MeasureCodec();

    @Override
    public void write(ByteOutput out, Measure value) {
      GramCodec.INSTANCE.write(out, (Gram) value);
    }

    @Override
    public Measure read(ByteInput in) {
      return GramCodec.INSTANCE.read(in);
    }

    @Override
    public long fingerprint() {
      return 4;
    }
  }

  /** Not a codec: no INSTANCE. */
  public static final class NoInstance {}

  /** An interface with a hand-written codec, as a library's type whose classes are hidden. */
  public interface Animal {
    String name();
  }

  public interface Pet {}

  record Dog(String name) implements Animal {}

  /** Both an {@link Animal} and a {@link Pet}: two codecs could write it. */
  record Cat(String name) implements Animal, Pet {}

  /** Writes any {@link Animal} by name; reads every one back as a {@link Dog}. */
  public static final class AnimalCodec implements Codec<Animal> {
    public static final AnimalCodec INSTANCE = new AnimalCodec();

    @Override
    public void write(ByteOutput out, Animal value) {
      out.writeString(value.name());
    }

    @Override
    public Animal read(ByteInput in) {
      return new Dog(in.readString());
    }

    @Override
    public long fingerprint() {
      return 0x616e696d616cL;
    }
  }

  public static final class PetCodec implements Codec<Pet> {
    public static final PetCodec INSTANCE = new PetCodec();

    @Override
    public void write(ByteOutput out, Pet value) {}

    @Override
    public Pet read(ByteInput in) {
      return new Pet() {};
    }

    @Override
    public long fingerprint() {
      return 0x706574L;
    }
  }

  /** Cannot be hashed or compared: a set or sorted collection of it cannot be built. */
  record Unhashable(int x) implements Comparable<Unhashable> {
    @Override
    public int hashCode() {
      throw new IllegalStateException("no hash");
    }

    @Override
    public int compareTo(Unhashable other) {
      throw new IllegalStateException("no order");
    }
  }

  public static final class UnhashableCodec implements Codec<Unhashable> {
    public static final UnhashableCodec INSTANCE = new UnhashableCodec();

    @Override
    public void write(ByteOutput out, Unhashable value) {
      out.writeSignedVarInt(value.x());
    }

    @Override
    public Unhashable read(ByteInput in) {
      return new Unhashable(in.readSignedVarInt());
    }

    @Override
    public long fingerprint() {
      return 0x686173684cL;
    }
  }

  record Lost(int x) {}

  /** A hand-written codec whose read returns null for bytes that hold a value. */
  public static final class LostCodec implements Codec<Lost> {
    public static final LostCodec INSTANCE = new LostCodec();

    @Override
    public void write(ByteOutput out, Lost value) {
      out.writeSignedVarInt(value.x());
    }

    @Override
    public Lost read(ByteInput in) {
      in.readSignedVarInt();
      return null;
    }

    @Override
    public long fingerprint() {
      return 0x6c6f7374L;
    }
  }

  /** A type whose factory asserts its invariant, as {@code assert x >= 0} does with -ea. */
  record Asserted(int x) {
    static Asserted of(int x) {
      if (x < 0) {
        throw new AssertionError("x >= 0");
      }
      return new Asserted(x);
    }
  }

  /** A hand-written codec whose read calls that factory, which refuses a negative x. */
  public static final class AssertedCodec implements Codec<Asserted> {
    public static final AssertedCodec INSTANCE = new AssertedCodec();

    @Override
    public void write(ByteOutput out, Asserted value) {
      out.writeSignedVarInt(value.x());
    }

    @Override
    public Asserted read(ByteInput in) {
      return Asserted.of(in.readSignedVarInt());
    }

    @Override
    public long fingerprint() {
      return 0x617373657274L;
    }
  }
}
