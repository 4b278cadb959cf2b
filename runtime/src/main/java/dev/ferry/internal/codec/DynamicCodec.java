package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.Ferry;
import dev.ferry.TransferException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
/**
 * The codec of members whose static type is a type variable, such as {@code value} in {@code
 * record Box<T>(T value)}: the value's runtime class decides the encoding.
 *
 * <p>Each value is a varint kind tag followed by the value's body (the tag table is in {@code
 * docs/wire-format.md}). Strings, boxes, primitive arrays and the {@link BuiltInCodecs} types use
 * their usual encoding; lists, sets, maps and optionals write their elements dynamically, and are
 * read back as {@link ArrayList}, {@link LinkedHashSet}, {@link LinkedHashMap} and {@link
 * Optional} in the order written; an enum is its class name and ordinal; any other value is a
 * {@code @Transferable} type, written as its class name, its codec's fingerprint and its codec's
 * body. Unlike other codecs this one accepts {@code null}, which has a tag of its own.
 *
 * <p>Reading resolves class names with the thread's context class loader, falling back to this
 * class's loader, without initializing the class; every value read counts one level of {@link
 * ByteInput#enter() depth}.
 *
 * <pre>{@code
 * // in a generated codec for record Box<T>(T value)
 * DynamicCodec.INSTANCE.write(out, box.value());
 * Object value = DynamicCodec.INSTANCE.read(in);
 * }</pre>
 */
public final class DynamicCodec implements Codec<Object> {
  public static final DynamicCodec INSTANCE = new DynamicCodec();

  // The tags are the wire format: never renumber one, only append.
  static final int NULL = 0;
  static final int STRING = 1;
  static final int BOOLEAN = 2;
  static final int BYTE = 3;
  static final int SHORT = 4;
  static final int CHAR = 5;
  static final int INT = 6;
  static final int LONG = 7;
  static final int FLOAT = 8;
  static final int DOUBLE = 9;
  static final int INSTANT = 10;
  static final int DURATION = 11;
  static final int LOCAL_DATE = 12;
  static final int LOCAL_TIME = 13;
  static final int LOCAL_DATE_TIME = 14;
  static final int ZONE_ID = 15;
  static final int OFFSET_DATE_TIME = 16;
  static final int ZONED_DATE_TIME = 17;
  static final int UUID_TAG = 18;
  static final int BIG_INTEGER = 19;
  static final int BIG_DECIMAL = 20;
  static final int BYTE_ARRAY = 21;
  static final int SHORT_ARRAY = 22;
  static final int CHAR_ARRAY = 23;
  static final int INT_ARRAY = 24;
  static final int LONG_ARRAY = 25;
  static final int FLOAT_ARRAY = 26;
  static final int DOUBLE_ARRAY = 27;
  static final int BOOLEAN_ARRAY = 28;
  static final int LIST = 29;
  static final int SET = 30;
  static final int MAP = 31;
  static final int OPTIONAL = 32;
  static final int ENUM = 33;
  static final int OBJECT = 34;

  /** Built-in value types by tag, so that one table serves both directions. */
  private static final Map<Integer, Codec<?>> BUILT_INS =
      Map.ofEntries(
          Map.entry(INSTANT, BuiltInCodecs.INSTANT),
          Map.entry(DURATION, BuiltInCodecs.DURATION),
          Map.entry(LOCAL_DATE, BuiltInCodecs.LOCAL_DATE),
          Map.entry(LOCAL_TIME, BuiltInCodecs.LOCAL_TIME),
          Map.entry(LOCAL_DATE_TIME, BuiltInCodecs.LOCAL_DATE_TIME),
          Map.entry(ZONE_ID, BuiltInCodecs.ZONE_ID),
          Map.entry(OFFSET_DATE_TIME, BuiltInCodecs.OFFSET_DATE_TIME),
          Map.entry(ZONED_DATE_TIME, BuiltInCodecs.ZONED_DATE_TIME),
          Map.entry(UUID_TAG, BuiltInCodecs.UUID),
          Map.entry(BIG_INTEGER, BuiltInCodecs.BIG_INTEGER),
          Map.entry(BIG_DECIMAL, BuiltInCodecs.BIG_DECIMAL));

