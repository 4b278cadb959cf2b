package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What Ferry does when asked for a pool or a child from a shutdown hook, as the JVM exits. */
@Timeout(60)
public class ShutdownHookTest {

  /** A whole program whose shutdown hook starts a pool, then spawns a child; it prints what came. */
  public static final class HookProgram {
    public static void main(String[] args) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try (ProcessPool pool = Ferry.pool(1)) {
          System.out.println("pool answered " + pool.submit(HookProgram::one).join());
        } catch (IllegalStateException e) {
          System.out.println("pool refused: " + e.getMessage());
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
            HookProgram.class.getName()))
        .redirectErrorStream(true)
        .start();
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
