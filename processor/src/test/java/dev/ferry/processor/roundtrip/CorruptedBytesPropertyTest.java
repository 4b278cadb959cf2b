package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.processor.roundtrip.Fixtures.Circle;
import dev.ferry.processor.roundtrip.Fixtures.Collections;
import dev.ferry.processor.roundtrip.Fixtures.Color;
import dev.ferry.processor.roundtrip.Fixtures.Drawing;
import dev.ferry.processor.roundtrip.Fixtures.Group;
import dev.ferry.processor.roundtrip.Fixtures.MoreJdkValues;
import dev.ferry.processor.roundtrip.Fixtures.SortedAndQueued;
import dev.ferry.processor.roundtrip.Fixtures.Square;
import dev.ferry.processor.roundtrip.Fixtures.Tag;
import dev.ferry.processor.roundtrip.Fixtures.Tagged;
import dev.ferry.processor.roundtrip.Fixtures.Times;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Bytes corrupted as a faulty disk, a torn write or an attacker would: every decode of them ends
 * in a {@link TransferException} or in a value that encodes again and reads back the same, never in
 * another exception ({@code StringIndexOutOfBoundsException}, {@code NegativeArraySizeException},
 * {@code ClassCastException}...), an {@code OutOfMemoryError} or a hang. The values cover every
 * kind of member the README lists, and a channel's own dynamic form ({@code List<Object>}).
 */
class CorruptedBytesPropertyTest {
  /**
   * Varints a length, size or ordinal field might be forged to: the edges of int and long (a
   * five-byte varint that reads as a negative int made a string's length negative, and
   * {@code readString} threw {@code StringIndexOutOfBoundsException}).
   */
  private static final long[] EXTREMES = {
    0, 1, 63, 64, 127, 128, Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0xFFFFFFFFL, Long.MAX_VALUE,
    Long.MIN_VALUE, 1 << 25, (1 << 25) - 1, 1L << 31, 0x80000000L | 1 << 6,
  };

  private static final List<Object> VALUES = values();

  @Property(tries = 4000)
  @SuppressWarnings("ferry:not-transferable") // each value's class is one the test knows to encode
  void corruptedBytes_decodeToAValueOrThrowTransferException(@ForAll long seed) {
    Random random = new Random(seed);
    Object value = VALUES.get(random.nextInt(VALUES.size()));
    byte[] bytes = corrupt(Codecs.encode(value), random);
    Class<?> type = value instanceof List ? List.class : value.getClass();
    Object back;
    try {
      back = Codecs.decode(bytes, type);
    } catch (TransferException expected) {
      return;
    } catch (RuntimeException | Error e) {
      throw new AssertionError(
          "decoding corrupted " + type.getSimpleName() + " bytes " + HexFormat.of().formatHex(bytes)
              + " threw " + e,
          e);
    }
    // What was read is a value like any other: it encodes, and its copy encodes the same (bytes,
    // not equals: records holding arrays compare them by identity).
    byte[] again = Codecs.encode(back);
    assertArrayEquals(again, Codecs.encode(Codecs.decode(again, type)));
  }

  /** One to four corruptions of one kind, past the fingerprint (which a reader checks first). */
  private static byte[] corrupt(byte[] bytes, Random random) {
    byte[] m = bytes.clone();
    int kind = random.nextInt(7);
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      int at = 8 + random.nextInt(m.length - 8);
      switch (kind) {
        case 0 -> m[at] = (byte) random.nextInt(256);
        case 1 -> m[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> m[at] = (byte) (random.nextBoolean() ? 0x7F : 0xFF);
        case 3 -> m = forgeVarint(m, at, EXTREMES[random.nextInt(EXTREMES.length)]);
        case 4 -> m = Arrays.copyOf(m, m.length + 1 + random.nextInt(8));
        case 5 -> { // a string's long-form length header (see docs/wire-format.md), then a varint
          m[at] = (byte) (0xC0 | random.nextInt(64));
          m = forgeVarint(m, at + 1, EXTREMES[random.nextInt(EXTREMES.length)]);
        }
        default -> {
          int length = Math.min(1 + random.nextInt(6), m.length - at);
          int to = 8 + random.nextInt(m.length - 8 - length + 1);
          System.arraycopy(m.clone(), at, m, to, length);
        }
      }
    }
    return m;
  }

