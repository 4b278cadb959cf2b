package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child's exit is seen while the program's common {@code ForkJoinPool} is busy: the JDK runs
 * {@code Process.onExit()}'s actions there, so a program whose own async tasks waited on I/O used
 * to leave a broken pool's task, and a receive on a channel only a dead child held, waiting as
 * long as they did.
 */
@Timeout(90)
public class BusyCommonPoolTest {

  /**
   * A whole program (the common pool's parallelism must be set as its JVM starts): fills the
   * common pool with tasks that wait for a minute, then prints how a broken pool's task and a
   * receive on a channel whose only holder returned at once, without using it, end.
   */
  public static final class Program {
    public static void main(String[] args) throws Exception {
      CountDownLatch release = new CountDownLatch(1);
      for (int i = 0; i < ForkJoinPool.getCommonPoolParallelism(); i++) {
        CompletableFuture.runAsync(() -> {
          try {
            release.await(60, TimeUnit.SECONDS); // the program's own work, waiting on I/O
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      try (ProcessPool pool =
          Children.fast("busy").keepSpare(false).pool(1).initializer(Program::refuse)) {
        pool.submit(Program::one).get(20, TimeUnit.SECONDS);
        System.out.println("task: returned");
      } catch (ExecutionException e) {
        System.out.println("task: failed");
      } catch (TimeoutException e) {
        System.out.println("task: no answer in 20 s");
      }
      Channel<String> channel = Channel.create();
      Ferry.options().keepSpare(false).spawn(Program::leave, channel); // not joined
      try {
        Optional<String> message = channel.receive(Duration.ofSeconds(20));
        System.out.println("receive: " + (message.isEmpty() ? "nothing in 20 s" : "a message"));
      } catch (ChannelClosedException e) {
        System.out.println("receive: closed");
      }
      release.countDown();
    }

    static void refuse() {
      throw new IllegalStateException("no configuration");
    }

    static Integer one() {
      return 1;
    }

    static void leave(Channel<String> channel) {}
  }

  @Test
  void childExits_areSeen_whileTheCommonPoolIsBusy() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(
        new ProcessBuilder(List.of(java, "-XX:TieredStopAtLevel=1",
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
            "-cp", System.getProperty("java.class.path"), Program.class.getName())),
        80);
    assertTrue(output.contains("task: failed"), output);
    assertTrue(output.contains("receive: closed"), output);
  }
}
