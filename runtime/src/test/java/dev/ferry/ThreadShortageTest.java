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
 * process alone, and root too), serves its children's channels once it has threads again, and
 * spawns again once it has them where it could not start a spare.
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
      List<Thread> taken = takeEveryThread(RELEASE);
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

  }

  /**
   * A whole program, run under ulimit -v: spawns with a spare kept, then spawns again with every
   * thread taken, so the thread that would start the next spare cannot start, then spawns once more
   * with its threads back.
   */
  public static final class SpareOutOfThreadsProgram {
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    public static void main(String[] args) throws Exception {
      SpawnOptions options =
          Children.fast("spared")
              .keepSpare(true)
              .jvmFlags("-Xmx32m", "-XX:CompressedClassSpaceSize=32m",
                  "-XX:ReservedCodeCacheSize=16m", "-XX:MaxMetaspaceSize=64m");
      System.out.println("warm-up exited " + options.spawn(SpareOutOfThreadsProgram::exit).join());
      List<Thread> taken = takeEveryThread(RELEASE);
      Child short1 = null;
      try {
        short1 = options.spawn(SpareOutOfThreadsProgram::exit);
        System.out.println("spawned out of threads");
      } catch (Throwable e) {
        System.out.println("spawn out of threads threw " + e);
      }
      RELEASE.countDown();
      for (Thread thread : taken) {
        thread.join();
      }
      if (short1 != null) {
        System.out.println("out of threads exited " + short1.join());
      }
      java.util.concurrent.FutureTask<Integer> next =
          new java.util.concurrent.FutureTask<>(
              () -> options.spawn(SpareOutOfThreadsProgram::exit).join());
      Thread spawner = new Thread(next);
      spawner.setDaemon(true);
      spawner.start();
      try {
        System.out.println("next exited " + next.get(30, java.util.concurrent.TimeUnit.SECONDS));
      } catch (java.util.concurrent.TimeoutException e) {
        System.out.println("next spawn hangs");
      }
    }

    static int exit() {
      return 0;
    }

  }

  @Test
  void spareThatCouldNotBeStartedForLackOfThreads_neitherFailsTheSpawnNorHoldsTheNext()
      throws Exception {
    String output = runUnderAddressSpaceLimit(SpareOutOfThreadsProgram.class);
    assertTrue(output.contains("warm-up exited 0\n"), output);
    assertTrue(output.contains("spawned out of threads\n"), output);
    assertTrue(output.contains("out of threads exited 0\n"), output);
    assertTrue(output.contains("next exited 0\n"), output);
  }

  @Test
  void parentOutOfThreadsForAMoment_servesTheChildsConnectionOnceItHasThemAgain()
      throws Exception {
    String output = runUnderAddressSpaceLimit(ShortOfThreadsProgram.class);
    assertTrue(output.contains("first: first\n"), output);
    assertTrue(output.contains("first exited 0 " + Optional.empty()), output);
    assertTrue(output.contains("second: second\n"), output);
    assertTrue(output.contains("second exited 0 " + Optional.empty()), output);
  }

  /** Starts threads until no more start, each waiting for {@code release} or an interrupt. */
  static List<Thread> takeEveryThread(CountDownLatch release) {
    List<Thread> taken = new ArrayList<>();
    while (true) {
      Thread thread = new Thread(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          // given back
        }
      });
      thread.setDaemon(true);
      try {
        thread.start();
      } catch (OutOfMemoryError e) {
        return taken;
      }
      taken.add(thread);
    }
  }

  private static String runUnderAddressSpaceLimit(Class<?> program) throws Exception {
    assumeTrue(System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(Path.of("/bin/sh")),
        "needs Linux, where ulimit -v bounds a JVM's thread stacks, and a shell to set it");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String command = "ulimit -v 1500000 && exec \"$0\" -Xmx64m -XX:+UseSerialGC"
        + " -XX:CompressedClassSpaceSize=64m -XX:ReservedCodeCacheSize=32m"
        + " -XX:-UseDynamicNumberOfCompilerThreads -cp \"$1\" \"$2\"";
    return Children.outputOf(
        new ProcessBuilder(
            List.of("/bin/sh", "-c", command, java, System.getProperty("java.class.path"),
                program.getName())),
        90);
  }
}
