package dev.ferry;

import dev.ferry.internal.transport.HostChannels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages handed to a consumer process that dies before its receive() returned them go back to
 * the channel: real child JVMs, frozen with SIGSTOP so that a message is provably in their hands,
 * then killed with SIGKILL.
 */
@Timeout(60)
class RedeliveryTest {

  // ---- child targets

  private static void receiveSlowOne(Channel<SlowToDecode> in, Channel<String> out)
      throws Exception {
    out.send("ready");
    out.send("received " + in.receive().value());
  }

  /** Receives on four threads for ever, reporting the value of each message a receive returned. */
  private static void receiveOnFourThreads(Channel<SlowToDecode> in, Channel<Integer> out)
      throws Exception {
    Thread[] threads = new Thread[4];
    for (int i = 0; i < threads.length; i++) {
      threads[i] = new Thread(() -> {
        try {
          while (true) {
            out.send(in.receive().value());
          }
        } catch (Exception e) {
          // killed first
        }
      });
      threads[i].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Receives until a decode runs out of heap, and closes the channel as it catches that. */
  private static void receiveUntilOutOfHeapThenClose(
      Channel<OutOfHeapOnce> in, Channel<String> out) throws Exception {
    while (true) {
      try {
        out.send("received " + in.receive().value());
      } catch (OutOfMemoryError e) {
        in.close();
        out.send("closed");
        return;
      }
    }
  }

  private static void receiveOne(Channel<Integer> in, Channel<String> out) throws Exception {
    out.send("ready");
    out.send("received " + in.receive());
  }

  /** Receives {@code count} messages in order, reports, then stalls with what it prefetched. */
  private static void receiveThenStall(Channel<Integer> in, Channel<Integer> out, Integer count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      int value = in.receive();
      if (value != i) {
        out.send(-1 - i);
        return;
      }
    }
    out.send(count);
    Thread.sleep(60_000);
  }

  /** Receives until the channel is closed and empty, reporting each message, then "empty". */
  private static void drain(Channel<Integer> in, Channel<String> out) throws Exception {
    out.send("ready");
    try {
      while (true) {
        out.send("received " + in.receive());
      }
    } catch (ChannelClosedException empty) {
      out.send("empty");
    }
  }

  /** Receives twice, reporting what each receive returned or threw. */
  private static void receiveTwice(Channel<byte[]> in, Channel<String> out) throws Exception {
    for (int i = 0; i < 2; i++) {
      try {
        out.send("received " + in.receive().length);
      } catch (ChannelClosedException e) {
        out.send(e.getMessage());
      }
    }
  }

  // ---- tests

  @Test
  void consumerKilledWhileBlockedInReceive_theMessageHandedToItIsReceivedByAnother()
      throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<String> out = Channel.create();
    Child consumer = Children.fast("receive-one").spawn(RedeliveryTest::receiveOne, in, out);
    assertEquals("ready", out.receive());
    waitUntil(() -> HostChannels.remoteWaiting(in), "the consumer's request reaches the host");
    Signals.stop(consumer.pid());
    try {
      in.send(42); // handed to the frozen consumer's waiting request
      assertEquals(0, HostChannels.queued(in), "the message was handed out, not queued");
      assertEquals(
          Optional.empty(), out.receive(Duration.ofMillis(300)), "a frozen consumer reports nothing");
    } finally {
      consumer.kill(); // a stopped child never sees its parent die: never leave one behind
    }
    assertEquals(137, consumer.join());
    assertEquals(Optional.of(42), in.receive(Duration.ofSeconds(10)), "the message came back");
    assertThrows(ChannelClosedException.class, in::receive); // and nothing else: its holder is gone
  }

