package dev.ferry;

import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.transport.HostChannels;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.Wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Channels shared by real child JVMs over real sockets. */
@Timeout(60)
public class ProcessChannelTest {
  private static final int MESSAGES = 100_000;

  // ---- child targets

  /**
   * A host that keeps every byte on the socket ({@code -Dferry.transport=socket}): hosts a channel,
   * hands it to a grandchild that asks for shared memory and is refused it, and reports what came
   * through (small messages and a large one) to the test.
   */
  private static void socketHost(Channel<String> report) throws Exception {
    Channel<Object> fromGrandchild = Channel.create();
    Child grandchild = Children.fast("socket-holder").spawn(ProcessChannelTest::sendOverSocket, fromGrandchild);
    int sum = 0;
    for (int i = 0; i < 1000; i++) {
      sum += (Integer) fromGrandchild.receive();
    }
    byte[] large = (byte[]) fromGrandchild.receive();
    report.send("sum " + sum + ", large " + large.length + " ending " + large[large.length - 1]
        + ", grandchild exit " + grandchild.join());
  }

  /**
   * A host whose heap (-Xmx64m) cannot hold the 50 MB message its grandchild sends: it drops that
   * connection and goes on; reports how the grandchild's send failed, and then sends on its own.
   */
  private static void smallHeapHost(Channel<String> report) throws Exception {
    Channel<byte[]> fromGrandchild = Channel.create();
    Child grandchild = Children.fast("too-large-sender")
        .spawn(ProcessChannelTest::sendFiftyMegabytes, fromGrandchild);
    try {
      fromGrandchild.receive();
      report.send("received it");
    } catch (ChannelClosedException expected) {
      // the only holder's connection was dropped
    }
    report.send("grandchild exit " + grandchild.join() + ": "
        + grandchild.failure().map(ChildFailure::message).orElse("no failure"));
  }

  private static void sendFiftyMegabytes(Channel<byte[]> out) throws Exception {
    out.send(new byte[50 << 20]);
    Thread.sleep(60_000); // the send ends the connection, or this child is killed
  }

  private static void sendOverSocket(Channel<Object> out) throws Exception {
    for (int i = 0; i < 1000; i++) {
      out.send(i);
    }
    byte[] large = new byte[3 << 20];
    large[large.length - 1] = 42;
    out.send(large);
  }

  private static void forward(Channel<Integer> in, Channel<Integer> out) throws Exception {
    try {
      while (true) {
        out.send(in.receive());
      }
    } catch (ChannelClosedException drained) {
      // the parent closed `in` and it is empty
    }
  }

  private static void echo(Channel<Object> in, Channel<Object> out) throws Exception {
    try {
      while (true) {
        out.send(in.receive());
      }
    } catch (ChannelClosedException drained) {
      // the parent closed `in` and it is empty
    }
  }

  /** Sends 8 MiB blocks for ever, block i filled with (byte) i, so that it is killed mid-block. */
  private static void sendBlocksForever(Channel<byte[]> out) throws Exception {
    byte[] block = new byte[8 << 20];
    for (int i = 0; ; i++) {
      java.util.Arrays.fill(block, (byte) i);
      out.send(block);
    }
  }

  private static void countForever(Channel<Integer> out) throws Exception {
    for (int i = 0; ; i++) {
      out.send(i);
    }
  }

  /**
   * Sends {@code count} numbers as fast as it can, then waits for the word to exit: what its
   * stream holds back when it stops must reach the parent while it waits, not when it exits.
   */
  private static void streamThenWait(Channel<Integer> out, Integer count, Channel<String> done)
      throws Exception {
    for (int i = 0; i < count; i++) {
      out.send(i);
    }
    done.receive();
  }

  /**
   * Sends 10 numbers, then takes the 10 answers, {@code rounds} times, and reports each round's
   * time in nanoseconds, or -1 - the number that came out of order.
   */
  private static void produceTen(Channel<Integer> bounded, Channel<Integer> progress)
      throws Exception {
    for (int i = 0; i < 10; i++) {
      bounded.send(i);
      progress.send(i);
    }
  }

