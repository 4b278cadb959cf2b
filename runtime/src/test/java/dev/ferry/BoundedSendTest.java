package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** send(value, Duration), offer(value), and a full bounded channel no live process can drain. */
@Timeout(60)
class BoundedSendTest {

  // ---- child targets

  private static void receiveOneThenSleep(Channel<Integer> in, Channel<String> out)
      throws Exception {
    out.send("received " + in.receive());
    Thread.sleep(60_000);
  }

  /** Hands both channels on to a child of its own, which receives one message; then waits. */
  private static void handOnThenSleep(Channel<Integer> in, Channel<String> out) throws Exception {
    Children.fast("grandchild").spawn(BoundedSendTest::receiveOneThenSleep, in, out);
    Thread.sleep(60_000);
  }

  private static void timedSends(Channel<Integer> bounded, Channel<String> report, Channel<String> go)
      throws Exception {
    report.send("offer 0: " + bounded.offer(0));
    long start = System.nanoTime();
    boolean sent = bounded.send(1, Duration.ofMillis(300));
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    report.send("send 1 within 300 ms: " + sent + (waitedMillis >= 290 ? " after waiting" : " early"));
    report.send("offer 2: " + bounded.offer(2));
    go.receive();
    report.send("send 3 within 20 s: " + bounded.send(3, Duration.ofSeconds(20)));
  }

  /** A send that times out on the full channel; then idle, the handle kept, until told to send. */
  private static void timeOutThenIdle(Channel<Integer> bounded, Channel<String> report, Channel<String> go)
      throws Exception {
    report.send("send 7 within 50 ms: " + bounded.send(7, Duration.ofMillis(50)));
    go.receive();
    report.send("send 8 within 20 s: " + bounded.send(8, Duration.ofSeconds(20)));
  }

  /** A send on the full channel, interrupted as it waits; then idle, the handle kept. */
  private static void interruptedSendThenIdle(Channel<Integer> bounded, Channel<String> report)
      throws Exception {
    String[] outcome = {"sent"};
    Thread sender = new Thread(() -> {
      try {
        bounded.send(7);
      } catch (InterruptedException e) {
        outcome[0] = "interrupted";
      }
    });
    sender.start();
    Thread.sleep(300); // waiting for room by now (if not yet, the test passes without testing)
    sender.interrupt();
    sender.join();
    report.send("send 7: " + outcome[0]);
    Thread.sleep(60_000);
  }

  /** Receives one message and sends it on plus one. */
  private static void receiveThenSendOnePlus(Channel<Integer> bounded, Channel<String> report)
      throws Exception {
    int got = bounded.receive();
    report.send("received " + got + ", sent " + (got + 1) + " within 20 s: "
        + bounded.send(got + 1, Duration.ofSeconds(20)));
  }

  /**
   * Hosts a {@code Channel.create(1)} for a child that offers on it while this process is stopped;
   * once resumed and told to, reports whether its own send finds the room its late answer granted.
   */
  private static void hostStoppedWhileOffered(Channel<String> report, Channel<String> offer,
      Channel<String> go) throws Exception {
    try (Channel<Integer> bounded = Channel.create(1)) {
      Child offerer = Children.fast("offers").spawn(BoundedSendTest::offerTwiceThenIdle, bounded, report, offer);
      report.send("received " + bounded.receive() + ", pid " + ProcessHandle.current().pid());
      go.receive();
      Thread.sleep(500); // the late answer has left by now (if not, the test passes without testing)
      report.send("host's send 1 within 20 s: " + bounded.send(1, Duration.ofSeconds(20)));
      offerer.kill();
    }
  }

  /** Offers once (connecting); when told to, offers again, reports, and idles with the handle. */
  private static void offerTwiceThenIdle(Channel<Integer> bounded, Channel<String> report,
      Channel<String> offer) throws Exception {
    bounded.offer(0);
    offer.receive();
    report.send("offer 7 with the host stopped: " + bounded.offer(7));
    Thread.sleep(60_000);
  }

