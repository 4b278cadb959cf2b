package dev.ferry.internal.transport;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.ChildFailure;
import dev.ferry.Children;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder that finds the shared-memory rings corrupt (another process of the same user wrote a
 * position no Ferry peer writes) drops its connection, and says so: not that the host exited or
 * closed the channel, which it did not.
 */
@Timeout(60)
class CorruptRingTest {

  // ---- child targets

  private static void receiveForever(Channel<Integer> in) throws Exception {
    while (true) {
      in.receive();
    }
  }

  /**
   * Maps the first rings' file this process creates from now on, as another process of the same
   * user could; the caller sets {@link RingLink#onCreated} back to null.
   */
  static AtomicReference<MappedByteBuffer> mapFirstRingsCreated() {
    AtomicReference<MappedByteBuffer> rings = new AtomicReference<>();
    RingLink.onCreated = file -> {
      try (FileChannel opened =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        rings.compareAndSet(
            null, opened.map(FileChannel.MapMode.READ_WRITE, 0, RingLink.FILE_BYTES));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    return rings;
  }

  // ---- tests

  @Test
  void holderFindingTheRingsCorrupt_saysSoNotThatTheHostExited() throws Exception {
    AtomicReference<MappedByteBuffer> rings = mapFirstRingsCreated();
    try {
      Channel<Integer> in = Channel.create();
      Child child = Children.fast("corrupt-rings").spawn(CorruptRingTest::receiveForever, in);
      in.send(1);
      // The child connected (its rings exist: a child's start took over a second on a loaded
      // machine, and a fixed wait found none), then took 1, and its next request was read.
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (rings.get() == null && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertNotNull(rings.get(), "the child's connection made no rings file within 30 s");
      Thread.sleep(1_000);
      ByteBuffer header = rings.get().order(ByteOrder.nativeOrder());
      header.putLong(RingLink.FILE_BYTES / 2 + 64, -10_000_000L); // the holder's ring: read "behind"
      in.send(2); // the child's next request finds no room
      assertEquals(1, child.join());
      String told = child.failure().map(ChildFailure::message).orElse("no failure");
      assertTrue(told.contains(" broke: this process dropped its connection: the shared-memory"
          + " ring is corrupt: the peer's read position is "), told);
    } finally {
      RingLink.onCreated = null;
    }
  }
}
