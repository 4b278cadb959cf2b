package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
/**
 * The sending half of a connection: callers append whole records to a pending frame, which the
 * sender itself writes to the socket when the connection is quiet, and a daemon flusher thread
 * writes in a burst.
 *
 * <p>A lone message (a request, a reply, the next message of a slow producer) is written by the
 * thread that sends it, with no other thread woken: that is what a round trip waits for. The
 * socket is in non-blocking mode, so the sender never blocks in the write (what the socket does
 * not take at once the flusher finishes) and an interrupt of the sending thread cannot close the
 * connection. In a burst batching falls out of double buffering: while the flusher writes one
 * frame, senders append to the next, so a busy sender pays only a lock and a copy per message and
 * the burst leaves in few large writes. Senders wait when a frame has grown past
 * {@link #SOFT_LIMIT}, so a stalled reader pushes back instead of filling memory.
 *
 * <p>A receiving holder counts the messages its {@code receive()} decoded and returns ({@link
 * #received(int)}; see {@link Inbox}); the flusher adds the count as one {@link Wire#C_ACK}
 * record to the next frame it writes, and when there is none within {@link #ACK_DELAY_NANOS} it
 * writes the acknowledgment alone. So a busy consumer's acknowledgments cost no extra write and an
 * idle one's reach the host within about a millisecond (the host gives unacknowledged messages
 * back to the channel if the holder dies).
 *
 * <p>Through shared memory ({@link RingLink}) a write costs no system call, so a sender writes its
 * frame at once while the reader keeps up, and appends gather into one frame (up to {@link
 * #RING_BATCH_BYTES}) only while the reader is behind or a sender streams (many appends in a row
 * with no word from the peer between); the flusher writes what they leave once it is {@link
 * #LINGER_NANOS} old. An answer never waits for a stream's frame (see {@link #end(boolean,
 * boolean)}).
 *
 * <p>A message too large to copy into the frame leaves in a tail frame of its own ({@link
 * #beginTail}, {@link #endWithTail}), which its sender writes from its own buffer, waiting until
 * it is written.
 *
 * <p>Use: {@code ByteOutput out = outbox.begin(); try { ...write records... } finally {
 * outbox.end(); }}.
 */
public final class Outbox {
  static final int SOFT_LIMIT = 1 << 20;
  /** How long an acknowledgment waits for a frame to ride on before it is written alone. */
  static final long ACK_DELAY_NANOS = 1_000_000;
  /**
   * Appends closer together than this count towards a burst: {@link #BURST} of them in a row and
   * the sender leaves the writing to the flusher (batching) until the connection goes quiet.
   */
  static final long QUIET_NANOS = 20_000;
  static final int BURST = 4;
  /**
   * A burst ends after a pause this long: longer than a busy sender is descheduled on a loaded
   * machine, so that it does not fall back to a write per message whenever it loses the CPU.
   */
  static final long BURST_ENDS_NANOS = 1_000_000;
  /** A flusher that has seen a receive within this long polls for acknowledgments to write. */
  static final long RECEIVING_NANOS = 50_000_000;
  /** Through shared memory, the most that appends gather into one frame while the reader is behind. */
  static final int RING_BATCH_BYTES = 16 << 10;
  /** How long the flusher lets appends gather before it writes them (see {@link #lingerForAppends}). */
  static final long LINGER_NANOS = 50_000;
  /** How long the flusher waits at most for a full socket to drain before it checks it is open. */
  private static final long SELECT_MILLIS = 200;

