package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder whose first frames reach the host's shared memory before the connection's own thread
 * has started reading it, while a thread of the host handles what its holders wrote (a local send
 * with no receiver waiting does): the connection is served, not dropped.
 */
@Timeout(60)
class ConnectingHolderTest {

  // ---- child targets

  private static void receiveOne(Channel<Integer> in, Channel<String> out) throws Exception {
    out.send("received " + in.receive());
  }

  // ---- tests

  @Test
  void holderConnecting_whileTheHostSends_isServed() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<String> out = Channel.create();
    HostConnection.onConnected = () -> {
      try {
        Thread.sleep(300); // the holder asks for a message meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    try {
      Child child = Children.fast("receive-one").spawn(ConnectingHolderTest::receiveOne, in, out);
      Optional<String> report = Optional.empty();
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      for (int sent = 0; report.isEmpty() && System.nanoTime() < deadline; sent++) {
        in.send(sent); // handles what the holders wrote, no receiver waiting here
        report = out.receive(Duration.ofMillis(1));
      }
      // The send found the holder's request in the rings of a connection that had no frame reader
      // yet: a NullPointerException dropped the connection, and the child, told its host had
      // exited, failed.
      assertEquals(Optional.of("received 0"), report);
      assertEquals(0, child.join());
    } finally {
      HostConnection.onConnected = null;
    }
  }
}
