package dev.ferry.internal.transport;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Channel;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.BuiltInCodecs;
import dev.ferry.internal.codec.DynamicCodec;
import dev.ferry.internal.codec.InheritOnlyCodec;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.codec.Scalars;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
/**
 * The process-wide table of the types of values that cross between processes, each with a small
 * id so that a message carries an id instead of a class name.
 *
 * <p>Ids below {@link #FIRST_USER_ID} are Ferry's built-in value types and are the same in every
 * process (the protocol version in every hello guards them). User types get the next free id the
 * first time this process sees them, either as a class (to write a value) or as a name and
 * fingerprint read off a connection (to store or read a value); a connection announces an id with
 * the class's name and fingerprint before its first use, so ids never need to agree between
 * processes. Codecs of types known only by name are resolved when a value is first read, through
 * the reading thread's context class loader.
 */
public final class MessageTypes {
  static final int NULL_ID = 0;
  static final int BYTES_ID = 10;
  static final int CHANNEL_ID = 40;
  /** Values that carry their own type: collections, maps, optionals, arrays, plain enums. */
  static final int DYNAMIC_ID = 41;
  static final int FIRST_USER_ID = 64;
  /** A connection that announces ids above this is forged or broken. */
  static final int MAX_ID = 1 << 16;
  /**
   * Ids kept for this process's own classes: types named by other processes may not take them,
   * so however many types holders bring in, this process can still send a new type of its own.
   */
  static final int KEPT_FOR_OWN_CLASSES = 4096;

  private static final Map<Class<?>, Entry> BUILT_IN_BY_CLASS = new HashMap<>();
  private static final Entry[] BUILT_IN_BY_ID = new Entry[FIRST_USER_ID];

  private static final ConcurrentHashMap<String, Entry> BY_KEY = new ConcurrentHashMap<>();
  private static volatile Entry[] byId = new Entry[256];
  private static int nextId = FIRST_USER_ID; // guarded by MessageTypes.class

  private static final ClassValue<Entry> BY_CLASS =
      new ClassValue<>() {
        @Override
        protected Entry computeValue(Class<?> type) {
          Entry builtIn = BUILT_IN_BY_CLASS.get(type);
          return builtIn != null ? builtIn : userType(type);
        }
      };

  static {
    // Classes only: each built-in codec is created on first use (see builtInCodec), so that a child
    // process does not load and verify two dozen codec classes before its first message.
    builtIn(1, String.class);
    builtIn(2, Integer.class);
    builtIn(3, Long.class);
    builtIn(4, Boolean.class);
    builtIn(5, Byte.class);
    builtIn(6, Short.class);
    builtIn(7, Character.class);
    builtIn(8, Float.class);
    builtIn(9, Double.class);
    builtIn(BYTES_ID, byte[].class);
    builtIn(11, int[].class);
    builtIn(12, long[].class);
    builtIn(13, double[].class);
    builtIn(20, Instant.class);
    builtIn(21, Duration.class);
    builtIn(22, LocalDate.class);
    builtIn(23, LocalTime.class);
    builtIn(24, LocalDateTime.class);
    builtIn(25, OffsetDateTime.class);
    builtIn(26, ZonedDateTime.class);
    builtIn(27, UUID.class);
    builtIn(28, BigInteger.class);
    builtIn(29, BigDecimal.class);
    builtIn(CHANNEL_ID, Channel.class);
    BUILT_IN_BY_ID[DYNAMIC_ID] = new Entry(DYNAMIC_ID, "dynamic", 0, null);
  }

