package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.ChildFailure;
import dev.ferry.Children;
import dev.ferry.Ferry;
import dev.ferry.ProcessPool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of connections that exhausts a host's file descriptors does not stop its channel
 * server, and a holder whose host never answers gives up with a clear error.
 */
@Timeout(90)
class FdExhaustionTest {

  // ---- child targets

  /** A host: serves a channel, then on command spawns a grandchild that sends on it. */
  private static void hub(Channel<String> commands, Channel<String> report) throws Exception {
    Channel<String> work = Channel.create();
    ChannelServer server = ChannelServer.get();
    server.serve(HostChannels.of(work));
    report.send(server.path());
    commands.receive(); // "spawn", once the burst is over
    Child sender = Children.fast("sender").spawn(FdExhaustionTest::sendServed, work);
    report.send(work.receive(Duration.ofSeconds(30)).orElse("the grandchild was never served"));
    report.send("grandchild exited " + sender.join());
  }

  private static void sendServed(Channel<String> work) throws Exception {
    work.send("served");
  }

  /**
   * Out of file descriptors as it first makes its runtime directory, then with some again: says
   * whether the directory had its owner file each time.
   */
  private static void makesItsDirectoryOutOfDescriptors(
      Channel<String> commands, Channel<String> report, String tmpdir) throws Exception {
    report.send("ready");
    commands.receive(); // "fill", once the parent has lowered this process's limit
    // Loaded while there are descriptors: a class file is opened to be loaded.
    Class.forName(RuntimeFiles.class.getName());
    Class.forName(StaleDirectories.class.getName());
    List<FileInputStream> filling = new ArrayList<>();
    Path directory;
    boolean ownedWhileOut;
    try {
      try {
        while (true) {
          filling.add(new FileInputStream("/dev/null"));
        }
      } catch (IOException full) {
        // Too many open files
      }
      directory = RuntimeFiles.directory();
      ownedWhileOut = Files.exists(directory.resolve(StaleDirectories.OWNER_FILE));
    } finally {
      for (FileInputStream f : filling) {
        f.close();
      }
    }
    Path again = RuntimeFiles.directory();
    report.send("in " + tmpdir + ": " + directory.startsWith(tmpdir) + ", owned while out: "
        + ownedWhileOut + ", then: " + Files.exists(again.resolve(StaleDirectories.OWNER_FILE))
        + ", same directory: " + again.equals(directory));
  }

  /**
   * Hosts a pool whose worker is held in its initializer until {@code go} exists; on command, uses
   * up its file descriptors, lets the worker connect, and frees them a second later.
   */
  private static void poolHub(Channel<String> commands, Channel<String> report, String go)
      throws Exception {
    ProcessPool pool = Children.fast("fd-pool").keepSpare(false).pool(1)
        .initializer(FdExhaustionTest::awaitFile, go);
    try {
      CompletableFuture<String> task = pool.submit(FdExhaustionTest::ran); // the pool listens
      // A JVM out of descriptors cannot open its jars to load a class: what the pool and the
      // file system load when a worker ends is loaded first (a child that ends, a file made).
      Children.fast("warm-up").spawn(FdExhaustionTest::ran).join();
      // The file that lets the worker go is made now and renamed once every descriptor is taken:
      // a rename needs none. Made then, it needed one freed for it, which a thread of this process
      // could take first (the file was never made, and the hub failed: once in a full CI run).
      Path pending = Files.createFile(Path.of(go + ".pending"));
      Files.delete(Files.move(Files.createFile(Path.of(go + ".warm")), Path.of(go + ".warmed")));
      report.send("ready");
      commands.receive(); // "fill": the test has lowered this process's limit
      List<FileInputStream> filler = new ArrayList<>();
      try {
        while (true) {
          filler.add(new FileInputStream("/dev/null"));
        }
      } catch (IOException full) {
        // every descriptor is taken
      }
      Files.move(pending, Path.of(go)); // the worker connects: the pool has no descriptor for it
      Thread.sleep(500);
      freeAndReport(filler, task, report);
    } finally {
      pool.closeNow();
    }
  }

