package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.ChildFailure;
import dev.ferry.Children;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child's shared-memory rings file cut short (truncated by another process of the same user,
 * which found it as anyone can: a {@code rings-*} file this process holds open) while this
 * process, which hosts the channels, sends to the child on one thread and receives its echoes on
 * two others: its {@code send} and {@code receive} look at the child's rings to answer it at once.
 * They never throw the JVM's fault; the child fails saying its file was cut; no message is
 * delivered twice or torn, none is lost but those that were in the child's hands or in the cut
 * file; no thread hangs; the channels go on for this process and {@code close()} returns.
 */
@Timeout(600)
class CutRingsWhileHostingTest {
  /** 10, not 16: each round is a child started and cut (about 1.2 s), and CI has two JDKs to pass. */
  private static final int ROUNDS = 10;

  // ---- child target

  private static void echo(Channel<Integer> in, Channel<Integer> out) throws Exception {
    while (true) {
      out.send(in.receive());
    }
  }

  // ---- test

  @Test
  void aHoldersRingsFileCutWhileThisProcessSendsAndReceives_neitherThrowsTheFault()
      throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      cutUnderTraffic(round);
      assertNoRingsFileLeftOpen(round);
    }
  }

  private static void cutUnderTraffic(int round) throws Exception {
    List<String> wrong = new CopyOnWriteArrayList<>();
    Channel<Integer> in = Channel.create(256); // bounded: the sender keeps pace with the child
    Channel<Integer> out = Channel.create();
    Child child =
        Children.fast("cut-hosting-" + round).spawn(CutRingsWhileHostingTest::echo, in, out);
    in.send(-1);
    assertEquals(-1, out.receive()); // both connections are up, through shared memory
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger sent = new AtomicInteger();
    Thread sender = new Thread(() -> send(in, sent, stop, wrong), "sending");
    sender.start();
    // Two receivers: while one takes a message, the other waits and polls the child's rings.
    List<List<Integer>> echoed = List.of(new ArrayList<>(), new ArrayList<>());
    List<Thread> receivers = new ArrayList<>();
    for (List<Integer> got : echoed) {
      Thread receiver = new Thread(() -> receive(out, got, stop, wrong), "receiving");
      receiver.start();
      receivers.add(receiver);
    }
    Thread.sleep(100);
    List<Path> files = CutRings.open();
    assertEquals(2, files.size(), files.toString());
    CutRings.cut(files.get(round % 2)); // in's or out's, by turns
    assertEquals(1, child.join(Duration.ofSeconds(30)).orElse(-1), "the child's exit");
    String told = child.failure().map(ChildFailure::message).orElse("no failure");
    assertTrue(told.contains("the shared-memory file of its rings was cut short: "), told);
    stop.set(true);
    joinWithin(sender, round);
    for (Thread receiver : receivers) {
      joinWithin(receiver, round);
    }
    List<Integer> left = leftIn(in);
    assertDeliveredOnce(sent.get(), echoed, left, wrong);
    assertTrue(wrong.isEmpty(), "round " + round + ": " + wrong);
    // Both channels go on for this process.
    in.send(7);
    assertEquals(Optional.of(7), in.poll());
    out.send(8);
    assertEquals(8, out.receive());
    closeWithin(in, round);
    closeWithin(out, round);
  }

  /**
   * What is left in the channel: once it is empty, the child being gone, polling it throws (no
   * other process can feed it).
   */
  private static List<Integer> leftIn(Channel<Integer> in) {
    List<Integer> left = new ArrayList<>();
    try {
      for (Optional<Integer> next; (next = in.poll()).isPresent(); ) {
        left.add(next.get());
      }
    } catch (ChannelClosedException drained) {
      // empty, and only this process holds it
    }
    return left;
  }

  /**
   * Sends 0, 1, 2, ... until told to stop, or until the channel is full and the child, its only
   * other holder, exited; notes anything else a send throws.
   */
  private static void send(Channel<Integer> in, AtomicInteger sent, AtomicBoolean stop,
      List<String> wrong) {
    while (!stop.get()) {
      int next = sent.get();
      try {
        in.send(next);
      } catch (ChannelClosedException orphaned) {
        return;
      } catch (Throwable e) {
        wrong.add("send(" + next + ") threw " + e);
        e.printStackTrace();
        return;
      }
      sent.incrementAndGet();
    }
  }

  /**
   * Receives the child's echoes until the channel is empty and closed for this process (the child,
   * its only other holder, exited), or empty for a while once told to stop; notes anything else a
   * receive throws.
   */
  private static void receive(Channel<Integer> out, List<Integer> echoed, AtomicBoolean stop,
      List<String> wrong) {
    while (true) {
      try {
        Optional<Integer> got = out.receive(Duration.ofMillis(500));
        if (got.isPresent()) {
          synchronized (echoed) {
            echoed.add(got.get());
          }
        } else if (stop.get()) {
          return;
        }
      } catch (ChannelClosedException drained) {
        return;
      } catch (Throwable e) {
        wrong.add("receive() threw " + e);
        e.printStackTrace();
        return;
      }
    }
  }

  /**
   * Each message sent was echoed once, to one receiver or the other, each receiving in order, with
   * no gap below the last echo, or is still in the channel the child read, in order (handed to the
   * child and not acknowledged, it was queued again). The others are one run right after the last
   * echo: those the child had echoed into the ring whose file was cut (its bytes went with the
   * file) or received when its channel broke. One missing below the last echo, or two runs, was
   * lost by this process.
   */
  private static void assertDeliveredOnce(int sent, List<List<Integer>> echoed,
      List<Integer> left, List<String> wrong) {
    boolean[] seen = new boolean[sent];
    int lastEchoed = -1;
    for (List<Integer> got : echoed) {
      inOrderAndInRange("echoed", got, sent, seen, true, wrong);
      lastEchoed = Math.max(lastEchoed, got.isEmpty() ? -1 : got.get(got.size() - 1));
    }
    inOrderAndInRange("left in the channel", left, sent, seen, false, wrong);
    List<Integer> lost = new ArrayList<>();
    for (int i = 0; i < sent; i++) {
      if (!seen[i]) {
        lost.add(i);
      }
    }
    if (!lost.isEmpty() && (lost.get(0) < lastEchoed
        || lost.get(lost.size() - 1) - lost.get(0) != lost.size() - 1)) {
      wrong.add("lost " + lost.size() + " of " + sent + " messages, echoed up to " + lastEchoed
          + ": " + head(lost));
    }
  }

  /**
   * Notes in {@code wrong} a value out of order or range, or, if {@code once}, one seen before;
   * marks the others seen. (A message echoed may also be left in the channel: the child's
   * acknowledgment of it did not reach this process.)
   */
  private static void inOrderAndInRange(String what, List<Integer> got, int sent, boolean[] seen,
      boolean once, List<String> wrong) {
    int last = -1;
    for (int value : got) {
      if (value <= last || value >= sent || once && seen[value]) {
        wrong.add(what + ": " + value + " after " + last + " of " + sent + " sent: " + head(got));
        return;
      }
      seen[value] = true;
      last = value;
    }
  }

  private static String head(List<Integer> values) {
    return values.size() <= 20 ? values.toString() : values.subList(0, 20) + "...";
  }

  /**
   * Fails if this process still holds a rings file open 10 s after the round: each connection
   * closes its file as its thread ends, a moment after the child's exit.
   */
  private static void assertNoRingsFileLeftOpen(int round) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!CutRings.open().isEmpty()) {
      if (System.nanoTime() > deadline) {
        fail("rings files left open (round " + round + "): " + CutRings.open() + "\n"
            + CutRings.threads());
      }
      Thread.sleep(20);
    }
  }

  private static void joinWithin(Thread thread, int round) throws InterruptedException {
    thread.join(30_000);
    if (thread.isAlive()) {
      fail("thread " + thread.getName() + " hung (round " + round + ")\n" + CutRings.threads());
    }
  }

  private static void closeWithin(Channel<Integer> channel, int round) throws Exception {
    Thread closing = new Thread(channel::close, "closing");
    closing.start();
    closing.join(30_000);
    if (closing.isAlive()) {
      fail("close() hung (round " + round + ")\n" + CutRings.threads());
    }
  }
}
