package dev.ferry.hazelcast;

import com.hazelcast.internal.nio.BufferObjectDataInput;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.ByteArraySerializer;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.nio.serialization.StreamSerializer;
import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.InheritOnlyCodec;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.codec.StackOverflows;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Hazelcast's serializer for values of Ferry types: an 8-byte fingerprint of the value's codec, then
 * the codec's bytes. One instance serves every type it was built with, under one stable type id
 * ({@link #TYPE_ID}); the fingerprint tells the reader which of its codecs wrote the value, and a
 * fingerprint that none of them has (a member built from another version of the type) fails with a
 * {@link HazelcastSerializationException} naming it, never with garbage.
 *
 * <p>{@link FerrySerializerHook} registers it for every Ferry codec on the class path with no
 * configuration. To register it by hand instead:
 *
 * <pre>{@code
 * FerrySerializer ferry = new FerrySerializer(List.of(Order.class, Invoice.class));
 * for (Class<?> type : ferry.types()) {
 *   config.getSerializationConfig().addSerializerConfig(
 *       new SerializerConfig().setTypeClass(type).setImplementation(ferry));
 * }
 * }</pre>
 *
 * Thread-safe: values are written into a scratch buffer of the calling thread.
 */
public final class FerrySerializer implements ByteArraySerializer<Object>, StreamSerializer<Object> {
  /** Hazelcast's id for Ferry's serializer: "FRRY" in ASCII, fixed so that every member agrees. */
  public static final int TYPE_ID = 0x46525259;

  /** Scratch buffers larger than this are not kept after a value, so one huge value cannot pin memory. */
  private static final int KEPT_SCRATCH_BYTES = 1 << 20;

  /** What a read from a stream, which cannot say how many bytes follow, allocates at first. */
  private static final int FIRST_CHUNK_BYTES = 1 << 16;

  private static final ThreadLocal<ByteOutput> SCRATCH = ThreadLocal.withInitial(() -> new ByteOutput(1024));

  /**
   * The serializers built in this class loader that are still in use, newest first, by the
   * fingerprints of their codecs. All of them answer to {@link #TYPE_ID}, and Hazelcast reads every
   * value of one type id with the serializer it registered first for it, whichever that is (it
   * registers the hook's and those configured by hand in no fixed order): so each reads the values
   * of the others' codecs too, and a type registered by hand that the hook does not know, or two
   * serializers registered by hand, work. A fingerprint is a codec's, so any codec with it reads
   * what it wrote; the newest is preferred, so a redeployed application's classes win over the old
   * ones, which are held weakly and not kept alive from here. One of another application (another
   * class loader, ferry-hazelcast shared) is passed over when the reader's application has a class
   * of that type's name of its own: its value would be unusable there, and its bytes are, for the
   * reader, those of another version of its type.
   */
  private static final ConcurrentMap<Long, List<WeakReference<FerrySerializer>>> BUILT = new ConcurrentHashMap<>();

  private final Map<Class<?>, Codec<?>> byType;
  /** Sorted fingerprints and the codecs at the same indexes: a read looks up without boxing. */
  private final long[] fingerprints;
  private final Codec<?>[] codecs;
  private final Class<?>[] typesByIndex;
  /** The class loaders of this serializer's types: what its application loads classes through. */
  private final ClassLoader[] homeLoaders;
  /**
   * Whether {@link #ownClassNamed(Class)} finds a rival class, asked once per class of another
   * serializer rather than on every read; a Boolean, so that the other class holds none of ours.
   */
  private final ClassValue<Boolean> hasOwnClassNamed =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return ownClassNamed(type) != null;
        }
      };

  /**
   * A serializer for every Ferry type the {@code META-INF/ferry/codecs} resources list, read through
   * the thread's context class loader (else this library's), as {@link FerrySerializerHook}'s: what
   * Hazelcast builds for a serializer named in {@code hazelcast.xml} or {@code hazelcast.yaml} by its
   * {@code class-name}, which it instantiates with no arguments (for the hook's marker class, to turn
   * the hook off, and for the Ferry types it then serves). A type no registry lists is registered in
   * code, with {@link #FerrySerializer(Collection)}.
   *
   * @throws IllegalStateException if two jars list codecs of one type, or a listed codec cannot be
   *     loaded
   */
  public FerrySerializer() {
    this(FerrySerializerHook.listedCodecs(FerrySerializerHook.contextOrOwn()));
  }

  /**
   * A serializer for {@code types}, each of which must have a Ferry codec.
   *
   * @throws IllegalArgumentException if a type has no codec of its own (one Hazelcast serializes
   *     itself, such as {@code String}, {@code Integer} or {@code List}, included), is
   *     {@code @InheritOnly} ({@code Channel}), or two codecs share a fingerprint
   */
  public FerrySerializer(Collection<Class<?>> types) {
    this(codecsOf(types));
  }

  /** A serializer for the given codecs, by their value types (e.g. {@code CodecRegistry.all}). */
  FerrySerializer(Map<Class<?>, Codec<?>> codecs) {
    this.byType = Map.copyOf(codecs);
    Map.Entry<Class<?>, Codec<?>>[] entries = sortedByFingerprint(byType);
    this.fingerprints = new long[entries.length];
    this.codecs = new Codec<?>[entries.length];
    this.typesByIndex = new Class<?>[entries.length];
    this.homeLoaders =
        byType.keySet().stream()
            .map(Class::getClassLoader)
            .filter(Objects::nonNull)
            .distinct()
            .toArray(ClassLoader[]::new);
    for (int i = 0; i < entries.length; i++) {
      fingerprints[i] = OwnCodecs.fingerprint(entries[i].getValue());
      this.codecs[i] = entries[i].getValue();
      this.typesByIndex[i] = entries[i].getKey();
      if (i > 0 && fingerprints[i] == fingerprints[i - 1]) {
        throw new IllegalArgumentException(
            entries[i - 1].getKey().getName() + " and " + entries[i].getKey().getName()
                + " have codecs with one fingerprint, " + hex(fingerprints[i])
                + ": a reader could not tell their values apart");
      }
    }
    WeakReference<FerrySerializer> self = new WeakReference<>(this);
    for (long fingerprint : fingerprints) {
      BUILT.compute(fingerprint, (key, older) -> newestFirst(self, older)); // last: arrays filled
    }
  }

  private static List<WeakReference<FerrySerializer>> newestFirst(
      WeakReference<FerrySerializer> newest, List<WeakReference<FerrySerializer>> older) {
    List<WeakReference<FerrySerializer>> all = new ArrayList<>();
    all.add(newest);
    if (older != null) {
      older.stream().filter(built -> built.get() != null).forEach(all::add);
    }
    return List.copyOf(all);
  }

  private static Map<Class<?>, Codec<?>> codecsOf(Collection<Class<?>> types) {
    Map<Class<?>, Codec<?>> codecs = new HashMap<>();
    for (Class<?> type : types) {
      Codec<?> codec = Codecs.of(type); // [ferry:not-transferable] for a type with no codec at all
      if (!isOwnCodec(type, codec)) {
        throw new IllegalArgumentException(
            type.getName() + " has no Ferry codec of its own: Ferry writes it as a channel does,"
                + " with a codec it shares with the JDK's types and enums without one, so a reader"
                + " could not tell their values apart by fingerprint. Hazelcast serializes it itself"
                + " (and refuses another serializer for its own types): leave " + type.getName()
                + " out of FerrySerializer's types.");
      }
      if (codec instanceof InheritOnlyCodec<?>) {
        // Its codec exists for spawn arguments and refuses to write a value anywhere else.
        throw new IllegalArgumentException(
            RuntimeRules.prefix(RuntimeRules.INHERIT_ONLY_SENT) + type.getName() + " is"
                + " @InheritOnly: its values hold process-local handles (channels), which reach a"
                + " child only as a spawn argument, so none can be stored in Hazelcast. Leave "
                + type.getName() + " out of FerrySerializer's types, and store a @Transferable type"
                + " that holds the plain values the members need instead.");
      }
      codecs.put(type, codec);
    }
    return codecs;
  }

  /**
   * Whether {@code codec}, what {@link Codecs#of} gave for {@code type}, is the type's own
   * (generated, imported or hand-written) rather than a channel's built-in codec, whose fingerprint
   * is shared by every type it writes; for a null {@code codec}, whether the type has one of its own.
   */
  private static boolean isOwnCodec(Class<?> type, Codec<?> codec) {
    try {
      return codec == null || OwnCodecs.of(type) == codec;
    } catch (IllegalArgumentException none) {
      return false;
    }
  }

  @SuppressWarnings("unchecked")
  private static Map.Entry<Class<?>, Codec<?>>[] sortedByFingerprint(Map<Class<?>, Codec<?>> codecs) {
    Map.Entry<Class<?>, Codec<?>>[] entries = codecs.entrySet().toArray(new Map.Entry[0]);
    Arrays.sort(
        entries,
        (a, b) ->
            Long.compare(OwnCodecs.fingerprint(a.getValue()), OwnCodecs.fingerprint(b.getValue())));
    return entries;
  }

  /** The types this serializer writes and reads. */
  public Set<Class<?>> types() {
    return byType.keySet();
  }

  /**
   * Names the serializer and its type id: Hazelcast's message when another serializer of a
   * configuration takes that id or one of these types ({@code Serializer [...] has been already
   * registered for type ID: 1179800153}) shows this, and so says which id Ferry holds.
   */
  @Override
  public String toString() {
    return "FerrySerializer of " + byType.size() + " Ferry types, type id " + TYPE_ID
        + " (0x46525259, FerrySerializer.TYPE_ID, which every Ferry value has)";
  }

  @Override
  public int getTypeId() {
    return TYPE_ID;
  }

  @Override
  public byte[] write(Object value) {
    @SuppressWarnings("unchecked")
    Codec<Object> codec = (Codec<Object>) codecFor(transferredClass(value));
    if (codec == null) {
      String name = transferredClass(value).getName();
      String fix =
          isOwnCodec(transferredClass(value), null)
              ? "It has a Ferry codec: build the FerrySerializer with " + name + " among its types"
                  + " (or its sealed interface), or let FerrySerializerHook register every Ferry type"
              : "Annotate the type with @Transferable and compile it with ferry-processor, or"
                  + " register another serializer for it";
      throw new HazelcastSerializationException(
          name + " reached Ferry's serializer, which has no codec for it: it handles only the"
              + " Ferry types it was built with. " + fix);
    }
    ByteOutput out = SCRATCH.get();
    out.reset();
    out.writeFixedLong(OwnCodecs.fingerprint(codec));
    try {
      OwnCodecs.write(codec, out, value, transferredClass(value).getName());
      return out.toByteArray();
    } catch (StackOverflowError e) {
      // A cycle given to a hand-written codec that counts no depth, or an accessor that recurses:
      // a value Hazelcast cannot store, not an Error for map.put's caller. An OutOfMemoryError is
      // never caught.
      throw new HazelcastSerializationException(
          "Ferry's serializer could not write the " + transferredClass(value).getName() + " value:"
              + " its codec " + codec.getClass().getName() + " "
              + StackOverflows.explain(e, codec.getClass().getClassLoader(), false),
          e);
    } finally {
      // After a value that failed part-way too (a payload with no codec after a long list, or the
      // heap running out): the output grew for it, and the thread kept it until its next write.
      if (out.array().length > KEPT_SCRATCH_BYTES) {
        SCRATCH.remove();
      }
    }
  }

  /**
   * The codec of {@code type}, or else of the nearest supertype this serializer has one for: a
   * serializer registered by hand for a sealed interface alone is handed its records too (Hazelcast
   * looks serializers up by the value's interfaces and superclasses), and the interface's codec
   * writes each with its tag, as a reader of the interface's fingerprint expects. Only a sealed
   * supertype's codec knows its subtypes; null if there is none.
   */
  private Codec<?> codecFor(Class<?> type) {
    Codec<?> own = byType.get(type);
    if (own != null) {
      return own;
    }
    ArrayDeque<Class<?>> supertypes = new ArrayDeque<>();
    addSupertypes(type, supertypes);
    while (!supertypes.isEmpty()) {
      Class<?> supertype = supertypes.removeFirst();
      Codec<?> codec = byType.get(supertype);
      if (codec != null && supertype.isSealed()) {
        return codec; // a codec of an unsealed class would write a subclass's value as its own
      }
      addSupertypes(supertype, supertypes);
    }
    return null;
  }

  private static void addSupertypes(Class<?> type, ArrayDeque<Class<?>> queue) {
    if (type.getSuperclass() != null && type.getSuperclass() != Object.class) {
      queue.addLast(type.getSuperclass());
    }
    queue.addAll(Arrays.asList(type.getInterfaces()));
  }

  /**
   * The class whose codec writes {@code value}: an enum constant with a body is an instance of an
   * anonymous subclass, which has no codec of its own.
   */
  private static Class<?> transferredClass(Object value) {
    return value instanceof Enum<?> e ? e.getDeclaringClass() : value.getClass();
  }

  /**
   * Writes {@code value} as Hazelcast writes a byte-array serializer's bytes, their length and then
   * {@link #write(Object)}'s bytes: Hazelcast calls this, since it prefers a {@code
   * StreamSerializer}, and {@link #read(ObjectDataInput)} then checks that length.
   */
  @Override
  public void write(ObjectDataOutput out, Object value) throws IOException {
    out.writeByteArray(write(value));
  }

  /**
   * Reads what {@link #write(ObjectDataOutput, Object)} wrote, checking the length before it
   * allocates: Hazelcast's own read of a byte array allocates whatever length the bytes claim (a
   * forged one ran the member out of memory) and fills bytes missing at the end with zeros (a
   * value cut short could read as another valid one).
   */
  @Override
  public Object read(ObjectDataInput in) throws IOException {
    int length = in.readInt();
    if (length < 0) {
      throw new HazelcastSerializationException(
          "a Ferry value claims a length of " + length + " bytes: the bytes were not written by"
              + " Ferry's serializer");
    }
    if (in instanceof BufferObjectDataInput && in instanceof InputStream buffer) {
      // A Data's bytes, all in memory: what follows is known exactly.
      int present = buffer.available();
      if (length > present) {
        throw new HazelcastSerializationException(
            "a Ferry value claims " + length + " bytes and " + present + " follow: the bytes were"
                + " cut short, or not written by Ferry's serializer");
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      return read(bytes);
    }
    return read(readGrowing(in, length));
  }

  /**
   * {@code length} bytes from a stream, which cannot say how many follow: the array grows as they
   * arrive, so a forged length allocates at most twice what the stream holds before it ends.
   */
  private static byte[] readGrowing(ObjectDataInput in, int length) throws IOException {
    byte[] bytes = new byte[Math.min(length, FIRST_CHUNK_BYTES)];
    in.readFully(bytes);
    while (bytes.length < length) {
      int had = bytes.length;
      bytes = Arrays.copyOf(bytes, (int) Math.min(length, 2L * had));
      in.readFully(bytes, had, bytes.length - had);
    }
    return bytes;
  }

  @Override
  public Object read(byte[] bytes) {
    if (bytes.length < Long.BYTES) {
      throw new HazelcastSerializationException(
          bytes.length + " bytes cannot hold a Ferry value (at least the 8-byte fingerprint):"
              + " they were not written by Ferry's serializer");
    }
    ByteInput in = new ByteInput(bytes);
    long fingerprint = in.readFixedLong();
    int index = Arrays.binarySearch(fingerprints, fingerprint);
    if (index >= 0) {
      return read(in, fingerprint, codecs[index], typesByIndex[index]);
    }
    Class<?> shadowed = null;
    for (WeakReference<FerrySerializer> built : BUILT.getOrDefault(fingerprint, List.of())) {
      FerrySerializer other = built.get();
      if (other != null) {
        int at = Arrays.binarySearch(other.fingerprints, fingerprint);
        if (hasOwnClassNamed.get(other.typesByIndex[at])) {
          shadowed = shadowed == null ? other.typesByIndex[at] : shadowed;
          continue;
        }
        return read(in, fingerprint, other.codecs[at], other.typesByIndex[at]);
      }
    }
    if (shadowed != null) {
      throw shadowedBy(fingerprint, shadowed);
    }
    throw new HazelcastSerializationException(
        "a Ferry value with codec fingerprint " + hex(fingerprint) + " arrived, and no Ferry"
            + " serializer of this process (a member or a client) has a codec with it: the member"
            + " or client that wrote it was built from another version of the value's type, or"
            + " has a Ferry type this process lacks. Build every member and client from the same"
            + " sources.");
  }

  /**
   * The class that the class loaders of this serializer's types give for {@code type}'s name, when
   * it is another class than {@code type}; else null. A serializer of another class loader (another
   * application in this JVM sharing ferry-hazelcast, or the one a redeployed application replaced)
   * may have a codec with a fingerprint this one lacks, for its own version of a type whose name
   * this serializer's application loads as another class: its value is then unusable here (a
   * {@code ClassCastException: Cannot cast p.Item to p.Item} where the caller takes it), and the
   * bytes are, for this serializer, those of another version of its type.
   */
  private Class<?> ownClassNamed(Class<?> type) {
    for (ClassLoader loader : homeLoaders) {
      try {
        Class<?> mine = Class.forName(type.getName(), false, loader);
        if (mine != type) {
          return mine;
        }
      } catch (ClassNotFoundException | LinkageError notThere) {
        // the name means nothing to this application: the other serializer's type is no rival
      }
    }
    return null;
  }

  private HazelcastSerializationException shadowedBy(long fingerprint, Class<?> theirs) {
    Class<?> mine = ownClassNamed(theirs);
    Codec<?> myCodec = byType.get(mine);
    return new HazelcastSerializationException(
        "a Ferry value of " + theirs.getName() + " with codec fingerprint " + hex(fingerprint)
            + " arrived, and only a Ferry serializer of another class loader (" + loaderName(theirs)
            + ") has a codec with it, for its own class " + theirs.getName() + "; this process's "
            + theirs.getName() + " (" + loaderName(mine) + ") is another class"
            + (myCodec == null ? "" : ", whose codec has fingerprint " + hex(OwnCodecs.fingerprint(myCodec)))
            + ": the member or client that wrote it was built from another version of "
            + theirs.getName() + " (or of a type it holds). Build every member and client from the"
            + " same sources.");
  }

  private static String loaderName(Class<?> type) {
    ClassLoader loader = type.getClassLoader();
    if (loader == null) {
      return "loaded by the boot class loader";
    }
    return "loaded by " + (loader.getName() == null ? "" : "'" + loader.getName() + "' ") + loader;
  }

  private static Object read(ByteInput in, long fingerprint, Codec<?> codec, Class<?> type) {
    try {
      Object value = OwnCodecs.read(codec, in, type.getName());
      in.requireEnd();
      return value;
    } catch (TransferException e) {
      throw new HazelcastSerializationException(
          "bytes with the fingerprint of " + type.getName() + "'s Ferry codec ("
              + hex(fingerprint) + ") are not a valid value of it: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // A hand-written codec's own exception (its factory's IllegalArgumentException for bytes that
      // make no valid value): Hazelcast would wrap it naming neither the type nor the codec.
      throw new HazelcastSerializationException(
          "bytes with the fingerprint of " + type.getName() + "'s Ferry codec (" + hex(fingerprint)
              + ") are not a valid value of it: its codec " + codec.getClass().getName() + " threw "
              + e,
          e);
    } catch (StackOverflowError e) {
      // A hand-written codec of a type that holds itself, counting no depth, given bytes nested
      // deeper than the stack, or a constructor that recurses: Hazelcast lets an Error out of
      // map.get as it is. The stack has unwound to here; an OutOfMemoryError is never caught.
      throw new HazelcastSerializationException(
          "bytes with the fingerprint of " + type.getName() + "'s Ferry codec (" + hex(fingerprint)
              + ") are not a valid value of it: its codec " + codec.getClass().getName() + " "
              + StackOverflows.explain(e, codec.getClass().getClassLoader(), true),
          e);
    }
  }

  private static String hex(long fingerprint) {
    return String.format(Locale.ROOT, "%016x", fingerprint);
  }
}