  private static void middle(Channel<String> requests, Channel<String> replies) throws Exception {
    Child grandchild = Children.fast("grandchild").spawn(ProcessChannelTest::grandchild, requests, replies);
    replies.send("middle " + ProcessHandle.current().pid());
    int code = grandchild.join();
    replies.send("grandchild exited " + code);
  }

  private static void grandchild(Channel<String> requests, Channel<String> replies)
      throws Exception {
    replies.send("grandchild " + ProcessHandle.current().pid());
    String request;
    while (!(request = requests.receive()).equals("stop")) {
      replies.send("re: " + request);
    }
  }

  /** Sizes around the point where a message leaves in a frame of its own, and well above it. */
  private static final int[] BLOB_SIZES = {10, Wire.TAIL_MIN_BYTES - 1, Wire.TAIL_MIN_BYTES, 70_000, 1 << 20, 3 << 20, 200};

  /** A message of {@code size} bytes from thread {@code thread}, its {@code seq}th: checkable byte by byte. */
  private static byte[] blob(int thread, int seq, int size) {
    byte[] blob = new byte[size];
    for (int i = 0; i < size; i++) {
      blob[i] = (byte) (thread * 7 + seq * 13 + i * 31);
    }
    blob[0] = (byte) thread;
    blob[1] = (byte) seq;
    return blob;
  }

