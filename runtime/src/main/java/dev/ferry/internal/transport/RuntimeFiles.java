package dev.ferry.internal.transport;

import dev.ferry.Ferry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
/**
 * This process's private runtime directory (mode 0700: only this user can reach the channel
 * socket and the children's failure reports inside it), and the random source for tokens.
 *
 * <p>Both are created on first use, so a process that never shares a channel or spawns a child
 * pays for neither; in particular a child that only uses the channels it was given never sets up
 * {@link SecureRandom} (tens of milliseconds in a fresh JVM).
 */
public final class RuntimeFiles {
  /**
   * The longest Unix socket path, in bytes, that both macOS (104 with the terminating zero) and
   * Linux (108) take.
   */
  static final int MAX_SOCKET_PATH_BYTES = 103;
  /** The start of this directory's name; a random unsigned long follows. */
  public static final String DIRECTORY_PREFIX = "ferry-";
  /** The longest name of this directory. */
  private static final int MAX_DIRECTORY_NAME = DIRECTORY_PREFIX.length() + 20;
  /** The longest name of a socket in it: a pool's, "pool-" and an int, then ".sock". */
  private static final int MAX_SOCKET_NAME = "pool-.sock".length() + 10;

  private static Path directory; // guarded by RuntimeFiles.class, as are the fields below
  /** The directory's identity (device and inode), to tell it from another of the same name. */
  private static Object directoryKey;
  /** Every directory this process made (more than one if one was deleted under it), for exit. */
  private static final List<Path> made = new ArrayList<>();
  /** The JVM is exiting and the shutdown hook deletes the directories: no new use of them. */
  private static boolean cleaningUp;
  private static boolean hooked; // the shutdown hook that deletes them is added
  /**
   * Whether the directory's owner file is made and locked (or cannot be on this file system), so
   * that a sweep deletes the directory once this process is gone, however it ends. Tried again at
   * each use until then: a process out of file descriptors as it made its directory used to leave
   * it with no owner file, which no sweep deletes, for good once the process was killed.
   */
  private static boolean owned;
  /** Whether the directories beside this process's first are being swept (once per process). */
  private static boolean swept;
  /** What the shutdown hook runs before it deletes the directories (see {@link #beforeDeleting}). */
  private static final List<LongConsumer> beforeDeleting = new ArrayList<>();
  /** How long all of {@link #beforeDeleting}'s work may wait in all, as this JVM exits. */
  static final long EXIT_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

  private RuntimeFiles() {}

  /**
   * The private directory, made on first use, and made anew (under a new name) when it is gone:
   * a temporary-file cleaner such as {@code systemd-tmpfiles} deletes old entries of {@code /tmp}
   * under a long-running process, which then could neither start a pool nor have children
   * connect to its channels nor read their failure reports. A directory of the same name made by
   * someone else meanwhile is not ours: its identity (device and inode) is checked, at the cost of
   * one {@code stat} per call (a spawn, a pool, a channel handed over, a connection).
   */
  public static synchronized Path directory() {
    if (cleaningUp) {
      throw whileShuttingDown();
    }
    if (directory == null || !stillOurs()) {
      if (!hooked) {
        // Before the directory is made: during shutdown no hook can be added, and a directory
        // made then would stay behind.
        try {
          Runtime.getRuntime().addShutdownHook(new Thread(RuntimeFiles::deleteAll, "ferry-cleanup"));
          hooked = true;
        } catch (IllegalStateException shuttingDown) {
          throw whileShuttingDown();
        }
      }
      Path fresh;
      try {
        fresh = create();
        made.add(fresh); // deleted at exit, whatever fails below
        directoryKey = identity(fresh);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create Ferry's private runtime directory: " + e.getMessage(), e);
      }
      directory = fresh;
      owned = false;
      if (!swept) {
        owned = StaleDirectories.own(directory); // before the sweep, which skips its own
        StaleDirectories.sweepInBackground(directory);
        swept = true;
      }
    }
    if (!owned) {
      owned = StaleDirectories.own(directory);
    }
    return directory;
  }

