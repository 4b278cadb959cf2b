package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.internal.codec.Fingerprints;
import dev.ferry.TransferException;
import dev.ferry.processor.model.Fingerprint;
import dev.ferry.processor.roundtrip.Fixtures.Account;
import dev.ferry.processor.roundtrip.Fixtures.Boxes;
import dev.ferry.processor.roundtrip.Fixtures.Circle;
import dev.ferry.processor.roundtrip.Fixtures.Collections;
import dev.ferry.processor.roundtrip.Fixtures.Color;
import dev.ferry.processor.roundtrip.Fixtures.Drawing;
import dev.ferry.processor.roundtrip.Fixtures.Empty;
import dev.ferry.processor.roundtrip.Fixtures.Event;
import dev.ferry.processor.roundtrip.Fixtures.Group;
import dev.ferry.processor.roundtrip.Fixtures.Node;
import dev.ferry.processor.roundtrip.Fixtures.Primitives;
import dev.ferry.processor.roundtrip.Fixtures.Settings;
import dev.ferry.processor.roundtrip.Fixtures.Square;
import dev.ferry.processor.roundtrip.Fixtures.Started;
import dev.ferry.processor.roundtrip.Fixtures.Stopped;
import dev.ferry.processor.roundtrip.Fixtures.Tag;
import dev.ferry.processor.roundtrip.Fixtures.Tagged;
import dev.ferry.processor.roundtrip.Fixtures.Texts;
import dev.ferry.processor.roundtrip.Fixtures.Times;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Generated codecs give back equal values, for every supported member type. */
class RoundTripTest {

  static <T> T roundTrip(T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    return Codecs.decode(Codecs.encode(value), type);
  }

  @Test
  void primitives_roundTripAtTheirExtremes() {
    for (Primitives p :
        List.of(
            new Primitives(true, Byte.MIN_VALUE, Short.MIN_VALUE, '\0', Integer.MIN_VALUE,
                Long.MIN_VALUE, Float.NEGATIVE_INFINITY, -0.0),
            new Primitives(false, Byte.MAX_VALUE, Short.MAX_VALUE, '\uffff', Integer.MAX_VALUE,
                Long.MAX_VALUE, Float.NaN, Double.NaN),
            new Primitives(false, (byte) 0, (short) -1, 'x', -1, -1L, Float.MIN_VALUE,
                Double.MAX_VALUE))) {
      Primitives back = roundTrip(p);
      assertEquals(p, back);
      assertEquals(Double.doubleToRawLongBits(p.d()), Double.doubleToRawLongBits(back.d()));
    }
  }

  @Test
  void boxes_roundTripValuesAndNulls() {
    Boxes values = new Boxes(true, (byte) 1, (short) 2, 'c', -3, Long.MIN_VALUE, 1.5f, -0.0);
    Boxes nulls = new Boxes(null, null, null, null, null, null, null, null);
    assertEquals(values, roundTrip(values));
    assertEquals(nulls, roundTrip(nulls));
  }

  @Test
  void strings_roundTripUnicodeNullsAndEnums() {
    Texts texts = new Texts("naïve 日本 😀 \ud83d", "", Color.BLUE, TimeUnit.DAYS);
    assertEquals(texts, roundTrip(texts));
    Texts nulls = new Texts(null, null, null, null);
    assertEquals(nulls, roundTrip(nulls));
  }

  @Test
  void arrays_roundTripInBulkAndNested() {
    Fixtures.Arrays arrays =
        new Fixtures.Arrays(
            new boolean[] {true, false, true},
            new byte[] {-128, 0, 127},
            new short[] {Short.MIN_VALUE, 7},
            new char[] {'a', '\uffff'},
            IntStream.range(-500, 500).toArray(),
            new long[] {Long.MIN_VALUE, 0, Long.MAX_VALUE},
            new float[] {Float.NaN, -0.0f},
            new double[] {Double.MIN_VALUE, Double.NEGATIVE_INFINITY},
            new String[] {"a", null, ""},
            new int[][] {{1, 2}, null, {}},
            new Color[] {Color.RED, null});
    Fixtures.Arrays back = roundTrip(arrays);
    assertArrayEquals(arrays.z(), back.z());
    assertArrayEquals(arrays.b(), back.b());
    assertArrayEquals(arrays.s(), back.s());
    assertArrayEquals(arrays.c(), back.c());
    assertArrayEquals(arrays.i(), back.i());
    assertArrayEquals(arrays.l(), back.l());
    assertArrayEquals(arrays.f(), back.f());
    assertArrayEquals(arrays.d(), back.d());
    assertArrayEquals(arrays.strings(), back.strings());
    assertTrue(Arrays.deepEquals(arrays.grid(), back.grid()));
    assertArrayEquals(arrays.colors(), back.colors());

    Fixtures.Arrays empty =
        new Fixtures.Arrays(new boolean[0], new byte[0], new short[0], new char[0], new int[0],
            new long[0], new float[0], new double[0], new String[0], new int[0][], new Color[0]);
    assertEquals(0, roundTrip(empty).grid().length);
    Fixtures.Arrays nulls =
        new Fixtures.Arrays(null, null, null, null, null, null, null, null, null, null, null);
    assertNull(roundTrip(nulls).i());
  }

