package dev.ferry.kafka;

import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.internal.codec.InheritOnlyCodec;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.codec.RuntimeRules;
import java.lang.invoke.MethodType;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The type a serializer or deserializer handles and that type's codec: given in code, or read from
 * the client's properties when Kafka calls {@code configure} on an instance it built by class name.
 *
 * @param <T> the type of the records
 */
final class TypeBinding<T> {
  private final String owner;
  private boolean fromCode; // the type was given in code, which the properties do not override
  private String configuredAs; // "keys" or "values", once configure bound the type
  private Class<T> type;
  private Codec<T> codec;
  private boolean tagged;

  /** Unbound until {@link #configure}; {@code owner} names the class in messages. */
  TypeBinding(String owner) {
    this.owner = owner;
  }

  /** Bound to {@code type} for good: the properties do not override a type given in code. */
  TypeBinding(String owner, Class<T> type) {
    this(owner);
    bind(type);
    fromCode = true;
  }

  /**
   * Binds to the type named by {@code ferry.key.type} or {@code ferry.value.type} in {@code
   * configs}, unless a type was given in code: a {@link Class}, or a class's binary name loaded by
   * the thread's context class loader (Kafka's own habit for class names in its configuration) or,
   * failing that, by this library's loader.
   *
   * <p>Configured again (the instance reused with other properties, or configured once for the
   * keys and once for the values), it stays bound to the type it has if the properties name that
   * type, and refuses another with a {@code ConfigException} naming both: one instance writes and
   * reads one type, and the clients already given it would write the other type's records with it.
   * A second {@code configure} used to be ignored, so the instance went on with the first type.
   */
  @SuppressWarnings("unchecked")
  void configure(Map<String, ?> configs, boolean isKey) {
    if (fromCode) {
      return;
    }
    Class<T> configured = (Class<T>) configuredType(configs, isKey);
    String side = isKey ? "keys" : "values";
    if (codec == null) {
      bind(configured);
      configuredAs = side;
      return;
    }
    if (configured != type) {
      String key = isKey ? FerrySerde.KEY_TYPE_CONFIG : FerrySerde.VALUE_TYPE_CONFIG;
      if (configured.getName().equals(type.getName())) {
        throw new ConfigException(anotherLoader(configured, side, key));
      }
      throw new ConfigException(
          owner + " was configured for the " + configuredAs + " as " + type.getName()
              + ", and now for the " + side + " as " + configured.getName() + " (" + key + "):"
              + " one instance writes and reads one type, and the clients already given this one"
              + " use it for " + type.getName() + ". Build one per type, e.g. FerrySerde.of("
              + configured.getSimpleName() + ".class), or let Kafka build each from the class"
              + " name in key.serializer and value.serializer");
    }
  }

  /**
   * Why {@code configured}, which has the bound type's name, is refused: the same class loaded by
   * another class loader (the name given while another context class loader was the thread's, as
   * an application server or a restarting dev tool has it, or a {@code Class} from there). Named by
   * name alone the message read "configured as com.acme.Order, and now as com.acme.Order", and its
   * advice (build one per type) did not fit.
   */
  private String anotherLoader(Class<?> configured, String side, String key) {
    return owner + " was configured for the " + configuredAs + " as " + type.getName() + " of class"
        + " loader " + type.getClassLoader() + ", and now for the " + side + " as the "
        + configured.getName() + " of class loader " + configured.getClassLoader() + " (" + key
        + "): the class was loaded twice, and one loader's copy is not the other's. The clients"
        + " already given this instance use the first; build one per class loader, or configure"
        + " it while the loader the values are made of is the thread's context class loader";
  }

  /** The type the properties name for the keys or the values; throws if none or no such class. */
  private Class<?> configuredType(Map<String, ?> configs, boolean isKey) {
    String key = isKey ? FerrySerde.KEY_TYPE_CONFIG : FerrySerde.VALUE_TYPE_CONFIG;
    Object value = configs.get(key);
    if (value instanceof Class<?> configured) {
      return configured;
    } else if (value instanceof String name && !name.isBlank()) {
      return load(key, name.trim());
    } else {
      throw new ConfigException(
          owner + " needs the type of the " + (isKey ? "keys" : "values") + " it handles, and " + key
              + " is " + (value == null ? "not set" : "'" + value + "'")
              + ". Set it to the @Transferable class's name, e.g. props.put(FerrySerde."
              + (isKey ? "KEY_TYPE_CONFIG" : "VALUE_TYPE_CONFIG") + ", Order.class.getName()), or"
              + " build the serde in code with FerrySerde.of(Order.class).");
    }
  }

