package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.ChannelClosedException;
import dev.ferry.Child;
import dev.ferry.ChildFailure;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A shared-memory rings file cut short under the mapping of both processes (another process of
 * the same user that opened it truncates it): the next touch of a lost page is a SIGBUS, which the
 * JVM turns into an {@code InternalError} in whichever thread touched it. That connection is
 * dropped as for corrupt rings, saying the file was cut short; the host and the channel go on.
 */
@Timeout(90)
class CutRingFileTest {

  // ---- child targets

  private static void echo(Channel<Integer> in, Channel<Integer> out) throws Exception {
    while (true) {
      out.send(in.receive());
    }
  }

  /** Sends numbers until its channel breaks. */
  private static void stream(Channel<Integer> out) throws Exception {
    for (int i = 0; ; i++) {
      out.send(i);
    }
  }

  private static void receiveOne(Channel<Integer> in, Channel<Integer> out) throws Exception {
    out.send(in.receive() + 1);
  }

  // ---- tests

  /** The first rings file this process makes in a test, opened as another process could. */
  private final AtomicReference<FileChannel> first = new AtomicReference<>();

  @BeforeEach
  void openTheFirstRingsFile() {
    RingLink.onCreated = file -> {
      try {
        FileChannel opened = FileChannel.open(file, StandardOpenOption.WRITE);
        if (!first.compareAndSet(null, opened)) {
          opened.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @AfterEach
  void letGoOfIt() throws IOException {
    RingLink.onCreated = null;
    FileChannel opened = first.get();
    if (opened != null) {
      opened.close();
    }
  }

  /**
   * Cuts the file, then waits while this test's thread keeps away from the rings: a fault the JVM
   * raises in a thread of the creating process past Ferry's code (after a send returned) is not
   * Ferry's to catch (docs/runtime.md), so the connections' own threads and the child meet it.
   */
  private void cutTheFirstRingsFile() throws Exception {
    RingLink.onCreated = null;
    first.get().truncate(0);
    first.get().close();
    Thread.sleep(1_500);
  }

  private static void assertToldTheFileWasCut(Child child) throws InterruptedException {
    assertEquals(1, child.join(Duration.ofSeconds(30)).orElse(-1));
    String told = child.failure().map(ChildFailure::message).orElse("no failure");
    assertTrue(told.contains(" broke: this process dropped its connection: the shared-memory"
        + " file of its rings was cut short"), told);
  }

  @Test
  void ringsFileCutShort_dropsThatConnectionAndTheChannelGoesOn() throws Exception {
    Channel<Integer> in = Channel.create();
    Channel<Integer> out = Channel.create();
    Child child = Children.fast("cut-rings").spawn(CutRingFileTest::echo, in, out);
    in.send(1);
    assertEquals(1, out.receive());
    Thread.sleep(500); // the child waits in its next receive
    cutTheFirstRingsFile(); // the child's receive and the host's connection touch lost pages
    assertToldTheFileWasCut(child);
    // A fault the JVM raises after the connection ended, past Ferry's code (a child's target's
    // own loop after a send returned), is explained as the channel it broke, for the child's
    // failure report; the host's link here was found cut, and its connection is over.
    InternalError late = new InternalError(
        "a fault occurred in a recent unsafe memory access operation in compiled Java code");
    Throwable explained = RemoteChannel.explainFault(late);
    assertTrue(explained instanceof ChannelClosedException, String.valueOf(explained));
    assertTrue(explained.getMessage().contains(" broke: this process dropped its connection: the"
        + " shared-memory file of its rings was cut short: "), explained.getMessage());
    assertSame(late, explained.getCause());
    InternalError other = new InternalError("not a fault on a mapped page");
    assertSame(other, RemoteChannel.explainFault(other));
    in.send(2);
    // The host and both channels go on, for this process and for a new holder.
    assertEquals(Optional.of(2), in.poll());
    Child next = Children.fast("after-cut").spawn(CutRingFileTest::receiveOne, in, out);
    in.send(10);
    assertEquals(11, out.receive());
    assertEquals(0, next.join());
  }

  /** The same while a child streams messages to this process, which receives them. */
  @Test
  void ringsFileCutShortMidStream_dropsThatConnectionAndTheReceiverGoesOn() throws Exception {
    Channel<Integer> out = Channel.create();
    Child child = Children.fast("cut-stream").spawn(CutRingFileTest::stream, out);
    for (int i = 0; i < 20_000; i++) {
      assertEquals(i, out.receive());
    }
    cutTheFirstRingsFile(); // the child's sends and the host's connection touch lost pages
    try {
      while (out.receive(Duration.ofSeconds(5)).isPresent()) {
        // what the child had sent whole before its connection ended
      }
    } catch (ChannelClosedException drained) {
      // the child, its only other holder, exited
    }
    assertToldTheFileWasCut(child);
    out.send(7);
    assertEquals(7, out.receive());
  }
}
