package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The runtime's threads never keep a JVM alive: a program whose main returns exits. */
@Timeout(60)
public class MainReturnsTest {

  /** A whole program: shares two channels with a child (one never closed) and returns. */
  public static final class ReturningProgram {
    public static void main(String[] args) throws Exception {
      Channel<String> replies = Channel.create();
      Channel<String> unused = Channel.create();
      Ferry.options()
          .jvmFlags("-XX:TieredStopAtLevel=1")
          .spawn(ReturningProgram::reply, replies, unused)
          .join();
      if (!replies.receive().startsWith("reply from ")) {
        throw new AssertionError("no reply");
      }
    }

    static void reply(Channel<String> replies, Channel<String> unused) throws Exception {
      replies.send("reply from " + ProcessHandle.current().pid());
    }
  }

  @Test
  void jvm_exitsWhenMainReturns_evenWithSharedChannelsOpen() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process program =
        new ProcessBuilder(
                List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    ReturningProgram.class.getName()))
            .redirectErrorStream(true)
            .start();
    program.getOutputStream().close();
    String output = new String(program.getInputStream().readAllBytes());
    assertTrue(program.waitFor(20, TimeUnit.SECONDS), "the JVM did not exit after main returned");
    assertEquals(0, program.exitValue(), output);
  }
}