  @Test
  void consumerKilledWhileItsReceiveDecodes_theMessageIsNotAcknowledgedAndGoesBack(
      @TempDir Path dir) throws Exception {
    Path decoding = dir.resolve("decoding");
    Channel<SlowToDecode> in = Channel.create();
    Channel<String> out = Channel.create();
    Child consumer = Children.fast("slow-decode")
        .jvmFlags("-Dferry.test.slowDecodeMarker=" + decoding)
        .spawn(RedeliveryTest::receiveSlowOne, in, out);
    try {
      assertEquals("ready", out.receive());
      in.send(new SlowToDecode(7));
      waitUntil(() -> Files.exists(decoding), "the consumer's receive decodes the message");
      // An acknowledgment leaves within about a millisecond of its count: this one must not have,
      // since no receive() returned the message (it used to count as it was taken, and was lost)
      Thread.sleep(300);
      assertEquals(1, HostChannels.unacknowledged(in), "the message being decoded is still the"
          + " host's");
      consumer.kill();
      assertEquals(137, consumer.join());
      assertEquals(Optional.of(7), in.receive(Duration.ofSeconds(10)).map(SlowToDecode::value),
          "the message came back");
    } finally {
      consumer.kill();
    }
  }

  @Test
  void consumerKilledWhileOneThreadDecodes_whatItsOtherThreadsReturnedMeanwhileDoesNotComeBack(
      @TempDir Path dir) throws Exception {
    Path decoding = dir.resolve("decoding");
    int fast = 40;
    Channel<SlowToDecode> in = Channel.create();
    Channel<Integer> returned = Channel.create();
    for (int i = 0; i <= fast; i++) {
      in.send(new SlowToDecode(i)); // 0, the first handed out, is decoded slowly
    }
    Child consumer = Children.fast("four-threads")
        .jvmFlags("-Dferry.test.slowDecodeMarker=" + decoding, "-Dferry.test.slowDecodeValue=0")
        .spawn(RedeliveryTest::receiveOnFourThreads, in, returned);
    try {
      for (int i = 0; i < fast; i++) {
        int value = returned.receive(Duration.ofSeconds(20)).orElseThrow();
        assertTrue(value > 0, "the slow message's decode returned");
      }
      assertTrue(Files.exists(decoding), "a thread decodes message 0");
      // Each was returned after message 0 was handed out, which is still being decoded: they
      // used to count only after it, so the kill sent them all back to be received twice. Now
      // each is acknowledged on its own within about a millisecond.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (HostChannels.unacknowledged(in) > 1 && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      Thread.sleep(50);
      consumer.kill();
      assertEquals(137, consumer.join());
    } finally {
      consumer.kill();
    }
    assertEquals(Optional.of(0), in.receive(Duration.ofSeconds(10)).map(SlowToDecode::value),
        "the message being decoded came back");
    // and nothing else: its one holder is gone (a message a receive had returned used to come back)
    assertThrows(ChannelClosedException.class, () -> in.receive(Duration.ofMillis(300)));
  }

  @Test
  void consumerClosingAsItsDecodeRanOutOfHeap_givesBackTheMessageItHeldBack() throws Exception {
    Channel<OutOfHeapOnce> in = Channel.create();
    Channel<String> out = Channel.create();
    Child consumer = Children.fast("out-of-heap-close")
        .jvmFlags("-Dferry.test.outOfHeapOnce=2")
        .spawn(RedeliveryTest::receiveUntilOutOfHeapThenClose, in, out);
    try {
      for (int i = 1; i <= 3; i++) {
        in.send(new OutOfHeapOnce(i));
      }
      assertEquals("received 1", out.receive());
      assertEquals("closed", out.receive()); // the decode of 2 ran out of heap: held back, then
      assertEquals(0, consumer.join());
      // no receive returned 2, so it is not received: the close used to count it (lost)
      assertEquals(Optional.of(2), in.receive(Duration.ofSeconds(10)).map(OutOfHeapOnce::value),
          "the held-back message came back");
      assertEquals(Optional.of(3), in.receive(Duration.ofSeconds(10)).map(OutOfHeapOnce::value));
    } finally {
      consumer.kill();
    }
  }

