package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.TransferException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
/**
 * The channel protocol's constants, and a bounds-checked cursor over one received frame.
 *
 * <p>A connection starts with a fixed-size hello from the client: magic, protocol version, flags
 * ({@link #HELLO_RINGS}), channel id, lease id and the lease's random token. The host answers one byte, {@link #ACCEPTED} or not,
 * and closes the connection if not; {@link #ACCEPTED_RINGS} names a file of shared memory through
 * which the rest goes ({@link RingLink}), the socket carrying only wake-ups. After that both sides
 * send frames: a little-endian
 * {@code int32} length, then whole records. A record never spans two frames, so a process that
 * dies mid-write leaves at most one partial frame, which the reader drops: a message arrives whole
 * or not at all. See {@code docs/runtime.md}.
 *
 * <p>A holder sends a large message in a <em>tail frame</em>, so that neither side copies its body
 * once more than a socket needs: the length has {@link #TAIL_FRAME} set, an {@code int32} length of
 * the records part follows, then the records, whose last is the message's {@link #C_MESSAGE} header
 * without its body, then the body, which runs to the frame's end. The sender writes the body from
 * its own buffer and the host reads it straight into the queued message.
 */
public final class Wire {
  static final int MAGIC = 0x31595246; // "FRY1" little-endian
  static final byte VERSION = 7; // 7: C_CREDIT_BACK, which a host of version 6 dropped a holder for
  public static final int TOKEN_BYTES = 32;
  static final int HELLO_BYTES = 4 + 1 + 1 + 8 + 8 + TOKEN_BYTES;
  /** The hello's flag by which a holder asks for shared memory ({@link #ACCEPTED_RINGS}). */
  static final byte HELLO_RINGS = 1;
  static final byte ACCEPTED = 1;
  /**
   * Accepted, and the bytes go through shared memory ({@link RingLink}): a {@code uint16} length and
   * the UTF-8 path of the file to map follow.
   */
  static final byte ACCEPTED_RINGS = 2;
  static final byte REFUSED = 0;
  /** The longest path an {@link #ACCEPTED_RINGS} answer may name. */
  static final int MAX_RINGS_PATH_BYTES = 4096;

  public static final int MAX_MESSAGE_BYTES = 64 << 20;
  public static final int MAX_FRAME_BYTES = MAX_MESSAGE_BYTES + (4 << 20);
  static final int FRAME_HEADER_BYTES = 4;
  /** The bit of a frame's length that marks a tail frame (see the class comment). */
  static final int TAIL_FRAME = 0x8000_0000;
  /**
   * A holder sends a message at least this large in a tail frame: below it the copy into the
   * pending frame costs less than writing a frame of its own.
   */
  public static final int TAIL_MIN_BYTES = 64 << 10;
  static final int MAX_TAKE = 4096;

  // Client to host.
  static final int C_DEFINE = 1; // varint id, string name, fixed64 fingerprint, string description
  static final int C_MESSAGE = 2; // varint type id, varint length, body
  static final int C_TAKE = 3; // varint max, byte wait
  static final int C_CANCEL = 4;
  static final int C_CREDIT = 5; // varint wanted, byte wait (0: answer at once, maybe with 0 slots)
  static final int C_LEASE_NEW = 6; // varlong request id
  static final int C_LEASE_END = 7; // varlong lease id, its token (TOKEN_BYTES)
  static final int C_BYE = 8;
  /** Puts every message given to this holder and not acknowledged back in the channel, in front. */
  static final int C_GIVE_BACK = 9;
  /** varint n: the holder's receive() returned the next n messages it was given (in order). */
  static final int C_ACK = 10;
  /**
   * varint slots: credit the holder hands back unused, granted to a request every send that waited
   * for it gave up on (a timed-out send), so that an idle holder does not sit on the channel's room.
   */
  static final int C_CREDIT_BACK = 11;
  /**
   * varlong k: the holder's receive() returned message k (numbered from 0 in the order the host
   * handed them out on this connection), decoded before one handed out earlier, which C_ACK's
   * count must wait for: the host keeps k listed until a C_ACK passes it, but no longer gives it
   * back when the holder goes. A k the host did not hand out, or one already acknowledged (by
   * either record) or given back, is a protocol error. Both ends run the same jar (a child runs its
   * parent's class path), so no version negotiation comes with it.
   */
  static final int C_ACK_ONE = 12;

  // Host to client.
  static final int H_DEFINE = 1; // varint id, string name, fixed64 fingerprint, string description
  static final int H_MESSAGE = 2; // varint type id, varint length, body
  static final int H_TAKE_END = 3; // byte: 1 if the channel is closed and empty
  static final int H_CREDIT = 5; // varint granted
  static final int H_LEASE = 6; // varlong request id, varlong lease id, token
  static final int H_BYE = 8;
  static final int H_CLOSED = 9; // sends are refused from now on
  static final int H_DROPPED = 10; // string: why the host, which goes on, closes this connection now
  /** varint granted: the answer to a C_CREDIT that waits for nothing, in the order they came. */
  static final int H_CREDIT_NOW = 11;