  private static void sendBlobsFromTwoThreads(Channel<byte[]> out, Integer rounds) throws Exception {
    Thread[] threads = new Thread[2];
    for (int t = 0; t < threads.length; t++) {
      int thread = t;
      threads[t] = new Thread(() -> {
        try {
          for (int seq = 0; seq < rounds * BLOB_SIZES.length; seq++) {
            out.send(blob(thread, seq, BLOB_SIZES[(seq + thread) % BLOB_SIZES.length]));
          }
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
      });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
  }

  /** Receives {@code count} blobs from {@link #sendBlobsFromTwoThreads}; reports how many were whole and in order. */
  private static void checkBlobs(Channel<byte[]> in, Integer count, Channel<Integer> report) throws Exception {
    int[] next = new int[2];
    int good = 0;
    for (int i = 0; i < count; i++) {
      byte[] got = in.receive();
      int thread = got[0];
      int seq = next[thread]++;
      if (java.util.Arrays.equals(blob(thread, seq, BLOB_SIZES[(seq + thread) % BLOB_SIZES.length]), got)) {
        good++;
      }
    }
    report.send(good);
  }

  private static void sendLines(Channel<String> out, Integer count) throws Exception {
    String padding = "x".repeat(90);
    for (int i = 0; i < count; i++) {
      out.send(i + padding);
    }
  }

  private static void sendMany(Channel<Integer> out, Integer count) throws Exception {
    for (int i = 0; i < count; i++) {
      out.send(i);
    }
  }

  /** Receives until the channel closes; reports how many arrived, or -1 - i if message i was not i. */
  private static void receiveInOrderUntilClosed(Channel<Integer> in, Channel<Integer> report)
      throws Exception {
    int expected = 0;
    try {
      while (true) {
        if (in.receive() != expected) {
          report.send(-1 - expected);
          return;
        }
        expected++;
      }
    } catch (ChannelClosedException drained) {
      report.send(expected);
    }
  }

  private static void reportThroughPorts(Ports ports) throws Exception {
    ports.replies().send("worker " + ports.workerId() + " reporting");
  }

  private static void reportDecodeFailure(Channel<Object> in, Channel<String> replies)
      throws Exception {
    try {
      in.receive();
      replies.send("decoded a forged message");
    } catch (TransferException e) {
      replies.send(e.getMessage());
    }
    replies.send("then " + in.receive());
  }

  private static void takeTen(Channel<Integer> in, Channel<Integer> taken) throws Exception {
    for (int i = 0; i < 10; i++) {
      taken.send(in.receive());
    }
  }

  private static void hostForGrandchild(Channel<String> up) throws Exception {
    Channel<String> mine = Channel.create();
    Child grandchild = Children.fast("grandchild-sender").spawn(ProcessChannelTest::sendHello, mine);
    up.send("child got: " + mine.receive());
    grandchild.join();
  }

  private static void sendHello(Channel<String> down) throws Exception {
    down.send("hello from the grandchild");
  }

  private static void waitBriefly(Channel<String> in, Channel<String> replies) throws Exception {
    replies.send("timed out: " + in.receive(Duration.ofMillis(100)).isEmpty());
    replies.send("polled: " + in.poll().isEmpty());
    replies.send("then: " + in.receive(Duration.ofSeconds(20)).orElse("nothing"));
  }

  /** Drains with poll(), as a consumer that must not wait does. */
  private static void drainsWithPoll(Channel<Integer> in, Channel<String> report) throws Exception {
    int drained = 0;
    while (in.poll().isPresent()) {
      drained++;
    }
    report.send("drained " + drained);
  }

  /**
   * Offers as many messages as the channel holds ({@link #OFFERING_THREADS}), one from each of as
   * many threads at once, in rounds: each round reports what went in and waits for the parent to
   * have drained the channel.
   */
  private static void offersFromManyThreads(
      Channel<Integer> out, Channel<String> report, Channel<String> drained) throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      AtomicLong accepted = new AtomicLong();
      CountDownLatch start = new CountDownLatch(1);
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < OFFERING_THREADS; t++) {
        int message = t;
        Thread thread = new Thread(() -> {
          try {
            start.await();
            if (out.offer(message)) {
              accepted.incrementAndGet();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        thread.start();
        threads.add(thread);
      }
      start.countDown();
      for (Thread thread : threads) {
        thread.join();
      }
      report.send("offered " + accepted + ", then " + out.offer(-1));
      drained.receive();
    }
  }

  private static final int ROUNDS = 20;
  private static final int OFFERING_THREADS = 16;

  // ---- tests

  /**
   * An offer in a holder returned false though the channel had room when other threads' offers had
   * taken the slots the answer it waited for brought: 4 threads of a child offering 1,000 messages
   * to a channel of 1,000 got 999 in, 1,000 virtual threads 943.
   */
  private static void sendsAStingyThenAPoint(Channel<Stingy> stingy, Channel<Point> point)
      throws Exception {
    stingy.send(new Stingy(5));
    point.send(new Point(1, 2));
  }

  private static void sendsABag(Channel<Bag> bags, Channel<Object> anything) throws Exception {
    bags.send(new Bag(List.of("a", "b"), "kept"));
    anything.send(List.of(new Bag(List.of("c"), "inner")));
  }

  /**
   * A value of a class with a codec of its own that is also a List (a @Transferable class that
   * extends AbstractList) was written by the dynamic codec as a List, by its elements: a
   * Channel<Bag>, which compiles clean, handed the receiver an ArrayList, and its receive threw
   * ClassCastException (and Codecs.of(Bag.class) refused the class as one rebuilt as an ArrayList,
   * though the checker and a member's codec take it by its codec). It is written by its codec now.
   */
  @Test
  void valueOfAListClassWithACodecOfItsOwn_arrivesAsItself() throws Exception {
    Channel<Bag> bags = Channel.create();
    Channel<Object> anything = Channel.create();
    Child child = Children.fast("bag").spawn(ProcessChannelTest::sendsABag, bags, anything);
    Bag bag = bags.receive();
    assertEquals(new Bag(List.of("a", "b"), "kept"), bag);
    assertEquals("kept", bag.label());
    List<?> held = (List<?>) anything.receive();
    assertEquals(List.of(new Bag(List.of("c"), "inner")), held);
    assertEquals("inner", ((Bag) held.get(0)).label());
    assertEquals(0, child.join());
  }

  /**
   * A message its codec read short (Stingy's: a hand-written codec whose read forgets a varint its
   * write wrote) failed the receive with 'cannot read a message of type dev.ferry.Stingy: 1 unread
   * bytes after the value at offset 1: the bytes were not written by this type's codec', which
   * they were; it now names the codec and the mistake, as a pool does for arguments and results.
   */
  @Test
  void messageItsCodecReadShort_failsTheReceiveNamingTheCodec() throws Exception {
    Channel<Stingy> stingy = Channel.create();
    Channel<Point> point = Channel.create();
    Child child =
        Children.fast("stingy").spawn(ProcessChannelTest::sendsAStingyThenAPoint, stingy, point);
    TransferException e = assertThrows(TransferException.class, stingy::receive);
    assertEquals("cannot read a message of type dev.ferry.Stingy: 1 unread bytes after the value,"
        + " at offset 1, so it is not returned: a codec's read read fewer bytes than its write"
        + " wrote (dev.ferry.Stingy_FerryCodec, the codec of dev.ferry.Stingy, or one of a type it"
        + " holds?)", e.getMessage());
    assertEquals(new Point(1, 2), point.receive());
    assertEquals(0, child.join());
  }

  /**
   * A child's stream gathers its messages in shared memory while it sends in a row; when it stops
   * and waits (without closing or exiting), the last of them must still arrive, each stream's end
   * a few in a frame the flusher writes. Five bursts of different lengths, each waited for.
   */
  @Test
  void streamThatStopsWithoutExiting_arrivesWhole() throws Exception {
    for (int count : new int[] {5, 37, 1_000, 20_001, 100_003}) {
      Channel<Integer> out = Channel.create();
      Channel<String> done = Channel.create();
      Child child = Children.fast("stream-" + count)
          .spawn(ProcessChannelTest::streamThenWait, out, count, done);
      for (int i = 0; i < count; i++) {
        Optional<Integer> next = out.receive(Duration.ofSeconds(20));
        assertTrue(next.isPresent(), "message " + i + " of " + count + " never came");
        assertEquals(i, next.get());
      }
      done.send("exit");
      assertEquals(0, child.join());
    }
  }

  @Test
  void holderOfferingFromManyThreads_fillsTheChannel() throws Exception {
    Channel<Integer> out = Channel.create(OFFERING_THREADS); // a quarter of it per answer
    Channel<String> report = Channel.create();
    Channel<String> drained = Channel.create();
    Child child = Children.fast("offers")
        .spawn(ProcessChannelTest::offersFromManyThreads, out, report, drained);
    for (int round = 0; round < ROUNDS; round++) {
      assertEquals(
          "offered " + OFFERING_THREADS + ", then false", report.receive(), "round " + round);
      BitSet seen = new BitSet();
      for (int i = 0; i < OFFERING_THREADS; i++) {
        seen.set(out.receive());
      }
      assertEquals(OFFERING_THREADS, seen.cardinality());
      drained.send("go");
    }
    assertEquals(0, child.join());
  }

  /**
   * A holder's poll() found nothing while its own prefetch's answer was on its way, though the
   * channel held more: a child draining 1,000 queued messages with while (in.poll().isPresent())
   * stopped after 3 of them (128 through the socket alone).
   */
  @Test
  void holderDrainingWithPoll_getsEveryQueuedMessage() throws Exception {
    for (String transport : List.of("shared-memory", "socket")) {
      Channel<Integer> in = Channel.create();
      Channel<String> report = Channel.create();
      for (int i = 0; i < 1_000; i++) {
        in.send(i);
      }
      Child child = Children.fast("poll-" + transport).jvmFlags("-Dferry.transport=" + transport)
          .spawn(ProcessChannelTest::drainsWithPoll, in, report);
      assertEquals("drained 1000", report.receive(), transport);
      assertEquals(0, child.join());
    }
  }

  @Test
  void aHostThatKeepsBytesOnTheSocket_servesAHolderThatAskedForSharedMemory() throws Exception {
    Channel<String> report = Channel.create();
    Child host = Children.fast("socket-host").jvmFlags("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Dferry.transport=socket").spawn(ProcessChannelTest::socketHost, report);
    assertEquals("sum 499500, large 3145728 ending 42, grandchild exit 0", report.receive());
    assertEquals(0, host.join());
  }

  /**
   * A holder whose connection its host drops (a message the host's heap cannot hold) is told so,
   * with the host's reason; it used to be told 'channel 1 at ... was closed by the process that
   * created it' or '... is gone: the process hosting it exited', though its host went on and never
   * closed the channel.
   */
  @Test
  void holderWhoseConnectionTheHostDrops_isToldWhyNotThatTheHostExited() throws Exception {
    Channel<String> report = Channel.create();
    Child host = Children.fast("small-heap-host").jvmFlags("-Xmx64m")
        .spawn(ProcessChannelTest::smallHeapHost, report);
    String told = report.receive();
    assertTrue(told.startsWith("grandchild exit 1: channel 1 at "), told);
    assertTrue(told.contains(" broke: its host, which goes on, dropped this process's connection,"
        + " saying 'a frame or message of 52428804 bytes does not fit in this process's heap"
        + " (at most "), told);
    assertEquals(0, host.join());
  }

  @Test
  void receiveWithTimeoutAndPoll_inAChild() throws Exception {
    Channel<String> in = Channel.create();
    Channel<String> replies = Channel.create();
    Child child = Children.fast("wait-briefly").spawn(ProcessChannelTest::waitBriefly, in, replies);
    assertEquals("timed out: true", replies.receive());
    assertEquals("polled: true", replies.receive());
    in.send("late");
    assertEquals("then: late", replies.receive());
    assertEquals(0, child.join());
    assertThrows(ChannelClosedException.class, in::poll); // empty: the cancelled requests took nothing
  }

  @Test
  void consumerThatStopsEarly_givesBackWhatItPrefetched() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<Integer> taken = Channel.create();
    for (int i = 0; i < 1000; i++) {
      in.send(i);
    }
    Child child = Children.fast("take-ten").spawn(ProcessChannelTest::takeTen, in, taken);
    for (int i = 0; i < 10; i++) {
      assertEquals(i, taken.receive());
    }
    assertEquals(0, child.join());
    for (int i = 10; i < 1000; i++) {
      assertEquals(i, in.receive(), "message " + i + " was lost or reordered");
    }
    assertThrows(ChannelClosedException.class, in::poll); // empty, and its only holder exited
  }

  @Test
  void channelCreatedInAChild_reachesItsGrandchild() throws Exception {
    Channel<String> up = Channel.create();
    Child child = Children.fast("host-in-child").spawn(ProcessChannelTest::hostForGrandchild, up);
    assertEquals("child got: hello from the grandchild", up.receive());
    assertEquals(0, child.join());
  }

  @Test
  void receiveInAChild_namesTheTypeOfAMessageItCannotDecode_andGoesOn() throws Exception {
    Channel<Object> in = Channel.create();
    Channel<String> replies = Channel.create();
    Child child = Children.fast("decode-failure").spawn(ProcessChannelTest::reportDecodeFailure, in, replies);
    // A Point written by "another version" of the class: same name, different fingerprint.
    MessageTypes.Entry otherVersion = MessageTypes.byName("dev.ferry.Point", 42);
    byte[] item = {0, 0, 0, 0, 2, 4};
    Wire.putIntLE(item, 0, otherVersion.id);
    HostChannels.of(in).send(item);
    in.send(new Point(5, 6));
    String failure = replies.receive();
    assertTrue(failure.contains("dev.ferry.Point"), failure);
    assertTrue(failure.contains("schema mismatch"), failure);
    assertEquals("then Point[x=5, y=6]", replies.receive());
    assertEquals(0, child.join());
  }

  @Test
  void jdkValues_crossToAChildAndBack_andATooDeepValueIsRefusedBeforeItIsSent() throws Exception {
    Channel<Object> there = Channel.create();
    Channel<Object> back = Channel.create();
    Child child = Children.fast("jdk-values").spawn(ProcessChannelTest::echo, there, back);
    java.util.List<Object> values =
        java.util.List.of(
            java.net.URI.create("https://example.com/a?b#c"),
            java.nio.file.Path.of("/tmp/ferry test"),
            java.util.Locale.CANADA_FRENCH,
            java.util.Currency.getInstance("GBP"),
            java.util.OptionalLong.of(-5),
            java.time.YearMonth.of(2026, 12),
            java.util.EnumSet.of(Suit.HEARTS),
            new java.util.TreeMap<>(java.util.Map.of("b", 2, "a", 1)));
    for (Object value : values) {
      there.send(value);
      assertEquals(value, back.receive());
    }
    Object deep = null;
    for (int i = 0; i < 200_000; i++) {
      deep = java.util.Arrays.asList(deep);
    }
    Object tooDeep = deep;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> there.send(tooDeep));
    assertTrue(e.getMessage().contains("nested deeper than 512"), e.getMessage());
    java.util.ArrayDeque<String> queue = new java.util.ArrayDeque<>(java.util.List.of("x", "y"));
    there.send(queue); // nothing of the refused value went out before it
    assertEquals(java.util.List.of("x", "y"), java.util.List.copyOf((java.util.ArrayDeque<?>) back.receive()));
    there.close();
    assertEquals(0, child.join());
  }

  @Test
  void inheritOnlyRecord_travelsAsHandlesAtSpawn_butIsRefusedOnAChannel() throws Exception {
    Channel<String> replies = Channel.create();
    Child child = Children.fast("ports").spawn(ProcessChannelTest::reportThroughPorts, new Ports(replies, 7));
    assertEquals("worker 7 reporting", replies.receive());
    assertEquals(0, child.join());

    Channel<Object> other = Channel.create();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> other.send(new Ports(replies, 1)));
    assertTrue(e.getMessage().startsWith(RuntimeRules.prefix(RuntimeRules.INHERIT_ONLY_SENT) + "dev.ferry.Ports is @InheritOnly"), e.getMessage());
  }

