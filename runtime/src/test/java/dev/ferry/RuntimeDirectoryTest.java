package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.internal.process.ChildMain;
import dev.ferry.internal.transport.RuntimeFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The private runtime directory deleted under a running process, as a temporary-file cleaner
 * ({@code systemd-tmpfiles}) does to old entries of {@code /tmp}: new children still reach the
 * process's channels and pools, and their failure reports still come back.
 */
@Timeout(60)
public class RuntimeDirectoryTest {

  private static void echo(Channel<String> in, Channel<String> out) throws Exception {
    try {
      while (true) {
        out.send("echo " + in.receive());
      }
    } catch (ChannelClosedException done) {
      // the test closed it
    }
  }

  private static void fails() {
    throw new IllegalStateException("failed after the directory went");
  }

  private static Long pid() {
    return ProcessHandle.current().pid();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Test
  void deletedDirectory_newChildrenStillConnectAndReportFailures() throws Exception {
    try (Channel<String> in = Channel.create(); Channel<String> out = Channel.create()) {
      Child before = Children.fast("echo-before").spawn(RuntimeDirectoryTest::echo, in, out);
      in.send("one");
      assertEquals("echo one", out.receive());
      Path old = RuntimeFiles.directory();
      deleteTree(old);

      try (Channel<String> in2 = Channel.create(); Channel<String> out2 = Channel.create()) {
        Child after = Children.fast("echo-after").spawn(RuntimeDirectoryTest::echo, in2, out2);
        in2.send("two");
        assertEquals(Optional.of("echo two"), out2.receive(Duration.ofSeconds(30)));
        in2.close();
        assertEquals(0, after.join());
      }
      Path fresh = RuntimeFiles.directory();
      assertNotEquals(old, fresh);
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)));

      Child failing = Children.fast("fails-after").spawn(RuntimeDirectoryTest::fails);
      assertEquals(ChildMain.THREW, failing.join());
      assertEquals("failed after the directory went", failing.failure().orElseThrow().message());

