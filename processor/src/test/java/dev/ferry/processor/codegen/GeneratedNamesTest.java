package dev.ferry.processor.codegen;

import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.source;

import org.junit.jupiter.api.Test;

/**
 * Names a user may pick that the generated code also uses: member names equal to a type or
 * package the codec names, classes of the user's package named like {@code java.lang} types, and
 * enums that share a simple name. Each is a legal program, so its codecs must compile clean.
 */
class GeneratedNamesTest {

  /**
   * A local named {@code Integer} made {@code Integer.valueOf(...)} a call on the local, and one
   * named like a lower-case type or a package root obscures it in a qualified name.
   */
  @Test
  void membersNamedLikeTypesAndPackages_codecsCompileClean() {
    assertCompilesClean(
        source(
            "test.Clash",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.SortedSet;
            @Transferable
            record Clash(
                Integer Integer,
                Long Long,
                List<point> List,
                Optional<String> Optional,
                Map<String, Integer> ArrayList,
                SortedSet<String> TreeSet,
                Color Color,
                Color COLOR_CONSTANTS,
                point point,
                point point_FerryCodec,
                String java,
                String test,
                int INSTANCE,
                int FINGERPRINT,
                String Clash) {}
            @Transferable
            record point(int x) {}
            @Transferable
            enum Color { RED }
            """));
  }

  /** Classes of the codec's own package shadowed {@code java.lang}'s when not imported. */
  @Test
  void packageClassesNamedLikeJavaLang_codecsCompileClean() {
    assertCompilesClean(
        source("test.Override", "package test; class Override {}"),
        source("test.SuppressWarnings", "package test; class SuppressWarnings {}"),
        source("test.Integer", "package test; class Integer {}"),
        source("test.String", "package test; class String {}"),
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Job(java.lang.Integer id, java.lang.String name, List<java.lang.String> tags) {}
            @Transferable
            record Box<T>(T value) {}
            @Transferable
            enum Kind { A }
            @Transferable
            sealed interface Shape permits Dot {}
            @Transferable
            record Dot(int x) implements Shape {}
            """));
  }

  /** Each enum's cached constants had a field named after its simple name alone. */
  @Test
  void enumsOfOneSimpleName_codecsCompileClean() {
    assertCompilesClean(
        source("a.Color", "package a; public enum Color { RED }"),
        source("b.Color", "package b; public enum Color { CYAN, MAGENTA }"),
        source(
            "test.Palette",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Palette(a.Color a, b.Color b, List<b.Color> bs, Color mine, COLOR shouting) {}
            @Transferable
            enum Color { GREEN }
            @Transferable
            enum COLOR { BLUE }
            """));
  }

  /**
   * An enum named as another enum's cached constants ({@code E_CONSTANTS} beside {@code E}): the
   * field for {@code E} took that name and obscured the type in {@code E_CONSTANTS.values()}
   * ("cannot find symbol: method values()" in the generated codec, under javac and ECJ).
   */
  @Test
  void enumNamedAsAnotherEnumsConstantsField_codecsCompileClean() {
    assertCompilesClean(
        source("test.E", "package test; public enum E { A }"),
        source("test.E_CONSTANTS", "package test; public enum E_CONSTANTS { B }"),
        source(
            "test.Pair",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.EnumSet;
            @Transferable
            record Pair(E e, E_CONSTANTS f, EnumSet<E_CONSTANTS> fs) {}
            """));
  }
}
