package dev.ferry.internal.transport;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * A connection's shared-memory rings ({@link RingLink}) for a peer whose one reader blocks until
 * bytes come and whose writers never block: a process pool's two ends. Its reads wait as a
 * conversation's do, spinning for a moment before they park on the socket, so a task handed to a
 * worker that answered a moment ago, and the answer that comes back, each cross without a system
 * call or a thread woken through the kernel.
 *
 * <p>The socket stays the connection: it carries the wake-up bytes, and its end tells each side
 * that the other is gone (the rings, shared memory, cannot).
 */
public final class RingStream implements ReadableByteChannel, GatheringByteChannel {
  /** Whether shared memory may be offered; {@code -Dferry.transport=socket} keeps to sockets. */
  public static final boolean ENABLED = RingLink.ENABLED;

  /** How long one park of a waiting reader lasts before it looks again. */
  private static final long PARK_MILLIS = 1_000;

  private final RingLink link;

  private RingStream(RingLink link) {
    this.link = link;
  }

  /**
   * The side that offers the rings: creates their file in this process's runtime directory. The
   * socket must be non-blocking.
   */
  public static RingStream offer(SocketChannel socket) throws IOException {
    return new RingStream(RingLink.create(socket, RuntimeFiles.directory()));
  }

  /** The side that takes them: maps the file the other side named, which it then deletes. */
  public static RingStream take(SocketChannel socket, Path file) throws IOException {
    return new RingStream(RingLink.open(socket, file));
  }

  /**
   * Whether {@code e} is a link's refusal to go on because its rings broke their rules (a position
   * no Ferry peer writes) or their file was cut short: the reason to name when the connection
   * ends, which an {@code IOException} of the socket's (the peer died) is not.
   */
  public static boolean isBroken(Throwable e) {
    return e instanceof RingLink.CorruptRing;
  }

  /**
   * Whether {@code e} is the JVM's report of a touch of a lost page of a mapped file (a rings file
   * cut short), which it raises a little after the touch, in whatever code the thread runs by then:
   * not the failure of that code, but of the connection whose rings were touched.
   */
  public static boolean isMappingFault(Throwable e) {
    return MappingFaults.isMappingFault(e);
  }

  /**
   * A fault on the rings' mapped file that the JVM raised a little after a touch of a lost page
   * (their file was cut short: see {@link MappingFaults#isMappingFault}), or the broken lock that
   * hid it, as the {@link #isBroken} reason that explains it; anything else is rethrown as it is.
   */
  public IOException faulted(Throwable e) {
    return link.faultedHere(e);
  }

  /**
   * As {@link #faulted}, for a fault that surfaced away from any one link's code: the reason of
   * the first link found cut short, whose reader is woken to end its connection.
   */
  public static IOException faultedAnywhere(Throwable e) {
    return MappingFaults.faulted(e);
  }

  /**
   * Whether these rings' file was cut short (it looks now), which it then marks as {@link
   * #faulted} does: a fault that surfaced in a thread may be another connection's.
   */
  public boolean cutShort() {
    return link.checkCut();
  }

  /** The file the other side is to map; the offering side only. */
  public Path file() {
    return link.file();
  }

  /**
   * Reads what the peer wrote, waiting until there is something: at least one byte, or -1 once the
   * peer closed its socket and everything it wrote was read. An interrupt does not end the wait
   * (a blocking socket read's would close the connection); it is kept for the caller.
   */
  @Override
  public int read(ByteBuffer dst) throws IOException {
    boolean interrupted = false;
    try {
      while (true) {
        int n = link.read(dst);
        if (n != 0) {
          return n;
        }
        interrupted |= Thread.interrupted();
        link.awaitReadable(PARK_MILLIS, true, false);
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A reader over these rings that never waits ({@link FrameReader#pollInput}), for a reader
   * thread that shares the reading with threads that wait for answers ({@link #lead}).
   */
  public FrameReader frames() {
    return new FrameReader(link);
  }

  /**
   * Waits until there is something to read (bytes or the end), or about a second: spins for a
   * moment as {@link #read} does, unless another thread reads in this one's stead ({@link #lead}),
   * then parks on the socket. Not ended by an interrupt, which is kept.
   */
  public void awaitReadable() throws IOException {
    boolean interrupted = Thread.interrupted();
    try {
      link.awaitReadable(PARK_MILLIS, true, false);
    } finally {
      if (interrupted || Thread.interrupted()) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The calling thread starts ({@code true}) or stops reading in the reader thread's stead, while
   * it waits for an answer: the reader thread then parks without asking the peer for wake-up
   * bytes, so the answer crosses with no thread woken. After stopping, the caller looks once more
   * ({@link #hasBytes}) and wakes the reader ({@link #wakeReader}) for what came meanwhile.
   */
  public void lead(boolean starts) {
    link.leading(starts);
  }

  /**
   * A leading thread's wait: spins for a moment, never parks; true once bytes came (or the rings
   * were found cut), false if the spin ran out or the thread was interrupted.
   */
  public boolean awaitLed() {
    return link.awaitLed();
  }

  /** Whether the peer wrote bytes not read yet. */
  public boolean hasBytes() {
    return link.hasBytes();
  }

  /** Makes the reader thread's current or next wait ({@link #awaitReadable}) return at once. */
  public void wakeReader() {
    link.wakeReader();
  }

  /** Writes what the ring has room for now, without waiting; 0 when it is full. */
  @Override
  public int write(ByteBuffer src) throws IOException {
    return link.write(src);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return link.write(srcs, offset, length);
  }

  @Override
  public long write(ByteBuffer[] srcs) throws IOException {
    return link.write(srcs);
  }

  /** Waits until the ring has room, or about {@code millis}; fails once the peer is gone. */
  public void awaitWritable(long millis) throws IOException {
    link.awaitWritable(millis);
  }

  /**
   * Writes one byte to the socket, which the peer reads as a wake-up: it fails once the peer's
   * process is gone, as a write to the socket alone would, which a write to the rings cannot tell.
   */
  public void touchPeer() throws IOException {
    link.socket().write(ByteBuffer.allocate(1)); // none taken: full, so its peer is there
  }

  @Override
  public boolean isOpen() {
    return link.isOpen();
  }

  /** Lets go of the mapping and deletes the file if it is still there; the socket stays open. */
  @Override
  public void close() throws IOException {
    link.close();
  }
}
