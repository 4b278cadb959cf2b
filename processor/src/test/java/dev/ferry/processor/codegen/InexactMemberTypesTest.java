package dev.ferry.processor.codegen;

import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.source;

import org.junit.jupiter.api.Test;

/**
 * Legal types whose members' declared types Java cannot name inside the codec (type variables,
 * bounded wildcards): their generated codecs must compile without warnings.
 */
class InexactMemberTypesTest {

  /** The codec writes {@code T} through {@code dev.ferry.internal.codec.DynamicCodec}. */
  @Test
  void typeVariableMember_compilesClean() {
    assertCompilesClean(
        source(
            "test.Box",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Box<T>(T value, String label) {}
            """));
  }

  /**
   * The codec reads the member into a {@code List<String>} local; javac rejects {@code
   * List<capture of ? extends String>} there.
   */
  @Test
  void boundedWildcardMember_compilesClean() {
    assertCompilesClean(
        source(
            "test.Bag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Bag(List<? extends String> names) {}
            """));
  }

  /**
   * The codec reads {@code groups} into a {@code Set<List<Shape>>} local, which Java does not
   * convert to {@code Set<List<? extends Shape>>} (only a wildcard at the top converts): the
   * constructor, the setter and the field each take it through the raw type.
   */
  @Test
  void nestedBoundedWildcardMember_compilesClean() {
    assertCompilesClean(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Set;
            @Transferable
            sealed interface Shape permits Shape.Dot {
              @Transferable record Dot(int x) implements Shape {}
              @Transferable
              record Bag(Set<List<? extends Shape>> groups, Map<String, Optional<? extends Shape>> byName,
                  List<? extends Shape>[] rows) {}
              @Transferable
              final class Bean {
                private Set<List<? extends Shape>> groups;
                public Map<String, List<? extends Dot>> byName;
                public Bean() {}
                public Set<List<? extends Shape>> getGroups() { return groups; }
                public void setGroups(Set<List<? extends Shape>> groups) { this.groups = groups; }
              }
            }
            """));
  }
}
