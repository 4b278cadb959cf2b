package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.Codecs;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoundTripTest {
  static <T> T roundTrip(T value) {
    @SuppressWarnings("unchecked")
    Class<T> type = (Class<T>) value.getClass();
    return Codecs.decode(Codecs.encode(value), type);
  }

  @Test
  void record_roundTrips() {
    Fixtures.Tag tag = new Fixtures.Tag("héllo 😀", -5);
    assertEquals(tag, roundTrip(tag));
  }

  @Test
  void primitives_roundTrip() {
    var p = new Fixtures.Primitives(true, (byte) -1, Short.MIN_VALUE, '\uffff', Integer.MIN_VALUE, Long.MIN_VALUE, Float.NaN, -0.0);
    assertEquals(p, roundTrip(p));
  }

  @Test
  void sealed_roundTrips() {
    var d = new Fixtures.Drawing(new Fixtures.Circle(1), List.of(new Fixtures.Square(2), new Fixtures.Group(List.of(new Fixtures.Circle(3)))));
    assertEquals(d, roundTrip(d));
  }
}
