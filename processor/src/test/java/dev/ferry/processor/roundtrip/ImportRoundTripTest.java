package dev.ferry.processor.roundtrip;

import static dev.ferry.processor.roundtrip.RoundTripTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteOutput;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.CodecRegistry;
import dev.ferry.processor.roundtrip.ImportedTypes.Invoice;
import dev.ferry.processor.roundtrip.lib.Money;
import dev.ferry.processor.roundtrip.lib.Point;
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
    out.writeFixedLong(TemperatureCodec.INSTANCE.fingerprint());
    out.writeDouble(-1);
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(out.toByteArray(), Temperature.class));
    assertTrue(e.getMessage().startsWith("bad temperature at offset 8"), e.getMessage());
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
    URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()}, ImportRoundTripTest.class.getClassLoader());
    return Class.forName("hw.Reading", true, loader);
  }
}
