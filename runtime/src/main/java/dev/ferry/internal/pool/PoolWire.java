package dev.ferry.internal.pool;

import dev.ferry.ByteOutput;
import dev.ferry.internal.transport.RingStream;
import dev.ferry.internal.transport.SocketSlices;
import dev.ferry.internal.transport.Wire;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/**
 * The protocol between a pool and its workers, one Unix-domain connection per worker.
 *
 * <p>The worker connects and sends a hello (magic, worker id, the pool's random token); the pool
 * answers with the link the frames take ({@link #linkAnswer}): the socket, or shared-memory rings
 * beside it ({@link RingStream}), whose file it names. After that both sides send frames, a
 * little-endian {@code int32} length and whole records. Values are a varint type id (0 for null,
 * Ferry's built-in ids, or an id announced earlier on the same connection with the type's name and
 * fingerprint) and the codec's bytes; tasks are a method id announced the same way. A worker
 * answers every call or chunk with one frame (a chunk whose results take more than one answer may
 * carry, with several: {@link #CHUNK_PART}s, then its {@link #CHUNK_DONE}), in the order it got
 * them, so the pool matches answers to its in-flight list and knows, when a worker dies, which task
 * it was running: the first one without an answer.
 */
final class PoolWire {
  static final long MAGIC = 0x4c4f4f5059525246L; // "FRRYPOOL" little-endian
  static final int HELLO_BYTES = 8 + 8 + Wire.TOKEN_BYTES;
  static final int MAX_FRAME_BYTES = Wire.MAX_FRAME_BYTES;
  /** Ids a connection may announce; a peer that goes past them is broken. */
  static final int MAX_IDS = 1 << 16;

  // Pool to worker.
  // varint id, string name, fixed64 fingerprint, string description (both directions)
  static final int TYPE = 1;
  static final int METHOD = 2; // varint id, string class, string method, string descriptor
  static final int CALL = 3; // varint method id, varint argument count, the arguments
  static final int CHUNK = 4; // varint method id, varint count, count arguments
  static final int TIME_TASKS = 5; // say STARTED as each task starts: the pool times them

  // The pool's answer to a worker's hello: one byte, then for RINGS an unsigned int16 length and
  // the rings' file path in UTF-8.
  static final byte SOCKET = 0;
  static final byte RINGS = 1;
  // The pool stops a worker by closing its side of the connection: the worker finishes what it
  // read, sees the end of input and returns.

  // Worker to pool.
  static final int VALUE = 2; // varlong nanos, the value
  static final int FAILED = 3; // varlong nanos, the exception chain
  static final int CHUNK_DONE = 4; // varlong nanos, varint count, per task: 1 and a value, or 0 and a chain
  static final int QUITTING = 5; // the worker exits now, having started nothing after its last answer
  static final int STARTED = 6; // after TIME_TASKS: the next task's arguments are read, it runs now
  /**
   * Varlong nanos, varint count, then as {@link #CHUNK_DONE}: the first results of the chunk that is
   * the oldest unanswered job, which stays unanswered; more parts, and a last {@link #CHUNK_DONE}
   * with the rest, follow. Sent only for a chunk whose results together go past one answer's 64
   * MiB (the map sized it by results that then grew).
   */
  static final int CHUNK_PART = 7;

  private PoolWire() {}

  /** Starts a frame in {@code out}: four bytes for the length, patched by {@link #send}. */
  static void begin(ByteOutput out) {
    out.reset();
    out.writeByte(0);
    out.writeByte(0);
    out.writeByte(0);
    out.writeByte(0);
  }

  /** Patches the frame's length and writes it whole. */
  static void send(ByteOutput out, WritableByteChannel link, Selector writable) throws IOException {
    writeFully(link, seal(out), writable);
  }

  /** The pool's answer to a hello: frames go through {@code rings}, or the socket if null. */
  static ByteBuffer linkAnswer(RingStream rings) {
    return rings == null
        ? ByteBuffer.wrap(new byte[] {SOCKET})
        : Wire.namingRings(RINGS, rings.file());
  }

  /**
   * The worker's side of {@link #linkAnswer}, read from its blocking socket: the rings' file, or
   * null when frames go through the socket. Fails at the end of the stream with an EOFException.
   */
  static Path readLinkAnswer(SocketChannel socket) throws IOException {
    String atEnd = "the pool closed the connection before it answered the hello";
    byte kind = Wire.readFully(socket, 1, atEnd).get();
    if (kind == SOCKET) {
      return null;
    }
    if (kind != RINGS) {
      throw new IOException("the pool answered the hello with link " + kind);
    }
    return Wire.readRingsFile(socket, "the pool", atEnd);
  }

  /** Patches the frame's length; its bytes, to write, over {@code out}'s buffer. */
  static ByteBuffer seal(ByteOutput out) {
    int length = out.size() - 4;
    if (length > MAX_FRAME_BYTES) {
      throw new IllegalArgumentException(
          "a pool message of " + length + " bytes exceeds the limit of " + MAX_FRAME_BYTES);
    }
    Wire.putIntLE(out.array(), 0, length);
    return ByteBuffer.wrap(out.array(), 0, out.size());
  }

  /**
   * Writes all of {@code buffer} to a socket or rings. On a non-blocking socket, waits on {@code
   * writable} while the socket is full, and on rings while they are; an interrupt is kept for the
   * caller but does not stop the write, so the connection never sees half a frame (a blocking
   * channel would be closed by the interrupt).
   */
  static void writeFully(WritableByteChannel link, ByteBuffer buffer, Selector writable)
      throws IOException {
    boolean interrupted = false;
    try {
      while (buffer.hasRemaining()) {
        if (SocketSlices.write(link, buffer) == 0) {
          interrupted |= Thread.interrupted();
          if (link instanceof RingStream rings) {
            rings.awaitWritable(1000);
          } else if (writable != null) {
            writable.select(1000);
            writable.selectedKeys().clear();
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A non-blocking socket read as a blocking one, waiting on a selector when it has no bytes. */
  static ReadableByteChannel blockingReads(SocketChannel socket) throws IOException {
    Selector selector = Selector.open();
    socket.register(selector, SelectionKey.OP_READ);
    return new ReadableByteChannel() {
      @Override
      public int read(ByteBuffer dst) throws IOException {
        while (true) {
          int n = SocketSlices.read(socket, dst);
          if (n != 0) {
            return n;
          }
          selector.select();
          selector.selectedKeys().clear();
        }
      }

      @Override
      public boolean isOpen() {
        return socket.isOpen();
      }

      @Override
      public void close() throws IOException {
        selector.close();
      }
    };
  }

}
