package dev.ferry.internal.codec;

import dev.ferry.Codec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The codecs that Ferry's processor listed in {@code META-INF/ferry/codecs}, one resource per
 * compilation: generated codecs of {@code @Transferable} types, codecs of imported classes
 * ({@code @TransferableImport}) and hand-written codecs ({@code @TransferableCodec}).
 *
 * <p>Each line of a resource is {@code <value type binary name> <codec class binary name>}; blank
 * lines and lines starting with {@code #} are skipped. Lookup reads the resources a class loader
 * sees (no classpath scan: {@link ClassLoader#getResources} asks for one name), indexes them by
 * type name once per loader, and loads a codec class only when its type is asked for. Two resources
 * that list different codecs for one type make that type's lookup fail, naming both: every process
 * must pick the same codec, and the class path order must not decide which. A type no registry
 * lists is looked up in the per-type index ({@link #TYPE_INDEX}), which a merged jar keeps when
 * its merge kept one jar's registry only; {@link #all} cannot list such a type.
 *
 * <pre>{@code
 * Map<Class<?>, Codec<?>> codecs = CodecRegistry.all(getClass().getClassLoader());
 * Optional<Codec<?>> money = CodecRegistry.find(Money.class);
 * }</pre>
 *
 * Not user API: engines built on Ferry (Kafka or Hazelcast serializers) read it to register every
 * codec up front; users call {@code Codecs.of}.
 */
public final class CodecRegistry {
  /** The resource every compilation that produces codecs writes. */
  public static final String RESOURCE = "META-INF/ferry/codecs";

  /**
   * The folder of the per-type index the processor writes beside {@link #RESOURCE} for each
   * imported class and hand-written codec ({@code const/ferry/types/<canonical type name>}: the
   * codec's canonical name, then {@code declared-by <declarer>}; empty once the declaration is
   * gone). One file per type, so a jar merged from others keeps it whatever the merge does with
   * {@link #RESOURCE} (maven-shade-plugin and maven-assembly-plugin keep one jar's copy of it
   * unless told to append). Must match the processor's {@code CodecDeclarations.TYPE_INDEX}.
   */
  public static final String TYPE_INDEX = "const/ferry/types/";

  /** The index of each class loader seen, built once; weak so that a dropped loader can go. */
  private static final Map<ClassLoader, Index> INDEXES = new WeakHashMap<>();

  private CodecRegistry() {}

  /**
   * Every codec listed in a resource {@code loader} sees, by its value type.
   *
   * @throws IllegalStateException if two resources list different codecs for one type, or a
   *     listed class cannot be loaded or is not a codec
   */
  public static Map<Class<?>, Codec<?>> all(ClassLoader loader) {
    return listed(loader, false);
  }

  /**
   * Every codec listed in a resource {@code loader} sees that can be used, by its value type: a
   * listed class that cannot be loaded, or is no usable codec, is passed over, where {@link #all}
   * throws. For callers that look for one codec among them, which another's fault should not hide.
   */
  public static Map<Class<?>, Codec<?>> usable(ClassLoader loader) {
    return listed(loader, true);
  }

  /** {@link #all}, or with {@code passOver} {@link #usable}. */
  private static Map<Class<?>, Codec<?>> listed(ClassLoader loader, boolean passOver) {
    if (loader == null) {
      throw new NullPointerException("loader == null");
    }
    Index index = Index.read(loader);
    Map<Class<?>, Codec<?>> codecs = new LinkedHashMap<>();
    for (String type : index.typeNames()) {
      Entry entry = index.entry(type);
      try {
        codecs.put(load(type, entry.origin(), loader), entry.codec(loader, type));
      } catch (RuntimeException | LinkageError unusable) {
        if (!passOver) {
          throw unusable;
        }
      }
    }
    return Collections.unmodifiableMap(codecs);
  }

  /**
   * The listed codec of {@code type}, looked up in the registries its own class loader and the
   * thread's context class loader see (a library class may live in a parent of the loader that
   * holds the application's registry).
   *
   * @throws IllegalStateException if two resources list different codecs for {@code type}, or its
   *     listed codec cannot be loaded or is not a codec
   */
  public static Optional<Codec<?>> find(Class<?> type) {
    if (type == null) {
      throw new NullPointerException("type == null");
    }
    List<ClassLoader> loaders = loadersOf(type);
    for (ClassLoader loader : loaders) {
      Entry entry = indexOf(loader).entry(type.getName());
      if (entry != null) {
        return Optional.of(entry.codec(loader, type.getName()));
      }
    }
    // No registry lists it: the jar that declared its codec may have been merged into this one
    // with another jar's registry kept in place of its own (a shaded or fat jar whose merge was
    // not told to append them). Its per-type index survives any merge.
    for (ClassLoader loader : loaders) {
      Entry entry = indexOf(loader).indexed(loader, type);
      if (entry != null) {
        return Optional.of(entry.codec(loader, type.getName()));
      }
    }
    return Optional.empty();
  }

  /**
   * Why {@code type}, whose codec {@code codecName} was found beside it by name, has two codecs: a
   * registry its loaders see lists another for it (an import of a {@code @Transferable} type, or a
   * hand-written codec of it, in another jar), or two that disagree; null if none does. The codec
   * beside a type is found before any registry is read, so such a second codec went unseen and
   * the one beside it was used, where the README promises that {@code Codecs.of} fails naming both.
   * A registry that cannot be read is skipped: it lists nothing a codec beside its type needs.
   */
  static String otherListedCodec(Class<?> type, String codecName) {
    for (ClassLoader loader : loadersOf(type)) {
      Entry entry;
      try {
        entry = indexOf(loader).entry(type.getName());
      } catch (RuntimeException unreadable) {
        continue;
      }
      if (entry == null) {
        continue;
      }
      if (entry.conflict() != null) {
        return entry.conflict();
      }
      if (!entry.codecName().equals(codecName)) {
        return twoCodecs(type.getName(), codecName + " (beside it)", entry.codecName(), entry.origin());
      }
    }
    return null;
  }

  private static String twoCodecs(String type, String first, String second, URL secondOrigin) {
    return "two codecs for " + type + ": " + first + " and " + second + " (listed in " + secondOrigin
        + "); every process must encode " + type + " the same way, so keep one of them on the"
        + " class path";
  }

  /**
   * The binary name of the type a registry lists {@code codecClass} as the hand-written codec of
   * ({@code @TransferableCodec}), or null if none does, or the codec it lists is generated (of a
   * {@code @Transferable} type or an import). The registry lists both kinds alike; a generated
   * codec is a top-level class named after its type ({@code Outer_Inner_FerryCodec}, in the type's
   * package or an importer's) with the {@code FINGERPRINT} constant of its shape. A hand-written
   * codec given that very name and constant counts as generated.
   */
  static String handWrittenType(Class<?> codecClass) {
    for (ClassLoader loader : loadersOf(codecClass)) {
      String type;
      try {
        type = indexOf(loader).typeCodedBy(codecClass.getName());
      } catch (RuntimeException unreadable) {
        // A registry this loader sees is malformed or cannot be read: no codec was found through
        // it, and a codec found by its name beside its type must not fail for it.
        continue;
      }
      if (type != null) {
        return isGenerated(codecClass, type) ? null : type;
      }
    }
    // No registry lists it: ask the per-type index of the type it codes, as find does, so that a
    // merged jar that lost a registry gives the codec the fingerprint every other process gives it.
    Class<?> coded = codedType(codecClass);
    if (coded == null) {
      return null;
    }
    for (ClassLoader loader : loadersOf(codecClass)) {
      Entry entry;
      try {
        entry = indexOf(loader).indexed(loader, coded);
      } catch (RuntimeException unreadable) {
        continue;
      }
      if (entry != null && entry.codecName().equals(codecClass.getName())) {
        return isGenerated(codecClass, coded.getName()) ? null : coded.getName();
      }
    }
    return null;
  }

  /**
   * The class {@code T} of the {@code Codec<T>} that {@code codecClass} or a superclass implements
   * directly, or null if it is not a plain class there (a type variable of a generic base).
   */
  private static Class<?> codedType(Class<?> codecClass) {
    for (Class<?> c = codecClass; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Type implemented : c.getGenericInterfaces()) {
        if (implemented instanceof ParameterizedType codec && codec.getRawType() == Codec.class) {
          Type argument = codec.getActualTypeArguments()[0];
          if (argument instanceof ParameterizedType generic) {
            argument = generic.getRawType();
          }
          return argument instanceof Class<?> coded ? coded : null;
        }
      }
    }
    return null;
  }

  private static boolean isGenerated(Class<?> codecClass, String type) {
    // Outer$Inner and a record named Has$Dollar: the processor joins simple names with '_' and
    // keeps a '$' a name holds, so compare with every '$' as '_'.
    String simpleNames = type.substring(type.lastIndexOf('.') + 1).replace('$', '_');
    String codecName = codecClass.getName();
    String codecSimpleName = codecName.substring(codecName.lastIndexOf('.') + 1).replace('$', '_');
    if (codecClass.getEnclosingClass() != null
        || !codecSimpleName.equals(simpleNames + "_FerryCodec")) {
      return false;
    }
    try {
      Field shape = codecClass.getDeclaredField("FINGERPRINT");
      int modifiers = shape.getModifiers();
      return shape.getType() == long.class
          && Modifier.isStatic(modifiers)
          && Modifier.isFinal(modifiers);
    } catch (NoSuchFieldException | LinkageError e) {
      return false;
    }
  }

  private static List<ClassLoader> loadersOf(Class<?> type) {
    List<ClassLoader> loaders = new ArrayList<>(2);
    ClassLoader own = type.getClassLoader();
    loaders.add(own == null ? ClassLoader.getSystemClassLoader() : own);
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null && !loaders.contains(context)) {
      loaders.add(context);
    }
    return loaders;
  }

  /**
   * Reads the registries {@code loader} sees, ahead of the first lookup: for a spare child, which
   * has the time while it waits to be told what to run. Loads no codec class. A registry that
   * cannot be read is left for the first lookup to report.
   */
  public static void prepare(ClassLoader loader) {
    try {
      indexOf(loader);
    } catch (RuntimeException unreadable) {
      // not kept: the first lookup reads it again and says why it cannot
    }
  }

  /**
   * Whether the registries {@code loader} sees have been read (by a lookup or {@link #prepare}); for
   * tests of what a spare does before it is taken.
   */
  public static boolean isRead(ClassLoader loader) {
    synchronized (INDEXES) {
      return INDEXES.containsKey(loader);
    }
  }

  private static Index indexOf(ClassLoader loader) {
    synchronized (INDEXES) {
      return INDEXES.computeIfAbsent(loader, Index::read);
    }
  }

  private static Class<?> load(String name, URL origin, ClassLoader loader) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new IllegalStateException(
          name + ", listed in " + origin + ", cannot be loaded: rebuild the jar that holds "
              + origin + " against the classes on this class path",
          e);
    }
  }

  /** The codec a resource lists for a type, or the conflict between two resources. */
  private record Entry(String codecName, URL origin, String conflict) {
    Codec<?> codec(ClassLoader loader, String type) {
      if (conflict != null) {
        throw new IllegalStateException(conflict);
      }
      Class<?> codecClass = load(codecName, origin, loader);
      String unreachable = CodecInstances.unreachable(codecClass);
      if (unreachable != null) {
        throw new IllegalStateException(
            "the codec of " + type + " listed in " + origin + " cannot be used: " + unreachable);
      }
      try {
        Field instance = codecClass.getField("INSTANCE");
        if (!Modifier.isStatic(instance.getModifiers())) {
          throw new NoSuchFieldException("INSTANCE is not static");
        }
        return CodecInstances.nonNull((Codec<?>) instance.get(null), codecName, type);
      } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
        throw CodecInstances.unusable(codecName, type, e);
      } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
        throw new IllegalStateException(
            codecName + ", the codec of " + type + " listed in " + origin + ", is not a usable"
                + " Ferry codec: it needs a public static final INSTANCE field holding a Codec",
            e);
      }
    }
  }

  /** The lines of every resource one loader sees, by type name. */
  private static final class Index {
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    /** The type each codec is listed for, by the codec's name (the first listing of a codec). */
    private final Map<String, String> typesByCodec = new HashMap<>();

    static Index read(ClassLoader loader) {
      Index index = new Index();
      try {
        Enumeration<URL> resources = loader.getResources(RESOURCE);
        while (resources.hasMoreElements()) {
          index.add(resources.nextElement());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + RESOURCE + " from the class path", e);
      }
      return index;
    }

    Iterable<String> typeNames() {
      return entries.keySet();
    }

    Entry entry(String type) {
      return entries.get(type);
    }

    String typeCodedBy(String codecName) {
      return typesByCodec.get(codecName);
    }

    /** The per-type index of each type asked for that no registry lists, by type name. */
    private final Map<String, Optional<Entry>> indexed = new HashMap<>();

    /**
     * The codec the per-type index {@code loader} sees names for {@code type}, or null if there is
     * none, it names none, or its codec class cannot be found. Read once per type.
     */
    synchronized Entry indexed(ClassLoader loader, Class<?> type) {
      return indexed.computeIfAbsent(type.getName(), name -> readIndex(loader, type)).orElse(null);
    }

    private static Optional<Entry> readIndex(ClassLoader loader, Class<?> type) {
      String canonical = type.getCanonicalName();
      URL resource = canonical == null ? null : loader.getResource(TYPE_INDEX + canonical);
      if (resource == null) {
        return Optional.empty();
      }
      String codec;
      try (InputStream stream = resource.openStream()) {
        String text = new String(stream.readAllBytes(), StandardCharsets.UTF_8).strip();
        int end = text.indexOf('\n');
        codec = (end < 0 ? text : text.substring(0, end)).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
      String binaryName = binaryName(codec, loader);
      return binaryName == null
          ? Optional.empty()
          : Optional.of(new Entry(binaryName, resource, null));
    }

    /**
     * The binary name of the class whose canonical name is {@code canonical} ({@code a.Outer.Codec}
     * is {@code a.Outer$Codec}), or null if there is none: the index names a codec as source does.
     */
    private static String binaryName(String canonical, ClassLoader loader) {
      String name = canonical;
      while (!name.isEmpty()) {
        try {
          Class.forName(name, false, loader);
          return name;
        } catch (ClassNotFoundException | LinkageError notThis) {
          int dot = name.lastIndexOf('.');
          if (dot < 0) {
            return null;
          }
          name = name.substring(0, dot) + '$' + name.substring(dot + 1);
        }
      }
      return null;
    }

    private void add(URL resource) throws IOException {
      try (InputStream stream = resource.openStream();
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
          number++;
          line = line.strip();
          if (line.isEmpty() || line.startsWith("#")) {
            continue;
          }
          String[] parts = line.split("\\s+");
          if (parts.length != 2) {
            throw malformed(resource, number, line);
          }
          put(parts[0], parts[1], resource);
        }
      }
    }

    /**
     * A line that is not two names: the registries of two jars merged without a line break
     * between them (three names), an edited file, or not a registry at all (binary bytes, shown
     * escaped and cut short rather than as a page of replacement characters).
     */
    private static IllegalStateException malformed(URL resource, int number, String line) {
      return new IllegalStateException(
          resource + ":" + number + " is not `<type> <codec>`, two binary class names as"
              + " ferry-processor writes each line: " + shown(line) + ". Ferry reads every "
              + RESOURCE + " on the class path to find the codecs that do not sit beside their"
              + " types, and cannot tell what this one lists: rebuild the jar that holds it, or,"
              + " where registries were merged into one (a shaded or fat jar), append them with a"
              + " line break after each (maven-shade-plugin: AppendingTransformer; Gradle Shadow:"
              + " append)");
    }

    private static String shown(String line) {
      StringBuilder shown = new StringBuilder("'");
      int limit = Math.min(line.length(), 120);
      for (int i = 0; i < limit; i++) {
        char c = line.charAt(i);
        boolean printable = c >= 0x20 && c < 0x7f || Character.isLetterOrDigit(c);
        shown.append(printable ? String.valueOf(c) : String.format("\\u%04x", (int) c));
      }
      shown.append('\'');
      return line.length() > limit ? shown + " (the first 120 of " + line.length() + " chars)" : shown.toString();
    }

    private void put(String type, String codec, URL resource) {
      typesByCodec.putIfAbsent(codec, type);
      Entry known = entries.get(type);
      if (known == null) {
        entries.put(type, new Entry(codec, resource, null));
      } else if (!known.codecName().equals(codec) && known.conflict() == null) {
        entries.put(
            type,
            new Entry(
                known.codecName(),
                known.origin(),
                twoCodecs(
                    type,
                    known.codecName() + " (listed in " + known.origin() + ")",
                    codec,
                    resource)));
      }
    }
  }
}
