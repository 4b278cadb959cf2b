package dev.ferry.internal.transport;

import dev.ferry.Ferry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
/**
 * This process's private runtime directory (mode 0700: only this user can reach the channel
 * socket and the children's failure reports inside it), and the random source for tokens.
 *
 * <p>Both are created on first use, so a process that never shares a channel or spawns a child
 * pays for neither; in particular a child that only uses the channels it was given never sets up
 * {@link SecureRandom} (tens of milliseconds in a fresh JVM).
 */
public final class RuntimeFiles {
  /** Unix socket paths are limited to about 104 bytes (macOS) or 108 (Linux). */
  private static final int MAX_BASE_LENGTH = 70;

  private static Path directory; // guarded by RuntimeFiles.class

  private RuntimeFiles() {}

  public static synchronized Path directory() {
    if (directory == null) {
      try {
        directory = create();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create Ferry's private runtime directory", e);
      }
      Path created = directory;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(created), "ferry-cleanup"));
    }
    return directory;
  }

  private static Path create() throws IOException {
    Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
    if (base.toString().length() > MAX_BASE_LENGTH && Files.isDirectory(Path.of("/tmp"))) {
      base = Path.of("/tmp");
    }
    try {
      return Files.createTempDirectory(
          base, "ferry-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system (Windows): the per-user temporary directory's ACLs apply.
      return Files.createTempDirectory(base, "ferry-");
    }
  }

  private static void deleteTree(Path root) {
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
      // Best effort at exit; a leftover directory is empty of secrets once its socket is gone.
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
