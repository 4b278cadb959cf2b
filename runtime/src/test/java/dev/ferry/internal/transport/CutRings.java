package dev.ferry.internal.transport;

import java.io.IOException;
import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * For tests that cut a rings file short as another process of the same user could: finds the
 * files, truncates one, and describes every thread for a hang's failure.
 */
public final class CutRings {
  private CutRings() {}

  /**
   * The rings files this process holds open, as another process of the same user finds them: the
   * entries of {@code /proc/<pid>/fd} that name a {@code rings-*} file of the runtime directory
   * (the holder deleted it once it had mapped it, so the directory lists it no more).
   */
  public static List<Path> open() throws IOException {
    String prefix = RuntimeFiles.directory().toRealPath().resolve("rings-").toString();
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
      for (Path fd : fds) {
        try {
          if (Files.readSymbolicLink(fd).toString().startsWith(prefix)) {
            found.add(fd);
          }
        } catch (IOException gone) {
          // closed meanwhile
        }
      }
    }
    return found;
  }

  /** Truncates the file as {@code truncate -s 0} would. */
  public static void cut(Path file) throws IOException {
    try (FileChannel opened = FileChannel.open(file, StandardOpenOption.WRITE)) {
      opened.truncate(0);
    }
  }

  /** Every thread's stack and the locks it holds or waits for, for a hang's failure. */
  public static String threads() {
    StringBuilder all = new StringBuilder();
    for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
      all.append('"').append(info.getThreadName()).append("\" ").append(info.getThreadState());
      if (info.getLockInfo() != null) {
        all.append(" on ").append(info.getLockInfo()).append(" held by ")
            .append(info.getLockOwnerName());
      }
      all.append('\n');
      for (StackTraceElement frame : info.getStackTrace()) {
        all.append("    at ").append(frame).append('\n');
      }
      for (LockInfo held : info.getLockedSynchronizers()) {
        all.append("    holds ").append(held).append('\n');
      }
    }
    return all.toString();
  }
}
