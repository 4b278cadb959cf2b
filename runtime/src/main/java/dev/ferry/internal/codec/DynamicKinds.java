package dev.ferry.internal.codec;

import static dev.ferry.internal.codec.DynamicCodec.BIG_DECIMAL;
import static dev.ferry.internal.codec.DynamicCodec.BIG_INTEGER;
import static dev.ferry.internal.codec.DynamicCodec.BIT_SET;
import static dev.ferry.internal.codec.DynamicCodec.BOOLEAN;
import static dev.ferry.internal.codec.DynamicCodec.BOOLEAN_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.BYTE;
import static dev.ferry.internal.codec.DynamicCodec.BYTE_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.CHAR;
import static dev.ferry.internal.codec.DynamicCodec.CHAR_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.CURRENCY;
import static dev.ferry.internal.codec.DynamicCodec.DOUBLE;
import static dev.ferry.internal.codec.DynamicCodec.DOUBLE_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.DURATION;
import static dev.ferry.internal.codec.DynamicCodec.ENUM;
import static dev.ferry.internal.codec.DynamicCodec.ENUM_MAP;
import static dev.ferry.internal.codec.DynamicCodec.ENUM_SET;
import static dev.ferry.internal.codec.DynamicCodec.FLOAT;
import static dev.ferry.internal.codec.DynamicCodec.FLOAT_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.INSTANT;
import static dev.ferry.internal.codec.DynamicCodec.INT;
import static dev.ferry.internal.codec.DynamicCodec.INT_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.LINKED_LIST;
import static dev.ferry.internal.codec.DynamicCodec.LIST;
import static dev.ferry.internal.codec.DynamicCodec.LOCALE;
import static dev.ferry.internal.codec.DynamicCodec.LOCAL_DATE;
import static dev.ferry.internal.codec.DynamicCodec.LOCAL_DATE_TIME;
import static dev.ferry.internal.codec.DynamicCodec.LOCAL_TIME;
import static dev.ferry.internal.codec.DynamicCodec.LONG;
import static dev.ferry.internal.codec.DynamicCodec.LONG_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.MAP;
import static dev.ferry.internal.codec.DynamicCodec.MONTH_DAY;
import static dev.ferry.internal.codec.DynamicCodec.OBJECT;
import static dev.ferry.internal.codec.DynamicCodec.OFFSET_DATE_TIME;
import static dev.ferry.internal.codec.DynamicCodec.OFFSET_TIME;
import static dev.ferry.internal.codec.DynamicCodec.OPTIONAL;
import static dev.ferry.internal.codec.DynamicCodec.OPTIONAL_DOUBLE;
import static dev.ferry.internal.codec.DynamicCodec.OPTIONAL_INT;
import static dev.ferry.internal.codec.DynamicCodec.OPTIONAL_LONG;
import static dev.ferry.internal.codec.DynamicCodec.PATH;
import static dev.ferry.internal.codec.DynamicCodec.PERIOD;
import static dev.ferry.internal.codec.DynamicCodec.QUEUE;
import static dev.ferry.internal.codec.DynamicCodec.SET;
import static dev.ferry.internal.codec.DynamicCodec.SHORT;
import static dev.ferry.internal.codec.DynamicCodec.SHORT_ARRAY;
import static dev.ferry.internal.codec.DynamicCodec.SORTED_MAP;
import static dev.ferry.internal.codec.DynamicCodec.SORTED_SET;
import static dev.ferry.internal.codec.DynamicCodec.STRING;
import static dev.ferry.internal.codec.DynamicCodec.URI_TAG;
import static dev.ferry.internal.codec.DynamicCodec.UUID_TAG;
import static dev.ferry.internal.codec.DynamicCodec.YEAR;
import static dev.ferry.internal.codec.DynamicCodec.YEAR_MONTH;
import static dev.ferry.internal.codec.DynamicCodec.ZONED_DATE_TIME;
import static dev.ferry.internal.codec.DynamicCodec.ZONE_ID;

import dev.ferry.Codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Collection;
import java.util.Currency;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.UUID;

/**
 * {@link DynamicCodec}'s kind table: the tag a value's runtime class is written with, and the
 * codec of each built-in value type's tag. Kept apart from writing and reading because both
 * directions, and the questions other classes ask of a type ({@link DynamicCodec#writesItself},
 * {@link DynamicCodec#rebuiltAsAnother}), are answered from this one table; a class's tag is worked
 * out once and cached ({@link #TAGS}), so dispatch on write is one lookup.
 */
final class DynamicKinds {
  private DynamicKinds() {}

  /** Initializes this class: {@link DynamicCodec}'s static initializer calls it. */
  static void load() {}