  /** {@code m} with the varint of {@code value} written over its bytes from {@code at}. */
  private static byte[] forgeVarint(byte[] m, int at, long value) {
    byte[] out = Arrays.copyOf(m, Math.max(m.length, at + 10));
    do {
      byte b = (byte) (value & 0x7F);
      value >>>= 7;
      out[at++] = value != 0 ? (byte) (b | 0x80) : b;
    } while (value != 0 && at < out.length);
    return out;
  }

  private static List<Object> values() {
    BitSet bits = new BitSet();
    bits.set(3);
    bits.set(200);
    Tag tag = new Tag("tag", 7);
    Collections collections =
        new Collections(
            Arrays.asList("b", null, "aé"),
            Set.of(9, 1, 5),
            Map.of("z", List.of(1L, 2L)),
            List.of(Color.RED, Color.BLUE),
            Optional.of("present"),
            Optional.of(Arrays.asList(Optional.of(1), Optional.empty(), null)),
            List.of(Map.of(Color.GREEN, Set.of("x", "y"))));
    Times times =
        new Times(Instant.ofEpochSecond(1_700_000_000, 123), Duration.ofMillis(-5),
            LocalDate.of(2024, 2, 29), LocalTime.NOON, LocalDateTime.of(2021, 5, 6, 7, 8),
            OffsetDateTime.of(2021, 5, 6, 7, 8, 9, 10, ZoneOffset.ofHours(2)),
            ZonedDateTime.of(2022, 3, 27, 2, 30, 0, 0, ZoneId.of("Europe/Berlin")),
            ZoneId.of("America/New_York"), new UUID(1, -2), BigInteger.TWO.pow(100).negate(),
            new BigDecimal("-12.3450"));
    MoreJdkValues more =
        new MoreJdkValues(URI.create("http://[::1]:8080/p?q=1#f"), Path.of("/tmp/a b/ü"),
            Locale.forLanguageTag("sr-Latn-RS-u-nu-latn"), Currency.getInstance("EUR"),
            OptionalInt.of(5), OptionalLong.empty(), OptionalDouble.of(-0.0), bits,
            Period.of(1, 2, 3), Year.of(1999), YearMonth.of(2000, 12), MonthDay.of(2, 29),
            OffsetTime.of(1, 2, 3, 4, ZoneOffset.UTC), ZoneOffset.ofHoursMinutes(-3, -30));
    SortedAndQueued sorted =
        new SortedAndQueued(new TreeSet<>(List.of("a", "b")), new TreeSet<>(Set.of(3, 1)),
            new TreeMap<>(Map.of("k", List.of(1L))), new TreeMap<>(Map.of(Color.BLUE, tag)),
            new ArrayDeque<>(List.of(tag)), new ArrayDeque<>(List.of("x", "y")),
            EnumSet.of(Color.RED, Color.BLUE), new EnumMap<>(Map.of(Color.GREEN, "green")));
    Drawing drawing =
        new Drawing(new Group(List.of(new Circle(1), new Square(2))), List.of(new Circle(3)));
    Tagged tagged = new Tagged(tag, Arrays.asList(tag, null), Map.of("t", tag), new Tag[] {tag});
    Fixtures.Arrays arrays =
        new Fixtures.Arrays(new boolean[] {true}, new byte[] {1, -2}, new short[] {3},
            new char[] {'c', 'é'}, new int[] {4, -5}, new long[] {6}, new float[] {7.5f},
            new double[] {Double.NaN}, new String[] {"s", null}, new int[][] {{1}, {}},
            new Color[] {Color.GREEN, null});
    List<Object> dynamic =
        new ArrayList<>(List.of(1, "two", 3L, tag, Map.of("k", Optional.of(Color.RED)),
            new int[] {1, 2}, Set.of(Color.BLUE), new TreeMap<>(Map.of("a", 1.5))));
    return List.of(collections, times, more, sorted, drawing, tagged, arrays, dynamic);
  }
}