  private Wire() {}

  static ByteBuffer accepted() {
    return ByteBuffer.wrap(new byte[] {ACCEPTED});
  }

  static ByteBuffer acceptedWithRings(Path file) {
    return namingRings(ACCEPTED_RINGS, file);
  }

  /**
   * An answer to a hello that names the rings' file: the answer's byte {@code kind}, an unsigned
   * little-endian int16 length and the path in UTF-8 (a channel's host and a pool both answer so).
   */
  public static ByteBuffer namingRings(byte kind, Path file) {
    byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
    if (path.length > MAX_RINGS_PATH_BYTES) {
      throw new IllegalArgumentException("the rings' path is too long: " + file);
    }
    return ByteBuffer.allocate(3 + path.length)
        .order(ByteOrder.LITTLE_ENDIAN)
        .put(kind)
        .putShort((short) path.length)
        .put(path)
        .flip();
  }

  /**
   * The rings' file a {@link #namingRings} answer names, read after its kind byte from a blocking
   * socket; {@code peer} names the other side in the message about a length no Ferry peer writes,
   * and {@code atEnd} is the message if the socket ends first.
   */
  public static Path readRingsFile(SocketChannel s, String peer, String atEnd) throws IOException {
    int length = readFully(s, 2, atEnd).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
    if (length == 0 || length > MAX_RINGS_PATH_BYTES) {
      throw new IOException(peer + " named a shared-memory file of " + length + " bytes");
    }
    // A String of the bytes, not Charset.decode: that initializes the JDK's sun.nio.cs
    // .ThreadLocalCoders on first use, and a holder connecting under a full heap (a target that
    // filled it first) left that class unusable for the JVM's life, and its channel unconnectable.
    byte[] path = readFully(s, length, atEnd).array();
    return Path.of(new String(path, 0, length, StandardCharsets.UTF_8));
  }

  /** Reads {@code n} bytes from a blocking socket; at its end, an EOFException saying {@code atEnd}. */
  public static ByteBuffer readFully(SocketChannel s, int n, String atEnd) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(n);
    while (bytes.hasRemaining()) {
      if (s.read(bytes) < 0) {
        throw new EOFException(atEnd);
      }
    }
    return bytes.flip();
  }

  public static int getIntLE(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  public static void putIntLE(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }

  public static long getLongLE(byte[] b, int p) {
    return (getIntLE(b, p) & 0xFFFFFFFFL) | ((long) getIntLE(b, p + 4) << 32);
  }

  public static void putLongLE(byte[] b, int p, long v) {
    putIntLE(b, p, (int) v);
    putIntLE(b, p + 4, (int) (v >>> 32));
  }

  /** Reads the records of one frame; every read checks the bytes left first. */
  static final class Cursor {
    final byte[] b;
    int pos;
    final int limit;

    Cursor(byte[] b, int pos, int limit) {
      this.b = b;
      this.pos = pos;
      this.limit = limit;
    }

    boolean hasMore() {
      return pos < limit;
    }

    private void require(int n) {
      if (n > limit - pos) {
        throw new TransferException(
            "truncated record: needed " + n + " bytes but the frame has " + (limit - pos) + " left");
      }
    }

    int u8() {
      require(1);
      return b[pos++] & 0xFF;
    }

    int varInt() {
      int result = 0;
      for (int shift = 0; shift < 35; shift += 7) {
        int v = u8();
        result |= (v & 0x7F) << shift;
        if (v < 0x80) {
          if (shift == 28 && v > 0x07) {
            break; // more than 31 bits: negative or out of range
          }
          return result;
        }
      }
      throw new TransferException("malformed or negative varint in a record");
    }

    long varLong() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int v = u8();
        result |= (long) (v & 0x7F) << shift;
        if (v < 0x80) {
          return result;
        }
      }
      throw new TransferException("malformed varint in a record");
    }

    long fixedLong() {
      require(8);
      long v = getLongLE(b, pos);
      pos += 8;
      return v;
    }

    /** A length that the following bytes of this frame must hold; checked before any use. */
    int length(int max) {
      int n = limitedLength(max);
      require(n);
      return n;
    }

    /** A length of at most {@code max}, which the frame need not hold (a tail frame's body). */
    int limitedLength(int max) {
      int n = varInt();
      if (n > max) {
        throw new TransferException("record length " + n + " exceeds the limit of " + max);
      }
      return n;
    }

    String string() {
      int n = length(64 * 1024);
      String s = new String(b, pos, n, StandardCharsets.UTF_8);
      pos += n;
      return s;
    }

    byte[] bytes(int n) {
      require(n);
      byte[] out = new byte[n];
      System.arraycopy(b, pos, out, 0, n);
      pos += n;
      return out;
    }

    void skip(int n) {
      require(n);
      pos += n;
    }
  }

  static void writeString(ByteOutput out, String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeVarInt(utf8.length);
    out.writeBytes(utf8, 0, utf8.length);
  }
}
