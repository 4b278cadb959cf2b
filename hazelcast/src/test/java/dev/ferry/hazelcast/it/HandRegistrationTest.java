package dev.ferry.hazelcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.config.InMemoryXmlConfig;
import com.hazelcast.config.InMemoryYamlConfig;
import com.hazelcast.config.SerializerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import dev.ferry.hazelcast.FerrySerializer;
import dev.ferry.hazelcast.FerrySerializerHook;
import dev.ferry.hazelcast.Label;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Serializers registered by hand (as FerrySerializer's Javadoc shows) beside the hook's, on a real
 * member: every Ferry serializer answers to one type id, and Hazelcast reads all its bytes with the
 * one registered first for it, whichever that is.
 */
class HandRegistrationTest {
  @Test
  void aTypeNoRegistryLists_registeredByHand_isReadBackBesideTheHooksTypes() throws Exception {
    HazelcastInstance member = Members.startAlone(config -> register(config, new FerrySerializer(List.of(Legacy.class))));
    try {
      IMap<Long, Object> map = member.getMap("values");
      Order order = new Order(1, "Ada", List.of(), Order.Status.NEW, Instant.EPOCH);
      map.put(1L, new Legacy("old", 7));
      map.put(2L, order);

      assertEquals(new Legacy("old", 7), map.get(1L));
      assertEquals(order, map.get(2L));
    } finally {
      member.getLifecycleService().terminate();
    }
  }

  @Test
  void aSerializerConfiguredForTheHooksMarker_turnsTheHookOff_soAFerryTypeCanHaveAnother() throws Exception {
    FerrySerializer events = new FerrySerializer(List.of(Event.class));
    HazelcastInstance member =
        Members.startAlone(
            config -> {
              register(config, events);
              config.getSerializationConfig()
                  .addSerializerConfig(new SerializerConfig().setTypeClass(FerrySerializerHook.Marker.class).setImplementation(events))
                  .addSerializerConfig(new SerializerConfig().setTypeClass(Order.class).setImplementation(new OrderIds()));
            });
    try {
      SerializationService service = ((SerializationServiceSupport) member).getSerializationService();
      Order order = new Order(3, "Ada", List.of(), Order.Status.NEW, Instant.EPOCH);

      assertEquals(OrderIds.TYPE_ID, service.toData(order).getType());
      assertEquals(FerrySerializer.TYPE_ID, service.toData(new Event.Placed(3, "Ada")).getType());
      assertEquals(new Event.Placed(3, "Ada"), service.toObject(service.toData(new Event.Placed(3, "Ada"))));
    } finally {
      member.getLifecycleService().terminate();
    }
  }

  /**
   * FerrySerializer named in hazelcast.xml or hazelcast.yaml by its class-name, for the hook's
   * marker (turning the hook off) and for a sealed interface, as a user configures Hazelcast in a
   * file: the member did not start, with HazelcastSerializationException: NoSuchMethodException:
   * FerrySerializer.<init>(), since Hazelcast builds a serializer named so with no arguments, and
   * FerrySerializer had only the constructor taking its types.
   */
  @Test
  void ferrySerializerNamedInXmlOrYaml_servesTheTypesItIsConfiguredFor() throws Exception {
    String xml =
        "<hazelcast xmlns=\"http://www.hazelcast.com/schema/config\"><serialization><serializers>"
            + "<serializer type-class=\"dev.ferry.hazelcast.FerrySerializerHook$Marker\""
            + " class-name=\"dev.ferry.hazelcast.FerrySerializer\"/>"
            + "<serializer type-class=\"dev.ferry.hazelcast.it.Event\""
            + " class-name=\"dev.ferry.hazelcast.FerrySerializer\"/>"
            + "</serializers></serialization></hazelcast>";
    String yaml =
        "hazelcast:\n  serialization:\n    serializers:\n"
            + "      - type-class: dev.ferry.hazelcast.FerrySerializerHook$Marker\n"
            + "        class-name: dev.ferry.hazelcast.FerrySerializer\n"
            + "      - type-class: dev.ferry.hazelcast.it.Event\n"
            + "        class-name: dev.ferry.hazelcast.FerrySerializer\n";
    for (com.hazelcast.config.Config file : List.of(new InMemoryXmlConfig(xml), new InMemoryYamlConfig(yaml))) {
      HazelcastInstance member = Members.startAlone(config -> config.setSerializationConfig(file.getSerializationConfig()));
      try {
        SerializationService service = ((SerializationServiceSupport) member).getSerializationService();
        IMap<Long, Event> events = member.getMap("events");
        events.put(1L, new Event.Placed(1, "Ada"));
        events.put(2L, new Event.Shipped(2, java.util.Optional.of("T-2")));

        assertEquals(FerrySerializer.TYPE_ID, service.toData(new Event.Placed(1, "Ada")).getType());
        assertEquals(new Event.Placed(1, "Ada"), events.get(1L));
        assertEquals(new Event.Shipped(2, java.util.Optional.of("T-2")), events.get(2L));
      } finally {
        member.getLifecycleService().terminate();
      }
    }
  }

  /**
   * A user's serializer that happens to answer to Ferry's type id: the member did not start, with
   * Hazelcast's "Serializer [...] has been already registered for type ID: 1179800153", naming
   * neither Ferry nor the fix. Hazelcast registers configured serializers and hooks in no fixed
   * order, so the message comes from the hook or from Hazelcast; either way it names Ferry's id.
   */
  @Test
  void aConfiguredSerializerWithFerrysTypeId_stopsTheStart_namingFerrysId() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Members.startAlone(config -> config.getSerializationConfig().addSerializerConfig(
                new SerializerConfig().setTypeClass(Label.class).setImplementation(new Label.SerializerWithFerrysTypeId()))));

    assertTrue(e.getMessage().contains("1179800153"), e.getMessage());
    assertTrue(e.getMessage().contains("FerrySerializer.TYPE_ID"), e.getMessage());
  }

  /** A user's own serializer for a Ferry type: writes an order's id and customer only. */
  private static final class OrderIds implements StreamSerializer<Order> {
    static final int TYPE_ID = 4242;

    @Override
    public void write(ObjectDataOutput out, Order order) throws IOException {
      out.writeLong(order.id());
      out.writeString(order.customer());
    }

    @Override
    public Order read(ObjectDataInput in) throws IOException {
      return new Order(in.readLong(), in.readString(), List.of(), Order.Status.NEW, Instant.EPOCH);
    }

    @Override
    public int getTypeId() {
      return TYPE_ID;
    }
  }

  private static void register(com.hazelcast.config.Config config, FerrySerializer ferry) {
    for (Class<?> type : ferry.types()) {
      config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(ferry));
    }
  }
}
