package dev.ferry;

import dev.ferry.internal.process.ChildMain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Children blocked in receive or send when their parent is killed exit with code 3, quietly. The
 * parent runs under a small Python harness that makes itself a child subreaper (Linux), so that
 * the orphaned children are re-parented to it and it can report their exit codes.
 */
@Timeout(60)
class ParentDeathTest {
  /** Becomes a subreaper, runs its arguments, prints "exit <pid> <code>" for every process it reaps. */
  private static final String SUBREAPER =
      """
      import ctypes, os, subprocess, sys
      if ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) != 0:
          sys.exit(99)
      subprocess.Popen(sys.argv[1:])
      while True:
          try:
              pid, status = os.wait()
          except ChildProcessError:
              break
          code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
          print("exit", pid, code, flush=True)
      """;

  @Test
  void childrenBlockedInReceiveAndSend_exitWithCode3Quietly_whenTheirParentIsKilled(
      @TempDir Path dir) throws Exception {
    assumeTrue(pythonCanBeASubreaper(), "needs Linux and python3 with ctypes");
    Path stderr = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process harness =
        new ProcessBuilder(
                "python3", "-c", SUBREAPER, java, "-cp", System.getProperty("java.class.path"),
                OrphanMiddle.class.getName())
            .redirectError(stderr.toFile())
            .start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
      String[] ready = lines.readLine().split(" ");
      assertEquals("ready", ready[0], String.join(" ", ready));
      long middle = Long.parseLong(ready[1]);
      long receiver = Long.parseLong(ready[2]);
      long sender = Long.parseLong(ready[3]);
      ProcessHandle.of(middle).orElseThrow().destroyForcibly();
      Map<Long, Integer> exits = new HashMap<>();
      String line;
      while ((line = lines.readLine()) != null) {
        String[] exit = line.split(" ");
        exits.put(Long.parseLong(exit[1]), Integer.parseInt(exit[2]));
      }
      assertEquals(137, exits.get(middle), exits.toString());
      assertEquals(ChildMain.PARENT_DIED, exits.get(receiver), "blocked in receive: " + exits);
      assertEquals(ChildMain.PARENT_DIED, exits.get(sender), "blocked in send: " + exits);
    } finally {
      harness.destroyForcibly();
    }
    String err = Files.readString(stderr);
    assertFalse(err.contains("ChannelClosedException"), err);
    assertFalse(err.contains("Exception in Ferry child"), err);
  }

  private static boolean pythonCanBeASubreaper() {
    try {
      Process p =
          new ProcessBuilder("python3", "-c", "import ctypes; ctypes.CDLL(None).prctl")
              .redirectErrorStream(true)
              .start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (Exception e) {
      return false;
    }
  }
}
