package dev.ferry.processor.rules.callsite;

import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Code that names no Ferry type where javac has looked when it attributes the first class: a file
 * javac attributes later, or a class of a jar javac has not read, still reaches Ferry, and the
 * checker must find it (a shortcut that decides from what javac has seen so far would not). Each
 * with its legal twin.
 */
class FerryNamedLateTest {
  /**
   * A generic helper whose body alone, by full names, sends its {@code T}; compiled second. Its
   * class's header names a type too, which javac resolves before it attributes the class.
   */
  private static final Source HELPERS =
      source(
          "test.Helpers",
          """
          package test;
          @SuppressWarnings("all")
          final class Helpers extends Object {
            static <T> void sendIt(T value) throws InterruptedException {
              dev.ferry.Channel<T> channel = dev.ferry.Channel.create();
              channel.send(value);
            }
          }
          """);

  /** Nothing but Ferry on the class path: no class javac reads from a jar is anyone else's. */
  private final FerryCompiler compiler = FerryCompiler.ferry().withClasspath(List.of());

  @Test
  void ferryNamedOnlyInTheBodyOfALaterFile_isChecked() {
    compiler.expectingMarked(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(Thread worker) throws InterruptedException {
                Helpers.sendIt(worker); // ferry:not-transferable @worker
              }
            }
            """),
        HELPERS);
  }

  @Test
  void ferryNamedOnlyInTheBodyOfALaterFile_twin_compilesClean() {
    compiler.expectingClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(String text) throws InterruptedException {
                Helpers.sendIt(text);
              }
            }
            """),
        HELPERS);
  }

  /**
   * A jar's generic class whose variable reaches a channel only through another class of the
   * jar, which javac does not read for the user's code: the checker reads it.
   */
  private static Path relayLibrary() {
    return FerryCompiler.javacOnly()
        .compileLibrary(
            source(
                "lib.Holder",
                """
                package lib;
                public final class Holder<T> {
                  public dev.ferry.Channel<T> channel;
                }
                """),
            source(
                "lib.Relay",
                """
                package lib;
                public final class Relay<T> {
                  public Holder<T> holder;
                }
                """));
  }

  @Test
  void ferryReachedThroughAJarClassJavacHasNotRead_isChecked() {
    FerryCompiler.ferry()
        .withClasspath(List.of(relayLibrary()))
        .expectingMarked(
            source(
                "test.Main",
                """
                package test;
                final class Main {
                  static Object make() {
                    return new lib.Relay<Thread>(); // ferry:not-transferable @Thread
                  }
                }
                """));
  }

  @Test
  void ferryReachedThroughAJarClassJavacHasNotRead_twin_compilesClean() {
    FerryCompiler.ferry()
        .withClasspath(List.of(relayLibrary()))
        .expectingClean(
            source(
                "test.Main",
                """
                package test;
                final class Main {
                  static Object make() {
                    return new lib.Relay<String>();
                  }
                }
                """));
  }
}
