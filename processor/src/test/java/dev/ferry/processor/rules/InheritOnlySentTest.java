package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.compile;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.Source;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:inherit-only-sent}: an {@code @InheritOnly} type (process-local handles) inside a
 * {@code @Transferable} one, at any depth.
 */
class InheritOnlySentTest {
  /** A user's bundle of handles; holds a plain value, as real ones hold channels. */
  private static final Source PORTS =
      source(
          "test.Ports",
          """
          package test;
          import dev.ferry.annotation.InheritOnly;
          @InheritOnly
          record Ports(int workerId) {}
          """);

  @Test
  void field_isReported() {
    Compilation compilation =
        assertDiagnostics(
            PORTS,
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Job(long id, Ports ports) {} // ferry:inherit-only-sent @ports
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag() + " `Job.ports` is `Ports`, which is @InheritOnly");
  }

  /**
   * A member of a JDK type without a codec whose type argument is {@code @InheritOnly}: the handle
   * is told, as inside a {@code Map}, not the entry's want of a codec, whose fix (copy it into a
   * {@code @Transferable} type) would hold the handle again; in an {@code @InheritOnly} record,
   * where a handle may go, the entry is told with a fix that can carry it.
   */
  /** An enum its author marked {@code @InheritOnly} is no plain enum, sent by name. */
  @Test
  void inheritOnlyEnumMember_isReported() {
    assertDiagnostics(source("test.Job", inheritOnlyEnumMember(true)));
  }

  @Test
  void inheritOnlyEnumMember_twin_compilesClean() {
    assertCompilesClean(source("test.Job", inheritOnlyEnumMember(false)));
  }

  private static String inheritOnlyEnumMember(boolean marked) {
    String program =
        """
        package test;
        import dev.ferry.annotation.InheritOnly;
        import dev.ferry.annotation.Transferable;
        import java.util.Set;
        @Transferable
        record Job(
            long id,
            Lock lock, // ferry:inherit-only-sent @lock
            Set<Lock> held) {} // ferry:inherit-only-sent @held
        @InheritOnly
        enum Lock { READ, WRITE }
        @InheritOnly
        record Setup(Lock lock) {}
        """;
    return marked
        ? program
        : program
            .replace("@InheritOnly\nenum", "enum")
            .replaceAll(" // ferry:\\S+ @\\S+", "");
  }

  @Test
  void memberOfATypeWithoutACodecHoldingAHandle_isToldByTheHandle() {
    Compilation compilation =
        assertDiagnostics(
            PORTS,
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                import dev.ferry.annotation.Transferable;
                import java.util.Map;
                @Transferable
                record Job(long id, Map.Entry<String, Ports> ports) {} // ferry:inherit-only-sent @ports
                @InheritOnly
                record Lane(Map.Entry<String, Ports> ports) {} // ferry:not-transferable @ports
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `Job.ports` is `Entry<String, Ports>`, and `Ports` is @InheritOnly");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Lane.ports` is `Entry<String, Ports>`, and `Entry` is a JDK type Ferry has no"
                + " codec for: it is not a plain value that another process could rebuild from"
                + " bytes. Fix: copy the data you need into an @InheritOnly record: it holds"
                + " `Ports`, which is @InheritOnly");
  }