  /**
   * On each channel in turn: sends from four threads, closes the handle from this one meanwhile,
   * and reports how many of those sends returned.
   */
  private static void sendFromFourThreadsAndClose(List<Channel<Integer>> channels,
      Channel<Long> returned) throws Exception {
    for (int k = 0; k < channels.size(); k++) {
      Channel<Integer> out = channels.get(k);
      AtomicLong sends = new AtomicLong();
      List<Thread> senders = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Thread sender = new Thread(() -> {
          try {
            while (true) {
              out.send(1);
              sends.incrementAndGet();
            }
          } catch (ChannelClosedException | InterruptedException closed) {
            // the handle was closed: this send did not return
          }
        });
        sender.start();
        senders.add(sender);
      }
      Thread.sleep(20 + 10 * k);
      out.close();
      for (Thread sender : senders) {
        sender.join();
      }
      returned.send(sends.get());
    }
  }

  /**
   * Every send that returned in a process whose other thread closed its handle meanwhile arrives.
   * Before, a send that had passed its check for a closed handle appended its message after the
   * close's goodbye, which the host reads last: 150 sends returned and 148 messages arrived.
   */
  @Test
  void closeInAChild_racingItsOwnSenders_losesNoMessageWhoseSendReturned() throws Exception {
    List<Channel<Integer>> channels = new ArrayList<>();
    for (int k = 0; k < 8; k++) {
      channels.add(k % 2 == 0 ? Channel.create() : Channel.create(8));
    }
    Channel<Long> returned = Channel.create();
    Child child = Children.fast("close-racing-senders")
        .spawn(ProcessChannelTest::sendFromFourThreadsAndClose, channels, returned);
    for (int k = 0; k < channels.size(); k++) {
      long received = 0;
      try {
        while (true) {
          channels.get(k).receive();
          received++;
        }
      } catch (ChannelClosedException drainedAndLetGo) {
        // the child closed its handle, and everything it sent has been received
      }
      assertEquals(returned.receive(), received, "channel #" + k);
    }
    assertEquals(0, child.join());
  }

  @Test
  void parentToChild_aMillionMessagesArriveOnceAndInOrder() throws Exception {
    int messages = 1_000_000;
    Channel<Integer> in = Channel.create();
    Channel<Integer> report = Channel.create();
    Child consumer =
        Children.fast("in-order").spawn(ProcessChannelTest::receiveInOrderUntilClosed, in, report);
    for (int i = 0; i < messages; i++) {
      in.send(i);
    }
    in.close();
    assertEquals(messages, report.receive());
    assertEquals(0, consumer.join());
  }

  @Test
  void threeProcesses_produceAndConsume100000MessagesExactlyOnce() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<Integer> out = Channel.create();
    Child first = Children.fast("forward-1").spawn(ProcessChannelTest::forward, in, out);
    Child second = Children.fast("forward-2").spawn(ProcessChannelTest::forward, in, out);
    for (int i = 0; i < MESSAGES; i++) {
      in.send(i);
    }
    in.close();
    BitSet seen = new BitSet(MESSAGES);
    int received = 0;
    try {
      while (true) {
        int value = out.receive();
        assertFalse(seen.get(value), "duplicate " + value);
        seen.set(value);
        received++;
      }
    } catch (ChannelClosedException allWorkersExited) {
      // expected: both workers exited and `out` is empty
    }
    assertEquals(MESSAGES, received);
    assertEquals(MESSAGES, seen.cardinality());
    assertEquals(0, first.join());
    assertEquals(0, second.join());
  }

  @Test
  void receive_doesNotHangWhenTheOnlyProducerIsKilled() throws Exception {
    Channel<Integer> out = Channel.create();
    Child producer = Children.fast("count-forever").spawn(ProcessChannelTest::countForever, out);
    for (int i = 0; i < 1000; i++) {
      assertEquals(i, out.receive());
    }
    producer.kill();
    int next = 1000;
    try {
      while (true) {
        assertEquals(next++, out.receive()); // whole messages, in order, none torn
      }
    } catch (ChannelClosedException expected) {
      assertTrue(expected.getMessage().contains("every process it was handed to"), expected.getMessage());
    }
    assertTrue(producer.join() != 0);
  }

  @Test
  void grandchild_usesAChannelItsGrandparentMade_andExitsWhenItsParentIsKilled() throws Exception {
    Channel<String> requests = Channel.create();
    Channel<String> replies = Channel.create();
    Child middle = Children.fast("middle").spawn(ProcessChannelTest::middle, requests, replies);
    long middlePid = -1;
    long grandchildPid = -1;
    for (int i = 0; i < 2; i++) {
      String hello = replies.receive();
      long pid = Long.parseLong(hello.substring(hello.indexOf(' ') + 1));
      if (hello.startsWith("middle")) {
        middlePid = pid;
      } else {
        grandchildPid = pid;
      }
    }
    assertEquals(middle.pid(), middlePid);
    requests.send("ping");
    assertEquals("re: ping", replies.receive());

    ProcessHandle grandchild = ProcessHandle.of(grandchildPid).orElseThrow();
    middle.kill();
    assertTrue(middle.join() != 0);
    grandchild.onExit().get(10, java.util.concurrent.TimeUnit.SECONDS);
    assertFalse(grandchild.isAlive());
  }

  @Test
  void send_blocksInAChildWhileABoundedChannelIsFull() throws Exception {
    Channel<Integer> bounded = Channel.create(2);
    Channel<Integer> progress = Channel.create();
    Child producer = Children.fast("produce-ten").spawn(ProcessChannelTest::produceTen, bounded, progress);
    assertEquals(0, progress.receive());
    assertEquals(1, progress.receive());
    assertEquals(Optional.empty(), progress.receive(Duration.ofMillis(500)), "the third send must block");
    for (int i = 0; i < 10; i++) {
      assertEquals(i, bounded.receive());
    }
    assertEquals(0, producer.join());
    for (int i = 2; i < 10; i++) {
      assertEquals(i, progress.receive());
    }
  }

  /** A producer asks for credit ahead of time; the host refuses any message beyond its credit. */
  @Test
  void boundedChannel_carriesMessagesFromAChildOnceAndInOrder_batchAfterBatchOfCredit()
      throws Exception {
    int count = 200_000;
    Channel<Integer> bounded = Channel.create(1_000);
    Child producer = Children.fast("send-bounded").spawn(ProcessChannelTest::sendMany, bounded, count);
    for (int i = 0; i < count; i++) {
      assertEquals(i, bounded.receive());
    }
    assertEquals(OptionalInt.of(0), producer.join(Duration.ofSeconds(30)));
  }

  @Test
  void childToParent_twoMillionMessagesArriveOnceAndInOrder() throws Exception {
    int count = 2_000_000;
    Channel<Integer> out = Channel.create();
    Child producer = Children.fast("send-many").spawn(ProcessChannelTest::sendMany, out, count);
    for (int i = 0; i < count; i++) {
      assertEquals(i, out.receive());
    }
    assertEquals(OptionalInt.of(0), producer.join(Duration.ofSeconds(30)));
    assertThrows(ChannelClosedException.class, out::receive);
  }

  @Test
  void childToParent_largeAndSmallMessagesFromTwoThreads_arriveWholeAndInOrder() throws Exception {
    int rounds = 5;
    Channel<byte[]> out = Channel.create();
    Child producer = Children.fast("send-blobs").spawn(ProcessChannelTest::sendBlobsFromTwoThreads, out, rounds);
    int[] next = new int[2];
    for (int i = 0; i < 2 * rounds * BLOB_SIZES.length; i++) {
      byte[] got = out.receive();
      int thread = got[0];
      int seq = next[thread]++;
      byte[] expected = blob(thread, seq, BLOB_SIZES[(seq + thread) % BLOB_SIZES.length]);
      assertTrue(java.util.Arrays.equals(expected, got), "message " + seq + " of thread " + thread + " differs");
    }
    assertEquals(OptionalInt.of(0), producer.join(Duration.ofSeconds(30)));
    assertThrows(ChannelClosedException.class, out::receive);
  }

  @Test
  void largeMessagesFromOneChild_reachAnotherThroughTheParentWhole() throws Exception {
    int rounds = 3;
    int count = 2 * rounds * BLOB_SIZES.length;
    Channel<byte[]> blobs = Channel.create();
    Channel<Integer> report = Channel.create();
    Child consumer = Children.fast("check-blobs").spawn(ProcessChannelTest::checkBlobs, blobs, count, report);
    Child producer = Children.fast("send-blobs").spawn(ProcessChannelTest::sendBlobsFromTwoThreads, blobs, rounds);
    assertEquals(count, report.receive());
    assertEquals(OptionalInt.of(0), producer.join(Duration.ofSeconds(30)));
    assertEquals(OptionalInt.of(0), consumer.join(Duration.ofSeconds(30)));
  }

  @Test
  void producerFasterThanTheReceiver_keepsItsBacklogAtHome() throws Exception {
    int count = 1_000_000;
    Channel<String> lines = Channel.create(); // unbounded
    Child producer = Children.fast("send-lines").spawn(ProcessChannelTest::sendLines, lines, count);
    int mostQueued = 0;
    for (int i = 0; i < count; i++) {
      String line = lines.receive();
      assertTrue(line.startsWith(i + "x"), line);
      if (i < 2_000) { // a receiver far slower than the producer, for two seconds or more
        mostQueued = Math.max(mostQueued, HostChannels.queued(lines));
        Thread.sleep(1);
      }
    }
    assertEquals(OptionalInt.of(0), producer.join(Duration.ofSeconds(30)));
    // The host stops reading while more than 65,536 are queued and a receiver is draining them; a
    // frame and the socket's buffer bring about 15,000 more. Without that, the million would pile
    // up here within the first second.
    assertTrue(mostQueued < 300_000, "the parent queued " + mostQueued + " messages at once");
  }

  @Test
  void producerKilledMidLargeMessage_leavesNoTornMessage_andTheChannelGoesOn() throws Exception {
    Channel<byte[]> blocks = Channel.create();
    Child producer = Children.fast("blocks-forever").spawn(ProcessChannelTest::sendBlocksForever, blocks);
    Child other = Children.fast("send-blobs").spawn(ProcessChannelTest::sendBlobsFromTwoThreads, blocks, 1);
    int whole = 0;
    int seenFromOther = 0;
    while (whole < 3) {
      byte[] got = blocks.receive();
      if (got.length == 8 << 20) {
        whole++;
      } else {
        seenFromOther++;
      }
    }
    producer.kill(); // most likely in the middle of writing an 8 MiB block
    assertTrue(producer.join() != 0);
    try {
      while (true) {
        byte[] got = blocks.receive(Duration.ofSeconds(20)).orElseThrow();
        if (got.length == 8 << 20) {
          for (byte b : got) {
            assertEquals(got[0], b, "a torn 8 MiB block");
          }
        } else {
          seenFromOther++;
        }
      }
    } catch (ChannelClosedException expected) {
      // both producers are gone and everything they sent whole was received
    }
    assertEquals(0, other.join());
    assertEquals(2 * BLOB_SIZES.length, seenFromOther, "messages of the other producer");
  }
}
