package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link SpawnOptions#keepSpare}: child JVMs started ahead of time, with real processes. */
@Timeout(60)
public class SpareTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  /**
   * Options no other test spawns with. Spares are kept for one set of options per process, and the
   * test classes share a JVM: a pool of an earlier test, closed with the same options, left two
   * spares, so a spawn here ran in one and found the other waiting, and started none for the test
   * to see.
   */
  private static SpawnOptions ownOptions(String name) {
    return Children.fast(name).environment("FERRY_SPARE_TEST", name);
  }

  private static void reportsPid(Channel<Long> pids) throws Exception {
    pids.send(ProcessHandle.current().pid());
  }

  private static void returns() {}

  /** Spawns a child with a spare, reports the spare's pid, and returns, leaving the spare unused. */
  private static void leavesASpare(Channel<Long> pids) throws Exception {
    Set<Long> before = childPids();
    Child child = Children.fast("inner").keepSpare(true).spawn(SpareTest::returns);
    assertEquals(0, child.join());
    pids.send(newChild(before, child.pid()).pid());
  }

  /** Spawns a first child with {@code options}, which want a spare, and returns that spare. */
  private static ProcessHandle spareAfterAFirstSpawn(SpawnOptions options, Channel<Long> pids)
      throws Exception {
    Set<Long> before = childPids();
    Child first = options.spawn(SpareTest::reportsPid, pids);
    assertEquals(first.pid(), pids.receive());
    assertEquals(0, first.join());
    return newChild(before, first.pid());
  }

  /**
   * A whole program whose spawns and pools want spares with a flag the JVM refuses: each spawn's
   * child and each pool's worker prints the JVM's refusal on the inherited stderr.
   */
  public static final class RefusedFlagProgram {
    public static void main(String[] args) throws Exception {
      SpawnOptions refused = Ferry.options().jvmFlags("-XX:+NoSuchFerrySpareFlag");
      for (int i = 0; i < 2; i++) {
        Child child = refused.keepSpare(true).spawn(SpareTest::returns);
        if (child.join() != 1 || child.failure().isEmpty()) {
          throw new AssertionError("the refused child was not told as refused");
        }
      }
      for (int i = 0; i < 2; i++) {
        try (ProcessPool pool = refused.pool(1)) {
          pool.submit(SpareTest::pidAfter, 0).join();
          throw new AssertionError("a refused pool ran a task");
        } catch (java.util.concurrent.CompletionException | IllegalStateException expected) {
          // the pool is broken: its worker's JVM did not start (before the submit, or after)
        }
      }
    }
  }

  /**
   * A spare was started with the options as soon as they were wanted, so with a flag the JVM
   * refuses each spawn's spare printed the refusal once more (four times for two spawns), and each
   * pool left one spare that did too: a spare now waits until a child with its options ran Ferry.
   */
  @Test
  void optionsTheJvmRefuses_startNoSpare_soTheRefusalIsPrintedOncePerChild() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String output = Children.outputOf(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), RefusedFlagProgram.class.getName()), 30);
    assertEquals(4, output.split("Unrecognized VM option 'NoSuchFerrySpareFlag'", -1).length - 1,
        output);
  }

  @Test
  void nextSpawn_runsItsTargetInTheSpareTheFirstSpawnStarted() throws Exception {
    SpawnOptions options = ownOptions("spare").keepSpare(true);
    try (Channel<Long> pids = Channel.create()) {
      ProcessHandle spare = spareAfterAFirstSpawn(options, pids);

      Child second = options.spawn(SpareTest::reportsPid, pids);
      assertEquals(spare.pid(), second.pid());
      assertEquals(second.pid(), pids.receive()); // the spare ran the target it was handed
      assertEquals(0, second.join());
    }
  }

  @Test
  void aStoppedSpare_isNotHandedTheTarget_theSpawnStartsAJvmThatRunsIt() throws Exception {
    SpawnOptions options = ownOptions("stopped-spare").keepSpare(true);
    try (Channel<Long> pids = Channel.create()) {
      ProcessHandle spare = spareAfterAFirstSpawn(options, pids);
      try {
        Signals.stop(spare.pid()); // kill -STOP of an idle JVM beside the program

        Child second = options.spawn(SpareTest::reportsPid, pids);
        assertNotEquals(spare.pid(), second.pid(), "the stopped spare was handed the target");
        assertEquals(Optional.of(second.pid()), pids.receive(WAIT));
        assertEquals(0, second.join());
        spare.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // killed, not left stopped
      } finally {
        spare.destroyForcibly();
      }
    }
  }

  /**
   * A spare killed (kill -9, the kernel's OOM killer) moments before a spawn: the JDK says a child
   * is alive until its reaper thread has seen it exit, which for a JVM whose threads are still
   * dying took some 20 ms, and a spawn then handed the dead JVM its target: the child exited with
   * 137 at once, its target never run.
   */
  @Test
  void aSpareJustKilled_isNotHandedTheTarget() throws Exception {
    SpawnOptions options = ownOptions("killed-spare").keepSpare(true);
    try (Channel<Long> pids = Channel.create()) {
      ProcessHandle spare = spareAfterAFirstSpawn(options, pids);
      spare.destroyForcibly();
      Path stat = Path.of("/proc", Long.toString(spare.pid()), "stat");
      while (!deadOrGone(stat)) {
        Thread.sleep(0, 100_000); // until the kernel shows it dead, not reaped yet
      }

      Child second = options.spawn(SpareTest::reportsPid, pids);
      assertNotEquals(spare.pid(), second.pid(), "the killed spare was handed the target");
      assertEquals(Optional.of(second.pid()), pids.receive(WAIT));
      assertEquals(0, second.join());
    }
  }

  /** Whether the process of {@code stat} is a zombie or reaped already (its file then vanishes). */
  private static boolean deadOrGone(Path stat) {
    try {
      return Files.readString(stat).matches("(?s).*\\) Z .*");
    } catch (IOException gone) { // no file, or "No such process" if reaped while being read
      return true;
    }
  }

  private static void writesAFileHere(Channel<Long> pids) throws Exception {
    Files.writeString(Path.of("written.txt"), "here"); // relative: in the working directory
    pids.send(ProcessHandle.current().pid());
  }

  /**
   * A spare whose working directory was deleted and made again at the same path (a deploy that
   * replaced the release directory) runs in the deleted one: it was handed the target, whose
   * relative file could not be made (NoSuchFileException, exit 1), where a JVM started then runs
   * in the new directory, as the docs promise of a child given no workingDirectory.
   */
  @Test
  void aSpareWhoseWorkingDirectoryWasMadeAgain_isNotHandedTheTarget(@TempDir Path dir)
      throws Exception {
    Path work = Files.createDirectory(dir.resolve("release"));
    SpawnOptions options = ownOptions("moved-spare").keepSpare(true).workingDirectory(work);
    try (Channel<Long> pids = Channel.create()) {
      ProcessHandle spare = spareAfterAFirstSpawn(options, pids);
      awaitReadingItsStdin(spare); // booted: one dying as it boots was not handed the target
      Files.delete(work);
      Files.createDirectory(work);

      Child second = options.spawn(SpareTest::writesAFileHere, pids);
      assertNotEquals(spare.pid(), second.pid(), "the spare left in the deleted directory ran it");
      assertEquals(Optional.of(second.pid()), pids.receive(WAIT));
      assertEquals(0, second.join());
      assertEquals("here", Files.readString(work.resolve("written.txt")));
      spare.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // killed, not left behind
    }
  }

  @Test
  void spawnWithOtherOptions_startsItsOwnChild_andItsSpareReplacesTheFirst() throws Exception {
    try (Channel<Long> pids = Channel.create()) {
      Set<Long> before = childPids();
      Child first = ownOptions("first-spare").keepSpare(true).spawn(SpareTest::reportsPid, pids);
      assertEquals(first.pid(), pids.receive());
      assertEquals(0, first.join());
      ProcessHandle spare = newChild(before, first.pid());

      Child other =
          ownOptions("other").jvmFlags("-Xmx64m").keepSpare(true).spawn(SpareTest::reportsPid, pids);
      assertNotEquals(spare.pid(), other.pid());
      assertEquals(other.pid(), pids.receive());
      assertEquals(0, other.join());
      spare.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS); // at most one spare per process
    }
  }

  /**
   * Spawns with a spare twice, each right after the spawn before (whose spare still starts)
   * with its interrupt flag set, then reports how many of its children are alive once they had
   * time to end: only the last spare should be.
   */
  private static void spawnsInterruptedWhileItsSpareStarts(Channel<Integer> alive)
      throws Exception {
    SpawnOptions options = Children.fast("interrupted-take").keepSpare(true);
    assertEquals(0, options.spawn(SpareTest::returns).join());
    for (int i = 0; i < 2; i++) {
      Child first = options.spawn(SpareTest::returns);
      Thread.currentThread().interrupt(); // the take waits for the spare the spawn above starts
      Child second = options.spawn(SpareTest::returns);
      assertTrue(Thread.interrupted()); // the spawn keeps the flag, and starts a JVM of its own
      assertEquals(0, first.join());
      assertEquals(0, second.join());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (livingChildren() > 1 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    alive.send((int) livingChildren());
  }

  private static long livingChildren() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive).count();
  }

  /**
   * A spare that a spawn took while it started, and that the spawn, interrupted, did not wait for,
   * ends. It used to stay, idle, until its parent exited: one more JVM for each spawn interrupted
   * so (probed: 9 idle JVMs after 24 spawns on six threads interrupted at random).
   */
  @Test
  void aSpareTakenByAnInterruptedSpawn_ends() throws Exception {
    try (Channel<Integer> alive = Channel.create()) {
      Child parent = Children.fast("interrupted-spawns")
          .spawn(SpareTest::spawnsInterruptedWhileItsSpareStarts, alive);
      assertEquals(1, alive.receive());
      assertEquals(0, parent.join(), parent.failure().map(ChildFailure::stackTrace).orElse(""));
    }
  }

  @Test
  void anUnusedSpare_endsWithTheProcessThatStartedIt() throws Exception {
    try (Channel<Long> pids = Channel.create()) {
      Child parent = Children.fast("parent-of-spare").spawn(SpareTest::leavesASpare, pids);
      long sparePid = pids.receive();
      assertEquals(0, parent.join());
      ProcessHandle spare = ProcessHandle.of(sparePid).orElse(null);
      if (spare != null) {
        spare.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      }
      assertFalse(ProcessHandle.of(sparePid).map(ProcessHandle::isAlive).orElse(false));
    }
  }

  @Test
  void byDefault_theSpawnAfterARepeatRunsInTheSpareTheRepeatStarted() throws Exception {
    SpawnOptions options = Children.fast("default-spare").environment("FERRY_SPARE_TEST", "repeat");
    try (Channel<Long> pids = Channel.create()) {
      Set<Long> before = childPids();
      Child first = options.spawn(SpareTest::reportsPid, pids);
      assertEquals(first.pid(), pids.receive());
      assertEquals(0, first.join());
      Child second = options.spawn(SpareTest::reportsPid, pids); // the same options again
      assertEquals(second.pid(), pids.receive());
      assertEquals(0, second.join());
      before.add(first.pid());
      ProcessHandle spare = newChild(before, second.pid());

      Child third = options.spawn(SpareTest::reportsPid, pids);
      assertEquals(spare.pid(), third.pid());
      assertEquals(third.pid(), pids.receive());
      assertEquals(0, third.join());
    }
  }

  /**
   * By default the first spawn with some options wants no spare, so nothing watched its child, and
   * the repeat's spare waited until the repeat's own child had reached Ferry: a program spawning
   * one child after another found its third spawn's spare still booting. Each child here is held
   * before its main (the JVM's {@code PauseAtStartup}, until a file is deleted): the repeat's
   * spare starts while its child is held, since the first child ran Ferry with these options.
   */
  @Test
  void byDefault_aRepeatOfOptionsAChildRanWith_startsItsSpareWithoutWaitingForItsChild(
      @TempDir Path dir) throws Exception {
    Path pause = dir.resolve("paused");
    SpawnOptions options = Children.fast("repeat").environment("FERRY_SPARE_TEST", "held")
        .jvmFlags("-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup",
            "-XX:PauseAtStartupFile=" + pause);
    try (Channel<Long> pids = Channel.create()) {
      Set<Long> before = childPids();
      Child first = options.spawn(SpareTest::reportsPid, pids);
      Optional<Long> reported = Optional.empty();
      while (reported.isEmpty()) { // its JVM makes the file as it starts, then waits while it exists
        Files.deleteIfExists(pause);
        reported = pids.receive(Duration.ofMillis(100));
      }
      assertEquals(first.pid(), reported.get());
      assertEquals(0, first.join());
      before.add(first.pid());

      Child second = options.spawn(SpareTest::reportsPid, pids); // held: the file is not deleted
      ProcessHandle spare = newChild(before, second.pid());
      try {
        assertTrue(second.isAlive() && pids.poll().isEmpty(), "the second child ran");
      } finally {
        spare.destroyForcibly();
        second.kill();
        Files.deleteIfExists(pause);
      }
    }
  }

  @Test
  void byDefault_spawnsWithOtherOptionsEachTime_startNoSpare() throws Exception {
    try (Channel<Long> pids = Channel.create()) {
      Set<Long> before = childPids();
      for (int i = 0; i < 2; i++) {
        Child child =
            Children.fast("once").environment("FERRY_SPARE_TEST", "once-" + i).spawn(SpareTest::reportsPid, pids);
        assertEquals(child.pid(), pids.receive());
        assertEquals(0, child.join());
        before.add(child.pid());
      }
      Thread.sleep(1_000); // a spare would have been started at once, on a background thread
      Set<Long> started = childPids();
      started.removeAll(before);
      assertEquals(Set.of(), started);
    }
  }

  @Test
  void keepSpareFalse_startsNoSpare_evenWhenTheOptionsRepeat() throws Exception {
    SpawnOptions options =
        Children.fast("no-spare").environment("FERRY_SPARE_TEST", "never").keepSpare(false);
    try (Channel<Long> pids = Channel.create()) {
      Set<Long> before = childPids();
      for (int i = 0; i < 2; i++) {
        Child child = options.spawn(SpareTest::reportsPid, pids);
        assertEquals(child.pid(), pids.receive());
        assertEquals(0, child.join());
        before.add(child.pid());
      }
      Thread.sleep(1_000);
      Set<Long> started = childPids();
      started.removeAll(before);
      assertEquals(Set.of(), started);
    }
  }

  private static Long pidAfter(Integer millis) throws InterruptedException {
    Thread.sleep(millis);
    return ProcessHandle.current().pid();
  }

  /** The pids of the pool's workers: tasks that take long enough to occupy every worker. */
  private static Set<Long> workerPids(ProcessPool pool, int workers) throws Exception {
    Set<Long> pids = new java.util.HashSet<>();
    for (int round = 0; round < 20 && pids.size() < workers; round++) {
      List<CompletableFuture<Long>> running = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        running.add(pool.submit(SpareTest::pidAfter, 300));
      }
      for (CompletableFuture<Long> pid : running) {
        pids.add(pid.get());
      }
    }
    return pids;
  }

  @Test
  void poolWithTheOptionsOfTheLastPool_startsOnTheSparesThatPoolLeft() throws Exception {
    // Tagged: a spare an earlier test's options start late is a new child too, and was once
    // counted as one of these, so that the second of these went unseen.
    String tag = "-Dferry.test.spares=pool-spares";
    SpawnOptions options = Children.fast("pool-spares").jvmFlags(tag);
    try (ProcessPool first = options.pool(2)) {
      assertEquals(2, workerPids(first, 2).size()); // no spares yet: the options are new
    }
    Set<Long> before = childPids();
    try (ProcessPool second = options.pool(2)) { // a repeat: it leaves two spares when it closes
      before.addAll(workerPids(second, 2));
    }
    Set<Long> spares = taggedChildPids(tag);
    spares.removeAll(before);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (spares.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(10);
      spares = taggedChildPids(tag);
      spares.removeAll(before);
    }
    try (ProcessPool third = options.pool(2)) {
      Set<Long> workers = workerPids(third, 2);
      assertEquals(2, workers.size());
      // At least one: in a full run (CI, twice; never alone), the third pool once ran on one of
      // the two spares and a JVM of its own, most likely because an earlier test's pool or spawn
      // asked for spares of its options in between (one set of spares per process). Without
      // spares for pools, it would run on neither.
      Set<Long> onSpares = new java.util.HashSet<>(workers);
      onSpares.retainAll(spares);
      assertFalse(onSpares.isEmpty(),
          "the third pool's workers " + workers + " are none of the spares the second left " + spares);
    }
  }

  /**
   * Waits until {@code spare}'s JVM has booted and waits for its start-up message: one of its
   * threads is in read(2) on its stdin, as Linux's /proc/PID/task/TID/syscall shows ("0 0x0 ...").
   */
  private static void awaitReadingItsStdin(ProcessHandle spare) throws Exception {
    Path tasks = Path.of("/proc", Long.toString(spare.pid()), "task");
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try (var threads = Files.list(tasks)) {
        for (Path thread : threads.toList()) {
          try {
            if (Files.readString(thread.resolve("syscall")).startsWith("0 0x0 ")) {
              return;
            }
          } catch (java.io.IOException gone) {
            // the thread ended meanwhile
          }
        }
      }
      Thread.sleep(10);
    }
    throw new AssertionError("spare " + spare.pid() + " did not read its stdin within " + WAIT);
  }

  /** The live children whose command line holds {@code flag}. */
  private static Set<Long> taggedChildPids(String flag) {
    return ProcessHandle.current().children()
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().arguments().map(a -> List.of(a).contains(flag)).orElse(false))
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current().children()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(java.util.HashSet::new));
  }

  /** The live child started since {@code before} that is not {@code exceptPid}: the spare. */
  private static ProcessHandle newChild(Set<Long> before, long exceptPid) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      var found =
          ProcessHandle.current()
              .children()
              .filter(p -> p.isAlive() && p.pid() != exceptPid && !before.contains(p.pid()))
              .findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("no spare child was started within " + WAIT);
  }
}
