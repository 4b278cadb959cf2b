package dev.ferry.hazelcast.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.cluster.Address;
import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.cluster.Member;
import dev.ferry.Codecs;
import dev.ferry.hazelcast.FerrySerializer;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ferry values in a real two-member Hazelcast cluster whose configuration says nothing about
 * serialization: the hook found through {@code META-INF/services} registers Ferry's serializer.
 * Entries owned by the other member cross the network as bytes, so every read below of such an
 * entry is a deserialization of what the other member wrote.
 */
class HazelcastMembersTest {
  private static Members members;

  @BeforeAll
  static void startMembers() throws Exception {
    members = Members.start();
    assertEquals(2, members.first.getCluster().getMembers().size());
  }

  @AfterAll
  static void stopMembers() {
    if (members != null) {
      members.close();
    }
  }

  @Test
  void ferryValues_areWrittenByFerrysSerializer_withTheirFingerprint() {
    SerializationService service =
        ((SerializationServiceSupport) members.first).getSerializationService();
    Order order = order(1);

    Data data = service.toData(order);

    assertEquals(FerrySerializer.TYPE_ID, data.getType());
    assertEquals(order, service.toObject(data));
    byte[] payload = data.toByteArray();
    // Hazelcast's header (partition hash, type id), then the byte array's length, then Ferry's bytes.
    long fingerprint = ByteBuffer.wrap(payload, payload.length - ferryBytes(order), 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    assertEquals(Codecs.of(Order.class).fingerprint(), fingerprint);
  }

  @Test
  void mapEntries_crossToTheOtherMember_andArriveEqual() {
    IMap<Long, Order> onFirst = members.first.getMap("orders");
    IMap<Long, Order> onSecond = members.second.getMap("orders");
    List<Order> orders = new ArrayList<>();
    for (long id = 0; id < 1_000; id++) {
      orders.add(order(id));
      onFirst.put(id, order(id));
    }

    int ownedBySecond = 0;
    for (Order order : orders) {
      if (owner(members.first, order.id()).equals(members.second.getCluster().getLocalMember())) {
        ownedBySecond++;
      }
      assertEquals(order, onFirst.get(order.id()));
      assertEquals(order, onSecond.get(order.id()));
    }
    assertTrue(ownedBySecond > 100, "only " + ownedBySecond + " entries live on the second member");
    assertEquals(1_000, onSecond.size());
  }

  @Test
  void queueElements_putOnOneMember_arePolledOnTheOther_asTheirSubtypes() throws Exception {
    IQueue<Event> onFirst = members.first.getQueue("events");
    IQueue<Event> onSecond = members.second.getQueue("events");
    List<Event> sent = new ArrayList<>();
    for (long id = 0; id < 500; id++) {
      Event event =
          id % 2 == 0
              ? new Event.Placed(id, "customer-" + id)
              : new Event.Shipped(id, id % 3 == 0 ? Optional.empty() : Optional.of("track-" + id));
      sent.add(event);
      assertTrue(onFirst.offer(event));
    }

    List<Event> received = new ArrayList<>();
    while (received.size() < sent.size()) {
      Event event = onSecond.poll(10, TimeUnit.SECONDS);
      assertNotEquals(null, event, "the queue ran dry after " + received.size() + " elements");
      received.add(event);
    }

    assertEquals(sent, received);
  }

  @Test
  void anEntryProcessor_runsOnTheOwner_onTheDeserializedValue() {
    IMap<Long, Order> onFirst = members.first.getMap("discounts");
    Member second = members.second.getCluster().getLocalMember();
    long key = 0;
    while (!owner(members.first, key).equals(second)) {
      key++;
    }
    Order order = order(key);
    onFirst.put(key, order);

    Order returned = onFirst.executeOnKey(key, new Discount(10));

    Order expected = order.discounted(10);
    assertEquals(new BigDecimal("17.9910"), expected.lines().get(0).price());
    assertEquals(expected, returned);
    assertEquals(expected, onFirst.get(key));
    assertEquals(expected, members.second.<Long, Order>getMap("discounts").get(key));
  }

  /**
   * A client finds the hook as a member does (docs/hazelcast.md): what it puts is read on the
   * members, what they put is read through it, and a query and an entry processor it sends run on
   * the members' deserialized values.
   */
  @Test
  void aClient_writesAndReadsFerryValues_andQueriesThemOnTheMembers() {
    ClientConfig config = new ClientConfig().setClusterName(members.first.getConfig().getClusterName());
    config.setProperty("hazelcast.logging.type", "none");
    Address address = members.first.getCluster().getLocalMember().getAddress();
    config.getNetworkConfig().addAddress(address.getHost() + ":" + address.getPort());
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    try {
      IMap<Long, Order> throughClient = client.getMap("client-orders");
      for (long id = 0; id < 20; id++) {
        throughClient.put(id, order(id));
      }
      members.second.<Long, Order>getMap("client-orders").put(100L, order(100));

      assertEquals(order(7), members.second.<Long, Order>getMap("client-orders").get(7L));
      assertEquals(order(100), throughClient.get(100L));
      assertEquals(
          Set.of(order(0), order(100)),
          Set.copyOf(throughClient.values(Predicates.equal("customer", "customer-0"))));
      assertEquals(order(3).discounted(10), throughClient.executeOnKey(3L, new Discount(10)));
    } finally {
      client.shutdown();
    }
  }

  private static Member owner(HazelcastInstance member, long key) {
    return member.getPartitionService().getPartition(key).getOwner();
  }

  private static int ferryBytes(Order order) {
    dev.ferry.ByteOutput out = new dev.ferry.ByteOutput();
    Codecs.of(Order.class).write(out, order);
    return 8 + out.size();
  }

  private static Order order(long id) {
    return new Order(
        id,
        "customer-" + id % 50,
        List.of(
            new Order.Line("sku-" + id, 1 + (int) (id % 4), new BigDecimal("19.99")),
            new Order.Line("sku-x", 3, BigDecimal.valueOf(id, 2))),
        Order.Status.values()[(int) (id % 3)],
        Instant.parse("2026-12-01T10:00:00Z").plusSeconds(id));
  }
}