  /** Final JDK classes, matched exactly; everything else is matched by supertype in {@link #tagOf}. */
  private static final Map<Class<?>, Integer> EXACT_TAGS = exactTags();

  private static Map<Class<?>, Integer> exactTags() {
    Map<Class<?>, Integer> tags = new IdentityHashMap<>();
    tags.put(String.class, STRING);
    tags.put(Boolean.class, BOOLEAN);
    tags.put(Byte.class, BYTE);
    tags.put(Short.class, SHORT);
    tags.put(Character.class, CHAR);
    tags.put(Integer.class, INT);
    tags.put(Long.class, LONG);
    tags.put(Float.class, FLOAT);
    tags.put(Double.class, DOUBLE);
    tags.put(Instant.class, INSTANT);
    tags.put(Duration.class, DURATION);
    tags.put(LocalDate.class, LOCAL_DATE);
    tags.put(LocalTime.class, LOCAL_TIME);
    tags.put(LocalDateTime.class, LOCAL_DATE_TIME);
    tags.put(OffsetDateTime.class, OFFSET_DATE_TIME);
    tags.put(ZonedDateTime.class, ZONED_DATE_TIME);
    tags.put(UUID.class, UUID_TAG);
    tags.put(byte[].class, BYTE_ARRAY);
    tags.put(short[].class, SHORT_ARRAY);
    tags.put(char[].class, CHAR_ARRAY);
    tags.put(int[].class, INT_ARRAY);
    tags.put(long[].class, LONG_ARRAY);
    tags.put(float[].class, FLOAT_ARRAY);
    tags.put(double[].class, DOUBLE_ARRAY);
    tags.put(boolean[].class, BOOLEAN_ARRAY);
    tags.put(Optional.class, OPTIONAL);
    return tags;
  }

