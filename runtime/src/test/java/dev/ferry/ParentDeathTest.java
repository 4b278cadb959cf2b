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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    String err = underSubreaper(OrphanMiddle.class, dir, (ready, exits) -> {
      long middle = Long.parseLong(ready[1]);
      long receiver = Long.parseLong(ready[2]);
      long sender = Long.parseLong(ready[3]);
      ProcessHandle.of(middle).orElseThrow().destroyForcibly();
      Map<Long, Integer> exited = exits.call();
      assertEquals(137, exited.get(middle), exited.toString());
      assertEquals(ChildMain.PARENT_DIED, exited.get(receiver), "blocked in receive: " + exited);
      assertEquals(ChildMain.PARENT_DIED, exited.get(sender), "blocked in send: " + exited);
    });
    assertFalse(err.contains("ChannelClosedException"), err);
    assertFalse(err.contains("Exception in Ferry child"), err);
  }

  /**
   * A pool worker whose pool's process is killed with the worker's answers unread in its socket
   * (stopped first, as a process under load may be between reads) exits with code 3, quietly: the
   * kernel resets such a connection, and the worker used to print "Exception in Ferry child
   * \"orphaned-worker-1\" java.net.SocketException: Connection reset" and exit with 1.
   */
  @Test
  void poolWorker_whoseConnectionIsResetAsThePoolsProcessDies_exitsWithCode3Quietly(
      @TempDir Path dir) throws Exception {
    String err = underSubreaper(OrphanPool.class, dir, (ready, exits) -> {
      long pool = Long.parseLong(ready[1]);
      long worker = Long.parseLong(ready[2]);
      Signals.stop(pool);
      Thread.sleep(2_000); // the worker answers its task; nobody reads the answer
      ProcessHandle.of(pool).orElseThrow().destroyForcibly(); // SIGKILL ends a stopped process too
      Map<Long, Integer> exited = exits.call();
      assertEquals(137, exited.get(pool), exited.toString());
      assertEquals(ChildMain.PARENT_DIED, exited.get(worker), "the worker: " + exited);
    });
    assertFalse(err.contains("Exception in Ferry child"), err);
  }

  /**
   * A pool worker waiting for its next task when its pool's process is killed exits with code 3,
   * quietly: it used to take the end of the pool's stream for the pool letting it go and exit with
   * 0, as did a worker reading a large task's arguments then (the reader drops the partial frame).
   */
  @Test
  void poolWorker_waitingForATaskWhenThePoolsProcessIsKilled_exitsWithCode3Quietly(
      @TempDir Path dir) throws Exception {
    String err = underSubreaper(OrphanPool.class, dir, (ready, exits) -> {
      long pool = Long.parseLong(ready[1]);
      long worker = Long.parseLong(ready[2]);
      ProcessHandle.of(pool).orElseThrow().destroyForcibly();
      Map<Long, Integer> exited = exits.call();
      assertEquals(137, exited.get(pool), exited.toString());
      assertEquals(ChildMain.PARENT_DIED, exited.get(worker), "the worker: " + exited);
    }, "idle");
    assertFalse(err.contains("Exception in Ferry child"), err);
  }

  /**
   * A child stopped (SIGSTOP) as its parent exits cannot poll for the parent, so it used to stay,
   * stopped and re-parented, until someone continued it (found by a soak whose operator stopped a
   * child as its parent ended): the parent's exit now kills it. The rescue thread only tidies up
   * after a run without that: it kills a child still there 30 s on, and the test fails.
   */
  @Test
  void childStoppedAsItsParentExits_doesNotOutliveIt(@TempDir Path dir) throws Exception {
    Path exit = dir.resolve("exit");
    underSubreaper(StoppedOrphan.class, dir, (ready, exits) -> {
      long parent = Long.parseLong(ready[1]);
      long child = Long.parseLong(ready[2]);
      Signals.stop(child);
      AtomicBoolean outlived = new AtomicBoolean();
      Thread rescue = rescueIfStillThere(child, outlived);
      Files.createFile(exit);
      Map<Long, Integer> exited = exits.call();
      rescue.interrupt();
      assertEquals(0, exited.get(parent), exited.toString());
      assertFalse(outlived.get(), "the stopped child was still there 30 s after its parent exited");
    }, exit.toString());
  }

  /**
   * A child whose heap is full when its parent is killed exits with code 3 all the same: its
   * watcher of the parent died of the first OutOfMemoryError it met, and such a child (at -Xmx16m,
   * found by faults54) was still alive, re-parented, 16 minutes after its parent had gone. The
   * rescue thread kills a child still there 30 s on, and the test fails.
   */
  @Test
  void childWhoseHeapIsFull_exitsWithCode3_whenItsParentIsKilled(@TempDir Path dir)
      throws Exception {
    underSubreaper(FullHeapOrphan.class, dir, (ready, exits) -> {
      long middle = Long.parseLong(ready[1]);
      long child = Long.parseLong(ready[2]);
      AtomicBoolean outlived = new AtomicBoolean();
      Thread rescue = rescueIfStillThere(child, outlived);
      ProcessHandle.of(middle).orElseThrow().destroyForcibly();
      Map<Long, Integer> exited = exits.call();
      rescue.interrupt();
      assertFalse(outlived.get(), "the child was still there 30 s after its parent was killed");
      assertEquals(ChildMain.PARENT_DIED, exited.get(child), exited.toString());
    });
  }

  /**
   * Started: kills {@code child} if it is still there 30 s on, and then sets {@code outlived}, so
   * that a child that outlives its parent fails the test instead of staying on the machine.
   * Interrupt it once the child is gone.
   */
  private static Thread rescueIfStillThere(long child, AtomicBoolean outlived) {
    Thread rescue = new Thread(() -> {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException done) {
        return;
      }
      ProcessHandle.of(child).ifPresent(left -> {
        outlived.set(true);
        left.destroyForcibly();
      });
    });
    rescue.setDaemon(true);
    rescue.start();
    return rescue;
  }

  /** What a test does with a program run under the subreaper, once it has printed its ready line. */
  private interface Orphaning {
    void run(String[] ready, java.util.concurrent.Callable<Map<Long, Integer>> exits) throws Exception;
  }

  /**
   * Runs {@code program}'s main under the subreaper, hands {@code orphaning} its ready line and a way
   * to read the exit codes of every process it reaps (until all are gone), and returns what they
   * printed on stderr.
   */
  private static String underSubreaper(
      Class<?> program, Path dir, Orphaning orphaning, String... args) throws Exception {
    assumeTrue(pythonCanBeASubreaper(), "needs Linux and python3 with ctypes");
    Path stderr = dir.resolve("stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(
        "python3", "-c", SUBREAPER, java, "-cp", System.getProperty("java.class.path"),
        program.getName()));
    command.addAll(List.of(args));
    Process harness = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(harness.getInputStream(), StandardCharsets.UTF_8))) {
      String[] ready = lines.readLine().split(" ");
      assertEquals("ready", ready[0], String.join(" ", ready));
      orphaning.run(ready, () -> {
        Map<Long, Integer> exits = new HashMap<>();
        String line;
        while ((line = lines.readLine()) != null) {
          String[] exit = line.split(" ");
          exits.put(Long.parseLong(exit[1]), Integer.parseInt(exit[2]));
        }
        return exits;
      });
    } finally {
      harness.destroyForcibly();
    }
    return Files.readString(stderr);
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