  /**
   * Hosts a pool of one in a JVM that has seen no child end, so nothing a worker's end needs is
   * loaded yet; on command, takes every file descriptor it can, and each one freed after, while
   * the worker exits with 1 in a task, then frees them all.
   */
  private static void exitHub(Channel<String> commands, Channel<String> report) throws Exception {
    ProcessPool pool = Children.fast("exit-pool").keepSpare(false).pool(1);
    try {
      report.send(pool.submit(FdExhaustionTest::ran).get(30, TimeUnit.SECONDS));
      commands.receive(); // "fill": the test has lowered this process's limit
      CompletableFuture<String> task = pool.submit(FdExhaustionTest::exitSoon);
      List<FileInputStream> filler = new ArrayList<>();
      long until = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
      while (System.nanoTime() < until) { // the worker's end frees some: they are taken too
        try {
          filler.add(new FileInputStream("/dev/null"));
        } catch (IOException full) {
          Thread.onSpinWait();
        }
      }
      freeAndReport(filler, task, report);
    } finally {
      pool.closeNow();
    }
  }

  /** Frees the descriptors taken, then reports how the task ended. */
  private static void freeAndReport(
      List<FileInputStream> filler, CompletableFuture<String> task, Channel<String> report)
      throws Exception {
    for (FileInputStream f : filler) {
      f.close();
    }
    try {
      report.send(task.get(30, TimeUnit.SECONDS));
    } catch (ExecutionException e) {
      report.send("failed: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      report.send("the worker was never heard of again");
    }
  }

  private static String exitSoon() throws InterruptedException {
    Thread.sleep(500);
    System.exit(1);
    return "exited";
  }

  private static void awaitFile(String file) throws InterruptedException {
    while (!Files.exists(Path.of(file))) {
      Thread.sleep(5);
    }
  }

  private static String ran() {
    return "the task ran";
  }

  // ---- tests

  @Test
  void pool_outOfFileDescriptors_neverLeavesATaskWaitingForAWorker(@TempDir Path dir)
      throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && canRun("prlimit", "--version"),
        "needs Linux's /proc and prlimit");
    Channel<String> commands = Channel.create();
    Channel<String> report = Channel.create();
    Child hub = Children.fast("pool-hub")
        .spawn(FdExhaustionTest::poolHub, commands, report, dir.resolve("go").toString());
    assertEquals("ready", report.receive());
    long pid = hub.pid();
    run("prlimit", "--pid", Long.toString(pid), "--nofile=" + (openFiles(pid) + 16) + ":");
    commands.send("fill");
    // The worker connects while the pool has no descriptor for it (to accept it, or then for its
    // reader's selector), and its replacement's JVM may not start either: the task runs once
    // descriptors are free, or fails saying why, but is never left waiting for a worker.
    String outcome = report.receive();
    assertTrue(outcome.equals("the task ran") || outcome.startsWith("failed: ")
        && outcome.contains("Too many open files"), outcome);
    assertEquals(0, hub.join());
  }

  /**
   * A pool whose process is out of descriptors as its first worker ends: the task that worker ran
   * fails naming how it ended. Before, the pool's reader thread died loading the class that reads
   * failure reports (a process out of descriptors cannot open a class file), with the dead worker
   * half handled, and its task waited for ever; the class stayed unloadable afterwards.
   */
  @Test
  void pool_outOfFileDescriptorsAsItsFirstWorkerEnds_failsTheTaskItRan() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && canRun("prlimit", "--version"),
        "needs Linux's /proc and prlimit");
    Channel<String> commands = Channel.create();
    Channel<String> report = Channel.create();
    Child hub = Children.fast("exit-hub").spawn(FdExhaustionTest::exitHub, commands, report);
    assertEquals("the task ran", report.receive());
    long pid = hub.pid();
    run("prlimit", "--pid", Long.toString(pid), "--nofile=" + (openFiles(pid) + 16) + ":");
    commands.send("fill");
    String outcome = report.receive();
    assertTrue(outcome.startsWith("failed: worker exit-pool")
        && outcome.contains("exited with code 1 while running task FdExhaustionTest::exitSoon"),
        outcome);
    assertEquals(0, hub.join());
  }

  /**
   * A process out of file descriptors as it makes its runtime directory cannot make the directory's
   * owner file, which a sweep needs to tell that the directory's process is gone: the file is made
   * at the directory's next use. It used to be left without one for good, and once such a process
   * was killed its directory stayed in java.io.tmpdir, which no sweep deletes (two were found in
   * /tmp after a day of test runs, each with ten children's failure files).
   */
  @Test
  void runtimeDirectoryMadeOutOfFileDescriptors_getsItsOwnerFileOnceThereAreSome(
      @TempDir Path tmpdir) throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && canRun("prlimit", "--version"),
        "needs Linux's /proc and prlimit");
    Channel<String> commands = Channel.create();
    Channel<String> report = Channel.create();
    Child child = Children.fast("owner").keepSpare(false)
        .jvmFlags("-Djava.io.tmpdir=" + tmpdir)
        .spawn(FdExhaustionTest::makesItsDirectoryOutOfDescriptors, commands, report,
            tmpdir.toString());
    assertEquals("ready", report.receive());
    long pid = child.pid();
    run("prlimit", "--pid", Long.toString(pid), "--nofile=" + (openFiles(pid) + 16) + ":");
    commands.send("fill");
    String said;
    try {
      said = report.receive();
    } catch (ChannelClosedException e) {
      said = child.join() + " " + child.failure().map(ChildFailure::stackTrace).orElse("");
    }
    assertEquals("in " + tmpdir + ": true, owned while out: false, then: true,"
        + " same directory: true", said);
    assertEquals(0, child.join());
  }

  @Test
  void channelServer_outOfFileDescriptors_backsOffAndServesTheNextChild() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")) && canRun("prlimit", "--version"),
        "needs Linux's /proc and prlimit");
    Channel<String> commands = Channel.create();
    Channel<String> report = Channel.create();
    Child hub = Children.fast("hub").spawn(FdExhaustionTest::hub, commands, report);
    String path = report.receive();
    long pid = hub.pid();
    int open = openFiles(pid);
    int limit = open + 16;
    run("prlimit", "--pid", Long.toString(pid), "--nofile=" + limit + ":"); // the soft limit
    List<SocketChannel> burst = new ArrayList<>();
    try {
      for (int i = 0; i < 40; i++) { // 16 are accepted, the rest wait in the listen backlog
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(path));
        burst.add(socket);
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (openFiles(pid) < limit - 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(openFiles(pid) >= limit - 1, "the hub ran out of file descriptors");
      Thread.sleep(500); // accept fails with EMFILE, again and again
      assertTrue(hub.isAlive(), "the hub survives running out of file descriptors");
    } finally {
      for (SocketChannel socket : burst) {
        socket.close();
      }
    }
    run("prlimit", "--pid", Long.toString(pid), "--nofile=" + 4 * limit + ":");
    commands.send("spawn");
    assertEquals("served", report.receive());
    assertEquals("grandchild exited 0", report.receive());
    assertEquals(0, hub.join());
  }

  @Test
  void connect_toAHostThatNeverAccepts_failsWithAClearErrorAfterTheTimeout(@TempDir Path dir)
      throws Exception {
    Path path = shortSocketPath();
    long saved = RemoteHandshake.connectTimeoutMillis;
    RemoteHandshake.connectTimeoutMillis = 500;
    try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      silent.bind(UnixDomainSocketAddress.of(path)); // listens, never accepts or answers
      RemoteChannel channel = new RemoteChannel(path.toString(), 1, 0);
      channel.addLease(1, new byte[Wire.TOKEN_BYTES]);
      long start = System.nanoTime();
      ChannelClosedException e =
          assertThrows(ChannelClosedException.class, () -> channel.receive(-1));
      assertTrue(e.getMessage().contains("did not accept the connection and answer within 500 ms"),
          e.getMessage());
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos());
      assertThrows(ChannelClosedException.class, () -> channel.send(
          MessageTypes.sendable("x"), new byte[1], 1, -1, false)); // and it stays closed
    } finally {
      RemoteHandshake.connectTimeoutMillis = saved;
      Files.deleteIfExists(path);
    }
  }

  @Test
  void connect_toAHostThatAcceptsButNeverAnswersTheHello_failsAfterTheTimeout() throws Exception {
    Path path = shortSocketPath();
    long saved = RemoteHandshake.connectTimeoutMillis;
    RemoteHandshake.connectTimeoutMillis = 500;
    try (ServerSocketChannel mute = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      mute.bind(UnixDomainSocketAddress.of(path));
      Thread acceptor = new Thread(() -> {
        try (SocketChannel accepted = mute.accept()) {
          Thread.sleep(10_000); // reads nothing, answers nothing
        } catch (IOException | InterruptedException ignored) {
          // test over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      RemoteChannel channel = new RemoteChannel(path.toString(), 1, 0);
      channel.addLease(1, new byte[Wire.TOKEN_BYTES]);
      ChannelClosedException e =
          assertThrows(ChannelClosedException.class, () -> channel.receive(-1));
      assertTrue(e.getMessage().contains("within 500 ms"), e.getMessage());
      acceptor.interrupt();
    } finally {
      RemoteHandshake.connectTimeoutMillis = saved;
      Files.deleteIfExists(path);
    }
  }

  /**
   * A host out of file descriptors accepted a holder, named its rings file, then failed to serve
   * the connection and deleted the file: the holder said its host "has exited or refused us
   * (/tmp/ferry-.../rings-...)", with the host alive and the path as the only clue.
   */
  @Test
  void connect_toAHostThatDropsTheConnectionBeforeTheRingsAreMapped_saysSo() throws Exception {
    Path path = shortSocketPath();
    Path gone = path.resolveSibling("rings-gone");
    try (ServerSocketChannel dropping = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      dropping.bind(UnixDomainSocketAddress.of(path));
      Thread host = new Thread(() -> {
        try (SocketChannel accepted = dropping.accept()) {
          ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES);
          while (hello.hasRemaining() && accepted.read(hello) >= 0) {
            // the whole hello
          }
          ByteBuffer answer = Wire.acceptedWithRings(gone); // a file it no longer has
          while (answer.hasRemaining()) {
            accepted.write(answer);
          }
          accepted.read(ByteBuffer.allocate(1)); // until the holder hangs up
        } catch (IOException ignored) {
          // test over
        }
      });
      host.setDaemon(true);
      host.start();
      RemoteChannel channel = new RemoteChannel(path.toString(), 1, 0);
      channel.addLease(1, new byte[Wire.TOKEN_BYTES]);
      ChannelClosedException e =
          assertThrows(ChannelClosedException.class, () -> channel.receive(-1));
      assertTrue(e.getMessage().endsWith(" cannot be reached: its host accepted the connection but"
          + " dropped it before this process could map the shared-memory file it named (" + gone
          + "); is the host out of file descriptors?"), e.getMessage());
    } finally {
      Files.deleteIfExists(path);
    }
  }

  private static Path shortSocketPath() throws IOException {
    return RuntimeFiles.directory().resolve("test-" + System.nanoTime() % 100_000 + ".sock");
  }

  private static int openFiles(long pid) throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
      return (int) fds.count();
    }
  }

  private static boolean canRun(String... command) {
    try {
      return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, p.waitFor(), String.join(" ", command));
  }
}
