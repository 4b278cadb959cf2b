package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.Codec;
import dev.ferry.TransferException;

import static dev.ferry.CodecTesting.assertBytes;
import static dev.ferry.CodecTesting.bytesAllocatedWhileFailing;
import static dev.ferry.CodecTesting.encode;
import static dev.ferry.CodecTesting.hex;
import static dev.ferry.CodecTesting.read;
import static dev.ferry.CodecTesting.roundTrip;
import static dev.ferry.CodecTesting.written;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuiltInCodecsTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  @Test
  void instant_roundTripsExtremes() {
    for (Instant value :
        List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999))) {
      assertEquals(value, roundTrip(BuiltInCodecs.INSTANT, value));
    }
    assertBytes("03 e8 07", encode(BuiltInCodecs.INSTANT, Instant.ofEpochSecond(-2, 1000)));
  }

  @Test
  void duration_roundTripsExtremes() {
    Duration max = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
    for (Duration value : List.of(Duration.ZERO, max, Duration.ofSeconds(Long.MIN_VALUE), Duration.ofNanos(-1))) {
      assertEquals(value, roundTrip(BuiltInCodecs.DURATION, value));
    }
  }

  @Test
  void localDateAndTime_roundTripExtremes() {
    for (LocalDate value : List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.EPOCH)) {
      assertEquals(value, roundTrip(BuiltInCodecs.LOCAL_DATE, value));
    }
    for (LocalTime value : List.of(LocalTime.MIN, LocalTime.MAX, LocalTime.NOON)) {
      assertEquals(value, roundTrip(BuiltInCodecs.LOCAL_TIME, value));
    }
    for (LocalDateTime value : List.of(LocalDateTime.MIN, LocalDateTime.MAX)) {
      assertEquals(value, roundTrip(BuiltInCodecs.LOCAL_DATE_TIME, value));
    }
    for (OffsetDateTime value : List.of(OffsetDateTime.MIN, OffsetDateTime.MAX)) {
      assertEquals(value, roundTrip(BuiltInCodecs.OFFSET_DATE_TIME, value));
    }
  }

  @Test
  void zoneId_roundTripsRegionsAndOffsets() {
    for (ZoneId value :
        List.of(BERLIN, ZoneOffset.UTC, ZoneOffset.ofHoursMinutes(-9, -30), ZoneId.of("UTC"))) {
      ZoneId read = roundTrip(BuiltInCodecs.ZONE_ID, value);
      assertEquals(value, read);
      assertEquals(value.getClass(), read.getClass());
    }
  }

  @Test
  void zonedDateTime_inDstOverlapKeepsItsOffset() {
    // 02:30 happens twice in Berlin on 2023-10-29: first at +02:00, then at +01:00.
    LocalDateTime twice = LocalDateTime.of(2023, 10, 29, 2, 30);
    ZonedDateTime earlier = ZonedDateTime.ofLocal(twice, BERLIN, null).withEarlierOffsetAtOverlap();
    ZonedDateTime later = earlier.withLaterOffsetAtOverlap();
    assertNotEquals(earlier.getOffset(), later.getOffset());
    for (ZonedDateTime value : List.of(earlier, later)) {
      ZonedDateTime read = roundTrip(BuiltInCodecs.ZONED_DATE_TIME, value);
      assertEquals(value, read);
      assertEquals(value.toInstant(), read.toInstant());
    }
  }

  @Test
  void zonedDateTime_roundTripsFixedOffsetZones() {
    ZonedDateTime value = ZonedDateTime.of(LocalDateTime.MAX, ZoneOffset.MIN);
    assertEquals(value, roundTrip(BuiltInCodecs.ZONED_DATE_TIME, value));
  }

  @Test
  void uuid_isTwoLittleEndianLongs() {
    UUID value = new UUID(0x0102030405060708L, -1L);
    assertBytes(
        "08 07 06 05 04 03 02 01 ff ff ff ff ff ff ff ff", encode(BuiltInCodecs.UUID, value));
    assertEquals(value, roundTrip(BuiltInCodecs.UUID, value));
    UUID random = UUID.randomUUID();
    assertEquals(random, roundTrip(BuiltInCodecs.UUID, random));
  }

  @Test
  void bigInteger_roundTripsHugeAndSignedValues() {
    BigInteger huge = BigInteger.TWO.pow(100_000).negate().add(BigInteger.valueOf(12345));
    for (BigInteger value :
        List.of(BigInteger.ZERO, BigInteger.valueOf(-1), BigInteger.valueOf(Long.MIN_VALUE), huge)) {
      assertEquals(value, roundTrip(BuiltInCodecs.BIG_INTEGER, value));
    }
    assertBytes("03 ff 7f", encode(BuiltInCodecs.BIG_INTEGER, BigInteger.valueOf(-129)));
  }

  @Test
  void bigDecimal_keepsScaleIncludingNegative() {
    BigDecimal negativeScale = new BigDecimal(BigInteger.valueOf(-123), -5); // -1.23E+7
    BigDecimal trailingZeros = new BigDecimal("1.500");
    for (BigDecimal value :
        List.of(negativeScale, trailingZeros, new BigDecimal(BigInteger.TEN, Integer.MIN_VALUE))) {
      BigDecimal read = roundTrip(BuiltInCodecs.BIG_DECIMAL, value);
      assertEquals(value, read); // equals compares the scale too
      assertEquals(value.scale(), read.scale());
    }
  }

  @Test
  void forgedFields_becomeTransferExceptions() {
    assertInvalid(BuiltInCodecs.LOCAL_TIME, written(out -> out.writeVarLong(86_400_000_000_000L)));
    assertInvalid(BuiltInCodecs.LOCAL_TIME, written(out -> out.writeVarLong(-1)));
    assertInvalid(BuiltInCodecs.LOCAL_DATE, written(out -> out.writeSignedVarLong(Long.MAX_VALUE)));
    assertInvalid(BuiltInCodecs.INSTANT, written(out -> {
      out.writeSignedVarLong(Long.MAX_VALUE);
      out.writeVarInt(0);
    }));
    assertInvalid(BuiltInCodecs.ZONE_ID, written(out -> out.writeString("Mars/Olympus_Mons")));
    assertInvalid(BuiltInCodecs.ZONE_ID, written(out -> out.writeString(null)));
    assertInvalid(BuiltInCodecs.OFFSET_DATE_TIME, written(out -> {
      BuiltInCodecs.LOCAL_DATE_TIME.write(out, LocalDateTime.MIN);
      out.writeSignedVarInt(19 * 3600); // beyond ±18:00
    }));
    assertInvalid(BuiltInCodecs.BIG_INTEGER, hex("01")); // zero bytes
    assertInvalid(BuiltInCodecs.BIG_INTEGER, hex("00")); // null where a value must be
  }

  @Test
  void bigInteger_refusesForgedLengthWithoutAllocatingIt() {
    byte[] forged = written(out -> out.writeSize(Integer.MAX_VALUE - 1));
    long allocated =
        bytesAllocatedWhileFailing(
            TransferException.class, () -> BuiltInCodecs.BIG_INTEGER.read(new ByteInput(forged)));
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
  }

  @Test
  void fingerprints_hashTheTypeNameAndDiffer() {
    assertEquals(Fingerprints.of("java.time.Instant"), BuiltInCodecs.INSTANT.fingerprint());
    assertEquals(Fingerprints.of("java.math.BigDecimal"), BuiltInCodecs.BIG_DECIMAL.fingerprint());
    Set<Long> distinct =
        Stream.of(
                BuiltInCodecs.INSTANT, BuiltInCodecs.DURATION, BuiltInCodecs.LOCAL_DATE,
                BuiltInCodecs.LOCAL_TIME, BuiltInCodecs.LOCAL_DATE_TIME, BuiltInCodecs.ZONE_ID,
                BuiltInCodecs.OFFSET_DATE_TIME, BuiltInCodecs.ZONED_DATE_TIME, BuiltInCodecs.UUID,
                BuiltInCodecs.BIG_INTEGER, BuiltInCodecs.BIG_DECIMAL)
            .map(Codec::fingerprint)
            .collect(Collectors.toSet());
    assertEquals(11, distinct.size());
  }

  private static void assertInvalid(Codec<?> codec, byte[] bytes) {
    assertThrows(TransferException.class, () -> read(bytes, codec::read), codec + " " + hex(bytes));
  }
}
