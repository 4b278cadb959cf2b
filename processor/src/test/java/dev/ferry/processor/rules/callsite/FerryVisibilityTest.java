package dev.ferry.processor.rules.callsite;

import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checker does nothing in a compilation that can see none of Ferry's annotations and none of
 * its runtime (a module of a build that puts Ferry's processor on every module's processor path),
 * and checks every compilation that sees any one of them: a library's marked API needs only the
 * annotations, a channel only the runtime.
 */
class FerryVisibilityTest {
  /** A library's own marked API, built against Ferry's annotations alone (no runtime). */
  private static Path busLibrary() {
    return FerryCompiler.javacOnly()
        .withOnlyClasspath(List.of(FerryCompiler.annotationsJar()))
        .compileLibraryJar(
            source(
                "lib.Bus",
                """
                package lib;
                import dev.ferry.annotation.Sent;
                public final class Bus {
                  public static void publish(@Sent Object message) {}
                }
                """));
  }

  private static final Source PUBLISHES_A_THREAD =
      source(
          "test.Main",
          """
          package test;
          final class Main {
            static void use(Thread worker) {
              lib.Bus.publish(worker); // ferry:not-transferable @worker
            }
          }
          """);

  private static final Source PUBLISHES_A_STRING =
      source(
          "test.Main",
          """
          package test;
          final class Main {
            static void use(String name) {
              lib.Bus.publish(name);
            }
          }
          """);

  @Test
  void aMarkedLibraryWithFerrysAnnotationsOnTheClassPath_isChecked() {
    FerryCompiler.ferry()
        .withOnlyClasspath(List.of(busLibrary(), FerryCompiler.annotationsJar()))
        .expectingMarked(PUBLISHES_A_THREAD);
  }

  @Test
  void aMarkedLibraryWithFerrysAnnotationsOnTheClassPath_twin_compilesClean() {
    FerryCompiler.ferry()
        .withOnlyClasspath(List.of(busLibrary(), FerryCompiler.annotationsJar()))
        .expectingClean(PUBLISHES_A_STRING);
  }

  @Test
  void aChannelWithOnlyFerrysRuntimeOnTheClassPath_isChecked() {
    FerryCompiler.ferry()
        .withOnlyClasspath(List.of(FerryCompiler.runtimeJar()))
        .expectingMarked(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                final class Main {
                  static Channel<Thread> workers() { // ferry:not-transferable @Thread
                    return Channel.create();
                  }
                }
                """));
  }

  @Test
  void aChannelWithOnlyFerrysRuntimeOnTheClassPath_twin_compilesClean() {
    FerryCompiler.ferry()
        .withOnlyClasspath(List.of(FerryCompiler.runtimeJar()))
        .expectingClean(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                final class Main {
                  static void use(Channel<String> out) throws InterruptedException {
                    out.send("name");
                  }
                }
                """));
  }

  /**
   * The limit of the shortcut, as documented: a library whose author left Ferry off its users'
   * class path (an optional dependency) is not checked, since nothing in the compilation names
   * Ferry. Its calls fail at run time, where the library must bring Ferry's runtime anyway.
   */
  @Test
  void nothingOfFerryOnTheClassPath_isNotChecked() {
    FerryCompiler.ferry()
        .withOnlyClasspath(List.of(busLibrary()))
        .expectingClean(
            source(
                "test.Main",
                """
                package test;
                final class Main {
                  static void use(Thread worker) {
                    lib.Bus.publish(worker);
                  }
                }
                """));
  }
}