  /** The codec of built-in type {@code id}. */
  @SuppressWarnings("unchecked")
  private static Codec<Object> builtInCodec(int id) {
    Codec<?> codec =
        switch (id) {
          case 1 -> StringCodec.INSTANCE;
          case 2 -> Scalars.INT;
          case 3 -> Scalars.LONG;
          case 4 -> Scalars.BOOLEAN;
          case 5 -> Scalars.BYTE;
          case 6 -> Scalars.SHORT;
          case 7 -> Scalars.CHAR;
          case 8 -> Scalars.FLOAT;
          case 9 -> Scalars.DOUBLE;
          case 10 -> Scalars.BYTES;
          case 11 -> Scalars.INTS;
          case 12 -> Scalars.LONGS;
          case 13 -> Scalars.DOUBLES;
          case 20 -> BuiltInCodecs.INSTANT;
          case 21 -> BuiltInCodecs.DURATION;
          case 22 -> BuiltInCodecs.LOCAL_DATE;
          case 23 -> BuiltInCodecs.LOCAL_TIME;
          case 24 -> BuiltInCodecs.LOCAL_DATE_TIME;
          case 25 -> BuiltInCodecs.OFFSET_DATE_TIME;
          case 26 -> BuiltInCodecs.ZONED_DATE_TIME;
          case 27 -> BuiltInCodecs.UUID;
          case 28 -> BuiltInCodecs.BIG_INTEGER;
          case 29 -> BuiltInCodecs.BIG_DECIMAL;
          case CHANNEL_ID -> Channel.CODEC;
          case DYNAMIC_ID -> DynamicCodec.INSTANCE;
          default -> throw new AssertionError("no built-in type " + id);
        };
    return (Codec<Object>) codec;
  }

  private MessageTypes() {}

  private static void builtIn(int id, Class<?> type) {
    Entry entry = new Entry(id, type.getName(), 0, null);
    BUILT_IN_BY_CLASS.put(type, entry);
    BUILT_IN_BY_ID[id] = entry;
  }

  /**
   * The entry for {@code value}'s class.
   *
   * @throws IllegalArgumentException ({@code [ferry:not-transferable]}) if it has no codec
   */
  static Entry of(Object value) {
    Class<?> type = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
    return BY_CLASS.get(type);
  }

  /**
   * Refuses a value whose class has no codec, as writing it would; a null or a handle passes. For
   * spawn arguments taken now and written later (a pool's initializer's, at its first task).
   *
   * @throws IllegalArgumentException ({@code [ferry:not-transferable]}) if it has no codec
   */
  public static void requireCodec(Object value) {
    if (value != null) {
      of(value);
    }
  }

  /** The entry of a value that is about to be sent: refuses handles. */
  public static Entry sendable(Object value) {
    if (value == null) {
      throw new NullPointerException("message == null");
    }
    Entry entry = of(value);
    if (entry.inheritOnly()) {
      throw RuntimeRules.inheritOnlySent(entry.name);
    }
    return entry;
  }

  /** The entry with {@code id}, or null if no such id is known in this process. */
  public static Entry byId(int id) {
    if (id > 0 && id < FIRST_USER_ID) {
      return BUILT_IN_BY_ID[id];
    }
    Entry[] table = byId;
    return id >= 0 && id < table.length ? table[id] : null;
  }

  /**
   * The longest type name another process may announce: far longer than any class's binary name
   * in a real program (the JVM allows 65,535 bytes), short enough that the types one connection
   * may announce, and those that enter this process's table, hold little of its heap.
   */
  public static final int MAX_NAME_CHARS = 2048;

  /**
   * Refuses a type name longer than {@link #MAX_NAME_CHARS} that {@code who} announced, which ends
   * its connection.
   */
  public static void checkAnnouncedName(String who, String name) {
    if (name != null && name.length() > MAX_NAME_CHARS) {
      throw new TransferException(
          who + " announced a message type whose name has " + name.length() + " characters,"
              + " more than the " + MAX_NAME_CHARS + " a type's name may have; the stream is corrupt"
              + " or was not written by Ferry");
    }
  }

  /** The entry for a user type named by another process, created unresolved if new. */
  public static Entry byName(String name, long fingerprint) {
    return byName(name, fingerprint, null);
  }

  /**
   * The entry for a user type another process announced with the description of its version
   * ({@link Schemas}), created unresolved if new; the description is kept for a mismatch's message.
   */
  public static Entry byName(String name, long fingerprint, String description) {
    Entry known = BY_KEY.get(key(name, fingerprint));
    Entry entry = known != null ? known : register(name, fingerprint, null, null);
    entry.announced(description);
    return entry;
  }

