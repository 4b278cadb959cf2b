package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Child;
import dev.ferry.Children;
import dev.ferry.Ferry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program run with {@code java --enable-preview} spawns children with it: they load the classes
 * the program did, and one compiled with {@code javac --enable-preview} that uses a preview feature
 * (JDK 25's {@code StructuredTaskScope}) failed in the child, target and all, with {@code
 * UnsupportedClassVersionError: Preview features are not enabled ... Try running with
 * '--enable-preview'}. Each program runs in a JVM of its own, started as a user starts one.
 */
@Timeout(60)
class PreviewFeaturesTest {
  /** Exits 0 where preview features are enabled, 3 where they are not. */
  static void exitsByPreview() {
    System.exit(PreviewFeatures.enabledHere() ? 0 : 3);
  }

  /** A whole program: says whether it and its child run with preview features. */
  public static final class Program {
    public static void main(String[] args) throws Exception {
      Child child =
          Ferry.options().keepSpare(false).spawn(PreviewFeaturesTest::exitsByPreview);
      System.out.println(
          "parent " + PreviewFeatures.enabledHere() + ", child exit " + child.join());
    }
  }

  @Test
  void programWithPreviewFeatures_spawnsChildrenWithThem() throws Exception {
    String output = run("--enable-preview");
    assertTrue(output.contains("parent true, child exit 0"), output);
  }

  @Test
  void programWithPreviewFeatures_twin_programWithoutThemSpawnsChildrenWithout()
      throws Exception {
    String output = run("-Dferry.test.plain=true");
    assertTrue(output.contains("parent false, child exit 3"), output);
  }

  /** Runs {@link Program} on this JVM's class path with {@code flag}; what it printed. */
  private static String run(String flag) throws Exception {
    return Children.outputOf(
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            flag,
            "-cp",
            System.getProperty("java.class.path"),
            Program.class.getName()),
        30);
  }
}
