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

import dev.ferry.ByteOutput;
import dev.ferry.Codec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * {@link DynamicCodec}'s writing: a value's tag (from {@link DynamicKinds}), then its body, the
 * elements of a collection, map or optional written again as dynamic values. What the reader
 * would refuse (a sorted set in another order than its natural one, a queue holding a null) is
 * refused here, before its tag is written, so the sender fails and not the receiver; a collection
 * another thread may change is written from a snapshot, so the size written is the number of
 * elements written. Static, as the codec has no state: nested values recurse through {@link
 * #write} here, as they did through the codec's own method.
 */
final class DynamicWriter {
  private DynamicWriter() {}

  /**
   * Writes {@code value}, which may be null, tagged with its kind; one level of {@link
   * ByteOutput#enter depth}. See {@link DynamicCodec#write}.
   */
  static void write(ByteOutput out, Object value) {
    out.enter(value == null ? "null" : value.getClass().getName());
    writeValue(out, value);
    out.exit();
  }

  private static void writeValue(ByteOutput out, Object value) {
    if (value == null) {
      out.writeVarInt(NULL);
      return;
    }
    int tag = DynamicKinds.of(value.getClass());
    if (tag == OBJECT) {
      writeObject(out, value); // the codec lookup may fail: write no tag before it succeeds
      return;
    }
    if (tag == ENUM_MAP) {
      writeEnumMap(out, (EnumMap<?, ?>) value); // writes its tag: ENUM_MAP, or MAP if it must
      return;
    }
    if (value instanceof Collection<?> values) {
      value = ConcurrentSnapshots.of(values); // before the checks, so they check what is written
    } else if (value instanceof Map<?, ?> map) {
      value = ConcurrentSnapshots.of(map);
    }
    switch (tag) { // before the tag: what the reader would refuse is not written
      case SORTED_SET -> RebuiltCollections.requireNaturalOrder((SortedSet<?>) value);
      case SORTED_MAP -> RebuiltCollections.requireNaturalOrder((SortedMap<?, ?>) value);
      case QUEUE -> RebuiltCollections.requireNoNull((Queue<?>) value);
      default -> {}
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
      case LIST, SET, SORTED_SET, QUEUE, LINKED_LIST -> writeElements(out, (Collection<?>) value);
      case MAP, SORTED_MAP -> writeEntries(out, (Map<?, ?>) value);
      case ENUM_SET -> DynamicEnums.writeEnumSet(out, (EnumSet<?>) value);
      case OPTIONAL -> write(out, ((Optional<?>) value).orElse(null));
      case ENUM ->
          DynamicEnums.writeEnum(
              out, ((Enum<?>) value).getDeclaringClass(), ((Enum<?>) value).ordinal());
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

  private static void writeElements(ByteOutput out, Collection<?> values) {
    // An array first, so that the size written is the number of elements written: a collection
    // another thread changes (a concurrent one was copied in writeValue) fails no read.
    Object[] elements = values.toArray();
    out.writeSize(elements.length);
    for (Object element : elements) {
      write(out, element);
    }
  }

  private static void writeEntries(ByteOutput out, Map<?, ?> map) {
    Object[] entries = map.entrySet().toArray();
    out.writeSize(entries.length);
    for (Object e : entries) {
      Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
      write(out, entry.getKey());
      write(out, entry.getValue());
    }
  }

  /**
   * An enum map: its enum, then its entries by ordinal, taken from a copy (its values array
   * cloned at once), which no other thread changes while it is counted and written. Read off the
   * map itself, one emptied by another thread after it was found not empty failed with an {@code
   * ArrayIndexOutOfBoundsException}, as did one that gained an entry while its {@code toArray}
   * filled an array of its former size (one that lost an entry left a null in it). An empty one is
   * {@link #writeEmptyEnumMap}'s.
   */
  private static void writeEnumMap(ByteOutput out, EnumMap<?, ?> map) {
    EnumMap<?, ?> copy = copyOf(map);
    List<Map.Entry<?, ?>> entries = new ArrayList<>();
    for (Map.Entry<?, ?> entry : copy.entrySet()) { // not toArray(): it trusts the copied size()
      entries.add(entry);
    }
    if (entries.isEmpty()) {
      copy.clear(); // its size() too, which its serialized form, read for its enum, trusts
      writeEmptyEnumMap(out, copy);
      return;
    }
    out.writeVarInt(ENUM_MAP);
    DynamicEnums.writeEnumClass(out, ((Enum<?>) entries.get(0).getKey()).getDeclaringClass());
    out.writeSize(entries.size());
    for (Map.Entry<?, ?> entry : entries) {
      out.writeVarInt(((Enum<?>) entry.getKey()).ordinal());
      write(out, entry.getValue());
    }
  }

  private static <K extends Enum<K>, V> EnumMap<K, V> copyOf(EnumMap<K, V> map) {
    return new EnumMap<>(map);
  }

  /**
   * An empty enum map: its enum, found by {@link DynamicEnums#keyTypeOf}, and size 0, so that it
   * comes back an {@code EnumMap} of that enum, as a non-empty one does. Before, it was written as
   * a plain map and came back a {@code LinkedHashMap}: a {@code Channel<EnumMap<Color, String>>}'s
   * receiver failed its cast, and {@code Codecs.decode} refused the bytes of an {@code EnumMap}.
   * It is given {@link #writeEnumMap}'s copy, a plain {@code EnumMap}, so a subclass whose own
   * state cannot be serialized tells its enum too; a map that cannot is written as a plain one.
   */
  private static void writeEmptyEnumMap(ByteOutput out, EnumMap<?, ?> map) {
    Class<?> keyType = DynamicEnums.keyTypeOf(map);
    if (keyType == null) {
      out.writeVarInt(MAP);
      out.writeSize(0);
      return;
    }
    out.writeVarInt(ENUM_MAP);
    DynamicEnums.writeEnumClass(out, keyType);
    out.writeSize(0);
  }

  @SuppressWarnings("unchecked")
  private static void writeBuiltIn(ByteOutput out, int tag, Object value) {
    ((Codec<Object>) DynamicKinds.BUILT_INS.get(tag)).write(out, value);
  }

  private static void writeObject(ByteOutput out, Object value) {
    Class<?> type = value.getClass();
    Codec<Object> codec = codecForWriting(type);
    out.writeVarInt(OBJECT);
    out.writeString(type.getName());
    out.writeFixedLong(OwnCodecs.fingerprint(codec));
    try {
      OwnCodecs.write(codec, out, value, type.getName());
    } catch (IllegalArgumentException e) {
      // An @InheritOnly record in a collection sent through a channel: its channel member refuses
      // to be written outside a spawn, naming dev.ferry.Channel; the type to name is the record's
      // (a spawn argument's writes succeed, and never come here).
      if (codec instanceof InheritOnlyCodec && RuntimeRules.isInheritOnlySent(e)) {
        IllegalArgumentException refused = RuntimeRules.inheritOnlySent(type.getName());
        refused.initCause(e);
        throw refused;
      }
      throw e;
    }
  }

  @SuppressWarnings("unchecked")
  private static Codec<Object> codecForWriting(Class<?> type) {
    try {
      return (Codec<Object>) OwnCodecs.of(type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(notTransferable(type), e);
    }
  }

  /**
   * The message for a value of {@code type} in a type-variable position that has no codec. The fix
   * is the one a type with no codec is told ({@link OwnCodecs#howToGiveACodec}): for a JDK class
   * (an Object or a Thread in a List) "annotate java.lang.Object with @Transferable" could not be
   * followed, nor for an anonymous or local class.
   */
  static String notTransferable(Class<?> type) {
    // howToGiveACodec's fix is sentences of its own
    String fix =
        type.isArray()
            ? "; send a List instead, or wrap the array in a @Transferable record."
            : ". " + OwnCodecs.howToGiveACodec(type);
    // getTypeName: an array as source writes it (java.lang.String[]), not as the JVM does
    return RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getTypeName() + " has no generated codec: only "
        + "@Transferable types and built-in value types (strings, boxes, primitive arrays, "
        + "collections, java.time, UUID, BigInteger, BigDecimal, URI, Path, Locale, Currency, "
        + "primitive optionals, BitSet) can be copied to another "
        + "process" + fix;
  }
}