  /** Built-in value types by tag, so that one table serves both directions. */
  static final Map<Integer, Codec<?>> BUILT_INS =
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
          Map.entry(BIG_DECIMAL, BuiltInCodecs.BIG_DECIMAL),
          Map.entry(URI_TAG, BuiltInCodecs.URI),
          Map.entry(PATH, BuiltInCodecs.PATH),
          Map.entry(LOCALE, BuiltInCodecs.LOCALE),
          Map.entry(CURRENCY, BuiltInCodecs.CURRENCY),
          Map.entry(OPTIONAL_INT, BuiltInCodecs.OPTIONAL_INT),
          Map.entry(OPTIONAL_LONG, BuiltInCodecs.OPTIONAL_LONG),
          Map.entry(OPTIONAL_DOUBLE, BuiltInCodecs.OPTIONAL_DOUBLE),
          Map.entry(BIT_SET, BuiltInCodecs.BIT_SET),
          Map.entry(PERIOD, BuiltInCodecs.PERIOD),
          Map.entry(YEAR, BuiltInCodecs.YEAR),
          Map.entry(YEAR_MONTH, BuiltInCodecs.YEAR_MONTH),
          Map.entry(MONTH_DAY, BuiltInCodecs.MONTH_DAY),
          Map.entry(OFFSET_TIME, BuiltInCodecs.OFFSET_TIME));

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
    tags.put(URI.class, URI_TAG);
    tags.put(Locale.class, LOCALE);
    tags.put(Currency.class, CURRENCY);
    tags.put(OptionalInt.class, OPTIONAL_INT);
    tags.put(OptionalLong.class, OPTIONAL_LONG);
    tags.put(OptionalDouble.class, OPTIONAL_DOUBLE);
    tags.put(BitSet.class, BIT_SET);
    tags.put(Period.class, PERIOD);
    tags.put(Year.class, YEAR);
    tags.put(YearMonth.class, YEAR_MONTH);
    tags.put(MonthDay.class, MONTH_DAY);
    tags.put(OffsetTime.class, OFFSET_TIME);
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

  /** The tag values of {@code type} are written with, from the cache. */
  static int of(Class<?> type) {
    return TAGS.get(type);
  }

  private static int tagOf(Class<?> type) {
    Integer exact = EXACT_TAGS.get(type);
    if (exact != null) {
      return exact;
    }
    int kind = kindOf(type);
    return kind != OBJECT && kind != ENUM && hasCodecOfItsOwn(type) ? OBJECT : kind;
  }

  /** The tag of a class {@link #EXACT_TAGS} does not hold, by the JDK type it is a kind of. */
  private static int kindOf(Class<?> type) {
    // Collections before user types: a JDK collection never has a generated codec, and looking
    // one up by name for every ArrayList would cost a failed class load each time (a class of
    // one's own is asked once, hasCodecOfItsOwn).
    if (List.class.isAssignableFrom(type)) {
      // A LinkedList is a List and a Deque, and may reach a receiver declared either way
      // (Channel<Deque<String>>): read back as an ArrayList, it failed the cast there.
      return Queue.class.isAssignableFrom(type) ? LINKED_LIST : LIST;
    }
    if (EnumSet.class.isAssignableFrom(type)) {
      return ENUM_SET;
    }
    if (SortedSet.class.isAssignableFrom(type)) {
      return SORTED_SET;
    }
    if (Set.class.isAssignableFrom(type)) {
      return SET;
    }
    if (EnumMap.class.isAssignableFrom(type)) {
      return ENUM_MAP;
    }
    if (SortedMap.class.isAssignableFrom(type)) {
      return SORTED_MAP;
    }
    if (Map.class.isAssignableFrom(type)) {
      return MAP;
    }
    if (Queue.class.isAssignableFrom(type)) {
      return QUEUE; // an ArrayDeque, LinkedBlockingQueue, ...: read back as an ArrayDeque
    }
    if (Collection.class.isAssignableFrom(type)) {
      return LIST; // e.g. Map.values(): a sequence is all the reader can rebuild
    }
    if (Path.class.isAssignableFrom(type)) {
      return PATH; // the default file system's UnixPath or WindowsPath
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

  /**
   * Whether {@code type}, a class that is not the JDK's but is a kind of a JDK type this codec
   * writes by its own tag (a collection, a map, a {@code BigInteger}, a {@code Path}), has a codec
   * of its own: a {@code @Transferable} class that extends {@code AbstractList}, a class a
   * hand-written codec codes that extends {@code BigInteger}. Such a value is written by that
   * codec, as the checker takes it to be (it lets a {@code Channel<Bag>} compile for a {@code
   * @Transferable} {@code Bag} that is a {@code List}), and as it is written as a member; written
   * by the JDK type's tag, it came back a JDK {@code ArrayList} or {@code BigInteger}, which failed
   * the receiver's cast ({@code ClassCastException} at {@code receive}). Asked once per class
   * ({@link #TAGS}); JDK classes are never asked. Enums are written by name, with or without one.
   */
  private static boolean hasCodecOfItsOwn(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      return false;
    }
    try {
      OwnCodecs.of(type);
      return true;
    } catch (IllegalArgumentException none) {
      return false;
    } catch (IllegalStateException unusable) {
      return true; // two codecs, or one that cannot be had: writing it says so
    }
  }
}
