package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.internal.transport.HostChannels;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child's receive() is acknowledged to the host soon after it returns (docs/runtime.md, "Delivery
 * guarantees": within about a millisecond), whether a frame of the child's carried the
 * acknowledgment or its connection's flusher had to write it alone: real child JVMs that receive
 * and then go quiet, so that nothing else they write could carry it.
 */
@Timeout(60)
class AcknowledgmentTest {
  /** Far above the millisecond promised, far below "never": the machine may be loaded. */
  private static final long LIMIT_MILLIS = 2_000;

  // ---- child targets

  /** Receives {@code count} messages, reports, then stays, writing nothing more on {@code in}. */
  private static void receiveThenStay(Channel<?> in, Channel<String> out, Integer count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      in.receive();
    }
    out.send("received " + count);
    Thread.sleep(60_000);
  }

  /**
   * Receives {@code count} messages on {@code threads} threads at once, reports, then stays: their
   * decodes end out of the order they were taken in, and each message counts only after every
   * message taken before it.
   */
  private static void receiveOnThreadsThenStay(
      Channel<Integer> in, Channel<String> out, Integer threads, Integer count) throws Exception {
    java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger(
        count);
    java.util.concurrent.atomic.AtomicLong sum = new java.util.concurrent.atomic.AtomicLong();
    Thread[] receivers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      receivers[t] = new Thread(() -> {
        try {
          while (left.getAndDecrement() > 0) {
            sum.addAndGet(in.receive());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      receivers[t].start();
    }
    for (Thread receiver : receivers) {
      receiver.join();
    }
    out.send("received " + count + ", sum " + sum.get());
    Thread.sleep(60_000);
  }

  /** Answers every message on {@code ping} with itself on {@code pong}, until ping closes. */
  private static void echo(Channel<Integer> ping, Channel<Integer> pong) throws Exception {
    try {
      while (true) {
        pong.send(ping.receive());
      }
    } catch (ChannelClosedException done) {
      // the parent is done
    }
  }

  // ---- tests

  @Test
  void boundedChannel_aReceiveAfterWhichTheChildWritesNothing_isAcknowledged() throws Exception {
    // A bounded channel's receive asks for no next message ahead, so no frame of the child's
    // follows it on this connection: the flusher must write the acknowledgment alone.
    Channel<Integer> in = Channel.create(4);
    Channel<String> out = Channel.create();
    Child child = Children.fast("bounded").spawn(AcknowledgmentTest::receiveThenStay, in, out, 3);
    try {
      for (int i = 0; i < 3; i++) {
        in.send(i);
      }
      assertEquals("received 3", out.receive());
      assertAcknowledgedSoon(in);
    } finally {
      child.kill();
    }
  }

  @Test
  void largeMessage_countedOnlyOnceDecoded_isAcknowledged() throws Exception {
    // A message of 64 KiB or more is counted after its decode, outside the receive's request.
    Channel<byte[]> in = Channel.create(2);
    Channel<String> out = Channel.create();
    Child child = Children.fast("large").spawn(AcknowledgmentTest::receiveThenStay, in, out, 2);
    try {
      byte[] large = new byte[200_000];
      Arrays.fill(large, (byte) 7);
      in.send(large);
      in.send(large);
      assertEquals("received 2", out.receive());
      assertAcknowledgedSoon(in);
    } finally {
      child.kill();
    }
  }

  @Test
  void stream_theLastMessagesBeforeTheConsumerGoesQuiet_areAcknowledged() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<String> out = Channel.create();
    for (int i = 0; i < 5_000; i++) {
      in.send(i);
    }
    Child child = Children.fast("stream").spawn(AcknowledgmentTest::receiveThenStay, in, out, 5_000);
    try {
      assertEquals("received 5000", out.receive());
      assertAcknowledgedSoon(in);
    } finally {
      child.kill();
    }
  }

  @Test
  void conversation_whoseAnswersCarryTheAcknowledgments_leavesNoneBehind() throws Exception {
    Channel<Integer> ping = Channel.create();
    Channel<Integer> pong = Channel.create();
    Child child = Children.fast("echo").spawn(AcknowledgmentTest::echo, ping, pong);
    try {
      for (int i = 0; i < 2_000; i++) {
        ping.send(i);
        assertEquals(i, pong.receive());
      }
      assertAcknowledgedSoon(ping); // the child now waits in receive, writing nothing
    } finally {
      ping.close();
      assertEquals(0, child.join());
    }
  }

  @Test
  void receivesOnFourThreads_eachCountedOnceItsTurnComes_leaveNoneUnacknowledged()
      throws Exception {
    int count = 100_000;
    Channel<Integer> in = Channel.create();
    Channel<String> out = Channel.create();
    long sum = 0;
    for (int i = 0; i < count; i++) {
      in.send(i);
      sum += i;
    }
    Child child = Children.fast("four-receivers")
        .spawn(AcknowledgmentTest::receiveOnThreadsThenStay, in, out, 4, count);
    try {
      assertEquals("received " + count + ", sum " + sum, out.receive());
      assertAcknowledgedSoon(in);
      child.kill();
      assertEquals(137, child.join());
      // Nothing came back: each was acknowledged, none twice (the host drops a holder that
      // acknowledges more than it was handed, which gives back what it held)
      Thread.sleep(300);
      assertEquals(0, HostChannels.queued(in), "messages came back from the killed child");
    } finally {
      child.kill();
    }
  }

  private static void assertAcknowledgedSoon(Channel<?> channel) throws InterruptedException {
    long start = System.nanoTime();
    while (HostChannels.unacknowledged(channel) > 0) {
      long millis = (System.nanoTime() - start) / 1_000_000;
      if (millis > LIMIT_MILLIS) {
        throw new AssertionError(
            HostChannels.unacknowledged(channel) + " messages the child received were still"
                + " unacknowledged after " + millis + " ms");
      }
      Thread.sleep(1);
    }
  }
}
