package dev.ferry.processor.rules.callsite;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import org.junit.jupiter.api.Test;

/**
 * An unannotated subclass of a {@code @Transferable} class that is not final, sent or handed over
 * directly: the runtime writes a value with its own class's codec (a channel, a spawn argument, a
 * pool task's argument and result alike), and the subclass has none, so the checker reports it
 * where it is passed. A {@code @Transferable} subclass has its own codec and crosses as itself,
 * so it is legal, as the superclass itself is.
 */
class SubclassOfTransferableTest {
  private static final String TYPES =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      final class Types {
        @Transferable static class Settings {
          public final int level;
          public Settings(int level) { this.level = level; }
        }
        static class Tuned extends Settings {
          Tuned(int level) { super(level); }
        }
        @Transferable static class Base {
          public Base() {}
        }
        static class Plain extends Base {}
        @Transferable static final class Fancy extends Base {
          public int x;
          public Fancy() {}
        }
      }
      """;

  @Test
  void unannotatedSubclass_sentSpawnedOrSubmitted_isReported() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Types", TYPES),
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.Ferry;
                import dev.ferry.ProcessPool;
                import test.Types.*;
                final class Main {
                  static void work(Settings settings) {}
                  static Settings task(Settings settings) { return settings; }
                  static Tuned tuned(Settings settings) { return null; }
                  static void use(Channel<Settings> settings, Channel<Base> bases, ProcessPool pool)
                      throws Exception {
                    settings.send(new Tuned(1)); // ferry:not-transferable @new
                    Tuned tuned = new Tuned(2);
                    Ferry.spawn(Main::work, tuned); // ferry:not-transferable @tuned
                    pool.submit(Main::task, tuned); // ferry:not-transferable @tuned
                    pool.submit(Main::tuned, new Settings(3)); // ferry:not-transferable @Main
                    bases.send(new Plain()); // ferry:not-transferable @new
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `new Tuned(1)` is sent to another process, and its type `Tuned` extends"
                + " `Settings`, which is @Transferable, but is not annotated itself, so it has no"
                + " codec: `Settings`'s codec writes only a `Settings`, and only values with a"
                + " codec can be copied to another process. Fix: send a `Settings` itself (copy"
                + " the values into one); `Tuned` cannot be @Transferable while it inherits"
                + " fields, which its codec would not copy.");
    assertThat(compilation)
        .hadErrorContaining(
            "`new Plain()` is sent to another process, and its type `Plain` extends `Base`, which"
                + " is @Transferable, but is not annotated itself, so it has no codec: `Base`'s"
                + " codec writes only a `Base`, and only values with a codec can be copied to"
                + " another process. Fix: annotate `Plain` with @Transferable too, or send a"
                + " `Base` itself.");
  }

  /** An anonymous subclass has no name to find it by; its creation is quoted as it reads. */
  @Test
  void anonymousSubclass_isALocalClassQuotedReadably() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Types", TYPES),
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                import test.Types.*;
                final class Main {
                  static void use(Channel<Settings> settings) throws Exception {
                    settings.send(new Settings(3) {}); // ferry:local-class @new
                    Channel.<Thread>create(); // ferry:not-transferable @Thread
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.LOCAL_CLASS.tag() + " `new Settings(3) { ... }` is sent to another process");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Thread` is given for `T` of `create`; a value of `T` is sent to another"
                + " process, and `Thread` is a JDK type Ferry has no codec for");
  }

  @Test
  void superclassItselfOrAnnotatedSubclass_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Types", TYPES),
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.Ferry;
            import dev.ferry.ProcessPool;
            import test.Types.*;
            final class Main {
              static void work(Base base) {}
              static Base task(Settings settings) { return new Fancy(); }
              static void use(Channel<Settings> settings, Channel<Base> bases, ProcessPool pool)
                  throws Exception {
                settings.send(new Settings(1));
                bases.send(new Fancy());
                bases.send(new Base());
                Ferry.spawn(Main::work, new Fancy());
                pool.submit(Main::task, new Settings(2));
              }
            }
            """));
  }
}
