package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.TransferException;
import dev.ferry.internal.transport.FrameReader;
import dev.ferry.internal.process.ChildProcess;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool's side of one worker: its JVM, its connection, and the jobs it has been sent and not
 * answered yet, in the order sent (which is the order it answers them).
 *
 * <p>Writes happen on the thread that submits (or on the pool's dispatcher), under {@link
 * #writeLock}, on a non-blocking socket so that an interrupt cannot close the connection. One
 * reader thread per worker takes the answers; it never writes and never waits for {@link
 * #writeLock}, so a worker's answers are always taken and the worker always comes back to read.
 */
final class WorkerLink {
  final Pool pool;
  final long id;
  final String name;
  final Process process;
  volatile ChildProcess child;

  final ReentrantLock writeLock = new ReentrantLock();
  private ByteOutput frame = new ByteOutput(1024); // guarded by writeLock
  private final Values.UserTypes sentTypes = new Values.UserTypes(); // guarded by writeLock
  private final BitSet sentMethods = new BitSet(); // guarded by writeLock
  private boolean askedForStarts; // guarded by writeLock
  private final Values.UserTypes peerTypes = new Values.UserTypes(); // the reader's
  private SocketChannel socket;
  private Selector writable;
  private ReadableByteChannel reads; // the reader's; its selector holds the socket open until closed

  // Guarded by the pool's lock.
  final ArrayDeque<Job> inflight = new ArrayDeque<>();
  int reserved; // jobs picked for this worker and not yet appended to inflight
  long assigned; // tasks ever sent, for maxTasksPerWorker
  boolean launched;
  boolean connected;
  boolean ready;
  boolean retiring;
  boolean stopping;
  boolean quitting; // said it exits having started nothing more
  boolean dead;
  boolean spare;
  /** Killed for not connecting within the task timeout and its grace (an initializer hung). */
  boolean notConnectedInTime;
  /** Why the pool could not take this worker's connection (it killed it), or null. */
  Throwable connectFailure;
  /** The job whose {@code cancel(true)} killed this worker, or null. */
  Job killedFor;

  WorkerLink(Pool pool, long id, String name, Process process) {
    this.pool = pool;
    this.id = id;
    this.name = name;
    this.process = process;
  }

  /** Takes over the connection the worker made, and starts reading its answers. */
  void connect(SocketChannel socket) throws IOException {
    socket.configureBlocking(false);
    Selector selector = Selector.open();
    socket.register(selector, SelectionKey.OP_WRITE);
    writeLock.lock();
    try {
      this.socket = socket;
      this.writable = selector;
    } finally {
      writeLock.unlock();
    }
    Thread reader = new ReaderThread(pool, this::readAnswers, "ferry-" + name);
    reader.start();
  }

  /** Writes jobs already appended to {@link #inflight}, in that order; under {@link #writeLock}. */
  void write(List<Job> jobs) throws IOException {
    PoolWire.begin(frame);
    if (pool.timesTasks() && !askedForStarts) {
      askedForStarts = true;
      frame.writeVarInt(PoolWire.TIME_TASKS);
    }
    for (Job job : jobs) {
      if (frame.size() > 4 && frame.size() + job.body.length + 64 > PoolWire.MAX_FRAME_BYTES) {
        PoolWire.send(frame, socket, writable);
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
      PoolWire.send(frame, socket, writable);
    } finally {
      if (frame.array().length > 4 << 20) {
        frame = new ByteOutput(1024); // a big frame's buffer is not worth keeping
      }
    }
  }

  /** Lets the worker go: it finishes what it was sent, sees the end of input and exits. */
  void stop() {
    try {
      SocketChannel s = socket;
      if (s != null) {
        s.shutdownOutput();
      } else {
        process.getOutputStream().close(); // booted, never told what to run: it halts
      }
    } catch (IOException e) {
      process.destroyForcibly();
    }
  }

  private void readAnswers() {
    Throwable cause = null;
    try {
      reads = PoolWire.blockingReads(socket);
      FrameReader frames = new FrameReader(reads);
      ByteInput in;
      while ((in = frames.nextInput()) != null) {
        while (in.remaining() > 0) {
          int kind = in.readVarInt();
          if (kind == PoolWire.TYPE) {
            peerTypes.define(in);
            continue;
          }
          if (kind == PoolWire.QUITTING) {
            pool.quitting(this);
            continue;
          }
          if (kind == PoolWire.STARTED) {
            pool.taskStarted(this);
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
          Job job = pool.answered(this, nanos);
          if (job == null) {
            throw new TransferException("an answer for a task that was never sent");
          }
          job.answered(kind, nanos, body, peerTypes);
          in = frames.rest();
        }
      }
    } catch (IOException | RuntimeException e) {
      cause = e;
    }
    closeQuietly();
    pool.connectionLost(this, cause);
  }

  /**
   * Closes the socket and both its selectors. A socket closed while registered with a selector
   * that stays open keeps its file descriptor until that selector is closed, so the reader's
   * selector must be closed too, or every worker connection leaked three descriptors.
   */
  private void closeQuietly() {
    for (Closeable c : new Closeable[] {socket, writable, reads}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (IOException ignored) {
        // the connection is gone either way
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
