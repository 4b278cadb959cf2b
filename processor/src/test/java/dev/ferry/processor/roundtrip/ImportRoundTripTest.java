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
}
