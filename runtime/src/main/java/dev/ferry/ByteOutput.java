package dev.ferry;

import dev.ferry.internal.codec.LittleEndian;
import dev.ferry.internal.transport.BoundedOutputs;

import java.util.Arrays;
import java.util.Objects;

/**
 * A growable byte array that generated codecs write into.
 *
 * <p>Integers are varints (7 bits a byte, low groups first), signed ones zig-zag encoded first so
 * that small negative numbers stay short; floating-point values and primitive arrays are
 * fixed-width little-endian. An ASCII string is its bytes with the last one marked; any other
 * string is UTF-8 behind a header with its byte length. Nullable strings and collections fold their
 * null marker into the header or the size ({@code size + 1}, with {@code 0} for null), so a present
 * value pays no extra byte. See {@code docs/wire-format.md}.
 *
 * <p>An output holds at most {@code Integer.MAX_VALUE - 8} bytes, the largest array the JVM
 * allocates: a write that would grow it past that throws {@link IllegalArgumentException} naming
 * the size it needed, and leaves the bytes written before it. (A channel's messages stop far
 * earlier, at 64 MiB; see {@code docs/runtime.md}.)
 *
 * <p>Not thread-safe. Reuse one output per thread with {@link #reset()} to avoid allocating.
 */
public final class ByteOutput {
  private byte[] buffer;
  private int position;
  private int depth;
  /**
   * The most bytes this output takes before it refuses to grow ({@link LimitExceeded}): a channel's
   * scratch output stops at the largest message a channel carries, so that a value far larger is
   * refused as soon as its encoding passes the limit, instead of growing to its whole size first
   * (a heap that holds an 800 MB array may not hold its encoding beside it).
   */
  private final long limit;

  static {
    // A bounded output for Ferry's other packages (a pool's task arguments), not user API. An
    // anonymous class, not a lambda: this class is on a child's start-up path.
    BoundedOutputs.install(new BoundedOutputs.Maker() {
      @Override
      public ByteOutput bounded(int initialCapacity, int limit) {
        return new ByteOutput(initialCapacity, limit);
      }

      @Override
      public long needed(RuntimeException e) {
        return e instanceof LimitExceeded exceeded ? exceeded.needed : -1;
      }
    });
  }

  /** An empty output of 256 bytes' capacity, which grows as needed. */
  public ByteOutput() {
    this(256);
  }

  /**
   * An empty output of {@code initialCapacity} bytes' capacity, which grows as needed.
   *
   * @throws IllegalArgumentException if {@code initialCapacity} is negative
   */
  public ByteOutput(int initialCapacity) {
    this(initialCapacity, Integer.MAX_VALUE - 8);
  }

