package dev.ferry.internal.transport;

import dev.ferry.ByteInput;
import dev.ferry.Ferry;
import dev.ferry.TransferException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
/**
 * The receiving half of a connection: reads frames into one reusable buffer.
 *
 * <p>A frame's length is checked against {@link Wire#MAX_FRAME_BYTES} before anything else, and the
 * buffer grows only as bytes actually arrive (at most doubling), so a forged length cannot make
 * the reader allocate memory the peer never sent. End of stream in the middle of a frame drops the
 * partial frame: its records were never complete.
 *
 * <p>A reader that accepts {@linkplain Wire#TAIL_FRAME tail frames} (a host's) returns a tail
 * frame's records like any frame's and leaves its body, the last message's, to {@link #tail}, which
 * reads it straight into the message's own array.
 *
 * <p>A connection's socket is in non-blocking mode once its {@link Outbox} exists (senders write
 * it directly); the reader then waits for bytes with a selector of its own, or, when the bytes
 * come through shared memory ({@link RingLink}), as the rings wait. Call {@link #close()}
 * before closing the socket: a socket registered with a selector is only really closed once the
 * selector lets go of it.
 */
public final class FrameReader implements AutoCloseable {
  /** What {@link #next(long, boolean)} returns when it stopped waiting before a whole frame arrived. */
  static final Wire.Cursor NONE = new Wire.Cursor(new byte[0], 0, 0);

  private static final int STOPPED = -2;

  /** How long a wait for bytes lasts at most before the reader checks that the socket is open. */
  private static final long SELECT_MILLIS = 1_000;
  /**
   * A tail frame's body up to this size gets its whole array at once, while the process has fewer
   * than {@link #MAX_AHEAD_BYTES} allocated so ahead of their bytes; a larger one, or one past that
   * budget, grows, at most doubling, as its bytes arrive. So forged lengths, even on many
   * connections at once, cannot make the process allocate much memory its peers never sent.
   */
  static final int TRUSTED_TAIL_BYTES = 4 << 20;
  static final long MAX_AHEAD_BYTES = 64 << 20;
  private static final AtomicLong AHEAD = new AtomicLong();
  private static final int FIRST_GROWN_BYTES = 64 << 10;

  private final ReadableByteChannel in;
  private final RingLink rings; // in, if the connection's bytes go through shared memory
  private final boolean acceptsTails;
  private volatile Selector readable; // volatile: wakeUp() reads it from another thread
  private byte[] buf = new byte[64 * 1024];
  private ByteBuffer view = ByteBuffer.wrap(buf);
  private int start;
  private int end;
  private int base; // where the input last handed out starts in buf
  private int frameEnd;
  private int takenEnd;
  /** A deadline for {@link #next(long, boolean)}: only what has arrived, with no clock read. */
  static final long NO_WAIT = Long.MIN_VALUE;

  private long deadline = Long.MAX_VALUE; // of the current next(long)
  private boolean interruptible; // in next(long, boolean)
  private boolean spin; // of the current next(long, boolean)
  private boolean inBody; // waiting in awaitBody
  private volatile boolean wokenUp;
  /** The bytes of the current tail frame's body that {@link #tail} has not read; 0 if none. */
  private int tailLeft;

  public FrameReader(ReadableByteChannel in) {
    this(in, false);
  }

  /** @param acceptsTails whether the peer may send tail frames; if not, one is a corrupt stream */
  FrameReader(ReadableByteChannel in, boolean acceptsTails) {
    this.in = in;
    this.rings = in instanceof RingLink link ? link : null;
    this.acceptsTails = acceptsTails;
  }

  /** How many bytes of the current tail frame's body can be read now without waiting. */
  long tailAvailable() {
    return Math.min(end - start, tailLeft) + (rings != null ? rings.unread() : 0);
  }

  /** How many bytes of body follow the records of the frame last returned: 0 unless a tail frame. */
  int tailBytes() {
    return tailLeft;
  }

  /**
   * Reads the body of the tail frame last returned, {@code length} bytes, into a new array after
   * {@code prefix} bytes of room; null at end of stream (the writer died mid-body: the message is
   * dropped, as a partial frame is).
   *
   * @throws TransferException if the frame's body is not {@code length} bytes
   */
  byte[] tail(int prefix, int length) throws IOException {
    if (length != tailLeft || length == 0) {
      throw new TransferException(
          "a message of " + length + " bytes does not end its tail frame, whose body is " + tailLeft
              + " bytes");
    }
    int ahead = Math.min(length, TRUSTED_TAIL_BYTES);
    boolean trusted = reserveAhead(ahead);
    try {
      byte[] item = allocate(prefix + (trusted ? ahead : Math.min(length, FIRST_GROWN_BYTES)), length);
      int filled = 0;
      while (filled < length) {
        if (prefix + filled == item.length) { // only once the bytes so far have arrived
          byte[] grown = allocate(prefix + (int) Math.min(length, 2L * filled), length);
          System.arraycopy(item, 0, grown, 0, prefix + filled);
          item = grown;
        }
        int chunk = item.length - prefix - filled;
        if (!readTail(item, prefix + filled, chunk)) {
          return null;
        }
        filled += chunk;
      }
      return item;
    } finally {
      if (trusted) {
        releaseAhead(ahead);
      }
    }
  }

