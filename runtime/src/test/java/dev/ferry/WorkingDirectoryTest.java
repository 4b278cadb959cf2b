package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A program whose working directory was deleted under it spawns where a JVM can start. */
@Timeout(90)
public class WorkingDirectoryTest {

  /**
   * A whole program started in an empty directory, which it deletes (as a deploy replacing a
   * release directory does, or a cleaner of /tmp), then spawns there, in args[0], and in the same
   * path made again.
   */
  public static final class DeletedDirectoryProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions options = Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1").keepSpare(false);
      Path here = Path.of(System.getProperty("user.dir"));
      Files.delete(here);
      try {
        options.spawn(DeletedDirectoryProgram::where, Channel.<String>create());
        System.out.println("spawn: not refused");
      } catch (UncheckedIOException e) {
        System.out.println("spawn: " + e.getMessage());
      }
      try (ProcessPool pool = options.pool(1)) {
        System.out.println("pool: not refused");
      } catch (UncheckedIOException e) {
        System.out.println("pool: " + e.getMessage());
      }
      spawnIn(options.workingDirectory(Path.of(args[0])));
      Files.createDirectory(here);
      spawnIn(options);
    }

    private static void spawnIn(SpawnOptions options) throws Exception {
      Channel<String> replies = Channel.create();
      Child child = options.spawn(DeletedDirectoryProgram::where, replies);
      try {
        System.out.println("child in " + replies.receive() + ", exit " + child.join());
      } catch (ChannelClosedException e) {
        System.out.println("child failed, exit " + child.join());
      }
    }

    static void where(Channel<String> replies) throws Exception {
      replies.send(Path.of("").toAbsolutePath().toString());
    }
  }

  /**
   * Before, every child of such a program inherited the deleted directory and exited with 1 at
   * once ('Error occurred during initialization of VM java.lang.Error: Properties init: Could not
   * determine current working directory.'): spawn returned, the program's receive threw
   * ChannelClosedException, and a pool's tasks failed, told that the JVM did not start; so did a
   * child after the directory was made again, the inherited one being still the deleted one.
   */
  @Test
  void deletedWorkingDirectory_spawnAndPoolSaySo_anotherOrARemadeOneServes(@TempDir Path temp)
      throws Exception {
    Path doomed = Files.createDirectory(temp.resolve("release-1"));
    Path elsewhere = Files.createDirectory(temp.resolve("elsewhere"));
    List<String> absolute = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      absolute.add(Path.of(entry).toAbsolutePath().toString());
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output =
        Children.outputOf(
            new ProcessBuilder(
                List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                    String.join(File.pathSeparator, absolute),
                    DeletedDirectoryProgram.class.getName(), elsewhere.toString()))
                .directory(doomed.toFile()),
            60);
    String refusal = "cannot start a child JVM: this process's working directory " + doomed
        + " has been deleted, and a JVM cannot start in a deleted directory (the child would exit"
        + " at once with 'Could not determine current working directory'): give the child one"
        + " that exists, Ferry.options().workingDirectory(dir).spawn(...) or .pool(n)";
    assertTrue(output.contains("spawn: " + refusal + "\n"), output);
    assertTrue(output.contains("pool: " + refusal + "\n"), output);
    assertTrue(output.contains("child in " + elsewhere.toRealPath() + ", exit 0"), output);
    assertTrue(output.contains("child in " + doomed.toRealPath() + ", exit 0"), output);
  }
}
