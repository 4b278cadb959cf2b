package dev.ferry.processor.rules;

import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.testing.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Source files that sit on the class path, as with {@code javac -cp . Main.java} in a folder of
 * sources (javac then reads the class path for sources too, and compiles a file only when the code
 * names its class): printing a type's name in a message asked whether the user's package declares
 * a type of that simple name by listing the package, which made javac read and compile every
 * source file of the package, with their errors ("incompatible types" in a file never named). The
 * name is looked up as Java looks it up instead.
 */
class SourcesOnTheClassPathTest {
  @TempDir Path folder;

  private static final Source MAIN =
      source(
          "app.Main",
          """
          package app;
          import dev.ferry.Channel;
          public class Main {
            static void send(Channel<Thread> threads) {} // ferry:not-transferable @Thread
          }
          """);

  @Test
  void aMessage_compilesNoOtherSourceOfThePackage() throws IOException {
    Path other = folder.resolve("app/Other.java");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "package app;\npublic class Other { int x = \"not an int\"; }\n");

    // Exactly Ferry's error: none of javac's about Other.java, which nothing names.
    ferry().withClasspath(List.of(folder)).expectingMarked(MAIN);
  }

  @Test
  void legalTwin_compilesClean() throws IOException {
    Path other = folder.resolve("app/Other.java");
    Files.createDirectories(other.getParent());
    Files.writeString(other, "package app;\npublic class Other { int x = \"not an int\"; }\n");

    ferry()
        .withClasspath(List.of(folder))
        .expectingClean(
            source(
                "app.Main",
                """
                package app;
                import dev.ferry.Channel;
                public class Main {
                  static void send(Channel<String> names) throws InterruptedException {
                    names.send("job");
                  }
                }
                """));
  }
}
