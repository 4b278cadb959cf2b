package dev.ferry;

import dev.ferry.internal.codec.LittleEndian;
import java.util.Arrays;

/**
 * Reads what a {@link ByteOutput} wrote, from a byte array, refusing malformed input.
 *
 * <p>Every read checks the bytes left before it touches them, and every length read off the wire is
 * checked against the bytes left <em>before</em> anything is allocated for it, so forged input ends
 * in a {@link TransferException} naming the offset, never in an {@code OutOfMemoryError}. Nested
 * values count their depth ({@link #enter()}) so that a forged chain of values cannot overflow the
 * stack.
 *
 * <p>Not thread-safe.
 */
public final class ByteInput {
  /** How deeply values may nest unless the caller says otherwise. */
  public static final int DEFAULT_MAX_DEPTH = 512;

  private final byte[] buffer;
  private final int start;
  private final int limit;
  private final int maxDepth;
  private int position;
  private int depth;
  /**
   * How many more elements sizes read with {@code readSize(0)} may announce, elements that take no
   * bytes, so that no length checks them: the input's length plus {@link #EMPTY_ELEMENTS}, for the
   * whole input, so that what callers allocate from such sizes stays proportional to the input
   * even when they nest.
   */
  private long emptyElementsLeft;

  /** Elements of no bytes one input may announce beyond its length (see {@link #readSize}). */
  private static final int EMPTY_ELEMENTS = 1 << 16;
  /**
   * Where an ASCII string's bytes are copied to clear its end mark (see {@link #readString}): the
   * thread's {@link ThreadReads#scratch}, taken at the first such string (and again if the reader
   * is handed to another thread), or by {@link #beginRead}. Only used within one call, so the
   * readers of one thread can share it, and a reader created per message allocates nothing for it.
   */
  private byte[] scratch;

  private Thread scratchThread;

  /** The thread state {@link #beginRead} marked this input in, for {@link #endRead}. */
  private ThreadReads marked;

  /** What a thread's readers share: one lookup gives both (see {@link #beginRead}). */
  private static final class ThreadReads {
    byte[] scratch = new byte[64];
    /**
     * The depth of the input that {@code Codecs.decode} further up this thread's stack reads, kept
     * current by its {@link #enter} and {@link #exit}; -1 when there is none. An int, not the
     * input: storing a new object's reference into this long-lived one takes G1's full write
     * barrier, with a memory fence; an int store takes none. In a noisy A/B of small values'
     * decode against the build before depth was counted: the reference, with the lookup shared,
     * about 1.05x the time; the int 1.02x.
     */
    int depth = -1;
  }

  private static final ThreadLocal<ThreadReads> THREAD_READS =
      ThreadLocal.withInitial(ThreadReads::new);
  private static final int MAX_SCRATCH = 1 << 12;

  /**
   * Reads all of {@code bytes}, allowing values nested {@link #DEFAULT_MAX_DEPTH} deep. The array
   * is read in place, not copied: do not change it while reading.
   */
  public ByteInput(byte[] bytes) {
    this(bytes, 0, bytes == null ? 0 : bytes.length); // a null is refused there, named
  }

  /**
   * Reads the {@code length} bytes of {@code bytes} from {@code offset}, allowing values nested
   * {@link #DEFAULT_MAX_DEPTH} deep. The array is read in place, not copied.
   *
   * @throws IndexOutOfBoundsException if the range is not within the array
   */
  public ByteInput(byte[] bytes, int offset, int length) {
    this(bytes, offset, length, DEFAULT_MAX_DEPTH);
  }