  /** The bound type. */
  Class<T> type() {
    requireBound();
    return type;
  }

  /** The bound type's codec. */
  Codec<T> codec() {
    requireBound();
    return codec;
  }

  /**
   * Whether the bound type has no codec of its own ({@code String}, {@code List}, an enum without
   * one): its records are then written as {@link Codecs#encode} writes such values, with their type
   * named, because the channel codec {@link Codecs#of} gives for it has a fingerprint that every
   * such type shares, and a {@code List} read as a {@code Set} would otherwise pass.
   */
  boolean tagged() {
    requireBound();
    return tagged;
  }

  private void bind(Class<T> type) {
    if (type == null) {
      throw new NullPointerException("type == null");
    }
    if (isEnumConstantBody(type)) {
      // What value.getClass() gives for such a constant: no codec has it, its enum's does.
      String constantsEnum = type.getSuperclass().getName();
      throw new ConfigException(
          type.getName() + " is the class of the body of an enum constant of " + constantsEnum
              + ", not a type of its own: build the serde for the enum, e.g. FerrySerde.of("
              + type.getSuperclass().getSimpleName() + ".class), or use getDeclaringClass()"
              + " rather than getClass() on the constant");
    }
    if (type.isPrimitive()) {
      // Codecs.of refuses it saying to wrap it in a @Transferable record, but Kafka hands a
      // serializer boxed values, and the box has a codec: FerrySerde.of(Integer.class) works.
      Class<?> box = MethodType.methodType(type).wrap().returnType();
      throw new ConfigException(
          RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getName() + " is a primitive"
              + " type, and Kafka hands a serializer its values boxed, as " + box.getName()
              + ": build the serde for the box, e.g. FerrySerde.of(" + box.getSimpleName()
              + ".class)");
    }
    if (type.isArray() && !type.getComponentType().isPrimitive()) {
      // Codecs.of gives arrays a channel's codec, which writes a primitive array on its own but an
      // array of objects only as a member of a @Transferable type: every record would fail.
      throw new ConfigException(
          RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + type.getTypeName() + " is an array of"
              + " objects, which Ferry writes only as a member of a @Transferable type, not as a"
              + " record of its own: send a List (FerrySerde.of(List.class)), or wrap the array in a"
              + " @Transferable record");
    }
    Codec<T> codec; // bound only once every check has passed: a refused type leaves this unbound
    try {
      codec = Codecs.of(type);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException(e.getMessage());
    }
    if (codec instanceof InheritOnlyCodec<?>) {
      // Its codec exists for spawn arguments; it refuses to write a value anywhere else, so every
      // send would fail.
      throw new ConfigException(
          RuntimeRules.prefix(RuntimeRules.INHERIT_ONLY_SENT) + type.getName() + " is @InheritOnly:"
              + " its values hold process-local handles (channels), which reach a child only as a"
              + " spawn argument, so no record of it can be written to a topic. Build the serde for"
              + " a @Transferable type that holds the plain values the consumers need instead");
    }
    this.tagged = !isOwnCodec(type, codec);
    this.type = type;
    this.codec = codec;
  }

  private static boolean isEnumConstantBody(Class<?> type) {
    return !type.isEnum() && type.getSuperclass() != null && type.getSuperclass().isEnum();
  }

  private static boolean isOwnCodec(Class<?> type, Codec<?> codec) {
    try {
      return OwnCodecs.of(type) == codec;
    } catch (IllegalArgumentException none) {
      return false;
    }
  }

