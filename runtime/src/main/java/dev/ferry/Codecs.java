package dev.ferry;

import dev.ferry.annotation.Sent;
import dev.ferry.internal.codec.DynamicCodec;
import dev.ferry.internal.codec.InheritOnlyCodec;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.codec.TypedDynamicCodec;
import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.Schemas;
import dev.ferry.internal.transport.ThreadBuffers;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Finds the codec of a type, and turns single values into self-checking byte arrays.
 *
 * <p>Lookup needs no classpath scan: the processor names the codec of {@code com.acme.Outer.Job}
 * {@code com.acme.Outer_Job_FerryCodec} and gives it a {@code public static final INSTANCE}; the
 * first lookup of a type resolves that name once through the type's own class loader and caches the
 * instance, so later lookups cost a {@link ClassValue} read and encoding uses no reflection at all.
 * Codecs that cannot live beside their type, those of classes imported with {@code
 * @TransferableImport} and hand-written ones ({@code @TransferableCodec}), are found next, in the
 * {@code META-INF/ferry/codecs} lists that each compilation writes ({@link
 * dev.ferry.internal.codec.CodecRegistry}). Values that a channel carries without a codec of their
 * own ({@code String}, a {@code List}) get the codecs the channel writes them with.
 */
public final class Codecs {
  /** The suffix of every generated codec's simple name. */
  public static final String CODEC_SUFFIX = "_FerryCodec";

  /** The one codec that does not live beside its type: dev.ferry holds only the user API. */
  private static final String CHANNEL_CODEC = "dev.ferry.internal.codec.Channel_FerryCodec";

  /** The id that starts every message about a value that cannot cross to another process. */
  static final String NOT_TRANSFERABLE = "[ferry:not-transferable] ";

  private Codecs() {}

  /**
   * The codec of {@code type}: generated for it, for an import of it, or hand-written; for a type
   * that a channel carries without one (a {@code String}, a boxed primitive, a JDK value type, a
   * collection, map, optional or primitive array, an enum without a codec beside it, an imported
   * one included), the codec a channel writes it with. {@code T} is {@link Sent}: the checker rejects a type that cannot cross
   * ({@code Codecs.of(Thread.class)}, {@code Codecs.of(Channel.class)}).
   *
   * @throws IllegalArgumentException if {@code type} has no codec (a class that extends a {@code
   *     @Transferable} class that is not final has none: that class's codec writes and reads only
   *     that class; a hand-written codec of a supertype is the codec of every subtype without one),
   *     or is a collection or map class that reading does not rebuild ({@code Vector}: every list
   *     but a {@code LinkedList} is read back as an {@code ArrayList}; ask for {@code List})
   * @throws IllegalStateException if two jars on the class path bring a codec each for {@code type}
   */
  @SuppressWarnings("unchecked")
  public static <@Sent T> Codec<T> of(Class<T> type) {
    if (type == null) {
      throw new NullPointerException("type == null");
    }
    Codec<Object> builtIn = MessageTypes.builtInCodecOf(type);
    if (builtIn != null) {
      requireReadBackAsItself(type);
      // DynamicCodec reads whatever its tag says: the caller gets one whose read checks the type.
      return builtIn == DynamicCodec.INSTANCE ? TypedDynamicCodec.of(type) : (Codec<T>) builtIn;
    }
    if (type.isArray()) {
      // A primitive array has a built-in codec; an array of objects (or of arrays) crosses only as
      // a member of a @Transferable type, where the member's type says what its elements are.
      throw new IllegalArgumentException(
          NOT_TRANSFERABLE + type.getTypeName() + " is an array of objects, which Ferry writes only"
              + " as a member of a @Transferable type, not as a value of its own: use a List, or"
              + " wrap the array in a @Transferable record.");
    }
    try {
      return (Codec<T>) OwnCodecs.ofExactly(type);
    } catch (IllegalArgumentException noCodec) {
      if (type.isEnum()) {
        return TypedDynamicCodec.of(type); // written by name, as a channel does
      }
      if (couldHoldOtherClasses(type)) {
        // decode(bytes, Object.class) was told that java.lang.Object_FerryCodec was not found and
        // to copy Object's state into a record: the fix is to name a class instead.
        throw new IllegalArgumentException(
            NOT_TRANSFERABLE + type.getName() + " has no codec. It could hold a value of any of"
                + " many classes, and a process that reads the bytes must know which class to"
                + " rebuild: ask for the class that was encoded (Codecs.decode(bytes, Job.class),"
                + " Codecs.of(Job.class)), or declare a sealed interface of @Transferable types.",
            noCodec);
      }
      throw noCodec;
    }
  }

