package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a holder's outbox frames its appends through shared memory: a stream gathers into few frames
 * though the reader keeps up, and still arrives whole when the sender stops; a conversation's
 * appends leave at once. Over a real socket pair and a real mapped file, in this process.
 */
@Timeout(60)
class OutboxStreamTest {
  private static final int RECORD = 100;

  private Path directory;
  private RingLink host;
  private RingLink holder;
  private Outbox out;

  @BeforeEach
  void connect() throws IOException {
    directory = Files.createTempDirectory("ferry-outbox-test");
    SocketChannel[] pair = RingLinkTest.socketPair(directory);
    host = RingLink.create(pair[0], directory);
    holder = RingLink.open(pair[1], host.file());
    out = new Outbox(holder, "ferry-out-test", true);
  }

  @AfterEach
  void close() throws IOException {
    out.close();
    host.close();
    holder.close();
    host.socket().close();
    holder.socket().close();
    Files.deleteIfExists(directory);
  }

  /**
   * Appends in a row, each made only once the reader has read everything published: the reader
   * keeps up, so each append used to leave in a frame of its own (2,000 frames, each a publication
   * the sender paid fences for and a frame the reader handled). A stream gathers; and what it holds
   * when the sender stops arrives with no further append (the flusher writes it).
   */
  @Test
  void appendsInARow_whileTheReaderKeepsUp_gatherIntoFewFrames_andAllArrive() throws Exception {
    int records = 2_000;
    FrameCounter reader = new FrameCounter(records);
    reader.start();
    appendWhenCaughtUp(records, false);
    reader.join(20_000);
    assertEquals(null, reader.failure.get());
    assertEquals(records, reader.records.get(), "records that arrived");
    int frames = reader.frames.get();
    // Gathered, not one frame per record as before; how few depends on when the flusher ran, so
    // the bound leaves room for a busy machine's scheduling.
    assertTrue(frames <= records / 2, frames + " frames for " + records + " records in a row");
  }

  /** The peer spoke before each append: a conversation, each append written before end() returns. */
  @Test
  void appendsAfterThePeerSpoke_leaveAtOnce() throws Exception {
    ByteBuffer word = ByteBuffer.allocate(1);
    for (int i = 0; i < 50; i++) {
      host.write(ByteBuffer.wrap(new byte[] {7}));
      word.clear();
      assertEquals(1, holder.read(word), "the peer's word");
      append(i, false);
      assertEquals(Wire.FRAME_HEADER_BYTES + RECORD, host.available(), "published at append " + i);
      drain(host);
    }
  }

  /**
   * A sender that received since its last send answers: each of its appends leaves at once in a
   * frame of its own, however close together they come (an echo answering on another connection
   * than it was asked on waited for the flusher's moment otherwise).
   */
  @Test
  void answeringAppendsInARow_eachLeaveAtOnce() throws Exception {
    int records = 500;
    FrameCounter reader = new FrameCounter(records);
    reader.start();
    appendWhenCaughtUp(records, true);
    reader.join(20_000);
    assertEquals(null, reader.failure.get());
    assertEquals(records, reader.records.get(), "records that arrived");
    assertEquals(records, reader.frames.get(), "frames");
  }

  /**
   * A sender streams, then waits for the peer (a receive whose request went ahead of it): what the
   * stream holds is published before the wait begins, by the waiting thread, not by the flusher
   * after its moment (on a loaded machine, tens of milliseconds late). The test holds the outbox
   * meanwhile, as a sender appending does, so the flusher cannot write anything.
   */
  @Test
  void streamThenTheSenderWaits_whatItHoldsIsPublishedBeforeTheWait() throws Exception {
    streamThen(out::awaitingPeer);
  }

  /**
   * A sender streams on this connection, then waits for the peer of another (a burst on channel
   * A, then a receive on channel B, whose answer may need the burst): what the stream holds here is
   * published before the wait begins, by the waiting thread. Before, only the waiting thread's own
   * connection was written, and the burst's tail waited for this flusher's moment and wake-up (a
   * child's burst of 8 on A, then a receive on B that the parent answered once it had the 8: median
   * 335-465 us a round against 10 us once the tail was written by the waiting thread).
   */
  @Test
  void streamThenTheSenderWaitsOnAnotherConnection_whatItHoldsIsPublishedBeforeTheWait()
      throws Exception {
    SocketChannel[] pair = RingLinkTest.socketPair(directory);
    RingLink otherHost = RingLink.create(pair[0], directory);
    RingLink otherHolder = RingLink.open(pair[1], otherHost.file());
    Outbox other = new Outbox(otherHolder, "ferry-out-test-other", true);
    try {
      streamThen(other::awaitingPeer);
    } finally {
      other.close();
      otherHost.close();
      otherHolder.close();
      pair[0].close();
      pair[1].close();
    }
  }

