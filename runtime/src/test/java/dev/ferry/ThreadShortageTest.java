package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A parent out of threads for a moment, as at a limit on processes (ulimit -u, a container's pids
 * limit) or on address space for their stacks (ulimit -v, which this test uses: it binds a
 * process alone, and root too), serves its children's channels once it has threads again.
 */
@Timeout(120)
public class ThreadShortageTest {

  /**
   * A whole program, run under ulimit -v: spawns a child that sends on a channel, takes every
   * thread it can get but one while the child connects, gives them back two seconds later, then
   * spawns another child the same way.
   */
  public static final class ShortOfThreadsProgram {
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
      SpawnOptions options =
          Children.fast("short")
              .jvmFlags("-Xmx32m", "-XX:CompressedClassSpaceSize=32m",
                  "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m");
      Channel<String> first = Channel.create();
      Child one = options.spawn(ShortOfThreadsProgram::send, first, "first");
      List<Thread> taken = takeEveryThread();
      Thread spare = taken.remove(taken.size() - 1);
      spare.interrupt(); // one left: the connection's thread or its deadline's timer, not both
      spare.join();
      Thread.sleep(2_000);
      RELEASE.countDown();
      for (Thread thread : taken) {
        thread.join();
      }
      System.out.println("took " + taken.size() + " threads");
      System.out.println("first: " + first.receive(Duration.ofSeconds(30)).orElse("nothing"));
      System.out.println("first exited " + one.join() + " " + one.failure());
      Channel<String> second = Channel.create();
      Child two = options.spawn(ShortOfThreadsProgram::send, second, "second");
      System.out.println("second: " + second.receive(Duration.ofSeconds(30)).orElse("nothing"));
      System.out.println("second exited " + two.join() + " " + two.failure());
    }

    static void send(Channel<String> channel, String message) throws Exception {
      channel.send(message);
    }

    private static List<Thread> takeEveryThread() {
      List<Thread> taken = new ArrayList<>();
      while (true) {
        Thread thread = new Thread(ShortOfThreadsProgram::await);
        thread.setDaemon(true);
        try {
          thread.start();
        } catch (OutOfMemoryError e) {
          return taken;
        }
        taken.add(thread);
      }
    }

    private static void await() {
      try {
        RELEASE.await();
      } catch (InterruptedException e) {
        // given back
      }
    }
  }

  @Test
  void parentOutOfThreadsForAMoment_servesTheChildsConnectionOnceItHasThemAgain()
      throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/bin/sh")),
        "needs Linux, where ulimit -v bounds a JVM's thread stacks, and a shell to set it");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "ulimit -v 1500000 && exec \"$0\" -Xmx64m -XX:+UseSerialGC"
        + " -XX:CompressedClassSpaceSize=64m -XX:ReservedCodeCacheSize=32m"
        + " -XX:-UseDynamicNumberOfCompilerThreads -cp \"$1\" \"$2\"";
    String output =
        Children.outputOf(
            new ProcessBuilder(
                List.of("/bin/sh", "-c", command, java, System.getProperty("java.class.path"),
                    ShortOfThreadsProgram.class.getName())),
            60);
    assertTrue(output.contains("first: first\n"), output);
    assertTrue(output.contains("first exited 0 " + Optional.empty()), output);
    assertTrue(output.contains("second: second\n"), output);
    assertTrue(output.contains("second exited 0 " + Optional.empty()), output);
  }
}
