package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.TransferException;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;

/**
 * How {@link DynamicCodec} names an enum on the wire, and the enum values it writes by it: a
 * constant, an enum set, and the enum of an enum map (whose values are written as dynamic values).
 * An enum travels as its binary name and a fingerprint of its constants, which the reader checks
 * against its own enum before it takes an ordinal, so a reader whose enum changed refuses the
 * bytes instead of reading another constant. Kept apart from the codec's other kinds because it is
 * the one place that knows how an enum is identified across processes, which both directions
 * share.
 */
final class DynamicEnums {
  private DynamicEnums() {}

  /** Initializes this class: {@link DynamicCodec}'s static initializer calls it. */
  static void load() {}

  /** Enum constants by class; {@link Class#getEnumConstants()} copies the array on every call. */
  static final ClassValue<Object[]> ENUM_CONSTANTS =
      new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
          return type.getEnumConstants();
        }
      };

  /**
   * An enum's fingerprint: the hash of its binary name and constants, the description the processor
   * hashes for an enum member ({@code enum a.b.Color[RED, GREEN]}), so a reader whose enum gained,
   * lost or reordered constants refuses the bytes instead of reading another constant.
   */
  private static final ClassValue<Long> ENUM_FINGERPRINTS =
      new ClassValue<>() {
        @Override
        protected Long computeValue(Class<?> type) {
          Object[] constants = ENUM_CONSTANTS.get(type);
          String[] names = new String[constants.length];
          for (int i = 0; i < constants.length; i++) {
            names[i] = ((Enum<?>) constants[i]).name();
          }
          return Fingerprints.of("enum " + type.getName() + Arrays.toString(names));
        }
      };

  static void writeEnum(ByteOutput out, Class<?> type, int ordinal) {
    writeEnumClass(out, type);
    out.writeVarInt(ordinal);
  }

  /** An enum's binary name and its fingerprint, which the reader checks against its own enum. */
  static void writeEnumClass(ByteOutput out, Class<?> type) {
    out.writeString(type.getName());
    out.writeFixedLong(ENUM_FINGERPRINTS.get(type));
  }

  /**
   * An enum set: its enum (as {@link #writeEnumClass}), then its ordinals. An empty set names its
   * enum through its complement (public API does not expose an EnumSet's element type); a set of
   * an enum with no constants has nothing to name it by and is refused.
   */
  static void writeEnumSet(ByteOutput out, EnumSet<?> set) {
    Object[] elements = set.toArray();
    Enum<?> any =
        elements.length > 0
            ? (Enum<?>) elements[0]
            : EnumSet.complementOf(set).stream().findFirst().orElse(null);
    if (any == null) {
      throw new IllegalArgumentException(
          "an EnumSet of an enum with no constants cannot be written where its type is not"
              + " declared (a value sent on its own, or in a List<Object>): such a set names its"
              + " enum by one of its constants, and this enum has none. Declare it as an"
              + " EnumSet<E> member of a @Transferable record, whose codec knows its enum");
    }
    writeEnumClass(out, any.getDeclaringClass());
    out.writeSize(elements.length);
    for (Object element : elements) {
      out.writeVarInt(((Enum<?>) element).ordinal());
    }
  }

  /**
   * The key type of {@code map}, which public API tells only through its keys: read off its
   * serialized form, which holds it (EnumMap's {@code keyType} field), by an {@code
   * ObjectOutputStream} that writes to nothing and is shown the class of each class descriptor it
   * writes ({@code annotateClass}): the map's own, then its key type's. Null if the map cannot be
   * serialized.
   */
  static Class<?> keyTypeOf(EnumMap<?, ?> map) {
    try (KeyTypeFinder finder = new KeyTypeFinder()) {
      finder.writeObject(map);
      return finder.keyType;
    } catch (IOException | RuntimeException e) {
      return null; // a subclass holding what cannot be serialized
    }
  }

  /** See {@link #keyTypeOf}. */
  private static final class KeyTypeFinder extends ObjectOutputStream {
    Class<?> keyType;

    KeyTypeFinder() throws IOException {
      super(OutputStream.nullOutputStream());
    }

    @Override
    protected void annotateClass(Class<?> type) {
      if (keyType == null && type.isEnum()) {
        keyType = type;
      }
    }
  }

  static Object readEnum(ByteInput in) {
    Class<?> type = readEnumClass(in);
    Object[] constants = ENUM_CONSTANTS.get(type);
    return constants[readOrdinal(in, type, constants)];
  }

  /** Reads an enum's name and fingerprint, and fails unless this process has that same enum. */
  static Class<?> readEnumClass(ByteInput in) {
    int at = in.offset();
    Class<?> type = DynamicReader.resolve(DynamicReader.readString(in, "enum class name"), at);
    if (!type.isEnum()) {
      throw new TransferException(
          type.getName() + " at offset " + at + " is not an enum in this process");
    }
    long fingerprint = in.readFixedLong();
    long expected = ENUM_FINGERPRINTS.get(type);
    if (fingerprint != expected) {
      throw new TransferException(
          String.format(
              "schema mismatch for enum %s at offset %d: the writer's enum has other constants"
                  + " (fingerprint %016x, this reader expects %016x); rebuild writer and reader"
                  + " from the same source",
              type.getName(), at, fingerprint, expected));
    }
    return type;
  }

  static int readOrdinal(ByteInput in, Class<?> type, Object[] constants) {
    int at = in.offset();
    int ordinal = in.readVarInt();
    if (ordinal < 0 || ordinal >= constants.length) {
      throw new TransferException(
          "ordinal " + Integer.toUnsignedString(ordinal) + " at offset " + at
              + " is out of range for " + type.getName() + ", which has " + constants.length
              + " constants: the bytes are corrupt");
    }
    return ordinal;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static EnumSet<?> readEnumSet(ByteInput in) {
    Class type = readEnumClass(in);
    Object[] constants = ENUM_CONSTANTS.get(type);
    int size = DynamicReader.readNonNullSize(in, 1, "enum set");
    EnumSet set = EnumSet.noneOf(type);
    for (int i = 0; i < size; i++) {
      int at = in.offset();
      if (!set.add(constants[readOrdinal(in, type, constants)])) {
        throw new TransferException("duplicate enum set element at offset " + at);
      }
    }
    return set;
  }
}
