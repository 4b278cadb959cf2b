package dev.ferry;

import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.transport.HostChannel;
import dev.ferry.internal.transport.HostChannels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channels within one process: the rules, blocking, closing. */
@Timeout(30)
public class ChannelTest {

  @Test
  void send_refusesAChannel() {
    @SuppressWarnings({"rawtypes", "unchecked"})
    Channel<Object> raw = (Channel) Channel.create();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> raw.send(Channel.create()));
    assertTrue(
        e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.INHERIT_ONLY_SENT) + "dev.ferry.Channel is @InheritOnly"),
        e.getMessage());
  }

  @Test
  void send_refusesAValueWithoutACodec() {
    Channel<Object> channel = Channel.create();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> channel.send(new Object()));
    assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE) + "java.lang.Object"), e.getMessage());
  }

  @Test
  void send_refusesAnArrayOfObjects_namingItAsSourceDoes() {
    Channel<Object> channel = Channel.create();
    for (Object array : new Object[] {new String[] {"a"}, new int[][] {{1}}}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> channel.send(array));
      assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.NOT_TRANSFERABLE)
          + array.getClass().getTypeName() + " has no generated codec: "), e.getMessage());
      assertTrue(e.getMessage().endsWith("; send a List instead, or wrap the array in a"
          + " @Transferable record."), e.getMessage());
    }
  }

  @Test
  void send_refusesAMessageOverTheLimit_namingItsClassAsSourceDoes() {
    Channel<byte[]> channel = Channel.create();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> channel.send(new byte[(64 << 20) + 1]));
    assertEquals("a byte[] message of at least 67108869 bytes exceeds the limit of 67108864 bytes;"
        + " send it in parts", e.getMessage());
  }

  @Test
  void send_copiesWholeCollectionsMapsOptionalsArraysAndPlainEnums() throws Exception {
    Channel<Object> channel = Channel.create();
    Map<String, List<Integer>> map = new java.util.LinkedHashMap<>();
    map.put("b", java.util.Arrays.asList(1, null));
    map.put("a", List.of());
    List<Object> sent =
        List.of(
            java.util.Arrays.asList("a", null, "b"),
            new java.util.ArrayList<>(List.of(new Point(1, 2))),
            new java.util.LinkedHashSet<>(List.of(3L, 1L)),
            map,
            java.util.Optional.of("x"),
            java.util.concurrent.TimeUnit.DAYS);
    for (Object message : sent) {
      channel.send(message);
    }
    channel.send(new short[] {1, -1});
    for (Object message : sent) {
      assertEquals(message, channel.receive());
    }
    org.junit.jupiter.api.Assertions.assertArrayEquals(
        new short[] {1, -1}, (short[]) channel.receive());
  }

  @Test
  void send_refusesAChannelInsideAList() {
    Channel<Object> channel = Channel.create();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> channel.send(List.of(Channel.create())));
    assertTrue(
        e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.INHERIT_ONLY_SENT)),
        e.getMessage());
  }

  @Test
  void codecsEncode_refusesAChannelOutsideASpawn() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Codecs.encode(Channel.create()));
    assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.INHERIT_ONLY_SENT) + ""), e.getMessage());
  }

  @Test
  void codecsOf_findsTheChannelCodecByConvention() {
    assertEquals(Channel.CODEC, Codecs.of(Channel.class));
  }

  @Test
  void receive_returnsCopiesInOrder() throws Exception {
    try (Channel<Object> channel = Channel.create()) {
      List<Object> sent = List.of("a", 1, 2L, new Point(3, 4), 'c', 1.5, true);
      for (Object message : sent) {
        channel.send(message);
      }
      for (Object message : sent) {
        assertEquals(message, channel.receive());
      }
      byte[] bytes = {1, 2};
      channel.send(bytes);
      byte[] copy = (byte[]) channel.receive();
      assertTrue(copy != bytes && copy.length == 2 && copy[1] == 2);
    }
  }

  @Test
  void receiveWithTimeout_isEmptyWhenNothingCame() throws Exception {
    Channel<String> channel = Channel.create();
    assertEquals(Optional.empty(), channel.receive(Duration.ofMillis(50)));
    assertEquals(Optional.empty(), channel.poll());
    channel.send("x");
    assertEquals(Optional.of("x"), channel.poll());
  }

  @Test
  void close_letsReceiversDrainThenThrows() throws Exception {
    Channel<String> channel = Channel.create();
    channel.send("last");
    channel.close();
    assertThrows(ChannelClosedException.class, () -> channel.send("late"));
    assertEquals("last", channel.receive());
    assertThrows(ChannelClosedException.class, channel::receive);
  }

  @Test
  void close_wakesAWaitingReceiver() throws Exception {
    Channel<String> channel = Channel.create();
    CompletableFuture<Throwable> outcome =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                channel.receive();
                return null;
              } catch (Throwable e) {
                return e;
              }
            });
    Thread.sleep(50);
    channel.close();
    assertTrue(outcome.get(5, TimeUnit.SECONDS) instanceof ChannelClosedException);
  }

  @Test
  void send_blocksWhileABoundedChannelIsFull() throws Exception {
    Channel<Integer> channel = Channel.create(1);
    channel.send(1);
    CompletableFuture<Void> second =
        CompletableFuture.runAsync(
            () -> {
              try {
                channel.send(2);
              } catch (InterruptedException e) {
                throw new RuntimeException(e);
              }
            });
    Thread.sleep(100);
    assertTrue(!second.isDone());
    assertEquals(1, channel.receive());
    second.get(5, TimeUnit.SECONDS);
    assertEquals(2, channel.receive());
  }

  @Test
  void receive_namesTheTypeOfAMessageThatCannotBeDecoded() throws Exception {
    Channel<String> channel = Channel.create();
    HostChannel host = HostChannels.of(channel);
    byte[] forged = {1, 0, 0, 0, 0x7F, 'a'}; // a String claiming 126 bytes
    host.send(forged);
    channel.send("ok");
    TransferException e = assertThrows(TransferException.class, channel::receive);
    assertTrue(e.getMessage().contains("java.lang.String"), e.getMessage());
    assertEquals("ok", channel.receive());
  }

  /**
   * A capacity of 0 or less is refused saying why and what to use instead: Python's Queue(0) and
   * Queue(-1) are unbounded, so a user porting them needs Channel.create() (the message was
   * 'capacity < 1: 0' alone).
   */
  @Test
  void create_refusesANonPositiveCapacitySayingToUseAnUnboundedChannel() throws Exception {
    for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Channel.create(capacity));
      assertEquals("capacity < 1: " + capacity + ": a bounded channel queues at most capacity"
          + " messages, and one that could queue none would never take a message (every send"
          + " would wait for ever); for a channel with no bound, as Python's Queue(0) or"
          + " Queue(-1), use Channel.create()", e.getMessage());
    }
    Channel<String> one = Channel.create(1);
    assertTrue(one.offer("a"));
    assertFalse(one.offer("b"));
  }
}