  /**
   * Whether {@code type}, asked for by name, is the JDK's {@code Object} or one of its interfaces
   * or abstract classes that are not sealed ({@code Number}, {@code Runnable}), whose values may be
   * of many classes, none of which it names. (One of the user's may have a hand-written codec that
   * a shaded jar lost, which the general advice tells.)
   */
  private static boolean couldHoldOtherClasses(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader != null && loader != ClassLoader.getPlatformClassLoader()) {
      return false;
    }
    boolean abstractType =
        type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers());
    return type == Object.class
        || (abstractType && !type.isArray() && !type.isPrimitive() && !type.isSealed());
  }

  /**
   * Refuses a collection or map class that reading does not rebuild ({@code Vector}): its
   * codec's {@code read} would return an {@code ArrayList} where the caller's code expects a
   * {@code Vector}, failing a cast there, far from the cause, as the checker says of a {@code
   * Channel<Vector<String>>}.
   */
  private static void requireReadBackAsItself(Class<?> type) {
    Class<?> built = DynamicCodec.rebuiltAsAnother(type);
    if (built == null) {
      return;
    }
    Class<?> view = viewOf(type, built);
    throw new IllegalArgumentException(
        NOT_TRANSFERABLE + type.getName() + " is rebuilt by the reading process as every "
            + view.getSimpleName() + " is, as " + built.getName() + ", which cannot be cast to "
            + type.getName() + ". Fix: ask for " + view.getName() + " (Codecs.of("
            + view.getSimpleName() + ".class), Codecs.decode(bytes, " + view.getSimpleName()
            + ".class)) and copy the value into the class you need.");
  }

  /** The most specific collection or map interface {@code type} and {@code built} share. */
  private static Class<?> viewOf(Class<?> type, Class<?> built) {
    for (Class<?> view :
        List.of(List.class, SortedSet.class, Set.class, SortedMap.class, Map.class, Queue.class)) {
      if (view.isAssignableFrom(type) && view.isAssignableFrom(built)) {
        return view;
      }
    }
    return Collection.class;
  }

  private static Codec<?> ownCodec(Class<?> type) {
    return OwnCodecs.of(type);
  }

  /** The name the processor gives the codec of {@code type}, e.g. {@code a.b.Outer_Inner_FerryCodec}. */
  public static String codecClassName(Class<?> type) {
    if (type == null) {
      throw new NullPointerException("type == null");
    }
    if (type.isPrimitive() || type.isArray()) {
      // getPackageName() says "java.lang" for these, which does not prefix their names.
      throw new IllegalArgumentException(
          NOT_TRANSFERABLE + type.getName() + " is a primitive or array type, which has no "
              + "generated codec of its own: only @Transferable types can be copied to another "
              + "process on their own. Wrap it in a @Transferable record.");
    }
    if (type == Channel.class) {
      return CHANNEL_CODEC;
    }
    String packageName = type.getPackageName();
    String codec = nestedSimpleNames(type) + CODEC_SUFFIX;
    return packageName.isEmpty() ? codec : packageName + "." + codec;
  }

  /**
   * The simple names of {@code type} and the classes it is nested in, outermost first, joined with
   * {@code _}, as the processor names a codec: a {@code $} a simple name holds is kept ({@code
   * record Has$Dollar} has {@code Has$Dollar_FerryCodec}), so the binary name, where {@code $}
   * also parts nested names, does not tell it. Taken from the binary name, each {@code $} made
   * {@code _}, for a local or anonymous class, which has no codec.
   */
  private static String nestedSimpleNames(Class<?> type) {
    String name = type.getName();
    String packageName = type.getPackageName();
    String binary = packageName.isEmpty() ? name : name.substring(packageName.length() + 1);
    StringBuilder names = new StringBuilder();
    try {
      for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
        if (c.isLocalClass() || c.isAnonymousClass()) {
          return binary.replace('$', '_');
        }
        if (names.length() > 0) {
          names.insert(0, '_');
        }
        names.insert(0, c.getSimpleName());
      }
    } catch (LinkageError | InternalError malformed) {
      return binary.replace('$', '_'); // a class file whose nesting attributes do not agree
    }
    return names.toString();
  }

  /**
   * Encodes {@code value} with its class's codec, behind an 8-byte fingerprint of the type's
   * shape, so that {@link #decode} can tell bytes of another type or version from garbage. A value
   * that a channel carries without a codec of its class's own (a {@code String}, a {@code
   * List<Job>}) is written as a channel writes it, with its type named, behind a fixed
   * fingerprint. {@code value} is {@link Sent}: the checker rejects a value that cannot cross.
   *
   * @throws IllegalArgumentException if the value's class has no codec, if it nests too deeply,
   *     or if this process's heap cannot hold its encoding
   */
  public static byte[] encode(@Sent Object value) {
    if (value == null) {
      throw new NullPointerException("value == null");
    }
    Writer writer = WRITERS.get(transferredClass(value));
    PerThread thread = PER_THREAD.get();
    if (thread.encoding) {
      return encodeNested(thread, writer, value);
    }
    ByteOutput out = thread.spare;
    out.reset();
    thread.encoding = true;
    byte[] bytes;
    try {
      bytes = encodeInto(out, writer, value);
    } finally {
      thread.encoding = false;
    }
    if (!ThreadBuffers.mayKeep(out.array().length, MAX_SCRATCH_BYTES)) {
      thread.spare = new ByteOutput(); // a big value's buffer is not worth keeping
    }
    return bytes;
  }

  /**
   * An {@link #encode} called while the thread encodes another value (a hand-written codec that
   * encodes its parts): into an output of its own, one level below the output it is called from.
   */
  private static byte[] encodeNested(PerThread thread, Writer writer, Object value) {
    ByteOutput outer = thread.nested; // null: the top-level encode's, in thread.spare
    ByteOutput out = new ByteOutput();
    out.nestIn(outer != null ? outer : thread.spare, writer.typeName);
    thread.nested = out;
    try {
      return encodeInto(out, writer, value);
    } finally {
      thread.nested = outer;
    }
  }

  private static byte[] encodeInto(ByteOutput out, Writer writer, Object value) {
    try {
      out.writeFixedLong(writer.fingerprint);
      OwnCodecs.write(writer.codec, out, value, writer.typeName);
      return out.toByteArray();
    } catch (OutOfMemoryError e) {
      throw new IllegalArgumentException(
          RuntimeRules.withArticle(value.getClass().getTypeName())
              + " was not encoded: this process's heap ("
              + HeapLimit.described() + ") could not hold its encoding beside what it holds, after "
              + out.size() + " bytes of it; encode it in smaller parts, or give this process a"
              + " larger -Xmx",
          e);
    }
  }

  /**
   * The codec {@link #encode} writes a value of a class with (its enum, for an enum constant),
   * decided once per class: {@link #TAGGED} or the class's own, with its fingerprint. A class with no codec is not
   * cached (a {@code ClassValue} keeps no exception), so it fails the same way each time.
   */
  private static final ClassValue<Writer> WRITERS =
      new ClassValue<>() {
        @Override
        protected Writer computeValue(Class<?> type) {
          return new Writer(
              MessageTypes.isBuiltInOrDynamic(type) ? TAGGED : ownCodec(type), type.getName());
        }
      };

  /**
   * A class's codec for {@link #encode}, with the fingerprint it writes and the class's name, so
   * that an encode looks up its class once (each {@code ClassValue} lookup cost a few ns, a
   * percent of a small value's round trip).
   */
  private static final class Writer {
    final Codec<Object> codec;
    final long fingerprint;
    final String typeName;

    @SuppressWarnings("unchecked")
    Writer(Codec<?> codec, String typeName) {
      this.codec = (Codec<Object>) codec;
      this.fingerprint = OwnCodecs.fingerprint(codec);
      this.typeName = typeName;
    }
  }

  /**
   * A thread's output for {@link #encode}, kept between calls so that encoding a value costs one
   * array of its exact size, not a growing buffer and then a copy (for a batch of 1,000 small
   * messages, growing from 256 bytes was a third of the time); one that grew past 1 MiB is
   * replaced.
   *
   * <p>A codec that calls {@code encode} itself (a hand-written one encoding its parts) gets an
   * output of its own, which starts one level below the output it is called from ({@link
   * ByteOutput#nestIn}), so that values nested through such calls count toward the limit of 512
   * levels as values nested in one output do; {@code decode} does the same for the parts it reads
   * ({@link ByteInput#beginRead}). Each call used to start again at 0: a cycle of such values
   * overflowed the stack out of {@code encode}, and forged bytes nesting 20,000 parts out of
   * {@code decode}. A top-level encode, the common case, only sets {@link #encoding}: storing an
   * output's reference into this long-lived object at each call takes G1's full write barrier,
   * with a memory fence (about 4% of a small value's fresh round trip in a noisy A/B).
   */
  private static final class PerThread {
    ByteOutput spare = new ByteOutput();
    /** An encode is under way on this thread: {@link #spare} is in use. */
    boolean encoding;
    /** The output of the innermost nested encode under way, or null if none is. */
    ByteOutput nested;
  }

  private static final ThreadLocal<PerThread> PER_THREAD = ThreadLocal.withInitial(PerThread::new);

  private static final int MAX_SCRATCH_BYTES = 1 << 20;

  /**
   * The class whose codec writes {@code value}: an enum constant with a body is an instance of an
   * anonymous subclass, which has no codec of its own, so its enum's codec writes it.
   */
  private static Class<?> transferredClass(Object value) {
    return value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
  }

  /**
   * Decodes bytes written by {@link #encode} for a value of {@code type}: of that very class (which
   * is what {@code encode} writes a value as), or, for a sealed type, of any class it permits at any
   * depth, so that {@code decode(encode(new Shape.Circle(1)), Shape.class)} works; for a type a
   * channel carries without a codec of its own, such as {@code List}, of that type.
   *
   * @throws TransferException if the bytes are malformed, truncated, have bytes left over, or were
   *     written for another type or another version of this one; also when a codec's read throws
   *     another exception (a hand-written codec, or a factory it calls, refusing the bytes), which
   *     is then its cause, and the message names that codec
   * @throws IllegalArgumentException if {@code type} cannot be read back, as {@link #of} says, or
   *     is {@code @InheritOnly} ({@code [ferry:inherit-only-sent]}: {@link #encode} writes none)
   */
  @SuppressWarnings("unchecked")
  public static <@Sent T> T decode(byte[] bytes, Class<T> type) {
    if (bytes == null) {
      throw new NullPointerException("bytes == null");
    }
    if (type == null) {
      throw new NullPointerException("type == null");
    }
    Reader reader = READERS.get(type);
    if (reader.inheritOnly) {
      throw RuntimeRules.inheritOnlyDecoded(type.getName());
    }
    ByteInput in = new ByteInput(bytes);
    long fingerprint = in.readFixedLong();
    Codec<? extends T> written = (Codec<T>) reader.codec;
    long expected = reader.fingerprint;
    if (fingerprint != expected) {
      written = permittedCodec(type, fingerprint);
      if (written == null) {
        written = importedEnumCodec(type, fingerprint);
      }
      if (written == null) {
        throw fingerprintMismatch(type, expected, fingerprint);
      }
    }
    int enclosing = in.beginRead();
    T value;
    try {
      value = written == TAGGED ? written.read(in) : OwnCodecs.read(written, in, type.getName());
    } catch (TransferException e) {
      throw e;
    } catch (RuntimeException e) {
      // A hand-written codec's read (or a factory it calls) refused the bytes in its own words;
      // generated codecs say so themselves. Told as a channel's receive tells it.
      throw new TransferException(
          "cannot read a " + type.getTypeName() + ": " + thrower(e, written) + " threw " + e, e);
    } finally {
      in.endRead(enclosing);
    }
    if (written != TAGGED && in.remaining() > 0) {
      // Name the codec: a hand-written one whose write writes more than its read reads is the
      // usual cause, and ByteInput knows neither it nor the type.
      throw new TransferException(
          in.remaining() + " unread bytes after the value of " + type.getName() + " that "
              + written.getClass().getName() + " read, at offset " + in.offset() + ": the bytes"
              + " were written by another codec, or this codec's write writes more than its read"
              + " reads");
    }
    in.requireEnd();
    if (value != null && !type.isInstance(value)) {
      throw new TransferException(
          "the bytes hold a " + value.getClass().getTypeName() + ", not a " + type.getTypeName());
    }
    return value;
  }

  /**
   * The codec whose read threw {@code e}: the innermost {@code read} on its stack of a class that is
   * a {@link Codec} (a hand-written codec inside a generated one's value), else {@code codec}.
   * Only on this error path, so loading classes by name here costs nothing that matters.
   */
  private static String thrower(RuntimeException e, Codec<?> codec) {
    ClassLoader loader = codec.getClass().getClassLoader();
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getMethodName().equals("read")) {
        try {
          Class<?> at = Class.forName(frame.getClassName(), false, loader);
          if (Codec.class.isAssignableFrom(at)) {
            return at.getName();
          }
        } catch (ClassNotFoundException | LinkageError notACodec) {
          // a class of another loader: not one of the value's codecs
        }
      }
    }
    return codec.getClass().getName();
  }

  /**
   * The codec of a class that sealed {@code type} permits, directly or below, whose fingerprint is
   * {@code fingerprint}; null if there is none. Looked for only when the bytes are not of {@code
   * type} itself, and only among the permitted classes, so the set of classes the bytes may name
   * stays closed.
   */
  @SuppressWarnings("unchecked")
  private static <T> Codec<? extends T> permittedCodec(Class<T> type, long fingerprint) {
    Permitted permitted = PERMITTED.get(type);
    Codec<?> codec = permitted.codecs().get(fingerprint);
    if (codec == null && permitted.conflict() != null) {
      // The bytes may be of the class two jars bring a codec each for: say so, as Codecs.of does.
      throw new IllegalStateException(permitted.conflict().getMessage(), permitted.conflict());
    }
    return (Codec<? extends T>) codec;
  }

  /**
   * The codec of an import of enum {@code type} ({@link OwnCodecs#importOfEnum}) if the bytes carry
   * its fingerprint, else null: before such an import stopped being the enum's own codec, a process
   * that had it wrote an enum constant with it, and bytes it stored so still read back where the
   * import is.
   */
  @SuppressWarnings("unchecked")
  private static <T> Codec<? extends T> importedEnumCodec(Class<T> type, long fingerprint) {
    Codec<?> imported = OwnCodecs.importOfEnum(type);
    return imported != null && OwnCodecs.fingerprint(imported) == fingerprint
        ? (Codec<? extends T>) imported
        : null;
  }

  /**
   * The codecs of a sealed type's permitted classes by fingerprint, and the first class whose
   * codec two jars bring (which decoding the other classes does not need).
   */
  private record Permitted(Map<Long, Codec<?>> codecs, IllegalStateException conflict) {}

  /**
   * The codecs of the classes a sealed type permits, at any depth, by fingerprint (the first of
   * two with one fingerprint, in the order the classes are permitted); empty for another type.
   * Found once per type: {@code Class.getPermittedSubclasses} resolves every permitted class by
   * name on each call, and decoding a subtype's bytes as a sealed type of 200 subtypes took 11 to
   * 25 µs, against 0.1 µs as the subtype itself.
   */
  private static final ClassValue<Permitted> PERMITTED =
      new ClassValue<>() {
        @Override
        protected Permitted computeValue(Class<?> type) {
          Map<Long, Codec<?>> codecs = new HashMap<>();
          return new Permitted(codecs, addPermittedCodecs(type, codecs, null));
        }
      };

  /** Adds the codecs of the classes {@code type} permits; returns the first conflict, if any. */
  private static IllegalStateException addPermittedCodecs(
      Class<?> type, Map<Long, Codec<?>> codecs, IllegalStateException conflict) {
    if (!type.isSealed()) {
      return conflict;
    }
    for (Class<?> permitted : type.getPermittedSubclasses()) {
      if (!type.isAssignableFrom(permitted)) {
        continue; // cannot happen for a class the compiler accepted; keeps decode's casts sound
      }
      try {
        Codec<?> codec = codecIfAny(permitted);
        if (codec != null) {
          codecs.putIfAbsent(OwnCodecs.fingerprint(codec), codec);
        }
      } catch (IllegalStateException twoCodecs) {
        conflict = conflict == null ? twoCodecs : conflict;
      }
      conflict = addPermittedCodecs(permitted, codecs, conflict);
    }
    return conflict;
  }

  private static <T> Codec<T> codecIfAny(Class<T> type) {
    try {
      return of(type);
    } catch (IllegalArgumentException noCodec) {
      return null; // a sealed interface between type and its records may have no codec of its own
    }
  }

  /**
   * The codec {@link #decode} reads a {@code type} with, decided once per class: {@link #TAGGED}
   * or {@link #of}'s, with its fingerprint. A type with no codec is not cached (a {@code ClassValue} keeps no
   * exception), so it fails the same way each time.
   */
  private static final ClassValue<Reader> READERS =
      new ClassValue<>() {
        @Override
        protected Reader computeValue(Class<?> type) {
          requireReadBackAsItself(type);
          return new Reader(usesTags(type) ? TAGGED : of(type));
        }
      };

  /** A type's codec for {@link #decode}, with the fingerprint it expects (see {@link Writer}). */
  private static final class Reader {
    final Codec<?> codec;
    final long fingerprint;
    /**
     * Whether the codec is an {@code @InheritOnly} type's, which no bytes can hold. Decided here,
     * once per class: an {@code instanceof} of the interface in every decode cost a small value's
     * decode about a quarter of its time (48 against 65 ns, small fresh), most likely C2's check
     * of the interface against the codec class when the call site sees several codec classes.
     */
    final boolean inheritOnly;

    Reader(Codec<?> codec) {
      this.codec = codec;
      this.fingerprint = OwnCodecs.fingerprint(codec);
      this.inheritOnly = codec instanceof InheritOnlyCodec;
    }
  }

  /** Whether {@link #encode} writes values of {@code type} with their type named. */
  private static boolean usesTags(Class<?> type) {
    if (MessageTypes.builtInCodecOf(type) != null) {
      return true;
    }
    if (!type.isEnum()) {
      return false;
    }
    try {
      ownCodec(type);
      return false;
    } catch (IllegalArgumentException noCodec) {
      return true;
    }
  }

  /**
   * Writes a value whose codec has no fingerprint as a channel's spawn arguments are written, its
   * type named ({@link MessageTypes#writeTagged}); its fingerprint tells such bytes apart.
   */
  private static final Codec<Object> TAGGED =
      new Codec<>() {
        @Override
        public void write(ByteOutput out, Object value) {
          MessageTypes.writeTagged(out, value);
        }

        @Override
        public Object read(ByteInput in) {
          return MessageTypes.readTagged(in);
        }

        @Override
        public long fingerprint() {
          return 0x7461676765645f31L; // "tagged_1"
        }
      };

  /**
   * The exception for bytes written by a codec of another shape than the reader's: the
   * fingerprints, and the members this process's version of {@code type} has (the bytes do not
   * describe the writer's; a channel's announcement does, see {@code Schemas}). For a type with a
   * hand-written codec, whose shape Ferry does not know: the type and codec whose bytes they are,
   * where a registry here lists it, or that they were stored before {@link
   * OwnCodecs#fingerprint} mixed the type into them.
   */
  public static TransferException fingerprintMismatch(Class<?> type, long expected, long actual) {
    Codec<?> codec = ownCodecIfAny(type);
    String handWritten = codec == null ? null : OwnCodecs.handWrittenType(codec);
    if (handWritten == null) {
      TransferException anotherType = writtenForAnotherType(type, expected, actual);
      return anotherType != null
          ? anotherType
          : Schemas.mismatch(type, codec, expected, actual, null);
    }
    String codecName = codec.getClass().getName();
    if (actual == codec.fingerprint()) {
      return new TransferException(
          String.format(
              Locale.ROOT,
              "the bytes carry %016x, what %s.fingerprint() returns, where bytes of %s, the type"
                  + " it is the hand-written codec of, now carry %016x: they were stored before"
                  + " Ferry mixed the type a hand-written codec codes into its bytes' fingerprint"
                  + " (so that another type's codec with the same fingerprint() cannot read them),"
                  + " and are refused. Write them again with this version of Ferry",
              actual,
              codecName,
              handWritten,
              expected));
    }
    String reader =
        codecName + ", the hand-written codec of " + handWritten
            + String.format(Locale.ROOT, " (fingerprint %016x)", expected);
    Map.Entry<Class<?>, Codec<?>> writer = OwnCodecs.listedWithFingerprint(type, actual);
    String written =
        writer == null
            ? String.format(
                Locale.ROOT,
                "with the fingerprint %016x, by another codec, or by another version of it", actual)
            : String.format(
                Locale.ROOT,
                "for %s by its codec %s (fingerprint %016x)",
                writer.getKey().getName(),
                writer.getValue().getClass().getName(),
                actual);
    return new TransferException(
        "the bytes were not written by " + reader + ": they were written " + written + ". A"
            + " hand-written codec's fingerprint covers the type it codes, so bytes written for"
            + " one type are never read as another's; read them as the type they were written"
            + " for, or rebuild writer and reader from the same source");
  }

  /**
   * The exception for bytes that are plainly not of {@code type} in any version, or null if they
   * may be: bytes of a type whose codec a registry here lists with their fingerprint (bytes of a
   * {@code B} decoded as an {@code A}: a generated codec's fingerprint covers its type's name),
   * bytes of a value written with its type named (a {@code String} decoded as an {@code A}), or
   * any other bytes decoded as such a value. They were told as a schema mismatch, "written by a
   * different version of the type", and for a {@code String} listed its private fields as this
   * process's version of it.
   */
  private static TransferException writtenForAnotherType(
      Class<?> type, long expected, long actual) {
    Map.Entry<Class<?>, Codec<?>> writer = OwnCodecs.listedWithFingerprint(type, actual);
    if (writer != null) {
      return new TransferException(String.format(Locale.ROOT,
          "the bytes were written for %s (fingerprint %016x), not for %s (fingerprint %016x):"
              + " decode them as %s",
          writer.getKey().getName(), actual, type.getTypeName(), expected,
          writer.getKey().getSimpleName()));
    }
    if (actual == TAGGED.fingerprint()) {
      return new TransferException(String.format(Locale.ROOT,
          "the bytes hold a value written with its type named (fingerprint %016x: a String, a"
              + " boxed primitive, a JDK value, a collection, map, optional or primitive array, or"
              + " an enum with no codec of its own), not a %s, whose codec expects %016x: decode"
              + " them as the type they were written for",
          actual, type.getTypeName(), expected));
    }
    if (expected == TAGGED.fingerprint()) {
      return new TransferException(String.format(Locale.ROOT,
          "the bytes were not written for a %s: Codecs.encode writes one with its type named,"
              + " behind the fingerprint %016x, and these carry %016x, that of a type with a codec"
              + " of its own (or they are not Ferry's); decode them as the type they were"
              + " written for",
          type.getTypeName(), expected, actual));
    }
    return null;
  }

  /** The codec of {@code type}'s own, or null if it has none (or it cannot be used). */
  private static Codec<?> ownCodecIfAny(Class<?> type) {
    try {
      return OwnCodecs.of(type);
    } catch (RuntimeException none) {
      return null;
    }
  }
}