  @Test
  void collections_keepOrderNullsAndDeclaredInterfaces() {
    Map<String, List<Long>> map = new LinkedHashMap<>();
    map.put("z", List.of(1L, 2L));
    map.put("a", null);
    map.put(null, new ArrayList<>(Arrays.asList(null, 3L)));
    Set<Integer> set = new LinkedHashSet<>(List.of(9, 1, 5));
    set.add(null);
    Map<Color, Set<String>> inner = new LinkedHashMap<>();
    inner.put(Color.GREEN, new LinkedHashSet<>(List.of("x", "y")));
    Collections value =
        new Collections(
            Arrays.asList("b", null, "a"),
            set,
            map,
            List.of(Color.RED, Color.RED),
            Optional.of("present"),
            Optional.of(Arrays.asList(Optional.of(1), Optional.empty(), null)),
            List.of(inner));
    Collections back = roundTrip(value);
    assertEquals(value, back);
    assertEquals(List.of(9, 1, 5), new ArrayList<>(back.set()).subList(0, 3));
    assertEquals(List.of("z", "a"), new ArrayList<>(back.map().keySet()).subList(0, 2));
    assertTrue(back.set() instanceof Set);

    Collections empty =
        new Collections(List.of(), Set.of(), Map.of(), List.of(), Optional.empty(),
            Optional.empty(), List.of());
    assertEquals(empty, roundTrip(empty));
    Collections nulls = new Collections(null, null, null, null, null, null, null);
    assertEquals(nulls, roundTrip(nulls));
  }

  @Test
  void largeCollections_roundTrip() {
    List<String> big = IntStream.range(0, 200_000).mapToObj(Integer::toString).toList();
    Collections value = new Collections(big, null, null, null, null, null, null);
    assertEquals(big, roundTrip(value).list());
  }

