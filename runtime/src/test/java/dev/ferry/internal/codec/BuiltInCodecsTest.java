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
import java.util.Locale;
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

  /**
   * docs/wire-format.md gives an Instant's and a Duration's nano as 0 to 999,999,999 and says a
   * field out of range is refused; the JDK's factories normalize any nano instead, so a forged
   * 1,000,000,000 read as one second more and -1 as a nanosecond less, each a value whose own
   * encoding is other bytes.
   */
  @Test
  void instantAndDuration_nanoOutOfRange_isRefused() {
    for (Codec<?> codec : List.of(BuiltInCodecs.INSTANT, BuiltInCodecs.DURATION)) {
      for (int nano : new int[] {1_000_000_000, -1, Integer.MAX_VALUE}) {
        byte[] bytes = written(out -> {
          out.writeSignedVarLong(0);
          out.writeVarInt(nano);
        });
        TransferException e =
            assertThrows(TransferException.class, () -> read(bytes, codec::read), codec + " " + nano);
        assertTrue(e.getMessage().contains("at offset 0") && e.getMessage().contains("NanoOfSecond"),
            e.getMessage());
      }
    }
    assertEquals(Instant.ofEpochSecond(-1, 999_999_999),
        read(written(out -> {
          out.writeSignedVarLong(-1);
          out.writeVarInt(999_999_999);
        }), BuiltInCodecs.INSTANT::read));
  }

  /**
   * docs/wire-format.md gives a BigInteger's bytes as toByteArray()'s, which are minimal; forged
   * bytes with a redundant sign byte ({@code 00 01} for 1, {@code ff ff} for -1) read as a value
   * whose own encoding is other bytes, as BitSet words ending in 0 did. Refused, for BigDecimal's
   * unscaled value too; the minimal forms around them still read.
   */
  @Test
  void bigInteger_redundantSignByte_isRefused() {
    for (String forged : new String[] {"03 00 01", "03 ff ff", "04 00 00 7f", "03 ff 80"}) {
      TransferException e = assertThrows(TransferException.class,
          () -> read(hex(forged), BuiltInCodecs.BIG_INTEGER::read), forged);
      assertTrue(e.getMessage().contains("redundant sign byte"), e.getMessage());
      assertThrows(TransferException.class,
          () -> read(hex(forged + " 00"), BuiltInCodecs.BIG_DECIMAL::read), forged);
    }
    assertEquals(BigInteger.valueOf(255), read(hex("03 00 ff"), BuiltInCodecs.BIG_INTEGER::read));
    assertEquals(BigInteger.valueOf(-129), read(hex("03 ff 7f"), BuiltInCodecs.BIG_INTEGER::read));
    assertEquals(BigInteger.ZERO, read(hex("02 00"), BuiltInCodecs.BIG_INTEGER::read));
    assertEquals(BigInteger.valueOf(-1), read(hex("02 ff"), BuiltInCodecs.BIG_INTEGER::read));
  }

  /** The legacy locales and those written as their fields round-trip with the tagged ones. */
  @Test
  void locale_legacyAndFieldsForms_roundTrip() {
    assertRoundTrips(BuiltInCodecs.LOCALE, Locale.US, Locale.ROOT, Locale.forLanguageTag("sr-Latn-RS"),
        new Locale("no", "NO", "NY"), new Locale("en", "US", "Windows XP"), Locale.JAPAN);
  }

  /**
   * A path is read only as Path.toString() writes it: forged names that Path.of normalizes
   * ("a//b", "a/") read as a path whose own bytes differ. The writer's names still read.
   */
  @Test
  void path_aNameToStringDoesNotGive_isRefused() {
    for (String name : new String[] {"a//b", "a/", "//tmp"}) {
      assertInvalid(BuiltInCodecs.PATH, written(out -> out.writeString(name)));
    }
    assertRoundTrips(BuiltInCodecs.PATH, java.nio.file.Path.of("/tmp/a b"), java.nio.file.Path.of(""),
        java.nio.file.Path.of("a/../b"), java.nio.file.Path.of("/"));
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
                BuiltInCodecs.BIG_INTEGER, BuiltInCodecs.BIG_DECIMAL, BuiltInCodecs.URI,
                BuiltInCodecs.PATH, BuiltInCodecs.LOCALE, BuiltInCodecs.CURRENCY,
                BuiltInCodecs.OPTIONAL_INT, BuiltInCodecs.OPTIONAL_LONG,
                BuiltInCodecs.OPTIONAL_DOUBLE, BuiltInCodecs.BIT_SET, BuiltInCodecs.PERIOD,
                BuiltInCodecs.YEAR, BuiltInCodecs.YEAR_MONTH, BuiltInCodecs.MONTH_DAY,
                BuiltInCodecs.OFFSET_TIME, BuiltInCodecs.ZONE_OFFSET)
            .map(Codec::fingerprint)
            .collect(Collectors.toSet());
    assertEquals(25, distinct.size());
  }

  @Test
  void newerJdkValues_roundTripWithEveryTruncationRefused() {
    assertRoundTrips(BuiltInCodecs.URI,
        java.net.URI.create("https://user@example.com:8443/a%20b/c?q=x&r=%C3%A9#frag"),
        java.net.URI.create("urn:isbn:0451450523"), java.net.URI.create("../relative"));
    assertRoundTrips(BuiltInCodecs.PATH,
        java.nio.file.Path.of("/tmp", "a b", "ü.txt"), java.nio.file.Path.of("relative/x"),
        java.nio.file.Path.of(""));
    assertRoundTrips(BuiltInCodecs.LOCALE,
        java.util.Locale.ROOT, java.util.Locale.US, java.util.Locale.forLanguageTag("sr-Latn-RS"),
        java.util.Locale.forLanguageTag("de-DE-u-co-phonebk"));
    assertRoundTrips(BuiltInCodecs.CURRENCY,
        java.util.Currency.getInstance("EUR"), java.util.Currency.getInstance("JPY"));
    assertRoundTrips(BuiltInCodecs.OPTIONAL_INT,
        java.util.OptionalInt.empty(), java.util.OptionalInt.of(Integer.MIN_VALUE));
    assertRoundTrips(BuiltInCodecs.OPTIONAL_LONG,
        java.util.OptionalLong.empty(), java.util.OptionalLong.of(Long.MAX_VALUE));
    assertRoundTrips(BuiltInCodecs.OPTIONAL_DOUBLE,
        java.util.OptionalDouble.empty(), java.util.OptionalDouble.of(Double.NaN),
        java.util.OptionalDouble.of(-0.0));
    java.util.BitSet bits = new java.util.BitSet();
    bits.set(0);
    bits.set(64);
    bits.set(1000, 1100);
    assertRoundTrips(BuiltInCodecs.BIT_SET, new java.util.BitSet(), bits);
    assertRoundTrips(BuiltInCodecs.PERIOD,
        java.time.Period.ZERO, java.time.Period.of(Integer.MIN_VALUE, -1, Integer.MAX_VALUE));
    assertRoundTrips(BuiltInCodecs.YEAR,
        java.time.Year.of(java.time.Year.MIN_VALUE), java.time.Year.of(java.time.Year.MAX_VALUE));
    assertRoundTrips(BuiltInCodecs.YEAR_MONTH,
        java.time.YearMonth.of(-999_999_999, 1), java.time.YearMonth.of(2024, 12));
    assertRoundTrips(BuiltInCodecs.MONTH_DAY,
        java.time.MonthDay.of(2, 29), java.time.MonthDay.of(12, 31));
    assertRoundTrips(BuiltInCodecs.OFFSET_TIME,
        java.time.OffsetTime.MIN, java.time.OffsetTime.MAX);
    assertRoundTrips(BuiltInCodecs.ZONE_OFFSET,
        ZoneOffset.MIN, ZoneOffset.MAX, ZoneOffset.UTC, ZoneOffset.ofHoursMinutesSeconds(5, 30, 7));
  }

  @Test
  void newerJdkValues_forgedFieldsBecomeTransferExceptions() {
    assertInvalid(BuiltInCodecs.URI, written(out -> out.writeString("has space")));
    assertInvalid(BuiltInCodecs.URI, written(out -> out.writeString(null)));
    assertInvalid(BuiltInCodecs.PATH, written(out -> out.writeString("nul\0byte")));
    assertInvalid(BuiltInCodecs.CURRENCY, written(out -> out.writeString("XYZW")));
    assertInvalid(BuiltInCodecs.OPTIONAL_INT, hex("02"));
    assertInvalid(BuiltInCodecs.BIT_SET, hex("00"));
    assertInvalid(BuiltInCodecs.YEAR, written(out -> out.writeSignedVarInt(Integer.MAX_VALUE)));
    assertInvalid(BuiltInCodecs.MONTH_DAY, written(out -> {
      out.writeVarInt(2);
      out.writeVarInt(30);
    }));
    assertInvalid(BuiltInCodecs.YEAR_MONTH, written(out -> {
      out.writeSignedVarInt(2024);
      out.writeVarInt(13);
    }));
    assertInvalid(BuiltInCodecs.ZONE_OFFSET, written(out -> out.writeSignedVarInt(-19 * 3600)));
  }

  /**
   * Locales the constructor makes whose language tag names another locale (Norwegian Nynorsk's
   * legacy {@code no_NO_NY} becomes {@code nn-NO}) or drops a field ({@code en_US_Windows XP},
   * a language or region no tag can hold) came back as another locale, or as the root. They now
   * come back equal; a well-formed one is still written as its tag alone.
   */
  @Test
  @SuppressWarnings("deprecation") // Locale's constructor: the only way to make these on JDK 17
  void locale_whoseTagLosesFields_roundTripsEqual() {
    assertRoundTrips(BuiltInCodecs.LOCALE,
        new java.util.Locale("no", "NO", "NY"), new java.util.Locale("en", "US", "Windows XP"),
        new java.util.Locale("abcdefghij"), new java.util.Locale("en", "12345"),
        new java.util.Locale("ja", "JP", "JP"), new java.util.Locale("th", "TH", "TH"),
        new java.util.Locale("de", "DE", "POSIX_1"));
    assertEquals(
        hex(written(out -> out.writeString("en-US"))), hex(encode(BuiltInCodecs.LOCALE, java.util.Locale.US)));
  }

  @Test
  void locale_forgedFallbackFieldsBecomeTransferExceptions() {
    assertInvalid(BuiltInCodecs.LOCALE, written(out -> out.writeString(null)));
    assertInvalid(BuiltInCodecs.LOCALE, written(out -> {
      out.writeString("");
      out.writeString("no");
      out.writeString(null);
      out.writeString("NY");
    }));
  }

  @Test
  void path_ofAnotherFileSystemIsRefusedAtTheSender() throws Exception {
    java.nio.file.Path zip = java.nio.file.Files.createTempFile("ferry", ".zip");
    java.nio.file.Files.delete(zip);
    try (java.nio.file.FileSystem fs =
        java.nio.file.FileSystems.newFileSystem(zip, java.util.Map.of("create", "true"))) {
      java.nio.file.Path inZip = fs.getPath("/inside.txt");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> encode(BuiltInCodecs.PATH, inZip));
      assertTrue(e.getMessage().contains("not the default file system"), e.getMessage());
    } finally {
      java.nio.file.Files.deleteIfExists(zip);
    }
  }

  @SafeVarargs
  private static <T> void assertRoundTrips(Codec<T> codec, T... values) {
    for (T value : values) {
      T read = roundTrip(codec, value); // also refuses every proper prefix
      assertEquals(value, read, codec.toString());
      assertEquals(value.getClass(), read.getClass());
    }
  }

  private static void assertInvalid(Codec<?> codec, byte[] bytes) {
    assertThrows(TransferException.class, () -> read(bytes, codec::read), codec + " " + hex(bytes));
  }

  /**
   * Forged BitSet words that end in a word of 0 (a BitSet's toLongArray never does) read as a
   * BitSet whose encoding is shorter: equal values as different bytes, which a Kafka or Hazelcast
   * key compares. They are refused; the words of a set bit past a zero word still read.
   */
  @Test
  void bitSet_wordsEndingInZero_areRefused() {
    java.util.BitSet three = new java.util.BitSet();
    three.set(3);
    byte[] valid = dev.ferry.Codecs.encode(three);
    byte[] forged = java.util.Arrays.copyOf(valid, valid.length + 8);
    forged[valid.length - 9]++; // two words where there was one; the second all zero

    TransferException e = assertThrows(
        TransferException.class, () -> dev.ferry.Codecs.decode(forged, java.util.BitSet.class));

    assertTrue(e.getMessage().endsWith(
        "the BitSet words at offset 10 end in a word of 0, which a BitSet never writes (its words"
            + " end at its last set bit): the bytes are corrupt"), e.getMessage());
    java.util.BitSet far = java.util.BitSet.valueOf(new long[] {0, 0, 1});
    assertEquals(far, dev.ferry.Codecs.decode(dev.ferry.Codecs.encode(far), java.util.BitSet.class));
  }
}
