package dev.ferry.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Channel;
import dev.ferry.annotation.InheritOnly;
import dev.ferry.kafka.it.Envelope;
import dev.ferry.kafka.it.Order;
import dev.ferry.kafka.it.OrderEvent;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** The serde's own contract, without a broker: configuration, nulls, and bytes it must refuse. */
class FerrySerdeTest {
  private static final OrderEvent EVENT = new OrderEvent.Shipped(5, "DHL", java.util.Optional.of("T-5"));

  @Test
  void configuredByName_readsTheTypeFromTheValueProperty() {
    Serializer<Object> serializer = new FerrySerializer<>();
    serializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName()), false);
    Deserializer<Object> deserializer = new FerryDeserializer<>();
    deserializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class), false);

    assertEquals(EVENT, deserializer.deserialize("t", serializer.serialize("t", EVENT)));
  }

  @Test
  void configuredAsKey_readsTheKeyProperty() {
    Serde<Object> serde = new FerrySerde<>();
    serde.configure(
        Map.of(FerrySerde.KEY_TYPE_CONFIG, Order.class.getName(),
            FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName()),
        true);
    Order key = new Order(3, "Grace");

    assertEquals(key, serde.deserializer().deserialize("t", serde.serializer().serialize("t", key)));
  }

  /**
   * A serde built by class name and configured a second time, with another type or once for the
   * keys and once for the values: the second configure was ignored, and the instance went on
   * writing the first type (its keys written with the values' codec).
   */
  @Test
  void configuredAgainWithAnotherType_failsNamingBoth() {
    Serde<Object> serde = new FerrySerde<>();
    serde.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName()), false);

    ConfigException e = assertThrows(ConfigException.class, () -> serde.configure(
        Map.of(FerrySerde.KEY_TYPE_CONFIG, Order.class.getName()), true));

    assertEquals("FerrySerializer was configured for the values as " + OrderEvent.class.getName()
        + ", and now for the keys as " + Order.class.getName() + " (ferry.key.type): one instance"
        + " writes and reads one type, and the clients already given this one use it for "
        + OrderEvent.class.getName() + ". Build one per type, e.g. FerrySerde.of(Order.class), or"
        + " let Kafka build each from the class name in key.serializer and value.serializer",
        e.getMessage());
    Deserializer<Object> deserializer = new FerryDeserializer<>();
    deserializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class), false);
    assertThrows(ConfigException.class, () -> deserializer.configure(
        Map.of(FerrySerde.VALUE_TYPE_CONFIG, Order.class), false));
    assertEquals(EVENT, deserializer.deserialize("t", serde.serializer().serialize("t", EVENT)));
  }

  /** Its twin: configured again for the same type, on either side, the instance goes on. */
  @Test
  void configuredAgainWithTheSameType_goesOn() {
    Serde<Object> serde = new FerrySerde<>();
    serde.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class.getName()), false);
    serde.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, OrderEvent.class), false);
    serde.configure(Map.of(FerrySerde.KEY_TYPE_CONFIG, OrderEvent.class.getName()), true);
    FerrySerde<OrderEvent> inCode = FerrySerde.of(OrderEvent.class);
    inCode.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, Order.class.getName()), false);

    assertEquals(EVENT, serde.deserializer().deserialize("t", serde.serializer().serialize("t", EVENT)));
    assertEquals(EVENT, inCode.deserializer().deserialize("t", inCode.serializer().serialize("t", EVENT)));
  }

  @Test
  void configuredWithoutAType_failsNamingTheProperty() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> new FerryDeserializer<>().configure(Map.of(), false));

    assertTrue(e.getMessage().contains("ferry.value.type is not set"), e.getMessage());
    assertTrue(e.getMessage().contains("FerrySerde.of(Order.class)"), e.getMessage());
  }

  @Test
  void configuredWithAnUnknownClass_failsNamingIt() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new FerrySerializer<>().configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, "com.acme.Nope"), false));

    assertTrue(e.getMessage().contains("com.acme.Nope"), e.getMessage());
    assertTrue(e.getMessage().contains("ferry.value.type"), e.getMessage());
  }

  /**
   * A class named in the properties whose static initializer throws was reported as "no such class
   * on the class path; give the binary name of a @Transferable type", for a name that was right.
   */
  @Test
  void aNamedClassThatCannotBeInitialized_isNotReportedMissing() {
    String name = FailsToInitialize.class.getName();

    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> new FerryDeserializer<>().configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, name), false));

    assertEquals("Invalid value " + name + " for configuration ferry.value.type: the class is on the"
        + " class path, but its static initializer threw java.lang.IllegalStateException: no"
        + " settings: fix the initializer", e.getMessage());
    assertTrue(e.getCause() instanceof ExceptionInInitializerError, String.valueOf(e.getCause()));
  }

  /** Named only by its name in the test above, so that nothing initializes it before. */
  static final class FailsToInitialize {
    static {
      if (Boolean.TRUE) {
        throw new IllegalStateException("no settings");
      }
    }

    private FailsToInitialize() {}
  }

  /**
   * FerrySerde.of(int.class) was told "[ferry:not-transferable] int is a primitive or array type
   * ... Wrap it in a @Transferable record", though Kafka hands the serializer Integers, which
   * FerrySerde.of(Integer.class) writes.
   */
  @Test
  void aPrimitiveType_isRefusedSayingToGiveItsBox() {
    ConfigException e = assertThrows(ConfigException.class, () -> FerrySerde.of(int.class));
    ConfigException configured =
        assertThrows(
            ConfigException.class,
            () -> new FerrySerializer<>().configure(Map.of(FerrySerde.KEY_TYPE_CONFIG, long.class), true));

    assertEquals("[ferry:not-transferable] int is a primitive type, and Kafka hands a serializer its"
        + " values boxed, as java.lang.Integer: build the serde for the box, e.g."
        + " FerrySerde.of(Integer.class)", e.getMessage());
    assertTrue(configured.getMessage().endsWith("FerrySerde.of(Long.class)"), configured.getMessage());
  }

  @Test
  void aTypeWithoutACodec_isRefusedWhenTheSerdeIsBuilt() {
    ConfigException e = assertThrows(ConfigException.class, () -> FerrySerde.of(StringBuilder.class));

    assertTrue(e.getMessage().startsWith("[ferry:not-transferable] java.lang.StringBuilder"), e.getMessage());
  }

  @Test
  void anArrayOfObjects_isRefusedWhenTheSerdeIsBuilt_notOnEverySend() {
    for (Class<?> array : java.util.List.of(String[].class, Order[].class, int[][].class)) {
      ConfigException e = assertThrows(ConfigException.class, () -> FerrySerde.of(array), array.getName());

      assertTrue(e.getMessage().startsWith("[ferry:not-transferable] " + array.getTypeName() + " is an array of objects"), e.getMessage());
      assertTrue(e.getMessage().contains("FerrySerde.of(List.class)"), e.getMessage());
    }
    int[] ints = {1, 2};
    FerrySerde<int[]> primitives = FerrySerde.of(int[].class);
    assertArrayEquals(ints, primitives.deserializer().deserialize("t", primitives.serializer().serialize("t", ints)));
  }

  /**
   * FerrySerde.of(Channel.class), or ferry.value.type naming an @InheritOnly record, built a serde
   * whose every send failed: the type has a codec, for spawn arguments, that writes nothing else.
   */
  @Test
  void anInheritOnlyType_isRefusedWhenTheSerdeIsBuilt_notOnEverySend() {
    for (Class<?> type : java.util.List.of(Channel.class, Lanes.class)) {
      ConfigException inCode = assertThrows(ConfigException.class, () -> FerrySerde.of(type));
      ConfigException byName =
          assertThrows(
              ConfigException.class,
              () -> new FerryDeserializer<>().configure(Map.of(FerrySerde.KEY_TYPE_CONFIG, type.getName()), true));

      for (ConfigException e : java.util.List.of(inCode, byName)) {
        assertEquals(
            "[ferry:inherit-only-sent] " + type.getName() + " is @InheritOnly: its values hold"
                + " process-local handles (channels), which reach a child only as a spawn argument,"
                + " so no record of it can be written to a topic. Build the serde for a"
                + " @Transferable type that holds the plain values the consumers need instead",
            e.getMessage());
      }
    }
  }

  /**
   * A deserializer built by class name and refused its configured type (an @InheritOnly one) kept
   * that type's codec half bound, so configuring it again with a valid type was ignored and every
   * record then failed with a NullPointerException ("type" is null): a refused type now leaves it
   * unbound.
   */
  @Test
  void aRefusedType_leavesTheClientUnbound_soItCanBeConfiguredAgain() {
    byte[] order = FerrySerde.of(Order.class).serializer().serialize("t", new Order(1, "Ada"));
    FerryDeserializer<Object> deserializer = new FerryDeserializer<>();
    FerrySerializer<Object> serializer = new FerrySerializer<>();
    assertThrows(ConfigException.class, () -> deserializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, Lanes.class), false));
    assertThrows(ConfigException.class, () -> serializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, Lanes.class), false));

    deserializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, Order.class), false);
    serializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, Order.class), false);

    assertEquals(new Order(1, "Ada"), deserializer.deserialize("t", order));
    assertArrayEquals(order, serializer.serialize("t", new Order(1, "Ada")));
  }

  /** Channels handed to a worker when it starts. */
  @InheritOnly
  record Lanes(Channel<Order> orders, int worker) {}

  @Test
  void theClassOfAnEnumConstantsBody_isRefusedNamingItsEnum() {
    ConfigException e = assertThrows(ConfigException.class, () -> FerrySerde.of(Priority.URGENT.getClass()));

    assertTrue(
        e.getMessage().startsWith(Priority.URGENT.getClass().getName() + " is the class of the body of an enum"
            + " constant of " + Priority.class.getName()),
        e.getMessage());
    assertTrue(e.getMessage().contains("FerrySerde.of(" + Priority.class.getSimpleName() + ".class)"), e.getMessage());
    assertEquals(Priority.URGENT, FerrySerde.of(Priority.class).deserializer().deserialize("t",
        FerrySerde.of(Priority.class).serializer().serialize("t", Priority.URGENT)));
  }

  /** An enum with no codec of its own, one of whose constants has a body (a class of its own). */
  enum Priority {
    LOW,
    URGENT {
      @Override
      public String toString() {
        return "urgent!";
      }
    }
  }

  @Test
  void nulls_stayNull() {
    FerrySerde<OrderEvent> serde = FerrySerde.of(OrderEvent.class);

    assertNull(serde.serializer().serialize("t", null));
    assertNull(serde.deserializer().deserialize("t", null));
    assertNull(serde.deserializer().deserialize("t", new RecordHeaders(), (ByteBuffer) null));
  }

  @Test
  void aValueOfAnotherType_isRefusedByTheSerializer() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Serializer<Object> serializer = (Serializer) FerrySerde.of(OrderEvent.class).serializer();

    SerializationException e =
        assertThrows(SerializationException.class, () -> serializer.serialize("orders", new Order(1, "Ada")));

    assertTrue(e.getMessage().contains("topic 'orders'"), e.getMessage());
    assertTrue(e.getMessage().contains(Order.class.getName()), e.getMessage());
  }

  /**
   * A hand-written codec whose read lets its factory's exception out (bytes that make no valid
   * value) failed the deserializer with that IllegalArgumentException, which named neither the
   * topic nor the type, where every other unreadable record is a SerializationException that does:
   * what a consumer catches, and what a Streams DeserializationExceptionHandler is handed.
   */
  /**
   * A value of the serializer's type as another class loader loaded it (an application server's, a
   * restarting dev tool's) was refused as "FerrySerializer writes dev.ferry.kafka.it.Order but was
   * given a dev.ferry.kafka.it.Order", naming one class twice.
   */
  @Test
  void aValueOfTheTypeAsAnotherLoaderLoadedIt_isRefusedSayingSo() throws Exception {
    java.net.URL classes = Order.class.getProtectionDomain().getCodeSource().getLocation();
    try (java.net.URLClassLoader other = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
      Object copy =
          other.loadClass(Order.class.getName()).getConstructor(long.class, String.class).newInstance(1L, "Ada");
      @SuppressWarnings({"unchecked", "rawtypes"})
      Serializer<Object> serializer = (Serializer) FerrySerde.of(Order.class).serializer();

      SerializationException e =
          assertThrows(SerializationException.class, () -> serializer.serialize("orders", copy));

      assertTrue(e.getMessage().startsWith("topic 'orders': FerrySerializer writes dev.ferry.kafka.it.Order"
          + " of class loader " + Order.class.getClassLoader() + " but was given a value of the"
          + " dev.ferry.kafka.it.Order of class loader " + other + ": the class was loaded twice"), e.getMessage());
    }
  }

  /**
   * docs/kafka.md tells a consumer to skip only records whose cause is a SerializationException: an
   * instance built by its no-argument constructor and never configured fails every record with an
   * IllegalStateException instead, so a skip-on-error loop does not skip the whole topic.
   */
  @Test
  void neverConfigured_failsEveryRecordWithAnIllegalStateException_notASerializationException() {
    byte[] bytes = FerrySerde.of(Order.class).serializer().serialize("t", new Order(1, "Ada"));

    IllegalStateException read = assertThrows(IllegalStateException.class,
        () -> new FerryDeserializer<>().deserialize("t", bytes));
    IllegalStateException write = assertThrows(IllegalStateException.class,
        () -> new FerrySerde<Object>().serializer().serialize("t", new Order(1, "Ada")));

    assertTrue(read.getMessage().startsWith("FerryDeserializer was built without a type and never configured"),
        read.getMessage());
    assertTrue(write.getMessage().startsWith("FerrySerializer was built without a type and never configured"),
        write.getMessage());
  }

  /**
   * A serializer configured with a type, then again with the same class as another loader loaded
   * it (the name given while another context class loader was the thread's): refused with "configured
   * for the values as dev.ferry.kafka.it.Order, and now for the values as dev.ferry.kafka.it.Order",
   * one name twice, and the advice to build one per type.
   */
  @Test
  void configuredAgainWithTheTypeAsAnotherLoaderLoadedIt_isRefusedNamingBothLoaders() throws Exception {
    java.net.URL classes = Order.class.getProtectionDomain().getCodeSource().getLocation();
    try (java.net.URLClassLoader other = new java.net.URLClassLoader(new java.net.URL[] {classes}, null)) {
      Class<?> copy = other.loadClass(Order.class.getName());
      FerrySerializer<Object> serializer = new FerrySerializer<>();
      serializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, Order.class), false);

      ConfigException e = assertThrows(ConfigException.class,
          () -> serializer.configure(Map.of(FerrySerde.VALUE_TYPE_CONFIG, copy), false));

      assertTrue(e.getMessage().startsWith("FerrySerializer was configured for the values as "
          + Order.class.getName() + " of class loader " + Order.class.getClassLoader() + ", and now"
          + " for the values as the " + Order.class.getName() + " of class loader " + other
          + " (ferry.value.type): the class was loaded twice"), e.getMessage());
    }
  }

  @Test
  void aHandWrittenCodecsOwnException_isASerializationExceptionNamingTopicAndType() {
    FerrySerde<Kelvin> serde = FerrySerde.of(Kelvin.class);
    byte[] bytes = serde.serializer().serialize("temperatures", new Kelvin(-5));

    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> serde.deserializer().deserialize("temperatures", bytes));

    assertEquals(
        "topic 'temperatures': the record is not a valid dev.ferry.kafka.Kelvin: its codec"
            + " dev.ferry.kafka.KelvinCodec threw java.lang.IllegalArgumentException: below absolute"
            + " zero: -5.0 K",
        e.getMessage());
    assertEquals(IllegalArgumentException.class, e.getCause().getClass());
  }

  /**
   * A hand-written codec whose read returned null for bytes that held a value (KelvinCodec, for
   * NaN) made the deserializer return null, which Kafka hands on as a record with no value (a
   * tombstone) in place of what the producer sent.
   */
  @Test
  void aHandWrittenCodecReturningNull_isASerializationExceptionNamingTopicTypeAndCodec() {
    FerrySerde<Kelvin> serde = FerrySerde.of(Kelvin.class);
    byte[] bytes = serde.serializer().serialize("temperatures", new Kelvin(Double.NaN));

    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> serde.deserializer().deserialize("temperatures", bytes));

    assertEquals(
        "topic 'temperatures': the record is not a valid dev.ferry.kafka.Kelvin: the codec"
            + " dev.ferry.kafka.KelvinCodec of dev.ferry.kafka.Kelvin returned null from read, for"
            + " bytes that hold a value its write wrote (a codec never writes a null: Ferry marks"
            + " one itself): the receiver would get null in place of what was sent. Return the"
            + " value read, or throw a TransferException for bytes that make none",
        e.getMessage());
  }

  /**
   * A hand-written codec of a type that holds itself, counting no depth (LinkCodec), let a
   * StackOverflowError out of the deserializer for a record nesting 1,000,000 levels, which Kafka
   * lets out of poll unwrapped, ending the consumer's loop, where every other unreadable record is a
   * SerializationException it can skip; and out of the serializer for a cycle, where send promises a
   * SerializationException. Both are now, naming topic, type and the fix (enter/exit).
   */
  @Test
  void aStackOverflowInAHandWrittenCodec_isASerializationExceptionNamingTheFix() throws Exception {
    FerrySerde<Link> serde = FerrySerde.of(Link.class);
    byte[] forged = new byte[8 + 1_000_001];
    System.arraycopy(serde.serializer().serialize("links", new Link(null)), 0, forged, 0, 8);
    Arrays.fill(forged, 8, forged.length - 1, (byte) 1);

    SerializationException read =
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("links", forged));
    assertEquals(
        "topic 'links': the record is not a valid dev.ferry.kafka.Link: its codec"
            + " dev.ferry.kafka.LinkCodec overflowed the stack (java.lang.StackOverflowError) reading"
            + " values nested in each other; a hand-written codec of a type that holds itself calls"
            + " ByteInput.enter() and exit() around each value it reads, which refuse bytes nested"
            + " deeper than 512 levels",
        read.getMessage());
    assertEquals(StackOverflowError.class, read.getCause().getClass());

    Link cycle = new Link(null);
    cycle.next = cycle;
    SerializationException write =
        assertThrows(SerializationException.class, () -> serde.serializer().serialize("links", cycle));
    assertTrue(
        write.getMessage().startsWith(
            "topic 'links': FerrySerializer could not write the dev.ferry.kafka.Link value: writing it"
                + " overflowed the stack (java.lang.StackOverflowError), so it holds itself (a cycle)"),
        write.getMessage());
    assertTrue(write.getMessage().contains("ByteOutput.enter(name) and exit()"), write.getMessage());

    // The same Link inside a List (a JDK type, read through Codecs.decode), written on a thread
    // with a stack deep enough for it.
    @SuppressWarnings({"unchecked", "rawtypes"})
    FerrySerde<java.util.List<Link>> lists = (FerrySerde) FerrySerde.of(java.util.List.class);
    byte[][] deepList = new byte[1][];
    Thread writer =
        new Thread(null, () -> {
          Link deep = null;
          for (int i = 0; i < 200_000; i++) {
            deep = new Link(deep);
          }
          deepList[0] = lists.serializer().serialize("lists", java.util.List.of(deep));
        }, "deep-writer", 1L << 30);
    writer.start();
    writer.join();
    SerializationException list =
        assertThrows(SerializationException.class, () -> lists.deserializer().deserialize("lists", deepList[0]));
    assertTrue(
        list.getMessage().startsWith(
            "topic 'lists': the record is not a valid java.util.List: reading it overflowed the stack"),
        list.getMessage());
  }

  /**
   * A generated codec counts depth, so a StackOverflowError under it is the type's own code
   * recursing (Spiral's compact constructor for "in", its accessor for "out"): both were told with
   * the advice for a hand-written codec ("calls ByteInput.enter() and exit() ..."), which does not
   * fit. They now name the code that recursed and say what to fix.
   */
  @Test
  void aStackOverflowInTheTypesOwnCode_namesThatCode() {
    FerrySerde<Spiral> serde = FerrySerde.of(Spiral.class);
    byte[] forged = serde.serializer().serialize("spirals", new Spiral("im"));
    forged[forged.length - 1] ^= 'm' ^ 'n'; // "im" becomes "in" (the flag of the last char kept)

    SerializationException read =
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("spirals", forged));
    assertEquals(
        "topic 'spirals': the record is not a valid dev.ferry.kafka.Spiral: its codec"
            + " dev.ferry.kafka.Spiral_FerryCodec overflowed the stack (java.lang.StackOverflowError)"
            + " in the constructor of dev.ferry.kafka.Spiral, which it called to build a value it"
            + " read: Ferry's codecs count the depth of the values they read and stop at 512 levels,"
            + " so that code calls itself without end (a constructor that builds another value of"
            + " its type, say). Fix it so that it returns",
        read.getMessage());
    assertEquals(StackOverflowError.class, read.getCause().getClass());

    SerializationException write =
        assertThrows(SerializationException.class, () -> serde.serializer().serialize("spirals", new Spiral("out")));
    assertEquals(
        "topic 'spirals': FerrySerializer could not write the dev.ferry.kafka.Spiral value: writing"
            + " it overflowed the stack (java.lang.StackOverflowError) in dev.ferry.kafka.Spiral.name,"
            + " which it called to get a value it writes: Ferry's codecs count the depth of the"
            + " values they write and stop at 512 levels, so that code calls itself without end"
            + " (an accessor that calls itself, say). Fix it so that it returns",
        write.getMessage());
  }

  /** A record of byte[] was told as "the record is not a [B: the bytes hold a java.lang.String, not a [B". */
  @Test
  void aRecordOfAnArrayType_isNamedAsJavaNamesIt() {
    byte[] string = FerrySerde.of(String.class).serializer().serialize("t", "x");

    SerializationException e = assertThrows(SerializationException.class,
        () -> FerrySerde.of(byte[].class).deserializer().deserialize("t", string));

    assertEquals(
        "topic 't': the record is not a byte[]: the bytes hold a java.lang.String, not a byte[]",
        e.getMessage());
  }

  /**
   * A type named in the properties as Java source writes it (a nested class's canonical name, an
   * array, type arguments) was told "no such class on the class path; give the binary name of a
   * @Transferable type", though the class is there. The message now says what to give.
   */
  @Test
  void aTypeNamedAsSourceWritesIt_isToldTheNameToGive() {
    Map<String, String> told = new java.util.LinkedHashMap<>();
    told.put("dev.ferry.kafka.it.OrderEvent.Cancelled",
        "give a nested class by its binary name, dev.ferry.kafka.it.OrderEvent$Cancelled");
    told.put("byte[]", "give an array type by its binary name, [B for byte[], or build the serde"
        + " in code with FerrySerde.of(byte[].class)");
    told.put("dev.ferry.kafka.it.Envelope<dev.ferry.kafka.it.Order>", "give the class without type"
        + " arguments, dev.ferry.kafka.it.Envelope: its codec writes each value of a type variable"
        + " by the value's own class");
    for (Map.Entry<String, String> name : told.entrySet()) {
      Deserializer<Object> deserializer = new FerryDeserializer<>();
      ConfigException e = assertThrows(ConfigException.class, () -> deserializer.configure(
          Map.of(FerrySerde.VALUE_TYPE_CONFIG, name.getKey()), false));
      assertEquals("Invalid value " + name.getKey() + " for configuration ferry.value.type: no such"
          + " class on the class path; " + name.getValue(), e.getMessage());
    }
    Deserializer<Object> deserializer = new FerryDeserializer<>();
    deserializer.configure(
        Map.of(FerrySerde.VALUE_TYPE_CONFIG, "dev.ferry.kafka.it.OrderEvent$Cancelled"), false);
  }

  /** A null topic (a caller outside a client may give none) was told as "topic 'null'". */
  @Test
  void aNullTopic_isNotNamedInTheMessage() {
    FerrySerde<Order> serde = FerrySerde.of(Order.class);

    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize(null, new byte[3]));

    assertEquals(
        "a record of 3 bytes cannot hold a Ferry value of dev.ferry.kafka.it.Order (at least the"
            + " 8-byte fingerprint): it was not written by FerrySerializer",
        e.getMessage());
    @SuppressWarnings({"unchecked", "rawtypes"})
    Serializer<Object> raw = (Serializer) serde.serializer();
    SerializationException wrongType =
        assertThrows(SerializationException.class, () -> raw.serialize(null, "not an order"));
    assertTrue(wrongType.getMessage().startsWith("FerrySerializer writes dev.ferry.kafka.it.Order"),
        wrongType.getMessage());
  }

  /**
   * A value whose encoding failed part-way, after the thread's scratch output had grown for it (a
   * payload with no codec behind a 64 MiB sender), left that output to the thread until its next
   * successful send: a producer thread held 64 MiB and more for a record it never sent.
   */
  @Test
  void aValueThatFailsAfterALongEncoding_leavesNoScratchOutputBehind() {
    @SuppressWarnings({"unchecked", "rawtypes"})
    Serializer<Envelope<Object>> serializer = (Serializer) FerrySerde.of(Envelope.class).serializer();
    long before = heapUsedAfterGc();

    sendAFailingValueOf64MiB(serializer);

    long held = heapUsedAfterGc() - before;
    assertTrue(held < 16 << 20, (held >> 20) + " MiB still held after the failed send");
  }

  private static void sendAFailingValueOf64MiB(Serializer<Envelope<Object>> serializer) {
    Envelope<Object> value = new Envelope<>("x".repeat(64 << 20), new StringBuilder("no codec"));
    SerializationException e =
        assertThrows(SerializationException.class, () -> serializer.serialize("t", value));
    assertTrue(e.getMessage().contains("java.lang.StringBuilder"), e.getMessage());
  }

  private static long heapUsedAfterGc() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    return memory.getHeapMemoryUsage().getUsed();
  }

  @Test
  void truncatedOrPaddedRecords_areRefused() {
    FerrySerde<OrderEvent> serde = FerrySerde.of(OrderEvent.class);
    byte[] bytes = serde.serializer().serialize("t", EVENT);

    for (int length = 0; length < bytes.length; length++) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", truncated), "length " + length);
    }
    byte[] padded = Arrays.copyOf(bytes, bytes.length + 1);
    SerializationException e =
        assertThrows(SerializationException.class, () -> serde.deserializer().deserialize("t", padded));
    assertTrue(e.getMessage().contains("unread bytes"), e.getMessage());
  }

  @Test
  void aRecordOfAnotherType_failsOnItsFingerprint() {
    byte[] order = FerrySerde.of(Order.class).serializer().serialize("t", new Order(1, "Ada"));

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> FerrySerde.of(OrderEvent.class).deserializer().deserialize("t", order));

    assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
    assertTrue(
        e.getMessage().contains("the record was written for " + Order.class.getName()
            + " and this deserializer reads " + OrderEvent.class.getName()),
        e.getMessage());
    assertTrue(!e.getMessage().contains("different version"), e.getMessage());
  }

  /**
   * Two hand-written codecs of different types with one fingerprint and one format: a Kelvin's
   * record read as a Rankine came back a Rankine of the same degrees, since the deserializer
   * compared the codecs' own fingerprints. The bytes now carry the type each codes.
   */
  @Test
  void aRecordOfAnotherTypesHandWrittenCodec_withTheSameFingerprint_failsNamingBoth() {
    byte[] kelvin = FerrySerde.of(Kelvin.class).serializer().serialize("t", new Kelvin(300));

    SerializationException e =
        assertThrows(
            SerializationException.class,
            () -> FerrySerde.of(Rankine.class).deserializer().deserialize("t", kelvin));

    assertTrue(
        e.getMessage().contains("the record was written for " + Kelvin.class.getName()
            + " and this deserializer reads " + Rankine.class.getName()),
        e.getMessage());
    assertEquals(
        new Kelvin(300), FerrySerde.of(Kelvin.class).deserializer().deserialize("t", kelvin));
  }

  @Test
  void aRecordWrittenForOneSubtype_readByTheSealedInterface_toldToConfigureTheProducerWithIt() {
    byte[] cancelled =
        FerrySerde.of(OrderEvent.Cancelled.class).serializer().serialize("t", new OrderEvent.Cancelled(1, "late"));

    SerializationException e =
        assertThrows(
            SerializationException.class, () -> FerrySerde.of(OrderEvent.class).deserializer().deserialize("t", cancelled));

    assertTrue(
        e.getMessage().contains("the record was written for " + OrderEvent.Cancelled.class.getName()
            + " and this deserializer reads " + OrderEvent.class.getName()),
        e.getMessage());
    assertTrue(e.getMessage().contains("configure the producer with " + OrderEvent.class.getName()), e.getMessage());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void recordsOfAJdkTypeAndOfAFerryType_readAsEachOther_failNamingBoth() {
    byte[] list = ((Serde) FerrySerde.of(java.util.List.class)).serializer().serialize("t", java.util.List.of(1));
    byte[] event = FerrySerde.of(OrderEvent.class).serializer().serialize("t", EVENT);

    SerializationException listAsEvent =
        assertThrows(SerializationException.class, () -> FerrySerde.of(OrderEvent.class).deserializer().deserialize("t", list));
    SerializationException eventAsString =
        assertThrows(SerializationException.class, () -> FerrySerde.of(String.class).deserializer().deserialize("t", event));

    assertTrue(
        listAsEvent.getMessage().contains("the record was written for a JDK type (as Codecs.encode writes a String or a List)"
            + " and this deserializer reads " + OrderEvent.class.getName()),
        listAsEvent.getMessage());
    assertTrue(
        eventAsString.getMessage().contains("the record was written for " + OrderEvent.class.getName()
            + " and this deserializer reads java.lang.String"),
        eventAsString.getMessage());
  }

  @Test
  void anotherSerializersBytes_failSayingTheyMayNotBeFerrys() {
    byte[] text = new org.apache.kafka.common.serialization.StringSerializer().serialize("t", "hello, world");

    SerializationException e =
        assertThrows(SerializationException.class, () -> FerrySerde.of(OrderEvent.class).deserializer().deserialize("t", text));

    assertTrue(e.getMessage().contains("or the record was not written by FerrySerializer"), e.getMessage());
  }

  @Test
  void byteBuffers_areReadInPlace_atTheirPosition() {
    FerrySerde<OrderEvent> serde = FerrySerde.of(OrderEvent.class);
    byte[] bytes = serde.serializer().serialize("t", EVENT);
    byte[] framed = new byte[bytes.length + 7];
    System.arraycopy(bytes, 0, framed, 3, bytes.length);
    ByteBuffer heap = ByteBuffer.wrap(framed, 3, bytes.length).slice();
    ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertEquals(EVENT, serde.deserializer().deserialize("t", new RecordHeaders(), heap));
    assertEquals(EVENT, serde.deserializer().deserialize("t", new RecordHeaders(), direct));
    assertEquals(0, direct.position(), "the deserializer must not move the caller's buffer");
  }
}