  /**
   * The entry a connection uses for a type its peer announced with {@code id}: this process's
   * entry if it knows the type, else one of the connection's own, outside this process's table.
   */
  static Entry forConnection(int id, String name, long fingerprint, String description) {
    Entry known = BY_KEY.get(key(name, fingerprint));
    if (known != null) {
      return known;
    }
    Entry entry = new Entry(id, name, fingerprint, null);
    entry.description = Schemas.cut(description); // the connection's own, from its host
    return entry;
  }

  /** How many user types this process's table holds; for tests. */
  static synchronized int userTypes() {
    return nextId - FIRST_USER_ID;
  }

  private static Entry userType(Class<?> type) {
    if (isSelfDescribing(type)) {
      return BUILT_IN_BY_ID[DYNAMIC_ID];
    }
    Codec<?> codec;
    try {
      codec = OwnCodecs.of(type);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("[ferry:")) {
        throw e;
      }
      throw RuntimeRules.notTransferable(type.getTypeName(), "has no generated codec");
    }
    @SuppressWarnings("unchecked")
    Codec<Object> objects = (Codec<Object>) codec;
    Entry entry = register(type.getName(), OwnCodecs.fingerprint(codec), objects, type);
    entry.description(); // once per type, here, not under the locks its announcements are sent in
    return entry;
  }

  /**
   * Whether {@link DynamicCodec} writes values of {@code type} with their own type tags: JDK
   * collections, maps and optionals (whatever their implementation class), arrays, the JDK value
   * types without a message id of their own (URI, Path, Locale, ...), and enums that
   * have no generated codec, all of which the checker accepts as sent values.
   */
  private static boolean isSelfDescribing(Class<?> type) {
    if (DynamicCodec.writesItself(type) || type.isArray()) {
      return true;
    }
    return type.isEnum() && !hasGeneratedCodec(type);
  }

  private static boolean hasGeneratedCodec(Class<?> type) {
    try {
      OwnCodecs.of(type);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static synchronized Entry register(
      String name, long fingerprint, Codec<Object> codec, Class<?> type) {
    String key = key(name, fingerprint);
    Entry entry = BY_KEY.get(key);
    if (entry == null) {
      if (nextId >= MAX_ID) {
        throw new IllegalStateException("more than " + MAX_ID + " message types in one process");
      }
      if (codec == null && nextId >= MAX_ID - KEPT_FOR_OWN_CLASSES) {
        throw new TransferException(
            "this process already knows " + (nextId - FIRST_USER_ID) + " message types; a message"
                + " of one more, " + name + ", is refused (the rest are kept for its own classes)");
      }
      entry = new Entry(nextId++, name, fingerprint, codec);
      entry.type = type;
      Entry[] table = byId;
      if (entry.id >= table.length) {
        table = Arrays.copyOf(table, table.length * 2);
      }
      table[entry.id] = entry;
      byId = table;
      BY_KEY.put(key, entry);
    } else if (codec != null) {
      entry.resolved(codec);
      entry.type = type;
    }
    return entry;
  }

  private static String key(String name, long fingerprint) {
    return name + '#' + Long.toHexString(fingerprint);
  }

  /**
   * The codec of a type that has no codec class of its own but crosses a channel all the same: a
   * built-in type's ({@code String}, {@code Integer}, {@code Instant}, ...), or {@link
   * DynamicCodec} for collections, maps, optionals, arrays and the other JDK value types; null for
   * any other type, an enum included (it may have a generated codec). {@code Codecs.of} falls back
   * on it.
   */
  public static Codec<Object> builtInCodecOf(Class<?> type) {
    Entry builtIn = BUILT_IN_BY_CLASS.get(type);
    if (builtIn != null && builtIn.id != CHANNEL_ID) {
      return builtIn.codec();
    }
    if (DynamicCodec.writesItself(type)) { // not an array of objects: it has no codec of its own
      return DynamicCodec.INSTANCE;
    }
    return null;
  }

  /**
   * Whether values of {@code type} (a value's class, or an enum constant's enum) are written with a
   * built-in codec or {@link DynamicCodec} rather than a codec of the class's own: {@link
   * #writeTagged} then names their type, which {@code Codecs.encode} needs since such codecs have
   * no fingerprint.
   *
   * @throws IllegalArgumentException ({@code [ferry:not-transferable]}) if it has no codec
   */
  public static boolean isBuiltInOrDynamic(Class<?> type) {
    Entry entry = BY_CLASS.get(type);
    return entry.id < FIRST_USER_ID && entry.id != CHANNEL_ID;
  }

  /** Writes a value with its type inline (for spawn arguments, where there is no connection). */
  public static void writeTagged(ByteOutput out, Object value) {
    if (value == null) {
      out.writeVarInt(NULL_ID);
      return;
    }
    Entry entry = of(value);
    out.writeVarInt(entry.id < FIRST_USER_ID ? entry.id : FIRST_USER_ID);
    if (entry.id >= FIRST_USER_ID) {
      out.writeString(entry.name);
      out.writeFixedLong(entry.fingerprint);
    }
    entry.write(out, value);
  }

  /** Reads a value written by {@link #writeTagged}. */
  public static Object readTagged(ByteInput in) {
    int id = in.readVarInt();
    if (id == NULL_ID) {
      return null;
    }
    Entry entry;
    if (id == FIRST_USER_ID) {
      String name = in.readString();
      if (name == null) {
        throw new TransferException("missing type name at offset " + in.offset());
      }
      entry = byName(name, in.readFixedLong());
    } else {
      entry = byId(id);
      if (entry == null || id > FIRST_USER_ID) {
        throw new TransferException("unknown type id " + id + " at offset " + in.offset());
      }
    }
    try {
      return entry.read(in);
    } catch (TransferException e) {
      throw entry.cannotRead(e);
    } catch (RuntimeException e) {
      throw new TransferException("cannot read a value of type " + entry.name + ": " + e, e);
    }
  }

  /** The most characters of other processes' type descriptions this process's table keeps. */
  static final long MAX_KEPT_DESCRIPTION_CHARS = 4 << 20;

  private static final java.util.concurrent.atomic.AtomicLong KEPT_DESCRIPTION_CHARS =
      new java.util.concurrent.atomic.AtomicLong();

  /** A type that crosses between processes: its id in this process, name, shape and codec. */
  public static final class Entry {
    public final int id;
    public final String name;
    final long fingerprint;
    private volatile Codec<Object> codec;
    /**
     * Whether {@link #codec} is an {@link InheritOnlyCodec}, decided as the codec is set: every send
     * asks ({@link #sendable}), and an {@code instanceof} against an interface per value cost a small
     * value's decode a quarter of its time when {@code Codecs.decode} asked it (commit 528576b).
     */
    private volatile boolean inheritOnly;
    private volatile TransferException failure;
    /** This process's class of a type it sends; null for one known by name only. */
    private volatile Class<?> type;
    /** The description of the type ({@link Schemas}): this process's or, if null, an announcer's. */
    private volatile String description;

    public Entry(int id, String name, long fingerprint, Codec<Object> codec) {
      this.id = id;
      this.name = name;
      this.fingerprint = fingerprint;
      setCodec(codec);
    }

    private void setCodec(Codec<Object> c) {
      inheritOnly = c instanceof InheritOnlyCodec;
      codec = c;
    }

    /** The fingerprint of the type's codec, as values carry it ({@link OwnCodecs#fingerprint}). */
    public long fingerprint() {
      return fingerprint;
    }

    boolean inheritOnly() {
      return id == CHANNEL_ID || inheritOnly;
    }

    /**
     * The description an announcement carries: {@link Schemas#describe} of this process's class,
     * computed once, as the class is registered ({@link #userType}); an announcer's for a type
     * known only by name; empty for one announced without it.
     */
    public String description() {
      String d = description;
      if (d == null) {
        Class<?> t = type;
        d = t != null ? Schemas.describe(t) : "";
        description = d;
      }
      return d;
    }

    /**
     * Keeps an announcer's description of a type this process knows by name only, while the
     * descriptions so kept take at most {@link #MAX_KEPT_DESCRIPTION_CHARS} in all: past that
     * (holders announcing thousands of types) a mismatch is told with this process's side alone.
     */
    void announced(String theirs) {
      if (description == null && type == null && theirs != null && !theirs.isEmpty()) {
        String kept = Schemas.cut(theirs);
        if (KEPT_DESCRIPTION_CHARS.addAndGet(kept.length()) <= MAX_KEPT_DESCRIPTION_CHARS) {
          description = kept;
        }
      }
    }

    void resolved(Codec<Object> found) {
      if (codec == null) {
        setCodec(found);
      }
    }

    /**
     * Reads one value with {@link #codec}, refusing a null a user type's codec (a hand-written
     * one) returns for bytes that hold a value, and a codec that no longer fits its classes
     * ({@link OwnCodecs#read}).
     */
    public Object read(ByteInput in) {
      Codec<Object> c = codec();
      return id < FIRST_USER_ID ? c.read(in) : OwnCodecs.read(c, in, name);
    }

    /** Writes {@code value} with {@link #codec}, as {@link OwnCodecs#write} checks it. */
    public void write(ByteOutput out, Object value) {
      OwnCodecs.write(codec(), out, value, name);
    }

    /** The codec, found by name the first time a value of a type known only by name is read. */
    public Codec<Object> codec() {
      Codec<Object> c = codec;
      if (c != null) {
        return c;
      }
      if (id < FIRST_USER_ID) {
        c = builtInCodec(id);
        setCodec(c);
        return c;
      }
      if (failure != null) {
        throw new TransferException(failure.getMessage(), failure);
      }
      try {
        c = resolve();
      } catch (TransferException e) {
        failure = e;
        throw e;
      }
      setCodec(c);
      return c;
    }

    @SuppressWarnings("unchecked")
    private Codec<Object> resolve() {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader == null) {
        loader = MessageTypes.class.getClassLoader();
      }
      Class<?> type;
      try {
        type = Class.forName(name, false, loader);
      } catch (ClassNotFoundException | LinkageError e) {
        throw new TransferException(
            "cannot read a message of type " + name + ": the class is not on this process's"
                + " class path (" + e + ")", e);
      }
      Codec<Object> found;
      try {
        found = (Codec<Object>) OwnCodecs.of(type);
      } catch (RuntimeException e) {
        throw new TransferException(
            "cannot read a message of type " + name + ": " + e.getMessage(), e);
      }
      long expected = OwnCodecs.fingerprint(found);
      if (expected != fingerprint) {
        throw Schemas.mismatch(type, found, expected, fingerprint, description);
      }
      return found;
    }

    /** Decodes one whole message body; bytes left over mean the writer and reader disagree. */
    public Object decode(byte[] bytes, int offset, int length) {
      ByteInput in = new ByteInput(bytes, offset, length);
      Object value;
      try {
        value = read(in);
      } catch (TransferException e) {
        throw cannotRead(e);
      } catch (RuntimeException e) {
        // A generated constructor or factory refused the values (e.g. a record's own checks).
        throw new TransferException(
            "cannot read a message of type " + name + ": " + e, e);
      }
      if (in.remaining() > 0) {
        // A codec that read short (a hand-written codec's mistake): say whose, as a pool does.
        throw new TransferException("cannot read a message of type " + name + ": "
            + OwnCodecs.readShort(in, value, "the value", "it is not returned").getMessage());
      }
      return value;
    }

    TransferException cannotRead(TransferException e) {
      String message = e.getMessage();
      if (message != null && message.contains(name)) {
        return e;
      }
      return new TransferException("cannot read a message of type " + name + ": " + message, e);
    }

    @Override
    public String toString() {
      return name + "#" + id;
    }
  }

  static final class StringCodec implements Codec<String> { // not private: see ConnectionClasses
    static final StringCodec INSTANCE = new StringCodec();

    @Override
    public void write(ByteOutput out, String value) {
      out.writeString(value);
    }

    @Override
    public String read(ByteInput in) {
      String s = in.readString();
      if (s == null) {
        throw new TransferException("null where a String was expected at offset " + in.offset());
      }
      return s;
    }

    @Override
    public long fingerprint() {
      return 0;
    }
  }
}
