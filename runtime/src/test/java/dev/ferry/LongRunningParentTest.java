package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A parent that lives on gives back what its children, channels and pools used. */
@Timeout(120)
public class LongRunningParentTest {

  private static Long square(Integer x) {
    return (long) x * x;
  }

  private static Long exits(Integer code) {
    System.exit(code);
    return 0L;
  }

  /**
   * Pools opened and closed one after another give back every descriptor of their workers'
   * connections: the reader's selector of each connection was never closed, and a socket closed
   * while registered with an open selector keeps its descriptor, so every worker connection (a
   * replaced worker's too) left a socket, an epoll and an eventfd open in the pool's process.
   */
  @Test
  void poolsOpenedAndClosed_giveBackTheirConnectionsDescriptors() throws Exception {
    assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs Linux's /proc");
    long before = selectors();
    for (int i = 0; i < 3; i++) {
      try (ProcessPool pool = Children.fast("fd-pool").keepSpare(false).pool(2)) {
        assertEquals(List.of(1L, 4L, 9L), pool.map(LongRunningParentTest::square, List.of(1, 2, 3)));
        assertThrows(ExecutionException.class,
            () -> pool.submit(LongRunningParentTest::exits, 3).get());
        assertEquals(16L, pool.submit(LongRunningParentTest::square, 4).get());
      }
    }
    // The readers close their connections as the workers go, right after close returns.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (selectors() > before && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    long after = selectors();
    assertTrue(after <= before,
        "selectors (epoll descriptors) open: " + before + " before the pools, " + after + " after");
  }

  private static void sendOne(Channel<byte[]> channel) throws Exception {
    channel.send(new byte[64 * 1024]);
  }

  private static void produce(Channel<String> channel, Channel<String> go) throws Exception {
    go.receive();
    channel.send("made after the parent dropped the channel");
  }

  private static void consume(Channel<String> channel, Channel<String> report) throws Exception {
    report.send(channel.receive());
  }

  /**
   * A channel handed to a child and dropped unclosed once the child exited is let go, with what
   * it queued: the channel server kept every such channel, and the messages no one could receive
   * any more, until the parent exited (200 holding 64 KiB each kept 13 MiB of heap).
   */
  @Test
  void channelDroppedAfterItsChildExited_isLetGoWithWhatItQueued() throws Exception {
    Channel<byte[]> channel = Channel.create();
    assertEquals(0, Children.fast("dropped").spawn(LongRunningParentTest::sendOne, channel).join());
    WeakReference<Object> hosted = new WeakReference<>(hostOf(channel));
    channel = null;
    assertNull(collected(hosted), "the dropped channel is still held");
  }

  /** Its legal twin: a dropped channel that children still hold goes on serving them. */
  @Test
  void channelDroppedWhileChildrenHoldIt_goesOnServingThem() throws Exception {
    Channel<String> channel = Channel.create();
    Channel<String> go = Channel.create();
    Channel<String> report = Channel.create();
    Child consumer = Children.fast("consumer").spawn(LongRunningParentTest::consume, channel, report);
    Child producer = Children.fast("producer").spawn(LongRunningParentTest::produce, channel, go);
    WeakReference<Channel<String>> dropped = new WeakReference<>(channel);
    channel = null;
    assertNull(collected(dropped), "the test still holds the channel");
    for (int i = 0; i < 5; i++) {
      System.gc(); // give the server's cleaner its chance to retire the channel, wrongly
      Thread.sleep(50);
    }
    go.send("go");
    assertEquals("made after the parent dropped the channel", report.receive());
    assertEquals(0, producer.join());
    assertEquals(0, consumer.join());
  }

  /** What {@code reference} still refers to after garbage collections for up to 20 s. */
  private static Object collected(WeakReference<?> reference) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (reference.get() != null && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(20);
    }
    return reference.get();
  }

  private static Object hostOf(Channel<?> channel) throws ReflectiveOperationException {
    Field host = Channel.class.getDeclaredField("host");
    host.setAccessible(true);
    return host.get(channel);
  }

  private static long selectors() throws IOException {
    long count = 0;
    try (var fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path fd : (Iterable<Path>) fds::iterator) {
        try {
          if (Files.readSymbolicLink(fd).toString().equals("anon_inode:[eventpoll]")) {
            count++;
          }
        } catch (IOException closedMeanwhile) {
          // not open any more
        }
      }
    }
    return count;
  }
}
