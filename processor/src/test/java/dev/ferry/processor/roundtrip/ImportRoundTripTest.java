package dev.ferry.processor.roundtrip;

import static dev.ferry.processor.roundtrip.RoundTripTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.CodecRegistry;
import dev.ferry.internal.codec.Fingerprints;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.processor.roundtrip.ImportedTypes.Gauge;
import dev.ferry.processor.roundtrip.ImportedTypes.Invoice;
import dev.ferry.processor.roundtrip.lib.Money;
import dev.ferry.processor.roundtrip.lib.Point;
import dev.ferry.processor.roundtrip.lib.Pressure;
import dev.ferry.processor.roundtrip.lib.Temperature;
import dev.ferry.processor.testing.FerryCompiler;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Imported classes and a type with a hand-written codec round-trip on their own and as members,
 * found by {@code Codecs.of} through the registry this module's test compilation wrote.
 */
class ImportRoundTripTest {

  @Test
  void importedClasses_roundTripOnTheirOwn() {
    assertEquals(new Money(12_50, "EUR"), roundTrip(new Money(12_50, "EUR")));
    assertEquals(new Money(0, null), roundTrip(new Money(0, null)));
    assertEquals(new Point(-3, 4), roundTrip(new Point(-3, 4)));
  }

  @Test
  void codecsOf_findsImportedAndHandWrittenCodecsThroughTheRegistry() {
    assertEquals(Money_FerryCodec.class, Codecs.of(Money.class).getClass());
    assertSame(TemperatureCodec.INSTANCE, Codecs.of(Temperature.class));
    assertSame(
        TemperatureCodec.INSTANCE,
        CodecRegistry.all(getClass().getClassLoader()).get(Temperature.class));
  }

