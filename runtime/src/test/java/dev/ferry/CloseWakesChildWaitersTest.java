package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child's {@code close()} of its handle ends its other threads' {@code receive} and {@code send}
 * waiting on the channel with {@code ChannelClosedException}, also while a grandchild it handed
 * the channel to still holds it (then no goodbye is said, whose answer would wake them).
 */
@Timeout(120)
class CloseWakesChildWaitersTest {
  private static final long WAIT_MILLIS = 30_000;

  // ---- child targets

  /** Holds the channel until {@code release} is closed. */
  private static void holds(Channel<Long> channel, Channel<String> release) throws Exception {
    try {
      release.receive();
    } catch (ChannelClosedException released) {
      // the test is done
    }
  }

  /**
   * Hands the channel to a grandchild, then closes it while another thread waits in {@code
   * receive} (or, {@code "send"}, in a send on the full channel of capacity 1); fails if that
   * thread does not end with the close's {@code ChannelClosedException}.
   */
  private static void closesWhileAThreadWaits(Channel<Long> channel, Channel<String> release,
      String call) throws Exception {
    Child grandchild = Children.fast("holder").spawn(CloseWakesChildWaitersTest::holds, channel,
        release);
    AtomicReference<Throwable> ended = new AtomicReference<>();
    Thread waiter = new Thread(() -> {
      try {
        if (call.equals("send")) {
          channel.send(1L); // fills it
          channel.send(2L);
        } else {
          channel.receive();
        }
        ended.set(new AssertionError(call + " returned"));
      } catch (Throwable e) {
        ended.set(e);
      }
    });
    waiter.start();
    long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000;
    while (!waitsOnTheChannel(waiter) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    channel.close();
    waiter.join(WAIT_MILLIS);
    try {
      if (waiter.isAlive()) {
        throw new AssertionError(call + " still waits " + WAIT_MILLIS + " ms after close()");
      }
      if (!(ended.get() instanceof ChannelClosedException closed)
          || !closed.getMessage().endsWith(" was closed in this process")) {
        throw new AssertionError(call + " ended with " + ended.get(), ended.get());
      }
    } finally {
      grandchild.kill();
    }
  }

  private static boolean waitsOnTheChannel(Thread thread) {
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getMethodName().equals("awaitChange")) {
        return true;
      }
    }
    return false;
  }

  // ---- tests

  @Test
  void receiveInAChild_endsWhenTheChildClosesItsHandle_whileAGrandchildHoldsIt() throws Exception {
    assertEndsAtClose("receive", Channel.create());
  }

  @Test
  void sendOnAFullChannelInAChild_endsWhenTheChildClosesItsHandle_whileAGrandchildHoldsIt()
      throws Exception {
    assertEndsAtClose("send", Channel.create(1));
  }

  private static void assertEndsAtClose(String call, Channel<Long> channel) throws Exception {
    try (channel; Channel<String> release = Channel.create()) {
      Child middle = Children.fast("middle")
          .spawn(CloseWakesChildWaitersTest::closesWhileAThreadWaits, channel, release, call);
      try {
        assertEquals(0, middle.join(), "the child's failure: " + middle.failure());
      } finally {
        middle.kill();
      }
    }
  }
}
