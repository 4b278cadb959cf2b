package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.TransferException;

import java.io.IOException;
/**
 * The two forms of a message in a host's queue. Most are a {@code byte[]}: the message's local
 * type id (4 bytes, little-endian), then its encoded body. A large {@code byte[]} message that
 * arrived in a tail frame is a {@link Bytes}: the very array its receiver gets, read straight from
 * the socket, so that it is not copied once more on receipt (what a process sending files or images
 * in blocks pays most for).
 */
public final class Items {
  private Items() {}

  /** A {@code byte[]} message kept as its value. */
  static final class Bytes {
    final byte[] value;

    Bytes(byte[] value) {
      this.value = value;
    }
  }

  /** An item of the first form: {@code length} encoded bytes of {@code body} from {@code offset}. */
  public static byte[] encoded(int typeId, byte[] body, int offset, int length) {
    byte[] item = new byte[4 + length];
    Wire.putIntLE(item, 0, typeId);
    System.arraycopy(body, offset, item, 4, length);
    return item;
  }

  static int typeId(Object item) {
    return item instanceof Bytes ? MessageTypes.BYTES_ID : Wire.getIntLE((byte[]) item, 0);
  }

  /** The message an item holds; null for null. Each item is received once, so a value is not shared. */
  public static Object decode(Object item) {
    if (item == null) {
      return null;
    }
    if (item instanceof Bytes bytes) {
      return bytes.value;
    }
    byte[] encoded = (byte[]) item;
    return MessageTypes.byId(Wire.getIntLE(encoded, 0)).decode(encoded, 4, encoded.length - 4);
  }

  /** How many bytes {@link #writeBody} writes after the length, which it writes too (at most 5). */
  static long bodyBytes(Object item) {
    if (item instanceof Bytes bytes) {
      return byteArrayBytes(bytes.value.length);
    }
    return ((byte[]) item).length - 4L;
  }

  /** Writes an item's encoded body, after its length, as a message record ends. */
  static void writeBody(ByteOutput o, Object item) {
    if (item instanceof Bytes bytes) {
      int size = bytes.value.length;
      o.writeVarInt(varIntBytes(size + 1) + size);
      o.writeSize(size); // as the byte[] codec writes it
      o.writeBytes(bytes.value, 0, size);
    } else {
      byte[] encoded = (byte[]) item;
      o.writeVarInt(encoded.length - 4);
      o.writeBytes(encoded, 4, encoded.length - 4);
    }
  }

  /**
   * Reads a {@code byte[]} message's body of {@code length} bytes, the rest of the tail frame last
   * returned by {@code frames}, as a {@link Bytes}: its size as the byte[] codec writes it, then
   * its bytes straight into the value's array. Null at end of stream.
   *
   * @throws TransferException if the size does not fill the body exactly
   */
  static Bytes readBytes(FrameReader frames, int length) throws IOException {
    byte[] one = new byte[1];
    int encoded = 0;
    int sizeBytes = 0;
    for (int shift = 0; ; shift += 7) {
      if (sizeBytes == 5) {
        throw new TransferException("a byte[] message's size is not a valid varint");
      }
      if (!frames.readTail(one, 0, 1)) {
        return null;
      }
      sizeBytes++;
      encoded |= (one[0] & 0x7F) << shift;
      if (one[0] >= 0) {
        break;
      }
    }
    long size = (encoded & 0xFFFF_FFFFL) - 1;
    if (size < 0 || sizeBytes + size != length) {
      throw new TransferException(
          "a byte[] message of " + length + " bytes claims " + size + " elements");
    }
    byte[] value = new byte[(int) size];
    return frames.readTail(value, 0, value.length) ? new Bytes(value) : null;
  }

  /** How many bytes a {@code byte[]} of {@code length} takes as a message's body: size, then bytes. */
  public static long byteArrayBytes(int length) {
    return varIntBytes(length + 1) + (long) length;
  }

  private static int varIntBytes(int v) {
    return v >>> 7 == 0 ? 1 : v >>> 14 == 0 ? 2 : v >>> 21 == 0 ? 3 : v >>> 28 == 0 ? 4 : 5;
  }
}
