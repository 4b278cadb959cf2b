package dev.ferry.internal.codec;

import static dev.ferry.internal.codec.DynamicCodec.BOOLEAN;
import static dev.ferry.internal.codec.DynamicCodec.BOOLEAN_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.BYTE;
import static dev.ferry.internal.codec.DynamicCodec.BYTE_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.CHAR;
import static dev.ferry.internal.codec.DynamicCodec.CHAR_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.DOUBLE;
import static dev.ferry.internal.codec.DynamicCodec.DOUBLE_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.ENUM;
import static dev.ferry.internal.codec.DynamicCodec.ENUM_MAP;
import static dev.ferry.internal.codec.DynamicCodec.ENUM_SET;
import static dev.ferry.internal.codec.DynamicCodec.FLOAT;
import static dev.ferry.internal.codec.DynamicCodec.FLOAT_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.INT;
import static dev.ferry.internal.codec.DynamicCodec.INT_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.LINKED_LIST;
import static dev.ferry.internal.codec.DynamicCodec.LIST;
import static dev.ferry.internal.codec.DynamicCodec.LONG;
import static dev.ferry.internal.codec.DynamicCodec.LONG_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.MAP;
import static dev.ferry.internal.codec.DynamicCodec.NULL;
import static dev.ferry.internal.codec.DynamicCodec.OBJECT;
import static dev.ferry.internal.codec.DynamicCodec.OPTIONAL;
import static dev.ferry.internal.codec.DynamicCodec.QUEUE;
import static dev.ferry.internal.codec.DynamicCodec.SET;
import static dev.ferry.internal.codec.DynamicCodec.SHORT;
import static dev.ferry.internal.codec.DynamicCodec.SHORT_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.SORTED_MAP;
import static dev.ferry.internal.codec.DynamicCodec.SORTED_SET;
import static dev.ferry.internal.codec.DynamicCodec.STRING;

