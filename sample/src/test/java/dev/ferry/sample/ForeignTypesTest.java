package dev.ferry.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.sample.Foreign.Reading;
import dev.ferry.sample.billing.Money;
import dev.ferry.sample.billing.Temperature;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An imported library class and a type with a hand-written codec cross channels between real
 * processes, on their own and as members, and come back changed by the child.
 */
class ForeignTypesTest {

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void importedAndHandWrittenTypes_crossToAChildAndBack() throws Exception {
    Reading sent =
        new Reading(
            "roof", Temperature.ofKelvin(280.5), List.of(new Money(100, "EUR"), new Money(25, "EUR")));
    Reading reply = Foreign.throughAChild(new Money(1000, "EUR"), sent);
    assertEquals(
        new Reading("roof@child", Temperature.ofKelvin(281.5), List.of(new Money(1125, "EUR"))),
        reply);
  }
}
