package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.processor.roundtrip.Fixtures.Boxes;
import dev.ferry.processor.roundtrip.Fixtures.Collections;
import dev.ferry.processor.roundtrip.Fixtures.Color;
import dev.ferry.processor.roundtrip.Fixtures.Primitives;
import dev.ferry.processor.roundtrip.Fixtures.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.WithNull;

/** Randomized round trips over many generated values (jqwik shrinks any failure to its simplest). */
class RoundTripPropertyTest {

  @Property(tries = 500)
  void primitives_roundTrip(
      @ForAll boolean z, @ForAll byte b, @ForAll short s, @ForAll char c, @ForAll int i,
      @ForAll long l, @ForAll float f, @ForAll double d) {
    Primitives value = new Primitives(z, b, s, c, i, l, f, d);
    assertEquals(value, RoundTripTest.roundTrip(value));
  }

  @Property(tries = 300)
  void boxes_roundTrip(
      @ForAll @WithNull Boolean z, @ForAll @WithNull Byte b, @ForAll @WithNull Short s,
      @ForAll @WithNull Character c, @ForAll @WithNull Integer i, @ForAll @WithNull Long l,
      @ForAll @WithNull Float f, @ForAll @WithNull Double d) {
    Boxes value = new Boxes(z, b, s, c, i, l, f, d);
    assertEquals(value, RoundTripTest.roundTrip(value));
  }

  @Property(tries = 500)
  void anyString_roundTripsExactly(@ForAll @WithNull String text, @ForAll int weight) {
    Tag tag = new Tag(text, weight);
    assertEquals(tag, RoundTripTest.roundTrip(tag));
  }

  @Property(tries = 200)
  void collections_roundTrip(
      @ForAll @Size(max = 50) List<@WithNull String> list,
      @ForAll @Size(max = 50) Set<Integer> set,
      @ForAll @Size(max = 20) Map<String, @Size(max = 10) List<Long>> map,
      @ForAll("colors") List<Color> colors,
      @ForAll Optional<String> optional) {
    Collections value = new Collections(list, set, map, colors, optional, Optional.empty(), null);
    assertEquals(value, RoundTripTest.roundTrip(value));
  }

  @Provide
  Arbitrary<List<Color>> colors() {
    return Arbitraries.of(Color.class).injectNull(0.1).list().ofMaxSize(20);
  }

  @Property(tries = 200)
  void arrays_roundTrip(@ForAll int[] ints, @ForAll double[] doubles, @ForAll byte[] bytes) {
    Fixtures.Arrays value =
        new Fixtures.Arrays(null, bytes, null, null, ints, null, null, doubles, null, null, null);
    Fixtures.Arrays back = RoundTripTest.roundTrip(value);
    assertArrayEquals(ints, back.i());
    assertArrayEquals(doubles, back.d());
    assertArrayEquals(bytes, back.b());
  }

  @Property(tries = 50)
  void truncatedEncodings_alwaysThrowTransferException(
      @ForAll @Size(max = 8) List<@WithNull String> list,
      @ForAll @Size(max = 4) Map<String, @Size(max = 4) List<Long>> map) {
    byte[] bytes =
        Codecs.encode(new Collections(list, null, map, null, Optional.of("x"), null, null));
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThrows(TransferException.class, () -> Codecs.decode(prefix, Collections.class));
    }
  }
}
