package dev.ferry.internal.transport;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;
/**
 * A connection's byte stream through shared memory: two single-producer, single-consumer byte
 * rings in a file both processes map, one ring per direction, beside the connection's socket,
 * which from then on carries only wake-ups and tells each side when the other is gone.
 *
 * <p>Why: over the socket alone every message costs a system call to write, another to read and,
 * when the reader sleeps, a wake-up through the kernel; a round trip cost three of those. Through
 * the rings a reader that waited a moment ago spins briefly on the writer's position and sees
 * the bytes a fraction of a microsecond after they are written, with no system call on either
 * side. A reader that has waited long parks on the socket after telling the writer so in the
 * ring's header ({@code wake}); the writer checks that word after publishing its bytes and writes
 * one wake-up byte only then (the two sides order their accesses like Dekker's algorithm, with
 * volatile accesses, so a wake-up is never missed).
 *
 * <p>The stream has the socket's semantics, so the frames on it (and every rule about torn or lost
 * messages) are unchanged: {@link #read} and {@link #write} never block and return what they
 * moved (0 when the ring is empty or full); {@link #read} returns -1 once the peer closed its end
 * of the socket (it exited or was killed) and everything it wrote was read. A writer whose ring
 * stays full waits in {@link #awaitWritable}, polling, since a reader that frees space is busy and
 * wakes nobody; it fails once the peer is gone. One thread at a time writes (the {@link Outbox}
 * sees to it) and one reads (the {@link FrameReader}'s owner).
 *
 * <p>The file lives in this process's private runtime directory. The host creates and maps it and
 * names it in its answer to the hello; the holder maps it and deletes it at once, so only a holder
 * that dies in between leaves it, and then its host deletes it when the connection ends. {@link
 * RingFile} makes and maps it; {@link MappingFaults} answers a touch of it after it was cut short.
 * This class keeps the rings' layout and protocol, and the waits of their reader and writer, which
 * share every position and wake-up word on each message's path.
 */
final class RingLink implements ReadableByteChannel, GatheringByteChannel {
  /** Each ring's data: as much as a Unix socket buffers, so a burst never waits sooner. */
  static final int RING_BYTES = 256 << 10;
  /**
   * A read frees at most this much room at once, so that a writer waiting for room fills the
   * ring while the reader copies the rest: a large message streams through both at once.
   */
  private static final int READ_CHUNK_BYTES = 32 << 10;
  private static final int HEADER_BYTES = 256; // the ring's three words, each on its own cache line
  private static final int WRITE = 0; // long: bytes written so far
  private static final int READ = 64; // long: bytes read so far
  private static final int WAKE = 128; // long: 1 while the reader is parked and wants a wake-up byte
  static final int FILE_BYTES = 2 * (HEADER_BYTES + RING_BYTES);

  /**
   * The longest a reader spins for bytes before it parks: several round trips of a conversation
   * between two spinning threads, far less than a wake-up through the kernel costs on a loaded
   * machine. A property sets it ({@code -Dferry.spinMicros=0}: never spin).
   */
  static final long MAX_SPIN_NANOS =
      Long.getLong("ferry.spinMicros", 50) * 1_000;

  /**
   * How long a reader in the middle of a message, or a writer whose ring is full, waits for the
   * other side by yielding before it sleeps. The other side is at work then, copying the same
   * message, so the wait is short; but a spinning thread would take a core from it, or from the
   * thread that will consume the message (the two processes' busy threads outnumber the cores of a
   * small machine), and a sleep lasts far longer than asked (Linux wakes a sleeper 50 µs late), so
   * that writer and reader would take turns to sleep: 1 MiB messages went at 0.6× a raw socket
   * pump with a spin, at 1.1× with the yield.
   */
  private static final long BULK_YIELD_NANOS = 1_000_000;

  /**
   * For tests: given each file this process creates, before anyone maps it, as another process of
   * the same user could open it.
   */
  static volatile Consumer<Path> onCreated;

  /** Whether a host offers rings; {@code -Dferry.transport=socket} keeps every byte on the socket. */
  static final boolean ENABLED = !"socket".equals(System.getProperty("ferry.transport"));

  private static final VarHandle LONG =
      MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
  private static final VarHandle READ_SHOWN;