  /**
   * Reserves {@code bytes} of the process's budget for arrays allocated before their bytes
   * arrived; false if that would pass {@link #MAX_AHEAD_BYTES}. Release with {@link #releaseAhead}.
   */
  static boolean reserveAhead(int bytes) {
    if (AHEAD.addAndGet(bytes) > MAX_AHEAD_BYTES) {
      AHEAD.addAndGet(-bytes);
      return false;
    }
    return true;
  }

  static void releaseAhead(int bytes) {
    AHEAD.addAndGet(-bytes);
  }

  /**
   * Reads the next {@code length} bytes of the body of the tail frame last returned into {@code
   * dst}; false at end of stream (the writer died mid-body).
   *
   * @throws TransferException if the body has fewer bytes left
   */
  boolean readTail(byte[] dst, int offset, int length) throws IOException {
    if (length > tailLeft) {
      throw new TransferException(
          "a message needs " + length + " more bytes than its tail frame's body has ("
              + tailLeft + ")");
    }
    int filled = Math.min(end - start, length);
    System.arraycopy(buf, start, dst, offset, filled);
    start += filled;
    tailLeft -= filled;
    while (filled < length) {
      int read = SocketSlices.read(in, ByteBuffer.wrap(dst, offset + filled, length - filled));
      if (read < 0) {
        tailLeft = 0;
        return false;
      }
      if (read == 0) {
        awaitBody();
      }
      filled += read;
      tailLeft -= read;
    }
    return true;
  }

  /** The read buffer's size; for tests. */
  int capacity() {
    return buf.length;
  }

  /**
   * Reads the next frame and returns a cursor over its records, or null at end of stream.
   *
   * @throws TransferException if the frame's length is out of range
   */
  Wire.Cursor next() throws IOException {
    int frameStart = frameOrFault();
    return frameStart < 0 ? null : new Wire.Cursor(buf, frameStart, frameEnd);
  }

  /**
   * {@link #frame()}, with a fault on the rings' mapped file ({@link MappingFaults#isMappingFault},
   * which the JVM raises a little after the access) told as the {@link RingLink.CorruptRing} it is.
   */
  private int frameOrFault() throws IOException {
    try {
      return frame();
    } catch (InternalError e) {
      if (rings == null) {
        throw e;
      }
      throw MappingFaults.faulted(e);
    }
  }

  /**
   * Like {@link #next()} for a reader that may have to stop waiting: returns {@link #NONE} once
   * {@code deadline} ({@link System#nanoTime()}; {@code Long.MAX_VALUE}: none; {@link #NO_WAIT}:
   * at once, without reading the clock) passes or {@link
   * #wakeUp()} is called before a whole frame arrived. What arrived of a frame is kept for the next
   * call, which may be made by another thread. {@code spin}: a thread that waits for a user (a
   * receiver), which, when the bytes come through shared memory, spins a moment before it parks;
   * a background reader never spins.
   *
   * @throws InterruptedIOException if the calling thread is interrupted while it waits
   */
  Wire.Cursor next(long deadline, boolean spin) throws IOException {
    if (again >= 0) {
      return cursor(again);
    }
    this.deadline = deadline;
    this.spin = spin;
    interruptible = true;
    try {
      int frameStart = frameOrFault();
      return frameStart == STOPPED ? NONE : frameStart < 0 ? null : cursor(frameStart);
    } finally {
      interruptible = false;
      spin = false;
      this.deadline = Long.MAX_VALUE;
    }
  }

  /**
   * The cursor over the frame just read. Its start is kept until the cursor exists: out of heap,
   * the frame was read and its cursor not made, and the frame was lost; now the next call
   * returns it (a channel's reader reads on once there is room, see RemoteReader#read).
   */
  private Wire.Cursor cursor(int frameStart) {
    again = frameStart;
    Wire.Cursor records = new Wire.Cursor(buf, frameStart, frameEnd);
    again = -1;
    return records;
  }

  /** The start of a frame read whose cursor the heap could not hold, or -1 (see {@link #cursor}). */
  private int again = -1;

  /** Makes a wait in {@link #next(long, boolean)} (the current one, or else the next) return {@link #NONE}. */
  void wakeUp() {
    wokenUp = true;
    if (rings != null) {
      rings.wakeReader();
    }
    Selector selector = readable;
    if (selector != null) {
      selector.wakeup();
    }
  }

