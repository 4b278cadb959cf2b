package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads sending on one bounded channel of the creating process while few receive, on
 * platform threads and (JDK 21+) virtual threads: every message arrives once, in each sender's
 * order, and no sender waits for room that is there.
 */
@Timeout(120)
class ManySendersTest {
  private static final int WAIT_SECONDS = 30;

  // ---- child targets

  /** Receives on ten threads until the channel closes; reports what came. */
  private static void receiveAll(Channel<Long> in, Channel<String> report, Integer senders,
      Integer each) throws Exception {
    Tally tally = new Tally(senders, each);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try {
      report.send(tally.receiveAll(in, pool, 10));
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- tests

  @Test
  void tenSendersTwoReceivers_capacityOne_inTheCreatingProcess_deliverEverything()
      throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      for (int round = 0; round < 5; round++) {
        assertEquals(Tally.EVERY_MESSAGE_ONCE, sendAndReceive(threads, 10, 100, 2, 1));
      }
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aHundredSendersInTheCreator_tenReceiversInAChild_capacityOne_deliverEverything()
      throws Exception {
    Channel<Long> channel = Channel.create(1);
    Channel<String> report = Channel.create();
    Child child = Children.fast("receivers")
        .spawn(ManySendersTest::receiveAll, channel, report, 100, 20);
    ExecutorService threads = Executors.newCachedThreadPool();
    try {
      for (Future<?> sender : startSenders(threads, channel, 100, 20)) {
        awaitDone(sender, "a sender");
      }
      channel.close();
      assertEquals(Tally.EVERY_MESSAGE_ONCE, report.receive());
      assertEquals(0, child.join());
    } finally {
      threads.shutdownNow();
      child.kill();
    }
  }

  @Test
  void thousandsOfVirtualSenders_inTheCreatingProcess_deliverEverything() throws Exception {
    ExecutorService threads = virtualThreadPerTask();
    try {
      for (int capacity : new int[] {1, 64, 0}) {
        assertEquals(Tally.EVERY_MESSAGE_ONCE, sendAndReceive(threads, 2_000, 5, 200, capacity),
            "capacity " + capacity);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  // ---- helpers

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}; skips the test on JDK 17. */
  private static ExecutorService virtualThreadPerTask() throws Exception {
    Method factory;
    try {
      factory = Executors.class.getMethod("newVirtualThreadPerTaskExecutor");
    } catch (NoSuchMethodException e) {
      assumeTrue(false, "virtual threads need JDK 21");
      throw e;
    }
    return (ExecutorService) factory.invoke(null);
  }

  /** Sends and receives on a new channel, all in this process; returns what the receivers got. */
  private static String sendAndReceive(ExecutorService threads, int senders, int each,
      int receivers, int capacity) throws Exception {
    Channel<Long> channel = capacity == 0 ? Channel.create() : Channel.create(capacity);
    Tally tally = new Tally(senders, each);
    List<Future<?>> receiving = tally.startReceivers(channel, threads, receivers);
    for (Future<?> sender : startSenders(threads, channel, senders, each)) {
      awaitDone(sender, "a sender");
    }
    channel.close();
    for (Future<?> receiver : receiving) {
      awaitDone(receiver, "a receiver");
    }
    return tally.verdict();
  }

  /** Sender s sends (s << 32 | i) for i in 0..each-1, in order. */
  private static List<Future<?>> startSenders(ExecutorService threads, Channel<Long> channel,
      int senders, int each) {
    List<Future<?>> started = new ArrayList<>();
    for (int s = 0; s < senders; s++) {
      long sender = s;
      started.add(threads.submit(() -> {
        for (int i = 0; i < each; i++) {
          channel.send(sender << 32 | i);
        }
        return null;
      }));
    }
    return started;
  }

  private static void awaitDone(Future<?> future, String what) throws Exception {
    try {
      future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(what + " still waits after " + WAIT_SECONDS + " s", e);
    }
  }

  /** What receivers got: each message once, and each sender's messages in order per receiver. */
  static final class Tally {
    static final String EVERY_MESSAGE_ONCE = "every message once, in order";

    private final int each;
    private final AtomicIntegerArray seen;
    private final AtomicIntegerArray outOfOrder = new AtomicIntegerArray(1);

    Tally(int senders, int each) {
      this.each = each;
      this.seen = new AtomicIntegerArray(senders * each);
    }

    List<Future<?>> startReceivers(Channel<Long> channel, ExecutorService threads, int receivers) {
      List<Future<?>> started = new ArrayList<>();
      for (int r = 0; r < receivers; r++) {
        started.add(threads.submit(() -> {
          receiveUntilClosed(channel);
          return null;
        }));
      }
      return started;
    }

    String receiveAll(Channel<Long> channel, ExecutorService threads, int receivers)
        throws Exception {
      for (Future<?> receiver : startReceivers(channel, threads, receivers)) {
        awaitDone(receiver, "a receiver");
      }
      return verdict();
    }

    private void receiveUntilClosed(Channel<Long> channel) throws InterruptedException {
      int[] last = new int[seen.length() / each];
      java.util.Arrays.fill(last, -1);
      try {
        while (true) {
          long message = channel.receive();
          int sender = (int) (message >>> 32);
          int index = (int) message;
          if (index <= last[sender]) {
            outOfOrder.incrementAndGet(0);
          }
          last[sender] = index;
          seen.incrementAndGet(sender * each + index);
        }
      } catch (ChannelClosedException drained) {
        // every sender is done and the channel is empty
      }
    }

    String verdict() {
      int lost = 0;
      int doubled = 0;
      for (int i = 0; i < seen.length(); i++) {
        lost += seen.get(i) == 0 ? 1 : 0;
        doubled += seen.get(i) > 1 ? 1 : 0;
      }
      if (lost == 0 && doubled == 0 && outOfOrder.get(0) == 0) {
        return EVERY_MESSAGE_ONCE;
      }
      return lost + " lost, " + doubled + " received more than once, " + outOfOrder.get(0)
          + " out of order";
    }
  }
}