  private static Class<?> load(String key, String name) {
    Class<?> loaded;
    try {
      loaded = loadIfAny(name);
    } catch (LinkageError broken) {
      throw notLoadable(key, name, broken);
    }
    if (loaded == null) {
      String meant = meant(name);
      throw new ConfigException(
          key, name, "no such class on the class path; "
              + (meant != null
                  ? meant
                  : "give the binary name of a @Transferable type, e.g. com.acme.Order or"
                      + " com.acme.Outer$Order for a nested one"));
    }
    return loaded;
  }

  /**
   * The class named {@code name}, by the context class loader and else this library's; or null if
   * neither has it. A class that is there but cannot be loaded (its static initializer threw, a
   * class it needs is missing) throws that {@code LinkageError} if no loader gives the class.
   */
  private static Class<?> loadIfAny(String name) {
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    ClassLoader own = TypeBinding.class.getClassLoader();
    LinkageError broken = null;
    for (ClassLoader loader : new ClassLoader[] {context != null ? context : own, own}) {
      try {
        return Class.forName(name, true, loader);
      } catch (ClassNotFoundException notThere) {
        // the next loader, or none
      } catch (LinkageError e) {
        broken = broken == null ? e : broken;
      }
    }
    if (broken != null) {
      throw broken;
    }
    return null;
  }

  /** Whether a class named {@code name} is there, loadable or not: for the hints of {@link #meant}. */
  private static boolean exists(String name) {
    try {
      return loadIfAny(name) != null;
    } catch (LinkageError broken) {
      return true;
    }
  }

  /**
   * A class named in the properties that is there but cannot be loaded. It was reported as "no
   * such class on the class path", sending the user to look for a typo instead of at the class.
   */
  private static ConfigException notLoadable(String key, String name, LinkageError broken) {
    String why =
        broken instanceof ExceptionInInitializerError && broken.getCause() != null
            ? "its static initializer threw " + broken.getCause() + ": fix the initializer"
            : "loading it failed with " + broken + ": put the classes it needs on the class path,"
                + " built for this JVM";
    ConfigException e =
        new ConfigException(key, name, "the class is on the class path, but " + why);
    e.initCause(broken);
    return e;
  }

  /**
   * What the user meant by a name that is no class's binary name, as a fix, or null: a type as Java
   * source writes it, which Class.forName does not read (a nested class's canonical name {@code
   * com.acme.Outer.Order}, type arguments {@code Box<Job>}, an array {@code byte[]}, a primitive).
   * Only on this failure path.
   */
  private static String meant(String name) {
    int arguments = name.indexOf('<');
    if (arguments > 0) {
      String raw = name.substring(0, arguments).trim();
      String binary = exists(raw) ? raw : nestedBinaryName(raw);
      return binary == null ? null : "give the class without type arguments, " + binary + ": its"
          + " codec writes each value of a type variable by the value's own class";
    }
    Map<String, String> primitives = Map.of("boolean", "Z", "byte", "B", "short", "S", "char", "C",
        "int", "I", "long", "J", "float", "F", "double", "D");
    if (name.endsWith("[]") && primitives.containsKey(name.substring(0, name.length() - 2).trim())) {
      return "give an array type by its binary name, [" + primitives.get(name.substring(0,
          name.length() - 2).trim()) + " for " + name + ", or build the serde in code with"
          + " FerrySerde.of(" + name + ".class)";
    }
    if (primitives.containsKey(name)) {
      return name + " is a primitive type: give its box, e.g. java.lang.Integer for int";
    }
    String binary = nestedBinaryName(name);
    return binary == null ? null : "give a nested class by its binary name, " + binary;
  }

  /** {@code com.acme.Outer$Order} for {@code com.acme.Outer.Order} if that class exists, or null. */
  private static String nestedBinaryName(String canonical) {
    String candidate = canonical;
    for (int dot = candidate.lastIndexOf('.'); dot > 0; dot = candidate.lastIndexOf('.', dot - 1)) {
      candidate = candidate.substring(0, dot) + '$' + candidate.substring(dot + 1);
      if (exists(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private void requireBound() {
    if (codec == null) {
      throw new IllegalStateException(
          owner + " was built without a type and never configured: build it with new " + owner
              + "<>(Order.class) or FerrySerde.of(Order.class), or set "
              + FerrySerde.VALUE_TYPE_CONFIG + " in the client's properties");
    }
  }
}