  static {
    try {
      READ_SHOWN = MethodHandles.lookup().findVarHandle(RingLink.class, "readShown", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  static {
    // Made with this class, as its set of links was when it was this class's own: a fault's
    // handler (isMappingFault, unchecked), maybe under a full heap, finds it ready, and a first
    // use that ran out of heap cannot leave it unusable for the rest of the process.
    MappingFaults.load();
  }
  private static final long MASK = RING_BYTES - 1;

  private final SocketChannel socket;
  private final MappedByteBuffer map;
  private final Path file; // the host's, to delete when the connection ends; null for a holder
  private final Path named; // the file, on either side, to name in messages
  /**
   * The file, kept open after the holder deleted it, for its length: a fault in this process is
   * told to the links whose file was cut short (see {@link MappingFaults#faulted}). Not a {@code
   * FileChannel}, which an interrupt of the thread that asks closes.
   */
  private final RandomAccessFile opened;
  /** Why the mapping may no longer be touched (its file was cut short), or null. */
  private volatile String cut;
  private final int in; // the header of the ring this side reads
  private final int out; // the header of the ring this side writes
  private long readPos; // this side's copy of in's READ: only this side moves it
  /**
   * {@link #readPos} for other threads ({@link #readSoFar}), written opaque after each read: a
   * sender looks at it once a message, and a look at the file's own word would have to settle
   * ({@link MappingFaults#settle}, 30-50 ns) each time, which made small messages 12-15% slower.
   */
  private long readShown;
  private long writePos; // this side's copy of out's WRITE
  private volatile boolean peerGone;
  private volatile boolean wakeRequested;
  // Readers parked on the socket, guarded by LINKS: a host connection's own thread between frames
  // (background), which a polling thread stands in for, and others (a user's call, or a reader in
  // the middle of a message), which must be woken.
  private int parkedInBackground;
  private int parkedWaiting;
  /**
   * Threads of this process reading this link in its reader's stead, guarded by LINKS (see {@link
   * #leading}); {@link #led} is its hint for the reader, which then neither spins nor asks for
   * wake-up bytes.
   */
  private int leading;
  private volatile boolean led;
  /** This process's host-side links, which its polling threads read; guards the wake-up words. */
  private static final Set<RingLink> LINKS = new HashSet<>();
  private static int pollers; // threads of this process polling the rings (see polling)
  /**
   * How long after a local receiver found its message on this link the link's background reader
   * waits for that receiver to poll again instead of asking for a wake-up byte (see {@link
   * #found}). A receiver in a stream polls again as soon as it has taken what it found, while each
   * wake-up would cost the writer a system call and this process a second thread at work: small
   * messages went 1.7× as fast with it. The price: while a stream's receiver is busy elsewhere,
   * what arrives on that one link waits for it, or for the end of this wait.
   */
  private static final long FOUND_GRACE_NANOS = 1_000_000;
  private volatile long lastFound = System.nanoTime() - (1L << 40); // see found
  private volatile Thread inGrace; // the background reader, while it waits after found
  private volatile Selector readable; // the reader's, opened on its first park
  private final ConversationSpin conversation = new ConversationSpin(); // a user's reader's spin
  private final ConversationSpin leaderSpin = new ConversationSpin(); // see awaitLed
  /**
   * How long a leading thread spins without yielding: a quick task's answer comes within it when
   * the worker has a core of its own; after it, the worker may be waiting for this thread's core
   * (a busy machine), which a yield hands it.
   */
  private static final long LEADER_PURE_SPIN_NANOS = 10_000;
  private final ByteBuffer wakeBytes = ByteBuffer.allocate(64);
  private final ByteBuffer wakeByte = ByteBuffer.allocate(1);

  private RingLink(SocketChannel socket, RingFile.Mapped mapped, Path file, boolean host) {
    this.socket = socket;
    this.map = mapped.map();
    this.opened = mapped.opened();
    this.named = mapped.file();
    this.file = host ? file : null;
    int first = 0;
    int second = HEADER_BYTES + RING_BYTES;
    this.out = host ? first : second;
    this.in = host ? second : first;
  }

  /**
   * Pays what a process's first rings cost it once (the view handle's method handles, each access
   * mode's first use, the selector's classes: 5-10 ms in a fresh JVM), on a thread that has time,
   * so that a child's, or a pool worker's, first connection does not wait for it.
   */
  static void prepare() throws IOException {
    ByteBuffer words = ByteBuffer.allocateDirect(HEADER_BYTES);
    LONG.setVolatile(words, WRITE, 1L);
    LONG.setRelease(words, READ, (long) LONG.getAcquire(words, WRITE));
    LONG.setVolatile(words, WAKE,
        (long) LONG.getVolatile(words, READ) + (long) LONG.getOpaque(words, WAKE));
    Selector.open().close();
    RingFile.prepareMapping(); // the mapping's own first use
  }

  /**
   * The host's side: creates the file in {@code directory}, writes it whole, and maps it. Written
   * first so that the file system gives it its pages now: a mapped file that a full file system
   * (a small tmpfs as {@code java.io.tmpdir}) cannot back raises SIGBUS at the first touch of a
   * page, which the JVM turns into an {@code InternalError} in whichever thread wrote a message,
   * on both sides. A full file system now fails here, and the connection falls back to the socket.
   */
  static RingLink create(SocketChannel socket, Path directory) throws IOException {
    Path file = Files.createTempFile(directory, "rings-", "");
    try {
      RingFile.fill(file);
      Consumer<Path> hook = onCreated;
      if (hook != null) {
        hook.accept(file);
      }
      RingLink link = new RingLink(socket, RingFile.map(file), file, true);
      synchronized (LINKS) {
        LINKS.add(link);
      }
      MappingFaults.register(link);
      return link;
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(file);
      throw e;
    }
  }

  /** The holder's side: maps the file the host named, then deletes it. */
  static RingLink open(SocketChannel socket, Path file) throws IOException {
    try {
      RingLink link = new RingLink(socket, RingFile.map(file), file, false);
      MappingFaults.register(link);
      return link;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /**
   * This link's {@link MappingFaults#faulted}: its own exception if its file was cut, else the
   * first's.
   */
  CorruptRing faultedHere(Throwable e) {
    if (checkCut()) { // known even once the link is closed: see close
      try {
        MappingFaults.faulted(e); // the other links' files too
      } catch (RuntimeException | Error unexplained) {
        // this link's file was cut, which explains it
      }
      return new CorruptRing(cut);
    }
    return MappingFaults.faulted(e);
  }

  /** Whether this link's file was cut short; notes it (once) and wakes its reader if so. */
  boolean checkCut() {
    if (cut != null) {
      return true;
    }
    long length;
    try {
      length = opened.length();
    } catch (IOException e) {
      return false; // closed: the link is over
    }
    if (length >= FILE_BYTES) {
      return false;
    }
    cut = RingFile.cutShort(named, length);
    MappingFaults.lastCut = cut;
    wakeReader();
    return true;
  }

  /** Why this link's mapping may no longer be touched, or null: see {@link #checkCut}. */
  String cut() {
    return cut;
  }

  /** Throws once the file was found cut short, before a touch of the mapping would fault. */
  private void checkIntact() throws CorruptRing {
    String why = cut;
    if (why != null) {
      throw new CorruptRing(why);
    }
  }

  /** The file the holder is to map; the host's side only. */
  Path file() {
    return file;
  }

  SocketChannel socket() {
    return socket;
  }

  // ---- reading

  /**
   * Whether the peer has read everything this side wrote (any thread; a hint). Settled ({@link
   * MappingFaults#settle}): a sender looks between its appends, under its outbox's lock, whose own
   * code the fault of an unsettled look could interrupt; a file found cut is taken as read.
   */
  boolean caughtUp() {
    if (cut != null) {
      return true; // nothing more will be read
    }
    try {
      boolean all =
          (long) LONG.getAcquire(map, out + READ) == (long) LONG.getAcquire(map, out + WRITE);
      MappingFaults.settle();
      return all;
    } catch (InternalError e) {
      faultedHere(e); // marked cut: the next write says so
      return true;
    }
  }

  /**
   * How many bytes this side has read of what the peer wrote, so far (any thread; a hint): a
   * sender that sees it move between two of its messages knows the peer spoke in between. This
   * side's own copy ({@link #readShown}), so it touches no page of the file; 0 once the file was
   * found cut.
   */
  long readSoFar() {
    return cut != null ? 0 : (long) READ_SHOWN.getOpaque(this);
  }

  /**
   * Whether the peer wrote bytes this side has not read, for a thread other than the reader
   * thread: a fault of the look is raised here ({@link MappingFaults#settle}), and a file found
   * cut is taken for bytes, whose read then says why.
   */
  boolean hasBytes() {
    try {
      boolean some = available() != 0;
      MappingFaults.settle();
      return some;
    } catch (InternalError e) {
      faultedHere(e);
      return true;
    }
  }

  /**
   * {@link #available}, for a thread that goes on to other code before it reads (a local
   * receiver or sender handling a holder's frames): a fault of the look is raised here ({@link
   * MappingFaults#settle}); 0 once the file was found cut, whose next read says why.
   */
  long unread() {
    try {
      long n = available();
      MappingFaults.settle();
      return n;
    } catch (InternalError e) {
      faultedHere(e);
      return 0;
    }
  }

  /** How many bytes the peer has written that this side has not read. */
  long available() {
    if (cut != null) {
      return 0; // a read throws why
    }
    return (long) LONG.getAcquire(map, in + WRITE) - readPos;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    checkIntact();
    try {
      int n = readIntact(dst);
      MappingFaults.settle(); // before anyone reads what the copy took: see settle
      return n;
    } catch (InternalError e) {
      throw faultedHere(e);
    }
  }

  private int readIntact(ByteBuffer dst) throws IOException {
    long available = available();
    if (available < 0 || available > RING_BYTES) {
      throw corrupt("write position is " + available + " bytes ahead of what was read");
    }
    if (available == 0) {
      if (peerGone) {
        // The peer wrote everything before it closed its socket: look once more.
        return available() == 0 ? -1 : readIntact(dst);
      }
      if (!socket.isOpen()) {
        throw new ClosedChannelException();
      }
      return 0;
    }
    int n = (int) Math.min(Math.min(available, dst.remaining()), READ_CHUNK_BYTES);
    int at = (int) (readPos & MASK);
    int first = Math.min(n, RING_BYTES - at);
    copyOut(in + HEADER_BYTES + at, dst, first);
    if (first < n) {
      copyOut(in + HEADER_BYTES, dst, n - first);
    }
    readPos += n;
    LONG.setRelease(map, in + READ, readPos);
    READ_SHOWN.setOpaque(this, readPos);
    return n;
  }

  private void copyOut(int index, ByteBuffer dst, int length) {
    int p = dst.position();
    if (dst.hasArray()) {
      map.get(index, dst.array(), dst.arrayOffset() + p, length);
    } else {
      dst.put(p, map, index, length);
    }
    dst.position(p + length);
  }

  /**
   * Waits until {@link #read} may return something (bytes or the end), or about {@code millis}; it
   * may return earlier. {@code background}: the reader of a host connection between frames, for
   * which a polling thread may stand in. A reader that waits for a user's call ({@code spin}) spins
   * first, for as long as its {@link ConversationSpin} says: a conversation's next message comes
   * within it, and a longer wait costs that once. Background readers park at once, without asking
   * for wake-ups while a local receiver found its message here a moment ago ({@link #found}).
   * Interruptible: returns with the interrupt set.
   */
  void awaitReadable(long millis, boolean spin, boolean background) throws IOException {
    if (cut != null) {
      return; // a read throws why
    }
    try {
      awaitReadableIntact(millis, spin, background);
      MappingFaults.settle();
    } catch (InternalError e) {
      throw faultedHere(e);
    }
  }

  private void awaitReadableIntact(long millis, boolean spin, boolean background)
      throws IOException {
    long start = System.nanoTime();
    long grace = lastFound + FOUND_GRACE_NANOS - start;
    if (background && grace > 0) {
      inGrace = Thread.currentThread();
      if (!wakeRequested) {
        LockSupport.parkNanos(Math.min(grace, millis * 1_000_000)); // wakeReader unparks it
      }
      inGrace = null;
      wakeRequested = false;
      return;
    }
    long budget = spin && !led ? conversation.budget() : 0;
    if (budget > 0) {
      Thread me = Thread.currentThread();
      long elapsed = 0;
      do {
        if (available() != 0 || peerGone) {
          conversation.answered(elapsed);
          return;
        }
        if (wakeRequested) {
          wakeRequested = false;
          return;
        }
        conversation.pause();
        elapsed = System.nanoTime() - start;
      } while (elapsed < budget && !me.isInterrupted() && !led);
    }
    long parkedAt = System.nanoTime();
    Selector selector = readable;
    if (selector == null) {
      readable = selector = Selector.open();
      socket.register(selector, SelectionKey.OP_READ);
    }
    parking(true, background);
    try {
      if (available() == 0 && !wakeRequested) { // a wake-up asked for from now on ends the select
        MappingFaults.settle(); // the looks above: not inside the selector's own locks (see settle)
        selector.select(millis);
        selector.selectedKeys().clear();
        drainSocket();
        checkCut(); // found while idle, before any thread touches a lost page
      }
    } catch (OutOfMemoryError e) {
      // A full heap (settle's array, the selector's): the wait ends, nothing read, and the count
      // of parked readers stays right, or the writer would ask for wake-ups for ever.
      parking(false, background);
      throw e;
    }
    wakeRequested = false;
    parking(false, background);
    if (spin) {
      if (available() != 0) {
        long now = System.nanoTime();
        conversation.answeredAfterPark(now - start, parkedAt - start, now - parkedAt);
      } else if (System.nanoTime() - start >= millis * 1_000_000) {
        conversation.unanswered();
      }
    }
  }

  /**
   * Waits for more of a message whose first bytes came, or about {@code millis}, as {@link
   * #awaitReadable} does but without parking on the socket: the writer is writing it now, and
   * another thread of this process (a host connection's own thread) may be parked on the socket
   * already, which would keep this one out of the selector until its wake-up came. Yields, then
   * sleeps in short steps (see {@link #BULK_YIELD_NANOS}), looking at the socket every
   * millisecond for the peer's end.
   */
  void awaitMore(long millis) throws IOException {
    try {
      awaitMoreIntact(millis);
      MappingFaults.settle();
    } catch (InternalError e) {
      throw faultedHere(e);
    }
  }

  private void awaitMoreIntact(long millis) throws IOException {
    long start = System.nanoTime();
    long lastLook = start;
    while (available() == 0 && !peerGone && cut == null) {
      long now = System.nanoTime();
      if (now - start > millis * 1_000_000 || Thread.currentThread().isInterrupted()) {
        return;
      }
      if (now - lastLook > 1_000_000) {
        lastLook = now;
        if (drainSocket() > 0 || peerGone) {
          wakeReader(); // the bytes taken may have been its wake-up
        }
      }
      if (now - start < BULK_YIELD_NANOS) {
        Thread.yield();
      } else {
        LockSupport.parkNanos(20_000);
      }
    }
  }

  /**
   * A reader parks, or is back: the writer is asked for wake-up bytes while a reader is parked
   * and no thread of this process polls the rings ({@link #polling}), which would see the bytes
   * first and for whom the reader's wake-up would only take a core.
   */
  private void parking(boolean parks, boolean background) {
    synchronized (LINKS) {
      if (background) {
        parkedInBackground += parks ? 1 : -1;
      } else {
        parkedWaiting += parks ? 1 : -1;
      }
      askForWakeUps();
    }
  }

  /** Under LINKS. */
  private void askForWakeUps() {
    if (cut != null) {
      return;
    }
    boolean wanted = parkedWaiting > 0 && leading == 0
        || parkedInBackground > 0 && (pollers == 0 || file == null);
    LONG.setVolatile(map, in + WAKE, wanted ? 1L : 0L);
  }

  /**
   * A local receiver polling the rings ({@link #polling}) found what it waited for on this link,
   * host side: it is likely to poll again soon, so for {@link #FOUND_GRACE_NANOS} the link's
   * background reader waits without asking the writer for wake-ups.
   */
  void found() {
    lastFound = System.nanoTime();
  }

  /**
   * Another thread of this process starts ({@code true}) or stops reading this link in its
   * reader's stead, for an answer it waits for: while it does, the reader parks without spinning
   * and without asking the writer for wake-up bytes, so that an answer wakes no thread and only
   * two threads spin, the writer's and the one waiting (see {@link #awaitLed}). After stopping,
   * the thread must look at the ring once more: bytes written before the reader asked again for
   * wake-ups woke nobody ({@link #available}, then {@link #wakeReader}).
   */
  void leading(boolean starts) {
    try {
      synchronized (LINKS) {
        leading += starts ? 1 : -1;
        led = leading > 0;
        askForWakeUps();
      }
      MappingFaults.settle();
    } catch (InternalError e) {
      faultedHere(e); // marked cut: the leader's next read says so
    }
  }

  /**
   * A leading thread's wait (see {@link #leading}): spins as a conversation's reader does, but
   * never parks; true once bytes came, false when the spin ran out or the thread was interrupted.
   */
  boolean awaitLed() {
    try {
      boolean came = awaitLedIntact();
      MappingFaults.settle();
      return came;
    } catch (InternalError e) {
      faultedHere(e); // marked cut: the leader's next read says so
      return true;
    }
  }

  private boolean awaitLedIntact() {
    long start = System.nanoTime();
    long budget = leaderSpin.budget();
    Thread me = Thread.currentThread();
    long elapsed = 0;
    while (true) {
      if (available() != 0 || cut != null) {
        leaderSpin.answered(elapsed);
        return true;
      }
      if (elapsed >= budget || me.isInterrupted()) {
        leaderSpin.unanswered();
        return false;
      }
      if (elapsed < LEADER_PURE_SPIN_NANOS) {
        leaderSpin.pause();
      } else {
        Thread.yield(); // the worker may need this core: see LEADER_PURE_SPIN_NANOS
      }
      elapsed = System.nanoTime() - start;
    }
  }

  /**
   * A thread of this process starts polling the rings of its host connections ({@code true}: no
   * wake-up bytes are needed while it does) or stops; after stopping it must look at the rings
   * once more, since bytes written before a parked reader asked again for wake-ups woke nobody.
   */
  static void polling(boolean starts) {
    try {
      synchronized (LINKS) {
        pollers += starts ? 1 : -1;
        if (pollers == (starts ? 1 : 0)) {
          for (RingLink link : LINKS) {
            link.askForWakeUps();
          }
        }
      }
      MappingFaults.settle(); // a host's receiver asks this, then locks its channel: see settle
    } catch (InternalError e) {
      MappingFaults.faulted(e); // marked cut: their connections' next reads say so
    }
  }

  /** Makes the reader's current or next park return at once. */
  void wakeReader() {
    wakeRequested = true;
    Thread waiting = inGrace;
    if (waiting != null) {
      LockSupport.unpark(waiting);
    }
    Selector selector = readable;
    if (selector != null) {
      selector.wakeup();
    }
  }

  /** Reads the wake-up bytes the socket holds; notes the end of the stream. */
  private synchronized int drainSocket() {
    int drained = 0;
    MappingFaults.settle(); // the caller's touches: not inside the socket's own lock (see settle)
    try {
      int n;
      do {
        wakeBytes.clear();
        n = socket.read(wakeBytes);
        if (n < 0) {
          peerGone = true;
        } else {
          drained += n;
        }
      } while (n > 0);
    } catch (IOException e) {
      peerGone = true; // reset by the peer: it is gone
    }
    return drained;
  }

  // ---- writing

  @Override
  public int write(ByteBuffer src) throws IOException {
    checkOpen();
    try {
      int n = (int) published(copyIn(src, 0, free())); // no array per call: a frame per message
      MappingFaults.settle();
      return n;
    } catch (InternalError e) {
      throw faultedHere(e);
    }
  }

  @Override
  public long write(ByteBuffer[] srcs) throws IOException {
    return write(srcs, 0, srcs.length);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    checkOpen();
    try {
      long free = free();
      long written = 0;
      for (int i = offset; i < offset + length && written < free; i++) {
        written += copyIn(srcs[i], written, free - written);
      }
      long n = published(written);
      MappingFaults.settle();
      return n;
    } catch (InternalError e) {
      throw faultedHere(e);
    }
  }

  private void checkOpen() throws IOException {
    checkIntact();
    if (peerGone || !socket.isOpen()) {
      throw new ClosedChannelException();
    }
  }

  /**
   * The room left in the ring this side writes. The peer moves its read position: one outside
   * what was written and the ring's size is corrupt, and would have this side copy a negative
   * length (an {@code IndexOutOfBoundsException} in a host's sender) or over unread bytes.
   */
  private long free() throws IOException {
    checkIntact();
    long free = RING_BYTES - (writePos - (long) LONG.getAcquire(map, out + READ));
    if (free < 0 || free > RING_BYTES) {
      throw corrupt("read position is " + (RING_BYTES - free) + " bytes behind what was written");
    }
    return free;
  }

  /**
   * The peer broke the rings' rules: the connection ends, as on a malformed frame. Settles first:
   * a position read from a lost page (a file cut short) is whatever the skipped touch left, most
   * often out of range, and the fault of that touch is what is wrong; unsettled, it stayed pending
   * past this throw and came out of a host's receiver later, in its wake-up of the connection's
   * thread (one round of CutRingsWhileHostingTest, in a CI run on JDK 17). No test can choose
   * what the skipped touch leaves, so none forces this path.
   */
  private static CorruptRing corrupt(String what) {
    MappingFaults.settle();
    return new CorruptRing("the shared-memory ring is corrupt: the peer's " + what + ", outside 0.."
        + RING_BYTES + " (it was not written by Ferry)");
  }

  /** A position in the shared header that no Ferry peer writes. */
  static final class CorruptRing extends IOException {
    private static final long serialVersionUID = 1L;

    CorruptRing(String message) {
      super(message);
    }
  }

  /** Copies up to {@code room} bytes of {@code src} in after {@code ahead} unpublished ones. */
  private int copyIn(ByteBuffer src, long ahead, long room) {
    int n = (int) Math.min(room, src.remaining());
    if (n == 0) {
      return 0;
    }
    int at = (int) ((writePos + ahead) & MASK);
    int first = Math.min(n, RING_BYTES - at);
    map.put(out + HEADER_BYTES + at, src, src.position(), first);
    if (first < n) {
      map.put(out + HEADER_BYTES, src, src.position() + first, n - first);
    }
    src.position(src.position() + n);
    return n;
  }

  /**
   * Publishes {@code written} copied bytes and wakes a parked reader that asked for it. The word
   * is cleared with a plain volatile write, not a compare-and-set: HotSpot guards a plain access
   * of a mapped page that faults (a file cut short) and raises it as an {@code InternalError}, but
   * not a compare-and-set run outside compiled code, whose SIGBUS killed the JVM (an hs_err file,
   * exit code 134; 2 in 300 children streaming while their file was cut). Clearing a word the
   * reader set again meanwhile costs at most one wake-up byte more: the byte is written anyway,
   * and the reader asks again each time it parks.
   */
  private long published(long written) throws IOException {
    if (written > 0) {
      writePos += written;
      LONG.setVolatile(map, out + WRITE, writePos);
      if ((long) LONG.getVolatile(map, out + WAKE) != 0) {
        LONG.setVolatile(map, out + WAKE, 0L);
        wakeByte.clear();
        MappingFaults.settle(); // the touches above: not inside the socket's own lock (see settle)
        socket.write(wakeByte); // if the socket is full, the reader has wake-ups to read already
      }
    }
    return written;
  }

  /**
   * Waits until the ring this side writes has room, or about {@code millis}; fails once the peer is
   * gone. Polls: yields while a reader that is there frees room every {@link #READ_CHUNK_BYTES}
   * (see {@link #BULK_YIELD_NANOS}), then sleeps, in growing steps, and looks at the socket every
   * millisecond or so for the peer's end (waking the reader, whose wake-up bytes it may take).
   */
  void awaitWritable(long millis) throws IOException {
    try {
      awaitWritableIntact(millis);
      MappingFaults.settle();
    } catch (InternalError e) {
      throw faultedHere(e);
    }
  }

  private void awaitWritableIntact(long millis) throws IOException {
    long start = System.nanoTime();
    long deadline = start + millis * 1_000_000;
    long sleep = 20_000;
    long lastLook = start;
    while (free() == 0) {
      long now = System.nanoTime();
      if (peerGone || !socket.isOpen()) {
        throw new ClosedChannelException();
      }
      if (now - deadline >= 0) {
        return;
      }
      if (now - lastLook > 1_000_000) {
        lastLook = now;
        if (drainSocket() > 0 || peerGone) {
          wakeReader(); // the bytes taken may have been its wake-up
        }
      }
      if (now - start < BULK_YIELD_NANOS) {
        Thread.yield();
        continue;
      }
      LockSupport.parkNanos(sleep);
      sleep = Math.min(sleep * 2, 1_000_000); // a reader that stopped: look less and less often
    }
  }

  // ---- the whole link

  @Override
  public boolean isOpen() {
    return socket.isOpen();
  }

  /** Lets go of the reader's selector and deletes the file if it is still there; the socket stays. */
  @Override
  public void close() throws IOException {
    MappingFaults.unregister(this);
    checkCut(); // noted for a fault the JVM raises after this, in a thread that touched the file
    opened.close();
    Selector selector = readable;
    if (selector != null) {
      selector.close();
    }
    if (file != null) {
      synchronized (LINKS) {
        LINKS.remove(this);
      }
      Files.deleteIfExists(file);
    }
  }
}
