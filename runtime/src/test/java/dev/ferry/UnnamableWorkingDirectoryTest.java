package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program whose working directory has a name its locale cannot write (a directory with an
 * accented name under LANG=C, the default of many containers) spawns children and pools.
 */
@Timeout(60)
public class UnnamableWorkingDirectoryTest {

  /** A whole program: a child and a pool's worker say they ran. */
  public static final class Program {
    public static void main(String[] args) throws Exception {
      SpawnOptions fast = Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
      Channel<String> replies = Channel.create();
      Child child = fast.spawn(Program::reply, replies);
      System.out.println("child said " + replies.receive() + ", exit " + child.join());
      try (ProcessPool pool = fast.pool(1)) {
        System.out.println("worker said " + pool.submit(Program::answer).get());
      }
    }

    static void reply(Channel<String> replies) throws Exception {
      replies.send(answer());
    }

    static String answer() {
      return "hello";
    }
  }

  /**
   * A whole program that starts its children in relative working directories: {@code sub}, made
   * beside it with a file {@code marker} in it, and {@code ""}, its own. Each says whether it
   * finds {@code marker} where it runs (by java.io, which goes by the operating system's working
   * directory: java.nio, like this JVM, misreads the directory's name). With a relative entry on
   * its class path it says why no child can start in {@code sub}.
   */
  public static final class RelativeProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions fast = Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
      SpawnOptions sub = fast.workingDirectory(Path.of("sub"));
      Channel<String> replies = Channel.create();
      Child child;
      try {
        child = sub.spawn(RelativeProgram::reply, replies);
      } catch (IllegalStateException e) {
        System.out.println("refused: " + e.getMessage());
        return;
      }
      System.out.println("child in sub found marker: " + replies.receive() + ", exit "
          + child.join());
      child = fast.workingDirectory(Path.of("")).spawn(RelativeProgram::reply, replies);
      System.out.println("child in \"\" found marker: " + replies.receive() + ", exit "
          + child.join());
      try (ProcessPool pool = sub.pool(1)) {
        System.out.println("worker in sub found marker: "
            + pool.submit(RelativeProgram::findsMarker).get());
      }
    }

    static void reply(Channel<String> replies) throws Exception {
      replies.send(findsMarker());
    }

    static String findsMarker() {
      return Boolean.toString(new File("marker").exists());
    }
  }

  /**
   * Before, a relative workingDirectory there threw InvalidPathException (Malformed input or input
   * contains unmappable characters) out of every spawn and pool, from resolving the class path for
   * a child that starts elsewhere; and java.nio, resolving {@code sub} against the misread name,
   * would have found no such directory.
   */
  @Test
  void relativeWorkingDirectoryFromOneTheLocaleCannotName_childrenAndPoolsStartThere(
      @TempDir Path temp) throws Exception {
    String output = Children.outputOf(inUnnamableDirectory(temp, "", RelativeProgram.class), 45);
    assertTrue(output.contains("child in sub found marker: true, exit 0"), output);
    assertTrue(output.contains("child in \"\" found marker: false, exit 0"), output);
    assertTrue(output.contains("worker in sub found marker: true"), output);
  }

  /**
   * A relative class path entry names a file in a directory this JVM cannot name, so no child
   * starting elsewhere can be given it: said before any child starts, naming the entry and the
   * fix.
   */
  @Test
  void relativeClassPathEntry_childInAnotherDirectory_isRefusedNamingTheEntry(@TempDir Path temp)
      throws Exception {
    String output =
        Children.outputOf(
            inUnnamableDirectory(temp, "lib" + File.pathSeparator, RelativeProgram.class), 45);
    assertTrue(output.contains("refused: cannot start a child JVM in another working directory"
        + " (workingDirectory sub): the entry \"lib\" of this process's class path names a file in"
        + " this process's working directory, whose name this JVM cannot write in its locale's"
        + " charset"), output);
    assertTrue(output.contains("give the class path as absolute paths, or run this program in a"
        + " locale whose charset can write the name (LANG=C.UTF-8)"), output);
  }

  /**
   * {@code main} run in a directory of {@code temp} with an accented name (holding {@code
   * sub/marker}) under LANG=C, its class path this one's absolute entries after {@code prefix}.
   */
  private static ProcessBuilder inUnnamableDirectory(Path temp, String prefix, Class<?> main) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The directory is made and entered by the shell, from bytes printf writes: this JVM, in
    // whatever locale the build runs, may not be able to name it either.
    String script = "dir=\"$(printf 'dir-\\303\\274')\" && mkdir \"$dir\" && cd \"$dir\""
        + " && mkdir sub && : > sub/marker"
        + " && exec \"$0\" -XX:TieredStopAtLevel=1 -cp \"$1\" \"$2\"";
    // Only absolute entries: Surefire's class path has an empty one, this directory, which a
    // child elsewhere cannot be given here (see the test above).
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.isEmpty())
        .collect(Collectors.joining(File.pathSeparator));
    ProcessBuilder program = new ProcessBuilder(List.of("sh", "-c", script, java,
        prefix + classPath, main.getName()))
        .directory(temp.toFile());
    program.environment().keySet().removeIf(name -> name.startsWith("LC_"));
    program.environment().put("LANG", "C");
    program.environment().put("LC_ALL", "C");
    return program;
  }

  /**
   * Before, the JVM read the directory's name as "dir-??" and every spawn and pool threw
   * InvalidPathException: Malformed input or input contains unmappable characters, from naming
   * that directory for the child.
   */
  @Test
  void workingDirectoryTheLocaleCannotName_childrenAndPoolsStartThere(@TempDir Path temp)
      throws Exception {
    String output = Children.outputOf(inUnnamableDirectory(temp, "", Program.class), 45);
    assertTrue(output.contains("child said hello, exit 0"), output);
    assertTrue(output.contains("worker said hello"), output);
  }
}
