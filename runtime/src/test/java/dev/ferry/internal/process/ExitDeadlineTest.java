package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.transport.RuntimeFiles;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The exit's waits before the runtime directory goes (spares still starting, launchers still
 * reading their argument files) share one deadline, in a JVM of its own that exits.
 */
@Timeout(60)
class ExitDeadlineTest {
  /**
   * A wait that lasts until the exit's deadline (as the spares' does for one whose start has not
   * returned), then a launcher that never gets past its argument file (a single-threaded process
   * started as one): the second wait ends at the same deadline and kills it, so the exit takes
   * about 2 s. Each used to wait up to 2 s of its own, 4 s in all.
   */
  @Test
  void theExitsWaits_shareOneDeadline() throws Exception {
    Process program = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
            Program.class.getName())
        .redirectErrorStream(true)
        .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream()));
    String launcher = out.readLine();
    assertTrue(launcher != null && launcher.startsWith("launcher "), launcher);
    long exiting = System.nanoTime();
    assertTrue(program.waitFor(30, TimeUnit.SECONDS), "the program did not exit");
    long exitMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - exiting);
    assertEquals(List.of("the first wait ended at the deadline"), out.lines().toList());
    assertTrue(exitMillis < 3_700, "the exit took " + exitMillis + " ms");
    long pid = Long.parseLong(launcher.substring("launcher ".length()));
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
        "the launcher stuck before its argument file was left alive");
  }

  /** Starts the stuck launcher after the first wait is registered, then exits. */
  public static final class Program {
    public static void main(String[] args) throws Exception {
      RuntimeFiles.beforeDeleting(deadline -> {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
          try {
            TimeUnit.NANOSECONDS.sleep(left);
          } catch (InterruptedException e) {
            return;
          }
        }
        System.out.println("the first wait ended at the deadline");
      });
      List<String> command = List.of("sh", "-c", "exec sleep 30", "@path-1.args");
      Process stuck = ArgumentFileReaders.start(new ProcessBuilder(command), command);
      System.out.println("launcher " + stuck.pid());
    }
  }
}