  /**
   * The same for a thread that waits in the host, where a local receive or a blocked send waits
   * on no connection of its own: what it streamed to holders is published before it waits.
   */
  @Test
  void streamThenTheSenderWaitsInTheHost_whatItHoldsIsPublishedBeforeTheWait() throws Exception {
    streamThen(() -> Outbox.writeHeldBy(null));
  }

  /** Streams records while the flusher cannot write, then {@code waits}; checks all are published. */
  private void streamThen(Runnable waits) throws IOException {
    int records = 20;
    out.begin(); // held across the appends: the flusher waits for it
    try {
      for (int i = 0; i < records; i++) {
        append(i, false); // the first is written at once; the reader never reads, so the rest gather
      }
      assertTrue(host.available() < (long) records * (Wire.FRAME_HEADER_BYTES + RECORD),
          "the stream held nothing back: " + host.available() + " bytes published");
      waits.run();
      assertEquals(records, publishedRecords(), "records published when the sender began to wait"
          + " (the rest waited for the flusher, which a waiting thread must not depend on)");
    } finally {
      out.end();
    }
  }

  /** Reads what {@link #host} has been published, and counts the records in its frames. */
  private int publishedRecords() throws IOException {
    long published = host.available();
    ByteBuffer all = ByteBuffer.allocate((int) published).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    while (all.hasRemaining()) {
      host.read(all);
    }
    all.flip();
    int arrived = 0;
    while (all.remaining() >= Wire.FRAME_HEADER_BYTES) {
      int length = all.getInt();
      assertEquals(0, length % RECORD, "a frame of whole records");
      all.position(all.position() + length);
      arrived += length / RECORD;
    }
    return arrived;
  }

  /** Appends {@code records} records, each once the reader has read all that was published. */
  private void appendWhenCaughtUp(int records, boolean answering) {
    for (int i = 0; i < records; i++) {
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!holder.caughtUp()) {
        assertTrue(System.nanoTime() - deadline < 0, "the reader stopped reading");
        Thread.onSpinWait();
      }
      append(i, answering);
    }
  }

  private void append(int i, boolean answering) {
    ByteOutput o = out.begin();
    try {
      for (int k = 0; k < RECORD; k++) {
        o.writeByte(i + k);
      }
    } finally {
      if (answering) {
        out.endAnswering();
      } else {
        out.end();
      }
    }
  }

  private static void drain(RingLink link) throws IOException {
    ByteBuffer sink = ByteBuffer.allocate(1 << 10);
    while (link.available() > 0) {
      sink.clear();
      link.read(sink);
    }
  }

  /** Reads the host's side as the host does, counting frames and the records in them. */
  private final class FrameCounter extends Thread {
    final int expected;
    final AtomicInteger frames = new AtomicInteger();
    final AtomicInteger records = new AtomicInteger();
    final AtomicReference<Throwable> failure = new AtomicReference<>();

    FrameCounter(int expected) {
      super("frame-counter");
      this.expected = expected;
      setDaemon(true);
    }

    @Override
    public void run() {
      try {
        ByteBuffer in = ByteBuffer.allocate(1 << 20).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (records.get() < expected) {
          if (System.nanoTime() - deadline > 0) {
            throw new AssertionError(records.get() + " of " + expected + " records arrived");
          }
          if (host.read(in) == 0) {
            Thread.onSpinWait();
            continue;
          }
          in.flip();
          while (in.remaining() >= Wire.FRAME_HEADER_BYTES) {
            int length = in.getInt(in.position());
            if (in.remaining() < Wire.FRAME_HEADER_BYTES + length) {
              break;
            }
            assertEquals(0, length % RECORD, "a frame of whole records");
            in.position(in.position() + Wire.FRAME_HEADER_BYTES + length);
            frames.incrementAndGet();
            records.addAndGet(length / RECORD);
          }
          in.compact();
        }
      } catch (Throwable e) {
        failure.set(e);
      }
    }
  }
}
