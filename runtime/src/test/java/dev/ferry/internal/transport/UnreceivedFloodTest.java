package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child sends on an unbounded channel as fast as it can while its host (-Xmx64m) receives
 * nothing: once the queue holds half the host's heap, the child's connection is dropped with words
 * that say so, no thread of the host ends in an {@code OutOfMemoryError}, and every message queued
 * is still there, in order, for the host's receive.
 */
@Timeout(120)
class UnreceivedFloodTest {

  // ---- child targets

  /** Sends 0, 1, 2, ... until a send throws; reports what it was told. */
  private static void flood(Channel<Long> work, Channel<String> report) throws Exception {
    long next = 0;
    try {
      while (true) {
        work.send(next++);
      }
    } catch (RuntimeException e) {
      report.send(e.getMessage());
    }
  }

  /**
   * Hosts the unbounded channel, lets a child fill it until this heap is full, then receives all
   * it holds; reports the throwables no thread caught and whether what it received was 0, 1, 2, ...
   * with no gap, repeat or torn message.
   */
  private static void host(Channel<String> report) throws Exception {
    List<Throwable> uncaught = Collections.synchronizedList(new ArrayList<>());
    Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
      uncaught.add(e);
      e.printStackTrace();
    });
    Channel<Long> work = Channel.create();
    Child flooder = Children.fast("flooder").spawn(UnreceivedFloodTest::flood, work, report);
    int exit = flooder.join();
    long received = 0;
    String order = "in order";
    while (true) {
      Optional<Long> item;
      try {
        item = work.poll();
      } catch (ChannelClosedException drained) {
        break; // empty, and the flooder, its only other holder, exited
      }
      if (item.isEmpty()) {
        break;
      }
      if (item.get() != received) {
        order = "message " + received + " was " + item.get();
        break;
      }
      received++;
    }
    report.send("flooder exited " + exit + ", uncaught " + uncaught + ", " + order
        + ", received more than 300000 " + (received > 300_000));
  }

  // ---- tests

  @Test
  void unboundedChannelNoOneReceives_dropsTheSenderWithWords_andKeepsWhatItQueued()
      throws Exception {
    Channel<String> report = Channel.create();
    Child host =
        Children.fast("flooded-host").jvmFlags("-Xmx64m").spawn(UnreceivedFloodTest::host, report);
    String told = report.receive(Duration.ofSeconds(90)).orElse("no word from the flooder");
    assertTrue(told.contains("its host, which goes on, dropped this process's connection, saying"
        + " 'channel 1 of process " + host.pid() + " holds "), told);
    assertTrue(told.contains("more than half its heap (at most "), told);
    assertTrue(told.contains("A channel keeps what is sent until it is received"), told);
    Optional<String> checked = report.receive(Duration.ofSeconds(60));
    assertEquals(0, host.join(), () -> "the host failed: " + host.failure());
    assertEquals("flooder exited 0, uncaught [], in order, received more than 300000 true",
        checked.orElse("no report from the host"));
  }
}
