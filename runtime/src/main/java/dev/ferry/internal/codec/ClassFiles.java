package dev.ferry.internal.codec;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads a {@code static final long} constant out of a class file (JVMS 4.1, 4.4, 4.5, 4.7.2), for
 * {@link HeldCodecs}: its constant pool, then its fields, to the one of that name whose {@code
 * ConstantValue} attribute holds the value.
 */
final class ClassFiles {
  private ClassFiles() {}

  /** The value of the {@code long} constant field {@code name}, or null if there is none. */
  static Long longConstant(DataInputStream in, String name) throws IOException {
    if (in.readInt() != 0xCAFEBABE) {
      return null;
    }
    in.readUnsignedShort(); // minor version
    in.readUnsignedShort(); // major version
    int count = in.readUnsignedShort();
    Object[] pool = new Object[count];
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1 -> pool[i] = in.readUTF();
        case 3, 4 -> in.readInt();
        case 5 -> pool[i++] = in.readLong(); // a long takes two entries
        case 6 -> {
          in.readLong();
          i++;
        }
        case 7, 8, 16, 19, 20 -> in.readUnsignedShort();
        case 9, 10, 11, 12, 17, 18 -> in.readInt();
        case 15 -> {
          in.readUnsignedByte();
          in.readUnsignedShort();
        }
        default -> {
          return null; // a constant of a later class file version: read nothing rather than guess
        }
      }
    }
    in.readUnsignedShort(); // access flags
    in.readUnsignedShort(); // this class
    in.readUnsignedShort(); // super class
    skip(in, 2 * in.readUnsignedShort()); // interfaces
    int fields = in.readUnsignedShort();
    for (int f = 0; f < fields; f++) {
      in.readUnsignedShort(); // access flags
      Object fieldName = pool[in.readUnsignedShort()];
      Object descriptor = pool[in.readUnsignedShort()];
      int attributes = in.readUnsignedShort();
      for (int a = 0; a < attributes; a++) {
        Object attribute = pool[in.readUnsignedShort()];
        int length = in.readInt();
        if (name.equals(fieldName) && "J".equals(descriptor) && "ConstantValue".equals(attribute)) {
          return pool[in.readUnsignedShort()] instanceof Long value ? value : null;
        }
        skip(in, length);
      }
    }
    return null;
  }

  private static void skip(DataInputStream in, int bytes) throws IOException {
    in.skipNBytes(bytes);
  }
}
