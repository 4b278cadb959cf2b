package dev.ferry.hazelcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.hazelcast.config.SerializerConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.ferry.hazelcast.FerrySerializer;
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

  private static void register(com.hazelcast.config.Config config, FerrySerializer ferry) {
    for (Class<?> type : ferry.types()) {
      config.getSerializationConfig().addSerializerConfig(new SerializerConfig().setTypeClass(type).setImplementation(ferry));
    }
  }
}