  private final GatheringByteChannel socket; // the socket, or the rings beside it
  private final RingLink rings; // socket, if the bytes go through shared memory
  private final String name; // the flusher's, naming the connection in a message
  private final boolean pushBack;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition();
  private final Condition drained = lock.newCondition();
  private final BitSet defined = new BitSet();
  /** What the holder owes the host in acknowledgments, appended to the frames written. */
  private final Acknowledgments acks = new Acknowledgments();
  private ByteOutput pending = frame();
  private ByteOutput spare = frame();
  private boolean idle;
  /** A frame is being written, by the flusher or by a sender: nobody else may start one. */
  private boolean writing;
  /** A frame a sender began to write but the full socket did not take whole: the flusher ends it. */
  private ByteOutput handoff;
  private ByteBuffer handoffBytes;
  private boolean closing;
  private IOException failure;
  private volatile String droppedFor; // see droppedFor()
  private long lastEnd;
  /** When a receive() last counted a message; see {@link #received(int)}. */
  private volatile long lastReceived = System.nanoTime() - RECEIVING_NANOS;
  /** The flusher waits without a timeout: {@link #received(int)} must wake it. */
  private volatile boolean parked;
  private int quick;
  /**
   * Through shared memory: a sender streams (see {@link #end}), so appends gather in the pending
   * frame until it is {@link #RING_BATCH_BYTES} or {@link #LINGER_NANOS} old. Ends when the
   * flusher finds a frame that aged so (the stream slowed), the peer speaks, or a sender answers,
   * awaits an answer or flushes. Lock held.
   */
  private boolean streaming;
  /** What the rings' reader had read at the last append (see {@link RingLink#readSoFar}). */
  private long readMark;
  /** When the pending frame's first held append came, or 0 if it holds none. Lock held. */
  private long heldSince;
  private boolean burst;
  /**
   * Whether the pending frame holds an append that someone waits for (a request for credit, whose
   * sender waits for the answer, or an answer): the flusher then writes it without lingering for
   * more appends. Lock held.
   */
  private boolean urgent;
  private Selector writable; // the flusher's, opened the first time the socket is full

