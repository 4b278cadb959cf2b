package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.BitSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * In a process that holds a channel another process made, the thread that waits reads the
 * connection itself, and hands the reading on when it stops waiting: these run real children and
 * check that the hand-offs lose and duplicate nothing and that an interrupt stops only the wait.
 */
@Timeout(60)
public class ReadingThreadTest {
  private static final int MESSAGES = 50_000;

  // ---- child targets

  /**
   * Four threads receive from {@code in} until it is closed; reports how many each got, then every
   * number received (so the parent can check each came once), then -1.
   */
  private static void receiveOnFourThreads(Channel<Integer> in, Channel<Integer> report)
      throws Exception {
    BitSet seen = new BitSet();
    AtomicInteger duplicates = new AtomicInteger();
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      threads[t] =
          new Thread(
              () -> {
                try {
                  while (true) {
                    int n = in.receive();
                    synchronized (seen) {
                      if (seen.get(n)) {
                        duplicates.incrementAndGet();
                      }
                      seen.set(n);
                    }
                  }
                } catch (ChannelClosedException done) {
                  // the parent closed it and it is empty
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      threads[t].start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    report.send(seen.cardinality());
    report.send(duplicates.get());
  }

  /**
   * A thread blocks in receive() and is interrupted; then the main thread receives the next
   * message and sends it back, and reports what the interrupted thread saw.
   */
  private static void interruptedReceiver(Channel<String> in, Channel<String> replies)
      throws Exception {
    AtomicReference<String> outcome = new AtomicReference<>("nothing");
    Thread waiter =
        new Thread(
            () -> {
              try {
                outcome.set("received " + in.receive());
              } catch (InterruptedException e) {
                outcome.set("interrupted");
              }
            });
    waiter.start();
    Thread.sleep(300); // long enough for the waiter to be reading the connection
    waiter.interrupt();
    waiter.join();
    replies.send(outcome.get());
    replies.send("echo " + in.receive());
    replies.send("then " + in.receive(Duration.ofSeconds(20)).orElse("nothing"));
  }

  // ---- tests

  @Test
  void fourReceivingThreadsInAChild_getEveryMessageOnce() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<Integer> report = Channel.create();
    Child child =
        Children.fast("four-readers").spawn(ReadingThreadTest::receiveOnFourThreads, in, report);
    for (int i = 0; i < MESSAGES; i++) {
      in.send(i);
      if (i % 1000 == 0) {
        Thread.sleep(1); // pauses, so that the threads also wait and hand the reading on
      }
    }
    in.close();
    assertEquals(MESSAGES, report.receive(), "distinct messages received");
    assertEquals(0, report.receive(), "messages received twice");
    assertEquals(0, child.join());
  }

  @Test
  void interruptedReceiverInAChild_throwsAndTheNextReceiveGetsTheMessage() throws Exception {
    Channel<String> in = Channel.create();
    Channel<String> replies = Channel.create();
    Child child =
        Children.fast("interrupted").spawn(ReadingThreadTest::interruptedReceiver, in, replies);
    assertEquals("interrupted", replies.receive());
    in.send("first");
    assertEquals("echo first", replies.receive());
    in.send("second");
    assertEquals("then second", replies.receive());
    assertEquals(0, child.join());
  }
}