      in.send("three"); // the child connected before goes on through its connection
      assertEquals("echo three", out.receive());
      in.close();
      assertEquals(0, before.join());
    }
  }

  /**
   * A whole program: its child's target fails after a cleaner of the temporary directory deleted
   * the program's runtime directory, where the child's failure report goes.
   */
  public static final class CleanedUnderAChild {
    public static void main(String[] args) throws Exception {
      try (Channel<String> up = Channel.create(); Channel<String> down = Channel.create()) {
        Child child = Children.fast("cleaned-under").keepSpare(false)
            .spawn(CleanedUnderAChild::failsWhenTold, up, down);
        up.receive(); // the child's connections are made
        deleteTree(RuntimeFiles.directory());
        down.send("fail now");
        System.out.println("exit " + child.join() + ", failure " + child.failure());
      }
    }

    static void failsWhenTold(Channel<String> up, Channel<String> down) throws Exception {
      down.poll(); // connects, while the socket is there
      up.send("started");
      down.receive();
      throw new IllegalStateException("failed after the cleaner");
    }
  }

  /** A whole program whose child's target fails as the program exits. */
  public static final class ExitsAsItsChildFails {
    public static void main(String[] args) throws Exception {
      try (Channel<String> up = Channel.create()) {
        Children.fast("fails-as-parent-exits").keepSpare(false).spawn(
            ExitsAsItsChildFails::failsOnceTheDirectoryIsGone, up,
            RuntimeFiles.directory().toString());
        up.receive();
      } // main returns: the JVM deletes its runtime directory as it exits
    }

    static void failsOnceTheDirectoryIsGone(Channel<String> up, String directory) throws Exception {
      up.send("started");
      while (Files.isDirectory(Path.of(directory))) {
        Thread.sleep(1);
      }
      throw new IllegalStateException("failed as the parent exited");
    }
  }

  private static String outputOf(Class<?> program) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return Children.outputOf(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1",
        "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), program.getName()), 30);
  }

  /**
   * The child said to point -Djava.io.tmpdir at a directory this user can write, and its parent's
   * failure() that its JVM had died starting up, at a limit on threads, after starting a JVM to
   * find out. Now the child names the cleaner, and the parent's failure() is empty.
   */
  @Test
  void directoryDeletedUnderAChild_itsFailureSaysSoNotToMoveTmpdir() throws Exception {
    String output = outputOf(CleanedUnderAChild.class);
    assertTrue(output.contains("exit 1, failure Optional.empty"), output);
    assertTrue(output.contains("java.lang.IllegalStateException: failed after the cleaner"), output);
    assertTrue(output.contains("/child-1.failure: its directory "), output);
    assertTrue(output.contains(" was deleted while the parent (pid "), output);
    assertTrue(output.contains("most often by a cleaner of the temporary directory"), output);
    assertFalse(output.contains("-Djava.io.tmpdir"), output);
  }

  /** The child's report went into the directory its exiting parent had deleted: nobody reads it. */
  @Test
  void childFailingAsItsParentExits_saysNothingOfItsReport() throws Exception {
    String output = outputOf(ExitsAsItsChildFails.class);
    assertFalse(output.contains("cannot write the failure report"), output);
    assertFalse(output.contains("-Djava.io.tmpdir"), output);
  }

  private static void says(Channel<String> out) throws Exception {
    out.send("hi");
  }

  /** In a JVM whose java.io.tmpdir is long: a channel handed to a child, and a pool. */
  private static void channelAndPool() throws Exception {
    try (Channel<String> c = Channel.create()) {
      Children.fast("says").spawn(RuntimeDirectoryTest::says, c);
      if (!c.receive(Duration.ofSeconds(30)).equals(Optional.of("hi"))) {
        throw new AssertionError("no message from the grandchild");
      }
    }
    try (ProcessPool pool = Children.fast("longtmp").pool(1)) {
      pool.submit(RuntimeDirectoryTest::pid).get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A java.io.tmpdir of 66 to 70 characters was taken, though a socket in the directory made
   * there then had a path longer than a Unix socket address holds (the directory's random name
   * takes up to 26 characters): every channel handed to a child failed with "Unix domain path too
   * long". It must work, by falling back to /tmp.
   */
  @Test
  void longTmpdir_channelsAndPoolsStillWork(@TempDir Path temp) throws Exception {
    for (int length : new int[] {68}) {
      String padded = temp.toString() + "/" + "t".repeat(Math.max(1, length - temp.toString().length() - 1));
      Path tmpdir = Files.createDirectories(Path.of(padded));
      Child child = Ferry.options().name("tmpdir-" + length).keepSpare(false)
          .jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmpdir)
          .spawn(RuntimeDirectoryTest::channelAndPool);
      assertEquals(0, child.join(), "java.io.tmpdir of " + tmpdir.toString().length()
          + " characters: " + child.failure());
    }
  }

  private static void spawnsOnce() throws Exception {
    Ferry.options().keepSpare(false).spawn(RuntimeDirectoryTest::says, (Channel<String>) null);
  }

  @Test
  void missingTmpdir_spawnFailsNamingItAndTheProperty() throws Exception {
    Child child = Children.fast("no-tmpdir").keepSpare(false)
        .jvmFlags("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=/nonexistent-ferry-tmp")
        .spawn(RuntimeDirectoryTest::spawnsOnce);
    assertEquals(ChildMain.THREW, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.io.UncheckedIOException", failure.exceptionType());
    assertTrue(failure.message().contains(
        "cannot create a directory in /nonexistent-ferry-tmp (java.io.tmpdir)"), failure.message());
    assertTrue(failure.message().contains("point -Djava.io.tmpdir at a directory this user can write"),
        failure.message());
  }

  private static void poolsOnce() throws Exception {
    try (ProcessPool pool = Ferry.options().keepSpare(false).pool(1)) {
      pool.submit(RuntimeDirectoryTest::pid).get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * A java.io.tmpdir whose file system was full or out of inodes made Ferry.pool(1).submit(..)
   * throw only "UncheckedIOException: cannot listen on .../pool-1.sock", its cause ("No space
   * left on device") deep in the trace and no word of what to do. Made here with a tmpfs of 3
   * inodes, which has room for the private directory and its owner file but not for a socket
   * (mounting needs root: skipped elsewhere).
   */
  @Test
  void fullTmpdir_poolFailsNamingTheCauseAndTheFix(@TempDir Path temp) throws Exception {
    Path tmpdir = Files.createDirectories(temp.resolve("tiny"));
    Process mount = new ProcessBuilder(
            "mount", "-t", "tmpfs", "-o", "size=1m,nr_inodes=3", "tmpfs", tmpdir.toString())
        .redirectErrorStream(true).start();
    mount.getInputStream().readAllBytes();
    assumeTrue(mount.waitFor() == 0, "needs to mount a tmpfs (root)");
    try {
      Child child = Children.fast("full-tmpdir").keepSpare(false)
          .jvmFlags("-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmpdir)
          .spawn(RuntimeDirectoryTest::poolsOnce);
      assertEquals(ChildMain.THREW, child.join());
      ChildFailure failure = child.failure().orElseThrow();
      assertEquals("java.io.UncheckedIOException", failure.exceptionType());
      String message = failure.message();
      assertTrue(message.startsWith("cannot listen on " + tmpdir + "/ferry-"), message);
      assertTrue(message.contains("/pool-1.sock: java.net.SocketException: No space left on device;"
          + " Ferry makes its sockets and children's failure reports in a directory under"
          + " java.io.tmpdir (" + tmpdir + "), whose file system is full or out of inodes"
          + " (df -h, df -i): free space there, or point -Djava.io.tmpdir at a directory with"
          + " room"), message);
    } finally {
      new ProcessBuilder("umount", tmpdir.toString()).inheritIO().start().waitFor();
    }
  }

  private static void spawnsFailingChild(Channel<String> out) throws Exception {
    Child child = Ferry.options().keepSpare(false).name("no-room")
        .jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto")
        .spawn(RuntimeDirectoryTest::fails);
    out.send(child.join() + " " + child.failure().map(ChildFailure::message).orElse("no failure"));
  }

  /**
   * A java.io.tmpdir out of inodes: the runtime directory takes no new file, so a child whose
   * target threw could leave neither its report nor the empty file that says Ferry ran in it. Its
   * failure() said its JVM died starting up "most often at a limit on threads (ulimit -u)", which
   * sent the user the wrong way; it now says the directory takes no file, and why. Made with a
   * tmpfs of 3 inodes, room for the private directory and its owner file only (mounting needs root:
   * skipped elsewhere); the spawning process's own report would not fit either, so it answers on a
   * channel of this process's.
   */
  @Test
  void tmpdirOutOfInodes_failedChildIsToldSoNotALimitOnThreads(@TempDir Path temp)
      throws Exception {
    Path tmpdir = Files.createDirectories(temp.resolve("tiny"));
    Process mount = new ProcessBuilder(
            "mount", "-t", "tmpfs", "-o", "size=1m,nr_inodes=3", "tmpfs", tmpdir.toString())
        .redirectErrorStream(true).start();
    mount.getInputStream().readAllBytes();
    assumeTrue(mount.waitFor() == 0, "needs to mount a tmpfs (root)");
    try {
      Channel<String> out = Channel.create();
      Child spawner = Children.fast("spawner").keepSpare(false)
          .jvmFlags("-Djava.io.tmpdir=" + tmpdir)
          .spawn(RuntimeDirectoryTest::spawnsFailingChild, out);
      String answer = out.receive(Duration.ofSeconds(50)).orElseThrow();
      assertEquals(0, spawner.join());
      assertTrue(answer.startsWith("1 the child no-room exited with code 1 and left no failure"
          + " report, nor the empty file a child leaves in " + tmpdir + "/ferry-"), answer);
      assertTrue(answer.contains(" once Ferry runs in it: that directory takes no new file"
          + " (java.nio.file.FileSystemException: "), answer);
      assertTrue(answer.contains("No space left on device; Ferry makes its sockets and children's"
          + " failure reports in a directory under java.io.tmpdir (" + tmpdir + "), whose file"
          + " system is full or out of inodes (df -h, df -i)"), answer);
      assertFalse(answer.contains("ulimit -u"), answer);
      out.close();
    } finally {
      new ProcessBuilder("umount", tmpdir.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void tmpdirTheLocaleCannotName_spawnFailsNamingThePropertyAndTheFix(@TempDir Path temp)
      throws Exception {
    assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")),
        "needs a UTF-8 locale here to hand the child a non-ASCII flag");
    Path tmpdir = Files.createDirectories(temp.resolve("tmp-\u00e9"));
    Child child = Children.fast("c-locale").keepSpare(false)
        .environment("LANG", "C").environment("LC_ALL", "C")
        .jvmFlags("-Djava.io.tmpdir=" + tmpdir)
        .spawn(RuntimeDirectoryTest::spawnsOnce);
    assertEquals(ChildMain.THREW, child.join());
    ChildFailure failure = child.failure().orElseThrow();
    assertEquals("java.io.UncheckedIOException", failure.exceptionType(), failure.toString());
    assertTrue(failure.message().startsWith("cannot create Ferry's private runtime directory:"
        + " java.io.tmpdir, " + temp.resolve("tmp-") + "\uFFFD\uFFFD, is not a path this JVM can name: its"
        + " file names are written in ANSI_X3.4-1968, the charset of its locale (LANG, LC_ALL),"
        + " which has no such characters; run it with a UTF-8 locale (LANG=C.UTF-8) or point"
        + " -Djava.io.tmpdir at a directory whose name it can write"), failure.message());
  }

  @Test
  void deletedDirectory_poolStillStartsReplacementWorkers() throws Exception {
    try (ProcessPool pool = Children.fast("dirpool").pool(1)) {
      long first = pool.submit(RuntimeDirectoryTest::pid).get(30, TimeUnit.SECONDS);
      deleteTree(RuntimeFiles.directory());
      ProcessHandle worker = ProcessHandle.of(first).orElseThrow();
      worker.destroyForcibly();
      worker.onExit().get(30, TimeUnit.SECONDS);
      Thread.sleep(500); // the pool notices (a task sent before it did would fail with the worker)
      long second = pool.submit(RuntimeDirectoryTest::pid).get(30, TimeUnit.SECONDS);
      assertTrue(second != first, "the replacement worker answered");
    }
  }

  /**
   * Makes this process's runtime directory, says where, says when its sweep of the directories
   * beside it is over, and waits to be killed.
   */
  private static void holdsDirectory(Channel<String> out) throws Exception {
    out.send(RuntimeFiles.directory().toString());
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals("ferry-sweep")) {
        thread.join();
      }
    }
    out.send("swept");
    Thread.sleep(120_000);
  }

  private static Child holder(String name, Path tmpdir, Channel<String> out) throws Exception {
    return Children.fast(name).keepSpare(false)
        .jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + tmpdir)
        .spawn(RuntimeDirectoryTest::holdsDirectory, out);
  }

  /** Makes the owner file of {@code directory} look a minute old, past the sweep's grace. */
  private static void age(Path directory) throws IOException {
    Files.setLastModifiedTime(directory.resolve(".owner"),
        FileTime.fromMillis(System.currentTimeMillis() - 60_000));
  }

  /**
   * A process killed with SIGKILL runs no shutdown hook, so its runtime directory stayed in
   * java.io.tmpdir for good (hundreds piled up in /tmp over a day of test runs). The next process
   * to make its directory there deletes it, and leaves alone the directory of a process that lives.
   */
  @Test
  void killedProcessesDirectory_sweptByTheNextProcess_liveOnesKept(@TempDir Path tmpdir)
      throws Exception {
    try (Channel<String> out = Channel.create()) {
      Child killed = holder("sweep-killed", tmpdir, out);
      Path stale = Path.of(out.receive(Duration.ofSeconds(30)).orElseThrow());
      assertEquals(Optional.of("swept"), out.receive(Duration.ofSeconds(30)));
      Child alive = holder("sweep-alive", tmpdir, out);
      Path live = Path.of(out.receive(Duration.ofSeconds(30)).orElseThrow());
      assertEquals(Optional.of("swept"), out.receive(Duration.ofSeconds(30)));
      killed.kill();
      killed.join();
      assertTrue(Files.isDirectory(stale), "SIGKILL leaves the directory");
      age(stale);
      age(live);

      Child sweeper = holder("sweeper", tmpdir, out);
      Path own = Path.of(out.receive(Duration.ofSeconds(30)).orElseThrow());
      assertEquals(Optional.of("swept"), out.receive(Duration.ofSeconds(30)));
      assertTrue(Files.notExists(stale), "the killed process's directory was swept");
      assertTrue(Files.isDirectory(live), "the live process's directory was kept");
      assertTrue(Files.isDirectory(own));
      alive.kill();
      sweeper.kill();
    }
  }
}
