package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sending thread writes a quiet connection's socket itself: interrupting it, as user code may
 * (executors cancelling tasks, {@code Future.cancel(true)}), must neither close the connection nor
 * lose, tear or repeat a message, in the creating process or in a child.
 */
@Timeout(120)
class InterruptedSenderTest {
  private static final int COUNT = 20_000;

  /** Echoes {@code COUNT} values from {@code in} to {@code out} while its sending thread is interrupted. */
  private static void echoWhileInterrupted(Channel<Integer> in, Channel<Integer> out) throws Exception {
    sendWhileInterrupted(COUNT, i -> in.receive(), out);
  }

  /** Sends {@code count} blocks of 200 KiB, block i filled with i, while the thread is interrupted. */
  private static void sendBlocksWhileInterrupted(Channel<byte[]> out, Integer count) throws Exception {
    sendWhileInterrupted(count, i -> {
      byte[] block = new byte[200 << 10];
      java.util.Arrays.fill(block, (byte) i);
      return block;
    }, out);
  }

  interface Source<T> {
    T next(int i) throws InterruptedException;
  }

  /**
   * Sends {@code count} values from {@code source} on {@code out} while another thread interrupts
   * this one again and again; a send that throws {@code InterruptedException} did not send, so it is
   * tried again with the same value.
   */
  private static <T> void sendWhileInterrupted(int count, Source<T> source, Channel<T> out)
      throws Exception {
    Thread sender = Thread.currentThread();
    AtomicBoolean done = new AtomicBoolean();
    Thread interrupter =
        new Thread(() -> {
          while (!done.get()) {
            sender.interrupt();
            Thread.onSpinWait();
          }
        });
    interrupter.setDaemon(true);
    interrupter.start();
    try {
      for (int i = 0; i < count; i++) {
        T value = next(source, i);
        while (true) {
          try {
            out.send(value);
            break;
          } catch (InterruptedException e) {
            // not sent: again
          }
        }
      }
    } finally {
      done.set(true);
      while (interrupter.isAlive()) {
        try {
          interrupter.join(); // its last interrupt may land here
        } catch (InterruptedException e) {
          // again
        }
      }
      Thread.interrupted();
    }
  }

  private static <T> T next(Source<T> source, int i) {
    while (true) {
      try {
        return source.next(i);
      } catch (InterruptedException e) {
        // not received: again
      }
    }
  }

  @Test
  void interruptedSenders_onBothSides_loseNothing_andKeepTheirConnections() throws Exception {
    Channel<Integer> there = Channel.create();
    Channel<Integer> back = Channel.create();
    Child echo = Children.fast("interrupted-echo").spawn(InterruptedSenderTest::echoWhileInterrupted, there, back);
    Thread parentSender =
        new Thread(() -> {
          try {
            sendWhileInterrupted(COUNT, i -> i, there);
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    parentSender.start();
    for (int i = 0; i < COUNT; i++) {
      try {
        assertEquals(i, back.receive());
      } catch (ChannelClosedException e) {
        echo.join();
        throw new AssertionError("the echo child ended at message " + i + ": " + echo.failure(), e);
      }
    }
    parentSender.join();
    assertEquals(0, echo.join());
    there.close();
    back.close();
  }

  @Test
  void interruptedSenderOfLargeMessages_losesAndTearsNothing() throws Exception {
    int count = 300;
    Channel<byte[]> blocks = Channel.create();
    Child sender = Children.fast("interrupted-blocks")
        .spawn(InterruptedSenderTest::sendBlocksWhileInterrupted, blocks, count);
    for (int i = 0; i < count; i++) {
      byte[] block = blocks.receive();
      assertEquals(200 << 10, block.length);
      for (byte b : block) {
        if (b != (byte) i) {
          throw new AssertionError("block " + i + " holds " + b);
        }
      }
    }
    assertEquals(0, sender.join());
  }
}