  /** An output that throws {@link LimitExceeded} rather than take more than {@code limit} bytes. */
  ByteOutput(int initialCapacity, int limit) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity < 0: " + initialCapacity);
    }
    buffer = new byte[Math.max(initialCapacity, 16)];
    this.limit = limit;
  }

  /** The number of bytes written. */
  public int size() {
    return position;
  }

  /** The backing array; bytes {@code [0, size())} are the output. Valid until the next write. */
  public byte[] array() {
    return buffer;
  }

  /** A copy of the bytes written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, position);
  }

  /** Forgets the bytes written and keeps the buffer. */
  public void reset() {
    position = 0;
    depth = 0;
  }

  /**
   * Notes that a nested value of {@code typeName} starts, where a reader calls {@link
   * ByteInput#enter()}: a value nested deeper than a default reader accepts ({@link
   * ByteInput#DEFAULT_MAX_DEPTH}) is refused here, while it is written, so a value that encodes
   * always decodes (and a chain of 200,000 nodes fails cleanly instead of overflowing the stack).
   *
   * @throws IllegalArgumentException naming {@code typeName} if values nest too deeply
   */
  public void enter(String typeName) {
    if (++depth > ByteInput.DEFAULT_MAX_DEPTH) {
      throw tooDeep(typeName);
    }
  }

  /**
   * Starts this output's depth one level below {@code enclosing}'s, for a value of {@code
   * typeName} that {@code Codecs.encode} writes while a codec writes into {@code enclosing}.
   *
   * @throws IllegalArgumentException naming {@code typeName} if that is too deep
   */
  void nestIn(ByteOutput enclosing, String typeName) {
    depth = enclosing.depth;
    enter(typeName);
  }

  /**
   * Notes that a nested value ends.
   *
   * @throws IllegalStateException if no value has been entered: an unmatched exit in a hand-written
   *     codec would lower the count below zero and let a cycle overflow the stack
   */
  public void exit() {
    if (depth == 0) {
      throw ByteInput.unmatchedExit();
    }
    depth--;
  }

  private IllegalArgumentException tooDeep(String typeName) {
    return new IllegalArgumentException(
        "a value of " + typeName + " is nested deeper than " + ByteInput.DEFAULT_MAX_DEPTH
            + " levels (does a collection contain itself?): the reading process refuses values"
            + " nested that deeply, so it is not sent; send a flatter value, such as a list of"
            + " nodes instead of a chain of them");
  }

  /**
   * Makes room for {@code count} more bytes.
   *
   * @throws IllegalArgumentException if {@code count} is negative: a codec that computed a
   *     negative size (an overflow) would otherwise go on as if room had been made; or if the
   *     output would pass {@code Integer.MAX_VALUE - 8} bytes, the most an array holds (also
   *     thrown by the writes, which make room through this method)
   */
  public void ensureCapacity(int count) {
    // Compared unsigned, a negative count is larger than any room left: it costs the common case
    // nothing to be refused on the path that grows.
    if (Integer.compareUnsigned(count, buffer.length - position) > 0) {
      if (count < 0) {
        throw new IllegalArgumentException(
            "count " + count + " < 0: room is made for zero or more bytes (an overflowed size?)");
      }
      grow(count);
    }
  }

  /**
   * Makes room for {@code count} more bytes, where {@code count} is an array's length times its
   * element width: as a long it cannot wrap around to a small or negative int for huge arrays.
   */
  private void ensureCapacity(long count) {
    if (count > buffer.length - position) {
      grow(count);
    }
  }

  private void grow(long count) {
    long needed = (long) position + count;
    if (needed > limit) {
      throw new LimitExceeded(needed);
    }
    if (needed > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("output would exceed 2 GiB: " + needed + " bytes");
    }
    int capacity = (int) Math.min(limit, Math.max(needed, buffer.length * 2L));
    buffer = Arrays.copyOf(buffer, capacity);
  }

  /**
   * Thrown where an output with a limit would have to grow past it: {@code needed} bytes at least
   * (more may have followed). The caller says what the limit is for.
   */
  static final class LimitExceeded extends IllegalArgumentException {
    final long needed;

    LimitExceeded(long needed) {
      super("output would exceed its limit: at least " + needed + " bytes");
      this.needed = needed;
    }
  }

  /** Writes the low eight bits of {@code value} as one byte. */
  public void writeByte(int value) {
    ensureCapacity(1);
    buffer[position++] = (byte) value;
  }

  /** Writes a boolean as one byte, 1 or 0. */
  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  /** Writes {@code value} as an unsigned varint of 1 to 5 bytes. */
  public void writeVarInt(int value) {
    if (buffer.length - position < 5) {
      grow(5);
    }
    byte[] b = buffer;
    int p = position;
    if ((value & ~0x7F) == 0) { // most sizes, ordinals and small numbers: one byte, no loop
      b[p] = (byte) value;
      position = p + 1;
      return;
    }
    while ((value & ~0x7F) != 0) {
      b[p++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    b[p++] = (byte) value;
    position = p;
  }

  /** Writes {@code value} as an unsigned varint of 1 to 10 bytes. */
  public void writeVarLong(long value) {
    if (buffer.length - position < 10) {
      grow(10);
    }
    byte[] b = buffer;
    int p = position;
    // The first three groups unrolled: ids, counts, lengths and times in ms mostly end there.
    if ((value & ~0x7FL) == 0) {
      b[p] = (byte) value;
      position = p + 1;
      return;
    }
    b[p] = (byte) (value | 0x80);
    value >>>= 7;
    if ((value & ~0x7FL) == 0) {
      b[p + 1] = (byte) value;
      position = p + 2;
      return;
    }
    b[p + 1] = (byte) (value | 0x80);
    value >>>= 7;
    if ((value & ~0x7FL) == 0) {
      b[p + 2] = (byte) value;
      position = p + 3;
      return;
    }
    b[p + 2] = (byte) (value | 0x80);
    value >>>= 7;
    p += 3;
    while ((value & ~0x7FL) != 0) {
      b[p++] = (byte) ((value & 0x7F) | 0x80);
      value >>>= 7;
    }
    b[p++] = (byte) value;
    position = p;
  }

  /** Writes a signed int zig-zag encoded, so that small magnitudes of either sign are short. */
  public void writeSignedVarInt(int value) {
    writeVarInt((value << 1) ^ (value >> 31));
  }

  /** Writes a signed long zig-zag encoded, so that small magnitudes of either sign are short. */
  public void writeSignedVarLong(long value) {
    writeVarLong((value << 1) ^ (value >> 63));
  }

  /**
   * Writes eight bytes, little-endian: for longs whose high bits are mostly set (hashes, random
   * ids), which a varint would make longer.
   */
  public void writeFixedLong(long value) {
    ensureCapacity(8);
    LittleEndian.LONGS.set(buffer, position, value);
    position += 8;
  }

  /** Writes the value's four bytes ({@link Float#floatToRawIntBits}), little-endian. */
  public void writeFloat(float value) {
    ensureCapacity(4);
    LittleEndian.FLOATS.set(buffer, position, value);
    position += 4;
  }

  /** Writes the value's eight bytes ({@link Double#doubleToRawLongBits}), little-endian. */
  public void writeDouble(double value) {
    ensureCapacity(8);
    LittleEndian.DOUBLES.set(buffer, position, value);
    position += 8;
  }

  /**
   * Writes a collection's or array's size, or its absence: {@code size + 1}, or 0 for null.
   *
   * @param size the size, or -1 for null ({@link ByteInput#readSize} gives back either)
   * @throws IllegalArgumentException if {@code size} is below -1: no reader accepts what it would
   *     write, so a hand-written codec's wrong size fails where it is written, not in the reader
   */
  public void writeSize(int size) {
    if (size < -1) {
      throw new IllegalArgumentException(
          "size " + size + " < -1: a size is never negative (-1 writes null)");
    }
    writeVarInt(size + 1);
  }

  /** Writes the marker of an absent (null) array or collection ({@link #writeString} has its own). */
  public void writeNull() {
    writeByte(0);
  }

  /** Writes whether a nullable value that has no length of its own follows: 1 if so, 0 if null. */
  public void writePresence(boolean present) {
    writeByte(present ? 1 : 0);
  }

  /**
   * Writes a nullable string. An ASCII string of two or more chars is its bytes with the high bit
   * of the last one set (no length: the reader finds the end, which it scans for anyway); any
   * other string a length header and its UTF-8 bytes. The header's first byte has its high bit
   * set, bit 6 says whether a varint follows, and its low 6 bits with the varint's ({@code << 6})
   * are the UTF-8 length plus one, with 0 for null. Unpaired surrogates are written as 3-byte
   * sequences, so every Java string round-trips exactly. See {@code docs/wire-format.md}.
   */
  public void writeString(String value) {
    if (value == null) {
      writeByte(STRING_HEADER);
      return;
    }
    int length = value.length();
    if (length >= 2 && isAscii(value, length)) {
      // Check, then copy: on JDK 17 a charAt loop that only compares, then the bulk copy (an
      // intrinsic), took 103 profiler samples where one loop that copies and checks each char took
      // 175, for the 1,000 short strings of the large benchmark in runs of the same length.
      if (buffer.length - position < length) {
        grow(length);
      }
      int p = position;
      value.getBytes(0, length, buffer, p); // deprecated but exact for ASCII, and fastest
      buffer[p + length - 1] |= (byte) 0x80;
      position = p + length;
      return;
    }
    long utf8Length = utf8Length(value, length);
    // Before the int cast: a huge string can exceed 2 GiB of UTF-8.
    ensureCapacity(6 + utf8Length);
    writeStringHeader((int) utf8Length + 1);
    position = encodeUtf8(value, length, buffer, position);
  }

  /** The first byte of a string's length header; see {@link #writeString}. */
  private static final int STRING_HEADER = 0x80;

  private void writeStringHeader(int lengthPlusOne) {
    if (lengthPlusOne < 0x40) {
      buffer[position++] = (byte) (STRING_HEADER | lengthPlusOne);
      return;
    }
    buffer[position++] = (byte) (STRING_HEADER | 0x40 | (lengthPlusOne & 0x3F));
    writeVarInt(lengthPlusOne >>> 6);
  }

  private static boolean isAscii(String value, int length) {
    for (int i = 0; i < length; i++) {
      if (value.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static long utf8Length(String value, int length) {
    long bytes = 0;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private static int encodeUtf8(String value, int length, byte[] b, int p) {
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | (c >> 6));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, value.charAt(++i));
        b[p++] = (byte) (0xF0 | (codePoint >> 18));
        b[p++] = (byte) (0x80 | ((codePoint >> 12) & 0x3F));
        b[p++] = (byte) (0x80 | ((codePoint >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (codePoint & 0x3F));
      } else {
        b[p++] = (byte) (0xE0 | (c >> 12));
        b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  /**
   * Writes the bytes of {@code values} with no length; the caller writes the length.
   *
   * @throws IndexOutOfBoundsException if {@code offset} and {@code length} do not lie within
   *     {@code values}, checked before the output grows: a hand-written codec's length of a
   *     billion bytes for a three-byte array must not allocate a gigabyte first
   */
  public void writeBytes(byte[] values, int offset, int length) {
    if (values == null) {
      throw new NullPointerException("values == null");
    }
    Objects.checkFromIndexSize(offset, length, values.length);
    ensureCapacity(length);
    System.arraycopy(values, offset, buffer, position, length);
    position += length;
  }

  // Primitive arrays are written in bulk, fixed-width little-endian, with no length: the caller
  // writes it with writeSize so that null and the size share one varint.

  /**
   * Writes the elements, one byte each (1 or 0), without their count: write it before, with {@link
   * #writeSize}.
   */
  public void writeBooleans(boolean[] values) {
    int n = values.length;
    ensureCapacity(n);
    for (int i = 0; i < n; i++) {
      buffer[position + i] = (byte) (values[i] ? 1 : 0);
    }
    position += n;
  }

  /**
   * Writes the elements, two bytes each, little-endian, without their count: write it before, with
   * {@link #writeSize}.
   */
  public void writeShorts(short[] values) {
    ensureCapacity(values.length * 2L);
    int p = position;
    for (short v : values) {
      LittleEndian.SHORTS.set(buffer, p, v);
      p += 2;
    }
    position = p;
  }

  /**
   * Writes the elements, two bytes each, little-endian (any {@code char}, an unpaired surrogate
   * too), without their count: write it before, with {@link #writeSize}.
   */
  public void writeChars(char[] values) {
    ensureCapacity(values.length * 2L);
    int p = position;
    for (char v : values) {
      LittleEndian.CHARS.set(buffer, p, v);
      p += 2;
    }
    position = p;
  }

  /**
   * Writes the elements, four bytes each, little-endian, without their count: write it before, with
   * {@link #writeSize}.
   */
  public void writeInts(int[] values) {
    ensureCapacity(values.length * 4L);
    int p = position;
    for (int v : values) {
      LittleEndian.INTS.set(buffer, p, v);
      p += 4;
    }
    position = p;
  }

  /**
   * Writes the elements, eight bytes each, little-endian, without their count: write it before,
   * with {@link #writeSize}.
   */
  public void writeLongs(long[] values) {
    ensureCapacity(values.length * 8L);
    int p = position;
    for (long v : values) {
      LittleEndian.LONGS.set(buffer, p, v);
      p += 8;
    }
    position = p;
  }

  /**
   * Writes the elements, four bytes each, little-endian, without their count: write it before, with
   * {@link #writeSize}.
   */
  public void writeFloats(float[] values) {
    ensureCapacity(values.length * 4L);
    int p = position;
    for (float v : values) {
      LittleEndian.FLOATS.set(buffer, p, v);
      p += 4;
    }
    position = p;
  }

  /**
   * Writes the elements, eight bytes each, little-endian, without their count: write it before,
   * with {@link #writeSize}.
   */
  public void writeDoubles(double[] values) {
    ensureCapacity(values.length * 8L);
    int p = position;
    for (double v : values) {
      LittleEndian.DOUBLES.set(buffer, p, v);
      p += 8;
    }
    position = p;
  }
}
