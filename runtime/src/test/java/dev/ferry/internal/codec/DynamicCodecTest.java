package dev.ferry.internal.codec;

import dev.ferry.Box;
import dev.ferry.Box_FerryCodec;
import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.CodecTesting;
import dev.ferry.Codecs;
import dev.ferry.InitCanary;
import dev.ferry.Outer;
import dev.ferry.Point;
import dev.ferry.Point_FerryCodec;
import dev.ferry.Suit;
import dev.ferry.TransferException;

import static dev.ferry.CodecTesting.assertBytes;
import static dev.ferry.CodecTesting.bytesAllocatedWhileFailing;
import static dev.ferry.CodecTesting.hex;
import static dev.ferry.CodecTesting.read;
import static dev.ferry.CodecTesting.roundTrip;
import static dev.ferry.CodecTesting.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.MonthDay;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.util.AbstractSet;
import java.util.BitSet;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.SortedSet;
import java.util.Queue;
import java.util.PriorityQueue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DynamicCodecTest {
  private static final DynamicCodec CODEC = DynamicCodec.INSTANCE;
  private static final ZonedDateTime BERLIN_OVERLAP_LATER =
      ZonedDateTime.ofLocal(LocalDateTime.of(2023, 10, 29, 2, 30), ZoneId.of("Europe/Berlin"), null)
          .withLaterOffsetAtOverlap();

  /** One value of every kind with the tag that must precede it: the tag table is wire format. */
  static Stream<Arguments> taggedValues() {
    return Stream.of(
        Arguments.of(null, 0),
        Arguments.of("s", 1),
        Arguments.of(true, 2),
        Arguments.of((byte) -1, 3),
        Arguments.of((short) -1, 4),
        Arguments.of('c', 5),
        Arguments.of(-1, 6),
        Arguments.of(-1L, 7),
        Arguments.of(-0.0f, 8),
        Arguments.of(-0.0, 9),
        Arguments.of(Instant.MAX, 10),
        Arguments.of(Duration.ofNanos(-1), 11),
        Arguments.of(LocalDate.MIN, 12),
        Arguments.of(LocalTime.MAX, 13),
        Arguments.of(LocalDateTime.MAX, 14),
        Arguments.of(ZoneId.of("Europe/Berlin"), 15),
        Arguments.of(ZoneOffset.ofHours(-5), 15),
        Arguments.of(OffsetDateTime.MIN, 16),
        Arguments.of(BERLIN_OVERLAP_LATER, 17),
        Arguments.of(new UUID(-1, 1), 18),
        Arguments.of(BigInteger.TWO.pow(5000).negate(), 19),
        Arguments.of(new BigDecimal(BigInteger.valueOf(-7), -3), 20),
        Arguments.of(new byte[] {-128, 0, 127}, 21),
        Arguments.of(new short[] {Short.MIN_VALUE, 1}, 22),
        Arguments.of(new char[] {'a', '\uD800', '\uFFFF'}, 23),
        Arguments.of(new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, 24),
        Arguments.of(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, 25),
        Arguments.of(new float[] {Float.NaN, Float.NEGATIVE_INFINITY, -0.0f}, 26),
        Arguments.of(new double[] {Double.MIN_VALUE, Double.POSITIVE_INFINITY}, 27),
        Arguments.of(new boolean[] {true, false, true}, 28),
        Arguments.of(new int[0], 24),
        Arguments.of(Arrays.asList("a", null, 3), 29),
        Arguments.of(List.of(), 29),
        Arguments.of(new ArrayDeque<>(List.of(1, 2)), 50),
        Arguments.of(Set.of("only"), 30),
        Arguments.of(mapWithNulls(), 31),
        Arguments.of(Optional.empty(), 32),
        Arguments.of(Optional.of(Optional.of("deep")), 32),
        Arguments.of(Suit.CLUBS, 33),
        Arguments.of(Suit.HEARTS, 33), // a constant with a body: an anonymous subclass
        Arguments.of(new Point(3, -4), 34),
        Arguments.of(new Outer.Inner(null), 34),
        Arguments.of(new Box<>(new Box<>(List.of(new Point(1, 1), Suit.SPADES))), 34),
        Arguments.of(URI.create("https://example.com/a%20b?q=1#top"), 35),
        Arguments.of(Path.of("/tmp", "a b", "c.txt"), 36),
        Arguments.of(Locale.forLanguageTag("sr-Latn-RS"), 37),
        Arguments.of(Currency.getInstance("EUR"), 38),
        Arguments.of(OptionalInt.of(-7), 39),
        Arguments.of(OptionalInt.empty(), 39),
        Arguments.of(OptionalLong.of(Long.MIN_VALUE), 40),
        Arguments.of(OptionalDouble.of(-0.5), 41),
        Arguments.of(BitSet.valueOf(new long[] {5, 0, -1}), 42),
        Arguments.of(Period.of(-1, 13, 400), 43),
        Arguments.of(Year.of(-2000), 44),
        Arguments.of(YearMonth.of(2024, 2), 45),
        Arguments.of(MonthDay.of(2, 29), 46),
        Arguments.of(OffsetTime.MAX, 47),
        Arguments.of(new TreeSet<>(List.of("b", "a")), 48),
        Arguments.of(new TreeMap<>(Map.of(2, "b", 1, "a")), 49),
        Arguments.of(new LinkedList<>(List.of("x")), 53), // a List and a Queue: read back as one
        Arguments.of(EnumSet.of(Suit.SPADES, Suit.CLUBS), 51),
        Arguments.of(EnumSet.noneOf(Suit.class), 51),
        Arguments.of(new EnumMap<>(Map.of(Suit.HEARTS, List.of(1))), 52),
        Arguments.of(new EnumMap<>(Suit.class), 52)); // its key type read off its serialized form
  }

  private static Map<Object, Object> mapWithNulls() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(null, 1);
    map.put("k", null);
    map.put(2L, List.of(Set.of(new Point(0, 0))));
    return map;
  }

  @ParameterizedTest
  @MethodSource("taggedValues")
  void write_startsWithTheKindsTag(Object value, int tag) {
    byte[] bytes = CodecTesting.encode(CODEC, value);
    assertEquals(tag, new ByteInput(bytes).readVarInt());
  }

  @ParameterizedTest
  @MethodSource("taggedValues")
  void roundTrip_everyKindAndEveryTruncationFails(Object value, int tag) {
    Object read = roundTrip(CODEC, value); // also refuses every proper prefix
    // An ArrayDeque comes back as one, but has no equals: compare the elements.
    Object expected = value instanceof ArrayDeque<?> deque ? new ArrayList<>(deque) : value;
    if (value != null && tag >= 48) {
      // TreeSet, TreeMap, ArrayDeque, EnumSet (RegularEnumSet), EnumMap
      assertEquals(value.getClass(), read.getClass());
    }
    if (value instanceof ArrayDeque<?>) {
      read = new ArrayList<>((ArrayDeque<?>) read);
    }
    Object back = read;
    if (value instanceof ZoneId) {
      assertEquals(value.getClass(), read.getClass()); // a ZoneOffset stays a ZoneOffset
    }
    assertTrue(Objects.deepEquals(expected, back), () -> value + " came back as " + back);
  }

  @Test
  void write_layoutsAreAsDocumented() {
    assertBytes("00", CodecTesting.encode(CODEC, null));
    assertBytes("01 68 e9", CodecTesting.encode(CODEC, "hi"));
    assertBytes("1d 04 06 02 00 01 81", CodecTesting.encode(CODEC, Arrays.asList(1, null, "")));
    assertBytes("1f 02 01 81 06 04", CodecTesting.encode(CODEC, Map.of("", 2)));
    assertBytes("20 00", CodecTesting.encode(CODEC, Optional.empty()));
    assertBytes("18 03 01 00 00 00 ff ff ff ff", CodecTesting.encode(CODEC, new int[] {1, -1}));
    ByteOutput expected = new ByteOutput();
    expected.writeVarInt(33);
    expected.writeString("dev.ferry.Suit");
    expected.writeFixedLong(Fingerprints.of("enum dev.ferry.Suit[CLUBS, DIAMONDS, HEARTS, SPADES]"));
    expected.writeVarInt(2);
    assertArrayEquals(expected.toByteArray(), CodecTesting.encode(CODEC, Suit.HEARTS));
    expected.reset();
    expected.writeVarInt(34);
    expected.writeString("dev.ferry.Point");
    expected.writeFixedLong(Point_FerryCodec.FINGERPRINT);
    expected.writeSignedVarInt(1);
    expected.writeSignedVarInt(-2);
    assertArrayEquals(expected.toByteArray(), CodecTesting.encode(CODEC, new Point(1, -2)));
  }

  @Test
  void read_rebuildsCollectionsAsMutableJdkTypesInWrittenOrder() {
    Object set = roundTrip(CODEC, new LinkedHashSet<>(List.of("c", "a", "b")));
    assertInstanceOf(LinkedHashSet.class, set);
    assertEquals(List.of("c", "a", "b"), new ArrayList<>((Set<?>) set));

    Object map = roundTrip(CODEC, new LinkedHashMap<>(Map.of(3, "c")));
    assertInstanceOf(LinkedHashMap.class, map);

    assertInstanceOf(ArrayList.class, roundTrip(CODEC, List.of(1)));
    assertInstanceOf(ArrayList.class, roundTrip(CODEC, new HashMap<>(Map.of(1, 2)).values()));
    assertEquals(Optional.empty(), roundTrip(CODEC, Optional.empty()));
  }

  @Test
  void read_rebuildsSortedCollectionsInNaturalOrder() {
    TreeSet<String> descending = new TreeSet<>(Comparator.reverseOrder());
    descending.addAll(List.of("a", "c", "b"));
    Object set = roundTrip(CODEC, descending);
    assertInstanceOf(TreeSet.class, set);
    assertEquals(List.of("a", "b", "c"), new ArrayList<>((Set<?>) set));

    TreeMap<Integer, String> sorted = new TreeMap<>(Comparator.reverseOrder());
    sorted.putAll(Map.of(3, "c", 1, "a", 2, "b"));
    Object map = roundTrip(CODEC, sorted);
    assertInstanceOf(TreeMap.class, map);
    assertEquals(List.of(1, 2, 3), new ArrayList<>(((Map<?, ?>) map).keySet()));
  }

  /**
   * A sorted set or map built with a comparator may hold elements that natural order takes for
   * one (1.0 and 1.00 sorted by their text): the reader's TreeSet kept one of them, and the value
   * arrived with less than was sent. Then the reader refused it, but only after the writer had
   * sent it (a channel's receiver lost the message); now the writer refuses it.
   */
  @Test
  void write_sortedElementsEqualInNaturalOrderAreRefused() {
    TreeSet<BigDecimal> byText = new TreeSet<>(Comparator.comparing(BigDecimal::toString));
    byText.addAll(List.of(new BigDecimal("1.0"), new BigDecimal("1.00")));
    IllegalArgumentException set =
        assertThrows(IllegalArgumentException.class, () -> written(out -> CODEC.write(out, byText)));
    assertEquals(
        "a SortedSet sorted by a comparator holds two elements of java.math.BigDecimal equal in"
            + " their natural order, which the TreeSet the receiving process reads it into would"
            + " keep once: a comparator does not cross. Keep its elements distinct in natural"
            + " order, or send a List",
        set.getMessage());

    TreeMap<BigDecimal, String> labels = new TreeMap<>(Comparator.comparing(BigDecimal::toString));
    labels.put(new BigDecimal("1.0"), "a");
    labels.put(new BigDecimal("1.00"), "b");
    IllegalArgumentException map =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(labels));
    assertTrue(
        map.getMessage().startsWith("a SortedMap sorted by a comparator holds two keys of"
            + " java.math.BigDecimal equal in their natural order"),
        map.getMessage());
  }

  @Test
  void read_sortedElementsEqualInNaturalOrderAreRefused() {
    assertRefused("30 03 06 02 06 02", "sorted set at offset 0 holds two elements"); // 1, 1
    byte[] map = written(out -> { // forged: 1.0 and 1.00, not equal, but equal in natural order
      out.writeVarInt(DynamicCodec.SORTED_MAP);
      out.writeSize(2);
      CODEC.write(out, new BigDecimal("1.0"));
      CODEC.write(out, "a");
      CODEC.write(out, new BigDecimal("1.00"));
      CODEC.write(out, "b");
    });
    assertRefused(map, "sorted map at offset 0 holds two keys");
  }

  /**
   * A sorted set or map built with a comparator may hold null, or elements with no natural order
   * (records ordered by a field), and a queue that is not an ArrayDeque may hold null: the writer
   * sent them, and the reader, which rebuilds a TreeSet, a TreeMap or an ArrayDeque, refused them.
   */
  @Test
  void write_sortedOrQueuedValuesTheReaderCannotRebuildAreRefused() {
    TreeSet<String> nullFirst = new TreeSet<>(Comparator.nullsFirst(Comparator.<String>naturalOrder()));
    nullFirst.addAll(Arrays.asList(null, "a"));
    IllegalArgumentException nullElement =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(nullFirst));
    assertEquals(
        "a SortedSet sorted by a comparator holds a null element, which the receiving process"
            + " cannot rebuild: it reads a SortedSet as a TreeSet in natural order (a comparator"
            + " does not cross), which holds no nulls; leave the null out, or send a List",
        nullElement.getMessage());

    TreeMap<Point, String> byX = new TreeMap<>(Comparator.comparingInt(Point::x));
    byX.put(new Point(1, 2), "p");
    IllegalArgumentException incomparable =
        assertThrows(IllegalArgumentException.class, () -> written(out -> CODEC.write(out, List.of(byX))));
    assertTrue(
        incomparable.getMessage().startsWith(
            "a SortedMap sorted by a comparator holds keys of dev.ferry.Point that the receiving"
                + " process cannot rebuild: it reads a SortedMap as a TreeMap in natural order (a"
                + " comparator does not cross), and ordering them so threw"
                + " java.lang.ClassCastException"),
        incomparable.getMessage());
    assertInstanceOf(ClassCastException.class, incomparable.getCause());

    Queue<String> checked = Collections.checkedQueue(new LinkedList<>(), String.class);
    checked.addAll(Arrays.asList("a", null));
    IllegalArgumentException nullInQueue =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(checked));
    assertEquals(
        "a java.util.Collections$CheckedQueue holds null, which the receiving process cannot"
            + " rebuild: it reads a Queue as an ArrayDeque, which holds no nulls; leave the null"
            + " out, or send a List",
        nullInQueue.getMessage());
  }

  /** Their twins: what the reader rebuilds in natural order, or as an ArrayDeque, crosses. */
  @Test
  void write_sortedByAComparatorOrQueuedValuesTheReaderCanRebuildCross() {
    TreeSet<String> ignoringCase = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    ignoringCase.addAll(List.of("b", "A"));
    assertEquals(new TreeSet<>(List.of("A", "b")), Codecs.decode(Codecs.encode(ignoringCase), SortedSet.class));

    PriorityQueue<Point> byX = new PriorityQueue<>(Comparator.comparingInt(Point::x));
    byX.addAll(List.of(new Point(2, 0), new Point(1, 0)));
    Object queue = roundTrip(CODEC, byX);
    assertEquals(List.of(new Point(1, 0), new Point(2, 0)), new ArrayList<>((Queue<?>) queue));

    Queue<String> checked = Collections.checkedQueue(new LinkedList<>(), String.class);
    checked.addAll(List.of("a", "b"));
    assertEquals(List.of("a", "b"), new ArrayList<>((Queue<?>) roundTrip(CODEC, checked)));
  }

  private enum Nothing {}

  /** The refusal said only "nothing names its enum", with no fix. */
  @Test
  void write_anEnumSetOfAnEnumWithNoConstantsIsRefusedWithTheFix() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> written(out -> CODEC.write(out, EnumSet.noneOf(Nothing.class))));
    assertEquals(
        "an EnumSet of an enum with no constants cannot be written where its type is not declared"
            + " (a value sent on its own, or in a List<Object>): such a set names its enum by one of"
            + " its constants, and this enum has none. Declare it as an EnumSet<E> member of a"
            + " @Transferable record, whose codec knows its enum",
        e.getMessage());
  }

  /**
   * An empty EnumMap was written as a plain map, since public API tells its key type only through
   * its keys, and came back a LinkedHashMap: the receiver of a Channel<EnumMap<Suit, V>> failed
   * its cast (ClassCastException), and Codecs.decode(bytes, EnumMap.class) refused the bytes. Its
   * key type is now read off its serialized form, even for an enum with no constants.
   */
  @Test
  void roundTrip_anEmptyEnumMapComesBackAnEnumMapOfItsEnum() {
    EnumMap<?, ?> suits = (EnumMap<?, ?>) roundTrip(CODEC, new EnumMap<Suit, String>(Suit.class));
    assertEquals(Suit.class, DynamicEnums.keyTypeOf(suits));
    EnumMap<?, ?> none = (EnumMap<?, ?>) roundTrip(CODEC, new EnumMap<Nothing, String>(Nothing.class));
    assertEquals(Nothing.class, DynamicEnums.keyTypeOf(none));
    assertTrue(none.isEmpty());
    // A subclass whose own state cannot be serialized: its copy, a plain EnumMap, tells its enum.
    EnumMap<?, ?> copied = (EnumMap<?, ?>) roundTrip(CODEC, new Unserializable());
    assertEquals(Suit.class, DynamicEnums.keyTypeOf(copied));
  }

  /**
   * An EnumMap another thread emptied after the writer had found it not empty failed the write
   * with an ArrayIndexOutOfBoundsException (its first entry was taken from an empty array). The
   * writer now counts and writes a copy, which holds still. The isEmpty() override stands for the
   * other thread's change, made between the two reads.
   */
  @Test
  void write_anEnumMapEmptiedWhileWrittenComesBackEmpty() {
    EnumMap<Suit, String> emptied = new EnumMap<>(Suit.class) {
      @Override
      public boolean isEmpty() {
        return false; // read before another thread cleared it
      }
    };
    EnumMap<?, ?> back = (EnumMap<?, ?>) roundTrip(CODEC, emptied);
    assertEquals(Map.of(), back);
    assertEquals(Suit.class, DynamicEnums.keyTypeOf(back));
  }

  /**
   * A concurrent map or set's weakly consistent iteration can give a key twice (a
   * ConcurrentHashMap resized while it is iterated, the key removed and put again: 2 of 60,000
   * writes in a probe with another thread changing them), and the writer wrote both: the encode
   * succeeded and the reader refused the bytes ("duplicate map key"). A concurrent collection is
   * now copied at one moment, keeping each key once, before it is written. The iterators below
   * stand for such an iteration.
   */
  @Test
  void write_aConcurrentMapOrSetWhoseIterationGivesAKeyTwiceRoundTrips() {
    Map<String, Integer> map = concurrentMapGivingAKeyTwice();
    Set<String> set = concurrentSetGivingAnElementTwice();
    assertEquals(Map.of("a", 1, "b", 2), roundTrip(CODEC, map));
    assertEquals(Set.of("a", "b"), roundTrip(CODEC, set));
  }

  /**
   * The same behind a view {@code java.util.Collections} makes of it ({@code unmodifiableMap},
   * {@code synchronizedSet}, {@code newSetFromMap}): such a view did not tell what it wraps, was
   * written as it was, and its key given twice made the reader refuse the bytes. A view whose
   * spliterator (the wrapped collection's) is {@code CONCURRENT} is now copied too.
   */
  @Test
  void write_aConcurrentMapOrSetBehindACollectionsViewRoundTrips() {
    Map<String, Integer> map = concurrentMapGivingAKeyTwice();
    Set<String> set = concurrentSetGivingAnElementTwice();
    assertEquals(Map.of("a", 1, "b", 2), roundTrip(CODEC, Collections.unmodifiableMap(map)));
    assertEquals(Map.of("a", 1, "b", 2), roundTrip(CODEC, Collections.synchronizedMap(map)));
    assertEquals(Set.of("a", "b"), roundTrip(CODEC, Collections.unmodifiableSet(set)));
    assertEquals(Set.of("a", "b"), roundTrip(CODEC, Collections.checkedSet(set, String.class)));
  }

  /** A ConcurrentHashMap of a=1 and b=2 whose iteration gives a=1 twice. */
  private static Map<String, Integer> concurrentMapGivingAKeyTwice() {
    return new ConcurrentHashMap<>(Map.of("a", 1, "b", 2)) {
      @Override
      public Set<Map.Entry<String, Integer>> entrySet() {
        return givingTheFirstTwice(super.entrySet());
      }
    };
  }

  /** A ConcurrentSkipListSet of a and b whose iteration gives a twice. */
  private static Set<String> concurrentSetGivingAnElementTwice() {
    return new ConcurrentSkipListSet<>(Set.of("a", "b")) {
      @Override
      public Iterator<String> iterator() {
        List<String> inOrder = new ArrayList<>();
        super.iterator().forEachRemaining(inOrder::add);
        return givingTheFirstTwice(inOrder).iterator();
      }
    };
  }

  /** {@code elements}, then their first again, as a set of that many elements. */
  private static <E> Set<E> givingTheFirstTwice(Collection<E> elements) {
    List<E> twice = new ArrayList<>(elements);
    twice.add(twice.get(0));
    return new AbstractSet<>() {
      @Override
      public Iterator<E> iterator() {
        return twice.iterator();
      }

      @Override
      public int size() {
        return twice.size();
      }
    };
  }

  /** An EnumMap holding what cannot be serialized. */
  @SuppressWarnings("serial")
  private static final class Unserializable extends EnumMap<Suit, String> {
    private final Object lock = new Object();

    Unserializable() {
      super(Suit.class);
    }

    @Override
    public boolean equals(Object o) {
      return super.equals(o) && lock != null;
    }

    @Override
    public int hashCode() {
      return super.hashCode();
    }
  }

  @Test
  void read_enumSetOrMapNamingAConstantTwiceIsRefused() {
    byte[] set = written(out -> {
      out.writeVarInt(DynamicCodec.ENUM_SET);
      out.writeString("dev.ferry.Suit");
      out.writeFixedLong(Fingerprints.of("enum dev.ferry.Suit[CLUBS, DIAMONDS, HEARTS, SPADES]"));
      out.writeSize(2);
      out.writeVarInt(1);
      out.writeVarInt(1);
    });
    assertRefused(set, "duplicate enum set element at offset");
    byte[] map = written(out -> {
      out.writeVarInt(DynamicCodec.ENUM_MAP);
      out.writeString("dev.ferry.Suit");
      out.writeFixedLong(Fingerprints.of("enum dev.ferry.Suit[CLUBS, DIAMONDS, HEARTS, SPADES]"));
      out.writeSize(2);
      out.writeVarInt(1);
      CODEC.write(out, "a");
      out.writeVarInt(1);
      CODEC.write(out, "b");
    });
    assertRefused(map, "duplicate enum map key at offset");
  }

  /**
   * A hand-written codec whose read returned null for bytes that held a value (Codec.read's
   * contract is the value write took, never null) gave Codecs.decode's caller null, and a list
   * a null element, in place of what was sent.
   */
  /**
   * Forged bytes that a hand-written codec's factory refuses with an assert (AssertionError, with
   * -ea) left Codecs.decode as that AssertionError, where a generated codec's constructor's assert
   * is a TransferException, as bytes that make no value are.
   */
  @Test
  void read_anAssertInAHandWrittenCodecsFactory_isATransferException() {
    byte[] forged = Codecs.encode(new RegistryFixtures.Asserted(1));
    forged[forged.length - 1] = 1; // zig-zag -1
    TransferException bare = assertThrows(
        TransferException.class, () -> Codecs.decode(forged, RegistryFixtures.Asserted.class));
    assertEquals(
        "cannot read a dev.ferry.internal.codec.RegistryFixtures$Asserted: its codec"
            + " dev.ferry.internal.codec.RegistryFixtures$AssertedCodec threw"
            + " java.lang.AssertionError: x >= 0 (an assert that refused the bytes)",
        bare.getMessage());
    assertTrue(bare.getCause() instanceof AssertionError, String.valueOf(bare.getCause()));
    byte[] list = Codecs.encode(new ArrayList<>(List.of(new RegistryFixtures.Asserted(1))));
    list[list.length - 1] = 1;
    assertThrows(TransferException.class, () -> Codecs.decode(list, List.class));
    assertEquals(new RegistryFixtures.Asserted(2),
        Codecs.decode(Codecs.encode(new RegistryFixtures.Asserted(2)), RegistryFixtures.Asserted.class));
  }

  @Test
  void read_aHandWrittenCodecReturningNullIsRefused() {
    String message =
        "the codec dev.ferry.internal.codec.RegistryFixtures$LostCodec of"
            + " dev.ferry.internal.codec.RegistryFixtures$Lost returned null from read, for bytes"
            + " that hold a value its write wrote (a codec never writes a null: Ferry marks one"
            + " itself): the receiver would get null in place of what was sent. Return the value"
            + " read, or throw a TransferException for bytes that make none";
    RegistryFixtures.Lost lost = new RegistryFixtures.Lost(1);
    byte[] bytes = Codecs.encode(lost);
    TransferException bare =
        assertThrows(TransferException.class, () -> Codecs.decode(bytes, RegistryFixtures.Lost.class));
    assertEquals(message, bare.getMessage());
    byte[] list = Codecs.encode(new ArrayList<>(List.of(lost)));
    TransferException inList =
        assertThrows(TransferException.class, () -> Codecs.decode(list, List.class));
    assertTrue(inList.getMessage().endsWith(message), inList.getMessage());
  }

  /**
   * Bytes left after a value a hand-written codec read (its write writing more than its read
   * reads) were refused as '1 unread bytes after the value at offset 16: the bytes were not
   * written by this type's codec', naming neither the type nor the codec.
   */
  @Test
  void decode_bytesLeftAfterAValueNameTheTypeAndTheCodec() {
    byte[] bytes = Codecs.encode(new RegistryFixtures.Money(5, "EUR"));
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
    TransferException e =
        assertThrows(
            TransferException.class, () -> Codecs.decode(padded, RegistryFixtures.Money.class));
    assertEquals(
        "1 unread bytes after the value of dev.ferry.internal.codec.RegistryFixtures$Money that"
            + " dev.ferry.internal.codec.RegistryFixtures$MoneyCodec read, at offset 12: the bytes"
            + " were written by another codec, or this codec's write writes more than its read"
            + " reads",
        e.getMessage());
  }

  @Test
  void read_sortedSetOfIncomparableElementsIsRefused() {
    byte[] bytes = written(out -> {
      out.writeVarInt(DynamicCodec.SORTED_SET);
      out.writeSize(2);
      CODEC.write(out, "a");
      CODEC.write(out, 1);
    });
    assertRefused(bytes, "not mutually comparable");
  }

  /**
   * Reading a set, a map or a sorted collection runs its elements' hashCode, equals or compareTo,
   * which may throw for values that forged bytes describe; that escaped Codecs.decode as it was
   * (only a ClassCastException or NullPointerException of a sorted one was refused).
   */
  @Test
  void read_elementsWhoseHashCodeOrCompareToThrowAreRefused() {
    int[] kinds = {DynamicCodec.SET, DynamicCodec.MAP, DynamicCodec.SORTED_SET};
    for (int kind : kinds) {
      byte[] bytes = written(out -> {
        out.writeVarInt(kind);
        out.writeSize(1);
        CODEC.write(out, new RegistryFixtures.Unhashable(1));
        if (kind == DynamicCodec.MAP) {
          CODEC.write(out, "value");
        }
      });
      assertRefused(bytes, kind == DynamicCodec.SORTED_SET ? "no order" : "no hash");
    }
  }

  @Test
  void read_queueWithNullIsRefused() {
    byte[] bytes = written(out -> {
      out.writeVarInt(DynamicCodec.QUEUE);
      out.writeSize(1);
      CODEC.write(out, null);
    });
    assertRefused(bytes, "null element in a queue");
  }

  @Test
  void enumSet_namingAChangedEnumIsASchemaMismatch() {
    byte[] set = written(out -> {
      out.writeVarInt(DynamicCodec.ENUM_SET);
      out.writeString("dev.ferry.Suit");
      out.writeFixedLong(Fingerprints.of("enum dev.ferry.Suit[CLUBS, HEARTS]"));
      out.writeSize(0);
    });
    assertRefused(set, "schema mismatch for enum dev.ferry.Suit");
  }

  @Test
  void roundTrip_keepsFloatingPointBitsInsideCollections() {
    double payloadNaN = Double.longBitsToDouble(0x7ff8_0000_0000_beefL);
    float floatNaN = Float.intBitsToFloat(0x7fc0_0abc);
    List<?> read = (List<?>) roundTrip(CODEC, List.of(payloadNaN, floatNaN, -0.0));
    assertEquals(0x7ff8_0000_0000_beefL, Double.doubleToRawLongBits((Double) read.get(0)));
    assertEquals(0x7fc0_0abc, Float.floatToRawIntBits((Float) read.get(1)));
    assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits((Double) read.get(2)));
  }

  @Test
  void roundTrip_nestsArraysInsideCollections() {
    List<?> read = (List<?>) roundTrip(CODEC, List.of(new long[] {7}, Optional.of(new byte[] {1})));
    assertArrayEquals(new long[] {7}, (long[]) read.get(0));
    assertArrayEquals(new byte[] {1}, (byte[]) ((Optional<?>) read.get(1)).orElseThrow());
  }

  @Test
  void roundTrip_throughCodecsEncodeOfAGenericUserType() {
    Box<Map<String, List<Point>>> box = new Box<>(Map.of("ps", List.of(new Point(1, 2))));
    assertEquals(box, Codecs.decode(Codecs.encode(box), Box.class));
  }

  @Property(tries = 200)
  void anyNestedCollections_roundTrip(
      @ForAll @Size(max = 4) List<@Size(max = 4) Map<String, @Size(max = 4) Set<Long>>> lists,
      @ForAll Optional<@Size(max = 8) List<Character>> chars) {
    List<Object> value = new ArrayList<>();
    value.add(lists);
    value.add(chars);
    assertEquals(value, read(CodecTesting.encode(CODEC, value), CODEC::read));
  }

  @Test
  void fingerprint_isTheHashOfDynamic() {
    assertEquals(Fingerprints.of("dynamic"), CODEC.fingerprint());
  }

  // ---- what cannot be written ----

  @Test
  void write_valueWithoutCodecIsNotTransferable() {
    for (Object value : new Object[] {new Object(), Thread.currentThread(), new String[] {"a"}}) {
      ByteOutput out = new ByteOutput();
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CODEC.write(out, value));
      String name = value.getClass().getTypeName(); // java.lang.String[], as source writes it
      assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + name + " has no generated codec"), e.getMessage());
      assertTrue(e.getMessage().contains("can be copied to another process"), e.getMessage());
      assertTrue(e.getMessage().contains(value.getClass().isArray() ? "send a List"
          : "It is a JDK type, of which Ferry writes only those the README lists"), e.getMessage());
      assertFalse(e.getMessage().contains("annotate " + name), e.getMessage());
      assertEquals(0, out.size(), "nothing is written for a value that cannot be");
    }
  }

  @Test
  void write_notTransferableInsideACollectionNamesTheElementsType() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CODEC.write(new ByteOutput(), Map.of("k", List.of(new StringBuilder()))));
    assertTrue(e.getMessage().startsWith("[ferry:not-transferable] java.lang.StringBuilder"), e.getMessage());
  }

  @Test
  void write_refusesACollectionThatContainsItself() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> CODEC.write(new ByteOutput(), self));
    assertTrue(e.getMessage().contains("deeper than 512"), e.getMessage());
  }

  @Test
  void write_andDefaultReaderAgreeOnTheDepthLimit() {
    Object deepest = nestedLists(511); // 511 lists around a null: 512 values deep
    assertEquals(deepest, read(CodecTesting.encode(CODEC, deepest), CODEC::read));
    assertThrows(
        IllegalArgumentException.class, () -> CODEC.write(new ByteOutput(), nestedLists(512)));
  }

  private static Object nestedLists(int levels) {
    Object value = null;
    for (int i = 0; i < levels; i++) {
      value = Collections.singletonList(value);
    }
    return value;
  }

  // ---- what cannot be read ----

  @Test
  void read_refusesNestingBeyondTheReadersLimit() {
    byte[] fourLists = hex("1d 02".repeat(4) + "00");
    assertEquals(nestedLists(4), CODEC.read(new ByteInput(fourLists, 0, fourLists.length, 5)));
    byte[] fiveLists = hex("1d 02".repeat(5) + "00");
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> CODEC.read(new ByteInput(fiveLists, 0, fiveLists.length, 5)));
    assertTrue(e.getMessage().contains("deeper than 5"), e.getMessage());

    byte[] hostile = hex("1d 02".repeat(100_000) + "00");
    assertThrows(TransferException.class, () -> CODEC.read(new ByteInput(hostile)));
    byte[] optionals = hex("20".repeat(100_000) + "00");
    assertThrows(TransferException.class, () -> CODEC.read(new ByteInput(optionals)));
  }

  @Test
  void read_countsDepthThroughUserTypes() {
    ByteOutput out = new ByteOutput();
    for (int i = 0; i < 600; i++) {
      out.writeVarInt(DynamicCodec.OBJECT);
      out.writeString("dev.ferry.Box");
      out.writeFixedLong(Box_FerryCodec.INSTANCE.fingerprint());
    }
    out.writeVarInt(DynamicCodec.NULL);
    TransferException e =
        assertThrows(TransferException.class, () -> CODEC.read(new ByteInput(out.toByteArray())));
    assertTrue(e.getMessage().contains("deeper than 512"), e.getMessage());
  }

  @Test
  void read_unknownTagIsNamed() {
    assertRefused("63", "unknown value kind 99 at offset 0");
    assertRefused("ff ff ff ff 0f", "unknown value kind 4294967295");
  }

  @Test
  void read_unknownClassIsNamed() {
    assertRefused(object("com.example.Missing", 0), "unknown class com.example.Missing");
    assertRefused(enumOf("com.example.MissingEnum", 0), "unknown class com.example.MissingEnum");
    assertRefused(object("java.lang.Thread", 0), "java.lang.Thread at offset 1 has no generated codec");
    assertRefused(object("[I", 0), "[I at offset 1 has no generated codec");
  }

  @Test
  void read_doesNotInitializeAClassNamedOnTheWire() {
    assertRefused(object("dev.ferry.InitCanary$Target", 0), "has no generated codec");
    assertFalse(InitCanary.initialized);
  }

  @Test
  void componentClass_makesAnArrayOfTheWritersClassWithoutInitializingIt() {
    byte[] bytes = written(out -> DynamicCodec.writeComponentClass(out, new InitCanary.Target[0]));
    Object[] array = DynamicCodec.readComponentClass(new ByteInput(bytes), Object.class, 2);
    assertEquals(InitCanary.Target[].class, array.getClass());
    assertEquals(2, array.length);
    assertFalse(InitCanary.initialized);
    byte[] nested = written(out -> DynamicCodec.writeComponentClass(out, new String[1][]));
    assertEquals(
        String[][].class,
        DynamicCodec.readComponentClass(new ByteInput(nested), Object[].class, 1).getClass());
  }

  @Test
  void componentClass_thatNoArrayOfTheMembersTypeCanHave_isRefused() {
    assertComponentRefused("java.lang.String", Number.class, "is java.lang.String, not a java.lang.Number");
    assertComponentRefused("int", Object.class, "unknown class int");
    assertComponentRefused("com.acme.Missing", Object.class, "unknown class com.acme.Missing");
    assertComponentRefused(
        "[".repeat(255) + "Ljava.lang.String;", Object.class, "cannot be instantiated");
    Object[] strings = new String[1];
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> DynamicCodec.store(new ByteInput(new byte[3]), strings, 0, 42));
    assertEquals(
        "the array element before offset 0 is a java.lang.Integer, not a java.lang.String, the"
            + " class of its array",
        e.getMessage());
  }

  private static void assertComponentRefused(String name, Class<?> bound, String expected) {
    byte[] bytes = written(out -> out.writeString(name));
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> DynamicCodec.readComponentClass(new ByteInput(bytes), bound, 0));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void read_wrongFingerprintIsASchemaMismatch() {
    byte[] bytes = object("dev.ferry.Point", Point_FerryCodec.FINGERPRINT + 1);
    assertRefused(bytes, "schema mismatch for dev.ferry.Point");
  }

  @Test
  void read_enumWithAnotherFingerprintIsASchemaMismatch() {
    // The writer's Suit had its constants in another order: ordinal 0 would be another constant.
    byte[] bytes = written(out -> {
      out.writeVarInt(DynamicCodec.ENUM);
      out.writeString("dev.ferry.Suit");
      out.writeFixedLong(Fingerprints.of("enum dev.ferry.Suit[SPADES, HEARTS, DIAMONDS, CLUBS]"));
      out.writeVarInt(0);
    });
    assertRefused(bytes, "schema mismatch for enum dev.ferry.Suit");
  }

  @Test
  void read_enumOrdinalOutOfRangeIsRefused() {
    assertSame(Suit.SPADES, read(enumOf("dev.ferry.Suit", 3), CODEC::read));
    assertRefused(enumOf("dev.ferry.Suit", 4), "ordinal 4");
    assertRefused(enumOf("dev.ferry.Suit", -1), "ordinal 4294967295");
    assertRefused(enumOf("java.lang.String", 0), "java.lang.String at offset 1 is not an enum");
  }

  @Test
  void read_malformedBodiesAreRefused() {
    assertRefused("04 80 f1 04", "short out of range"); // zig-zag 40000
    assertRefused("05 f0 a2 04", "char out of range"); // 70000
    assertRefused("02 02", "invalid boolean");
    assertRefused("01 80", "null string");
    assertRefused("18 00", "null array size");
    assertRefused("1d 00", "null list size");
    assertRefused("1e 03 06 02 06 02", "duplicate set element at offset 4");
    assertRefused("1f 03 06 02 00 06 02 00", "duplicate map key at offset 5");
    assertRefused("0a fe ff ff ff ff ff ff ff ff 01 00", "invalid java.time.Instant at offset 1");
  }

  @Test
  void read_forgedSizesAreRefusedWithoutAllocating() {
    for (int tag = DynamicCodec.BYTE_ARRAY; tag <= DynamicCodec.MAP; tag++) {
      int kind = tag;
      byte[] forged = written(out -> {
        out.writeVarInt(kind);
        out.writeSize(Integer.MAX_VALUE - 1);
        out.writeBytes(new byte[64], 0, 64);
      });
      long allocated =
          bytesAllocatedWhileFailing(
              TransferException.class, () -> CODEC.read(new ByteInput(forged)));
      assertTrue(allocated < 1 << 20, "tag " + kind + " allocated " + allocated + " bytes");
    }
  }

  @Test
  void read_prefersTheContextClassLoaderAndFallsBackToItsOwn() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    // A loader that sees only the JDK: Point must come from DynamicCodec's own loader.
    thread.setContextClassLoader(new ClassLoader(null) {});
    try {
      assertEquals(new Point(5, 6), read(CodecTesting.encode(CODEC, new Point(5, 6)), CODEC::read));
      assertSame(Suit.CLUBS, read(CodecTesting.encode(CODEC, Suit.CLUBS), CODEC::read));
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  @Test
  void read_nullContextClassLoaderUsesItsOwn() {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    thread.setContextClassLoader(null);
    try {
      assertEquals(new Point(5, 6), read(CodecTesting.encode(CODEC, new Point(5, 6)), CODEC::read));
    } finally {
      thread.setContextClassLoader(saved);
    }
    assertNull(read(hex("00"), CODEC::read));
  }

  private static byte[] object(String className, long fingerprint) {
    return written(out -> {
      out.writeVarInt(DynamicCodec.OBJECT);
      out.writeString(className);
      out.writeFixedLong(fingerprint);
      out.writeBytes(new byte[8], 0, 8);
    });
  }

  private static byte[] enumOf(String className, int ordinal) {
    return written(out -> {
      out.writeVarInt(DynamicCodec.ENUM);
      out.writeString(className);
      out.writeFixedLong(Fingerprints.of("enum " + className + "[CLUBS, DIAMONDS, HEARTS, SPADES]"));
      out.writeVarInt(ordinal);
    });
  }

  private static void assertRefused(String hexBytes, String messagePart) {
    assertRefused(hex(hexBytes), messagePart);
  }

  private static void assertRefused(byte[] bytes, String messagePart) {
    TransferException e =
        assertThrows(TransferException.class, () -> read(bytes, CODEC::read), hex(bytes));
    assertTrue(e.getMessage().contains(messagePart), () -> e.getMessage() + " lacks " + messagePart);
  }
}