  /**
   * Reads the {@code length} bytes of {@code bytes} from {@code offset}, refusing values nested
   * more than {@code maxDepth} deep (see {@link #enter()}). The array is read in place, not copied.
   *
   * @throws IndexOutOfBoundsException if the range is not within the array
   * @throws IllegalArgumentException if {@code maxDepth} is less than 1
   */
  public ByteInput(byte[] bytes, int offset, int length, int maxDepth) {
    if (bytes == null) {
      throw new NullPointerException("bytes == null");
    }
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", array of " + bytes.length);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth < 1: " + maxDepth);
    }
    this.buffer = bytes;
    this.start = offset;
    this.position = offset;
    this.limit = offset + length;
    this.maxDepth = maxDepth;
    this.emptyElementsLeft = (long) length + EMPTY_ELEMENTS;
  }

  /** The number of bytes not read yet. */
  public int remaining() {
    return limit - position;
  }

  /** How many bytes have been read. */
  public int offset() {
    return position - start;
  }

  /** Fails unless every byte has been read: trailing bytes mean the reader misread the writer. */
  public void requireEnd() {
    if (position != limit) {
      throw new TransferException(
          remaining() + " unread bytes after the value at offset " + offset()
              + ": the bytes were not written by this type's codec");
    }
  }

  private void require(long count) {
    if (count > limit - position) {
      throw truncated(count);
    }
  }

  /**
   * Checks that {@code length} elements of {@code width} bytes each remain. A negative length is
   * bad input too: a hand-written codec that reads a length with {@link #readVarInt} gets one from
   * forged bytes ({@code ff ff ff ff 0f} is -1), and allocating the array would throw {@code
   * NegativeArraySizeException} out of {@code Codecs.decode}.
   */
  private void requireElements(int length, int width) {
    if (length < 0) {
      throw new TransferException(
          "negative length " + length + " before offset " + offset()
              + ": no value has one, so the bytes are not what this codec wrote");
    }
    require((long) length * width);
  }

  private TransferException truncated(long count) {
    return new TransferException(
        "truncated input: needed " + count + " bytes at offset " + offset()
            + " but only " + remaining() + " remain");
  }

  /** Notes that a nested value starts; fails when values nest deeper than the limit. */
  public void enter() {
    if (++depth > maxDepth) {
      throw new TransferException(
          "values nested deeper than " + maxDepth + " levels at offset " + offset()
              + ": the input is malformed or hostile");
    }
    ThreadReads reads = marked;
    if (reads != null) {
      reads.depth = depth;
    }
  }

  /**
   * Marks this input as the one {@code Codecs.decode} reads on this thread, so that a {@code
   * Codecs.decode} called while it is read (by a hand-written codec, for a part) starts one level
   * below it; and, if one is read further up this thread's stack already, starts one level below
   * that one. The same lookup hands this input the thread's {@link #scratch}, which its first ASCII
   * string would look up otherwise: so a decode costs no more lookups than it did before inputs
   * were marked (a lookup of its own, with the input's reference stored, made a small value's
   * decode 1.14-1.16x its time).
   *
   * @return the depth of the input read further up the stack, or -1: hand it to {@link #endRead}
   * @throws TransferException if this input would be nested deeper than it accepts
   */
  int beginRead() {
    ThreadReads reads = THREAD_READS.get();
    scratch = reads.scratch;
    scratchThread = Thread.currentThread();
    int enclosing = reads.depth;
    if (enclosing >= 0) {
      depth = enclosing;
      enter(); // before this input is marked: a refusal leaves the enclosing one's depth as it is
    }
    reads.depth = depth;
    marked = reads;
    return enclosing;
  }

  /** Ends what {@link #beginRead} began, on the same thread. */
  void endRead(int enclosing) {
    marked.depth = enclosing;
    marked = null;
  }

  /**
   * Notes that a nested value ends.
   *
   * @throws IllegalStateException if no value has been entered: an unmatched exit in a hand-written
   *     codec would lower the count below zero and let forged input nest past the limit
   */
  public void exit() {
    if (depth == 0) {
      throw unmatchedExit();
    }
    depth--;
    ThreadReads reads = marked;
    if (reads != null) {
      reads.depth = depth;
    }
  }

  /** Shared with {@link ByteOutput#exit()}. */
  static IllegalStateException unmatchedExit() {
    return new IllegalStateException(
        "exit() without a matching enter(): a codec calls enter() before each nested value it"
            + " reads or writes and exit() after it, once each, so that depth is counted");
  }

  /**
   * Reads one byte, as {@link ByteOutput#writeByte} wrote it.
   *
   * @throws TransferException if no byte remains
   */
  public byte readByte() {
    require(1);
    return buffer[position++];
  }

  /**
   * Reads a boolean, one byte of 0 or 1, as {@link ByteOutput#writeBoolean} wrote it.
   *
   * @throws TransferException if no byte remains, or the byte is neither 0 nor 1
   */
  public boolean readBoolean() {
    byte b = readByte();
    if (b == 0) {
      return false;
    }
    if (b == 1) {
      return true;
    }
    throw new TransferException("invalid boolean " + b + " at offset " + (offset() - 1));
  }

  /** Reads an unsigned varint of at most 5 bytes. */
  public int readVarInt() {
    // One byte inline (most sizes, ordinals and small numbers); the rest in a method of its own,
    // which keeps the codecs that call this small enough for the JIT to inline into their callers.
    int p = position;
    if (p < limit) {
      int v = buffer[p];
      if (v >= 0) {
        position = p + 1;
        return v;
      }
    }
    return readLongerVarInt();
  }

  private int readLongerVarInt() {
    int p = position;
    if (limit - p >= 5) {
      // Fast path, no bounds checks of our own: five bytes are there whatever the varint says.
      byte[] b = buffer;
      int v = b[p];
      if (v >= 0) {
        position = p + 1;
        return v;
      }
      int result = v & 0x7F;
      if ((v = b[p + 1]) >= 0) {
        position = p + 2;
        return result | v << 7;
      }
      result |= (v & 0x7F) << 7;
      if ((v = b[p + 2]) >= 0) {
        position = p + 3;
        return result | v << 14;
      }
      result |= (v & 0x7F) << 14;
      if ((v = b[p + 3]) >= 0) {
        position = p + 4;
        return result | v << 21;
      }
      result |= (v & 0x7F) << 21;
      v = b[p + 4];
      if ((v & 0xF0) == 0) { // the fifth byte holds the top 4 bits, and ends the varint
        position = p + 5;
        return result | v << 28;
      }
      throw new TransferException("malformed varint at offset " + offset() + ": more than 32 bits");
    }
    return readVarIntNearEnd();
  }

  private int readVarIntNearEnd() {
    int p = position;
    int result = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (p >= limit) {
        throw truncated(p - position + 1);
      }
      byte b = buffer[p++];
      result |= (b & 0x7F) << shift;
      if (b >= 0) {
        if (shift == 28 && (b & 0xF0) != 0) {
          break;
        }
        position = p;
        return result;
      }
    }
    throw new TransferException("malformed varint at offset " + offset() + ": more than 32 bits");
  }

  /** Reads an unsigned varint of at most 10 bytes. */
  public long readVarLong() {
    int p = position;
    if (p < limit) {
      long v = buffer[p];
      if (v >= 0) {
        position = p + 1;
        return v;
      }
    }
    return readLongerVarLong();
  }

  private long readLongerVarLong() {
    int p = position;
    if (limit - p >= 10) {
      // Fast path: no bounds checks of our own, since ten bytes are there.
      byte[] b = buffer;
      long result = 0;
      for (int shift = 0; shift < 63; shift += 7) {
        byte v = b[p++];
        result |= (long) (v & 0x7F) << shift;
        if (v >= 0) {
          position = p;
          return result;
        }
      }
      byte last = b[p++];
      if ((last & 0xFE) == 0) { // the tenth byte holds only the top bit, and ends the varint
        position = p;
        return result | (long) last << 63;
      }
      throw new TransferException("malformed varint at offset " + offset() + ": more than 64 bits");
    }
    return readVarLongNearEnd();
  }

  private long readVarLongNearEnd() {
    int p = position;
    long result = 0;
    for (int shift = 0; shift < 70; shift += 7) {
      if (p >= limit) {
        throw truncated(p - position + 1);
      }
      byte b = buffer[p++];
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        if (shift == 63 && (b & 0x7E) != 0) {
          break;
        }
        position = p;
        return result;
      }
    }
    throw new TransferException("malformed varint at offset " + offset() + ": more than 64 bits");
  }

  /**
   * Reads a zig-zag encoded varint, as {@link ByteOutput#writeSignedVarInt} wrote it.
   *
   * @throws TransferException if the input ends inside it or it has more than 32 bits
   */
  public int readSignedVarInt() {
    int v = readVarInt();
    return (v >>> 1) ^ -(v & 1);
  }

  /**
   * Reads a zig-zag encoded varint, as {@link ByteOutput#writeSignedVarLong} wrote it.
   *
   * @throws TransferException if the input ends inside it or it has more than 64 bits
   */
  public long readSignedVarLong() {
    long v = readVarLong();
    return (v >>> 1) ^ -(v & 1);
  }

  /**
   * Reads eight bytes, little-endian, as {@link ByteOutput#writeFixedLong} wrote them.
   *
   * @throws TransferException if fewer than eight bytes remain
   */
  public long readFixedLong() {
    require(8);
    long v = (long) LittleEndian.LONGS.get(buffer, position);
    position += 8;
    return v;
  }

  /**
   * Reads four bytes, little-endian, as {@link ByteOutput#writeFloat} wrote them.
   *
   * @throws TransferException if fewer than four bytes remain
   */
  public float readFloat() {
    require(4);
    float v = (float) LittleEndian.FLOATS.get(buffer, position);
    position += 4;
    return v;
  }

  /**
   * Reads eight bytes, little-endian, as {@link ByteOutput#writeDouble} wrote them.
   *
   * @throws TransferException if fewer than eight bytes remain
   */
  public double readDouble() {
    require(8);
    double v = (double) LittleEndian.DOUBLES.get(buffer, position);
    position += 8;
    return v;
  }

  /**
   * Reads a size written by {@link ByteOutput#writeSize}: -1 for null, else the size, after
   * checking that {@code size * minBytesPerElement} bytes remain, so a forged size cannot make the
   * caller allocate more than the input could fill.
   *
   * <p>{@code minBytesPerElement} 0 is for elements that may take no bytes at all (a hand-written
   * codec's singleton, written as nothing), which no length can bound: such sizes may add up, over
   * the whole input, to its length in bytes plus 65,536, and a size past that is refused as
   * forged. So a caller may allocate from any size this returns.
   *
   * @throws TransferException if the size is negative, more than the bytes left can hold, or (for
   *     0) past the input's elements of no bytes
   * @throws IllegalArgumentException if {@code minBytesPerElement} is negative
   */
  public int readSize(int minBytesPerElement) {
    if (minBytesPerElement < 0) {
      throw new IllegalArgumentException(
          "minBytesPerElement < 0: " + minBytesPerElement + " (0 for elements that may take no"
              + " bytes)");
    }
    int at = offset();
    int encoded = readVarInt();
    if (encoded == 0) {
      return -1;
    }
    int size = encoded - 1;
    if (size < 0) {
      throw new TransferException("negative size " + size + " at offset " + at);
    }
    if (minBytesPerElement == 0) {
      return emptyElements(size, at);
    }
    long needed = (long) size * minBytesPerElement;
    if (needed > remaining()) {
      throw new TransferException(
          "size " + size + " at offset " + at + " needs at least " + needed
              + " bytes but only " + remaining() + " remain");
    }
    return size;
  }

  /** Counts {@code size} elements that may take no bytes against the input's allowance. */
  private int emptyElements(int size, int at) {
    if (size > emptyElementsLeft) {
      throw new TransferException(
          "size " + size + " at offset " + at + ", of elements that may take no bytes, passes"
              + " what this input allows: an input of " + (limit - start) + " bytes may announce "
              + ((long) (limit - start) + EMPTY_ELEMENTS) + " such elements in all (its length"
              + " plus " + EMPTY_ELEMENTS + "), and " + emptyElementsLeft + " are left: the bytes"
              + " are not what this codec wrote");
    }
    emptyElementsLeft -= size;
    return size;
  }

  /**
   * Reads a nullable enum constant's ordinal, written as {@code ordinal + 1} with 0 for null:
   * returns -1 for null, and fails unless the ordinal is below {@code constants}, the number of
   * constants the reader knows.
   */
  public int readEnumOrdinal(int constants) {
    int at = offset();
    int encoded = readVarInt();
    if (encoded == 0) {
      return -1;
    }
    int ordinal = encoded - 1;
    if (ordinal < 0 || ordinal >= constants) {
      throw new TransferException(
          "enum ordinal " + ordinal + " at offset " + at + " is out of range: the reader knows "
              + constants + " constants");
    }
    return ordinal;
  }

  /** Reads a presence marker written by {@link ByteOutput#writePresence}. */
  public boolean readPresence() {
    byte b = readByte();
    if (b == 1) {
      return true;
    }
    if (b == 0) {
      return false;
    }
    throw new TransferException("invalid presence marker " + b + " at offset " + (offset() - 1));
  }

  /**
   * Reads a nullable string written by {@link ByteOutput#writeString}: an ASCII string ended by a
   * byte with its high bit set, or a length header and UTF-8. Refuses the forms the writer never
   * writes (an ASCII string of two or more chars behind a header, a header with a needless varint),
   * so that each string has one encoding.
   */
  public String readString() {
    int p = position;
    byte[] b = buffer;
    if (p < limit && b[p] >= 0) {
      return readAsciiString(b, p);
    }
    return readHeaderString(b, p);
  }

  /** Reads a string with a header (null, short or not ASCII); kept apart so readString inlines. */
  @SuppressWarnings("deprecation") // String(byte[], int, int, int): see asciiString
  private String readHeaderString(byte[] b, int p) {
    if (p >= limit) {
      throw truncated(1);
    }
    int at = offset();
    int header = b[p];
    int lengthPlusOne = header & 0x3F;
    position = p + 1;
    if ((header & 0x40) != 0) {
      int high = readVarInt();
      if (high <= 0 || high >= 1 << 25) { // a five-byte varint can read negative
        throw new TransferException("malformed string length at offset " + at);
      }
      lengthPlusOne |= high << 6;
    }
    if (lengthPlusOne == 0) {
      return null;
    }
    int length = lengthPlusOne - 1;
    if (length > limit - position) {
      throw new TransferException(
          "string of " + length + " bytes at offset " + at + " but only " + remaining()
              + " remain");
    }
    p = position;
    int end = p + length;
    position = end;
    if (isAscii(b, p, end)) {
      if (length >= 2) {
        throw new TransferException(
            "an ASCII string with a length at offset " + at
                + ": the writer ends such strings with a marked byte instead");
      }
      return new String(b, 0, p, length);
    }
    return decodeUtf8(b, p, end);
  }

  /**
   * Reads an ASCII string that starts at {@code p} and ends at the first byte with its high bit
   * set. The last byte carries that mark and the input is not ours to change (another thread may
   * read the same array), so the bytes are copied to a scratch array as they are scanned, eight at
   * a time (one load and one store each), and the mark is cleared there.
   */
  private String readAsciiString(byte[] b, int p) {
    byte[] s = scratch;
    Thread thread = Thread.currentThread();
    if (scratchThread != thread) {
      s = scratch = THREAD_READS.get().scratch;
      scratchThread = thread;
    }
    int i = p;
    for (; i <= limit - 8; i += 8) {
      long word = (long) LittleEndian.LONGS.get(b, i);
      int at = i - p;
      if (at + 8 > s.length) {
        s = growScratch(s, at + 8);
      }
      LittleEndian.LONGS.set(s, at, word);
      long marks = word & 0x8080808080808080L;
      if (marks != 0) {
        return asciiString(s, p, at + (Long.numberOfTrailingZeros(marks) >>> 3) + 1);
      }
    }
    return readAsciiTail(b, p, i, s);
  }

  /** Goes on with an ASCII string where fewer than eight bytes of input are left. */
  private String readAsciiTail(byte[] b, int p, int i, byte[] s) {
    for (; i < limit; i++) {
      if (i - p + 1 > s.length) {
        s = growScratch(s, i - p + 1);
      }
      s[i - p] = b[i];
      if (b[i] < 0) {
        return asciiString(s, p, i - p + 1);
      }
    }
    throw new TransferException(
        "truncated input: an ASCII string at offset " + offset() + " has no end in the "
            + remaining() + " bytes that remain");
  }

  /** The string of the first {@code length} bytes of scratch {@code s}, its end mark cleared. */
  @SuppressWarnings("deprecation")
  private String asciiString(byte[] s, int p, int length) {
    s[length - 1] &= 0x7F;
    if (s != scratch && s.length <= MAX_SCRATCH) { // grown: kept for the thread's next strings
      scratch = s;
      THREAD_READS.get().scratch = s;
    }
    position = p + length;
    // The deprecated constructor with a zero high byte makes a Latin-1 string of the bytes
    // directly; decoding with ISO_8859_1 takes the charset path first (about 5 ns slower per short
    // string on JDK 17).
    return new String(s, 0, 0, length);
  }

  /** A copy of {@code s} with room for at least {@code needed} bytes. */
  private static byte[] growScratch(byte[] s, int needed) {
    return Arrays.copyOf(s, Math.max(needed, Math.max(64, s.length * 2)));
  }

  private static boolean isAscii(byte[] b, int p, int end) {
    long words = 0;
    int i = p;
    for (; i <= end - 8; i += 8) {
      words |= (long) LittleEndian.LONGS.get(b, i);
    }
    int tail = 0;
    for (; i < end; i++) {
      tail |= b[i];
    }
    return (words & 0x8080808080808080L) == 0 && tail >= 0;
  }

  /**
   * Decodes the only UTF-8 that {@link ByteOutput#writeString} writes, so each string has exactly
   * one encoding: overlong forms are refused, and so is a surrogate pair written as two 3-byte
   * sequences (CESU-8), since the writer writes a pair as one 4-byte sequence and only a lone
   * surrogate as 3 bytes.
   */
  private String decodeUtf8(byte[] b, int p, int end) {
    char[] chars = new char[end - p];
    int n = 0;
    while (p < end) {
      int lead = b[p] & 0xFF;
      if (lead < 0x80) {
        chars[n++] = (char) lead;
        p++;
      } else if ((lead & 0xE0) == 0xC0 && p + 1 < end) {
        int c = ((lead & 0x1F) << 6) | continuation(b, p, 1);
        if (c < 0x80) {
          throw malformedUtf8(p);
        }
        chars[n++] = (char) c;
        p += 2;
      } else if ((lead & 0xF0) == 0xE0 && p + 2 < end) {
        int c = ((lead & 0x0F) << 12) | (continuation(b, p, 1) << 6) | continuation(b, p, 2);
        if (c < 0x800
            || (Character.isLowSurrogate((char) c)
                && n > 0
                && Character.isHighSurrogate(chars[n - 1]))) {
          throw malformedUtf8(p);
        }
        chars[n++] = (char) c;
        p += 3;
      } else if ((lead & 0xF8) == 0xF0 && p + 3 < end) {
        int codePoint =
            ((lead & 0x07) << 18)
                | (continuation(b, p, 1) << 12)
                | (continuation(b, p, 2) << 6)
                | continuation(b, p, 3);
        if (codePoint < 0x10000 || codePoint > Character.MAX_CODE_POINT) {
          throw malformedUtf8(p);
        }
        chars[n++] = Character.highSurrogate(codePoint);
        chars[n++] = Character.lowSurrogate(codePoint);
        p += 4;
      } else {
        throw malformedUtf8(p);
      }
    }
    return new String(chars, 0, n);
  }

  private int continuation(byte[] b, int p, int index) {
    int c = b[p + index] & 0xFF;
    if ((c & 0xC0) != 0x80) {
      throw malformedUtf8(p);
    }
    return c & 0x3F;
  }

  private TransferException malformedUtf8(int p) {
    return new TransferException("malformed UTF-8 at offset " + (p - start));
  }

  /**
   * Reads {@code length} raw bytes, a length the caller read (with {@link #readSize}, which also
   * bounds it by the bytes left).
   *
   * @throws TransferException if {@code length} is negative or more bytes than remain
   */
  public byte[] readBytes(int length) {
    requireElements(length, 1);
    byte[] values = new byte[length];
    System.arraycopy(buffer, position, values, 0, length);
    position += length;
    return values;
  }

  // Bulk primitive arrays: the caller reads the size with readSize(elementWidth), so the
  // allocation below is already bounded by the bytes left; a negative or too large length (a
  // hand-written codec's own) fails as bad input, as readBytes does.

  /**
   * Reads {@code length} booleans of one byte each, as {@link ByteOutput#writeBooleans} wrote them;
   * the caller reads the length first (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or more than the bytes left, or a byte
   *     is neither 0 nor 1
   */
  public boolean[] readBooleans(int length) {
    requireElements(length, 1);
    boolean[] values = new boolean[length];
    for (int i = 0; i < length; i++) {
      byte v = buffer[position + i];
      if ((v & ~1) != 0) {
        throw new TransferException("invalid boolean " + v + " at offset " + (offset() + i));
      }
      values[i] = v == 1;
    }
    position += length;
    return values;
  }

  /**
   * Reads {@code length} shorts of two bytes each, little-endian, as {@link ByteOutput#writeShorts}
   * wrote them; the caller reads the length first (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or needs more than the bytes left
   */
  public short[] readShorts(int length) {
    requireElements(length, 2);
    short[] values = new short[length];
    for (int i = 0; i < length; i++, position += 2) {
      values[i] = (short) LittleEndian.SHORTS.get(buffer, position);
    }
    return values;
  }

  /**
   * Reads {@code length} chars of two bytes each, little-endian, as {@link ByteOutput#writeChars}
   * wrote them (any {@code char}, an unpaired surrogate too); the caller reads the length first
   * (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or needs more than the bytes left
   */
  public char[] readChars(int length) {
    requireElements(length, 2);
    char[] values = new char[length];
    for (int i = 0; i < length; i++, position += 2) {
      values[i] = (char) LittleEndian.CHARS.get(buffer, position);
    }
    return values;
  }

  /**
   * Reads {@code length} ints of four bytes each, little-endian, as {@link ByteOutput#writeInts}
   * wrote them; the caller reads the length first (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or needs more than the bytes left
   */
  public int[] readInts(int length) {
    requireElements(length, 4);
    int[] values = new int[length];
    for (int i = 0; i < length; i++, position += 4) {
      values[i] = (int) LittleEndian.INTS.get(buffer, position);
    }
    return values;
  }

  /**
   * Reads {@code length} longs of eight bytes each, little-endian, as {@link ByteOutput#writeLongs}
   * wrote them; the caller reads the length first (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or needs more than the bytes left
   */
  public long[] readLongs(int length) {
    requireElements(length, 8);
    long[] values = new long[length];
    for (int i = 0; i < length; i++, position += 8) {
      values[i] = (long) LittleEndian.LONGS.get(buffer, position);
    }
    return values;
  }

  /**
   * Reads {@code length} floats of four bytes each, little-endian, as {@link
   * ByteOutput#writeFloats} wrote them; the caller reads the length first (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or needs more than the bytes left
   */
  public float[] readFloats(int length) {
    requireElements(length, 4);
    float[] values = new float[length];
    for (int i = 0; i < length; i++, position += 4) {
      values[i] = (float) LittleEndian.FLOATS.get(buffer, position);
    }
    return values;
  }

  /**
   * Reads {@code length} doubles of eight bytes each, little-endian, as {@link
   * ByteOutput#writeDoubles} wrote them; the caller reads the length first (see {@link #readSize}).
   *
   * @throws TransferException if {@code length} is negative or needs more than the bytes left
   */
  public double[] readDoubles(int length) {
    requireElements(length, 8);
    double[] values = new double[length];
    for (int i = 0; i < length; i++, position += 8) {
      values[i] = (double) LittleEndian.DOUBLES.get(buffer, position);
    }
    return values;
  }
}