import dev.ferry.ByteInput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.TransferException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link DynamicCodec}'s reading: a tag, then the value it names, with every check that keeps
 * forged or corrupt bytes a {@link TransferException} at their offset rather than a wrong value,
 * an unchecked exception out of a collection, or a class initialized: sizes bounded by the bytes
 * left, duplicates refused (a set or map would keep one, and the value arrive with less than was
 * sent), sorted collections rebuilt in natural order or refused, classes resolved by name without
 * initializing them. Static, as the codec has no state: nested values recurse through {@link
 * #read} here, as they did through the codec's own method.
 */
final class DynamicReader {
  private DynamicReader() {}

  /** Reads one value written by {@link DynamicWriter#write}; see {@link DynamicCodec#read}. */
  static Object read(ByteInput in) {
    in.enter();
    Object value = readValue(in);
    in.exit(); // not in a finally: after a TransferException the input is abandoned
    return value;
  }

  private static Object readValue(ByteInput in) {
    int at = in.offset();
    int tag = in.readVarInt();
    return switch (tag) {
      case NULL -> null;
      case STRING -> readString(in, "string");
      case BOOLEAN -> in.readBoolean();
      case BYTE -> in.readByte();
      case SHORT -> readShort(in);
      case CHAR -> readChar(in);
      case INT -> in.readSignedVarInt();
      case LONG -> in.readSignedVarLong();
      case FLOAT -> in.readFloat();
      case DOUBLE -> in.readDouble();
      case BYTE_ARRAY -> in.readBytes(readArraySize(in, 1));
      case SHORT_ARRAY -> in.readShorts(readArraySize(in, 2));
      case CHAR_ARRAY -> in.readChars(readArraySize(in, 2));
      case INT_ARRAY -> in.readInts(readArraySize(in, 4));
      case LONG_ARRAY -> in.readLongs(readArraySize(in, 8));
      case FLOAT_ARRAY -> in.readFloats(readArraySize(in, 4));
      case DOUBLE_ARRAY -> in.readDoubles(readArraySize(in, 8));
      case BOOLEAN_ARRAY -> in.readBooleans(readArraySize(in, 1));
      case LIST -> readList(in);
      case SET -> readSet(in);
      case MAP -> readMap(in);
      case SORTED_SET -> readSortedSet(in, at);
      case SORTED_MAP -> readSortedMap(in, at);
      case QUEUE -> readQueue(in, at);
      case LINKED_LIST -> new LinkedList<>(readList(in));
      case ENUM_SET -> DynamicEnums.readEnumSet(in);
      case ENUM_MAP -> readEnumMap(in);
      case OPTIONAL -> Optional.ofNullable(read(in));
      case ENUM -> DynamicEnums.readEnum(in);
      case OBJECT -> readObject(in);
      default -> readBuiltIn(in, tag, at);
    };
  }

  private static Object readBuiltIn(ByteInput in, int tag, int at) {
    Codec<?> builtIn = DynamicKinds.BUILT_INS.get(tag);
    if (builtIn == null) {
      throw new TransferException(
          "unknown value kind " + Integer.toUnsignedString(tag) + " at offset " + at
              + ": the bytes are corrupt or were written by a newer version of Ferry");
    }
    return builtIn.read(in);
  }

  static String readString(ByteInput in, String what) {
    int at = in.offset();
    String value = in.readString();
    if (value == null) {
      throw new TransferException("null " + what + " at offset " + at + " where a value must be");
    }
    return value;
  }

  private static short readShort(ByteInput in) {
    int at = in.offset();
    int value = in.readSignedVarInt();
    if (value != (short) value) {
      throw new TransferException("short out of range at offset " + at + ": " + value);
    }
    return (short) value;
  }

  private static char readChar(ByteInput in) {
    int at = in.offset();
    int value = in.readVarInt();
    if (value != (char) value) {
      throw new TransferException(
          "char out of range at offset " + at + ": " + Integer.toUnsignedString(value));
    }
    return (char) value;
  }

  /** Reads a size where null has its own tag, so the size's null marker is malformed. */
  static int readNonNullSize(ByteInput in, int minBytesPerElement, String what) {
    int at = in.offset();
    int size = in.readSize(minBytesPerElement);
    if (size < 0) {
      throw new TransferException("null " + what + " size at offset " + at);
    }
    return size;
  }

  private static int readArraySize(ByteInput in, int elementWidth) {
    return readNonNullSize(in, elementWidth, "array");
  }

  private static List<Object> readList(ByteInput in) {
    // Every element is at least its one-byte tag, so the size is bounded by the bytes left.
    int size = readNonNullSize(in, 1, "list");
    List<Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(read(in));
    }
    return list;
  }

  private static Set<Object> readSet(ByteInput in) {
    int size = readNonNullSize(in, 1, "set");
    Set<Object> set = new LinkedHashSet<>(capacityFor(size));
    for (int i = 0; i < size; i++) {
      int at = in.offset();
      Object element = read(in);
      boolean added;
      try {
        added = set.add(element);
      } catch (RuntimeException e) {
        throw unhashable(at, element, e);
      }
      if (!added) {
        throw new TransferException("duplicate set element at offset " + at);
      }
    }
    return set;
  }

  private static Map<Object, Object> readMap(ByteInput in) {
    int size = readNonNullSize(in, 2, "map");
    Map<Object, Object> map = new LinkedHashMap<>(capacityFor(size));
    for (int i = 0; i < size; i++) {
      int at = in.offset();
      Object key = read(in);
      Object value = read(in);
      try {
        map.put(key, value); // one lookup: a duplicate key leaves the size as it was
      } catch (RuntimeException e) {
        throw unhashable(at, key, e);
      }
      if (map.size() == i) {
        throw new TransferException("duplicate map key at offset " + at);
      }
    }
    return map;
  }

  /**
   * Adding an element to a set or a key to a map runs its {@code hashCode} and {@code equals},
   * which a value read from forged bytes (a record whose {@code hashCode} unboxes a member that
   * came back null) may make throw: the bytes are bad input.
   */
  private static TransferException unhashable(int at, Object key, RuntimeException e) {
    return new TransferException(
        "the element at offset " + at + " cannot be hashed (its " + key.getClass().getName()
            + " threw " + e + "): the bytes make no valid value",
        e);
  }

  /** A hash table capacity that holds {@code size} entries without rehashing. */
  private static int capacityFor(int size) {
    return (int) Math.min(Integer.MAX_VALUE, size * 4L / 3 + 1);
  }

  private static TreeSet<Object> readSortedSet(ByteInput in, int at) {
    List<Object> elements = readList(in);
    TreeSet<Object> set;
    try {
      set = new TreeSet<>(elements);
    } catch (RuntimeException e) { // ClassCastException, or what the elements' compareTo threw
      throw notSortable(at, e);
    }
    if (set.size() != elements.size()) {
      throw sortedDuplicate(at, "set", "element");
    }
    return set;
  }

  private static TreeMap<Object, Object> readSortedMap(ByteInput in, int at) {
    Map<Object, Object> entries = readMap(in);
    TreeMap<Object, Object> map;
    try {
      map = new TreeMap<>(entries);
    } catch (RuntimeException e) { // ClassCastException, or what the keys' compareTo threw
      throw notSortable(at, e);
    }
    if (map.size() != entries.size()) {
      throw sortedDuplicate(at, "map", "key");
    }
    return map;
  }

  /**
   * Two elements (keys) that natural order takes for one, which a TreeSet (TreeMap) would keep
   * once: the value would arrive with less than was sent. A writer's sorted set built with a
   * comparator, which does not cross, can hold them: the BigDecimals 1.0 and 1.00 to {@code
   * Comparator.comparing(BigDecimal::toString)}.
   */
  private static TransferException sortedDuplicate(int at, String kind, String element) {
    return new TransferException(
        "sorted " + kind + " at offset " + at + " holds two " + element + "s equal in their"
            + " natural order, which the Tree" + (kind.equals("set") ? "Set" : "Map") + " it is"
            + " read into would keep once: the writer's " + kind + " was sorted by a comparator,"
            + " which does not cross. Keep its " + element + "s distinct in natural order");
  }

  private static TransferException notSortable(int at, RuntimeException e) {
    return new TransferException(
        "sorted collection at offset " + at + " holds a null or elements that are not mutually"
            + " comparable (comparing them threw " + e + "), which a TreeSet or TreeMap in natural"
            + " order cannot hold",
        e);
  }

  private static ArrayDeque<Object> readQueue(ByteInput in, int at) {
    List<Object> elements = readList(in);
    if (elements.contains(null)) {
      throw new TransferException("null element in a queue at offset " + at);
    }
    return new ArrayDeque<>(elements);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static EnumMap<?, ?> readEnumMap(ByteInput in) {
    Class type = DynamicEnums.readEnumClass(in);
    Object[] constants = DynamicEnums.ENUM_CONSTANTS.get(type);
    int size = readNonNullSize(in, 2, "enum map");
    EnumMap map = new EnumMap(type);
    for (int i = 0; i < size; i++) {
      int at = in.offset();
      Object key = constants[DynamicEnums.readOrdinal(in, type, constants)];
      map.put(key, read(in));
      if (map.size() == i) {
        throw new TransferException("duplicate enum map key at offset " + at);
      }
    }
    return map;
  }

  private static Object readObject(ByteInput in) {
    int at = in.offset();
    Class<?> type = resolve(readString(in, "class name"), at);
    Codec<?> codec;
    try {
      codec = OwnCodecs.of(type);
    } catch (IllegalArgumentException e) {
      throw new TransferException(
          type.getName() + " at offset " + at + " has no generated codec in this process", e);
    }
    long fingerprint = in.readFixedLong();
    long expected = OwnCodecs.fingerprint(codec);
    if (fingerprint != expected) {
      throw Codecs.fingerprintMismatch(type, expected, fingerprint);
    }
    return OwnCodecs.read(codec, in, type.getName());
  }

  /**
   * Finds a class named on the wire without initializing it, so forged bytes cannot run the static
   * initializer of an arbitrary class on the class path.
   */
  static Class<?> resolve(String name, int at) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = DynamicCodec.class.getClassLoader();
    if (context != null && context != own) {
      try {
        return Class.forName(name, false, context);
      } catch (ClassNotFoundException | LinkageError e) {
        // fall back to our own loader below
      }
    }
    try {
      return Class.forName(name, false, own);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new TransferException(
          "unknown class " + name + " at offset " + at
              + ": the reading process does not have it on its class path",
          e);
    }
  }
}
