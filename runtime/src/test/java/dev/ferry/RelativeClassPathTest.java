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

  /**
   * A whole program: a child and a pool's worker in the directory args[0] say where they run; put
   * there by their workingDirectory, or with args[1] "user.dir" by a -Duser.dir flag.
   */
  public static final class ElsewhereProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions fast = Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1").keepSpare(false);
      SpawnOptions elsewhere = args.length > 1 && args[1].equals("user.dir")
          ? fast.jvmFlags("-Duser.dir=" + args[0])
          : fast.workingDirectory(Path.of(args[0]));
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
    String output = runWithARelativeClassPath(elsewhere.toString());
    String real = elsewhere.toRealPath().toString();
    assertTrue(output.contains("child in " + real + ", exit 0"), output);
    assertTrue(output.contains("worker in " + real), output);
  }

  /**
   * A -Duser.dir flag makes a child's JVM resolve relative class path entries against that
   * directory: it could not find ChildMain ('Error: Could not find or load main class .tmp' and
   * such), exited with 1, and the program's receive threw ChannelClosedException.
   */
  @Test
  void relativeClassPath_childrenAndPoolsGivenAUserDirFlag_startAndRun(@TempDir Path elsewhere)
      throws Exception {
    String output = runWithARelativeClassPath(elsewhere.toString(), "user.dir");
    assertTrue(output.contains("child in " + elsewhere + ", exit 0"), output);
    assertTrue(output.contains("worker in " + elsewhere), output);
  }

  /** The output of {@link ElsewhereProgram} run with this class path made relative. */
  private static String runWithARelativeClassPath(String... args) throws Exception {
    Path here = Path.of("").toAbsolutePath();
    List<String> relative = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      relative.add(here.relativize(Path.of(entry).toAbsolutePath()).toString());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
        String.join(File.pathSeparator, relative), ElsewhereProgram.class.getName()));
    command.addAll(List.of(args));
    return Children.outputOf(new ProcessBuilder(command).directory(here.toFile()), 30);
  }
}
