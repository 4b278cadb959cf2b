package dev.ferry.processor.roundtrip;

import static dev.ferry.processor.roundtrip.RoundTripTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteOutput;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.DynamicCodec;
import dev.ferry.processor.roundtrip.Fixtures.Measured;
import dev.ferry.processor.roundtrip.Fixtures.Ranked;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Types with bounded type variables give back equal values, and refuse values out of bounds. */
class BoundedGenericsRoundTripTest {

  @Test
  void ranked_roundTrips() {
    Ranked<String> value = new Ranked<>("gold", 1, List.of("silver", "bronze"));
    assertEquals(value, roundTrip(value));
    Ranked<Integer> nulls = new Ranked<>(null, 0, null);
    assertEquals(nulls, roundTrip(nulls));
  }

  @Test
  void measured_roundTripsThroughSetters() {
    Measured<Long> value = new Measured<>();
    value.setAmount(42L);
    value.setHistory(new Long[] {1L, 2L, null});
    Measured<Long> back = roundTrip(value);
    assertEquals(42L, back.getAmount());
    Long[] history = back.getHistory(); // the writer's class: it travels with the array
    assertArrayEquals(new Long[] {1L, 2L, null}, history);
  }

  @Test
  void measured_arrayOfAClassOutsideTheBoundIsRefusedWithItsOffset() {
    ByteOutput out = new ByteOutput();
    out.writeFixedLong(Codecs.of(Measured.class).fingerprint());
    DynamicCodec.INSTANCE.write(out, 42L);
    out.writeSize(0);
    out.writeString("java.lang.String");
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(out.toByteArray(), Measured.class));
    assertEquals(
        "the array element class at offset 11 is java.lang.String, not a java.lang.Number, the"
            + " array's declared element type",
        e.getMessage());
  }

  @Test
  void ranked_valueOutsideTheBoundIsRefusedWithItsOffset() {
    ByteOutput out = new ByteOutput();
    out.writeFixedLong(Codecs.of(Ranked.class).fingerprint());
    DynamicCodec.INSTANCE.write(out, List.of(1)); // a list is not Comparable
    out.writeSignedVarInt(1);
    out.writeNull();
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(out.toByteArray(), Ranked.class));
    assertTrue(
        e.getMessage().startsWith("the value at offset 8 is a java.util.ArrayList, not a"
            + " java.lang.Comparable, the bound of T"),
        e.getMessage());
  }
}