  @Test
  void timeAndNumbers_roundTripAtTheirExtremes() {
    ZonedDateTime overlap =
        ZonedDateTime.ofLocal(
            LocalDateTime.of(2026, 10, 25, 2, 30), ZoneId.of("Europe/Berlin"), ZoneOffset.ofHours(1));
    Times max =
        new Times(Instant.MAX, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), LocalDate.MAX,
            LocalTime.MAX, LocalDateTime.MIN, OffsetDateTime.MAX, overlap, ZoneId.of("UTC"),
            new UUID(Long.MIN_VALUE, -1), BigInteger.TWO.pow(1000).negate(),
            new BigDecimal(new BigInteger("123456789012345678901234567890"), -7));
    Times back = roundTrip(max);
    assertEquals(max, back);
    assertEquals(ZoneOffset.ofHours(1), back.zonedDateTime().getOffset());
    Times nulls = new Times(null, null, null, null, null, null, null, null, null, null, null);
    assertEquals(nulls, roundTrip(nulls));
  }

  @Test
  void nestedAnnotatedTypes_roundTrip() {
    Tag tag = new Tag("t", 1);
    Map<String, Tag> byName = new HashMap<>();
    byName.put("t", tag);
    byName.put("none", null);
    Tagged tagged = new Tagged(tag, Arrays.asList(tag, null), byName, new Tag[] {null, tag});
    Tagged back = roundTrip(tagged);
    assertEquals(tagged.main(), back.main());
    assertEquals(tagged.tags(), back.tags());
    assertEquals(tagged.byName(), back.byName());
    assertArrayEquals(tagged.array(), back.array());
  }

  @Test
  void sealedHierarchies_roundTripEverySubtype() {
    Drawing drawing =
        new Drawing(
            new Group(List.of(new Circle(1), new Group(List.of()), new Square(2))),
            Arrays.asList(new Square(3), null, new Circle(-0.5)));
    assertEquals(drawing, roundTrip(drawing));
    Codec<Event> events = Codecs.of(Event.class);
    ByteOutput out = new ByteOutput();
    events.write(out, new Stopped(3));
    events.write(out, new Started(Instant.EPOCH));
    ByteInput in = new ByteInput(out.toByteArray());
    assertEquals(3, ((Stopped) events.read(in)).code);
    assertEquals(Instant.EPOCH, ((Started) events.read(in)).at);
  }

  @Test
  void classes_roundTripThroughConstructorOrSetters() {
    Account account = new Account(-42, "ada");
    assertEquals(account, roundTrip(account));
    Settings settings = new Settings();
    settings.retries = 3;
    settings.setMode("fast");
    settings.cache = "local only";
    Settings back = roundTrip(settings);
    assertEquals(3, back.retries);
    assertEquals("fast", back.getMode());
    assertEquals("not copied", back.cache);
  }

  @Test
  void recursiveTypes_roundTripUpToTheDepthLimit() {
    Node chain = null;
    for (int i = 0; i < 400; i++) {
      chain = new Node(i, chain);
    }
    assertEquals(chain, roundTrip(chain));
    for (int i = 400; i < 600; i++) {
      chain = new Node(i, chain);
    }
    byte[] tooDeep = Codecs.encode(chain);
    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(tooDeep, Node.class));
    assertTrue(e.getMessage().contains("nested deeper"), e.getMessage());
  }

  @Test
  void emptyRecord_roundTrips() {
    assertEquals(new Empty(), roundTrip(new Empty()));
  }

  @Test
  void everyTruncation_throwsTransferException() {
    Tagged tagged =
        new Tagged(new Tag("main", 1), List.of(new Tag("é", -7)), Map.of("k", new Tag("v", 2)),
            new Tag[] {new Tag("a", 3)});
    byte[] bytes = Codecs.encode(tagged);
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThrows(
          TransferException.class, () -> Codecs.decode(prefix, Tagged.class), "length " + length);
    }
  }

  @Test
  void unknownEnumConstantAndSubtype_throwTransferException() {
    ByteOutput out = new ByteOutput();
    out.writeVarInt(7);
    assertThrows(
        TransferException.class,
        () -> Codecs.of(Color.class).read(new ByteInput(out.toByteArray())));
    TransferException e =
        assertThrows(
            TransferException.class,
            () -> Codecs.of(Fixtures.Shape.class).read(new ByteInput(out.toByteArray())));
    assertTrue(e.getMessage().contains("unknown subtype index 7"), e.getMessage());
  }

  @Test
  void fingerprints_differByShapeAndMatchTheRuntimeHash() {
    assertNotEquals(Codecs.of(Tag.class).fingerprint(), Codecs.of(Circle.class).fingerprint());
    assertNotEquals(Codecs.of(Circle.class).fingerprint(), Codecs.of(Square.class).fingerprint());
    for (String shape : List.of("", "a", "dev.x.Job{id:long}", "日本😀")) {
      assertEquals(Fingerprints.of(shape), Fingerprint.of(shape));
    }
  }

  @Test
  void decodingAnotherTypesBytes_failsWithSchemaMismatch() {
    byte[] circle = Codecs.encode(new Circle(1));
    TransferException e =
        assertThrows(TransferException.class, () -> Codecs.decode(circle, Square.class));
    assertTrue(e.getMessage().contains("schema mismatch"), e.getMessage());
  }

  @Test
  void genericTypes_roundTripTheirTypeArguments() {
    Fixtures.Boxes2 value =
        new Fixtures.Boxes2(
            new Fixtures.Box<>("text"),
            new Fixtures.Box<>(new Tag("t", 1)),
            Arrays.asList(new Fixtures.Box<>(1), null, new Fixtures.Box<>(null)),
            new Fixtures.Pair<>("a", List.of(1L, 2L), new Fixtures.Box<>("b")));
    assertEquals(value, roundTrip(value));
    Fixtures.Outcome ok = new Fixtures.Outcome(new Fixtures.Ok<>(new Tag("ok", 2)));
    Fixtures.Outcome failed = new Fixtures.Outcome(new Fixtures.Failed<>("boom"));
    assertEquals(ok, roundTrip(ok));
    assertEquals(failed, roundTrip(failed));
  }
}
