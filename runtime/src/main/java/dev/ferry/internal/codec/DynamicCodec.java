package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
/**
 * The codec of members whose static type is a type variable, such as {@code value} in {@code
 * record Box<T>(T value)}: the value's runtime class decides the encoding.
 *
 * <p>Each value is a varint kind tag followed by the value's body (the tag table is in {@code
 * docs/wire-format.md}). Strings, boxes, primitive arrays and the {@link BuiltInCodecs} types use
 * their usual encoding; lists, sets, maps and optionals write their elements dynamically, and are
 * read back as {@link ArrayList}, {@link LinkedHashSet}, {@link LinkedHashMap} and {@link
 * Optional} in the order written (sorted sets and maps as {@link TreeSet} and {@link TreeMap} in
 * natural order, queues as {@link ArrayDeque}, enum sets and maps as such); an enum is its class
 * name, a fingerprint of its constants and its ordinal; any other value is a
 * {@code @Transferable} type, written as its class name, its codec's fingerprint and its codec's
 * body. Unlike other codecs this one accepts {@code null}, which has a tag of its own.
 *
 * <p>Reading resolves class names with the thread's context class loader, falling back to this
 * class's loader, without initializing the class; every value read counts one level of {@link
 * ByteInput#enter() depth}.
 *
 * <p>This class is the codec's face and its wire format: the tags, the {@link Codec} methods, and
 * the static calls generated codecs and the transport make. The work is done by {@link
 * DynamicKinds} (the tag of a class), {@link DynamicWriter}, {@link DynamicReader} and {@link
 * DynamicEnums} (how an enum is named on the wire).
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
  static final int URI_TAG = 35;
  static final int PATH = 36;
  static final int LOCALE = 37;
  static final int CURRENCY = 38;
  static final int OPTIONAL_INT = 39;
  static final int OPTIONAL_LONG = 40;
  static final int OPTIONAL_DOUBLE = 41;
  static final int BIT_SET = 42;
  static final int PERIOD = 43;
  static final int YEAR = 44;
  static final int YEAR_MONTH = 45;
  static final int MONTH_DAY = 46;
  static final int OFFSET_TIME = 47;
  static final int SORTED_SET = 48;
  static final int SORTED_MAP = 49;
  static final int QUEUE = 50;
  static final int ENUM_SET = 51;
  static final int ENUM_MAP = 52;
  static final int LINKED_LIST = 53;

  static {
    // The parts' tables are made with this class, as they were when they were its own: a first
    // tag or enum looked up under a full heap cannot leave a part's class unusable for the rest of
    // the process (a class whose static initializer failed is never initialized again).
    DynamicKinds.load();
    DynamicEnums.load();
  }

  private static final long FINGERPRINT = Fingerprints.of("dynamic");

  private DynamicCodec() {}

  /**
   * The class reading rebuilds a value of {@code type} as, when that class is not a {@code type}:
   * for a collection or map class other than the one decoding builds ({@code Vector}, whose
   * values come back as {@code ArrayList}s, as every list's but a {@code LinkedList}'s do); null
   * for any other type.
   */
  public static Class<?> rebuiltAsAnother(Class<?> type) {
    Class<?> built =
        switch (DynamicKinds.of(type)) {
          case LIST -> ArrayList.class;
          case SET -> LinkedHashSet.class;
          case MAP -> LinkedHashMap.class;
          case SORTED_SET -> TreeSet.class;
          case SORTED_MAP -> TreeMap.class;
          case QUEUE -> ArrayDeque.class;
          case LINKED_LIST -> LinkedList.class;
          default -> null;
        };
    return built == null || type.isAssignableFrom(built) ? null : built;
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }

  /**
   * Whether values of {@code type} are JDK values this codec writes with a tag of their own
   * (collections, maps, optionals, arrays, the built-in value types), rather than through an enum's
   * or a generated codec's name.
   */
  public static boolean writesItself(Class<?> type) {
    int tag = DynamicKinds.of(type);
    return tag != OBJECT && tag != ENUM;
  }

  /**
   * Writes {@code value}, which may be null, tagged with its kind. Every value counts one level of
   * {@link ByteOutput#enter depth}, as reading it counts one in {@link ByteInput#enter()}, so a
   * value nested deeper than a reader accepts (or a collection that contains itself) fails here,
   * at the sender.
   */
  @Override
  public void write(ByteOutput out, Object value) {
    DynamicWriter.write(out, value);
  }

  /**
   * Reads one value written by {@link #write}, which may be null.
   *
   * @throws TransferException if the bytes are truncated, malformed or nested too deeply, name a
   *     class this process does not have, or were written by another version of a type
   */
  @Override
  public Object read(ByteInput in) {
    return DynamicReader.read(in);
  }

  /**
   * Writes the class of {@code array}'s elements ({@code Class.getName()}: {@code java.lang.String},
   * or {@code [Ljava.lang.String;} for the outer array of a {@code T[][]}), for a member whose type
   * is an array of a type variable ({@code T[]} in {@code record Box<T>(T[] items)}): Java creates
   * such an array with the class the writer chose, which the reader cannot know from the
   * declaration, and a {@code Box<String>}'s {@code items()} must come back a {@code String[]}.
   */
  public static void writeComponentClass(ByteOutput out, Object[] array) {
    out.writeString(array.getClass().getComponentType().getName());
  }

  /**
   * Reads what {@link #writeComponentClass} wrote and creates an array of {@code size} elements of
   * that class, refusing a class that is not {@code bound} (the member's erased component type:
   * {@code Number} for {@code N[]} with {@code N extends Number}). The class is resolved as
   * dynamic values' classes are, without initializing it.
   */
  public static Object[] readComponentClass(ByteInput in, Class<?> bound, int size) {
    int at = in.offset();
    String name = in.readString();
    if (name == null) {
      throw new TransferException("null array element class at offset " + at);
    }
    Class<?> component = DynamicReader.resolve(name, at);
    if (component.isPrimitive() || !bound.isAssignableFrom(component)) {
      throw new TransferException(
          "the array element class at offset " + at + " is " + name + ", not a "
              + bound.getName() + ", the array's declared element type");
    }
    try {
      return (Object[]) java.lang.reflect.Array.newInstance(component, size);
    } catch (IllegalArgumentException e) { // more than 255 dimensions
      throw new TransferException(
          "the array element class at offset " + at + " (" + name + ") cannot be instantiated", e);
    }
  }

  /**
   * Stores {@code element} at {@code index} of an array made by {@link #readComponentClass},
   * refusing an element of another class (forged bytes) as a {@code TransferException} instead of
   * an {@code ArrayStoreException}.
   */
  public static void store(ByteInput in, Object[] array, int index, Object element) {
    Class<?> component = array.getClass().getComponentType();
    if (element != null && !component.isInstance(element)) {
      throw new TransferException(
          "the array element before offset " + in.offset() + " is a "
              + element.getClass().getName() + ", not a " + component.getName()
              + ", the class of its array");
    }
    array[index] = element;
  }
}
