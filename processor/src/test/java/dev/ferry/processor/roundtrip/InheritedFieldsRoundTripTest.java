package dev.ferry.processor.roundtrip;

import static dev.ferry.processor.roundtrip.RoundTripTest.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.Codecs;
import dev.ferry.processor.roundtrip.Inheritance.Event;
import dev.ferry.processor.roundtrip.Inheritance.Premium;
import dev.ferry.processor.roundtrip.Inheritance.Started;
import dev.ferry.processor.roundtrip.Inheritance.Stopped;
import dev.ferry.processor.roundtrip.Inheritance.Tagged;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A class's inherited fields cross with its own: the other process sees them set. */
class InheritedFieldsRoundTripTest {

  @Test
  void sealedParentsField_crossesWithEachSubclass() {
    Started started = new Started(42, "ann");
    Started back = roundTrip(started);
    assertEquals(42, back.at);
    assertEquals(started, back);
    assertEquals(new Stopped(7), roundTrip(new Stopped(7)));
  }

  @Test
  void subclassSentAsItsSealedParent_keepsTheParentsField() {
    @SuppressWarnings("ferry:not-transferable")
    byte[] bytes = Codecs.encode(new Started(9, "bo"));
    assertEquals(new Started(9, "bo"), Codecs.decode(bytes, Event.class));
  }

  @Test
  void fieldsTwoLevelsUpInAnotherPackage_readThroughItsAccessors() {
    Premium premium = new Premium(5, "cy", 3, 2.5);
    Premium back = roundTrip(premium);
    assertEquals(5, back.getId());
    assertEquals("cy", back.getOwner());
    assertEquals(premium, back);
  }

  @Test
  void genericBaseWithItsArgumentFixed_crosses() {
    Tagged tagged = new Tagged(List.of("a", "b"), 4);
    assertEquals(tagged, roundTrip(tagged));
  }
}
