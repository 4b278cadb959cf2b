package dev.ferry.internal.transport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Runtime directories whose process is gone. A process killed with SIGKILL ({@code kill -9}, the
 * kernel's OOM killer, {@code Child.kill()}) runs no shutdown hook, so its private directory stays
 * under {@code java.io.tmpdir}. Each process therefore holds an exclusive lock on a file in its
 * own directory for as long as it lives: the OS lets go of a process's locks when it ends, however
 * it ends, so a directory whose lock can be taken has no owner (a pid could be reused; a lock
 * cannot outlive its process). When a process makes its first directory, it deletes such
 * directories of its own user beside it, on a daemon thread.
 */
final class StaleDirectories {
  /** The file each process locks in its directory. */
  static final String OWNER_FILE = ".owner";
  /**
   * An owner file younger than this is left alone: its process may be between creating the file
   * and locking it.
   */
  static final long MIN_AGE_MILLIS = 10_000;

  /** The channels whose locks this process holds; referenced so that none is closed. */
  private static final List<FileChannel> held = new ArrayList<>(); // guarded by held

  private StaleDirectories() {}

  /**
   * Locks an owner file in {@code directory}, this process's own: true once it is locked, or once
   * it is clear that it cannot be (a file system with no locks, where the directory is never swept
   * and is still deleted at a normal exit); false if the file could not be opened (out of file
   * descriptors, say), for the caller to try again at the directory's next use. The directory is
   * private to this user, so an owner file already there is one an earlier try made.
   */
  static boolean own(Path directory) {
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              directory.resolve(OWNER_FILE),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
    try {
      if (channel.tryLock() == null) {
        channel.close(); // held by another process: not one of ours to sweep either way
        return true;
      }
      synchronized (held) {
        held.add(channel);
      }
    } catch (IOException | UnsupportedOperationException | OverlappingFileLockException e) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // no lock to let go of
      }
    }
    return true;
  }

  /** Deletes, on a daemon thread, the ownerless runtime directories beside {@code own}. */
  static void sweepInBackground(Path own) {
    Thread sweeper = new Thread(() -> sweep(own), "ferry-sweep");
    sweeper.setDaemon(true);
    try {
      sweeper.start();
    } catch (OutOfMemoryError e) {
      // Out of threads (ulimit -u): it threw out of the first spawn; a later process sweeps
    }
  }

  private static void sweep(Path own) {
    PosixFileAttributes ours;
    try {
      ours = Files.readAttributes(own, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException | UnsupportedOperationException e) {
      return; // not a POSIX file system: whose a directory is cannot be told
    }
    try (DirectoryStream<Path> candidates =
        Files.newDirectoryStream(own.getParent(), RuntimeFiles.DIRECTORY_PREFIX + "*")) {
      for (Path candidate : candidates) {
        if (!candidate.equals(own) && privateTo(candidate, ours)) {
          deleteIfOwnerGone(candidate);
        }
      }
    } catch (IOException | DirectoryIteratorException e) {
      // best effort: another process sweeps again later
    }
  }

  /**
   * Whether {@code candidate} is a directory of this user that only this user can enter (as
   * Ferry makes them), so that nobody else can have put anything in it, a link in particular.
   */
  private static boolean privateTo(Path candidate, PosixFileAttributes ours) {
    try {
      PosixFileAttributes attributes =
          Files.readAttributes(candidate, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isDirectory()
          && attributes.owner().equals(ours.owner())
          && PosixFilePermissions.toString(attributes.permissions()).equals("rwx------");
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteIfOwnerGone(Path directory) {
    Path ownerFile = directory.resolve(OWNER_FILE);
    // Opened without CREATE: a directory with no owner file (being made, or made by a Ferry before
    // owner files) is left alone.
    try (FileChannel channel =
        FileChannel.open(ownerFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
      long age = System.currentTimeMillis() - Files.getLastModifiedTime(ownerFile).toMillis();
      if (age < MIN_AGE_MILLIS) {
        return;
      }
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return; // its process lives
      }
      RuntimeFiles.deleteTree(directory); // holding the lock, so no other sweeper is in it
    } catch (IOException | OverlappingFileLockException e) {
      // gone meanwhile, not ours to open, or locked by this very process (a directory it made
      // before one was deleted under it)
    }
  }
}
