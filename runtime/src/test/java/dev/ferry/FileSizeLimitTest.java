package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A program run under a limit on file size (ulimit -f, a systemd service's LimitFSIZE=), which
 * its children inherit: a child's failure report that does not fit is cut until it does.
 */
@Timeout(60)
public class FileSizeLimitTest {

  /** A whole program: a child whose target throws with a long message, and what failure() says. */
  public static final class Program {
    public static void main(String[] args) throws Exception {
      Child child = Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")
          .spawn(Program::fails);
      System.out.println("exit " + child.join() + ", failure " + child.failure()
          .map(f -> f.exceptionType() + ": " + f.message().substring(0, 10)).orElse("none"));
    }

    static void fails() {
      throw new IllegalStateException("boom " + "z".repeat(20_000));
    }
  }

  /** The output of {@link Program} run under {@code ulimit -f blocks} (of 1024 bytes). */
  private static String runUnderFileSizeLimit(int blocks) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder program = new ProcessBuilder(List.of("sh", "-c",
        "ulimit -f " + blocks + " && exec \"$0\" -XX:TieredStopAtLevel=1 -cp \"$1\" \"$2\"",
        java, System.getProperty("java.class.path"), Program.class.getName()));
    return Children.outputOf(program, 45);
  }

  /**
   * Before, the report (20 KB here) could not be written ('File too large'), failure() was empty,
   * as if the target had called System.exit(1), and the child said to point -Djava.io.tmpdir at
   * a directory this user can write, which it could.
   */
  @Test
  void reportLargerThanTheLimit_isCutToFitAndFailureSaysWhatThrew() throws Exception {
    String output = runUnderFileSizeLimit(4);
    assertTrue(output.contains("exit 1, failure java.lang.IllegalStateException: boom zzzzz"),
        output);
    assertTrue(output.contains("was cut to fit this process's limit on file size (ulimit -f)"),
        output);
  }

  /** No report fits a limit of 0: the child says that limit is why, not the directory. */
  @Test
  void noReportFits_theChildNamesTheLimitNotTheDirectory() throws Exception {
    String output = runUnderFileSizeLimit(0);
    assertTrue(output.contains("exit 1, failure none"), output);
    assertTrue(output.contains("File too large; Ferry makes its sockets and children's failure"
        + " reports in a directory under java.io.tmpdir ("), output);
    assertTrue(output.contains("), where it may not write a file that large: this process's limit"
        + " on file size (ulimit -f, a systemd service's LimitFSIZE=), which its children inherit,"
        + " is too small; raise it (ulimit -f unlimited)"), output);
    assertFalse(output.contains("this user can write"), output);
  }
}