  /** The tag of each class seen, computed once: dispatch on write is then one lookup. */
  private static final ClassValue<Integer> TAGS =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          return tagOf(type);
        }
      };

  /** Enum constants by class; {@link Class#getEnumConstants()} copies the array on every call. */
  private static final ClassValue<Object[]> ENUM_CONSTANTS =
      new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> type) {
          return type.getEnumConstants();
        }
      };

  private static final long FINGERPRINT = Fingerprints.of("dynamic");

  private DynamicCodec() {}

  private static int tagOf(Class<?> type) {
    Integer exact = EXACT_TAGS.get(type);
    if (exact != null) {
      return exact;
    }
    // Collections before user types: a JDK collection never has a generated codec, and looking
    // one up by name for every ArrayList would cost a failed class load each time.
    if (List.class.isAssignableFrom(type)) {
      return LIST;
    }
    if (Set.class.isAssignableFrom(type)) {
      return SET;
    }
    if (Map.class.isAssignableFrom(type)) {
      return MAP;
    }
    if (Collection.class.isAssignableFrom(type)) {
      return LIST; // e.g. an ArrayDeque or Map.values(): a sequence is all the reader can rebuild
    }
    if (Enum.class.isAssignableFrom(type)) {
      return ENUM; // also an enum constant with a body, whose class is an anonymous subclass
    }
    if (ZoneId.class.isAssignableFrom(type)) {
      return ZONE_ID; // ZoneRegion and ZoneOffset, both rebuilt by ZoneId.of
    }
    if (BigInteger.class.isAssignableFrom(type)) {
      return BIG_INTEGER;
    }
    if (BigDecimal.class.isAssignableFrom(type)) {
      return BIG_DECIMAL;
    }
    return OBJECT;
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }

  /** Writes {@code value}, which may be null, tagged with its kind. */
  @Override
  public void write(ByteOutput out, Object value) {
    write(out, value, 1);
  }

  /**
   * {@code depth} counts nesting the way a reader's {@link ByteInput#enter()} will, so a value the
   * default reader would refuse (or a collection that contains itself) fails here, at the sender.
   */
  private void write(ByteOutput out, Object value, int depth) {
    if (depth > ByteInput.DEFAULT_MAX_DEPTH) {
      throw new IllegalArgumentException(
          "value nested deeper than " + ByteInput.DEFAULT_MAX_DEPTH
              + " levels (does a collection contain itself?): a reader would refuse it");
    }
    if (value == null) {
      out.writeVarInt(NULL);
      return;
    }
    int tag = TAGS.get(value.getClass());
    if (tag == OBJECT) {
      writeObject(out, value); // the codec lookup may fail: write no tag before it succeeds
      return;
    }
    out.writeVarInt(tag);
    switch (tag) {
      case STRING -> out.writeString((String) value);
      case BOOLEAN -> out.writeBoolean((Boolean) value);
      case BYTE -> out.writeByte((Byte) value);
      case SHORT -> out.writeSignedVarInt((Short) value);
      case CHAR -> out.writeVarInt((Character) value);
      case INT -> out.writeSignedVarInt((Integer) value);
      case LONG -> out.writeSignedVarLong((Long) value);
      case FLOAT -> out.writeFloat((Float) value);
      case DOUBLE -> out.writeDouble((Double) value);
      case BYTE_ARRAY -> writeBytes(out, (byte[]) value);
      case SHORT_ARRAY -> writeSized(out, ((short[]) value).length).writeShorts((short[]) value);
      case CHAR_ARRAY -> writeSized(out, ((char[]) value).length).writeChars((char[]) value);
      case INT_ARRAY -> writeSized(out, ((int[]) value).length).writeInts((int[]) value);
      case LONG_ARRAY -> writeSized(out, ((long[]) value).length).writeLongs((long[]) value);
      case FLOAT_ARRAY -> writeSized(out, ((float[]) value).length).writeFloats((float[]) value);
      case DOUBLE_ARRAY -> writeSized(out, ((double[]) value).length).writeDoubles((double[]) value);
      case BOOLEAN_ARRAY ->
          writeSized(out, ((boolean[]) value).length).writeBooleans((boolean[]) value);
      case LIST, SET -> writeElements(out, (Collection<?>) value, depth);
      case MAP -> writeEntries(out, (Map<?, ?>) value, depth);
      case OPTIONAL -> write(out, ((Optional<?>) value).orElse(null), depth + 1);
      case ENUM -> writeEnum(out, (Enum<?>) value);
      default -> writeBuiltIn(out, tag, value);
    }
  }

  private static ByteOutput writeSized(ByteOutput out, int size) {
    out.writeSize(size);
    return out;
  }

  private static void writeBytes(ByteOutput out, byte[] values) {
    out.writeSize(values.length);
    out.writeBytes(values, 0, values.length);
  }

  private void writeElements(ByteOutput out, Collection<?> values, int depth) {
    // Copy first: size() and iteration must agree even if another thread adds to a concurrent
    // collection while we write.
    Object[] elements = values.toArray();
    out.writeSize(elements.length);
    for (Object element : elements) {
      write(out, element, depth + 1);
    }
  }

  private void writeEntries(ByteOutput out, Map<?, ?> map, int depth) {
    Object[] entries = map.entrySet().toArray();
    out.writeSize(entries.length);
    for (Object e : entries) {
      Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
      write(out, entry.getKey(), depth + 1);
      write(out, entry.getValue(), depth + 1);
    }
  }

  private static void writeEnum(ByteOutput out, Enum<?> value) {
    out.writeString(value.getDeclaringClass().getName());
    out.writeVarInt(value.ordinal());
  }

  @SuppressWarnings("unchecked")
  private static void writeBuiltIn(ByteOutput out, int tag, Object value) {
    ((Codec<Object>) BUILT_INS.get(tag)).write(out, value);
  }

  private static void writeObject(ByteOutput out, Object value) {
    Class<?> type = value.getClass();
    Codec<Object> codec = codecForWriting(type);
    out.writeVarInt(OBJECT);
    out.writeString(type.getName());
    out.writeFixedLong(codec.fingerprint());
    codec.write(out, value);
  }

  @SuppressWarnings("unchecked")
  private static Codec<Object> codecForWriting(Class<?> type) {
    try {
      return (Codec<Object>) Codecs.of(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(notTransferable(type), e);
    }
  }

  /** The message for a value of {@code type} in a type-variable position that has no codec. */
  static String notTransferable(Class<?> type) {
    String fix =
        type.isArray()
            ? "send a List instead, or wrap the array in a @Transferable record"
            : "annotate " + type.getName() + " with @Transferable (and compile it with "
                + "ferry-processor on the annotation processor path), or send a built-in type";
    return RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getName() + " has no generated codec: only "
        + "@Transferable types and built-in value types (strings, boxes, primitive arrays, "
        + "collections, java.time, UUID, BigInteger, BigDecimal) can be copied to another "
        + "process; " + fix + ".";
  }

  /**
   * Reads one value written by {@link #write}, which may be null.
   *
   * @throws TransferException if the bytes are truncated, malformed or nested too deeply, name a
   *     class this process does not have, or were written by another version of a type
   */
  @Override
  public Object read(ByteInput in) {
    in.enter();
    try {
      return readValue(in);
    } finally {
      in.exit();
    }
  }

  private Object readValue(ByteInput in) {
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
      case OPTIONAL -> Optional.ofNullable(read(in));
      case ENUM -> readEnum(in);
      case OBJECT -> readObject(in);
      default -> readBuiltIn(in, tag, at);
    };
  }

  private static Object readBuiltIn(ByteInput in, int tag, int at) {
    Codec<?> builtIn = BUILT_INS.get(tag);
    if (builtIn == null) {
      throw new TransferException(
          "unknown value kind " + Integer.toUnsignedString(tag) + " at offset " + at
              + ": the bytes are corrupt or were written by a newer version of Ferry");
    }
    return builtIn.read(in);
  }

  private static String readString(ByteInput in, String what) {
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
  private static int readNonNullSize(ByteInput in, int minBytesPerElement, String what) {
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

  private List<Object> readList(ByteInput in) {
    // Every element is at least its one-byte tag, so the size is bounded by the bytes left.
    int size = readNonNullSize(in, 1, "list");
    List<Object> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(read(in));
    }
    return list;
  }

  private Set<Object> readSet(ByteInput in) {
    int size = readNonNullSize(in, 1, "set");
    Set<Object> set = new LinkedHashSet<>(capacityFor(size));
    for (int i = 0; i < size; i++) {
      int at = in.offset();
      if (!set.add(read(in))) {
        throw new TransferException("duplicate set element at offset " + at);
      }
    }
    return set;
  }

  private Map<Object, Object> readMap(ByteInput in) {
    int size = readNonNullSize(in, 2, "map");
    Map<Object, Object> map = new LinkedHashMap<>(capacityFor(size));
    for (int i = 0; i < size; i++) {
      int at = in.offset();
      Object key = read(in);
      if (map.containsKey(key)) {
        throw new TransferException("duplicate map key at offset " + at);
      }
      map.put(key, read(in));
    }
    return map;
  }

  /** A hash table capacity that holds {@code size} entries without rehashing. */
  private static int capacityFor(int size) {
    return (int) Math.min(Integer.MAX_VALUE, size * 4L / 3 + 1);
  }

  private static Object readEnum(ByteInput in) {
    int at = in.offset();
    Class<?> type = resolve(readString(in, "enum class name"), at);
    if (!type.isEnum()) {
      throw new TransferException(
          type.getName() + " at offset " + at + " is not an enum in this process");
    }
    Object[] constants = ENUM_CONSTANTS.get(type);
    int ordinalAt = in.offset();
    int ordinal = in.readVarInt();
    if (ordinal < 0 || ordinal >= constants.length) {
      throw new TransferException(
          "ordinal " + Integer.toUnsignedString(ordinal) + " at offset " + ordinalAt
              + " is out of range for " + type.getName() + ", which has " + constants.length
              + " constants: the enum differs between writer and reader");
    }
    return constants[ordinal];
  }

  private static Object readObject(ByteInput in) {
    int at = in.offset();
    Class<?> type = resolve(readString(in, "class name"), at);
    Codec<?> codec;
    try {
      codec = Codecs.of(type);
    } catch (IllegalArgumentException e) {
      throw new TransferException(
          type.getName() + " at offset " + at + " has no generated codec in this process", e);
    }
    long fingerprint = in.readFixedLong();
    if (fingerprint != codec.fingerprint()) {
      throw Codecs.fingerprintMismatch(type, codec.fingerprint(), fingerprint);
    }
    return codec.read(in);
  }

  /**
   * Finds a class named on the wire without initializing it, so forged bytes cannot run the static
   * initializer of an arbitrary class on the class path.
   */
  private static Class<?> resolve(String name, int at) {
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