  /**
   * Refuses a pool or a child asked for from a shutdown hook before a JVM is started for it:
   * {@link #directory()} refuses them too, but a pool boots its workers' JVMs at once and needs the
   * directory only at its first task, so {@code Ferry.pool(n)} started JVMs for nothing and
   * returned a pool that refused every task. Whether the JVM shuts down is asked of {@code
   * Runtime}, which takes no hook then: Ferry's own cleanup hook, which would say so, runs at once
   * with the program's, in no order, so it may not have begun.
   */
  public static void refuseWhileShuttingDown() {
    synchronized (RuntimeFiles.class) {
      if (cleaningUp) {
        throw whileShuttingDown();
      }
    }
    Thread probe = new Thread("ferry-shutdown-probe"); // no body: it does nothing if it runs
    try {
      Runtime.getRuntime().addShutdownHook(probe);
      Runtime.getRuntime().removeShutdownHook(probe);
    } catch (IllegalStateException shuttingDown) {
      throw whileShuttingDown(); // the exit began between the two calls: the probe runs, idle
    }
  }

  /**
   * A pool, a child or a channel for other processes asked for from a shutdown hook (the JVM is
   * exiting): refused in words, where {@code Runtime.addShutdownHook}'s bare "Shutdown in
   * progress" used to reach the caller, or the directory was deleted under it.
   */
  private static IllegalStateException whileShuttingDown() {
    return new IllegalStateException(
        "cannot start a pool or a child, or open a channel to other processes, while this JVM"
            + " shuts down (from a shutdown hook): Ferry deletes its private runtime directory,"
            + " where those meet, as the JVM exits, and cannot set it up now. Do this work before"
            + " the JVM begins to exit, at the end of main for instance");
  }

  private static boolean stillOurs() {
    try {
      return directoryKey == null || directoryKey.equals(identity(directory));
    } catch (IOException e) {
      return false; // gone
    }
  }