  /**
   * Reads the next frame and returns its bytes as an input, or null at end of stream; for
   * protocols whose records are written with {@link dev.ferry.ByteOutput}.
   */
  public ByteInput nextInput() throws IOException {
    int frameStart = frame();
    if (frameStart < 0) {
      return null;
    }
    base = frameStart;
    return new ByteInput(buf, frameStart, frameEnd - frameStart);
  }

  /** What {@link #pollInput} returns when no whole frame has arrived. */
  public static final ByteInput NOTHING = new ByteInput(new byte[0]);

  /**
   * As {@link #nextInput}, without waiting: {@link #NOTHING} if no whole frame has arrived (what
   * came of one is kept for the next call, which another thread may make). For a reader over
   * rings ({@link RingStream#frames}), whose waits its caller makes.
   */
  public ByteInput pollInput() throws IOException {
    deadline = NO_WAIT;
    try {
      int frameStart = frameOrFault();
      if (frameStart == STOPPED) {
        return NOTHING;
      }
      if (frameStart < 0) {
        return null;
      }
      base = frameStart;
      return new ByteInput(buf, frameStart, frameEnd - frameStart);
    } finally {
      deadline = Long.MAX_VALUE;
    }
  }

  /**
   * Whether bytes read from the channel wait here for a later {@link #pollInput}: a read takes
   * all the ring holds that fits, so a frame after the one handed out may already be here, with
   * nothing left in the ring to wake its reader for.
   */
  public boolean holdsBytes() {
    return end > start;
  }

  /**
   * The next {@code length} bytes of {@code in} (the input last handed out), as their own input,
   * so that a record whose body cannot be read can be skipped; then {@link #rest()}.
   */
  public ByteInput take(ByteInput in, int length) {
    if (length < 0 || length > in.remaining()) {
      throw new TransferException(
          "a record of " + length + " bytes overruns its frame (" + in.remaining() + " left)");
    }
    int at = base + in.offset();
    takenEnd = at + length;
    return new ByteInput(buf, at, length);
  }

  /** The rest of the frame after the bytes last taken. */
  public ByteInput rest() {
    base = takenEnd;
    return new ByteInput(buf, takenEnd, frameEnd - takenEnd);
  }

  /** Reads the next frame; its start in {@code buf}, -1 at end of stream, or {@link #STOPPED}. */
  private int frame() throws IOException {
    if (tailLeft > 0 && !skipTail()) {
      return -1;
    }
    if (start == end) {
      start = end = 0;
    }
    int header = fill(Wire.FRAME_HEADER_BYTES);
    if (header <= 0) {
      return header < 0 ? -1 : STOPPED;
    }
    int length = Wire.getIntLE(buf, start);
    if (acceptsTails && length < 0) {
      return tailFrame(length & ~Wire.TAIL_FRAME);
    }
    if (length < 0 || length > Wire.MAX_FRAME_BYTES) {
      throw new TransferException(
          "frame length " + length + " is outside 0.." + Wire.MAX_FRAME_BYTES
              + ": the stream is corrupt or was not written by Ferry");
    }
    int whole = fill(Wire.FRAME_HEADER_BYTES + length);
    if (whole <= 0) {
      return whole < 0 ? -1 : STOPPED; // at end of stream the writer died mid-frame: dropped
    }
    int frameStart = start + Wire.FRAME_HEADER_BYTES;
    start = frameStart + length;
    frameEnd = start;
    return frameStart;
  }

  /** Reads a tail frame's records (see {@link Wire}); as {@link #frame()}. */
  private int tailFrame(int length) throws IOException {
    if (length < 4 || length > Wire.MAX_FRAME_BYTES) {
      throw new TransferException(
          "tail frame length " + length + " is outside 4.." + Wire.MAX_FRAME_BYTES
              + ": the stream is corrupt or was not written by Ferry");
    }
    int head = fill(Wire.FRAME_HEADER_BYTES + 4);
    if (head <= 0) {
      return head < 0 ? -1 : STOPPED;
    }
    int records = Wire.getIntLE(buf, start + Wire.FRAME_HEADER_BYTES);
    if (records < 1 || records > length - 4) {
      throw new TransferException(
          "a tail frame of " + length + " bytes claims " + records + " bytes of records: the stream"
              + " is corrupt or was not written by Ferry");
    }
    int whole = fill(Wire.FRAME_HEADER_BYTES + 4 + records);
    if (whole <= 0) {
      return whole < 0 ? -1 : STOPPED;
    }
    int frameStart = start + Wire.FRAME_HEADER_BYTES + 4;
    start = frameStart + records;
    frameEnd = start;
    tailLeft = length - 4 - records;
    return frameStart;
  }

