package dev.ferry.processor.rules;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:local-class}: a type that a child process cannot find by name, annotated or used
 * as a member. Classes declared inside methods are in {@link LocalClassInMethodTest}.
 */
public class LocalClassTest {

  @Test
  void annotatedInnerClass_isReportedOnTheClass() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                final class Outer {
                  @Transferable
                  final class Inner { // ferry:local-class @class
                    int x;
                    Inner() {}
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.format(
                Messages.localDeclaration("Inner", "Transferable", "an inner (non-static) class")));
  }

  @Test
  void annotatedInnerClass_twin_staticNestedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              static final class Inner {
                int x;
                Inner() {}
              }
            }
            """));
  }

  private static final Source PACKAGE_PRIVATE_COLOR =
      source(
          "test.Color",
          """
          package test;
          @dev.ferry.annotation.Transferable
          enum Color { RED }
          """);

  /**
   * An inner class's member of a package-private type beside it was also told '`Inner.color` is
   * `Color`, and `Color` is not public and belongs to another package, so the generated codec of
   * `Inner`, which lives in package ``, cannot name it' (found by the codec probe's generated
   * programs): the codec's package was taken as "" for a type that gets no codec.
   */
  @Test
  void annotatedInnerClass_memberOfAPackagePrivateTypeBesideIt_isToldOnlyThatItIsInner() {
    Compilation compilation =
        assertDiagnostics(
            PACKAGE_PRIVATE_COLOR,
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                public final class Outer {
                  @Transferable
                  public final class Inner { // ferry:local-class @class
                    private final Color color;
                    Inner(Color color) { this.color = color; }
                    public Color color() { return color; }
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.format(
                Messages.localDeclaration("Inner", "Transferable", "an inner (non-static) class")));
  }

  @Test
  void annotatedInnerClass_memberOfAPackagePrivateTypeBesideIt_twin_staticNestedCompilesClean() {
    assertCompilesClean(
        PACKAGE_PRIVATE_COLOR,
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            public final class Outer {
              @Transferable
              public static final class Inner {
                private final Color color;
                Inner(Color color) { this.color = color; }
                public Color color() { return color; }
              }
            }
            """));
  }

  @Test
  void annotatedInheritOnlyInnerClass_namesInheritOnly() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                final class Outer {
                  @InheritOnly
                  final class Handles { // ferry:local-class @class
                    int port;
                    Handles() {}
                  }
                }
                """));
    assertThat(compilation).hadErrorContaining("so it cannot be @InheritOnly");
  }

  @Test
  void classNestedInInnerClass_isReported() {
    assertDiagnostics(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              final class Inner {
                @Transferable
                final class Deeper { // ferry:local-class @class
                  int x;
                  Deeper() {}
                }
              }
            }
            """));
  }

  @Test
  void staticMembersOfInnerClass_compileClean() {
    // Since Java 16 an inner class may declare static members. They need no outer instance and
    // have a canonical name (Outer.Inner.Job), so generated code can name and build them.
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              final class Inner {
                @Transferable
                record Job(long id) {}

                @Transferable
                static final class Task {
                  int x;
                  Task() {}
                }
              }

              @Transferable
              record Batch(Inner.Job job, Inner.Task task) {}
            }
            """));
  }

  @Test
  void memberOfInnerClassType_isReportedOnTheMember() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                final class Outer {
                  final class Inner {}

                  @Transferable
                  record Job(Inner task) {} // ferry:local-class @task
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.tag() + " `Job.task` is `Inner`, which is an inner (non-static) class");
  }

  @Test
  void memberOfInnerClassType_twin_staticNestedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Outer {
              @Transferable
              record Inner(int x) {}

              @Transferable
              record Job(Inner task) {}
            }
            """));
  }

  @Test
  void mapOfInnerToInheritOnly_getsOneErrorNamingTheLocalClass() {
    // Both Inner (local-class) and Ports (inherit-only-sent) are at fault; the higher-ranked rule
    // names the problem, once.
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Outer",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                import dev.ferry.annotation.Transferable;
                import java.util.Map;
                final class Outer {
                  class Inner {}

                  @InheritOnly
                  record Ports(int id) {}

                  @Transferable
                  record Job(Map<Inner, Ports> routes) {} // ferry:local-class @routes
                }
                """));
    assertThat(compilation)
        .hadErrorContaining("`Job.routes` is `Map<Inner, Ports>`, and `Inner` is an inner");
  }

  @Test
  void mapOfInnerToInheritOnly_twin_staticKeyInInheritOnlyCompilesClean() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            import java.util.Map;
            final class Outer {
              @Transferable
              record Key(String name) {}

              @InheritOnly
              record Ports(int id) {}

              @InheritOnly
              record Job(Map<Key, Ports> routes) {}
            }
            """));
  }
  /**
   * A compact source file (Java 25: {@code void main()} with no class around it) declares an
   * implicit class that no other code may name: the codec generated for a type inside it, which
   * names {@code Main.Job}, did not compile. It is an error on the type, and nothing is generated.
   */
  @Test
  void annotatedTypeInCompactSourceFile_isReported() {
    assumeTrue(Runtime.version().feature() >= 25, "compact source files need Java 25");
    Compilation compilation =
        FerryCompiler.ferry()
            .withOptions("--release", "25")
            .expectingMarked(
                source(
                    "Main",
                    """
                    import dev.ferry.annotation.Transferable;
                    @Transferable
                    record Job(String name) {} // ferry:local-class @record
                    void main() {
                      System.out.println(new Job("a"));
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.format(
                Messages.implicitClassDeclaration("Job", "Transferable", "Main")));
  }

  /**
   * A value of a type of a compact source file, sent, is told as its declaration would be, not
   * told to annotate the type (which would then be refused): the fix is to move it. Shared with
   * EcjCallSitesTest.
   */
  public static final String COMPACT_FILE_VALUE_SENT =
      """
      import dev.ferry.Channel;
      import dev.ferry.Codecs;
      record Local(int x) {}
      enum Mode { FAST }
      void main() throws Exception {
        Codecs.encode(new Local(1)); // ferry:local-class @new
        Local held = new Local(2);
        Channel<Object> any = Channel.create(); // ferry:not-transferable @Object
        any.send(held); // ferry:local-class @held
        Codecs.encode(Mode.FAST);
      }
      """;

  @Test
  void valueOfATypeInCompactSourceFile_isToldToMoveIt() {
    assumeTrue(Runtime.version().feature() >= 25, "compact source files need Java 25");
    Compilation compilation =
        FerryCompiler.ferry()
            .withOptions("--release", "25")
            .expectingMarked(source("Main", COMPACT_FILE_VALUE_SENT));
    assertThat(compilation)
        .hadErrorContaining(
            "its type `Local` is declared in `Main`, the class of a compact source file: a child"
                + " process rebuilds values by class name, and no other code, not even a codec"
                + " Ferry would generate, can name a class of such a file. Fix: move `Local` to a"
                + " file of its own and annotate it @Transferable.");
  }

  @Test
  void annotatedTypeInCompactSourceFile_twin_ownFileAndNamedClassCompileClean() {
    assumeTrue(Runtime.version().feature() >= 25, "compact source files need Java 25");
    FerryCompiler.ferry()
        .withOptions("--release", "25")
        .expectingClean(
            source(
                "Main",
                """
                void main() {
                  System.out.println(new Job("a") + " " + new Holder.Task(1));
                }
                """),
            source(
                "Job",
                """
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Job(String name) {}
                """),
            source(
                "Holder",
                """
                import dev.ferry.annotation.Transferable;
                final class Holder {
                  @Transferable
                  record Task(int id) {}
                }
                """));
  }
}
