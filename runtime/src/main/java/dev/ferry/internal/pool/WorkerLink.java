package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.TransferException;
import dev.ferry.internal.transport.FrameReader;
import dev.ferry.internal.transport.HeapReserve;
import dev.ferry.internal.transport.RingStream;
import dev.ferry.internal.transport.SocketSlices;
import dev.ferry.internal.process.ChildProcess;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The pool's side of one worker: its JVM, its connection, and the jobs it has been sent and not
 * answered yet, in the order sent (which is the order it answers them).
 *
 * <p>Writes happen on the thread that submits (or on the pool's dispatcher), under {@link
 * #writeLock}, to the rings or a non-blocking socket, so that an interrupt cannot close the
 * connection, and they never wait: what the link does not take at once (a large task to a worker
 * that reads slowly, or is stopped) is left, with every frame after it, to a writer thread of this
 * worker's, started then and ending once it has caught up. A caller of {@code submit} so never
 * waits for one worker's link (it used to wait for ever on a stopped worker, and the dispatcher
 * with it, so tasks for the other workers waited too). One reader thread per worker takes the
 * answers; it never writes and never waits for {@link #writeLock}, so a worker's answers are
 * always taken and the worker always comes back to read. Through the rings, a thread waiting for
 * the task the worker answers next may take the answers in its stead for a moment ({@link #lead});
 * whoever reads holds {@link #reading}.
 */
final class WorkerLink {
  final Pool pool;
  final long id;
  final String name;
  final Process process;
  volatile ChildProcess child;

  /**
   * A monitor, not a {@code ReentrantLock}: the threads that write (a caller of {@code submit}, the
   * dispatcher, the writer thread) may carry the fault of a touch of a cut rings file, which the
   * JVM raises a little after the touch, in whatever code runs by then. Raised inside {@code
   * ReentrantLock.lock()} once it had the lock, it left the lock held by a thread that had gone,
   * and every later write to the worker, and {@code close()}, waited for it (1 of 20 runs of
   * CutRingsWhileWaitingTest); the JVM takes a monitor and lets it go with no such gap.
   */
  final Object writeLock = new Object();
  private ByteOutput frame = new ByteOutput(1024); // guarded by writeLock
  private final Values.UserTypes sentTypes = new Values.UserTypes(); // guarded by writeLock
  private final BitSet sentMethods = new BitSet(); // guarded by writeLock
  private boolean askedForStarts; // guarded by writeLock
  private boolean stopAsked; // guarded by writeLock
  /**
   * Frames, or the rest of one, the socket did not take when written, oldest first; the writer
   * thread writes them and takes each off once written. Guarded by writeLock. Bounded by the
   * worker's room: every frame here holds jobs on its in-flight list.
   */
  private final ArrayDeque<ByteBuffer> backlog = new ArrayDeque<>();
  private boolean flushing; // a writer thread runs; guarded by writeLock
  private final Values.UserTypes peerTypes = new Values.UserTypes(); // the reader's
  private SocketChannel socket;
  /**
   * Where frames go and come from: shared-memory rings beside the socket, so that a task and its
   * answer each cross without a system call or a thread woken through the kernel while the two
   * sides converse ({@code submit(...).join()} in a loop took 50 µs over the socket alone); or
   * null, and the socket carries them (no rings to be had, or {@code -Dferry.transport=socket}).
   */
  private RingStream rings;
  private WritableByteChannel out; // rings or socket; guarded by writeLock
  private Selector writable;
  private ReadableByteChannel reads; // the reader's; its selector holds the socket open until closed
  /**
   * Who reads the rings: the reader thread, or a thread waiting for its task's answer in its stead
   * ({@link #lead}); null while nobody does. The fields below are guarded by it. A word taken with
   * a compare-and-set and let go of with a write ({@link #takeReading}, {@link #letGo}), not a
   * {@code ReentrantLock}: its holder touches the rings, and a touch of a cut rings file raises
   * its fault a little later, in whatever code runs by then; raised inside the lock's own code, it
   * left the lock held, or the reader thread's wake-up lost, for good. Whoever catches the fault
   * lets go of the word if it holds it, which a word, unlike such a lock, always tells.
   */
  private final AtomicReference<Thread> reading = new AtomicReference<>();
  /** A thread waiting in {@link #takeReading}, to wake when the reading is let go of. */
  private volatile Thread waitingToRead;
  private volatile FrameReader ringFrames; // the rings' reader, once the reader thread made it
  private ByteInput unfinished; // the rest of a frame a leader left after its answer
  private CallJob led; // the task whose answer a leader read, to complete after letting go
  private Throwable leaderFailure; // what a leader met reading, for the reader thread to end with
  private boolean over; // the reader thread has ended
  /** How long a thread about to wait for its answer waits to read in the reader thread's stead. */
  private static final long LEADER_WAIT_NANOS = 20_000;

  // Guarded by the pool's lock.
  final ArrayDeque<Job> inflight = new ArrayDeque<>();
  /**
   * The job whose answer is being read and delivered: set as it leaves {@link #inflight} (under
   * the pool's lock), cleared once delivered. A fault of a cut rings file, which the JVM raises a
   * little after the touch (in the decoding, say), may end the reading in between, and the job
   * was on neither side: it never completed, and its caller and {@code close()} waited for ever.
   * The connection's end fails it now, as it fails the job running.
   */
  final AtomicReference<Job> answering = new AtomicReference<>();
  int reserved; // jobs picked for this worker and not yet appended to inflight
  long assigned; // tasks ever sent, for maxTasksPerWorker
  boolean launched;
  boolean connected;
  boolean ready;
  boolean retiring;
  boolean stopping;
  boolean quitting; // said it exits having started nothing more
  boolean dead;
  /** It was one of the pool's workers as it ended (see WorkerEnds.gone, which may run again). */
  boolean wasActive;
  /** Its end has been followed up: a replacement started, or not (Workforce.replaceGone). */
  boolean replaced;
  boolean spare;
  /** Killed for not connecting within the task timeout and its grace (an initializer hung). */
  boolean notConnectedInTime;
  /** Why the pool could not take this worker's connection (it killed it), or null. */
  Throwable connectFailure;
  /**
   * Why the pool dropped this worker's connection and killed it, which its running task's failure
   * names: its rings broke ({@link RingStream#isBroken}), or the reader could not take what the
   * worker sent; or null.
   */
  volatile Throwable dropped;
  /** The reader saw the connection end and hands the worker's end to WorkerEnds. */
  volatile boolean ending;
  /**
   * Its connection ended and its process had not exited a while later: its JVM hangs as it exits
   * (see WorkerEnds.connectionLost). Guarded by the pool's lock.
   */
  boolean exitHangs;
  /** The job whose {@code cancel(true)} or timeout killed this worker, or null. */
  Job killedFor;
  /**
   * Jobs whose write to this worker ran out of heap, for which the pool killed it (see {@code
   * Dispatcher.write}): no whole frame of them reached it, so none ran, and they run again on
   * another worker rather than fail as the running task of a worker that died. Or null.
   */
  volatile List<Job> unwritten;

  /** For tests: run as a worker that sent a right hello begins to be connected. */
  static volatile Runnable onConnecting;

  WorkerLink(Pool pool, long id, String name, Process process) {
    this.pool = pool;
    this.id = id;
    this.name = name;
    this.process = process;
  }

  /**
   * Takes over the connection the worker made, answers its hello with the link the frames take,
   * and starts reading its answers. A {@link #stop} that came meanwhile (the pool closes as this
   * worker connects) stops it here: it found no socket and took the worker for one still booting,
   * closing its stdin, which a worker past its boot ignores, so it was killed 10 s later.
   */
  void connect(SocketChannel socket) throws IOException {
    Runnable hook = onConnecting;
    if (hook != null) {
      hook.run();
    }
    socket.configureBlocking(false);
    Selector selector = Selector.open();
    socket.register(selector, SelectionKey.OP_WRITE);
    synchronized (writeLock) {
      RingStream offered = null;
      if (RingStream.ENABLED) {
        try {
          offered = RingStream.offer(socket);
        } catch (IOException | RuntimeException e) {
          // no shared memory (a full or odd file system): the frames go through the socket
        }
      }
      try {
        PoolWire.writeFully(socket, PoolWire.linkAnswer(offered), selector);
      } catch (IOException | RuntimeException e) {
        selector.close();
        if (offered != null) {
          offered.close();
        }
        throw e;
      }
      this.socket = socket;
      this.rings = offered;
      this.out = offered != null ? offered : socket;
      this.writable = selector;
      if (stopAsked) {
        socket.shutdownOutput();
      }
    }
    Thread reader = new ReaderThread(pool, this::readAnswers, "ferry-" + name);
    reader.start();
  }

  /** Writes jobs already appended to {@link #inflight}, in that order; under {@link #writeLock}. */
  void write(List<Job> jobs) throws IOException {
    PoolWire.begin(frame);
    if (pool.timeouts.timesTasks() && !askedForStarts) {
      askedForStarts = true;
      frame.writeVarInt(PoolWire.TIME_TASKS);
    }
    for (Job job : jobs) {
      if (frame.size() > 4 && frame.size() + job.body.length + 64 > PoolWire.MAX_FRAME_BYTES) {
        emit();
        PoolWire.begin(frame);
      }
      MethodRef method = job.method;
      if (!sentMethods.get(method.id)) {
        sentMethods.set(method.id);
        frame.writeVarInt(PoolWire.METHOD);
        frame.writeVarInt(method.id);
        frame.writeString(method.className);
        frame.writeString(method.methodName);
        frame.writeString(method.descriptor);
      }
      sentTypes.announce(frame, job.types);
      frame.writeVarInt(job.kind);
      frame.writeVarInt(method.id);
      frame.writeVarInt(job.body.length);
      frame.writeBytes(job.body, 0, job.body.length);
    }
    try {
      emit();
    } finally {
      if (frame.array().length > 4 << 20) {
        frame = new ByteOutput(1024); // a big frame's buffer is not worth keeping
      }
    }
  }

  /**
   * Writes the frame in {@link #frame} as far as the socket takes it now, without waiting; the
   * rest, and the whole frame if earlier ones wait, goes to {@link #backlog} for the writer
   * thread, taking the frame's buffer with it. Under {@link #writeLock}.
   */
  private void emit() throws IOException {
    ByteBuffer buffer = PoolWire.seal(frame);
    if (backlog.isEmpty()) {
      // In slices: a heap buffer written whole goes through a direct one of its size, which a
      // capped -XX:MaxDirectMemorySize refused (the dispatcher died, and map() waited for ever).
      while (buffer.hasRemaining() && SocketSlices.write(out, buffer) > 0) {
        // the socket took some: offer it the rest
      }
      if (!buffer.hasRemaining()) {
        return; // the usual case: the whole frame fit in the socket's buffer
      }
    }
    backlog.add(buffer);
    frame = new ByteOutput(1024);
    if (flushing) {
      return;
    }
    flushing = true;
    Thread writer = new Thread(this::flush, "ferry-" + name + "-write");
    writer.setDaemon(true);
    try {
      writer.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      // No thread to spare: write here, waiting, as before there was a writer thread.
      flushing = false;
      while (!backlog.isEmpty()) {
        PoolWire.writeFully(out, backlog.peek(), writable);
        backlog.poll();
      }
    }
  }

  /**
   * The writer thread: writes the backlog, waiting while the socket is full, and ends once it is
   * empty. A broken connection ends it too, and the worker is killed, as a failed write on the
   * caller's thread does: the reader sees the connection end and deals with the jobs.
   */
  private void flush() {
    try {
      while (true) {
        ByteBuffer next;
        synchronized (writeLock) {
          next = backlog.peek();
          if (next == null) {
            flushing = false;
            return;
          }
        }
        PoolWire.writeFully(out, next, writable); // alone on the link: callers only append
        synchronized (writeLock) {
          backlog.poll();
        }
      }
    } catch (IOException | RuntimeException | InternalError e) {
      // An InternalError: the fault of a touch of a cut rings file, which the JVM raises a little
      // after the touch, past the write's own catch; it ended this thread with 'flushing' set, and
      // nothing was written to the worker again. Anything else is rethrown.
      Exception failure = e instanceof InternalError fault ? RingStream.faultedAnywhere(fault)
          : (Exception) e;
      synchronized (writeLock) {
        backlog.clear();
        flushing = false;
      }
      writeFailed(failure);
    }
  }

  /**
   * A write to the worker failed: the connection is gone, so the worker is killed, and the reader
   * sees the connection end and deals with the jobs. When the rings broke (corrupt positions, a
   * file cut short), the reason is kept for the running task's failure, which otherwise said only
   * that the worker {@code was killed by signal 9}, as if something outside had killed it.
   *
   * <p>Not at once when the worker's stream ended (a closed channel, a broken pipe): a worker ends
   * it as its JVM begins to exit, and the reader sees that end too and hands it to WorkerEnds,
   * which waits for the process's own exit code and failure report before it kills it. Killed
   * here, a worker on its way to exit with 1, saying why (its task's arguments too large for its
   * heap), ended with 137. A reader that has not begun to end {@link #UNSEEN_END_MILLIS} later
   * will not: the worker is killed then, as before.
   */
  void writeFailed(Throwable e) {
    if (RingStream.isBroken(e)) {
      dropped = e;
    } else if (ending) {
      return; // the reader ended the connection, which is what failed the write
    } else if (e instanceof IOException) {
      Pool.timer().schedule(() -> {
        if (!ending) {
          process.destroyForcibly();
        }
      }, UNSEEN_END_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    process.destroyForcibly();
  }

  /** How long after a failed write the reader may take to see the connection's end: 5 s. */
  private static final long UNSEEN_END_MILLIS = 5_000;

  /**
   * Ends a connection that stayed open {@code graceMillis} after the worker's process exited, so
   * held by another process, and names that in the running task's failure. Shuts down only this
   * side's input: whatever is still in the socket or the rings is read before the end, as at any
   * worker's end, so an answer the worker wrote before it exited is not lost.
   */
  void endOrphaned(long graceMillis) {
    SocketChannel s;
    synchronized (writeLock) {
      s = socket;
    }
    dropped = new IOException("its connection was still open " + graceMillis + " ms after its"
        + " process exited, so another process held it: one of the same user that connected with"
        + " the pool's token and this worker's id before the worker did, which the pool then"
        + " refused");
    try {
      if (s != null) {
        s.shutdownInput();
      }
    } catch (IOException e) {
      // closed already: the reader has seen the end
    }
  }

  /** Lets the worker go: it finishes what it was sent, sees the end of input and exits. */
  void stop() {
    SocketChannel s;
    synchronized (writeLock) {
      s = socket;
      stopAsked = true; // for a connect under way: see connect
    }
    try {
      if (s != null) {
        s.shutdownOutput();
      } else {
        process.getOutputStream().close(); // booted, never told what to run: it halts
      }
    } catch (IOException e) {
      process.destroyForcibly();
    }
  }

  /** Links this class's error paths while the heap has room (see {@link HeapReserve#pause}). */
  static void prime() {
    HeapReserve.release(); // before the reserve is taken (Pool.start)
    HeapReserve.awaitRoom(0);
  }

  private void readAnswers() {
    Throwable cause = null;
    try {
      if (rings != null) {
        readRings();
      } else {
        reads = PoolWire.blockingReads(socket);
        FrameReader frames = new FrameReader(reads);
        ByteInput in;
        while ((in = frames.nextInput()) != null) {
          handle(frames, in, false);
        }
      }
    } catch (IOException | RuntimeException e) {
      cause = e;
    } catch (Error e) {
      cause = endingWith(e);
    }
    end(cause);
  }

  /**
   * What the connection ends with, for an error that ended the reading: ends the connection as any
   * other failure, since a reader that died of it left its worker's tasks, and a close() that
   * waits for them, waiting for ever. A fault of the rings' file cut short, which the JVM raises a
   * little after the touch, says so. Out of heap, the reserve goes first, so that ending the
   * connection has room (see HeapReserve); out of heap again here, it pauses and goes on.
   */
  private Throwable endingWith(Error e) {
    if (e instanceof OutOfMemoryError full) {
      HeapReserve.release();
      if (answering.get() instanceof ChunkJob chunk) {
        // Reading a map's answer: that map's results do not fit, and it lets go of them once
        // it sees this, which gives ending the connection room (see awaitRoom).
        while (true) {
          try {
            chunk.ranOutOfHeap(full); // again, if it ran out: delivered at most once
            break;
          } catch (OutOfMemoryError again) {
            outOfHeapAgain();
          }
        }
      }
      HeapReserve.awaitRoom(MapRun.HELD_RESULTS_WAIT_NANOS);
    }
    Throwable cause = e;
    RingStream link = rings;
    if (link != null) {
      try {
        cause = link.faulted(e);
      } catch (Error | RuntimeException other) {
        cause = other; // not the rings': e as it is
      }
    }
    return cause;
  }

  /**
   * Ends the connection and hands the worker's end to the pool, which fails or requeues its tasks.
   * Out of heap on the way (closing a channel, a lock's queue, waiting for the process, the
   * failures the pool builds: a map's results filling the heap), each step pauses, allocating
   * nothing, and is taken again, as the channel's reader does (RemoteReader.readUntilChange):
   * it used to throw out of the thread, which died, and the map, or close(), waited for ever
   * (about 1 run in 30 on JDK 25, PoolHeapTest). WorkerEnds.gone is made to be taken again.
   */
  private void end(Throwable cause) {
    takeReading();
    try {
      over = true; // no thread leads any more (see lead)
    } finally {
      letGo();
    }
    ending = true; // before the channels close under a write (see writeFailed)
    closeQuietly(rings);
    closeQuietly(socket);
    closeQuietly(writable);
    closeQuietly(reads);
    while (true) {
      try {
        pool.ends.connectionLost(this, cause);
        return;
      } catch (OutOfMemoryError e) {
        outOfHeapAgain();
      }
    }
  }

  /** A step of a reader's end ran out of heap: the reserve goes, and it pauses before again. */
  private static void outOfHeapAgain() {
    HeapReserve.release();
    HeapReserve.pause(HeapReserve.PAUSE_NANOS);
  }

  /**
   * The reader thread over the rings: handles every whole frame that came, then waits; a thread
   * waiting for a task's answer may do the same meanwhile ({@link #lead}).
   */
  private void readRings() throws IOException {
    FrameReader frames = rings.frames();
    ringFrames = frames;
    while (true) {
      takeReading();
      try {
        Throwable failed = leaderFailure;
        if (failed != null) {
          throw rethrown(failed);
        }
        if (!handleArrived(frames, false)) {
          return; // the end of the worker's stream
        }
      } finally {
        letGo();
      }
      try {
        rings.awaitReadable();
      } catch (OutOfMemoryError e) {
        // Waiting between frames, nothing read (settle's array, the selector's, in a heap a
        // map's results filled): the reader pauses, allocating nothing, and looks again. It
        // used to end the connection, and kill the worker, whose next task (a map's after it
        // failed so) failed with it.
        outOfHeapAgain();
      }
    }
  }

  /**
   * Handles what arrived: the rest of a frame a leader left, then each whole frame, without
   * waiting; false at the end of the stream. A {@code leader} stops after the first answer it
   * delivers ({@link #led}), leaving the rest. Holding {@link #reading}.
   */
  private boolean handleArrived(FrameReader frames, boolean leader) throws IOException {
    ByteInput rest = unfinished;
    if (rest != null) {
      unfinished = null;
      if (handle(frames, rest, leader) && leader) {
        return true;
      }
    }
    ByteInput in;
    while ((in = frames.pollInput()) != FrameReader.NOTHING) {
      if (in == null) {
        return false;
      }
      if (handle(frames, in, leader) && leader) {
        return true;
      }
    }
    return true;
  }

  /**
   * Handles the records of one frame from {@code in} on. A {@code leader} does not complete the
   * future of a task it reads the answer of: it notes the task in {@link #led}, leaves the rest of
   * the frame in {@link #unfinished} and returns true, and completes it once it has let go of
   * {@link #reading}, so that no callback runs while it holds the reading.
   */
  private boolean handle(FrameReader frames, ByteInput in, boolean leader) {
    while (in.remaining() > 0) {
      int kind = in.readVarInt();
      if (kind == PoolWire.TYPE) {
        peerTypes.define(in);
        continue;
      }
      if (kind == PoolWire.QUITTING) {
        pool.workforce.quitting(this);
        continue;
      }
      if (kind == PoolWire.STARTED) {
        if (!pool.timeouts.timesTasks()) {
          // Never asked for: timed with no timeout, the running task timed out at once, its honest
          // worker was killed, and the task failed with a TimeoutException of PT0S.
          throw new TransferException("a notice that a task started, which a pool without a task"
              + " timeout never asks for: the worker's stream is corrupt or was not written by Ferry");
        }
        pool.timeouts.taskStarted(this);
        continue;
      }
      if (kind != PoolWire.VALUE && kind != PoolWire.FAILED && kind != PoolWire.CHUNK_DONE
          && kind != PoolWire.CHUNK_PART) {
        throw new TransferException("unknown answer kind " + kind);
      }
      long nanos = in.readVarLong();
      ByteInput body = frames.take(in, in.readVarInt());
      if (kind == PoolWire.CHUNK_PART) {
        if (!(pool.answering(this) instanceof ChunkJob chunk)) {
          throw new TransferException("a part of an answer for a task that is not a chunk");
        }
        chunk.part(body, peerTypes);
        in = frames.rest();
        continue;
      }
      Job job = pool.dispatcher.answered(this, nanos);
      if (job == null) {
        throw new TransferException("an answer for a task that was never sent");
      }
      in = frames.rest();
      if (leader && job instanceof CallJob call) {
        call.read(kind, body, peerTypes);
        led = call;
        if (in.remaining() > 0) {
          unfinished = in;
        }
        return true;
      }
      job.answered(kind, nanos, body, peerTypes);
      answering.compareAndSet(job, null);
    }
    return false;
  }

  /**
   * Waits for {@code job}'s answer on the calling thread, which reads it from the rings itself
   * while the reader thread stays parked: a {@code submit(...).join()} then wakes no thread but
   * the worker's, and only the worker and the caller spin (through the reader thread, the answer
   * woke it and it woke the caller: 23-37 µs a task where the worker answers in 1). Only while the
   * job is the next its worker answers, no other thread reads, and for as long as a
   * conversation's spin lasts; then, or if it cannot lead, it returns and the caller waits for the
   * reader thread as before. Never on a pool's own thread (nor on this one's, which may hold the
   * reading already: a callback it runs).
   */
  void lead(CallJob job) {
    FrameReader frames = ringFrames; // volatile: read first, it makes rings visible too
    RingStream link = rings;
    Thread me = Thread.currentThread();
    if (frames == null || link == null
        || me instanceof ReaderThread reader && reader.pool == pool) {
      return;
    }
    letGo(); // if this thread has it: a second fault came out of letGoAfter as it took it back
    CallJob answered = null;
    try {
      long since = 0;
      while (!reading.compareAndSet(null, me)) {
        // The reader thread handles what came, most likely this answer, in a few microseconds.
        long now = System.nanoTime();
        if (since == 0) {
          since = now;
        } else if (now - since > LEADER_WAIT_NANOS || job.future.isDone()) {
          return;
        }
        Thread.onSpinWait();
      }
      boolean leading = false;
      try {
        if (over || leaderFailure != null || job.future.isDone()) {
          return;
        }
        link.lead(true);
        leading = true;
        // Until the answer is read; or the worker's stream ends, or the spin runs out: then the
        // reader thread takes over.
        while (handleArrived(frames, true) && led == null && link.awaitLed()) {
          // what came is handled at the top of the loop
        }
      } catch (IOException | RuntimeException | Error e) {
        leaderFailure = e; // the reader thread ends the connection for it
      } finally {
        if (leading) {
          try {
            link.lead(false);
          } catch (RuntimeException | Error e) {
            if (leaderFailure == null) {
              leaderFailure = e; // a fault of a cut file, met writing the wake-up word
            }
          }
        }
        answered = led;
        led = null;
        // What came after the answer wakes no one: the rest of its frame, and frames (or part of
        // one) that the reads took from the ring with it, which no byte to come would wake for.
        boolean more = unfinished != null || leaderFailure != null || frames.holdsBytes()
            || link.hasBytes();
        letGo();
        if (more) {
          link.wakeReader();
        }
      }
      if (answered != null) {
        answered.deliver();
        answering.compareAndSet(answered, null);
      }
    } catch (Error late) {
      letGoAfter(late, answered);
    }
  }

  /**
   * An error that left {@link #lead} past its catches: a fault of the rings' file cut short,
   * which the JVM raises a little after the touch, at a later safepoint poll (in the finally
   * block, the letting go, the wake-up, the delivery; or, for a touch made before, as it took the
   * reading). It left the reading held, and the reader thread
   * waiting for it for ever, or the answer read not delivered, and its task waiting for ever, and
   * it reached the caller of {@code join}. Lets go of the reading, hands the error to the reader
   * thread, which ends the connection with it as with a failure met while leading, and delivers
   * the answer (again, perhaps: {@link CallJob#deliver} then does nothing). A fault that came
   * while this thread did not read (the touch was of another worker's file, cut, as this thread
   * wrote it a task) ends only the connections whose file was cut.
   */
  private void letGoAfter(Error late, CallJob answered) {
    boolean ours = reading.get() == Thread.currentThread() || !RingStream.isMappingFault(late)
        || rings.cutShort();
    if (!ours) {
      try {
        RingStream.faultedAnywhere(late); // marks the files cut, and wakes their reader threads
      } catch (RuntimeException | Error unexplained) {
        ours = true; // no file was cut: as any other error
      }
    }
    takeReading();
    CallJob read = answered;
    try {
      if (ours && leaderFailure == null) {
        leaderFailure = late;
      }
      if (led != null) {
        read = led; // the error came before the finally block took it
        led = null;
      }
    } finally {
      letGo();
    }
    rings.wakeReader();
    if (read != null) {
      read.deliver();
      answering.compareAndSet(read, null);
    }
  }

  /**
   * Takes the reading, waiting while another thread has it (a leader, for a spin's length at
   * most); at once if this thread has it already (a fault left it so). Woken by {@link #letGo},
   * and looks again each millisecond in case a fault came between the letting go and the wake-up.
   */
  private void takeReading() {
    Thread me = Thread.currentThread();
    if (reading.get() == me) {
      return;
    }
    while (!reading.compareAndSet(null, me)) {
      waitingToRead = me;
      if (reading.get() != null) {
        LockSupport.parkNanos(this, 1_000_000);
      }
      waitingToRead = null;
    }
  }

  /** Lets go of the reading if this thread has it, and wakes a thread waiting to take it. */
  private void letGo() {
    if (reading.compareAndSet(Thread.currentThread(), null)) {
      Thread waiting = waitingToRead;
      if (waiting != null) {
        LockSupport.unpark(waiting);
      }
    }
  }

  /** A failure a leader met, for the reader thread to end the connection with, as it is. */
  private static IOException rethrown(Throwable failed) {
    if (failed instanceof IOException e) {
      return e;
    }
    if (failed instanceof RuntimeException e) {
      throw e;
    }
    throw (Error) failed;
  }

  /**
   * Closes the socket, both its selectors, or the rings. A socket closed while registered with a
   * selector that stays open keeps its file descriptor until that selector is closed, so the
   * reader's selector must be closed too, or every worker connection leaked three descriptors.
   * Out of heap, it pauses and tries once more; then the descriptor is left rather than the
   * reader thread dying (see {@link #end}).
   */
  private static void closeQuietly(Closeable c) {
    for (int attempt = 0; attempt < 2 && c != null; attempt++) {
      try {
        c.close();
        return;
      } catch (IOException ignored) {
        return; // the connection is gone either way
      } catch (OutOfMemoryError e) {
        outOfHeapAgain();
      }
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public String toString() {
    return name + " (pid " + pid() + ")";
  }

  /** A pool's reader thread: waiting there for a task of the same pool could never end. */
  static final class ReaderThread extends Thread {
    final Pool pool;

    ReaderThread(Pool pool, Runnable body, String name) {
      super(body, name);
      this.pool = pool;
      setDaemon(true);
    }
  }
}
