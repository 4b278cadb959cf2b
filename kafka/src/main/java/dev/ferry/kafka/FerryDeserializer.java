package dev.ferry.kafka;

import dev.ferry.ByteInput;
import dev.ferry.Codec;
import dev.ferry.Codecs;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.codec.StackOverflows;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads records written by {@link FerrySerializer} for the same type. The record's first 8 bytes
 * are the writer's codec fingerprint: when it is not this reader's (the producer was built from
 * another version of the type), reading fails with a {@link SerializationException} naming both
 * fingerprints instead of decoding garbage. Truncated or malformed bytes fail the same way, never
 * with an allocation sized by a forged length. A null record (a tombstone) reads as null.
 *
 * <p>Configure it like {@link FerrySerializer}, with {@link FerrySerde#VALUE_TYPE_CONFIG} or
 * {@link FerrySerde#KEY_TYPE_CONFIG}. Thread-safe: it keeps no state between records.
 *
 * @param <T> the type of the records
 */
public final class FerryDeserializer<T> implements Deserializer<T> {
  /** The fingerprint that starts every record, as {@link FerrySerializer} writes it. */
  private static final int FINGERPRINT_BYTES = 8;

  /** The fingerprint {@link Codecs#encode} writes before a JDK value (a type with no codec of its own). */
  private static final long TAGGED_FINGERPRINT = new ByteInput(Codecs.encode("")).readFixedLong();

  private final TypeBinding<T> binding;

  /** For Kafka's configuration by class name: the type comes from {@link #configure}. */
  public FerryDeserializer() {
    binding = new TypeBinding<>("FerryDeserializer");
  }

  /** A deserializer for records of {@code type}, which must have a Ferry codec. */
  public FerryDeserializer(Class<T> type) {
    binding = new TypeBinding<>("FerryDeserializer", type);
  }

  /** Reads the type from {@link FerrySerde#VALUE_TYPE_CONFIG} or {@link FerrySerde#KEY_TYPE_CONFIG}. */
  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    binding.configure(configs, isKey);
  }

  @Override
  public T deserialize(String topic, byte[] data) {
    return data == null ? null : read(topic, data, 0, data.length);
  }

  /** Reads straight from the fetched buffer when it has an array, without Kafka's default copy. */
  @Override
  public T deserialize(String topic, Headers headers, ByteBuffer data) {
    if (data == null) {
      return null;
    }
    if (data.hasArray()) {
      return read(topic, data.array(), data.arrayOffset() + data.position(), data.remaining());
    }
    byte[] copy = new byte[data.remaining()];
    data.duplicate().get(copy);
    return read(topic, copy, 0, copy.length);
  }

  private T read(String topic, byte[] bytes, int offset, int length) {
    Codec<T> codec = binding.codec();
    Class<T> type = binding.type();
    if (length < FINGERPRINT_BYTES) {
      throw new SerializationException(
          where(topic) + "a record of " + length + " bytes cannot hold a Ferry value of "
              + type.getTypeName() + " (at least the 8-byte fingerprint): it was not written by "
              + "FerrySerializer");
    }
    ByteInput in = new ByteInput(bytes, offset, length);
    long fingerprint = in.readFixedLong();
    long expected = binding.tagged() ? TAGGED_FINGERPRINT : OwnCodecs.fingerprint(codec);
    if (fingerprint != expected) {
      throw mismatch(topic, type, expected, fingerprint);
    }
    if (binding.tagged()) {
      return decodeTagged(topic, type, bytes, offset, length);
    }
    try {
      T value = OwnCodecs.read(codec, in, type.getTypeName());
      in.requireEnd();
      return value;
    } catch (TransferException e) {
      throw new SerializationException(
          where(topic) + "the record is not a valid " + type.getTypeName() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw codecThrew(topic, type, codec, e);
    } catch (StackOverflowError e) {
      throw tooDeep(
          topic, type, "its codec " + codec.getClass().getName(), codec.getClass().getClassLoader(), e);
    }
  }

  /**
   * A record whose reading overflowed the stack: values nested deeper than the stack holds, read
   * by a hand-written codec that does not count its depth, or the value's own code (a constructor
   * that recurses) called by its codec. As unreadable as any other bad record, so the consumer is
   * handed a {@code SerializationException} it can skip (Kafka lets an {@code Error} out of {@code
   * poll} unwrapped, ending the consumer's loop), the stack having unwound to here; worded by
   * {@link StackOverflows}. An {@code OutOfMemoryError} is never caught: it is the JVM's, whatever
   * provoked it.
   */
  static SerializationException tooDeep(
      String topic, Class<?> type, String reader, ClassLoader loader, StackOverflowError e) {
    return new SerializationException(
        where(topic) + "the record is not a valid " + type.getTypeName() + ": " + reader + " "
            + StackOverflows.explain(e, loader, true),
        e);
  }

  /**
   * A hand-written codec's own exception (its factory's {@code IllegalArgumentException} for bytes
   * that make no valid value), as the {@code SerializationException} every other unreadable record
   * is: what a consumer catches, and what a Streams {@code DeserializationExceptionHandler} is
   * handed, now naming the topic and the type, with the codec's exception as its cause.
   */
  private static SerializationException codecThrew(
      String topic, Class<?> type, Codec<?> codec, RuntimeException e) {
    return new SerializationException(
        where(topic) + "the record is not a valid " + type.getTypeName() + ": its codec "
            + codec.getClass().getName() + " threw " + e,
        e);
  }

  /**
   * The error for a record whose fingerprint is not this reader's: written for another Ferry type
   * that the class path knows (looked up in the codec registry, on this failure path only), e.g.
   * for the sealed interface when this reader was configured with one of its records, or the other
   * way round; else by another version of the type, or not by {@link FerrySerializer} at all.
   */
  private static SerializationException mismatch(String topic, Class<?> type, long expected, long written) {
    if (written == TAGGED_FINGERPRINT) {
      return new SerializationException(
          where(topic) + "the record was written for a JDK type (as Codecs.encode writes a String or"
              + " a List) and this deserializer reads " + type.getTypeName() + ": configure the producer"
              + " and the consumer with the same type");
    }
    Class<?> writer = typeWithFingerprint(type, written);
    if (writer == null) {
      TransferException mismatch = Codecs.fingerprintMismatch(type, expected, written);
      return new SerializationException(
          where(topic) + mismatch.getMessage() + "; or the record was not written by FerrySerializer"
              + " (another serializer's bytes on the topic)",
          mismatch);
    }
    String fix;
    if (writer.isAssignableFrom(type)) {
      fix = "configure the consumer with " + writer.getName() + ", as the producer is: each of"
          + " its subtypes comes back as its own class";
    } else if (type.isAssignableFrom(writer)) {
      // The producer wrote the subtype with its own codec, without the tag the interface's reads.
      fix = "configure the producer with " + type.getTypeName() + ", as the consumer is: it then"
          + " writes each subtype with its tag, which a reader of " + type.getTypeName() + " needs";
    } else {
      fix = "configure the producer and the consumer with the same type";
    }
    return new SerializationException(
        String.format(
            Locale.ROOT,
            "%sthe record was written for %s and this deserializer reads %s (fingerprints %016x"
                + " and %016x): %s",
            where(topic), writer.getName(), type.getTypeName(), written, expected, fix));
  }

  /** The Ferry type listed on {@code type}'s class path whose codec has {@code fingerprint}, or null. */
  private static Class<?> typeWithFingerprint(Class<?> type, long fingerprint) {
    Map.Entry<Class<?>, Codec<?>> listed = OwnCodecs.listedWithFingerprint(type, fingerprint);
    return listed == null ? null : listed.getKey();
  }

  /** Reads a value written as {@link Codecs#encode} writes a type with no codec of its own. */
  private static <T> T decodeTagged(String topic, Class<T> type, byte[] bytes, int offset, int length) {
    byte[] exact = offset == 0 && length == bytes.length ? bytes : Arrays.copyOfRange(bytes, offset, offset + length);
    try {
      return Codecs.decode(exact, type);
    } catch (TransferException e) {
      throw new SerializationException(where(topic) + "the record is not a " + type.getTypeName() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // Not the bytes' fault (a codec's own exception is a TransferException's cause by now):
      // two jars bringing a codec each for a type the record holds.
      throw new SerializationException(
          where(topic) + "the record is not a " + type.getTypeName() + ": reading it threw " + e, e);
    } catch (StackOverflowError e) {
      throw tooDeep(topic, type, "reading it", type.getClassLoader(), e);
    }
  }

  /**
   * Where a message's record was, to start it: {@code topic 'orders': }, or nothing for a null
   * topic (a caller outside a client, such as a state store's, may give none), which read "topic
   * 'null'" as if a topic had that name.
   */
  static String where(String topic) {
    return topic == null ? "" : "topic '" + topic + "': ";
  }
}
