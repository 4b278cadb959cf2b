package dev.ferry.processor.roundtrip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.Codecs;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Members declared as Java 21's sequenced collection interfaces cross in their iteration order and
 * come back as the class the reader builds for their supertype. The record is compiled at test
 * time with {@code --release 21} (this module builds for Java 17) and known here by name only.
 */
class SequencedCollectionsRoundTripTest {
  private static final Source ROSTER =
      Source.of(
          "sq.Roster",
          """
          package sq;
          import dev.ferry.annotation.Transferable;
          import java.util.*;
          @Transferable
          public record Roster(
              SequencedCollection<String> names,
              SequencedSet<String> seen,
              SequencedMap<String, Integer> ranks,
              List<SequencedSet<Integer>> nested,
              Optional<SequencedCollection<Long>> maybe) {
            /** Reversed views, a descending TreeSet and a null value: what a user would send. */
            public static Roster sample() {
              LinkedHashMap<String, Integer> ranks = new LinkedHashMap<>();
              ranks.put("b", 2);
              ranks.put("a", 1);
              ranks.put("c", null);
              return new Roster(
                  new ArrayList<>(List.of("x", "y", "z")).reversed(),
                  new TreeSet<>(Set.of("p", "q", "r")).reversed(),
                  ranks.reversed(),
                  List.of(new LinkedHashSet<>(List.of(3, 1, 2)).reversed()),
                  Optional.of(new ArrayDeque<>(List.of(7L, 8L)).reversed()));
            }

            /** Each member's class and elements, in iteration order. */
            public String described() {
              return describe(names) + describe(seen) + ranks.getClass().getSimpleName() + ranks
                  + describe(nested.get(0)) + describe(maybe.orElseThrow());
            }

            private static String describe(Collection<?> c) {
              return c.getClass().getSimpleName() + c;
            }
          }
          """);

  @Test
  @SuppressWarnings("ferry:not-transferable") // the loaded class is known only as Object here
  void sequencedMembers_keepTheirOrderAndComeBackAsTheirSupertypesReaders() throws Exception {
    assumeTrue(Runtime.version().feature() >= 21, "sequenced collections need Java 21");
    Path classes = FerryCompiler.ferry().withOptions("--release", "21").compileLibrary(ROSTER);
    try (URLClassLoader loader =
        new URLClassLoader(
            new URL[] {classes.toUri().toURL()},
            SequencedCollectionsRoundTripTest.class.getClassLoader())) {
      Class<?> roster = Class.forName("sq.Roster", true, loader);
      Object sent = roster.getMethod("sample").invoke(null);

      Object read = Codecs.decode(Codecs.encode(sent), roster);

      assertEquals(
          "ArrayList[z, y, x]LinkedHashSet[r, q, p]LinkedHashMap{c=null, a=1, b=2}"
              + "LinkedHashSet[2, 1, 3]ArrayList[8, 7]",
          roster.getMethod("described").invoke(read));
    }
  }
}
