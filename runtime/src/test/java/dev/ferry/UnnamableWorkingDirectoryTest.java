package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
   * Before, the JVM read the directory's name as "dir-??" and every spawn and pool threw
   * InvalidPathException: Malformed input or input contains unmappable characters, from naming
   * that directory for the child.
   */
  @Test
  void workingDirectoryTheLocaleCannotName_childrenAndPoolsStartThere(@TempDir Path temp)
      throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The directory is made and entered by the shell, from bytes printf writes: this JVM, in
    // whatever locale the build runs, may not be able to name it either.
    String script = "dir=\"$(printf 'dir-\\303\\274')\" && mkdir \"$dir\" && cd \"$dir\""
        + " && exec \"$0\" -XX:TieredStopAtLevel=1 -cp \"$1\" \"$2\"";
    ProcessBuilder program = new ProcessBuilder(List.of("sh", "-c", script, java,
        System.getProperty("java.class.path"), Program.class.getName()))
        .directory(temp.toFile());
    program.environment().keySet().removeIf(name -> name.startsWith("LC_"));
    program.environment().put("LANG", "C");
    program.environment().put("LC_ALL", "C");
    String output = Children.outputOf(program, 45);
    assertTrue(output.contains("child said hello, exit 0"), output);
    assertTrue(output.contains("worker said hello"), output);
  }
}
