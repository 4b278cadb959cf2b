package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Spawn options for tests: flags that make a short-lived child JVM start fast. */
public final class Children {
  private Children() {}

  public static SpawnOptions fast(String name) {
    return Ferry.options()
        .name(name)
        .jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xss512k");
  }

  /**
   * Runs a whole program to its end (its children's output comes too, on the inherited stderr)
   * and returns what it printed, having asserted that it exited with 0 within {@code seconds}.
   */
  public static String outputOf(ProcessBuilder program, int seconds)
      throws IOException, InterruptedException {
    Process process = program.redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    assertTrue(process.waitFor(seconds, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }
}
