package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child sends one message and exits while its host is still setting up that child's connection
 * (as a host out of threads waits to start the connection's flusher): the message is received,
 * not lost behind "every process it was handed to has exited".
 */
@Timeout(60)
class SlowConnectionSetUpTest {

  // ---- child targets

  /** Sends one message, lets its connection write it, and ends its JVM at once. */
  private static void sendAndHalt(Channel<String> channel) throws Exception {
    channel.send("hi");
    Thread.sleep(200);
    Runtime.getRuntime().halt(0);
  }

  // ---- tests

  @Test
  void messageOfAChildThatExitedWhileItsConnectionWasSetUp_isReceived() throws Exception {
    Channel<String> channel = Channel.create();
    HostConnection.onAnswered = () -> {
      try {
        Thread.sleep(3_000); // the child sends and exits meanwhile
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Child child;
    try {
      child = Children.fast("send-and-halt").spawn(SlowConnectionSetUpTest::sendAndHalt, channel);
      assertEquals(0, child.join());
      assertEquals("hi", channel.receive(Duration.ofSeconds(20)).orElse("nothing"));
    } finally {
      HostConnection.onAnswered = null;
    }
  }
}
