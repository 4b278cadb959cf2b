package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A program whose class path is too long for one argument of a command line starts children. */
@Timeout(120)
public class LongClassPathTest {

  /** Spawns a child and runs a pool task, and prints the class path each of them has. */
  public static final class LongClassPathProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions options = Children.fast("long-class-path").keepSpare(false);
      System.out.println("parent: " + System.getProperty("java.class.path").length());
      Channel<String> replies = Channel.create();
      Child child = options.spawn(LongClassPathProgram::reply, replies);
      String childs = replies.receive();
      System.out.println("child: " + childs.length() + ", exit " + child.join());
      try (ProcessPool pool = options.pool(1)) {
        String workers = pool.submit(LongClassPathProgram::classPath).get();
        System.out.println("worker: " + workers.length());
        System.out.println("same: " + (classPath().equals(childs) && classPath().equals(workers)));
      }
    }

    static void reply(Channel<String> replies) throws Exception {
      replies.send(classPath());
    }

    static String classPath() {
      return System.getProperty("java.class.path");
    }
  }

  /**
   * Runs a pool that keeps spares and returns as soon as it has closed: its close leaves spares for
   * a next pool, which start then, as the program exits.
   */
  public static final class PoolClosedAtTheEndProgram {
    public static void main(String[] args) throws Exception {
      try (ProcessPool pool = Children.fast("closed-at-the-end").keepSpare(true).pool(2)) {
        System.out.println("task: " + pool.submit(PoolClosedAtTheEndProgram::one).get());
      }
    }

    static Integer one() {
      return 1;
    }
  }

  /**
   * Spawns children on two threads, with and without spares, until main returns: some of them
   * are still starting as the program exits. A spawn refused because the exit has begun is no
   * error here.
   */
  public static final class SpawningAsTheProgramEndsProgram {
    public static void main(String[] args) throws Exception {
      for (int i = 0; i < 2; i++) {
        SpawnOptions options = Children.fast("spawning-" + i).keepSpare(i == 0);
        Thread spawner = new Thread(() -> {
          try {
            while (true) {
              options.spawn(SpawningAsTheProgramEndsProgram::sleep);
            }
          } catch (IllegalStateException exiting) {
            // cannot start a child while this JVM shuts down: the end of the test's program
          }
        });
        spawner.setDaemon(true);
        spawner.start();
      }
      Thread.sleep(300);
    }

    static void sleep() throws InterruptedException {
      Thread.sleep(5_000);
    }
  }

  /**
   * Spawns children whose class path (long, one entry of it relative) goes in argument files: one
   * with this process's working directory, one with another (whose entry is resolved against this
   * one, another path, another file), the first again after its file was deleted (as a cleaner of
   * /tmp might), then the first once more. Prints whether each child's class path is the one it
   * should have.
   */
  public static final class DeletedArgumentFileProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions here = Children.fast("here").keepSpare(false);
      SpawnOptions elsewhere = here.workingDirectory(Path.of(args[0]));
      String own = LongClassPathProgram.classPath();
      String resolved = resolved(own);
      System.out.println("first: " + own.equals(classPathOf(here)));
      System.out.println("elsewhere: " + resolved.equals(classPathOf(elsewhere)));
      try (var files = Files.list(dev.ferry.internal.transport.RuntimeFiles.directory())) {
        for (Path file : files.filter(f -> f.toString().endsWith(".args")).toList()) {
          Files.delete(file);
        }
      }
      System.out.println("after delete: " + own.equals(classPathOf(here)));
      System.out.println("elsewhere again: " + resolved.equals(classPathOf(elsewhere)));
      System.out.println("first again: " + own.equals(classPathOf(here)));
    }

    private static String resolved(String classPath) {
      List<String> entries = new ArrayList<>();
      for (String entry : classPath.split(File.pathSeparator, -1)) {
        entries.add(Path.of("").toAbsolutePath().resolve(entry).toString());
      }
      return String.join(File.pathSeparator, entries);
    }

    private static String classPathOf(SpawnOptions options) throws Exception {
      Channel<String> replies = Channel.create();
      Child child = options.spawn(LongClassPathProgram::reply, replies);
      String classPath = replies.receive();
      child.join();
      return classPath;
    }
  }

  /**
   * The program starts with the test's class path, and 2,000 entries of jars that do not exist
   * after it, one of them with quotes, a backslash, a '#', a tab and a non-ASCII letter in its path,
   * which the argument file must quote (192 KiB in all, as a build with hundreds of jars in a deep repository has), from a
   * java argument file of its own. Before, every spawn and pool of it failed: the child's command
   * line carried the class path as one argument, past Linux's 128 KiB for one (MAX_ARG_STRLEN), and
   * ProcessBuilder.start threw 'Cannot run program ".../bin/java": error=7, Argument list too
   * long', followed by the whole command line.
   */
  @Test
  void aClassPathPastWhatOneArgumentHolds_reachesChildrenAndWorkers(@TempDir Path dir)
      throws Exception {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toString());
    }
    for (int i = 0; i < 2000; i++) {
      entries.add(String.format("/opt/lib/some/very/long/maven/repository/path/to/artifact-%04d"
          + "/artifact-%04d-1.0.0-SNAPSHOT.jar", i, i));
    }
    entries.add("/opt/an \"odd\" dir\\with #all\tit takes/\u00fcber.jar"); // the file quotes it
    String classPath = String.join(File.pathSeparator, entries);
    assertTrue(classPath.length() > 128 << 10, "" + classPath.length());
    Path arguments = Files.writeString(dir.resolve("program.args"),
        "-cp \"" + classPath.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t")
            + "\"\n", Charset.forName(System.getProperty("sun.jnu.encoding")));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(new ProcessBuilder(List.of(java,
        "-XX:TieredStopAtLevel=1", "@" + arguments, LongClassPathProgram.class.getName())), 90);
    int length = classPath.length();
    assertEquals("parent: " + length + "\nchild: " + length + ", exit 0\nworker: " + length
        + "\nsame: true\n", output);
  }

  /**
   * Spares a pool leaves as the program ends are killed before the runtime directory, which holds
   * their class path's argument file, is deleted. Before, the spares' launchers, started by the
   * close at the end of main, read the file after the exit had deleted it, and printed "Error: could
   * not open `/tmp/ferry-.../path-1.args'" after the program's own output.
   */
  @Test
  void sparesLeftAsTheProgramEnds_printNothing(@TempDir Path dir) throws Exception {
    List<String> entries = longClassPath();
    Path arguments = Files.writeString(dir.resolve("program.args"),
        "-cp \"" + String.join(File.pathSeparator, entries) + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // The spares inherit the program's output, so it ends only once they have ended too.
    String output = Children.outputOf(new ProcessBuilder(List.of(java,
        "-XX:TieredStopAtLevel=1", "@" + arguments, PoolClosedAtTheEndProgram.class.getName())), 60);
    assertEquals("task: 1\n", output);
  }

  /**
   * Children spawned as the program ends (on threads of its own) are past their class path's
   * argument file before the exit deletes the runtime directory that holds it; they then exit
   * with their parent, quietly. Before, a child started just before the exit found the file
   * deleted and printed "Error: could not open `/tmp/ferry-.../path-1.args'" after the program
   * had ended.
   */
  @Test
  void childrenSpawnedAsTheProgramEnds_printNothing(@TempDir Path dir) throws Exception {
    Path arguments = Files.writeString(dir.resolve("program.args"),
        "-cp \"" + String.join(File.pathSeparator, longClassPath()) + "\"\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int run = 0; run < 3; run++) { // without the fix, about one run in two printed the error
      String output = Children.outputOf(new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
          "@" + arguments, SpawningAsTheProgramEndsProgram.class.getName())), 60);
      assertEquals("", output, "run " + run);
    }
  }

  /**
   * An argument file deleted under the program is written again under a name of its own. Before,
   * it was named by how many paths had files, so after the first path's file was deleted and
   * written again as path-2.args, the second path's file took the same name, path-2.args, and the
   * first path's next child started with the second's class path (a relative entry resolved
   * against another directory).
   */
  @Test
  void anArgumentFileDeletedUnderTheProgram_isWrittenAgainWithoutTakingAnothersName(
      @TempDir Path dir) throws Exception {
    List<String> entries = longClassPath();
    entries.add("relative.jar"); // resolved against the program's directory for a child elsewhere
    Path arguments = Files.writeString(dir.resolve("program.args"),
        "-cp \"" + String.join(File.pathSeparator, entries) + "\"\n");
    Path elsewhere = Files.createDirectory(dir.resolve("elsewhere"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(new ProcessBuilder(List.of(java,
        "-XX:TieredStopAtLevel=1", "@" + arguments, DeletedArgumentFileProgram.class.getName(),
        elsewhere.toString())).directory(dir.toFile()), 90);
    assertEquals("first: true\nelsewhere: true\nafter delete: true\nelsewhere again: true\n"
        + "first again: true\n", output);
  }

  /**
   * The test's class path, absolute, then 400 jars that do not exist: past what goes on a
   * command line, so children get it in an argument file.
   */
  private static List<String> longClassPath() {
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      entries.add(Path.of(entry).toAbsolutePath().toString());
    }
    for (int i = 0; i < 400; i++) {
      entries.add("/opt/lib/artifact-" + i + "/artifact-" + i + "-1.0.0.jar");
    }
    return entries;
  }
}
