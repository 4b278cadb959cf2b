package dev.ferry.kafka;

import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A Kafka {@link Serde} for one {@code @Transferable} type, backed by the codec Ferry's processor
 * generated for it: no reflection, no schema registry, and a record written by another version of
 * the type is refused with a clear {@code SerializationException} (see {@link FerryDeserializer}).
 *
 * <pre>{@code
 * Serde<Order> orders = FerrySerde.of(Order.class);
 * var producer = new KafkaProducer<>(props, new StringSerializer(), orders.serializer());
 * var consumer = new KafkaConsumer<>(props, new StringDeserializer(), orders.deserializer());
 * }</pre>
 *
 * <p>Or by class name in the client's properties, naming the type with {@link #VALUE_TYPE_CONFIG}
 * (for keys, {@link #KEY_TYPE_CONFIG}):
 *
 * <pre>{@code
 * props.put("value.serializer", "dev.ferry.kafka.FerrySerializer");   // or value.deserializer
 * props.put("ferry.value.type", "com.acme.Order");
 * }</pre>
 *
 * Kafka Streams configures a serde named in {@code default.value.serde} the same way.
 *
 * @param <T> the type of the records
 */
public final class FerrySerde<T> implements Serde<T> {
  /**
   * The property naming the type of the values, for a serializer, deserializer or serde configured
   * by class name: a class's binary name ({@code "com.acme.Order"}) or a {@link Class}.
   */
  public static final String VALUE_TYPE_CONFIG = "ferry.value.type";

  /** The property naming the type of the keys, like {@link #VALUE_TYPE_CONFIG}. */
  public static final String KEY_TYPE_CONFIG = "ferry.key.type";

  private final FerrySerializer<T> serializer;
  private final FerryDeserializer<T> deserializer;

  /** For configuration by class name (e.g. Kafka Streams' {@code default.value.serde}). */
  public FerrySerde() {
    this.serializer = new FerrySerializer<>();
    this.deserializer = new FerryDeserializer<>();
  }

  private FerrySerde(Class<T> type) {
    this.serializer = new FerrySerializer<>(type);
    this.deserializer = new FerryDeserializer<>(type);
  }

  /**
   * The serde of {@code type}, which must be {@code @Transferable} (or have an imported or
   * hand-written Ferry codec), or a JDK type a channel carries ({@code String}, {@code List}), whose
   * records are written as {@link dev.ferry.Codecs#encode} writes them, their type named. For a
   * sealed interface, give the interface: every permitted subtype then travels with its tag.
   *
   * @throws org.apache.kafka.common.config.ConfigException if {@code type} has no Ferry codec
   */
  public static <T> FerrySerde<T> of(Class<T> type) {
    return new FerrySerde<>(type);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(configs, isKey);
  }

  @Override
  public Serializer<T> serializer() {
    return serializer;
  }

  @Override
  public Deserializer<T> deserializer() {
    return deserializer;
  }
}
