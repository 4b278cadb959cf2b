package dev.ferry.internal.process;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Finding out why a child's JVM did not start starts a real JVM with the child's options; the
 * answer does not depend on the asking thread's interrupt flag ({@code Child.failure()} is asked
 * from any thread, often one that caught an interrupt and set its flag again).
 */
class StartDiagnosisTest {
  /**
   * Ten JVMs, each refusing a flag of its own, asked about by an interrupted thread. Before, the
   * wait for such a JVM's exit ended at once when it had not been reaped yet (one time in two to
   * three here), which counted as a JVM that started: its child was told it died starting up, as at
   * a limit on threads, and so were later children of those options.
   */
  @Test
  void aJvmThatRefusesAFlag_isToldSo_evenToAnInterruptedThread_whichStaysInterrupted() {
    for (int i = 0; i < 10; i++) {
      String flag = "-XX:+NoSuchFlagAskedWhileInterrupted" + i + "x" + System.nanoTime();
      LaunchSettings settings = new LaunchSettings(List.of(flag), null, Map.of(), "refused", false);
      Thread.currentThread().interrupt();
      Optional<String> said;
      try {
        said = StartDiagnosis.jvmRefusal(settings);
      } finally {
        assertTrue(Thread.interrupted(), "the interrupt flag was cleared");
      }
      assertTrue(said.isPresent() && said.get().contains("Unrecognized VM option '"
          + flag.substring(5) + "'"), "JVM " + i + "'s refusal: " + said);
    }
  }
}