  @Test
  void memberOfATypeWithoutACodecHoldingAHandle_twin_compilesClean() {
    assertCompilesClean(
        PORTS,
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import java.util.Map;
            @InheritOnly
            record Lane(Map<String, Ports> ports, Named named) {}
            @InheritOnly
            record Named(String name, Ports ports) {}
            """));
  }

  @Test
  void classField_isReported() {
    assertDiagnostics(
        PORTS,
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Job {
              Ports ports; // ferry:inherit-only-sent @ports
              Job() {}
            }
            """));
  }

  @Test
  void field_twin_enclosingInheritOnlyCompilesClean() {
    assertCompilesClean(
        PORTS,
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            record Job(long id, Ports ports) {}
            """));
  }

  @Test
  void listOfPorts_isReportedWithItsPath() {
    Compilation compilation =
        assertDiagnostics(
            PORTS,
            source(
                "test.Team",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                record Team(List<Ports> members) {} // ferry:inherit-only-sent @members
                """));
    assertThat(compilation)
        .hadErrorContaining("`Team.members` is `List<Ports>`, and `Ports` is @InheritOnly");
  }

  @Test
  void mapValueAndKeyOfPorts_areReportedWithTheirPath() {
    Compilation compilation =
        assertDiagnostics(
            PORTS,
            source(
                "test.Team",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.Map;
                @Transferable
                record Team(
                    Map<String, Ports> byName, // ferry:inherit-only-sent @byName
                    Map<Ports, String> names) {} // ferry:inherit-only-sent @names
                """));
    assertThat(compilation)
        .hadErrorContaining("`Team.byName` is `Map<String, Ports>`, and `Ports` is @InheritOnly");
  }

  @Test
  void arrayAndOptionalOfPorts_areReported() {
    assertDiagnostics(
        PORTS,
        source(
            "test.Team",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.Optional;
            @Transferable
            record Team(
                Ports[] members, // ferry:inherit-only-sent @members
                Optional<Ports> lead) {} // ferry:inherit-only-sent @lead
            """));
  }

  @Test
  void atDepth_twin_inheritOnlyHoldingInheritOnlyAndPlainValuesCompilesClean() {
    assertCompilesClean(
        PORTS,
        source(
            "test.Team",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import java.util.List;
            import java.util.Map;
            @InheritOnly
            record Team(
                String name,
                Ports[] members,
                List<Ports> spares,
                Map<String, Ports> byName,
                Ports lead) {}
            """));
  }

  @Test
  void sealedPermittingInheritOnlySubtype_isReportedOnTheSealedType() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Message",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                import dev.ferry.annotation.Transferable;
                @Transferable
                sealed interface Message permits Text, Handles {} // ferry:inherit-only-sent @interface
                @Transferable
                record Text(String body) implements Message {}
                @InheritOnly
                record Handles(int port) implements Message {}
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.format(Messages.inheritOnlySubtype("Message", List.of("Handles"))));
  }

  @Test
  void sealedPermittingInheritOnlySubtype_twin_inheritOnlySealedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Message",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            sealed interface Message permits Text, Handles {}
            @InheritOnly
            record Text(String body) implements Message {}
            @InheritOnly
            record Handles(int port) implements Message {}
            """));
  }

  private static final Source LANE =
      source(
          "test.Lane",
          """
          package test;
          import dev.ferry.Channel;
          import dev.ferry.annotation.InheritOnly;
          @InheritOnly
          class Lane {
            final Channel<String> out;
            Lane(Channel<String> out) {
              this.out = out;
            }
          }
          """);

  /**
   * A {@code @Transferable} class that extends an {@code @InheritOnly} one holds its handles. It was
   * told as {@code transferable-shape} ("inherits fields from `Lane`, which its codec would not
   * copy ... or mark the inherited fields transient"), a fix that would send it without its
   * channel; it is told by this rule, with a fix that keeps the handles and compiles (the twin).
   */
  @Test
  void transferableSubclassOfInheritOnlyClass_isReportedOnTheClass() {
    Compilation compilation = assertDiagnostics(LANE, source("test.NamedLane", NAMED_LANE));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.format(
                Messages.transferableExtendsInheritOnly("NamedLane", "Lane")));
  }

  private static final String NAMED_LANE =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      @Transferable
      final class NamedLane extends Lane { // ferry:inherit-only-sent @class
        NamedLane(Channel<String> out) {
          super(out);
        }
      }
      """;

  /**
   * The same class before {@code Lane} is written (or imported): javac's "cannot find symbol" alone.
   * Ferry, finding no fields to inherit from the error type, told transferable-shape beside it ("no
   * constructor the codec can call ... since `NamedLane` has no fields to copy"), the wrong rule
   * and fix for what the superclass turns out to be (above); ECJ, which flags the declaration,
   * stayed quiet.
   */
  @Test
  void transferableSubclassOfAClassNotWrittenYet_getsJavacsErrorOnly() {
    Compilation compilation = compile(source("test.NamedLane", NAMED_LANE));
    assertThat(compilation).failed();
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      assertWithMessage(error.toString()).that(error.getMessage(null)).doesNotContain("[ferry:");
    }
  }

  @Test
  void transferableSubclassOfInheritOnlyClass_twin_theFixCompilesClean() {
    assertCompilesClean(
        LANE,
        source(
            "test.NamedLane",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            record NamedLane(Lane lane, String name) {}
            """));
  }
}
