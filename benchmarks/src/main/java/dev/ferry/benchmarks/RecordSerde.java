package dev.ferry.benchmarks;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ferry.kafka.FerrySerde;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One way to turn a record's value into Kafka's {@code byte[]} and back, set up as a Kafka user
 * would: a serializer returns a fresh array of exactly the record's bytes (Kafka keeps it), a
 * deserializer reads one array.
 *
 * <ul>
 *   <li>{@code ferry}: {@link FerrySerde#of}, i.e. the 8-byte fingerprint and the generated codec.
 *   <li>{@code jackson}: one shared {@link ObjectMapper}, {@code writeValueAsBytes} and {@code
 *       readValue(bytes, type)}: what Kafka's JSON serdes (e.g. Spring Kafka's) do.
 *   <li>{@code kryo}: Kryo 5 as a Kafka serde is usually written: registration required, references
 *       off, one reused {@link Output} whose bytes are copied out, one reused {@link Input}.
 * </ul>
 */
abstract class RecordSerde {
  static final List<String> NAMES = List.of("ferry", "jackson", "kryo");

  /** The bytes of one record's value, in a fresh array. */
  abstract byte[] serialize(Object value);

  /** The value of one record. */
  abstract Object deserialize(byte[] bytes);

  static RecordSerde create(String name, Class<?> type, List<Class<?>> kryoTypes) {
    return switch (name) {
      case "ferry" -> new Ferry<>(type);
      case "jackson" -> new Jackson(type);
      case "kryo" -> new KryoSerde(type, kryoTypes);
      default -> throw new IllegalArgumentException("unknown serde " + name);
    };
  }

  private static final class Ferry<T> extends RecordSerde {
    private final Class<T> type;
    private final Serializer<T> serializer;
    private final Deserializer<T> deserializer;

    Ferry(Class<T> type) {
      this.type = type;
      FerrySerde<T> serde = FerrySerde.of(type);
      serializer = serde.serializer();
      deserializer = serde.deserializer();
    }

    @Override
    byte[] serialize(Object value) {
      return serializer.serialize("media", type.cast(value));
    }

    @Override
    Object deserialize(byte[] bytes) {
      return deserializer.deserialize("media", bytes);
    }
  }

  private static final class Jackson extends RecordSerde {
    private final ObjectMapper mapper = new ObjectMapper();
    private final Class<?> type;

    Jackson(Class<?> type) {
      this.type = type;
    }

    @Override
    byte[] serialize(Object value) {
      try {
        return mapper.writeValueAsBytes(value);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    Object deserialize(byte[] bytes) {
      try {
        return mapper.readValue(bytes, type);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static final class KryoSerde extends RecordSerde {
    private final Kryo kryo = new Kryo();
    private final Output output = new Output(64 * 1024, -1);
    private final Input input = new Input();
    private final Class<?> type;

    KryoSerde(Class<?> type, List<Class<?>> types) {
      kryo.setRegistrationRequired(true);
      kryo.setReferences(false);
      types.forEach(kryo::register);
      this.type = type;
    }

    @Override
    byte[] serialize(Object value) {
      output.reset();
      kryo.writeObject(output, value);
      return output.toBytes();
    }

    @Override
    Object deserialize(byte[] bytes) {
      input.setBuffer(bytes);
      return kryo.readObject(input, type);
    }
  }
}
