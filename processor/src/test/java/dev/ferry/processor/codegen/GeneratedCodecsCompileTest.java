package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertWithMessage;
import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.JavaFileObject;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every codec the processor generates compiles, with no warning under {@code -Xlint:all}, over a
 * matrix of shapes: each way to build a value (record, constructor, no-argument constructor with
 * field stores or setters, a sealed interface's subtype) crossed with members that use a type
 * variable in every position a member type can (alone, array, list, wildcard, map key and value,
 * optional, inside a generic annotated type), for every kind of bound a type variable can have.
 *
 * <p>A legal program that the generated code breaks is the worst kind of bug: before bounded
 * variables were handled, {@code record Ranked<T extends Comparable<T>>(T value, int rank)} got no
 * error and a codec that did not compile ("cannot infer type arguments for Ranked<>").
 */
class GeneratedCodecsCompileTest {

  /** The members every shape has, in terms of the type variable {@code T}. */
  private static final List<String> MEMBERS =
      List.of(
          "T value",
          "T[] values",
          "List<T> list",
          "Set<? extends T> set",
          "Map<String, T> byName",
          "Map<T, List<T>> groups",
          "Optional<T> maybe",
          "Box<T> box",
          "List<Box<T>> boxes",
          "Same<T> same",
          "int rank");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "T",
        "T extends Number",
        "T extends Comparable<T>",
        "T extends Number & Comparable<T>",
        "T extends CharSequence",
        "T extends Enum<T>",
        "T extends Shape",
        "T extends List<String>",
        "S, T extends S",
      })
  void everyShape_codecsCompileClean(String typeParameters) {
    // Under every lint but javac's processing one (see LintCleanCodecsTest), as errors.
    Compilation compilation =
        ferry()
            .withOptions("-Xlint:all,-processing", "-Werror")
            .expectingClean(source("test.Shapes", shapes(typeParameters)));
    Set<String> codecs =
        compilation.generatedSourceFiles().stream()
            .map(JavaFileObject::getName)
            .map(name -> name.substring(name.lastIndexOf('/') + 1))
            .collect(Collectors.toCollection(TreeSet::new));
    assertWithMessage("codecs generated for <%s>", typeParameters)
        .that(codecs)
        .containsAtLeast(
            "Shapes_Ranked_FerryCodec.java",
            "Shapes_Built_FerryCodec.java",
            "Shapes_Stored_FerryCodec.java",
            "Shapes_Setters_FerryCodec.java",
            "Shapes_Variant_FerryCodec.java",
            "Shapes_Impl_FerryCodec.java",
            "Shapes_Same_FerryCodec.java");
  }

  /** One source with every shape, for one type-parameter declaration. */
  private static String shapes(String typeParameters) {
    String variables = variablesOf(typeParameters);
    List<String> members =
        MEMBERS.stream().map(m -> m.replace("Same<T>", "Same<" + variables + ">")).toList();
    String components = String.join(", ", members);
    StringBuilder fields = new StringBuilder();
    StringBuilder accessors = new StringBuilder();
    StringBuilder assignments = new StringBuilder();
    StringBuilder setters = new StringBuilder();
    StringBuilder parameters = new StringBuilder();
    for (String member : members) {
      int space = member.lastIndexOf(' ');
      String type = member.substring(0, space);
      String name = member.substring(space + 1);
      String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
      fields.append("    private final ").append(member).append(";\n");
      accessors.append("    public ").append(type).append(" get").append(capitalized)
          .append("() { return ").append(name).append("; }\n");
      assignments.append("      this.").append(name).append(" = ").append(name).append(";\n");
      setters.append("    private ").append(member).append(";\n")
          .append("    public ").append(type).append(" get").append(capitalized)
          .append("() { return ").append(name).append("; }\n")
          .append("    public void set").append(capitalized).append("(").append(member)
          .append(") { this.").append(name).append(" = ").append(name).append("; }\n");
      parameters.append(parameters.length() == 0 ? "" : ", ").append(member);
    }
    String stored = String.join("\n", members.stream().map(m -> "    " + m + ";").toList());
    return """
        package test;
        import dev.ferry.annotation.Transferable;
        import java.util.List;
        import java.util.Map;
        import java.util.Optional;
        import java.util.Set;
        final class Shapes {
          @Transferable sealed interface Shape permits Circle {}
          @Transferable record Circle(double radius) implements Shape {}
          @Transferable record Box<B>(B value) {}
          @Transferable record Same<%1$s>(T value, List<T> list) {}

          @Transferable record Ranked<%1$s>(%3$s) {}

          @Transferable static final class Built<%1$s> {
        %4$s
            Built(%6$s) {
        %5$s    }
        %7$s  }

          @Transferable static final class Stored<%1$s> {
        %8$s
          }

          @Transferable static final class Setters<%1$s> {
        %9$s  }

          @Transferable sealed interface Variant<%1$s> permits Impl {}
          @Transferable record Impl<%1$s>(%3$s) implements Variant<%2$s> {}
        }
        """
        .formatted(
            typeParameters,
            variables,
            components,
            fields,
            assignments,
            parameters,
            accessors,
            stored,
            setters);
  }

  /**
   * An {@code @InheritOnly} record of channels gets its codec: the channel's codec lives apart
   * from {@code Channel}, in Ferry's runtime, and is no {@code Codec} class itself; counted as a
   * user's class named like a codec, it left every such record without a codec, and a spawn with
   * one failed at run time ("Ports has no codec"), with no word at compile time.
   */
  @org.junit.jupiter.api.Test
  void inheritOnlyRecordOfChannels_getsItsCodec() {
    Compilation compilation =
        ferry()
            .compile(
                source(
                    "test.Ports",
                    """
                    package test;
                    import dev.ferry.Channel;
                    import dev.ferry.annotation.InheritOnly;
                    import dev.ferry.annotation.Transferable;
                    @InheritOnly
                    public record Ports(Channel<Job> jobs, Channel<String> names, int id) {
                      @Transferable public record Job(int id) {}
                    }
                    """));
    assertWithMessage(compilation.diagnostics().toString())
        .that(compilation.generatedSourceFile("test.Ports_FerryCodec").isPresent())
        .isTrue();
    assertWithMessage(compilation.diagnostics().toString())
        .that(compilation.errors())
        .isEmpty();
  }

  /** {@code "S, T extends S"} to {@code "S, T"}. */
  private static String variablesOf(String typeParameters) {
    return java.util.Arrays.stream(typeParameters.split(",\\s*(?=[A-Z]\\b)"))
        .map(p -> p.strip().split("\\s+")[0])
        .collect(Collectors.joining(", "));
  }
}