  /** Drops the unread body of the last tail frame; false at end of stream. */
  private boolean skipTail() throws IOException {
    int buffered = Math.min(end - start, tailLeft);
    start += buffered;
    tailLeft -= buffered;
    while (tailLeft > 0) {
      start = end = 0;
      view.limit(Math.min(buf.length, tailLeft)).position(0);
      int read = SocketSlices.read(in, view);
      if (read < 0) {
        tailLeft = 0;
        return false;
      }
      if (read == 0) {
        awaitBody();
      }
      tailLeft -= read;
    }
    return true;
  }

  /** 1 once {@code needed} bytes are buffered, -1 at end of stream, 0 if the wait was stopped. */
  private int fill(int needed) throws IOException {
    while (end - start < needed) {
      if (end == buf.length) {
        makeRoom(needed);
      }
      view.limit(buf.length).position(end);
      int read = SocketSlices.read(in, view);
      if (read < 0) {
        return -1;
      }
      if (read == 0) {
        if (!awaitBytes()) {
          return 0;
        }
      }
      end += read;
    }
    return 1;
  }

  /**
   * Waits for more of a tail frame's body, whatever the deadline of the current call: the peer is
   * writing it now, and a reader that stopped halfway would leave the stream mid-message.
   */
  private void awaitBody() throws IOException {
    long was = deadline;
    deadline = Long.MAX_VALUE;
    inBody = true;
    try {
      awaitBytes();
    } finally {
      deadline = was;
      inBody = false;
    }
  }

  /**
   * Waits until a non-blocking socket has bytes (or an error) to read; false if the deadline of
   * {@link #next(long, boolean)} passed or {@link #wakeUp()} was called first.
   */
  private boolean awaitBytes() throws IOException {
    if (rings == null && readable == null) {
      readable = Selector.open();
      ((SelectableChannel) in).register(readable, SelectionKey.OP_READ);
    }
    long wait = SELECT_MILLIS;
    if (deadline == NO_WAIT) {
      return false;
    }
    if (deadline != Long.MAX_VALUE) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait = Math.min(wait, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left + 999_999)));
    }
    if (wokenUp) {
      wokenUp = false;
      return false;
    }
    if (rings != null) {
      if (inBody) {
        rings.awaitMore(wait);
      } else {
        rings.awaitReadable(wait, spin, !spin);
      }
    } else {
      readable.select(wait);
      readable.selectedKeys().clear();
    }
    if (interruptible && Thread.interrupted()) {
      throw new InterruptedIOException("interrupted while waiting for the peer");
    }
    if (wokenUp) {
      wokenUp = false;
      return false;
    }
    if (!in.isOpen()) {
      throw new ClosedChannelException();
    }
    return true;
  }

  /** Lets go of the socket (closes the selector, if any, and the rings); the socket stays open. */
  @Override
  public void close() {
    if (rings != null) {
      try {
        rings.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    if (readable != null) {
      try {
        readable.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /**
   * A new array of {@code size} bytes towards a frame or message of {@code total}; if the heap
   * cannot hold it, a {@link TransferException} that drops this connection (and lets its buffers
   * go) instead of an {@code OutOfMemoryError} that ends the reading thread. A peer may announce up
   * to {@link Wire#MAX_FRAME_BYTES} and send most of it, on many connections at once, which a small
   * heap cannot hold; the allocation that does not fit is this one, almost always, since the
   * arrays that grow towards such frames are by far the largest a reader makes.
   */
  private static byte[] allocate(int size, long total) {
    try {
      return new byte[size];
    } catch (OutOfMemoryError e) {
      throw new TransferException(
          "a frame or message of " + total + " bytes does not fit in this process's heap ("
              + HeapLimit.described() + ") beside what it holds; the connection that sent it is dropped with what"
              + " it had sent",
          new HeapFull(total));
    }
  }


  /**
   * The cause of the {@link TransferException} for a frame or message the heap cannot hold: not a
   * corrupt stream, though it ends the connection all the same. A holder tells its user so in its
   * own words; the exception's type stays the public {@code TransferException}, which is what a
   * child's failure report names.
   */
  static final class HeapFull extends RuntimeException {
    final long bytes;

    HeapFull(long bytes) {
      super(bytes + " bytes", null, false, false);
      this.bytes = bytes;
    }
  }

  private void makeRoom(int needed) {
    int held = end - start;
    byte[] target = buf;
    if (start == 0) {
      // Full of this frame's bytes: grow, at most doubling, never past what the frame needs.
      target = allocate((int) Math.min(needed, 2L * buf.length), needed);
      view = ByteBuffer.wrap(target);
    }
    System.arraycopy(buf, start, target, 0, held);
    buf = target;
    start = 0;
    end = held;
  }
}
