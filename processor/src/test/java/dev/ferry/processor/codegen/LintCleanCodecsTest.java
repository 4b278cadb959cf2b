package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.LintShapes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Generated codecs give javac no warning under {@code -Xlint:all -Werror}, so that a legal program
 * built that strictly still compiles: a codec that names a deprecated element (its own type, a
 * member's type, an accessor, a constructor) suppresses exactly that category, and a codec that
 * names none suppresses nothing, since ECJ warns about an unnecessary {@code @SuppressWarnings}.
 *
 * <p>{@code -processing} is left out of the lint: javac's {@code processing} lint warns that no
 * processor claimed Ferry's annotations, which Ferry's processors leave unclaimed on purpose (see
 * the README), and says nothing about generated code.
 */
class LintCleanCodecsTest {
  private static final FerryCompiler STRICT =
      ferry().withOptions("-Xlint:all,-processing", "-Werror");
  private static final String DEPRECATION = "@SuppressWarnings(\"deprecation\")";

  @Test
  void deprecatedRecord_codecSuppressesDeprecation() {
    Compilation compilation =
        STRICT.expectingClean(
            source(
                "test.Old",
                """
                package test;
                @Deprecated
                @dev.ferry.annotation.Transferable
                public record Old(String name) {}
                """));
    assertSuppresses(compilation, "test/Old_FerryCodec.java", "@SuppressWarnings(\"deprecation\")");
  }

  @Test
  void forRemovalRecord_codecSuppressesRemoval() {
    Compilation compilation =
        STRICT.expectingClean(
            source(
                "test.Gone",
                """
                package test;
                @Deprecated(forRemoval = true)
                @dev.ferry.annotation.Transferable
                public record Gone(int x) {}
                """));
    assertSuppresses(compilation, "test/Gone_FerryCodec.java", "@SuppressWarnings(\"removal\")");
  }

  @Test
  void deprecatedMemberTypes_holderCodecSuppressesBoth() {
    Compilation compilation =
        STRICT.expectingClean(
            source(
                "test.Old",
                """
                package test;
                @Deprecated
                @dev.ferry.annotation.Transferable
                public record Old(String name) {}
                """),
            source(
                "test.Outer",
                """
                package test;
                @Deprecated(forRemoval = true)
                public final class Outer {
                  public enum Color { RED, GREEN }
                }
                """),
            source(
                "test.Holder",
                """
                package test;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                @SuppressWarnings({"deprecation", "removal"}) // its own uses: not the codec's
                @dev.ferry.annotation.Transferable
                public record Holder(
                    List<Old> olds, Map<String, Outer.Color> colors, Optional<Old[]> maybe) {}
                """));
    assertSuppresses(
        compilation,
        "test/Holder_FerryCodec.java",
        "@SuppressWarnings({\"deprecation\", \"removal\"})");
  }

  @Test
  void deprecatedAccessorsAndConstructors_codecSuppressesDeprecation() {
    Compilation compilation =
        STRICT.expectingClean(
            source(
                "test.Bean",
                """
                package test;
                @dev.ferry.annotation.Transferable
                public final class Bean {
                  private final String name;
                  @Deprecated public Bean(String name) { this.name = name; }
                  @Deprecated public String getName() { return name; }
                }
                """),
            source(
                "test.Stored",
                """
                package test;
                @dev.ferry.annotation.Transferable
                public final class Stored {
                  private int count;
                  public Stored() {}
                  public int getCount() { return count; }
                  @Deprecated(forRemoval = true) public void setCount(int count) { this.count = count; }
                }
                """),
            source(
                "test.Point",
                """
                package test;
                @dev.ferry.annotation.Transferable
                public record Point(@Deprecated int x, int y) {
                  @Deprecated
                  public Point {}
                }
                """));
    assertSuppresses(compilation, "test/Bean_FerryCodec.java", DEPRECATION);
    assertSuppresses(compilation, "test/Stored_FerryCodec.java", "@SuppressWarnings(\"removal\")");
    assertSuppresses(compilation, "test/Point_FerryCodec.java", DEPRECATION);
  }

  @Test
  void deprecatedSubtypeAndBound_codecSuppressesDeprecation() {
    Compilation compilation =
        STRICT.expectingClean(
            source(
                "test.Shape",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public sealed interface Shape permits Shape.Circle, Shape.Square {
                  @Transferable record Circle(double radius) implements Shape {}
                  @Deprecated @Transferable record Square(double side) implements Shape {}
                }
                """),
            source(
                "test.Measure",
                """
                package test;
                @Deprecated
                public interface Measure {}
                """),
            source(
                "test.Ranked",
                """
                package test;
                @SuppressWarnings("deprecation")
                @dev.ferry.annotation.Transferable
                public record Ranked<T extends Measure>(T value, int rank) {}
                """));
    assertSuppresses(compilation, "test/Shape_FerryCodec.java", DEPRECATION);
    assertSuppresses(
        compilation, "test/Ranked_FerryCodec.java", "@SuppressWarnings(\"deprecation\")");
    assertSuppresses(compilation, "test/Shape_Circle_FerryCodec.java", null);
  }

  /**
   * Without any deprecated element, the generated code is clean under every lint for members of
   * every kind: generics, arrays, maps of lists, enums, nested records, optionals, a sealed type.
   */
  @Test
  void everyMemberKind_noWarningAndNoSuppression() {
    Compilation compilation =
        STRICT.expectingClean(
            source(
                "test.Kinds",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.time.Instant;
                import java.util.*;
                @Transferable
                public record Kinds(
                    List<Map<String, List<Integer>>> nested,
                    int[][] grid,
                    String[] names,
                    Optional<Inner> inner,
                    Color color,
                    Set<Color> colors,
                    EnumSet<Color> flags,
                    EnumMap<Color, String> byColor,
                    SortedMap<String, List<Inner>> sorted,
                    Box<String> box,
                    List<Box<Integer>> boxes,
                    Box<List<String>>[] boxArray,
                    Map<Box<String>, Set<Inner>> byBox,
                    Shape shape,
                    Queue<Long> queue,
                    Optional<Instant> when,
                    Integer boxed) {
                  public enum Color { RED, GREEN }
                  @Transferable public record Inner(long id, List<String> tags) {}
                  @Transferable public record Box<T>(T value, List<T> values, T[] array) {}
                  @Transferable public sealed interface Shape permits Circle {}
                  @Transferable public record Circle(double radius) implements Shape {}
                }
                """));
    for (JavaFileObject file : compilation.generatedSourceFiles()) {
      assertWithMessage(file.getName()).that(text(file)).doesNotContain("\"deprecation\"");
      assertWithMessage(file.getName()).that(text(file)).doesNotContain("\"removal\"");
    }
  }

  /**
   * Generic types' codecs make unchecked casts and raw calls, which each method suppresses; javac
   * must see no use left unsuppressed (ECJ, which reports an unnecessary suppression, judges the
   * same source in {@code EcjTest}).
   */
  @Test
  void genericTypes_noWarning() {
    STRICT.expectingClean(source("test.Generic", LintShapes.GENERIC_TYPES));
  }

  /** javac's side of EcjTest's collections that hold no nulls, of arrays, lists and maps. */
  @Test
  void nullFreeCollectionsOfContainers_noWarning() {
    STRICT.expectingClean(source("test.NoNulls", LintShapes.NULL_FREE_CONTAINERS));
  }

  /**
   * A deprecated hand-written codec (the class, or its {@code INSTANCE}) is named by every codec
   * that calls it or mixes in its fingerprint, at any depth: those codecs suppress its category.
   * They used to suppress nothing, and javac warned of each use in them.
   */
  @Test
  void deprecatedHandWrittenCodecs_codecsNamingThemSuppressTheirCategories() {
    Compilation compilation =
        STRICT.expectingClean(source("test.Legacy", LintShapes.DEPRECATED_CODECS));
    String both = "@SuppressWarnings({\"deprecation\", \"removal\"})";
    assertSuppresses(compilation, "test/Legacy_Invoice_FerryCodec.java", both);
    assertSuppresses(compilation, "test/Legacy_Ledger_FerryCodec.java", both);
  }

  /**
   * javac reports the codec's call of the implicit accessor of a {@code @Deprecated} component, so
   * the codec suppresses {@code deprecation} under javac (ECJ, which does not, is EcjTest's).
   */
  @Test
  void deprecatedRecordComponent_codecSuppressesDeprecationUnderJavac() {
    Compilation compilation =
        ferry()
            .withOptions("-Xlint:all,-processing,-deprecation", "-Werror")
            .expectingClean(source("test.Old", LintShapes.DEPRECATED_COMPONENT));
    assertSuppresses(compilation, "test/Old_FerryCodec.java", DEPRECATION);
  }

  /**
   * Every member of a generated codec has a comment, so that {@code -Xdoclint:all -Werror} passes
   * a legal program whose own code is documented: the public {@code INSTANCE}, the private
   * constructor, the enum constants a codec holds, a sealed type's subtype table, the accessors of
   * the codecs it calls and the methods of a member too large to write inline had none ("warning:
   * no comment"). Only the generated files are judged: javac 17's doclint also asks a comment of
   * each record component.
   */
  @Test
  void everyMemberKind_codecsGiveDoclintNoWarning() {
    String wide =
        java.util.stream.IntStream.range(0, 254)
            .mapToObj(i -> "java.util.Map<String, java.util.List<Integer>> c" + i)
            .collect(java.util.stream.Collectors.joining(", "));
    Compilation compilation =
        ferry()
            // javac stops reporting warnings after 100, and the shared shapes' own code has more.
            .withOptions("-Xdoclint:all", "-Xmaxwarns", "100000")
            .compiling(
                source("test.Generic", LintShapes.GENERIC_TYPES),
                source("test.Legacy", LintShapes.DEPRECATED_CODECS),
                source(
                    "test.Shapes",
                    """
                    package test;
                    import dev.ferry.annotation.Transferable;
                    import dev.ferry.annotation.TransferableImport;
                    import java.util.*;
                    /** Shapes. */
                    @TransferableImport(Shapes.Plain.class)
                    public final class Shapes {
                      private Shapes() {}
                      /** A color. */
                      public enum Color {
                        /** Red. */
                        RED
                      }
                      /** A shape. */
                      @Transferable public sealed interface Shape permits Circle {}
                      /** A circle. @param r the radius @param color its color */
                      @Transferable public record Circle(double r, Color color) implements Shape {}
                      /** Shapes. @param shapes the shapes @param plain a plain one */
                      @Transferable public record Drawing(Map<String, Shape> shapes, Plain plain) {}
                      /** A plain class. */
                      public static final class Plain {
                        /** The x. */
                        public final int x;
                        /** Makes one. @param x the x */
                        public Plain(int x) {
                          this.x = x;
                        }
                      }
                    }
                    """),
                source(
                    "test.Wide",
                    """
                    package test;
                    /** Wide. */
                    @dev.ferry.annotation.Transferable
                    public record Wide(%s) {}
                    """
                        .formatted(wide)));
    assertWithMessage("errors").that(compilation.errors()).isEmpty();
    List<String> inCodecs =
        compilation.warnings().stream()
            .filter(w -> w.getSource() != null && w.getSource().getName().endsWith("_FerryCodec.java"))
            .map(w -> w.getSource().getName() + ":" + w.getLineNumber() + ": " + w.getMessage(null))
            .toList();
    assertWithMessage("doclint warnings in generated codecs, of " + inCodecs.size())
        .that(inCodecs.subList(0, Math.min(10, inCodecs.size())))
        .isEmpty();
  }

  /**
   * Asserts the class-level annotation of the generated codec {@code path}: {@code expected}, or
   * none at all when null.
   */
  private static void assertSuppresses(Compilation compilation, String path, String expected) {
    JavaFileObject file =
        compilation.generatedSourceFiles().stream()
            .filter(f -> f.toUri().getPath().endsWith("/" + path))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no generated " + path));
    String text = text(file);
    String header = text.substring(0, text.indexOf("public final class"));
    int annotation = header.lastIndexOf("@Generated");
    String classAnnotations = header.substring(annotation);
    if (expected == null) {
      assertWithMessage(path).that(classAnnotations).doesNotContain("@SuppressWarnings");
    } else {
      assertWithMessage(path).that(classAnnotations).contains(expected);
    }
  }

  private static String text(JavaFileObject file) {
    try {
      return file.getCharContent(true).toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
