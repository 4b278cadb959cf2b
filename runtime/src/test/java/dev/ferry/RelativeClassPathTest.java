package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program started with a relative class path ({@code java -jar app.jar}, {@code java -cp
 * classes:lib/*}) spawns children and pools in another working directory.
 */
@Timeout(60)
public class RelativeClassPathTest {

  /** A whole program: a child and a pool's worker in the directory args[0] say where they run. */
  public static final class ElsewhereProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions elsewhere =
          Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1").keepSpare(false)
              .workingDirectory(Path.of(args[0]));
      Channel<String> replies = Channel.create();
      Child child = elsewhere.spawn(ElsewhereProgram::where, replies);
      System.out.println("child in " + replies.receive() + ", exit " + child.join());
      try (ProcessPool pool = elsewhere.pool(1)) {
        System.out.println("worker in " + pool.submit(ElsewhereProgram::here).get());
      }
    }

    static void where(Channel<String> replies) throws Exception {
      replies.send(here());
    }

    static String here() {
      return Path.of("").toAbsolutePath().toString();
    }
  }

  /**
   * Before, the child got the relative entries as they were and looked for them in its own
   * working directory: 'Error: Could not find or load main class
   * dev.ferry.internal.process.ChildMain', and the program's receive threw
   * ChannelClosedException.
   */
  @Test
  void relativeClassPath_childrenAndPoolsInAnotherWorkingDirectory_startAndRun(
      @TempDir Path elsewhere) throws Exception {
    Path here = Path.of("").toAbsolutePath();
    List<String> relative = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      relative.add(here.relativize(Path.of(entry).toAbsolutePath()).toString());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output =
        Children.outputOf(
            new ProcessBuilder(
                List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                    String.join(File.pathSeparator, relative), ElsewhereProgram.class.getName(),
                    elsewhere.toString()))
                .directory(here.toFile()),
            30);
    String real = elsewhere.toRealPath().toString();
    assertTrue(output.contains("child in " + real + ", exit 0"), output);
    assertTrue(output.contains("worker in " + real), output);
  }
}
