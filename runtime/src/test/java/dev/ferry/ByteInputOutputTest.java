package dev.ferry;

import static dev.ferry.CodecTesting.assertBytes;
import static dev.ferry.CodecTesting.assertEveryTruncationFails;
import static dev.ferry.CodecTesting.bytesAllocatedWhileFailing;
import static dev.ferry.CodecTesting.hex;
import static dev.ferry.CodecTesting.read;
import static dev.ferry.CodecTesting.written;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class ByteInputOutputTest {

  // ---- varints and zig-zag ----

  /** With bytes after it, a varint is read by the fast path, which checks no bounds per byte. */
  @Property(tries = 500)
  void varints_readTheSameWithBytesAfterThem(@ForAll int i, @ForAll long l) {
    byte[] bytes = written(out -> {
      out.writeVarInt(i);
      out.writeVarLong(l);
      out.writeVarInt(i);
      out.writeFixedLong(-1); // padding: never read, but keeps ten bytes after each varint
      out.writeFixedLong(-1);
    });
    ByteInput in = new ByteInput(bytes);
    assertEquals(i, in.readVarInt());
    assertEquals(l, in.readVarLong());
    assertEquals(i, in.readVarInt());
    assertEquals(16, in.remaining());
  }

  @Test
  void malformedVarints_areRefusedWithBytesAfterThem() {
    for (String forged : List.of("ff ff ff ff 10", "ff ff ff ff 8f", "ff ff ff ff ff 00")) {
      ByteInput in = new ByteInput(hex(forged + " 00 00 00 00 00 00 00 00 00 00"));
      TransferException e = assertThrows(TransferException.class, in::readVarInt, forged);
      assertTrue(e.getMessage().contains("more than 32 bits"), e.getMessage());
    }
    for (String forged : List.of("ff ff ff ff ff ff ff ff ff 02", "ff ff ff ff ff ff ff ff ff 81")) {
      ByteInput in = new ByteInput(hex(forged + " 00 00 00 00 00 00 00 00 00 00"));
      TransferException e = assertThrows(TransferException.class, in::readVarLong, forged);
      assertTrue(e.getMessage().contains("more than 64 bits"), e.getMessage());
    }
  }

  @Test
  void varInt_usesOneByteMorePerSevenBits() {
    int[][] valueAndLength = {
      {0, 1}, {127, 1}, {128, 2}, {(1 << 14) - 1, 2}, {1 << 14, 3}, {(1 << 21) - 1, 3},
      {1 << 21, 4}, {(1 << 28) - 1, 4}, {1 << 28, 5}, {Integer.MAX_VALUE, 5}, {-1, 5},
      {Integer.MIN_VALUE, 5},
    };
    for (int[] c : valueAndLength) {
      byte[] bytes = written(out -> out.writeVarInt(c[0]));
      assertEquals(c[1], bytes.length, () -> "length of " + c[0]);
      assertEquals(c[0], read(bytes, ByteInput::readVarInt));
      assertEveryTruncationFails(bytes, ByteInput::readVarInt);
    }
    assertBytes("ac 02", written(out -> out.writeVarInt(300)));
    assertBytes("ff ff ff ff 0f", written(out -> out.writeVarInt(-1)));
  }

  @Test
  void varLong_usesOneToTenBytes() {
    for (int length = 1; length <= 9; length++) {
      long largest = (1L << (7 * length)) - 1;
      int expected = length;
      assertEquals(expected, written(out -> out.writeVarLong(largest)).length);
      assertEquals(expected + 1, written(out -> out.writeVarLong(largest + 1)).length);
    }
    for (long value : new long[] {0, 1, Long.MAX_VALUE, Long.MIN_VALUE, -1}) {
      byte[] bytes = written(out -> out.writeVarLong(value));
      assertEquals(value, read(bytes, ByteInput::readVarLong));
      assertEveryTruncationFails(bytes, ByteInput::readVarLong);
    }
    assertBytes("ff ff ff ff ff ff ff ff ff 01", written(out -> out.writeVarLong(-1)));
  }

  @Test
  void signedVarInt_keepsSmallMagnitudesOfEitherSignShort() {
    assertBytes("00", written(out -> out.writeSignedVarInt(0)));
    assertBytes("01", written(out -> out.writeSignedVarInt(-1)));
    assertBytes("02", written(out -> out.writeSignedVarInt(1)));
    assertBytes("7f", written(out -> out.writeSignedVarInt(-64)));
    assertBytes("80 01", written(out -> out.writeSignedVarInt(64)));
    assertBytes("ff ff ff ff 0f", written(out -> out.writeSignedVarInt(Integer.MIN_VALUE)));
    assertBytes("fe ff ff ff 0f", written(out -> out.writeSignedVarInt(Integer.MAX_VALUE)));
    for (int v : new int[] {Integer.MIN_VALUE, Integer.MAX_VALUE, -1, 0, 1}) {
      assertEquals(v, read(written(out -> out.writeSignedVarInt(v)), ByteInput::readSignedVarInt));
    }
  }

  @Test
  void signedVarLong_roundTripsExtremes() {
    assertBytes("01", written(out -> out.writeSignedVarLong(-1)));
    assertEquals(10, written(out -> out.writeSignedVarLong(Long.MIN_VALUE)).length);
    for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, -1, 0, 1, Integer.MIN_VALUE}) {
      assertEquals(
          v, read(written(out -> out.writeSignedVarLong(v)), ByteInput::readSignedVarLong));
    }
  }

  @Property(tries = 500)
  void varInts_roundTripEveryValue(@ForAll int i, @ForAll long l) {
    byte[] bytes =
        written(
            out -> {
              out.writeVarInt(i);
              out.writeSignedVarInt(i);
              out.writeVarLong(l);
              out.writeSignedVarLong(l);
            });
    ByteInput in = new ByteInput(bytes);
    assertEquals(i, in.readVarInt());
    assertEquals(i, in.readSignedVarInt());
    assertEquals(l, in.readVarLong());
    assertEquals(l, in.readSignedVarLong());
    in.requireEnd();
  }

  @Test
  void readVarInt_refusesMoreThan32Bits() {
    assertMalformed("ff ff ff ff 1f", ByteInput::readVarInt); // bit 32 set in the fifth byte
    assertMalformed("80 80 80 80 80 00", ByteInput::readVarInt); // six bytes
    assertEquals(-1, read(hex("ff ff ff ff 0f"), ByteInput::readVarInt));
  }

  @Test
  void readVarLong_refusesMoreThan64Bits() {
    assertMalformed("ff ff ff ff ff ff ff ff ff 03", ByteInput::readVarLong);
    assertMalformed("80 80 80 80 80 80 80 80 80 80 00", ByteInput::readVarLong); // eleven bytes
  }

  // ---- fixed-width values ----

  @Test
  void fixedLong_isLittleEndian() {
    assertBytes(
        "08 07 06 05 04 03 02 01", written(out -> out.writeFixedLong(0x0102030405060708L)));
    for (long v : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1}) {
      byte[] bytes = written(out -> out.writeFixedLong(v));
      assertEquals(v, read(bytes, ByteInput::readFixedLong));
      assertEveryTruncationFails(bytes, ByteInput::readFixedLong);
    }
  }

  @Test
  void doubles_roundTripEveryBitPattern() {
    long[] bits = {
      Double.doubleToRawLongBits(-0.0),
      Double.doubleToRawLongBits(0.0),
      Double.doubleToRawLongBits(Double.POSITIVE_INFINITY),
      Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY),
      Double.doubleToRawLongBits(Double.MIN_VALUE),
      Double.doubleToRawLongBits(Double.MAX_VALUE),
      0x7ff8_0000_0000_1234L, // quiet NaN with a payload
      0xfff8_0000_dead_beefL, // negative NaN with a payload
    };
    for (long b : bits) {
      double value = Double.longBitsToDouble(b);
      byte[] bytes = written(out -> out.writeDouble(value));
      assertEquals(8, bytes.length);
      assertEquals(b, Double.doubleToRawLongBits(read(bytes, ByteInput::readDouble)));
      assertEveryTruncationFails(bytes, ByteInput::readDouble);
    }
    assertBytes("00 00 00 00 00 00 f0 3f", written(out -> out.writeDouble(1.0)));
  }

  @Test
  void floats_roundTripEveryBitPattern() {
    int[] bits = {
      Float.floatToRawIntBits(-0.0f),
      Float.floatToRawIntBits(Float.POSITIVE_INFINITY),
      Float.floatToRawIntBits(Float.NEGATIVE_INFINITY),
      Float.floatToRawIntBits(Float.MIN_VALUE),
      Float.floatToRawIntBits(Float.MAX_VALUE),
      0x7fc1_2345, // quiet NaN with a payload
    };
    for (int b : bits) {
      float value = Float.intBitsToFloat(b);
      byte[] bytes = written(out -> out.writeFloat(value));
      assertEquals(4, bytes.length);
      assertEquals(b, Float.floatToRawIntBits(read(bytes, ByteInput::readFloat)));
      assertEveryTruncationFails(bytes, ByteInput::readFloat);
    }
    assertBytes("00 00 80 3f", written(out -> out.writeFloat(1.0f)));
  }

  @Test
  void bytesAndBooleans_roundTripAndRefuseOtherMarkers() {
    byte[] bytes =
        written(
            out -> {
              out.writeByte(Byte.MIN_VALUE);
              out.writeByte(Byte.MAX_VALUE);
              out.writeBoolean(true);
              out.writeBoolean(false);
              out.writePresence(true);
              out.writePresence(false);
            });
    assertBytes("80 7f 01 00 01 00", bytes);
    ByteInput in = new ByteInput(bytes);
    assertEquals(Byte.MIN_VALUE, in.readByte());
    assertEquals(Byte.MAX_VALUE, in.readByte());
    assertTrue(in.readBoolean());
    assertFalse(in.readBoolean());
    assertTrue(in.readPresence());
    assertFalse(in.readPresence());
    in.requireEnd();
    assertMalformed("02", ByteInput::readBoolean);
    assertMalformed("ff", ByteInput::readPresence);
    assertMalformed("", ByteInput::readByte);
  }

  @Test
  void sizes_foldNullIntoTheLength() {
    assertBytes("00 01 06", written(out -> {
      out.writeSize(-1);
      out.writeSize(0);
      out.writeSize(5);
    }));
    ByteInput in = new ByteInput(hex("00 01 06 00 00 00 00 00"));
    assertEquals(-1, in.readSize(1));
    assertEquals(0, in.readSize(1));
    assertEquals(5, in.readSize(1));
  }

  /**
   * writeSize(-5) wrote fc ff ff ff 0f, which every reader refuses as a negative size: a
   * hand-written codec's wrong size (a count gone negative) now fails in the writing process,
   * where the mistake is, and -1 still writes null.
   */
  @Test
  void writeSize_refusesASizeBelowMinusOne() {
    ByteOutput out = new ByteOutput();
    for (int size : new int[] {-2, -5, Integer.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> out.writeSize(size));
      assertEquals(
          "size " + size + " < -1: a size is never negative (-1 writes null)", e.getMessage());
    }
    assertEquals(0, out.size());
    out.writeSize(Integer.MAX_VALUE - 1);
    assertBytes("ff ff ff ff 07", out.toByteArray());
  }

  /**
   * ensureCapacity(-1), a size a hand-written codec overflowed, returned as if room had been
   * made, and a codec that went on to fill that room had no error where the mistake was.
   */
  @Test
  void ensureCapacity_refusesANegativeCount() {
    ByteOutput out = new ByteOutput(16);
    for (int count : new int[] {-1, Integer.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> out.ensureCapacity(count));
      assertEquals(
          "count " + count + " < 0: room is made for zero or more bytes (an overflowed size?)",
          e.getMessage());
    }
    out.ensureCapacity(0);
    out.ensureCapacity(1_000);
    out.writeByte(7);
    assertBytes("07", out.toByteArray());
  }

  /**
   * readSize(0), for elements that may take no bytes, returned any size, so a hand-written codec
   * allocating from it (new Unit[size]) could be made to allocate gigabytes by a forged length.
   * Such sizes now add up to at most the input's length plus 65,536, for the whole input (so
   * nested ones cannot multiply), and zero-byte elements with no bytes left still read.
   */
  @Test
  void readSize_ofElementsOfNoBytes_staysWithinTheInputsAllowance() {
    assertEquals(10, new ByteInput(hex("0b")).readSize(0)); // ten elements, no bytes left
    assertMalformed("ff ff ff ff 07", in -> in.readSize(0)); // Integer.MAX_VALUE - 1
    ByteInput in = new ByteInput(hex("81 80 04 81 80 04")); // 65,536 twice
    assertEquals(65_536, in.readSize(0));
    TransferException e = assertThrows(TransferException.class, () -> in.readSize(0));
    assertEquals(
        "size 65536 at offset 3, of elements that may take no bytes, passes what this input"
            + " allows: an input of 6 bytes may announce 65542 such elements in all (its length"
            + " plus 65536), and 6 are left: the bytes are not what this codec wrote",
        e.getMessage());
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> new ByteInput(hex("01")).readSize(-1));
    assertEquals(
        "minBytesPerElement < 0: -1 (0 for elements that may take no bytes)",
        negative.getMessage());
  }

  @Test
  void readSize_refusesASizeTheBytesLeftCannotFill() {
    assertEquals(2, new ByteInput(hex("03 00 00 00 00 00 00 00 00")).readSize(4));
    assertMalformed("03 00 00 00 00 00 00 00", in -> in.readSize(4)); // 2 ints need 8, 7 left
    assertMalformed("fe ff ff ff 0f", in -> in.readSize(1)); // varint -2: size -3
  }

  @Test
  void requireEnd_refusesTrailingBytes() {
    ByteInput in = new ByteInput(hex("01 02"));
    in.readByte();
    TransferException e = assertThrows(TransferException.class, in::requireEnd);
    assertTrue(e.getMessage().contains("1 unread bytes"), e.getMessage());
  }

  @Test
  void offsetWindow_readsOnlyItsSlice() {
    ByteInput in = new ByteInput(hex("ff 2a ff"), 1, 1);
    assertEquals(42, in.readByte());
    assertEquals(0, in.remaining());
    assertThrows(TransferException.class, in::readByte);
    assertThrows(IndexOutOfBoundsException.class, () -> new ByteInput(new byte[2], 1, 2));
  }

  // ---- strings ----

  @Test
  void strings_asciiEndsWithAMarkedByte_othersHaveAHeaderThenUtf8() {
    assertBytes("80", written(out -> out.writeString(null)));
    assertBytes("81", written(out -> out.writeString("")));
    assertBytes("82 61", written(out -> out.writeString("a"))); // one char: no byte to mark
    assertBytes("68 e9", written(out -> out.writeString("hi")));
    assertBytes("00 80", written(out -> out.writeString("\u0000\u0000")));
    assertBytes("83 c3 a9", written(out -> out.writeString("é")));
    assertBytes("84 e2 82 ac", written(out -> out.writeString("€")));
    assertBytes("85 f0 9f 98 80", written(out -> out.writeString("😀")));
    assertBytes("84 ed a0 bd", written(out -> out.writeString("\uD83D"))); // lone high surrogate
    assertBytes("84 ed b8 80", written(out -> out.writeString("\uDE00"))); // lone low surrogate
    // A UTF-8 length + 1 of 64 or more: bit 6 set, the low 6 bits, then a varint of the rest.
    String e63 = "é".repeat(63); // 126 bytes: 127 = 0b1_111111
    byte[] bytes = written(out -> out.writeString(e63));
    assertEquals(2 + 126, bytes.length);
    assertEquals((byte) 0xff, bytes[0]);
    assertEquals(0x01, bytes[1]);
    assertEquals(e63, read(bytes, ByteInput::readString));
  }

  @Test
  void readString_refusesFormsTheWriterNeverWrites() {
    assertMalformed("83 68 69", ByteInput::readString); // ASCII "hi" behind a header
    assertMalformed("c3 00 c3 a9", ByteInput::readString); // a varint of 0 after bit 6
    assertMalformed("68 69", ByteInput::readString); // ASCII with no end mark
    assertMalformed("c0 80 80 80 10", ByteInput::readString); // a length beyond 2^31
    // A varint that reads as a negative int (found by fuzzing: StringIndexOutOfBoundsException).
    assertMalformed("c0 80 80 80 80 08 61 62 63", ByteInput::readString);
    assertMalformed("c0 ff ff ff ff 0f 61 62 63", ByteInput::readString);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "plain ASCII with \u0000 and \u007f",
        "é ß ñ",
        "€ 中文 \uFFFF",
        "😀 𝄞 \uDBFF\uDFFF",
        "\uD800",
        "\uDC00",
        "a\uD800",
        "\uDC00\uD800",
        "\uD83D\uD83D\uDE00",
        "x\uDE00\uD83Dy",
      })
  void strings_roundTripExactly(String value) {
    byte[] bytes = written(out -> out.writeString(value));
    assertEquals(value, read(bytes, ByteInput::readString));
    assertEveryTruncationFails(bytes, ByteInput::readString);
  }

  /** The reader checks for ASCII eight bytes at a time, then byte by byte: every boundary. */
  @Test
  void readString_findsANonAsciiCharAtEveryPositionOfShortStrings() {
    for (int length = 1; length <= 25; length++) {
      String ascii = "abcdefghijklmnopqrstuvwxyz".substring(0, length);
      assertEquals(ascii, read(written(out -> out.writeString(ascii)), ByteInput::readString));
      for (int at = 0; at < length; at++) {
        String mixed = ascii.substring(0, at) + 'é' + ascii.substring(at + 1);
        assertEquals(mixed, read(written(out -> out.writeString(mixed)), ByteInput::readString));
      }
    }
  }

  /**
   * ASCII strings are copied to a scratch array eight bytes at a time while the reader looks for
   * the end mark, byte by byte in the last seven bytes of the input: every length around those
   * steps and past the scratch's growth and its limit, one after another through one reader (so a
   * shorter string follows a longer one in the same scratch), each also last in its input.
   */
  @Test
  void asciiStrings_ofEveryLengthRoundTripThroughOneReader() {
    List<String> values = new java.util.ArrayList<>();
    for (int length = 2; length <= 140; length++) {
      values.add("x".repeat(length - 1) + (char) ('a' + length % 26));
    }
    values.add("y".repeat(5_000));
    values.add("z".repeat(3));
    byte[] all = written(out -> values.forEach(out::writeString));
    ByteInput in = new ByteInput(all);
    for (String value : values) {
      assertEquals(value, in.readString());
      byte[] alone = written(out -> out.writeString(value));
      assertEquals(value, read(alone, ByteInput::readString));
    }
    in.requireEnd();
    assertEveryTruncationFails(written(out -> out.writeString("x".repeat(20))), ByteInput::readString);
  }

  @Test
  void strings_roundTripNullAndLongText() {
    assertNull(read(written(out -> out.writeString(null)), ByteInput::readString));
    String longMixed = "aé€😀".repeat(10_000);
    assertEquals(longMixed, read(written(out -> out.writeString(longMixed)), ByteInput::readString));
  }

  @Property(tries = 300)
  void anyString_roundTripsExactly(@ForAll @CharRange(from = '\u0000', to = '\uffff') String s) {
    assertEquals(s, read(written(out -> out.writeString(s)), ByteInput::readString));
  }

  @Property(tries = 300)
  void wellFormedString_isStandardUtf8(
      @ForAll @Size(max = 40) List<@IntRange(min = 0, max = 0x10FFFF) Integer> codePoints) {
    StringBuilder text = new StringBuilder();
    codePoints.stream()
        .filter(cp -> cp < Character.MIN_SURROGATE || cp > Character.MAX_SURROGATE)
        .forEach(text::appendCodePoint);
    String s = text.toString();
    byte[] bytes = written(out -> out.writeString(s));
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    boolean ascii = utf8.length == s.length();
    if (ascii && utf8.length >= 2) { // the bytes themselves, the last one marked
      utf8[utf8.length - 1] |= (byte) 0x80;
      assertArrayEquals(utf8, bytes);
      return;
    }
    int header = utf8.length + 1 < 64 ? 1 : 2 + (utf8.length + 1 >= 1 << 13 ? 1 : 0);
    assertArrayEquals(utf8, Arrays.copyOfRange(bytes, header, bytes.length));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "82 80", // a continuation byte with no lead
        "82 c3", // a 2-byte sequence cut short by the length
        "83 c3 28", // a lead followed by a non-continuation
        "83 c0 80", // overlong U+0000
        "83 c1 bf", // overlong U+007F
        "84 e0 80 80", // overlong 3-byte
        "84 e0 9f bf", // overlong U+07FF
        "85 f0 8f bf bf", // overlong 4-byte
        "85 f4 90 80 80", // beyond U+10FFFF
        "82 f8", // no such lead
        "82 ff",
        "87 ed a0 bd ed b8 80", // a surrogate pair as two 3-byte sequences (CESU-8)
      })
  void readString_refusesInvalidUtf8(String bytes) {
    assertMalformed(bytes, ByteInput::readString);
  }

  @Test
  void readString_refusesForgedLengthWithoutAllocatingIt() {
    byte[] forged = written(out -> {
      out.writeByte(0xff); // a header with a length of 2^31 - 2
      out.writeVarInt((Integer.MAX_VALUE >>> 6));
      out.writeBytes(new byte[16], 0, 16);
    });
    long allocated =
        bytesAllocatedWhileFailing(
            TransferException.class, () -> new ByteInput(forged).readString());
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
  }

  // ---- bulk arrays ----

  @Test
  void bulkArrays_areLittleEndianWithNoLength() {
    assertBytes("01 00 00 00 fe ff ff ff", written(out -> out.writeInts(new int[] {1, -2})));
    assertBytes("34 12 ff ff", written(out -> out.writeShorts(new short[] {0x1234, -1})));
    assertBytes("41 00 ac 20", written(out -> out.writeChars(new char[] {'A', '€'})));
    assertBytes("01 00", written(out -> out.writeBooleans(new boolean[] {true, false})));
    assertBytes("", written(out -> out.writeLongs(new long[0])));
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 100_003})
  void bulkArrays_roundTrip(int n) {
    Random random = new Random(n);
    boolean[] booleans = new boolean[n];
    byte[] bytes = new byte[n];
    short[] shorts = new short[n];
    char[] chars = new char[n];
    int[] ints = new int[n];
    long[] longs = new long[n];
    float[] floats = new float[n];
    double[] doubles = new double[n];
    for (int i = 0; i < n; i++) {
      booleans[i] = random.nextBoolean();
      bytes[i] = (byte) random.nextInt();
      shorts[i] = (short) random.nextInt();
      chars[i] = (char) random.nextInt();
      ints[i] = random.nextInt();
      longs[i] = random.nextLong();
      floats[i] = Float.intBitsToFloat(random.nextInt());
      doubles[i] = Double.longBitsToDouble(random.nextLong());
    }
    if (n > 0) {
      ints[0] = Integer.MIN_VALUE;
      longs[0] = Long.MIN_VALUE;
      doubles[0] = -0.0;
    }
    byte[] encoded =
        written(
            out -> {
              out.writeBooleans(booleans);
              out.writeBytes(bytes, 0, n);
              out.writeShorts(shorts);
              out.writeChars(chars);
              out.writeInts(ints);
              out.writeLongs(longs);
              out.writeFloats(floats);
              out.writeDoubles(doubles);
            });
    assertEquals(n * (1 + 1 + 2 + 2 + 4 + 8 + 4 + 8), encoded.length);
    ByteInput in = new ByteInput(encoded);
    assertArrayEquals(booleans, in.readBooleans(n));
    assertArrayEquals(bytes, in.readBytes(n));
    assertArrayEquals(shorts, in.readShorts(n));
    assertArrayEquals(chars, in.readChars(n));
    assertArrayEquals(ints, in.readInts(n));
    assertArrayEquals(longs, in.readLongs(n));
    float[] floatsRead = in.readFloats(n);
    double[] doublesRead = in.readDoubles(n);
    in.requireEnd();
    for (int i = 0; i < n; i++) { // compare bits: NaN payloads and -0.0 must survive
      assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(floatsRead[i]));
      assertEquals(Double.doubleToRawLongBits(doubles[i]), Double.doubleToRawLongBits(doublesRead[i]));
    }
  }

  @Test
  void bulkReads_refuseTooFewBytesAndInvalidBooleans() {
    assertMalformed("00 00 00", in -> in.readInts(1));
    assertMalformed("00 00 00 00 00 00 00", in -> in.readLongs(1));
    assertMalformed("00", in -> in.readShorts(1));
    assertMalformed("01 02", in -> in.readBooleans(2));
  }

  /**
   * A hand-written codec reads a length as it likes: read with readVarInt off forged bytes (ff ff
   * ff ff 0f is -1), it made readBytes throw NegativeArraySizeException out of Codecs.decode.
   */
  @Test
  void bulkReads_refuseANegativeLengthAsBadInput() {
    for (int length : new int[] {-1, Integer.MIN_VALUE}) {
      for (java.util.function.Consumer<ByteInput> read :
          List.<java.util.function.Consumer<ByteInput>>of(
              in -> in.readBytes(length),
              in -> in.readBooleans(length),
              in -> in.readShorts(length),
              in -> in.readChars(length),
              in -> in.readInts(length),
              in -> in.readLongs(length),
              in -> in.readFloats(length),
              in -> in.readDoubles(length))) {
        TransferException e =
            assertThrows(TransferException.class, () -> read.accept(new ByteInput(new byte[8])));
        assertTrue(e.getMessage().startsWith("negative length " + length), e.getMessage());
      }
    }
    ByteInput forged = new ByteInput(new byte[] {-1, -1, -1, -1, 0x0f, 1, 2});
    assertThrows(TransferException.class, () -> forged.readBytes(forged.readVarInt()));
  }

  @Test
  void output_growsFromTinyAndResets() {
    ByteOutput out = new ByteOutput(0);
    for (int i = 0; i < 1000; i++) {
      out.writeFixedLong(i);
    }
    assertEquals(8000, out.size());
    assertEquals(999, new ByteInput(out.array(), 7992, 8).readFixedLong());
    out.reset();
    assertEquals(0, out.size());
    assertEquals(0, out.toByteArray().length);
  }

  /**
   * A hand-written codec's writeBytes(name, 0, declaredLength) with a length beyond its array (a
   * billion bytes of a three-byte array) grew the output to that length first, an OutOfMemoryError
   * or a gigabyte allocated, and only then failed in System.arraycopy.
   */
  @Test
  void writeBytes_checksItsBoundsBeforeGrowing() {
    ByteOutput out = new ByteOutput();
    out.writeByte(7);
    long allocated =
        bytesAllocatedWhileFailing(
            IndexOutOfBoundsException.class, () -> out.writeBytes(new byte[3], 0, 1_000_000_000));
    assertTrue(allocated < 1 << 20, "allocated " + allocated + " bytes");
    assertThrows(IndexOutOfBoundsException.class, () -> out.writeBytes(new byte[3], 2, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> out.writeBytes(new byte[3], -1, 1));
    assertThrows(IndexOutOfBoundsException.class, () -> out.writeBytes(new byte[3], 0, -1));
    NullPointerException none =
        assertThrows(NullPointerException.class, () -> out.writeBytes(null, 0, 0));
    assertEquals("values == null", none.getMessage());
    assertBytes("07", out.toByteArray()); // nothing of the failed writes
    out.writeBytes(new byte[] {1, 2, 3}, 1, 2);
    assertBytes("07 02 03", out.toByteArray());
  }

  /**
   * Every constructor of ByteInput names its null argument, as the four-argument one does: the
   * one-argument one failed reading the array's length, in the JDK's words.
   */
  @Test
  void byteInput_ofNull_isRefusedNamingTheArgument() {
    assertEquals("bytes == null",
        assertThrows(NullPointerException.class, () -> new ByteInput(null)).getMessage());
    assertEquals("bytes == null",
        assertThrows(NullPointerException.class, () -> new ByteInput(null, 0, 0)).getMessage());
  }

  // ---- depth ----

  @Test
  void enter_refusesNestingBeyondTheLimit() {
    ByteInput in = new ByteInput(new byte[0], 0, 0, 3);
    in.enter();
    in.enter();
    in.enter();
    in.exit();
    in.enter(); // back at 3: still allowed
    TransferException e = assertThrows(TransferException.class, in::enter);
    assertTrue(e.getMessage().contains("deeper than 3"), e.getMessage());
  }

  /**
   * A hand-written codec calling exit() once too often lowered the count below zero, so that with
   * a limit of 3, five unmatched exits let eight values nest: forged input could then nest past the
   * limit into a StackOverflowError, and a cycle be written until the stack ran out.
   */
  @Test
  void exit_withoutAMatchingEnter_isRefused() {
    ByteInput in = new ByteInput(new byte[0], 0, 0, 3);
    IllegalStateException e = assertThrows(IllegalStateException.class, in::exit);
    assertTrue(e.getMessage().startsWith("exit() without a matching enter()"), e.getMessage());
    in.enter();
    in.exit();
    assertThrows(IllegalStateException.class, in::exit);
    in.enter();
    in.enter();
    in.enter();
    assertThrows(TransferException.class, in::enter); // the limit holds after refused exits

    ByteOutput out = new ByteOutput();
    assertThrows(IllegalStateException.class, out::exit);
    out.enter("Node");
    out.exit();
    assertThrows(IllegalStateException.class, out::exit);
  }

  static void assertMalformed(String bytes, Function<ByteInput, ?> read) {
    assertThrows(TransferException.class, () -> read(hex(bytes), read), bytes);
  }
}