  @Test
  void consumerKilledWithPrefetchedMessages_everyMessageNoReceiveReturnedComesBackOnceInOrder()
      throws Exception {
    int total = 20_000;
    int receivedByConsumer = 5_000;
    Channel<Integer> in = Channel.create();
    Channel<Integer> out = Channel.create();
    for (int i = 0; i < total; i++) {
      in.send(i);
    }
    Child consumer =
        Children.fast("stall").spawn(RedeliveryTest::receiveThenStall, in, out, receivedByConsumer);
    assertEquals(receivedByConsumer, out.receive(), "the consumer received 0..4999 in order");
    // Its requests for more may still be on their way (a loaded machine): wait for them.
    waitUntil(
        () -> HostChannels.queued(in) < total - receivedByConsumer,
        "the consumer holds prefetched messages (fewer than " + (total - receivedByConsumer)
            + " left in the queue)");
    // Its acknowledgments leave within about a millisecond of each receive(); give them time.
    Thread.sleep(500);
    consumer.kill();
    assertEquals(137, consumer.join());
    // The host learns of the death when the connection ends, a moment after the process did; a
    // receive before that gets what is still queued ahead of what comes back (see the docs' Order).
    waitUntil(
        () -> HostChannels.queued(in) == total - receivedByConsumer,
        "every message the consumer did not receive is queued again");
    for (int i = receivedByConsumer; i < total; i++) {
      assertEquals(i, in.receive(), "message " + i + " was lost, duplicated or reordered");
    }
    assertThrows(ChannelClosedException.class, in::receive); // exactly once: nothing more
  }

  @Test
  void closedChannel_isNotEmptyWhileAConsumerHoldsMessagesItDidNotReceive_theOthersGetThemWhenItDies()
      throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<String> fromA = Channel.create();
    Channel<String> fromB = Channel.create();
    Child a = Children.fast("consumer-a").spawn(RedeliveryTest::receiveOne, in, fromA);
    assertEquals("ready", fromA.receive());
    waitUntil(() -> HostChannels.remoteWaiting(in), "A's request reaches the host");
    Signals.stop(a.pid()); // a consumer that hangs for a moment (a pause, a debugger)
    try {
      in.send(42); // handed to A's waiting request
      Child b = Children.fast("consumer-b").spawn(RedeliveryTest::drain, in, fromB);
      assertEquals("ready", fromB.receive());
      in.close();
      // B was told at once that the closed channel was empty, and ended: then A died, 42 went
      // back to the channel, and no consumer was left to receive it.
      assertEquals(Optional.empty(), fromB.receive(Duration.ofMillis(500)), "B waits for A's message");
      a.kill();
      assertEquals("received 42", fromB.receive());
      assertEquals("empty", fromB.receive());
      assertEquals(0, b.join());
    } finally {
      a.kill();
    }
    assertThrows(ChannelClosedException.class, in::receive);
  }

  static void waitUntil(java.util.function.BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }

  @Test
  void aMessageTooLargeForTheReceiversHeap_saysSoThereAndGoesBackToTheChannel() throws Exception {
    Channel<byte[]> in = Channel.create();
    Channel<String> out = Channel.create();
    Child child = Children.fast("small-heap").jvmFlags("-Xmx16m").keepSpare(false)
        .spawn(RedeliveryTest::receiveTwice, in, out);
    in.send(new byte[40 << 20]);
    String first = out.receive(Duration.ofSeconds(30)).orElseThrow();
    assertTrue(first.contains(" broke: a message of 41943056 bytes from its host does not fit in"
        + " this process's heap (at most "), first);
    assertTrue(first.endsWith(" MiB, -Xmx), so this process let go of the channel; what it had"
        + " been handed and not received goes back to it"), first);
    assertEquals(first, out.receive(Duration.ofSeconds(30)).orElseThrow()); // it stays let go of
    assertEquals(0, child.join());
    assertEquals(40 << 20, in.receive(Duration.ofSeconds(10)).orElseThrow().length);
  }
}
