package dev.ferry.kafka.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Codecs;
import dev.ferry.kafka.FerryDeserializer;
import dev.ferry.kafka.FerrySerde;
import dev.ferry.kafka.FerrySerializer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ferry's serde against a real KRaft broker started in this JVM: producers and consumers built in
 * code and by class name in their properties, records of a sealed hierarchy, a consumer built from
 * another version of the type, and tombstones.
 */
class KafkaRoundTripTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static Broker broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = Broker.start();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(
              List.of("events", "raw", "versions", "tombstones", "jdk", "subtypes", "reused").stream()
                  .map(name -> new NewTopic(name, 1, (short) 1))
                  .toList())
          .all()
          .get();
    }
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void tenThousandEventsOfASealedHierarchy_arriveEqualAndInOrder() {
    List<OrderEvent> sent = events(10_000);
    // The producer names Ferry's serializer and the type in its properties, as a config file would.
    Properties props = producerProps();
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, FerrySerializer.class.getName());
    props.put(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName());
    try (KafkaProducer<String, OrderEvent> producer = new KafkaProducer<>(props)) {
      for (OrderEvent event : sent) {
        producer.send(new ProducerRecord<>("events", Long.toString(event.orderId()), event));
      }
      producer.flush();
    }

    // The consumer gets the serde built in code.
    List<OrderEvent> received = values("events", FerrySerde.of(OrderEvent.class).deserializer(), sent.size());

    assertEquals(sent.size(), received.size());
    for (int i = 0; i < sent.size(); i++) {
      assertEquals(sent.get(i), received.get(i), "record " + i);
      assertEquals(sent.get(i).getClass(), received.get(i).getClass(), "record " + i);
    }
  }

  @Test
  void recordBytes_startWithTheCodecFingerprint_thenTheCodecBytes() {
    OrderEvent event = new OrderEvent.Cancelled(7, "out of stock");
    try (KafkaProducer<String, OrderEvent> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), FerrySerde.of(OrderEvent.class).serializer())) {
      producer.send(new ProducerRecord<>("raw", "7", event));
    }

    byte[] bytes = values("raw", new ByteArrayDeserializer(), 1).get(0);

    long fingerprint = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(Codecs.of(OrderEvent.class).fingerprint(), fingerprint);
    assertArrayEquals(
        Arrays.copyOfRange(bytes, 8, bytes.length),
        Arrays.copyOfRange(codecBytes(event), 0, bytes.length - 8));
  }

  @Test
  void consumerBuiltFromAChangedType_failsNamingBothFingerprints(@TempDir Path dir) throws Exception {
    try (KafkaProducer<String, Order> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), FerrySerde.of(Order.class).serializer())) {
      producer.send(new ProducerRecord<>("versions", "1", new Order(1, "Ada")));
    }
    Class<?> changed =
        ChangedTypes.compile(
            Order.class.getName(),
            """
            package dev.ferry.kafka.it;

            @dev.ferry.annotation.Transferable
            public record Order(long id, String customer, int priority) {}
            """,
            dir);
    long written = Codecs.of(Order.class).fingerprint();
    long expected = Codecs.of(changed).fingerprint();
    assertTrue(written != expected, "the two versions must have different fingerprints");

    // By class name, with the type given as a Class: how a consumer of the new build is set up.
    Properties props = consumerProps();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, FerryDeserializer.class.getName());
    props.put(FerrySerde.VALUE_TYPE_CONFIG, changed);
    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition("versions", 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      SerializationException e =
          assertThrows(SerializationException.class, () -> pollUntilFailure(consumer));
      String messages = messages(e);
      assertTrue(messages.contains(hex(written)), messages);
      assertTrue(messages.contains(hex(expected)), messages);
      assertTrue(messages.contains("topic 'versions'"), messages);
      assertTrue(messages.contains("dev.ferry.kafka.it.Order"), messages);
      assertTrue(messages.contains("different version of the type"), messages);
      // What docs/kafka.md tells the consumer: poll names where the record is, fails on it again
      // until the consumer seeks past it, and Ferry's exception is the cause.
      RecordDeserializationException where = assertInstanceOf(RecordDeserializationException.class, e);
      assertEquals(partition, where.topicPartition());
      assertEquals(RecordDeserializationException.DeserializationExceptionOrigin.VALUE, where.origin());
      assertInstanceOf(SerializationException.class, where.getCause());
      RecordDeserializationException again =
          assertThrows(RecordDeserializationException.class, () -> pollUntilFailure(consumer));
      assertEquals(where.offset(), again.offset());
      consumer.seek(partition, where.offset() + 1);
      assertEquals(where.offset() + 1, consumer.position(partition));
    }

    // The record itself is sound: a consumer of the version that wrote it reads it.
    assertEquals(List.of(new Order(1, "Ada")), values("versions", FerrySerde.of(Order.class).deserializer(), 1));
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void aValueItsCodecCannotWrite_failsSendWithASerializationException() {
    try (KafkaProducer<String, Envelope> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), FerrySerde.of(Envelope.class).serializer())) {
      Envelope unwritable = new Envelope<>("Ada", new StringBuilder("no codec"));

      // KafkaProducer.send's contract for a value its serializer cannot write.
      SerializationException e =
          assertThrows(SerializationException.class, () -> producer.send(new ProducerRecord<>("raw", "1", unwritable)));

      assertTrue(e.getMessage().startsWith("topic 'raw': FerrySerializer could not write the " + Envelope.class.getName()), e.getMessage());
      assertTrue(e.getMessage().contains("[ferry:not-transferable] java.lang.StringBuilder"), e.getMessage());
    }
  }

  /**
   * A serde built by class name and configured from a client's properties, then configured again
   * with another type (reused for another topic's keys): the second configure was ignored, so the
   * producer already given it went on, and the new use wrote its keys with the values' codec. Now
   * it is refused naming both types, and the producer's records still arrive.
   */
  @Test
  @SuppressWarnings("unchecked")
  void serdeConfiguredAgainWithAnotherType_isRefused_andGoesOnWithItsType() {
    Properties props = producerProps();
    props.put(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName());
    Map<String, Object> configs = new java.util.HashMap<>();
    props.forEach((key, value) -> configs.put((String) key, value));
    FerrySerde<Object> serde = new FerrySerde<>();
    serde.configure(configs, false);
    serde.configure(configs, false); // the same again: nothing changes
    OrderEvent event = new OrderEvent.Cancelled(11, "reused");
    try (KafkaProducer<String, Object> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), serde.serializer())) {
      configs.put(FerrySerde.KEY_TYPE_CONFIG, Order.class.getName());
      ConfigException e = assertThrows(ConfigException.class, () -> serde.configure(configs, true));
      assertTrue(e.getMessage().startsWith("FerrySerializer was configured for the values as "
          + OrderEvent.class.getName() + ", and now for the keys as " + Order.class.getName()),
          e.getMessage());
      producer.send(new ProducerRecord<>("reused", "11", event));
    }

    List<Object> received = values("reused", serde.deserializer(), 1);

    assertEquals(List.of(event), received);
  }

  @Test
  void tombstones_stayNull() {
    OrderEvent event = new OrderEvent.Cancelled(9, "duplicate");
    try (KafkaProducer<String, OrderEvent> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), FerrySerde.of(OrderEvent.class).serializer())) {
      producer.send(new ProducerRecord<>("tombstones", "9", event));
      producer.send(new ProducerRecord<>("tombstones", "9", null));
      producer.send(new ProducerRecord<>("tombstones", "10", null));
    }

    List<OrderEvent> received = values("tombstones", FerrySerde.of(OrderEvent.class).deserializer(), 3);

    assertEquals(event, received.get(0));
    assertNull(received.get(1));
    assertNull(received.get(2));
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void jdkValues_areWrittenAsCodecsEncodeWritesThem_andReadOnlyAsTheirOwnType() {
    List<String> sent = List.of("a", "b");
    try (KafkaProducer<String, List> producer =
        new KafkaProducer<>(producerProps(), new StringSerializer(), FerrySerde.of(List.class).serializer())) {
      producer.send(new ProducerRecord<>("jdk", "1", sent));
    }

    assertArrayEquals(Codecs.encode(sent), values("jdk", new ByteArrayDeserializer(), 1).get(0));
    assertEquals(List.of(sent), values("jdk", FerrySerde.of(List.class).deserializer(), 1));
    // A consumer configured with another JDK type must not get the list back as a Set.
    try (KafkaConsumer<String, Object> consumer =
        new KafkaConsumer<>(consumerProps(), new StringDeserializer(), (Deserializer) FerrySerde.of(Set.class).deserializer())) {
      TopicPartition partition = new TopicPartition("jdk", 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      SerializationException e = assertThrows(SerializationException.class, () -> pollUntilFailure(consumer));
      String messages = messages(e);
      assertTrue(messages.contains("topic 'jdk'"), messages);
      assertTrue(messages.contains("not a java.util.Set"), messages);
    }
  }

  @Test
  void consumerOfOneSubtype_ofRecordsWrittenForTheSealedInterface_isToldToReadTheInterface() {
    Properties producer = producerProps();
    producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, FerrySerializer.class.getName());
    producer.put(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName());
    try (KafkaProducer<String, OrderEvent> kafka = new KafkaProducer<>(producer)) {
      kafka.send(new ProducerRecord<>("subtypes", "1", new OrderEvent.Cancelled(1, "late")));
    }
    Properties props = consumerProps();
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, FerryDeserializer.class.getName());
    props.put(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.Cancelled.class.getName());

    try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props)) {
      TopicPartition partition = new TopicPartition("subtypes", 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      SerializationException e = assertThrows(SerializationException.class, () -> pollUntilFailure(consumer));
      String messages = messages(e);
      assertTrue(
          messages.contains("topic 'subtypes': the record was written for " + OrderEvent.class.getName()
              + " and this deserializer reads " + OrderEvent.Cancelled.class.getName()),
          messages);
      assertTrue(messages.contains("configure the consumer with " + OrderEvent.class.getName()), messages);
    }
  }

  private static List<OrderEvent> events(int count) {
    List<OrderEvent> events = new ArrayList<>(count);
    Instant start = Instant.parse("2026-12-01T09:00:00Z");
    for (int i = 0; i < count; i++) {
      long id = 100_000L + i;
      events.add(
          switch (i % 3) {
            case 0 -> new OrderEvent.Placed(
                id,
                "customer-" + (i % 97),
                List.of(
                    new OrderEvent.Line("sku-" + i, 1 + i % 5, new BigDecimal("19.99")),
                    new OrderEvent.Line("sku-" + (i + 1), 2, BigDecimal.valueOf(i, 2))),
                start.plusMillis(i));
            case 1 -> new OrderEvent.Shipped(
                id, i % 2 == 0 ? "DHL" : "UPS", i % 4 == 1 ? Optional.empty() : Optional.of("track-" + i));
            default -> new OrderEvent.Cancelled(id, "reason " + i + " \u00e9\u4e2d");
          });
    }
    return events;
  }

  private static byte[] codecBytes(OrderEvent event) {
    dev.ferry.ByteOutput out = new dev.ferry.ByteOutput();
    Codecs.of(OrderEvent.class).write(out, event);
    return out.toByteArray();
  }

  /** Reads {@code count} values from the start of the topic's only partition. */
  private static <V> List<V> values(String topic, Deserializer<V> deserializer, int count) {
    try (KafkaConsumer<String, V> consumer =
        new KafkaConsumer<>(consumerProps(), new StringDeserializer(), deserializer)) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      List<V> values = new ArrayList<>(count);
      long deadline = System.nanoTime() + PATIENCE.toNanos();
      while (values.size() < count) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("only " + values.size() + " of " + count + " records arrived in " + PATIENCE);
        }
        for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
          values.add(record.value());
        }
      }
      return values;
    }
  }

  private static void pollUntilFailure(KafkaConsumer<String, Object> consumer) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
        throw new AssertionError("the consumer read a record it should have refused");
      }
    }
    throw new AssertionError("no record arrived in " + PATIENCE);
  }

  private static Properties producerProps() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    return props;
  }

  /** No group: the tests assign the partition themselves, so the broker runs no group protocol. */
  private static Properties consumerProps() {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return props;
  }

  private static String messages(Throwable t) {
    StringBuilder all = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      all.append(c.getClass().getName()).append(": ").append(c.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static String hex(long fingerprint) {
    return String.format(Locale.ROOT, "%016x", fingerprint);
  }
}
