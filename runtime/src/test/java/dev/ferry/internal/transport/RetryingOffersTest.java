package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Threads retrying {@code offer} on a full bounded channel wait for the channel's lock one at a
 * time, so the thread that serves other processes' receivers, and a local
 * receiver, queue behind at most one of them. When they all queued on the lock itself, each
 * message waited behind every retrier: 3,000 retrying threads let about 50 messages a second
 * through. How long that takes depends on the machine's load, so this test looks at the line a
 * taker would join instead of at a speed: without the separate line it held about as many threads
 * as were retrying.
 */
@Timeout(60)
class RetryingOffersTest {
  private static final int RETRIERS = 200;
  /** A message as the channel holds it: its encoded bytes. */
  private static final byte[] FIRST = {1};
  private static final byte[] MORE = {2};

  @Test
  void retryingOffersOnAFullChannel_queueForItsLockOneAtATime() throws Exception {
    HostChannel channel = new HostChannel(1);
    assertTrue(channel.send(FIRST, 0));
    ReentrantLock lock = channelLock(channel);
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong refused = new AtomicLong();
    List<Thread> retriers = new ArrayList<>();
    for (int i = 0; i < RETRIERS; i++) {
      Thread retrier = new Thread(() -> {
        try {
          while (!stop.get()) {
            if (!channel.send(MORE, 0)) {
              refused.incrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          // the test ended
        }
      }, "retrier-" + i);
      retrier.setDaemon(true);
      retrier.start();
      retriers.add(retrier);
    }
    int longest = 0;
    try {
      long until = System.nanoTime() + 1_000_000_000L;
      while (System.nanoTime() - until < 0 || refused.get() < RETRIERS) {
        longest = Math.max(longest, lock.getQueueLength());
        Thread.onSpinWait();
      }
      // The channel still works for a local receiver amid the retries: it takes the one message,
      // and a retrier fills the slot it frees.
      assertSame(FIRST, channel.take(-1));
      assertSame(MORE, channel.take(-1));
    } finally {
      stop.set(true);
      for (Thread retrier : retriers) {
        retrier.interrupt();
      }
      for (Thread retrier : retriers) {
        retrier.join(10_000);
        assertFalse(retrier.isAlive(), retrier.getName() + " did not end");
      }
    }
    assertTrue(longest <= 1,
        longest + " threads queued for the channel's lock at once; retriers should queue apart");
  }

  private static ReentrantLock channelLock(HostChannel channel) throws ReflectiveOperationException {
    Field field = HostChannel.class.getDeclaredField("lock");
    field.setAccessible(true);
    return (ReentrantLock) field.get(channel);
  }
}
