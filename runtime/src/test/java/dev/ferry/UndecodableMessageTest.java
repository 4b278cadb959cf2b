package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message no receiver can decode (its codec throws) is received once, as a {@link
 * TransferException} from the receive that took it, by a process receiving on several threads
 * while other threads decode messages of their own, large and small: neither lost silently nor
 * handed to another receiver, and no other message is received twice.
 */
@Timeout(120)
class UndecodableMessageTest {
  private static final int MESSAGES = 300;

  // ---- child targets

  /** Receives on two threads until the channel is closed and empty; reports each outcome. */
  private static void receiveOnTwoThreads(Channel<List<Object>> in, Channel<String> out)
      throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread = new Thread(() -> {
        try {
          while (true) {
            try {
              out.send("got " + in.receive().get(0));
            } catch (TransferException e) {
              out.send("undecodable");
            }
          }
        } catch (ChannelClosedException drained) {
          // closed and empty
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    out.send("done");
  }

  // ---- tests

  @Test
  void undecodableMessages_amongOthersOnTwoReceivingThreads_areEachReceivedOnceAsTransferException()
      throws Exception {
    Channel<List<Object>> in = Channel.create();
    Channel<String> out = Channel.create();
    Child child = Children.fast("two-receivers")
        .spawn(UndecodableMessageTest::receiveOnTwoThreads, in, out);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < MESSAGES; i++) {
      byte[] body = new byte[i % 3 == 0 ? 100_000 : 10]; // 64 KiB or more: counted once decoded
      if (i % 10 == 7) {
        in.send(List.of(i, body, new Grumpy(i))); // its codec refuses to read it
        expected.add("undecodable");
      } else {
        in.send(List.of(i, body));
        expected.add("got " + i);
      }
    }
    in.close();
    List<String> outcomes = new ArrayList<>();
    for (String outcome = out.receive(); !outcome.equals("done"); outcome = out.receive()) {
      outcomes.add(outcome);
    }
    Collections.sort(expected);
    Collections.sort(outcomes);
    assertEquals(expected, outcomes);
    assertEquals(0, child.join());
    assertThrows(ChannelClosedException.class, in::poll, "nothing went back to the channel");
  }
}