  /** Waits with timeouts no {@code long} of nanoseconds can hold, reporting what each returned. */
  private static void endlessTimeouts(Channel<Integer> in, Channel<Integer> bounded, Channel<String> report)
      throws Exception {
    report.send("received " + in.receive(Duration.ofSeconds(Long.MAX_VALUE)));
    bounded.send(1); // the channel holds one: full now
    report.send("full");
    report.send("sent 2: " + bounded.send(2, ChronoUnit.FOREVER.getDuration()));
  }

  /** Offers six messages in a row, reporting what each returned. */
  private static void offersInARow(Channel<Integer> bounded, Channel<String> report)
      throws Exception {
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < 6; i++) {
      results.append(bounded.offer(i)).append(' ');
    }
    report.send(results.toString().trim());
  }

  /** Offers three messages, each with the thread's interrupt flag set; reports what each did. */
  private static void offersWhileInterrupted(Channel<Integer> bounded, Channel<String> report)
      throws Exception {
    StringBuilder results = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      Thread.currentThread().interrupt();
      boolean sent = bounded.offer(i);
      results.append("offer ").append(i).append(": ").append(sent)
          .append(Thread.interrupted() ? ", still interrupted; " : ", flag lost; ");
    }
    report.send(results.toString());
  }

  // ---- tests

  @Test
  void offerAndTimedSend_inTheCreatingProcess_returnFalseWhileFull() throws Exception {
    Channel<Integer> bounded = Channel.create(2);
    assertTrue(bounded.offer(0));
    assertTrue(bounded.send(1, Duration.ofMillis(10)));
    assertFalse(bounded.offer(2));
    long start = System.nanoTime();
    assertFalse(bounded.send(2, Duration.ofMillis(200)));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(190).toNanos(), "waited the timeout");
    assertEquals(0, bounded.receive());
    assertTrue(bounded.offer(2));
    assertEquals(1, bounded.receive());
    assertEquals(2, bounded.receive());
    Channel<Integer> unbounded = Channel.create();
    for (int i = 0; i < 10_000; i++) {
      assertTrue(unbounded.offer(i));
    }
    bounded.close();
    assertThrows(ChannelClosedException.class, () -> bounded.offer(3));
    assertThrows(ChannelClosedException.class, () -> bounded.send(3, Duration.ofSeconds(1)));
  }

  @Test
  void offerAndTimedSend_inAChild_returnFalseWhileFull_andSendOnceThereIsRoom() throws Exception {
    Channel<Integer> bounded = Channel.create(1);
    Channel<String> report = Channel.create();
    Channel<String> go = Channel.create();
    Child producer = Children.fast("timed-sends").spawn(BoundedSendTest::timedSends, bounded, report, go);
    assertEquals("offer 0: true", report.receive());
    assertEquals("send 1 within 300 ms: false after waiting", report.receive());
    assertEquals("offer 2: false", report.receive());
    assertEquals(0, bounded.receive());
    go.send("go");
    assertEquals("send 3 within 20 s: true", report.receive());
    assertEquals(3, bounded.receive());
    assertEquals(0, producer.join());
  }

  @Test
  void timedOutSend_inAChildThatThenIdles_holdsNoSlot_theHostAndAnotherChildSendAndReceive()
      throws Exception {
    Channel<Integer> bounded = Channel.create(1);
    Channel<String> report = Channel.create();
    Channel<String> go = Channel.create();
    bounded.send(0); // full
    Child idle = Children.fast("times-out").spawn(BoundedSendTest::timeOutThenIdle, bounded, report, go);
    assertEquals("send 7 within 50 ms: false", report.receive());
    assertEquals(0, bounded.receive()); // the slot freed answers the request the idle child left
    // It held that slot, so this send on the empty channel returned false after its timeout.
    assertTrue(bounded.send(1, Duration.ofSeconds(20)));
    Child other = Children.fast("sends-on").spawn(BoundedSendTest::receiveThenSendOnePlus, bounded, report);
    assertEquals("received 1, sent 2 within 20 s: true", report.receive());
    assertEquals(2, bounded.receive());
    go.send("go");
    assertEquals("send 8 within 20 s: true", report.receive());
    assertEquals(8, bounded.receive());
    assertEquals(0, other.join());
    assertEquals(0, idle.join());
  }

  @Test
  void interruptedSend_inAChildThatThenIdles_holdsNoSlot() throws Exception {
    Channel<Integer> bounded = Channel.create(1);
    Channel<String> report = Channel.create();
    bounded.send(0); // full
    Child idle = Children.fast("interrupted").spawn(BoundedSendTest::interruptedSendThenIdle, bounded, report);
    try {
      assertEquals("send 7: interrupted", report.receive());
      assertEquals(0, bounded.receive());
      assertTrue(bounded.send(1, Duration.ofSeconds(20)));
      assertEquals(1, bounded.receive());
    } finally {
      idle.kill();
    }
  }

  @Test
  void offerThatGaveUpOnAStoppedHost_inAChildThatThenIdles_holdsNoSlot() throws Exception {
    Channel<String> report = Channel.create();
    Channel<String> offer = Channel.create();
    Channel<String> go = Channel.create();
    Child host = Children.fast("host").spawn(BoundedSendTest::hostStoppedWhileOffered, report, offer, go);
    String received = report.receive();
    assertTrue(received.startsWith("received 0, pid "), received);
    long pid = Long.parseLong(received.substring("received 0, pid ".length()));
    Signals.stop(pid);
    try {
      offer.send("offer");
      assertEquals("offer 7 with the host stopped: false", report.receive());
    } finally {
      Signals.resume(pid);
    }
    go.send("go");
    // The host's answer, granting the slot, came after the offer had given up: the child kept it.
    assertEquals("host's send 1 within 20 s: true", report.receive());
    assertEquals(0, host.join());
  }

  @Test
  void timeoutsLongerThanALongOfNanos_waitAsWithoutATimeout_inTheCreatingProcess() throws Exception {
    Duration endless = Duration.ofSeconds(Long.MAX_VALUE);
    Channel<Integer> bounded = Channel.create(1);
    bounded.send(0);
    Thread freer = new Thread(() -> {
      try {
        Thread.sleep(200);
        bounded.receive();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });
    freer.start();
    assertTrue(bounded.send(1, endless)); // was an ArithmeticException from Duration.toNanos
    assertEquals(java.util.Optional.of(1), bounded.receive(ChronoUnit.FOREVER.getDuration()));
    freer.join();
  }

  @Test
  void timeoutsLongerThanALongOfNanos_waitAsWithoutATimeout_inAChild() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<Integer> bounded = Channel.create(1);
    Channel<String> report = Channel.create();
    Child child = Children.fast("endless-timeouts").spawn(BoundedSendTest::endlessTimeouts, in, bounded, report);
    assertEquals(java.util.OptionalInt.empty(), child.join(Duration.ofMillis(100)));
    Thread.sleep(100);
    in.send(7);
    assertEquals("received Optional[7]", report.receive());
    assertEquals("full", report.receive());
    Thread.sleep(200);
    assertEquals(1, bounded.receive());
    assertEquals("sent 2: true", report.receive());
    assertEquals(2, bounded.receive());
    assertEquals(java.util.OptionalInt.of(0), child.join(Duration.ofSeconds(Long.MAX_VALUE)));
  }

  @Test
  void offersInARow_inAChild_sendWhileThereIsRoom() throws Exception {
    Channel<Integer> bounded = Channel.create(10); // credit comes 2 slots at a time
    Channel<String> report = Channel.create();
    Child child = Children.fast("offers-in-a-row").spawn(BoundedSendTest::offersInARow, bounded, report);
    // The third offer came while the second's request for more credit was on its way; it
    // returned false without asking, with 8 slots free.
    assertEquals("true true true true true true", report.receive());
    assertEquals(0, child.join());
    for (int i = 0; i < 6; i++) {
      assertEquals(i, bounded.receive());
    }
  }

  @Test
  void offer_withTheInterruptFlagSet_sendsWhileThereIsRoom_andKeepsTheFlag() throws Exception {
    Channel<Integer> local = Channel.create(1);
    Thread.currentThread().interrupt();
    boolean sent = local.offer(0); // was false: the host's lock threw InterruptedException
    assertTrue(Thread.interrupted(), "the flag stays set");
    assertTrue(sent);
    Thread.currentThread().interrupt();
    assertFalse(local.offer(1)); // full: false, as ever
    assertTrue(Thread.interrupted());
    assertEquals(0, local.receive());

    Channel<Integer> bounded = Channel.create(10);
    Channel<String> report = Channel.create();
    Child child = Children.fast("offers-interrupted").spawn(BoundedSendTest::offersWhileInterrupted, bounded, report);
    assertEquals("offer 0: true, still interrupted; offer 1: true, still interrupted; "
        + "offer 2: true, still interrupted; ", report.receive());
    assertEquals(0, child.join());
    assertEquals(0, bounded.receive());
    assertEquals(1, bounded.receive());
    assertEquals(2, bounded.receive());
  }

  @Test
  void send_onAFullChannelWhoseOnlyConsumerWasKilled_failsInsteadOfBlockingForEver_untilANewChildHoldsIt()
      throws Exception {
    Channel<Integer> bounded = Channel.create(2);
    Channel<String> out = Channel.create();
    Child consumer = Children.fast("receive-one").spawn(BoundedSendTest::receiveOneThenSleep, bounded, out);
    bounded.send(0);
    assertEquals("received 0", out.receive());
    bounded.send(1);
    bounded.send(2);
    Thread.sleep(200); // its acknowledgment of 0 leaves within about a millisecond (docs/runtime.md)
    consumer.kill();
    ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> bounded.send(3));
    assertTrue(e.getMessage().contains("no other process can receive"), e.getMessage());
    assertThrows(ChannelClosedException.class, () -> bounded.send(3, Duration.ofSeconds(30)));
    assertThrows(ChannelClosedException.class, () -> bounded.offer(3));
    assertEquals(1, bounded.receive()); // what is queued stays receivable here
    assertTrue(bounded.offer(3));
    // Full again: offer throws where BlockingQueue.offer would say false, since no retry can
    // succeed; once a new child holds the channel, false means "try again" as ever.
    ChannelClosedException offered = assertThrows(ChannelClosedException.class, () -> bounded.offer(4));
    assertTrue(offered.getMessage().contains("is full and every process it was handed to has"
        + " exited or closed it, so no other process can receive from it"), offered.getMessage());
    Child another = Children.fast("receive-another").spawn(BoundedSendTest::receiveOneThenSleep, bounded, out);
    assertFalse(bounded.offer(4));
    assertEquals("received 2", out.receive());
    assertTrue(bounded.send(4, Duration.ofSeconds(30)));
    another.kill();
  }

  /**
   * Once join() returned, the host knows the child is gone: an offer on a full channel that only
   * it could drain throws at once, every time (before, join returned when the process had exited,
   * while the lease's end and the connection's end were still on their way, so offer said false
   * in most rounds). Five rounds, since the race went either way.
   */
  @Test
  void offer_rightAfterTheOnlyConsumerWasKilledAndJoined_throws() throws Exception {
    offerRightAfterKillAndJoin_throws(BoundedSendTest::receiveOneThenSleep, 5);
  }

  /**
   * The same when the only consumer was the killed child's own child, holding a lease the child
   * created: it exits with its parent, and join() waits for its connection to end too (before, join
   * waited for the child's connections only, and offer said false in every round while the
   * grandchild was still on its way out).
   */
  @Test
  void offer_rightAfterAChildWhoseOwnChildWasTheOnlyConsumerWasKilledAndJoined_throws()
      throws Exception {
    offerRightAfterKillAndJoin_throws(BoundedSendTest::handOnThenSleep, 3);
  }

  /** Spawns {@code consumer}, which receives one message (or has it received); fills, kills, joins. */
  private static void offerRightAfterKillAndJoin_throws(
      Ferry.Target2<Channel<Integer>, Channel<String>> consumer, int rounds) throws Exception {
    for (int round = 0; round < rounds; round++) {
      Channel<Integer> bounded = Channel.create(1);
      Channel<String> out = Channel.create();
      Child child = Children.fast("consumer").spawn(consumer, bounded, out);
      bounded.send(0);
      assertEquals("received 0", out.receive());
      bounded.send(1);
      child.kill();
      child.join();
      int r = round;
      ChannelClosedException e =
          assertThrows(ChannelClosedException.class, () -> bounded.offer(2), () -> "round " + r);
      assertTrue(e.getMessage().contains("no other process can receive"), e.getMessage());
    }
  }
}
