package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A value holding an object its declared types do not allow, put there through a raw type (heap
 * pollution, which javac lets pass with an 'unchecked' warning and the checker cannot see): a
 * {@link Bag}, a {@code List<String>}, holding an {@code Integer}. Its codec's cast used to
 * throw a bare {@code ClassCastException} out of {@code send}, {@code Codecs.encode} and a
 * pool's {@code submit}, naming neither the value nor the rule. Now each is refused with {@code
 * [ferry:not-transferable]} naming the value's type and both classes; nothing is sent, and the
 * channel and the pool take the next value.
 */
@Timeout(60)
class PollutedValueTest {
  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Bag polluted() {
    List raw = new ArrayList<>(List.of("a"));
    raw.add(7);
    return new Bag(raw, "polluted");
  }

  private static void assertRefused(Throwable e) {
    assertTrue(e instanceof IllegalArgumentException, String.valueOf(e));
    assertTrue(e.getMessage().startsWith("[ferry:not-transferable] a dev.ferry.Bag cannot be"
        + " written: it holds an object of a class its declared type does not allow (class"
        + " java.lang.Integer cannot be cast to class java.lang.String"), e.getMessage());
    assertTrue(e.getMessage().contains("raw type or an unchecked cast"), e.getMessage());
    assertTrue(e.getCause() instanceof ClassCastException, String.valueOf(e.getCause()));
  }

  private static void echo(Channel<Bag> in, Channel<String> out) throws Exception {
    out.send(in.receive().label());
  }

  static int size(Bag bag) {
    return bag.size();
  }

  @Test
  void aSendOfAPollutedValueIsRefusedAndTheChannelGoesOn() throws Exception {
    Channel<Bag> bags = Channel.create();
    Channel<String> labels = Channel.create();
    Child child = Children.fast("echo").spawn(PollutedValueTest::echo, bags, labels);
    assertRefused(assertThrows(IllegalArgumentException.class, () -> bags.send(polluted())));
    bags.send(new Bag(List.of("b"), "next"));
    assertEquals("next", labels.receive());
    assertEquals(0, child.join());
    assertRefused(assertThrows(IllegalArgumentException.class, () -> Codecs.encode(polluted())));
  }

  @Test
  void aTaskOfAPollutedValueIsRefusedAndThePoolGoesOn() throws Exception {
    try (ProcessPool pool = Children.fast("worker").pool(1)) {
      assertRefused(assertThrows(
          IllegalArgumentException.class, () -> pool.submit(PollutedValueTest::size, polluted())));
      assertEquals(1, pool.submit(PollutedValueTest::size, new Bag(List.of("c"), "ok")).get());
    }
  }
}
