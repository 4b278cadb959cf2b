package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What Ferry does when asked for a pool or a child from a shutdown hook, as the JVM exits. */
@Timeout(60)
public class ShutdownHookTest {

  /**
   * A whole program whose shutdown hook starts a pool, then spawns a child; it prints what came.
   * With an argument, it spawns a child first, so that Ferry's own shutdown hook is registered
   * and may not have run when this one asks.
   */
  public static final class HookProgram {
    public static void main(String[] args) throws InterruptedException {
      if (args.length > 0) {
        Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1").spawn(HookProgram::nothing).join();
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        ProcessPool started = null;
        try {
          started = Ferry.pool(1); // refused here, before its worker's JVM starts for nothing
        } catch (IllegalStateException e) {
          System.out.println("pool refused: " + e.getMessage());
        }
        if (started != null) {
          try (ProcessPool pool = started) {
            System.out.println("pool started; it answered " + pool.submit(HookProgram::one).join());
          } catch (IllegalStateException e) {
            System.out.println("pool started; its task was refused: " + e.getMessage());
          }
        }
        try {
          System.out.println("child exited with " + Ferry.spawn(HookProgram::nothing).join());
        } catch (IllegalStateException | InterruptedException e) {
          System.out.println("spawn refused: " + e.getMessage());
        }
      }));
    }

    static Integer one() {
      return 1;
    }

    static void nothing() {}
  }

  /**
   * Both used to fail with Runtime.addShutdownHook's bare "Shutdown in progress", which said
   * nothing of Ferry, and the runtime directory made before it stayed behind in the temporary
   * directory. Now both are refused in words that say why and what to do instead, and nothing is
   * left.
   */
  @Test
  void poolOrSpawnFromAShutdownHook_isRefusedInWords_andLeavesNoDirectory(@TempDir Path tmp)
      throws Exception {
    assertRefusedInWords(tmp);
  }

  /**
   * The same in a program that used Ferry before it began to exit: Ferry's own hook, which marks
   * the runtime directory as going, runs at once with the program's, in no order. And {@code
   * Ferry.pool(n)} is refused itself: it used to start its workers' JVMs and return a pool that
   * refused its first task.
   */
  @Test
  void poolOrSpawnFromAShutdownHook_afterFerryWasUsed_isRefusedAtTheCall(@TempDir Path tmp)
      throws Exception {
    assertRefusedInWords(tmp, "used");
  }

  private static void assertRefusedInWords(Path tmp, String... programArgs) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1",
        "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
        HookProgram.class.getName()));
    command.addAll(List.of(programArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the JVM did not exit: " + output);
    assertEquals(0, process.exitValue(), output);
    String why = "cannot start a pool or a child, or open a channel to other processes, while this"
        + " JVM shuts down (from a shutdown hook): Ferry deletes its private runtime directory,"
        + " where those meet, as the JVM exits, and cannot set it up now. Do this work before the"
        + " JVM begins to exit, at the end of main for instance";
    assertEquals("pool refused: " + why + "\nspawn refused: " + why + "\n", output);
    try (Stream<Path> left = Files.list(tmp)) {
      assertEquals(List.of(), left.toList(), "left in java.io.tmpdir");
    }
  }
}
