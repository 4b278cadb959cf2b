package dev.ferry.processor.rules.callsite;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:local-class} at call sites: a value of a local, anonymous or inner class crossing,
 * or such a class as a {@code @Sent} type argument. It outranks {@code not-transferable}: such a
 * value has no codec either, but its class is the thing to fix.
 */
public class LocalClassCallSiteTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  @Test
  void localClassInstanceSpawned_isLocalClassNotNotTransferable() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static void start() {
                    class Settings {}
                    Spawner.spawn(Main::child, new Settings()); // ferry:local-class @new
                  }
                  static void child() {}
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.tag()
                + " `new Settings()` is handed to a child process when it starts, and its type"
                + " `Settings` is a local class");
  }

  @Test
  void annotatedLocalRecordSent_getsOneErrorForTheDeclarationAndOneForTheSend() {
    // Two things to fix: the declaration (move the record out) and nothing else at the send once
    // it has moved; the send is reported too, as the value's own crossing.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import lib.Chan;
            final class Main {
              static void send(Chan raw) {
                @Transferable
                record Step(int n) {} // ferry:local-class @record
                raw.send(new Step(1)); // ferry:local-class @new
              }
            }
            """));
  }

  /**
   * Inside an enum constant's body, {@code this} has the body's anonymous class as its type, but
   * it is the constant, which crosses by its enum's ordinal like any other: it used to be told
   * "`this` ... its type `anonymous Op` is an anonymous class". An anonymous class of a class
   * (not an enum) is still told. EcjCallSitesTest compiles it too.
   */
  public static final String ENUM_CONSTANT_SENDS_ITSELF =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Codecs;
      import dev.ferry.Ferry;
      enum Op {
        ADD {
          int apply(int a, int b) throws Exception {
            Ferry.spawn(Op::run, this);
            Codecs.encode(this);
            return a + b;
          }
        },
        SUB {
          int apply(int a, int b) throws Exception {
            var self = this;
            Channel.<Op>create().send(self);
            Codecs.encode(new Object() {}); // ferry:local-class @new
            return a - b;
          }
        };
        abstract int apply(int a, int b) throws Exception;
        static void run(Op op) {}
      }
      """;

  @Test
  void enumConstantBodySendsItself_isLegalWhileAnAnonymousValueIsNot() {
    assertDiagnostics(source("test.Op", ENUM_CONSTANT_SENDS_ITSELF));
  }

  @Test
  void enumConstantBodySendsItself_compilesClean() {
    assertCompilesClean(
        source(
            "test.Op",
            """
            package test;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import dev.ferry.annotation.Transferable;
            @Transferable
            enum Op {
              ADD {
                int apply(int a, int b) {
                  Ferry.spawn(Op::run, this);
                  Codecs.encode(this);
                  return a + b;
                }
              };
              abstract int apply(int a, int b);
              static void run(Op op) {}
            }
            """));
  }

  @Test
  void anonymousAndInnerValuesSent_areReported() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              final class Inner {}

              void send(Chan raw) {
                raw.send(new Object() {}); // ferry:local-class @new
                raw.send(new Inner()); // ferry:local-class @new
              }
            }
            """));
  }

  /** An anonymous class has no simple name: the message named it `` and told to move ``. */
  @Test
  void anonymousValueSpawned_isNamedByItsSupertype() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static class Settings { int workers; }
                  static void start() {
                    Spawner.spawn(Main::child, new Settings() {{ workers = 4; }}); // ferry:local-class @new
                  }
                  static void child() {}
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.tag()
                + " `new Settings() { ... }` is handed to a child process when it starts, and its"
                + " type `anonymous Settings` is an anonymous class: a child process rebuilds"
                + " values by class name, and such a class has no name outside its enclosing"
                + " code. Fix: replace the anonymous class with a top-level or static nested"
                + " class.");
  }

  @Test
  void localClassAsSentTypeArgument_isReported() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              void open() {
                record Step(int n) {}
                Chan<Step> steps = null; // ferry:local-class @Step
                var more = Chan.<Step>typed(); // ferry:local-class @Step
              }
            }
            """));
  }

  @Test
  void localClass_twin_staticNestedCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              @Transferable
              record Settings(int workers) {}

              static void start(Chan<Settings> settings) {
                settings.send(new Settings(2));
                Spawner.spawn(Main::child, new Settings(4));
              }
              static void child() {}
            }
            """));
  }

  /**
   * javac's element for an initializer block, the owner of a local class declared there, has no
   * type: asking it for type parameters threw, and the whole file got one {@code ferry:internal}
   * error in place of its real ones.
   */
  @Test
  void localClassesInInitializers_areReportedWhereSent() {
    assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Codecs;
            final class Main {
              static <X> X id(X x) { return x; }
              static {
                record Step(int n) {}
                Codecs.encode(id(new Step(1))); // ferry:local-class @new
              }
              {
                enum Mark { ONE }
                Codecs.encode(id(Mark.ONE)); // ferry:local-class @.ONE
              }
            }
            """));
  }

  @Test
  void localClassesInInitializers_twin_unsentCompileClean() {
    assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Codecs;
            final class Main {
              static <X> X id(X x) { return x; }
              static {
                record Step(int n) {}
                System.out.println(id(new Step(1)));
                Codecs.encode(id("step"));
              }
              {
                enum Mark { ONE }
                System.out.println(id(Mark.ONE));
              }
            }
            """));
  }
}
