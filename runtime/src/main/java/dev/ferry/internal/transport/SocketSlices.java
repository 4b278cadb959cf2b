package dev.ferry.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;

/**
 * Reads and writes of heap buffers on a socket, a slice of at most {@link #MAX_BYTES} at a time.
 * The JDK moves a heap buffer through a temporary direct buffer as large as what remains of it,
 * and keeps that buffer for the thread: a frame of 8 MB took 8 MB of direct memory, beyond a
 * {@code -XX:MaxDirectMemorySize=1m} ({@code OutOfMemoryError: Cannot reserve 8000016 bytes of
 * direct buffer memory}, which ended the connection's thread and lost its connection), and each
 * non-blocking write copied all that remained though the socket took a few hundred KiB of it.
 * Other channels (the shared-memory rings) are used as they are.
 */
public final class SocketSlices {
  /** The most a socket read or write moves from or into a heap buffer at once. */
  static final int MAX_BYTES = 64 << 10;

  private SocketSlices() {}

  /** {@code in.read(dst)}, at most {@link #MAX_BYTES} into a heap buffer from a socket. */
  public static int read(ReadableByteChannel in, ByteBuffer dst) throws IOException {
    int excess = excess(in, dst);
    if (excess == 0) {
      return in.read(dst);
    }
    int limit = dst.limit();
    dst.limit(limit - excess);
    try {
      return in.read(dst);
    } finally {
      dst.limit(limit);
    }
  }

  /** {@code out.write(src)}, at most {@link #MAX_BYTES} of a heap buffer to a socket. */
  public static int write(WritableByteChannel out, ByteBuffer src) throws IOException {
    int excess = excess(out, src);
    if (excess == 0) {
      return out.write(src);
    }
    int limit = src.limit();
    src.limit(limit - excess);
    try {
      return out.write(src);
    } finally {
      src.limit(limit);
    }
  }

  /**
   * {@code out.write(srcs)}, at most {@link #MAX_BYTES} of each heap buffer to a socket: up to
   * the first buffer cut so, and none after it, whose bytes must not go before the rest of it.
   */
  public static long write(GatheringByteChannel out, ByteBuffer[] srcs) throws IOException {
    for (int i = 0; i < srcs.length; i++) {
      int excess = excess(out, srcs[i]);
      if (excess > 0) {
        ByteBuffer cut = srcs[i];
        int limit = cut.limit();
        cut.limit(limit - excess);
        try {
          return out.write(srcs, 0, i + 1);
        } finally {
          cut.limit(limit);
        }
      }
    }
    return out.write(srcs);
  }

  /** How many bytes of {@code buffer} a socket read or write should leave for the next one. */
  private static int excess(Channel channel, ByteBuffer buffer) {
    return channel instanceof SocketChannel && !buffer.isDirect() && buffer.remaining() > MAX_BYTES
        ? buffer.remaining() - MAX_BYTES
        : 0;
  }
}