  @Test
  void handWrittenCodec_roundTripsAndKeepsTheInvariant() {
    assertEquals(Temperature.ofKelvin(273.15), roundTrip(Temperature.ofKelvin(273.15)));
    ByteOutput out = new ByteOutput();
    out.writeFixedLong(
        Fingerprints.mix(
            TemperatureCodec.INSTANCE.fingerprint(),
            Fingerprints.of("codec of " + Temperature.class.getName())));
    out.writeDouble(-1);
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(out.toByteArray(), Temperature.class));
    assertTrue(e.getMessage().startsWith("bad temperature at offset 8"), e.getMessage());
  }

  /**
   * A hand-written codec whose read lets its factory's exception out (bytes the factory refuses):
   * {@code Codecs.decode} fails with a {@code TransferException} naming the type and the codec, as a
   * channel's receive does, whether the codec reads the whole value or a member of a generated
   * codec's value. It used to pass the codec's {@code IllegalArgumentException} through as it was,
   * though decode promises a {@code TransferException} for bytes it cannot read.
   */
  @Test
  void handWrittenCodecWhoseReadThrows_failsWithTransferExceptionNamingIt() {
    assertEquals(Pressure.ofPascals(101_325), roundTrip(Pressure.ofPascals(101_325)));
    Gauge tyre = new Gauge("tyre", Pressure.ofPascals(2e5));
    assertEquals(tyre, roundTrip(tyre));
    ByteOutput whole = new ByteOutput();
    whole.writeFixedLong(OwnCodecs.fingerprint(PressureCodec.INSTANCE));
    whole.writeDouble(-1);
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(whole.toByteArray(), Pressure.class));
    assertInstanceOf(IllegalArgumentException.class, e.getCause());
    assertTrue(
        e.getMessage().startsWith("cannot read a " + Pressure.class.getName() + ": "
            + PressureCodec.class.getName() + " threw java.lang.IllegalArgumentException: -1.0 Pa"
            + " is below vacuum"),
        e.getMessage());

    byte[] gauge = Codecs.encode(tyre);
    ByteOutput negative = new ByteOutput();
    negative.writeDouble(-2e5);
    // the reading is the value's last 8 bytes: put a negative one in their place
    System.arraycopy(negative.toByteArray(), 0, gauge, gauge.length - 8, 8);
    TransferException nested =
        assertThrows(TransferException.class, () -> Codecs.decode(gauge, Gauge.class));
    assertInstanceOf(IllegalArgumentException.class, nested.getCause());
    assertTrue(
        nested.getMessage().startsWith("cannot read a " + Gauge.class.getName() + ": "),
        nested.getMessage());
  }

  @Test
  void membersOfImportedAndHandWrittenTypes_roundTrip() {
    Map<String, Money> lines = new LinkedHashMap<>();
    lines.put("coffee", new Money(350, "EUR"));
    lines.put("free", null);
    Invoice invoice =
        new Invoice(
            new Money(350, "EUR"),
            Arrays.asList(new Point(0, 0), null, new Point(1, 2)),
            lines,
            Temperature.ofKelvin(4.2));
    assertEquals(invoice, roundTrip(invoice));
    Invoice nulls = new Invoice(null, null, null, null);
    assertEquals(nulls, roundTrip(nulls));
  }

  /**
   * A hand-written codec whose author changed its format and, as the README asks, its
   * fingerprint (Celsius written as Kelvin): bytes of a record holding the type, written by the
   * old codec, were read by the new one as a valid value 273.15 degrees off, since the record's
   * fingerprint hashed only its shape, which names the codec and not its format. The record's
   * codec now mixes in the hand-written codec's fingerprint, so the reader refuses them.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void handWrittenCodecWhoseFormatChanged_isRefusedInsideAMember() throws Exception {
    Class<?> oldReading = compileReadingWithCelsiusCodec("celsius", 1);
    Class<?> newReading = compileReadingWithCelsiusCodec("celsius + 273.15", 2);
    Object reading = oldReading.getConstructors()[0].newInstance(celsius(oldReading, 21.5));

    byte[] bytes = Codecs.encode(reading);

    assertEquals(reading, Codecs.decode(bytes, oldReading));
    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(bytes, newReading));
    assertTrue(e.getMessage().startsWith("schema mismatch for hw.Reading"), e.getMessage());
  }

  /**
   * Two hand-written codecs of different types with one fingerprint, as two written with the
   * README's pattern or both returning 0: a hand-written codec's fingerprint did not depend on its
   * type, so bytes of a {@code Celsius} decoded as a {@code Fahrenheit} (the same double, read as
   * another scale). The type a hand-written codec codes is now mixed into the fingerprint its bytes
   * carry, and the reader names both.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void handWrittenCodecsOfTwoTypes_withOneFingerprint_refuseEachOthersBytes() throws Exception {
    ClassLoader loader = compileTwoScalesWithOneFingerprint();
    Class<?> celsius = Class.forName("hw.Celsius", true, loader);
    Class<?> fahrenheit = Class.forName("hw.Fahrenheit", true, loader);
    Object warm = celsius.getConstructors()[0].newInstance(21.5);

    byte[] bytes = Codecs.encode(warm);

    assertEquals(warm, Codecs.decode(bytes, celsius));
    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(bytes, fahrenheit));
    assertEquals(
        String.format(
            "the bytes were not written by hw.FahrenheitCodec, the hand-written codec of"
                + " hw.Fahrenheit (fingerprint %016x): they were written for hw.Celsius by its"
                + " codec hw.CelsiusCodec (fingerprint %016x). A hand-written codec's fingerprint"
                + " covers the type it codes, so bytes written for one type are never read as"
                + " another's; read them as the type they were written for, or rebuild writer and"
                + " reader from the same source",
            Fingerprints.mix(0, Fingerprints.of("codec of hw.Fahrenheit")),
            Fingerprints.mix(0, Fingerprints.of("codec of hw.Celsius"))),
        e.getMessage());
  }

  /**
   * Generated codecs, listed in the registry beside hand-written ones, keep their fingerprints:
   * an import's, and one of a type whose name holds a '$' ({@code Has$Dollar_FerryCodec}, which
   * keeps the '$' the type's name holds).
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded class is known only as Object here
  void generatedCodecs_keepTheirFingerprints() throws Exception {
    Codec<?> money = Codecs.of(Money.class);
    assertEquals(money.fingerprint(), OwnCodecs.fingerprint(money));
    Class<?> dollar = Class.forName("hw.Has$Dollar", true, compileDollarAndUnderscore());
    Codec<?> codec = Codecs.of(dollar);
    assertEquals(codec.fingerprint(), OwnCodecs.fingerprint(codec));
    assertEquals(null, OwnCodecs.handWrittenType(codec));
  }

  /**
   * {@code record Has$Dollar(String s)} beside {@code record Has_Dollar(int a)}: the processor
   * names their codecs {@code Has$Dollar_FerryCodec} and {@code Has_Dollar_FerryCodec}, and the
   * runtime looked the first up as {@code Has_Dollar_FerryCodec} (every '$' of the binary name made
   * '_'), found the second's, and {@code Codecs.encode(new Has$Dollar("s"))} threw a
   * ClassCastException from inside it.
   */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void typeWithADollarBesideOneWithAnUnderscore_isWrittenByItsOwnCodec() throws Exception {
    ClassLoader loader = compileDollarAndUnderscore();
    Class<?> dollar = Class.forName("hw.Has$Dollar", true, loader);
    Class<?> underscore = Class.forName("hw.Has_Dollar", true, loader);
    Object s = dollar.getConstructors()[0].newInstance("s");
    Object a = underscore.getConstructors()[0].newInstance(1);

    assertEquals("hw.Has$Dollar_FerryCodec", Codecs.of(dollar).getClass().getName());
    assertEquals(s, Codecs.decode(Codecs.encode(s), dollar));
    assertEquals(a, Codecs.decode(Codecs.encode(a), underscore));
  }

  /** Bytes a hand-written codec stored before its type was mixed into its fingerprint. */
  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded classes are known only as Object here
  void bytesOfAHandWrittenCodec_storedWithItsOwnFingerprint_areRefusedSayingWhy() throws Exception {
    Class<?> celsius = Class.forName("hw.Celsius", true, compileTwoScalesWithOneFingerprint());
    ByteOutput out = new ByteOutput();
    out.writeFixedLong(0); // what CelsiusCodec.fingerprint() returns, as the bytes once began
    out.writeDouble(21.5);

    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(out.toByteArray(), celsius));
    assertEquals(
        String.format(
            "the bytes carry 0000000000000000, what hw.CelsiusCodec.fingerprint() returns, where"
                + " bytes of hw.Celsius, the type it is the hand-written codec of, now carry %016x:"
                + " they were stored before Ferry mixed the type a hand-written codec codes into its"
                + " bytes' fingerprint (so that another type's codec with the same fingerprint()"
                + " cannot read them), and are refused. Write them again with this version of Ferry",
            Fingerprints.mix(0, Fingerprints.of("codec of hw.Celsius"))),
        e.getMessage());
  }

  /**
   * Compiles {@code hw.Celsius} and {@code hw.Fahrenheit}, each with a hand-written codec that
   * writes its double and whose fingerprint is 0, and loads them in a loader of their own.
   */
  private static ClassLoader compileTwoScalesWithOneFingerprint() throws Exception {
    String codec =
        """
        package hw;
        import dev.ferry.*;
        @dev.ferry.annotation.TransferableCodec
        public final class %1$sCodec implements Codec<%1$s> {
          public static final %1$sCodec INSTANCE = new %1$sCodec();
          public void write(ByteOutput out, %1$s t) { out.writeDouble(t.degrees()); }
          public %1$s read(ByteInput in) { return new %1$s(in.readDouble()); }
          public long fingerprint() { return 0; }
        }
        """;
    Path classes =
        FerryCompiler.ferry()
            .compileLibrary(
                FerryCompiler.source(
                    "hw.Celsius", "package hw; public record Celsius(double degrees) {}"),
                FerryCompiler.source(
                    "hw.Fahrenheit", "package hw; public record Fahrenheit(double degrees) {}"),
                FerryCompiler.source("hw.CelsiusCodec", codec.formatted("Celsius")),
                FerryCompiler.source("hw.FahrenheitCodec", codec.formatted("Fahrenheit")));
    return loaderOf(classes);
  }

  /** Compiles {@code hw.Has$Dollar(String s)} and {@code hw.Has_Dollar(int a)}, and loads them. */
  private static ClassLoader compileDollarAndUnderscore() throws Exception {
    return loaderOf(
        FerryCompiler.ferry()
            .compileLibrary(
                FerryCompiler.source(
                    "hw.Has$Dollar",
                    """
                    package hw;
                    @dev.ferry.annotation.Transferable
                    public record Has$Dollar(String s) {}
                    """),
                FerryCompiler.source(
                    "hw.Has_Dollar",
                    """
                    package hw;
                    @dev.ferry.annotation.Transferable
                    public record Has_Dollar(int a) {}
                    """)));
  }

  /** A loader of its own for classes compiled into {@code classes}, beside this test's. */
  private static ClassLoader loaderOf(Path classes) throws Exception {
    return new URLClassLoader(
        new URL[] {classes.toUri().toURL()}, ImportRoundTripTest.class.getClassLoader());
  }

  private static Object celsius(Class<?> reading, double degrees) throws Exception {
    Class<?> celsius = Class.forName("hw.Celsius", true, reading.getClassLoader());
    return celsius.getConstructors()[0].newInstance(degrees);
  }

  /**
   * Compiles {@code hw.Reading(Celsius temperature)} with a hand-written codec of {@code Celsius}
   * that writes {@code written} and has {@code fingerprint}, and loads it in a loader of its own.
   */
  private static Class<?> compileReadingWithCelsiusCodec(String written, long fingerprint)
      throws Exception {
    Path classes =
        FerryCompiler.ferry()
            .compileLibrary(
                FerryCompiler.source(
                    "hw.Celsius",
                    """
                    package hw;
                    public record Celsius(double degrees) {}
                    """),
                FerryCompiler.source(
                    "hw.CelsiusCodec",
                    """
                    package hw;
                    import dev.ferry.*;
                    @dev.ferry.annotation.TransferableCodec
                    public final class CelsiusCodec implements Codec<Celsius> {
                      public static final CelsiusCodec INSTANCE = new CelsiusCodec();
                      public void write(ByteOutput out, Celsius c) {
                        double celsius = c.degrees();
                        out.writeDouble(%s);
                      }
                      public Celsius read(ByteInput in) { return new Celsius(in.readDouble()); }
                      public long fingerprint() { return %dL; }
                    }
                    """
                        .formatted(written, fingerprint)),
                FerryCompiler.source(
                    "hw.Reading",
                    """
                    package hw;
                    @dev.ferry.annotation.Transferable
                    public record Reading(Celsius temperature) {}
                    """));
    return Class.forName("hw.Reading", true, loaderOf(classes));
  }
}
