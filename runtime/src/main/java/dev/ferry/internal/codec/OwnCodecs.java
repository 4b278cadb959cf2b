package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The codec of a class's own: generated beside it (found by {@link Codecs#codecClassName}),
 * imported or written by hand (listed in {@link CodecRegistry}), resolved once per class and
 * cached. Unlike {@link Codecs#of}, it does not fall back on the codecs a channel uses for types
 * that have none (built-in types, {@link DynamicCodec}): the runtime's own lookups, which decide
 * between those and a class's codec, use this.
 */
public final class OwnCodecs {
  private static final ClassValue<Codec<?>> CODECS =
      new ClassValue<>() {
        @Override
        protected Codec<?> computeValue(Class<?> type) {
          return load(type);
        }
      };

  private OwnCodecs() {}

  /**
   * The codec of {@code type}'s own.
   *
   * @throws IllegalArgumentException ({@code [ferry:not-transferable]}) if it has none
   * @throws IllegalStateException if two jars on the class path bring a codec each for it
   */
  public static Codec<?> of(Class<?> type) {
    return CODECS.get(type);
  }

  /**
   * {@link #of}, refusing the generated (or imported) codec of a supertype: {@link #of} finds the
   * codec a registry lists for a supertype, so that a hand-written {@code Codec<Animal>} writes a
   * {@code Dog}, and so that a subclass of a {@code @Transferable} class that is not final is
   * refused, naming both, when a value of it is written. Asked for by type ({@code Codecs.of},
   * {@code Codecs.decode}, a Kafka or Hazelcast serializer's type), such a codec writes no value
   * of the subclass and reads only the supertype's: {@code Codecs.of(Sub.class)} returned {@code
   * Base}'s codec as a {@code Codec<Sub>} whose read gave a {@code Base}, and {@code
   * FerrySerde.of(Sub.class)} handed consumers {@code Base}s typed {@code Sub}.
   *
   * @throws IllegalArgumentException ({@code [ferry:not-transferable]}) for such a codec, or as
   *     {@link #of}
   */
  public static Codec<?> ofExactly(Class<?> type) {
    Codec<?> codec = of(type);
    if (!INHERITED.get(type) || handWrittenType(codec) != null) {
      return codec;
    }
    String prefix = RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getName()
        + " has no codec of its own. ";
    Class<?> owner = supertypeWith(type, codec);
    if (owner == null || type.isAnonymousClass()) { // an enum constant's body: ask for its enum
      throw new IllegalArgumentException(prefix + howToGiveACodec(type));
    }
    String simple = owner.getSimpleName();
    throw new IllegalArgumentException(
        prefix + "The codec found for it, " + codec.getClass().getName() + ", is that of its"
            + " supertype " + owner.getName() + ", which writes only "
            + RuntimeRules.withArticle(simple) + " itself ("
            + RuntimeRules.withArticle(type.getSimpleName()) + "'s own fields would not arrive)"
            + " and reads only " + RuntimeRules.withArticle(simple) + ": ask for " + simple
            + " (Codecs.of(" + simple + ".class), Codecs.decode(bytes, " + simple
            + ".class)), and send " + RuntimeRules.withArticle(simple) + " itself, or make "
            + simple + " sealed with @Transferable subclasses.");
  }

  /**
   * Whether {@link #of} gives a class, which has a codec, that of a supertype ({@link
   * #listedCodecOfSupertype}): none is generated beside it by name and no registry lists one for
   * it. Decided once per class, after {@link #of} found its codec.
   */
  private static final ClassValue<Boolean> INHERITED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          try {
            Class.forName(Codecs.codecClassName(type), false, type.getClassLoader());
            return false;
          } catch (ClassNotFoundException notBesideIt) {
            return CodecRegistry.find(type).isEmpty();
          }
        }
      };

  /** The nearest supertype of {@code type} that a registry lists {@code codec} for, or null. */
  private static Class<?> supertypeWith(Class<?> type, Codec<?> codec) {
    Deque<Class<?>> pending = new ArrayDeque<>(supertypes(type));
    while (!pending.isEmpty()) {
      Class<?> supertype = pending.removeFirst();
      if (CodecRegistry.find(supertype).orElse(null) == codec) {
        return supertype;
      }
      pending.addAll(supertypes(supertype));
    }
    return null;
  }

  /**
   * The fingerprint bytes of {@code codec}'s values carry, and a reader checks: a generated codec's
   * own (its shape names its type), and a hand-written codec's ({@code @TransferableCodec}) mixed
   * with {@code "codec of " + } the binary name of the type it is listed for. A hand-written
   * codec's {@code fingerprint()} is its author's choice, often a constant or {@code 0}, and says
   * nothing of the type: without its type, bytes one such codec wrote for an {@code A} read as a
   * {@code B} whose codec had the same fingerprint, as whatever {@code B}'s read made of them.
   * Everything that writes or checks a fingerprint of a type's own codec ({@link Codecs}, {@link
   * DynamicCodec}, the message-type tables, Kafka's and Hazelcast's serializers) asks this, never
   * {@code codec.fingerprint()}; generated codecs that hold a hand-written codec's type mix in its
   * {@code fingerprint()} as it is, their own shape naming that type already.
   */
  public static long fingerprint(Codec<?> codec) {
    long own = codec.fingerprint();
    HandWritten handWritten = HAND_WRITTEN.get(codec.getClass());
    return handWritten == NOT_HAND_WRITTEN ? own : Fingerprints.mix(own, handWritten.typeHash());
  }

  /**
   * The binary name of the type {@code codec} is the hand-written codec of, as a registry lists it,
   * or null for any other codec (generated, built in, or not listed).
   */
  public static String handWrittenType(Codec<?> codec) {
    return HAND_WRITTEN.get(codec.getClass()).type();
  }

  /**
   * The type, and its codec, that a registry {@code near}'s class loader sees (the context class
   * loader's, for a JDK type) lists with a codec whose {@link #fingerprint} is {@code fingerprint};
   * null if none does. It loads every listed class: for the message of bytes a reader refuses.
   */
  public static Map.Entry<Class<?>, Codec<?>> listedWithFingerprint(
      Class<?> near, long fingerprint) {
    ClassLoader loader = near.getClassLoader();
    if (loader == null) {
      loader = Thread.currentThread().getContextClassLoader();
    }
    if (loader == null) {
      loader = ClassLoader.getSystemClassLoader();
    }
    try {
      for (Map.Entry<Class<?>, Codec<?>> listed : CodecRegistry.usable(loader).entrySet()) {
        if (hasFingerprint(listed.getValue(), fingerprint)) {
          return listed;
        }
      }
    } catch (RuntimeException | LinkageError unreadable) {
      // A registry on the class path that cannot be read: the caller tells the fingerprints alone.
    }
    return null;
  }

  /** Whether {@code codec}'s bytes carry {@code fingerprint}; false if its fingerprint() throws. */
  private static boolean hasFingerprint(Codec<?> codec, long fingerprint) {
    try {
      return fingerprint(codec) == fingerprint;
    } catch (RuntimeException | LinkageError broken) {
      return false; // another codec's fault must not hide the one the message names
    }
  }

  /** A hand-written codec's type, and the hash of {@code "codec of " + type} its bytes carry. */
  private record HandWritten(String type, long typeHash) {}

  private static final HandWritten NOT_HAND_WRITTEN = new HandWritten(null, 0);

  /**
   * Which codec classes are hand-written, and of what type: a registry lists hand-written and
   * generated codecs alike, and a generated one is told by its shape ({@link
   * CodecRegistry#handWrittenType}). Decided once per codec class, from the registries alone, so
   * a codec gets one fingerprint whichever way it was found (by name, by registry, or as a
   * generated codec's member).
   */
  private static final ClassValue<HandWritten> HAND_WRITTEN =
      new ClassValue<>() {
        @Override
        protected HandWritten computeValue(Class<?> codecClass) {
          String type = CodecRegistry.handWrittenType(codecClass);
          return type == null
              ? NOT_HAND_WRITTEN
              : new HandWritten(type, Fingerprints.of("codec of " + type));
        }
      };

  /**
   * Reads a value of {@code typeName} with {@code codec}, a user type's, as {@link #readBack}
   * checks it: a null is refused, and so is a codec that no longer fits the classes it calls
   * ({@link #stale}). The {@code AssertionError} of an {@code assert} that validates, in a
   * hand-written read or the factory it calls, refuses the bytes as a generated codec's
   * constructor does ({@code CodecGenerator.refusingInvalid}): it left {@code Codecs.decode} and
   * a channel's {@code receive} as itself, where bytes that make no value are a {@code
   * TransferException}.
   */
  public static <T> T read(Codec<T> codec, ByteInput in, String typeName) {
    try {
      return readBack(codec.read(in), codec, typeName);
    } catch (AssertionError e) {
      throw new TransferException(
          "cannot read a " + typeName + ": its codec " + codec.getClass().getName() + " threw " + e
              + " (an assert that refused the bytes)",
          e);
    } catch (IncompatibleClassChangeError e) {
      throw new TransferException(stale(codec, typeName, e), e);
    } catch (NoClassDefFoundError e) {
      throw new TransferException(missing(codec, typeName, e), e);
    } catch (ExceptionInInitializerError e) {
      throw new TransferException(initializerFailed(codec, typeName, e), e);
    }
  }

  /**
   * Writes {@code value} with {@code codec}, refusing with an {@code IllegalStateException} a codec
   * that no longer fits the classes it calls ({@link #stale}), and with an {@code
   * IllegalArgumentException} a value that holds an object its declared types do not allow
   * ({@link #polluted}).
   */
  public static <T> void write(Codec<T> codec, ByteOutput out, T value, String typeName) {
    try {
      codec.write(out, value);
    } catch (ClassCastException e) {
      throw new IllegalArgumentException(polluted(typeName, e), e);
    } catch (IncompatibleClassChangeError e) {
      throw new IllegalStateException(stale(codec, typeName, e), e);
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException(missing(codec, typeName, e), e);
    } catch (ExceptionInInitializerError e) {
      throw new IllegalStateException(initializerFailed(codec, typeName, e), e);
    }
  }

  /**
   * What a send, encode or task whose value holds an object of a class its declared type does not
   * allow tells its caller: a {@code List<Job>} member holding a {@code String}, put there through
   * a raw type or an unchecked cast, which javac let pass with a warning and the checker cannot
   * see. A generated codec casts each element to its declared type, and the bare {@code
   * ClassCastException} left {@code send}, {@code Codecs.encode}, a pool's {@code submit} and
   * {@code spawn} naming neither the value being sent nor the rule; nothing was written to a
   * peer, and the channel or pool goes on.
   */
  private static String polluted(String typeName, ClassCastException e) {
    return "[" + RuntimeRules.NOT_TRANSFERABLE + "] " + RuntimeRules.withArticle(typeName)
        + " cannot be written: it holds an object of a class its declared type does not allow ("
        + e.getMessage() + "), put there through a raw type or an unchecked cast (javac warns"
        + " 'unchecked' there); its codec writes each member as the type it declares, which the"
        + " receiving process rebuilds. Nothing was sent or encoded. Fix: keep only values of the"
        + " declared types in it";
  }

  /**
   * What a codec that is the first to use a class whose static initializer throws in this process
   * tells its caller. The JVM's error has no message of its own, and came out of a channel's
   * receive as it was, an Error, where every later receive of the type was told as a {@link
   * TransferException} ({@link #missing}, 'Could not initialize class'); a pool's task said only
   * 'its codec's read threw java.lang.ExceptionInInitializerError'.
   */
  private static String initializerFailed(
      Codec<?> codec, String typeName, ExceptionInInitializerError e) {
    Throwable cause = e.getCause();
    String threw;
    String where = "a class";
    try {
      threw = String.valueOf(cause);
      for (StackTraceElement frame : cause == null ? new StackTraceElement[0] : cause.getStackTrace()) {
        if ("<clinit>".equals(frame.getMethodName())) {
          where = frame.getClassName();
          break;
        }
      }
    } catch (RuntimeException | Error failed) { // a user's exception whose toString throws
      threw = cause.getClass().getName();
    }
    return "the codec " + codec.getClass().getName() + " of " + typeName + ", or one it calls,"
        + " uses " + where + ", whose static initializer threw in this process (" + threw + "): a"
        + " value is made again in each process that reads it, and its classes initialized there;"
        + " make the initializer work in every process that reads or writes " + typeName;
  }

  /**
   * What a codec that calls a constructor, accessor or field its class no longer has (the JVM's
   * {@code NoSuchMethodError}, {@code NoSuchFieldError}, any {@code IncompatibleClassChangeError})
   * tells its caller: it was generated against another version of a class it writes, as an import
   * is when the library's jar is upgraded without compiling the importer again. The JVM's error
   * names the member but not the codec, the type or the fix, and an Error ends a Kafka consumer's
   * loop where an unreadable record does not.
   */
  private static String stale(Codec<?> codec, String typeName, IncompatibleClassChangeError e) {
    return "the codec " + codec.getClass().getName() + " of " + typeName + ", or one it calls,"
        + " does not fit the classes on this class path (" + e + "): a codec is generated"
        + " against the classes its compilation saw, and one of them has changed since, as when a"
        + " library's jar is upgraded without compiling the types that use its classes again."
        + " Compile them again against the jars they run with";
  }

  /** The tail of a generated codec's name: {@code lib.Invoice_FerryCodec}. */
  private static final String CODEC_SUFFIX = "_FerryCodec";

  /**
   * What a codec that calls a class this class path lacks (the JVM's {@code NoClassDefFoundError})
   * tells its caller. A generated codec calls the codecs of the types it holds directly, each
   * generated where its type was compiled: a library's jar built without Ferry's processor has the
   * types but not their codecs, and the JVM's error names a class the user never wrote, from inside
   * {@code Codecs.encode}, a channel's send or receive, or a Kafka consumer's loop.
   */
  private static String missing(Codec<?> codec, String typeName, NoClassDefFoundError e) {
    String absent = String.valueOf(e.getMessage()).replace('/', '.');
    if (absent.contains(" ")) {
      // "Could not initialize class lib.Money": the class is there, its static initializer failed
      return "the codec " + codec.getClass().getName() + " of " + typeName + ", or one it calls,"
          + " uses a class that failed to initialize (" + e + "); see where it first failed";
    }
    String prefix =
        "the codec " + codec.getClass().getName() + " of " + typeName + ", or one it calls, needs"
            + " the class " + absent + ", which is not on this class path (" + e + "): ";
    if (!absent.endsWith(CODEC_SUFFIX)) {
      return prefix + "put the jar that holds " + absent + " on the class path, as when "
          + typeName + " was compiled";
    }
    return prefix + "that codec is generated beside its type when the type is compiled, and the"
        + " jar here that holds the type was built without ferry-processor on its annotation"
        + " processor path, or is not the jar "
        + typeName + " was compiled against. Build that jar with ferry-processor, or run with the"
        + " jar " + typeName + " was compiled against";
  }

  /**
   * {@code value}, which {@code codec}'s read returned for bytes that hold a value: its write took
   * a value that is never null (Ferry marks a null itself, before a codec's bytes), so a null read
   * back would reach the receiver in place of what was sent. Only a hand-written codec's read can
   * return one; generated codecs and Ferry's runtime check what such a codec gives them with this.
   *
   * @throws TransferException naming the codec and {@code typeName}, if {@code value} is null
   */
  public static <T> T readBack(T value, Codec<?> codec, String typeName) {
    if (value == null) {
      throw new TransferException(
          "the codec " + codec.getClass().getName() + " of " + typeName + " returned null from"
              + " read, for bytes that"
              + " hold a value its write wrote (a codec never writes a null: Ferry marks one"
              + " itself): the receiver would get null in place of what was sent. Return the value"
              + " read, or throw a TransferException for bytes that make none");
    }
    return value;
  }

  /**
   * The exception for bytes left in {@code in} after {@code count} values read back to back with
   * no length of their own (a task's or a child's arguments, a chunk's inputs), {@code what}
   * naming them: a codec whose read took fewer bytes than its write wrote (a hand-written codec's
   * mistake, at any depth of one of them) leaves them, and the values after it were read from its
   * bytes. {@code so} says what was therefore not done.
   */
  public static TransferException readShort(ByteInput in, int count, String what, String so) {
    return readShort(in, what, so, "a hand-written codec of "
        + (count == 1 ? "its type" : "a value's type") + ", or of a type it holds?)"
        + (count == 1 ? "" : ", so a value may have been read from another's bytes"));
  }

  /**
   * The exception for bytes left in {@code in} after the one value {@code value} was read from it,
   * as {@link #readShort(ByteInput, int, String, String)} says for several, naming the codec of its
   * class, whose read (or that of a codec of a type it holds) took fewer bytes than its write
   * wrote.
   */
  public static TransferException readShort(ByteInput in, Object value, String what, String so) {
    if (value == null) {
      return readShort(in, 1, what, so);
    }
    Class<?> type = value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
    String codec;
    try {
      codec = of(type).getClass().getName() + ", the codec of " + type.getName();
    } catch (RuntimeException none) {
      codec = "the codec of " + type.getName(); // written as a channel writes a JDK value
    }
    return readShort(in, what, so, codec + ", or one of a type it holds?)");
  }

  private static TransferException readShort(
      ByteInput in, String what, String so, String culprit) {
    return new TransferException(in.remaining() + " unread bytes after " + what + ", at offset "
        + in.offset() + ", so " + so + ": a codec's read read fewer bytes than its write wrote ("
        + culprit);
  }

  /**
   * The fix for a class with no codec: an anonymous or local class has no name another process
   * could find it by, so it can have none.
   */
  static String howToGiveACodec(Class<?> type) {
    if (type.isAnonymousClass() && Enum.class.isAssignableFrom(type)) {
      // What getClass() returns for a constant with a body (Codecs.decode(bytes, v.getClass())):
      // its enum has the codec, and "send a record instead" was the wrong fix.
      Class<?> constantsEnum = type.getSuperclass();
      return "It is the class of the body of an enum constant of " + constantsEnum.getName()
          + ", not a type of its own: ask for the enum (Codecs.of(" + constantsEnum.getSimpleName()
          + ".class), Codecs.decode(bytes, " + constantsEnum.getSimpleName() + ".class)), or use"
          + " getDeclaringClass() rather than getClass() on the constant.";
    }
    if (type.isHidden()) {
      // A lambda or a method reference (Codecs.encode(() -> ...)): its name, Main$$Lambda/0x...,
      // is no class that can be annotated or imported, which the advice below told the user to do.
      String what = type.getName().contains("$$Lambda") ? "a lambda or method reference" : "a hidden class";
      Class<?>[] interfaces = type.getInterfaces();
      String implementing = interfaces.length == 0 ? "" : " implementing " + interfaces[0].getName();
      return "It is " + what + implementing + ", a class this JVM made at run time: another"
          + " process cannot load it by name, and no codec can write the code or what it"
          + " captured. Send the data the code needs in a @Transferable record and run the code"
          + " in the receiving process; to run code in a child, give Ferry.spawn or ProcessPool.submit a"
          + " reference to a static method (Worker::run) and the data as its arguments.";
    }
    if (type.isAnonymousClass() || type.isLocalClass()) {
      return "It is " + (type.isAnonymousClass() ? "an anonymous" : "a local") + " class, which"
          + " another process cannot find by name, so it can have no codec: send a @Transferable"
          + " record or class declared at top level or as a static nested class instead.";
    }
    ClassLoader loader = type.getClassLoader();
    if (loader == null || loader == ClassLoader.getPlatformClassLoader()) {
      // Neither annotating nor importing a JDK class is possible (Number, Object, Thread): the
      // types Ferry writes of the JDK's are built in.
      return "It is a JDK type, of which Ferry writes only those the README lists under"
          + " \"Supported member types\": copy the state you need into a @Transferable record, or"
          + " give a plain value class a hand-written @TransferableCodec.";
    }
    // A shaded jar keeps one of its jars' registries unless told to append them; an imported or
    // hand-written codec of the others is then found by its type's index (CodecRegistry.find),
    // unless the merge left that out too (a filter): the type was given a codec, which this
    // process cannot see.
    return "Annotate it with @Transferable, or import it with @TransferableImport("
        + type.getSimpleName() + ".class) if you cannot, and compile with ferry-processor on the"
        + " annotation processor path. If a jar gave it a codec and was merged into a shaded or"
        + " fat jar, keep every jar's " + CodecRegistry.TYPE_INDEX + " files in it, or merge"
        + " every jar's " + CodecRegistry.RESOURCE + " into it (maven-shade-plugin:"
        + " AppendingTransformer; Gradle Shadow: append), as the README says.";
  }

  private static Codec<?> load(Class<?> type) {
    String name = Codecs.codecClassName(type);
    Class<?> codecClass;
    try {
      codecClass = Class.forName(name, true, type.getClassLoader());
    } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
      throw CodecInstances.unusable(name, type.getName(), e);
    } catch (ClassNotFoundException e) {
      Optional<Codec<?>> listed = CodecRegistry.find(type);
      if (listed.isPresent() && !isImportOfEnum(type, listed.get())) {
        return listed.get();
      }
      Codec<?> inherited = listedCodecOfSupertype(type);
      if (inherited != null) {
        return inherited;
      }
      if (type.isHidden()) {
        // Where its codec was looked for, and the advice to annotate or import it, are beside the
        // point for a class the JVM made at run time: it can have no codec.
        throw new IllegalArgumentException(
            RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getName() + " has no codec. "
                + howToGiveACodec(type),
            e);
      }
      throw new IllegalArgumentException(
          RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getName() + " has no codec ("
              + name + " was not found, and no " + CodecRegistry.RESOURCE + " on the class path"
              + " lists one): only types with a codec can be copied to another process. "
              + howToGiveACodec(type),
          e);
    }
    String unreachable = CodecInstances.unreachable(codecClass);
    if (unreachable != null) {
      throw new IllegalStateException(
          "the codec of " + type.getName() + " cannot be used: " + unreachable);
    }
    String twoCodecs = CodecRegistry.otherListedCodec(type, name); // once per type: cached
    if (twoCodecs != null) {
      throw new IllegalStateException(twoCodecs);
    }
    try {
      return CodecInstances.nonNull(
          (Codec<?>) codecClass.getField("INSTANCE").get(null), name, type.getName());
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException(
          name + " is not a usable Ferry codec (no public static INSTANCE field of type Codec);"
              + " rebuild " + type.getName() + " with ferry-processor",
          e);
    }
  }

  /**
   * Whether {@code codec}, listed in a registry for {@code type}, is the codec ferry-processor
   * generated for an import of an enum ({@code @TransferableImport(DayOfWeek.class)}), which is not
   * {@code type}'s own: an enum with no codec beside it is sent on its own by name, as {@link
   * DynamicCodec} writes it, in every process, so that whether a process's class path holds such an
   * import cannot change the bytes. With it, a process that had the import sent {@code
   * DayOfWeek.FRIDAY} under the import's fingerprint, which one without it refused as a type with
   * no codec, and {@code Codecs.encode}'s bytes of either were a schema mismatch to the other. The
   * import's codec writes nothing a member needs (a generated codec writes a member enum itself,
   * through {@link EnumConstants}); {@link #importOfEnum} still reads the bytes it wrote. A
   * hand-written codec of an enum is its author's choice, and stays the enum's.
   */
  private static boolean isImportOfEnum(Class<?> type, Codec<?> listed) {
    return type.isEnum() && CodecRegistry.handWrittenType(listed.getClass()) == null;
  }

  /**
   * The codec a registry lists for {@code type}, an enum, as an import ({@link #isImportOfEnum}),
   * or null if there is none: not {@code type}'s own, but {@code Codecs.decode} reads with it the
   * bytes it wrote when it was (in a process that had the import).
   */
  public static Codec<?> importOfEnum(Class<?> type) {
    if (!type.isEnum()) {
      return null;
    }
    try {
      Optional<Codec<?>> listed = CodecRegistry.find(type);
      return listed.isPresent() && isImportOfEnum(type, listed.get()) ? listed.get() : null;
    } catch (RuntimeException unusable) {
      return null; // two registries disagree, or the codec cannot be loaded: the bytes are refused
    }
  }

  /**
   * The listed codec of the one supertype of {@code type} that has one, or null if none does: a
   * hand-written {@code Codec<Animal>} of an interface writes every {@code Animal}, so a {@code
   * Dog} that has no codec of its own is written by it, under its fingerprint, and read back as an
   * {@code Animal}, as it is when it is a member declared {@code Animal} (the compile-time checker
   * accepts {@code Codecs.encode(animal)} for the same reason). An imported class's codec refuses a
   * subclass when writing, naming both. Two supertypes with codecs of their own are ambiguous.
   */
  private static Codec<?> listedCodecOfSupertype(Class<?> type) {
    Map<Class<?>, Codec<?>> found = new LinkedHashMap<>();
    Deque<Class<?>> pending = new ArrayDeque<>(supertypes(type));
    Set<Class<?>> seen = new HashSet<>();
    while (!pending.isEmpty()) {
      Class<?> supertype = pending.removeFirst();
      if (supertype == Object.class || !seen.add(supertype)) {
        continue;
      }
      Optional<Codec<?>> listed = CodecRegistry.find(supertype);
      if (listed.isPresent()) {
        found.put(supertype, listed.get()); // its own supertypes are its codec's business
      } else {
        pending.addAll(supertypes(supertype));
      }
    }
    if (found.size() > 1) {
      throw new IllegalArgumentException(
          RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getName() + " has no codec"
              + " of its own, and its supertypes " + names(found.keySet()) + " each have one, so"
              + " which writes it is not clear: give " + type.getSimpleName() + " a codec (annotate"
              + " it with @Transferable, or import it with @TransferableImport("
              + type.getSimpleName() + ".class))");
    }
    return found.isEmpty() ? null : found.values().iterator().next();
  }

  private static List<Class<?>> supertypes(Class<?> type) {
    List<Class<?>> supertypes = new ArrayList<>();
    if (type.getSuperclass() != null) {
      supertypes.add(type.getSuperclass());
    }
    supertypes.addAll(List.of(type.getInterfaces()));
    return supertypes;
  }

  private static String names(Set<Class<?>> types) {
    return types.stream().map(Class::getName).sorted().collect(Collectors.joining(" and "));
  }
}
