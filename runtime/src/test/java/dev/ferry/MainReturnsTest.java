package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.internal.transport.RuntimeFiles;
import java.nio.file.Files;
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

  /**
   * A whole program that returns from main without closing its pool while a worker is still
   * starting: the worker's initializer waits until the program's runtime directory is gone (its
   * exit has begun), so the worker connects to a pool that no longer listens.
   */
  public static final class UnclosedPoolProgram {
    public static void main(String[] args) throws Exception {
      Path directory = RuntimeFiles.directory();
      Path exiting = Files.createTempFile("ferry-exiting", ".marker");
      Files.delete(exiting);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          for (int i = 0; i < 500 && Files.exists(directory); i++) {
            Thread.sleep(10);
          }
          Files.createFile(exiting);
          Thread.sleep(300); // still alive, its directory gone, as the worker connects
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
      Ferry.options().jvmFlags("-XX:TieredStopAtLevel=1").keepSpare(false).pool(1)
          .initializer(UnclosedPoolProgram::awaitExit, exiting.toString())
          .submit(UnclosedPoolProgram::one);
    }

    static void awaitExit(String exiting) throws Exception {
      for (int i = 0; i < 1_000 && !Files.exists(Path.of(exiting)); i++) {
        Thread.sleep(10);
      }
      Files.deleteIfExists(Path.of(exiting));
    }

    static Integer one() {
      return 1;
    }
  }

  @Test
  void workerStartingAsItsPoolsProgramExits_exitsQuietly() throws Exception {
    String output = run(UnclosedPoolProgram.class);
    assertFalse(output.contains("Exception in Ferry child"), output);
    assertFalse(output.contains("cannot write the failure report"), output);
  }

  private static String run(Class<?> program) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process =
        new ProcessBuilder(
                List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    program.getName()))
            .redirectErrorStream(true)
            .start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes()); // its children's too
    assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the JVM did not exit after main returned");
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void jvm_exitsWhenMainReturns_evenWithSharedChannelsOpen() throws Exception {
    run(ReturningProgram.class);
  }
}