  /**
   * @param socket connected, after the hello, or the {@link RingLink} beside it; from here on the
   *     socket is in non-blocking mode, so that a
   *     sender's own write never blocks and an interrupt of the sending thread does not close it
   *     (the JDK closes an interruptible channel only when a thread is interrupted in a blocking
   *     operation), and its reader waits through {@link FrameReader}'s selector
   * @param pushBack whether appending waits while a frame is over {@link #SOFT_LIMIT}: true for
   *     a holder's messages; false for a host's answers, which are bounded by what the holder asked
   *     for and must never block the channel's lock on a holder that stopped reading
   */
  Outbox(GatheringByteChannel socket, String name, boolean pushBack) throws IOException {
    this.socket = socket;
    this.name = name;
    this.rings = socket instanceof RingLink link ? link : null;
    this.pushBack = pushBack;
    (rings != null ? rings.socket() : (SocketChannel) socket).configureBlocking(false);
    // Loaded here, where a full heap throws to the thread that connects: the flusher's first call
    // loaded it, and out of heap the flusher died of that ("Exception in thread ferry-out-N"),
    // outside the handling of flushThroughFullHeap, leaving the connection with no flusher.
    HeapReserve.prime();
    Thread flusher =
        new Thread(name) {
          @Override
          public void run() {
            try {
              flushThroughFullHeap();
            } catch (InternalError | IllegalMonitorStateException e) {
              faultedFlusher(e);
            } finally {
              closeSelector();
            }
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
    return begin(pushBack);
  }

  /**
   * As {@link #begin()}, but never waits for room: for a record that the thread reading the
   * peer's answers writes (credit handed back), a few bytes per answer. Waiting, it could wait for
   * ever: the peer reads no more of this stream while this process leaves its answers unread.
   */
  ByteOutput beginWithoutWaiting() {
    return begin(false);
  }

  private ByteOutput begin(boolean mayWait) {
    lock.lock();
    while (mayWait && failure == null && !closing && pending.size() > SOFT_LIMIT) {
      drained.awaitUninterruptibly();
    }
    if (failure != null || closing) {
      lock.unlock();
      throw new UncheckedIOException(
          failure != null ? failure : new IOException("connection closed"));
    }
    return pending;
  }

  /**
   * Whether the pending frame has room, as {@link #begin()} waits for in an outbox that pushes
   * back; read without the lock, a hint. A host's reader reads a holder's next request only then,
   * so that a holder that does not read the answers it asks for cannot fill this process's heap
   * with them.
   */
  boolean hasRoom() {
    return pending.size() <= SOFT_LIMIT;
  }

  /** Waits until {@link #hasRoom()}, or this outbox failed or closed. */
  void awaitRoom() {
    lock.lock();
    try {
      while (failure == null && !closing && pending.size() > SOFT_LIMIT) {
        drained.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Like {@link #begin()} for a message too large to copy into the frame ({@link
   * Wire#TAIL_MIN_BYTES}): waits also until no frame is being written, so that the records the
   * caller appends end the frame that {@link #endWithTail} writes at once. Call that, or {@link
   * #end()} if appending failed, in a finally block.
   */
  ByteOutput beginTail() {
    begin();
    while (failure == null && !closing && (writing || handoff != null)) {
      drained.awaitUninterruptibly();
    }
    if (failure != null || closing) {
      lock.unlock();
      throw new UncheckedIOException(
          failure != null ? failure : new IOException("connection closed"));
    }
    return pending; // not begin()'s: a frame written meanwhile made another one pending
  }

  /**
   * Ends an append begun with {@link #beginTail()} whose last record is a message's header without
   * its body, which is {@code prefixLength} bytes of {@code prefix} and then {@code length} bytes
   * of {@code body}: writes the pending frame and the body as one tail frame (see {@link Wire}) on
   * the calling thread, without copying the body into the frame, and returns once all is written,
   * since the body is the caller's buffer. An interrupt does not stop the write (the frame would be
   * torn); it stays set. Unlocks.
   *
   * @throws UncheckedIOException if the connection failed or was closed
   */
  void endWithTail(byte[] prefix, int prefixLength, byte[] body, int length) {
    ByteOutput frame;
    try {
      acks.acknowledge(pending);
      frame = pending;
      pending = spare;
      heldSince = 0;
      spare = null;
      writing = true;
      quick = 0;
      burst = false;
      lastEnd = System.nanoTime();
    } finally {
      lock.unlock();
    }
    IOException failed = null;
    try {
      writeTail(frame, prefix, prefixLength, body, length);
    } catch (IOException e) {
      failed = e;
    } catch (InternalError e) {
      failed = fault(e);
    }
    lock.lock();
    try {
      written(frame, failed);
      if (idle && (pending.size() > Wire.FRAME_HEADER_BYTES || acks.due())) {
        work.signal(); // appended, or received, while this thread wrote
      }
    } finally {
      lock.unlock();
    }
    if (failed != null) {
      throw new UncheckedIOException(failed);
    }
  }

  private void writeTail(ByteOutput frame, byte[] prefix, int prefixLength, byte[] body, int length)
      throws IOException {
    int records = frame.size() - Wire.FRAME_HEADER_BYTES;
    ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    head.putInt(Wire.TAIL_FRAME | (4 + records + prefixLength + length)).putInt(records).flip();
    ByteBuffer[] parts = {
      head, ByteBuffer.wrap(frame.array(), Wire.FRAME_HEADER_BYTES, records),
      ByteBuffer.wrap(prefix, 0, prefixLength), ByteBuffer.wrap(body, 0, length)
    };
    boolean interrupted = false;
    try {
      while (parts[3].hasRemaining()) {
        if (SocketSlices.write(socket, parts) == 0) {
          interrupted |= Thread.interrupted(); // a selector returns at once while it is set
          awaitWritable();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Whether type {@code id} was defined on this connection ({@link #announce}). Lock held. */
  boolean announced(int id) {
    return defined.get(id);
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
   * Counts {@code count} messages that {@code receive()} returned, so that their acknowledgment
   * leaves within {@link #ACK_DELAY_NANOS}: with the next frame, or alone. Only a flusher parked
   * without a timeout needs waking; one that has seen receives lately polls every {@link
   * #ACK_DELAY_NANOS} instead, so a receiver pays no wake-up per message (its acknowledgments
   * mostly ride on its next request).
   */
  void received(int count) {
    if (acks.count(count) != 0) {
      return; // counted since the last acknowledgment: the flusher knows a receiver is busy
    }
    lastReceived = System.nanoTime(); // a clock read costs 35-40 ns here: once per acknowledgment
    if (parked) {
      // Counted already: out of heap, lock() threw past the count, the receive's caller counted
      // the message again, and the host dropped a holder that acknowledged more than it held
      HeapReserve.lock(lock);
      try {
        work.signal();
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Counts message {@code number}, which a receive() returned before one handed out earlier, so
   * that the host does not give it back if this process goes before that one counts: it is
   * acknowledged on its own ({@link Wire#C_ACK_ONE}), as {@link #received} says. The caller holds
   * the channel's lock (an out-of-turn count takes it anyway). Out of heap, the message is only
   * counted in turn, as it was before this record existed.
   */
  void receivedOutOfTurn(long number) {
    HeapReserve.lock(lock);
    try {
      acks.listOutOfTurn(number);
      lastReceived = System.nanoTime();
      if (parked) {
        work.signal();
      }
    } catch (OutOfMemoryError e) {
      // the count in turn acknowledges it: only a death before that gives it back
    } finally {
      lock.unlock();
    }
  }

  /**
   * Appends the acknowledgments, then {@link Wire#C_GIVE_BACK}: the host puts back what it
   * handed out and was not acknowledged; from here on nothing is acknowledged (see {@link
   * Acknowledgments#giveBack}). Under begin.
   */
  void giveBack(ByteOutput o) {
    acks.giveBack(o);
  }

  /**
   * Ends an append and unlocks. On a quiet connection the sender writes the frame itself, so a
   * lone message leaves without waking another thread; in a burst (appends closer than
   * {@link #QUIET_NANOS}, {@link #BURST} in a row, until a pause of {@link #BURST_ENDS_NANOS}) or
   * while a frame is being written, it leaves the frame to the flusher, which writes what
   * accumulates in few large writes.
   */
  void end() {
    end(false, false);
  }

  /**
   * Ends the append of a message whose sending thread received a message since it last sent one:
   * this may be the answer that the peer waits for, so it is never held back as part of a stream
   * (see {@link #end(boolean, boolean)}).
   */
  void endAnswering() {
    end(false, true);
  }

  /**
   * Ends an append whose sender is about to wait for the peer's answer (a request for credit of a
   * bounded channel): it leaves now, never held back for a batch. Held back, each message through
   * a channel of capacity 1 waited for the flusher's linger and its wake-up twice (0.4-0.6 ms).
   */
  void endAwaitingAnswer() {
    end(true, false);
  }

  /**
   * A thread of this process is about to wait for the peer (a receive whose request went ahead of
   * it as a prefetch, a poll's withdrawal, a goodbye, a lease): what a stream holds may be what
   * the peer needs before it answers, so through shared memory the waiting thread writes it now,
   * and the stream ends (a sender that waits is in a conversation). Left to the flusher, a burst
   * whose last message the peer answers waited for the flusher's moment and then its wake-up,
   * which on a loaded machine is one more scheduling delay of milliseconds in every such answer.
   */
  void awaitingPeer() {
    writeHeldBy(this);
    writeHeld();
  }

  /** Writes what this outbox's stream holds, ending the stream (see {@link #awaitingPeer()}). */
  private void writeHeld() {
    if (rings == null) {
      return; // through the socket a frame left to the flusher is written at once, without a moment
    }
    lock.lock();
    try {
      endStream();
      if (canWriteHere()) {
        writeHere();
      } else if (pending.size() > Wire.FRAME_HEADER_BYTES) {
        urgent = true; // written after the frame being written, without the flusher's moment
        work.signal();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A thread of this process that is about to wait for another process, through any connection:
   * the frames its own streams hold on other connections ({@link #heldByThisThread}) may be what
   * that process needs before it answers (a burst on channel A, then a receive on channel B whose
   * answer the peer sends once it has A's messages), so they are written now, as {@link
   * #awaitingPeer()} writes its own connection's. Left to their flushers, such a burst's tail
   * waited for their moment and their wake-up. A host's receiver and a blocked sender, which wait
   * for no connection of their own, call this with null.
   */
  static void writeHeldBy(Outbox except) {
    WeakReference<?>[] held = HELD.get();
    for (int i = 0; i < held.length; i++) {
      Outbox outbox = held[i] == null ? null : (Outbox) held[i].get();
      held[i] = null;
      if (outbox != null && outbox != except) {
        outbox.writeHeld();
      }
    }
  }

  /**
   * The outboxes whose pending frames the current thread's stream began holding since it last
   * waited for a peer ({@link #writeHeldBy}): a few per thread, the oldest replaced, so a thread
   * that streams on many connections and never waits holds no more; weakly, so that a thread that
   * never waits keeps no closed connection's buffers.
   */
  private static final ThreadLocal<WeakReference<?>[]> HELD =
      new ThreadLocal<>() { // not a lambda: see ConnectionClasses
        @Override
        protected WeakReference<?>[] initialValue() {
          return new WeakReference<?>[4];
        }
      };

  /** Notes that the calling thread's append began holding this outbox's pending frame. */
  private void heldByThisThread() {
    WeakReference<?>[] held = HELD.get();
    int free = -1;
    for (int i = 0; i < held.length; i++) {
      Object outbox = held[i] == null ? null : held[i].get();
      if (outbox == this) {
        return;
      }
      if (outbox == null && free < 0) {
        free = i;
      }
    }
    if (free < 0) {
      System.arraycopy(held, 1, held, 0, held.length - 1);
      free = held.length - 1;
    }
    held[free] = new WeakReference<>(this); // once per held frame, not per message
  }

  private void end(boolean awaitingAnswer, boolean answering) {
    try {
      if (rings != null) {
        // A write into shared memory costs no system call, but each frame costs the reader its
        // handling and the writer a publication, whose fences wait for the cache lines the reader
        // holds. So appends gather into one frame of up to RING_BATCH_BYTES, which the flusher
        // writes once its first held append is LINGER_NANOS old if no append does: while the
        // reader is behind, and in a stream (appends closer than QUIET_NANOS, BURST in a row,
        // with nothing read from the peer in between and no receive by the sending thread),
        // though the reader keeps up (small messages went 1.25-1.4x as fast gathered). A
        // conversation never waits for a stream's frame: an append after the peer spoke, one
        // whose sender received since its last send (an echo answers on another connection than
        // it was asked on), or one whose sender awaits an answer.
        long read = rings.readSoFar();
        if (awaitingAnswer || answering || read != readMark) {
          endStream();
        } else if (!streaming) {
          long now = System.nanoTime(); // not in a stream: a stream reads the clock once a frame
          quick = now - lastEnd < QUIET_NANOS ? quick + 1 : 0;
          lastEnd = now;
          streaming = quick >= BURST;
        }
        readMark = read;
        burst = !awaitingAnswer && pending.size() < RING_BATCH_BYTES
            && (streaming || !rings.caughtUp());
        if (burst && heldSince == 0) {
          heldSince = System.nanoTime();
          heldByThisThread();
        }
      } else {
        long now = System.nanoTime(); // only the socket's bursts are told by time
        long gap = now - lastEnd;
        lastEnd = now;
        if (burst) {
          burst = gap < BURST_ENDS_NANOS;
          quick = 0;
        } else {
          quick = gap < QUIET_NANOS ? quick + 1 : 0;
          burst = quick >= BURST;
        }
        if (awaitingAnswer || answering) {
          burst = false;
        }
      }
      if (!burst && canWriteHere()) {
        writeHere();
      } else if (pending.size() > Wire.FRAME_HEADER_BYTES) {
        boolean waitedFor = awaitingAnswer || answering;
        urgent |= waitedFor;
        if (idle || waitedFor) {
          work.signal(); // a lingering flusher stops lingering for an urgent frame
        }
      }
    } catch (OutOfMemoryError e) {
      // The record is appended; what was to send it ran out of heap (its acknowledgments, the
      // note of a held frame): the flusher writes it now. Thrown on, it left a receive's request
      // unwritten with the flusher parked, and the receive and the host's sender waited for ever.
      HeapReserve.release();
      urgent = true;
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /** No append counts towards a stream any more (see {@link #streaming}). Lock held. */
  private void endStream() {
    streaming = false;
    quick = 0;
  }

  /** Whether the calling sender may write the pending frame itself now. Lock held. */
  private boolean canWriteHere() {
    return !writing && handoff == null && pending.size() > Wire.FRAME_HEADER_BYTES && !closing
        && failure == null;
  }

  /**
   * Writes the pending frame on the calling thread, without blocking: what the socket does not take
   * at once is handed to the flusher. Lock held on entry and on return, released meanwhile so
   * that other senders append to the next frame.
   */
  private void writeHere() {
    acks.acknowledge(pending);
    urgent = false;
    ByteOutput frame = pending;
    pending = spare;
    heldSince = 0;
    spare = null;
    writing = true;
    lock.unlock();
    ByteBuffer bytes = null;
    IOException failed = null;
    boolean outOfHeap = false;
    try {
      bytes = bytes(frame);
      SocketSlices.write(socket, bytes);
    } catch (IOException e) {
      failed = e;
    } catch (InternalError e) {
      failed = fault(e);
    } catch (OutOfMemoryError e) {
      // The frame goes to the flusher, which writes it (or its rest) once there is room. Thrown
      // on, it left writing set and the frame unwritten: the connection stopped for good.
      HeapReserve.release();
      outOfHeap = true;
    } finally {
      HeapReserve.lock(lock);
    }
    if (failed == null && (outOfHeap || bytes.hasRemaining())) {
      handoff = frame;
      handoffBytes = bytes;
      work.signal(); // writing stays true: the flusher ends this frame before any other
      return;
    }
    written(frame, failed);
    if (idle && (pending.size() > Wire.FRAME_HEADER_BYTES || acks.due())) {
      work.signal(); // appended, or received, while this thread wrote
    }
  }

  /** A frame is written (or failed): recycle it and let waiting senders on. Lock held. */
  private void written(ByteOutput frame, IOException failed) {
    frame.reset();
    for (int i = 0; i < Wire.FRAME_HEADER_BYTES; i++) {
      frame.writeByte(0);
    }
    spare = frame;
    writing = false;
    if (failed != null && failure == null) {
      failure = failed;
      if (failed instanceof RingLink.CorruptRing) {
        dropCorrupt(failed);
      }
    }
    drained.signalAll();
  }

  /**
   * A fault on the rings' mapped file that the JVM raised in the flusher after the write that met
   * it, past that write's own catch (see {@link MappingFaults#isMappingFault}), or the broken lock
   * that hid it ({@link MappingFaults#isBrokenByFault}); anything else is rethrown. The file was
   * cut short, and the connection ends as on corrupt rings, the frame being written lost with it.
   * The flusher may hold the lock or not, whichever the fault interrupted.
   */
  private void faultedFlusher(Throwable e) {
    if (rings == null) {
      throw MappingFaults.unchecked(e);
    }
    IOException why = fault(e);
    if (!lock.isHeldByCurrentThread()) {
      lock.lock();
    }
    try {
      writing = false;
      if (failure == null) {
        failure = why;
        dropCorrupt(why);
      }
      drained.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets go of this outbox's lock if the calling thread still holds it, which it must not where
   * this is called: after a fault on the rings' mapped file ({@link MappingFaults#isMappingFault})
   * that the JVM raised in this thread's append. The JVM raises it a little after the access, at
   * whatever the thread does next, a lock's own code included, so it can leave the lock held with
   * no finally block left to release it; the connection's reader, which closes this outbox as the
   * connection ends, then waited for it for ever, and the faulted thread for that reader (a child
   * streaming while its rings file was cut never exited).
   */
  void releaseAfterFault() {
    while (lock.isHeldByCurrentThread()) {
      lock.unlock();
    }
  }

  /** Why this side dropped the connection (the peer corrupted the rings), or null. */
  String droppedFor() {
    return droppedFor;
  }

  /**
   * Ends a connection whose peer corrupted the rings: closing the socket ends the reader's side
   * too, which drops the connection as on a malformed frame (what the peer was handed goes back to
   * the channel). Else the reader would wait for a peer that waits for this side. Lock held.
   */
  private void dropCorrupt(IOException why) {
    System.err.println("[ferry] dropped a connection (" + name + "): " + why.getMessage());
    droppedFor = why.getMessage();
    try {
      rings.socket().close();
    } catch (IOException ignored) {
      // closed anyway
    }
  }

  /**
   * Waits until every record appended so far has been written, or the timeout passes. The caller
   * writes the pending frame itself if nobody is writing (it would only wait for the flusher), and
   * a caller that waits for each write is no burst: its next append may write directly again.
   */
  boolean flush(long timeout, TimeUnit unit) {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    lock.lock();
    try {
      endStream();
      burst = false;
      if (canWriteHere()) {
        writeHere();
      }
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

  /**
   * The flusher's loop, which a full heap does not end: its waits pause instead of throwing (see
   * {@link HeapReserve#awaitNanos}), and an {@code OutOfMemoryError} elsewhere in it (a frame grown
   * for an acknowledgment, the buffer that wraps a frame) lets the reserve go and goes on; frames
   * wait meanwhile, none is lost. A flusher that died of it (a child whose target kept every
   * message it received, at -Xmx24m) left its channel's goodbye, and every send, waiting for ever.
   */
  private void flushThroughFullHeap() {
    HeapReserve.prime();
    while (true) {
      try {
        flushLoop(); // not this::flushLoop: see Channel.SCRATCH
        return;
      } catch (OutOfMemoryError e) {
        HeapReserve.release();
        releaseAfterFault(); // a lock its own code took and did not let go of as it threw
        HeapReserve.pause(HeapReserve.PAUSE_NANOS);
        HeapReserve.restore();
      }
    }
  }

  private void flushLoop() {
    while (true) {
      ByteOutput frame;
      ByteBuffer bytes;
      HeapReserve.lock(lock);
      try {
        if (!waitForWork()) {
          return; // closing and nothing left
        }
        idle = false;
        if (rings != null && handoff == null && !closing) {
          if (lingerForAppends()) {
            endStream(); // the frame aged unwritten: the stream slowed or ended
          }
          if (pending.size() <= Wire.FRAME_HEADER_BYTES || writing) {
            continue; // a sender wrote it meanwhile
          }
        }
        if (handoff != null) {
          frame = handoff;
          bytes = handoffBytes;
          handoff = null;
          handoffBytes = null;
        } else {
          acks.acknowledge(pending);
          urgent = false;
          frame = pending;
          pending = spare;
          heldSince = 0;
          spare = null;
          writing = true;
          bytes = null;
        }
        drained.signalAll(); // senders waiting on a full frame may go on
      } finally {
        lock.unlock();
      }
      IOException failed = null;
      while (true) {
        try {
          if (bytes == null) {
            bytes = bytes(frame);
          }
          writeAll(bytes);
        } catch (IOException e) {
          failed = e;
        } catch (InternalError e) {
          failed = fault(e);
        } catch (OutOfMemoryError e) {
          // The frame is this thread's (writing): it is written on once there is room, never lost
          HeapReserve.release();
          HeapReserve.pause(HeapReserve.PAUSE_NANOS);
          continue;
        }
        break;
      }
      HeapReserve.lock(lock);
      try {
        written(frame, failed);
        if (failed != null) {
          return;
        }
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Through shared memory, lets senders append a moment longer before the flusher writes what they
   * left (they leave it only while the reader is behind, see {@link #end}), so that a busy sender's
   * messages leave in few frames and the flusher wakes at most once per moment. The moment counts
   * from the frame's first held append. True if the frame aged so unwritten. Lock held.
   */
  private boolean lingerForAppends() {
    long start = System.nanoTime(); // for a frame of no held append (an acknowledgment, say)
    while (true) {
      long since = heldSince; // a sender may write the frame meanwhile, and start the next
      long left = (since != 0 ? since : start) + LINGER_NANOS - System.nanoTime();
      if (urgent || pending.size() >= RING_BATCH_BYTES || closing || writing
          || pending.size() <= Wire.FRAME_HEADER_BYTES) {
        return false;
      }
      if (left <= 0) {
        return true;
      }
      awaitNanos(left);
    }
  }

  /**
   * Waits (lock held) until there is a frame to write or to finish, or an acknowledgment is due;
   * false when closing with nothing left. While a sender writes a frame itself, the next waits.
   */
  private boolean waitForWork() {
    long ackDue = 0;
    while (true) {
      if (handoff != null || (!writing && pending.size() > Wire.FRAME_HEADER_BYTES)) {
        return true;
      }
      if (closing && !writing) {
        return false;
      }
      idle = true;
      long now = System.nanoTime();
      if (!acks.due() || writing || closing) {
        ackDue = 0;
        if (now - lastReceived < RECEIVING_NANOS && !closing) {
          awaitNanos(ACK_DELAY_NANOS);
          continue;
        }
        parked = true;
        if (!acks.due() || writing || closing) {
          HeapReserve.awaitUninterruptibly(work, lock);
        }
        parked = false;
        continue;
      }
      if (ackDue == 0) {
        ackDue = now + ACK_DELAY_NANOS;
      }
      if (now - ackDue >= 0) {
        acks.acknowledge(pending); // written alone
        continue;
      }
      awaitNanos(ackDue - now);
    }
  }

  private void awaitNanos(long nanos) {
    try {
      HeapReserve.awaitNanos(work, lock, nanos);
    } catch (InterruptedException e) {
      // the flusher is never interrupted on purpose; go on
    }
  }

  /**
   * A fault on the rings' mapped file, which the JVM raises a little after the write that touched
   * it (see {@link MappingFaults#isMappingFault}), or the broken lock that hid it ({@link
   * MappingFaults#isBrokenByFault}), as the write's failure; anything else is rethrown.
   */
  private IOException fault(Throwable e) {
    if (rings == null) {
      throw MappingFaults.unchecked(e);
    }
    return rings.faultedHere(e); // this link's first: closed, it is out of faulted's sight
  }

  private static ByteBuffer bytes(ByteOutput frame) {
    byte[] bytes = frame.array();
    int size = frame.size();
    Wire.putIntLE(bytes, 0, size - Wire.FRAME_HEADER_BYTES);
    return ByteBuffer.wrap(bytes, 0, size);
  }

  /** Writes all of {@code buffer}, waiting for the non-blocking socket to take more. Flusher only. */
  private void writeAll(ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      if (SocketSlices.write(socket, buffer) == 0) {
        awaitWritable();
      }
    }
  }

  /**
   * Waits until the full socket may take more, or a while; by the thread writing the current frame
   * (the flusher, or a sender in {@link #endWithTail}), so by one thread at a time.
   */
  private void awaitWritable() throws IOException {
    if (rings != null) {
      rings.awaitWritable(SELECT_MILLIS);
      return;
    }
    if (writable == null) {
      writable = Selector.open();
      ((SocketChannel) socket).register(writable, SelectionKey.OP_WRITE);
    }
    writable.select(SELECT_MILLIS);
    writable.selectedKeys().clear();
    if (!socket.isOpen()) {
      throw new ClosedChannelException();
    }
  }

  private void closeSelector() {
    if (writable != null) {
      try {
        writable.close(); // deregisters the socket, so that closing it closes it at once
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }
}
