package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
/**
 * The sending half of a connection: callers append whole records to a pending frame, and a daemon
 * flusher thread writes frames to the socket.
 *
 * <p>Batching falls out of double buffering: while the flusher writes one frame, senders append
 * to the next, so a busy sender pays only a lock and a copy per message and a burst leaves in few
 * large writes, while an idle connection sends a lone message at once (the flusher is woken only
 * when the pending frame goes from empty to non-empty). Senders wait when a frame has grown past
 * {@link #SOFT_LIMIT}, so a stalled reader pushes back instead of filling memory.
 *
 * <p>A receiving holder counts the messages its {@code receive()} returned ({@link #received()});
 * the flusher adds the count as one {@link Wire#C_ACK} record to the next frame it writes, and
 * when there is none within {@link #ACK_DELAY_NANOS} it writes the acknowledgment alone. So a
 * busy consumer's acknowledgments cost no extra write and an idle one's reach the host within
 * about a millisecond (the host gives unacknowledged messages back to the channel if the holder
 * dies).
 *
 * <p>Use: {@code ByteOutput out = outbox.begin(); try { ...write records... } finally {
 * outbox.end(); }}.
 */
public final class Outbox {
  static final int SOFT_LIMIT = 1 << 20;
  /** How long an acknowledgment waits for a frame to ride on before it is written alone. */
  static final long ACK_DELAY_NANOS = 1_000_000;

  private final SocketChannel socket;
  private final boolean pushBack;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private final BitSet defined = new BitSet();
  private final AtomicInteger unacknowledged = new AtomicInteger();
  private ByteOutput pending = frame();
  private ByteOutput spare = frame();
  private boolean idle;
  private boolean writing;
  private boolean closing;
  private IOException failure;

  /**
   * @param pushBack whether appending waits while a frame is over {@link #SOFT_LIMIT}: true for
   *     a holder's messages; false for a host's answers, which are bounded by what the holder asked
   *     for and must never block the channel's lock on a holder that stopped reading
   */
  Outbox(SocketChannel socket, String name, boolean pushBack) {
    this.socket = socket;
    this.pushBack = pushBack;
    Thread flusher =
        new Thread(name) {
          @Override
          public void run() {
            flushLoop(); // not this::flushLoop: see Channel.SCRATCH
          }
        };
    flusher.setDaemon(true);
    flusher.start();
  }

  private static ByteOutput frame() {
    ByteOutput out = new ByteOutput(8192);
    out.writeFixedLong(0); // room for the header; only the first 4 bytes are kept
    out.reset();
    for (int i = 0; i < Wire.FRAME_HEADER_BYTES; i++) {
      out.writeByte(0);
    }
    return out;
  }

  /**
   * Locks the outbox and returns the pending frame to append records to; call {@link #end()} in a
   * finally block.
   *
   * @throws UncheckedIOException if the connection failed or was closed
   */
  ByteOutput begin() {
    lock.lock();
    while (pushBack && failure == null && !closing && pending.size() > SOFT_LIMIT) {
      drained.awaitUninterruptibly();
    }
    if (failure != null || closing) {
      lock.unlock();
      throw new UncheckedIOException(
          failure != null ? failure : new IOException("connection closed"));
    }
    return pending;
  }

  /** Whether type {@code id} was announced on this connection; marks it announced. Under begin. */
  boolean announce(int id) {
    if (defined.get(id)) {
      return false;
    }
    defined.set(id);
    return true;
  }

  /**
   * Counts one message that a {@code receive()} returned; the first one since the last
   * acknowledgment wakes an idle flusher so that it leaves within {@link #ACK_DELAY_NANOS}.
   */
  void received() {
    if (unacknowledged.getAndIncrement() == 0) {
      lock.lock();
      try {
        if (idle) {
          work.signal();
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Appends the acknowledgment of every message counted so far, if any. Under begin or lock. */
  void acknowledge(ByteOutput o) {
    int count = unacknowledged.getAndSet(0);
    if (count > 0) {
      o.writeByte(Wire.C_ACK);
      o.writeVarInt(count);
    }
  }

  void end() {
    if (idle && pending.size() > Wire.FRAME_HEADER_BYTES) {
      work.signal();
    }
    lock.unlock();
  }

  /** Waits until every record appended so far has been written, or the timeout passes. */
  boolean flush(long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    lock.lock();
    try {
      while (failure == null && (writing || pending.size() > Wire.FRAME_HEADER_BYTES)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        drained.awaitNanos(left);
      }
      return failure == null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Writes what is pending, then stops the flusher; later appends fail. */
  void close() {
    lock.lock();
    try {
      closing = true;
      work.signal();
      drained.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void flushLoop() {
    while (true) {
      ByteOutput frame;
      lock.lock();
      try {
        waitForWork();
        idle = false;
        acknowledge(pending);
        if (pending.size() == Wire.FRAME_HEADER_BYTES) {
          return; // closing and nothing left
        }
        frame = pending;
        pending = spare;
        spare = null;
        writing = true;
        drained.signalAll(); // senders waiting on a full frame may go on
      } finally {
        lock.unlock();
      }
      IOException failed = null;
      try {
        write(frame);
      } catch (IOException e) {
        failed = e;
      }
      lock.lock();
      try {
        frame.reset();
        for (int i = 0; i < Wire.FRAME_HEADER_BYTES; i++) {
          frame.writeByte(0);
        }
        spare = frame;
        writing = false;
        if (failed != null) {
          failure = failed;
        }
        drained.signalAll();
        if (failed != null) {
          return;
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /** Waits (lock held) until there is a frame to write, an acknowledgment is due, or closing. */
  private void waitForWork() {
    long ackDue = 0;
    while (pending.size() == Wire.FRAME_HEADER_BYTES && !closing) {
      idle = true;
      if (unacknowledged.get() == 0) {
        ackDue = 0;
        work.awaitUninterruptibly();
        continue;
      }
      long now = System.nanoTime();
      if (ackDue == 0) {
        ackDue = now + ACK_DELAY_NANOS;
      }
      if (now - ackDue >= 0) {
        return; // write the acknowledgment alone
      }
      try {
        work.awaitNanos(ackDue - now);
      } catch (InterruptedException e) {
        // the flusher is never interrupted on purpose; go on
      }
    }
  }

  private void write(ByteOutput frame) throws IOException {
    byte[] bytes = frame.array();
    int size = frame.size();
    Wire.putIntLE(bytes, 0, size - Wire.FRAME_HEADER_BYTES);
    ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, size);
    while (buffer.hasRemaining()) {
      socket.write(buffer);
    }
  }
}
