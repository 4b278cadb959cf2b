package dev.ferry.internal.transport;

import static dev.ferry.internal.transport.RingLink.FILE_BYTES;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file a {@link RingLink}'s rings live in: written whole before it is mapped, mapped by both
 * processes, and kept open for its length, which tells a link whose file was cut short under its
 * mapping (another process truncated it, or its file system took back its pages). Apart from the
 * link because making and mapping a file is done once per connection and has its own failures (a
 * full file system, a file cut short before it was mapped), which end in an {@code IOException}
 * before any ring is used, and the connection stays on its socket.
 */
final class RingFile {
  private RingFile() {}

  /**
   * Maps a small part of a file every JDK has, read only, so that a process pays the mapping's
   * first use ({@link RingLink#prepare}) before its first connection does: nothing is written or
   * left.
   */
  static void prepareMapping() throws IOException {
    Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
    if (Files.isReadable(modules)) {
      try (RandomAccessFile file = new RandomAccessFile(modules.toFile(), "r")) {
        file.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, Math.min(4096, file.length()));
      }
    }
  }

  /**
   * Writes {@link RingLink#FILE_BYTES} zeros to the file (no interrupts here either: see {@link
   * #map}).
   */
  static void fill(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(64 << 10);
      for (long at = 0; at < FILE_BYTES; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), FILE_BYTES - at));
        at += channel.write(zeros, at);
      }
    }
  }

  /** A file mapped, and kept open for its length. */
  record Mapped(Path file, RandomAccessFile opened, MappedByteBuffer map) {}

  /**
   * Maps the file, which must be whole; on a thread nobody interrupts (a file channel closes itself
   * on an interrupt). The file stays open, for {@link MappingFaults#faulted}, until the link is
   * closed.
   */
  static Mapped map(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString()); // "rw" below would create it
    }
    RandomAccessFile opened = new RandomAccessFile(file.toFile(), "rw");
    try {
      long length = opened.length();
      if (length != FILE_BYTES) {
        throw new IOException(cutShort(file, length));
      }
      // mapped until collected; closing the file leaves the mapping
      return new Mapped(file, opened,
          opened.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES));
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  static String cutShort(Path file, long length) {
    return "the shared-memory file of its rings was cut short: " + file + " holds " + length
        + " bytes where Ferry made " + FILE_BYTES + " (another process of this user truncated it,"
        + " or its file system took back its pages)";
  }
}