  /** The file key of {@code dir} (null where the file system has none: then the name counts). */
  private static Object identity(Path dir) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (!attributes.isDirectory()) {
      throw new IOException(dir + " is no longer a directory");
    }
    return attributes.fileKey();
  }

  /**
   * A server socket listening on {@code name} in the private directory (a stale file of that
   * name is replaced).
   */
  public static ServerSocketChannel listen(String name) {
    Path path = directory().resolve(name);
    try {
      Files.deleteIfExists(path);
      ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
      server.bind(UnixDomainSocketAddress.of(path));
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + path + ": " + whatToDo(e), e);
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      IllegalStateException explained = UndecodableClassPath.explain(e);
      if (explained != null) {
        throw explained;
      }
      throw e;
    }
  }

  /**
   * Why a file or directory could not be made in (or for) the private directory, and what to do:
   * a full file system, or one out of inodes, said only {@code cannot listen on .../pool-1.sock},
   * with {@code No space left on device} deep in the stack trace.
   */
  public static String whatToDo(IOException e) {
    return whatToDo(e, System.getProperty("java.io.tmpdir"));
  }

  /** As {@link #whatToDo(IOException)}, for a file under {@code tmpdir}, another process's. */
  public static String whatToDo(IOException e, Object tmpdir) {
    String where = "; Ferry makes its sockets and children's failure reports in a directory under"
        + " java.io.tmpdir (" + tmpdir + ")";
    String reason = String.valueOf(e.getMessage());
    if (reason.contains("No space left") || reason.contains("quota")) {
      return e + where + ", whose file system is full or out of inodes (df -h, df -i): free space"
          + " there, or point -Djava.io.tmpdir at a directory with room";
    }
    if (isFileTooLarge(e)) {
      return e + where + ", where it may not write a file that large: this process's limit on"
          + " file size (ulimit -f, a systemd service's LimitFSIZE=), which its children inherit,"
          + " is too small; raise it (ulimit -f unlimited)";
    }
    return e + where + ": point -Djava.io.tmpdir at a directory this user can write";
  }

  /**
   * Whether {@code e} is a write refused by the process's limit on file size (EFBIG, which the
   * JVM gets instead of the SIGXFSZ it ignores): not a matter of the directory, so moving
   * java.io.tmpdir would not help.
   */
  public static boolean isFileTooLarge(IOException e) {
    return String.valueOf(e.getMessage()).contains("File too large");
  }

  /** Whether {@code socket}, a path {@link #listen} bound, is still where it was. */
  public static boolean stillThere(Path socket) {
    return socket.getParent().equals(directory()) && Files.exists(socket, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Has the shutdown hook run {@code work} before it deletes the directories, for what may still
   * read a file in them: shutdown hooks run at once, in no order, so a hook of its own could run
   * after the deletion. {@code work} is given the one deadline ({@code System.nanoTime()}) that
   * all of it shares, {@link #EXIT_WAIT_NANOS} after the exit began, and waits for nothing past
   * it: two kinds of work with a wait of 2 s each (spares still starting, launchers still reading
   * their argument files) used to delay the exit by 4 s at worst.
   */
  public static synchronized void beforeDeleting(LongConsumer work) {
    beforeDeleting.add(work);
  }

  private static void deleteAll() {
    List<Path> all;
    List<LongConsumer> first;
    synchronized (RuntimeFiles.class) {
      cleaningUp = true;
      all = new ArrayList<>(made);
      first = new ArrayList<>(beforeDeleting);
    }
    long deadline = System.nanoTime() + EXIT_WAIT_NANOS;
    for (LongConsumer work : first) {
      try {
        work.accept(deadline);
      } catch (RuntimeException | Error e) {
        // the directories go all the same
      }
    }
    all.forEach(RuntimeFiles::deleteTree);
  }

  /**
   * Makes the directory under {@code java.io.tmpdir}, or under {@code /tmp} where a socket in it
   * could have a path too long for a Unix socket address.
   */
  private static Path create() throws IOException {
    Path base = temporaryDirectory();
    if (!socketPathsFit(base) && Files.isDirectory(Path.of("/tmp"))) {
      base = Path.of("/tmp");
    }
    try {
      return Files.createTempDirectory(
          base, DIRECTORY_PREFIX, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the per-user temporary directory's ACLs apply.
      return Files.createTempDirectory(base, DIRECTORY_PREFIX);
    } catch (IOException e) {
      throw new IOException(
          "cannot create a directory in " + base + " (java.io.tmpdir): " + whatToDo(e), e);
    }
  }

  /**
   * {@code java.io.tmpdir}. A JVM whose locale's charset cannot write a character of its name
   * (LANG=C, the default of many containers, and a directory named {@code /data/tmp-é}: the JVM
   * reads the name as {@code /data/tmp-??}) cannot make it a path; that used to throw {@code
   * InvalidPathException: Malformed input or input contains unmappable characters} out of
   * {@code spawn}, {@code Ferry.pool} and the first channel handed over, with no word of Ferry or
   * the property.
   */
  private static Path temporaryDirectory() throws IOException {
    String property = System.getProperty("java.io.tmpdir");
    try {
      return Path.of(property).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new IOException("java.io.tmpdir, " + property + ", is not a path this JVM can name:"
          + " its file names are written in " + System.getProperty("sun.jnu.encoding")
          + ", the charset of its locale (LANG, LC_ALL), which has no such characters; run it with"
          + " a UTF-8 locale (LANG=C.UTF-8) or point -Djava.io.tmpdir at a directory whose name"
          + " it can write", e);
    }
  }

  /** Whether every socket Ferry makes in a directory under {@code base} has a short enough path. */
  static boolean socketPathsFit(Path base) {
    int longest = base.toString().getBytes(StandardCharsets.UTF_8).length
        + 1 + MAX_DIRECTORY_NAME + 1 + MAX_SOCKET_NAME;
    return longest <= MAX_SOCKET_PATH_BYTES;
  }

  static void deleteTree(Path root) {
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              Files.deleteIfExists(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException ignored) {
      // Best effort; a leftover directory is empty of secrets once its socket is gone, and
      // another process's sweep deletes it once this one has ended (StaleDirectories).
    }
  }

  public static byte[] randomToken() {
    byte[] token = new byte[Wire.TOKEN_BYTES];
    Random.INSTANCE.nextBytes(token);
    return token;
  }

  private static final class Random {
    static final SecureRandom INSTANCE = new SecureRandom();
  }
}
