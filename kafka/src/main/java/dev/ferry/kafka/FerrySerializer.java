package dev.ferry.kafka;

import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.codec.StackOverflows;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes records of one {@code @Transferable} type with its generated codec: an 8-byte fingerprint
 * of the type's shape, then the codec's bytes (the layout of {@link dev.ferry.Codecs#encode}, with
 * the codec of the configured type, so a sealed interface's subtypes are written with their tag).
 * A type with no codec of its own ({@code String}, {@code List}) is written exactly as {@code
 * Codecs.encode} writes it, its type named. A null record stays null, so tombstones pass through. A
 * value the codec cannot write (a member of a type variable holding a class with no codec) fails
 * with a {@link SerializationException} naming the topic and the type.
 *
 * <p>Build it with {@link #FerrySerializer(Class)} or {@link FerrySerde#of}, or name it in the
 * producer's properties with {@link FerrySerde#VALUE_TYPE_CONFIG} (or {@link
 * FerrySerde#KEY_TYPE_CONFIG}) naming the type:
 *
 * <pre>{@code
 * props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, FerrySerializer.class);
 * props.put(FerrySerde.VALUE_TYPE_CONFIG, Order.class.getName());
 * }</pre>
 *
 * <p>Thread-safe: Kafka serializes on the threads that call {@code send}, so each thread writes
 * into a scratch buffer of its own and the record gets an exact-size copy.
 *
 * @param <T> the type of the records
 */
public final class FerrySerializer<T> implements Serializer<T> {
  /** Scratch buffers larger than this are not kept after a record, so one huge value cannot pin memory. */
  private static final int KEPT_SCRATCH_BYTES = 1 << 20;

  private static final ThreadLocal<ByteOutput> SCRATCH = ThreadLocal.withInitial(() -> new ByteOutput(1024));

  private final TypeBinding<T> binding;

  /** For Kafka's configuration by class name: the type comes from {@link #configure}. */
  public FerrySerializer() {
    binding = new TypeBinding<>("FerrySerializer");
  }

  /** A serializer for records of {@code type}, which must have a Ferry codec. */
  public FerrySerializer(Class<T> type) {
    binding = new TypeBinding<>("FerrySerializer", type);
  }

  /** Reads the type from {@link FerrySerde#VALUE_TYPE_CONFIG} or {@link FerrySerde#KEY_TYPE_CONFIG}. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    binding.configure(configs, isKey);
  }

  @Override
  public byte[] serialize(String topic, T data) {
    if (data == null) {
      return null;
    }
    Codec<T> codec = binding.codec();
    Class<T> type = binding.type();
    if (!type.isInstance(data)) {
      throw new SerializationException(FerryDeserializer.where(topic) + notOfType(type, data));
    }
    try {
      return binding.tagged() ? Codecs.encode(data) : write(codec, data);
    } catch (RuntimeException e) {
      // KafkaProducer.send promises a SerializationException for a value its serializer cannot
      // write, e.g. a member of a type variable or of Object holding a class with no codec.
      throw new SerializationException(
          FerryDeserializer.where(topic) + "FerrySerializer could not write the " + type.getTypeName()
              + " value: " + e.getMessage(), e);
    } catch (StackOverflowError e) {
      // A hand-written codec that does not count depth, given a cycle or a chain deeper than the
      // stack, or an accessor that recurses: KafkaProducer.send would let the Error out; it is a
      // value this serializer cannot write. An OutOfMemoryError is never caught.
      throw new SerializationException(
          FerryDeserializer.where(topic) + "FerrySerializer could not write the " + type.getTypeName()
              + " value: writing it " + StackOverflows.explain(e, type.getClassLoader(), false),
          e);
    }
  }

  /**
   * Why {@code data} is no {@code type}: another type, or the same class loaded by another class
   * loader, which read "writes com.acme.Order but was given a com.acme.Order". An application server,
   * a plugin host or a restarting dev tool (Spring Boot DevTools) loads the application's classes
   * with a loader of its own, and a serializer bound to the class of another loader gets values of
   * the copy. Only on this failure path.
   */
  private static String notOfType(Class<?> type, Object data) {
    Class<?> copy = supertypeNamed(data.getClass(), type.getName());
    if (copy == null) {
      return "FerrySerializer writes " + type.getTypeName() + " but was given a "
          + data.getClass().getName() + "; give the producer a serializer for that type";
    }
    return "FerrySerializer writes " + type.getTypeName() + " of class loader "
        + type.getClassLoader() + " but was given a value of the " + type.getTypeName()
        + " of class loader " + copy.getClassLoader() + ": the class was loaded twice, and one"
        + " loader's copy is not the other's. Build the serializer with the class the values are"
        + " made of (FerrySerde.of(value.getClass()), or name the type in "
        + FerrySerde.VALUE_TYPE_CONFIG + " while that loader is the thread's context class loader)";
  }

  /** {@code type} or its nearest superclass or interface named {@code name}, or null. */
  private static Class<?> supertypeNamed(Class<?> type, String name) {
    if (type == null) {
      return null;
    }
    if (type.getName().equals(name)) {
      return type;
    }
    Class<?> found = supertypeNamed(type.getSuperclass(), name);
    Class<?>[] interfaces = type.getInterfaces();
    for (int i = 0; found == null && i < interfaces.length; i++) {
      found = supertypeNamed(interfaces[i], name);
    }
    return found;
  }

  private static <T> byte[] write(Codec<T> codec, T data) {
    ByteOutput out = SCRATCH.get();
    out.reset();
    try {
      out.writeFixedLong(OwnCodecs.fingerprint(codec));
      OwnCodecs.write(codec, out, data, data.getClass().getName());
      return out.toByteArray();
    } finally {
      // After a value that failed part-way too (a payload with no codec after a long list, or the
      // heap running out): the output grew for it, and the thread kept it until its next send.
      if (out.array().length > KEPT_SCRATCH_BYTES) {
        SCRATCH.remove();
      }
    }
  }
}
