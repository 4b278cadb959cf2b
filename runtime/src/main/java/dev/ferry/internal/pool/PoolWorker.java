package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.ChannelClosedException;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.process.ChildMain;
import dev.ferry.internal.process.TargetClassInitialization;
import dev.ferry.internal.process.TargetMethod;
import dev.ferry.internal.transport.BoundedOutputs;
import dev.ferry.internal.transport.FrameReader;
import dev.ferry.internal.transport.RingStream;
import dev.ferry.internal.transport.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A pool worker: the spawn target of every worker JVM. Runs the pool's initializer, connects to
 * the pool, then runs the tasks it is sent one after another on this one thread, answering each
 * call or chunk with one frame as soon as it is done, until the pool closes the connection.
 *
 * <p>One thread reads, runs and answers: no hand-off between threads on a task's path. The pool
 * never blocks its reading threads, so this thread's answers are always taken, and so it always
 * comes back to read the next tasks.
 */
final class PoolWorker {
  private final SocketChannel socket;
  /** The pool's rings beside the socket (see {@link WorkerLink}), or null: frames on the socket. */
  private final RingStream rings;
  private final WritableByteChannel out; // rings or socket
  private final FrameReader frames;
  private final Values.UserTypes peerTypes = new Values.UserTypes();
  private final Values.UserTypes sentTypes = new Values.UserTypes();
  /**
   * Stops at what one answer may carry: a result encoded whole first (200,000 strings of 1,000
   * characters, which share one String, encode to 200 MB) grew its buffer until the worker died of
   * an OutOfMemoryError, where the task was to fail as too large.
   */
  private final Values.Encoder encoder = new Values.Encoder(256, Wire.MAX_MESSAGE_BYTES);
  /** The bytes the last {@link #encodeAll} needed at least when the encoder refused them, or -1. */
  private long overLimit = -1;
  private final ByteOutput frame = new ByteOutput(256);
  private boolean announceStarts; // the pool times tasks: say STARTED as each one starts
  private TargetMethod[] methods = new TargetMethod[16];
  private Throwable[] methodErrors = new Throwable[16];
  private MethodRef[] refs = new MethodRef[16]; // as messages name the tasks
  /** Whether a method's class is initialized here (see {@link #prepare}). */
  private boolean[] classReady = new boolean[16];
  /** What the static initializer of a task's class threw here, told again to its later tasks. */
  private final Map<Class<?>, ExceptionInInitializerError> initializerFailures = new HashMap<>();
  /** Argument arrays by count, reused: {@code Method.invoke} takes exactly as many as it needs. */
  private final Object[][] args = {new Object[0], new Object[1], new Object[2], new Object[3], new Object[4]};

  private PoolWorker(SocketChannel socket, RingStream rings) {
    this.socket = socket;
    this.rings = rings;
    this.out = rings != null ? rings : socket;
    this.frames = new FrameReader(rings != null ? rings : socket);
  }

  /** The worker's main, called by {@code ChildMain}; returns when the pool lets it go. */
  static void run(WorkerStart start) throws Exception {
    if (start.initializer() != null) {
      Object[] initArgs = start.initArgs();
      try {
        TargetMethod initializer = start.initializer().resolve();
        TargetClassInitialization.run(initializer.owner());
        MethodRef.invoke(initializer, initArgs);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable e) {
        throw new IllegalStateException(e);
      }
    }
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      socket.connect(UnixDomainSocketAddress.of(start.socketPath()));
    } catch (IOException e) {
      socket.close();
      throw poolGone(start, e);
    }
    ByteBuffer hello = ByteBuffer.allocate(PoolWire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    hello.putLong(PoolWire.MAGIC).putLong(start.workerId()).put(start.token()).flip();
    PoolWorker worker = null;
    tellTheJvmsExit(socket);
    try {
      PoolWire.writeFully(socket, hello, null);
      worker = new PoolWorker(socket, takeRings(socket));
      worker.serve();
    } catch (IOException e) {
      throw poolLost(e);
    } catch (InternalError | IllegalMonitorStateException e) {
      if (worker == null || worker.rings == null) {
        throw e;
      }
      throw poolLost(worker.rings.faulted(e)); // the rings' file was cut short; else rethrown
    }
  }

  /**
   * Ends this side's stream once the JVM begins to exit, so that the pool sees the end then, not
   * only at the process's end: a task that called {@code System.exit} in a JVM whose shutdown hook
   * of the program's then hangs (one that joins a thread, sleeps, waits for a lock the task holds)
   * used to leave its future, and {@code close()}, waiting for ever without a {@code taskTimeout}.
   * Only the output is shut, and the socket stays open: the pool's writes still go through, so a
   * large task the pool is writing does not fail, and the pool waits for the process's own exit
   * (its exit code, its failure report) before it gives up on it (WorkerEnds.connectionLost).
   * Hooks run beside each other, so this one runs whatever the others do; what the worker wrote
   * before is read first, as at any end of stream.
   */
  private static void tellTheJvmsExit(SocketChannel socket) {
    try {
      // A class of its own, not a lambda: on the worker's way to its hello, the JVM's first lambda
      // would set up java.lang.invoke there (see Channel.SCRATCH)
      Runtime.getRuntime().addShutdownHook(
          new Thread("ferry-worker-exit") {
            @Override
            public void run() {
              try {
                socket.shutdownOutput();
              } catch (IOException ignored) {
                // closed already: the pool sees the end as it is
              }
            }
          });
    } catch (IllegalStateException exiting) {
      // already exiting (a thread of the initializer called System.exit): the process's end tells
    }
  }

  /**
   * Reads the pool's answer to the hello and maps the rings it offers, after which the socket is
   * non-blocking (the rings wait on it for wake-ups). Null: frames go through the socket, as they
   * do when the pool closed the connection instead of answering (it dropped this worker, which
   * {@link #serve} then tells apart from the pool's death as ever).
   */
  private static RingStream takeRings(SocketChannel socket) throws IOException {
    Path file;
    try {
      file = PoolWire.readLinkAnswer(socket);
    } catch (EOFException closed) {
      return null;
    }
    if (file == null) {
      return null;
    }
    socket.configureBlocking(false);
    try {
      return RingStream.take(socket, file);
    } catch (NoSuchFileException e) {
      // The pool deletes the file when it drops a connection before this worker mapped it.
      throw new IOException("the pool dropped this worker before it could map the shared-memory"
          + " file the pool named (" + file + ")", e);
    }
  }

  /**
   * The connection to the pool broke (its process was killed with answers of this worker still
   * unread in its socket, which makes the kernel reset the connection: {@code Connection reset},
   * {@code Broken pipe}). A closed channel to the parent, as {@link #poolGone} is, so that ChildMain
   * exits with 3 and prints nothing when the parent is indeed gone, and reports it otherwise; each
   * worker of a pool whose process was killed mid-map used to print the {@code SocketException}'s
   * stack trace and exit with 1. Rings that broke (corrupt positions, a file cut short: {@link
   * RingStream#isBroken}, and a fault the JVM raised for a cut file, which would otherwise be
   * explained as "a channel of this process" that broke) are named as such, since the pool lives.
   */
  private static ChannelClosedException poolLost(IOException e) {
    ChannelClosedException lost = new ChannelClosedException(RingStream.isBroken(e)
        ? "the connection to the pool broke: " + e.getMessage()
        : "the connection to the pool broke ("
            + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName())
            + "): the pool's process has exited or dropped this worker");
    lost.initCause(e);
    return lost;
  }

  /**
   * The pool's socket cannot be reached: its process is exiting (it deletes its runtime directory
   * first) or has exited, e.g. a program that returned from main without closing its pool while a
   * worker was starting. A closed channel to the parent, so that ChildMain exits with 3 and says
   * nothing when the parent is indeed gone, and reports it otherwise.
   */
  private static ChannelClosedException poolGone(WorkerStart start, IOException e) {
    ChannelClosedException gone = new ChannelClosedException("the pool's socket "
        + start.socketPath() + " cannot be reached (" + e.getMessage() + "): the pool's process"
        + " has exited or is exiting");
    gone.initCause(e);
    return gone;
  }

  private void serve() throws IOException {
    ByteInput in;
    while ((in = frames.nextInput()) != null) {
      while (in.remaining() > 0) {
        int kind = in.readVarInt();
        switch (kind) {
          case PoolWire.TYPE -> peerTypes.define(in);
          case PoolWire.METHOD -> defineMethod(in);
          case PoolWire.TIME_TASKS -> announceStarts = true;
          case PoolWire.CALL, PoolWire.CHUNK -> {
            int methodId = in.readVarInt();
            run(kind, methodId, frames.take(in, in.readVarInt()));
            in = frames.rest();
          }
          default -> throw new TransferException("unknown pool record kind " + kind);
        }
      }
    }
    tellEndFromDeath();
  }

  /**
   * At the end of the pool's stream: the pool let this worker go (it shut its side's output once
   * the worker had answered everything), or the pool's process died (the kernel closed its socket;
   * mid-frame too, which the reader drops as a partial frame). Only a live pool's socket takes
   * bytes, so an empty frame, which the pool's reader skips, tells the two apart: written, the
   * worker returns and exits with 0; refused ({@code Broken pipe}) as its parent dies, {@link #run}
   * throws {@link #poolLost}, and ChildMain exits with 3, quietly, as any child whose parent died.
   * The worker of a pool whose process was killed while it waited for a task used to exit with 0,
   * as if let go. A pool that dropped the worker (it could not serve its connection, out of file
   * descriptors or threads) closed its socket too: its parent lives, and it returns as before, to
   * be counted as a worker that did not connect and replaced.
   */
  private void tellEndFromDeath() throws IOException {
    try {
      if (rings != null) {
        // The rings refuse bytes once the pool's side ended, and would take them from a dead
        // pool: a wake-up byte on the socket is what a live pool's socket takes.
        rings.touchPeer();
      } else {
        PoolWire.begin(frame);
        PoolWire.send(frame, out, null);
      }
    } catch (IOException refused) {
      if (ChildMain.parentDiesSoon()) {
        throw refused;
      }
    }
  }

  private void defineMethod(ByteInput in) {
    int id = in.readVarInt();
    MethodRef ref = new MethodRef(id, in.readString(), in.readString(), in.readString());
    if (id < 1 || id >= PoolWire.MAX_IDS || ref.className == null || ref.methodName == null
        || ref.descriptor == null) {
      throw new TransferException("bad method announcement " + id);
    }
    if (id >= methods.length) {
      int size = Math.max(id + 1, methods.length * 2);
      methods = Arrays.copyOf(methods, size);
      methodErrors = Arrays.copyOf(methodErrors, size);
      refs = Arrays.copyOf(refs, size);
      classReady = Arrays.copyOf(classReady, size);
    }
    refs[id] = ref;
    try {
      methods[id] = ref.resolve();
    } catch (Throwable e) {
      methodErrors[id] = e;
    }
  }

  /** Runs one CALL or CHUNK record's tasks and answers with one frame. */
  private void run(int kind, int methodId, ByteInput body) throws IOException {
    long started = System.nanoTime();
    TargetMethod method = methodId > 0 && methodId < methods.length ? methods[methodId] : null;
    Throwable unusable =
        method != null ? null
            : methodId > 0 && methodId < methods.length && methodErrors[methodId] != null
                ? methodErrors[methodId]
                : new TransferException("unknown method id " + methodId);
    Object[] outcomes;
    boolean[] failed;
    if (kind == PoolWire.CALL) {
      outcomes = new Object[1];
      failed = new boolean[1];
      int count = body.readVarInt();
      if (count > 4) {
        throw new TransferException("a task takes at most 4 arguments, not " + count);
      }
      Object[] values = args[count];
      if (readArguments(methodId, body, values, outcomes, failed)) {
        call(methodId, method, unusable, values, outcomes, failed, 0);
      }
    } else {
      int count = body.readVarInt();
      if (count < 1 || count > body.remaining()) {
        throw new TransferException("bad chunk size " + count);
      }
      outcomes = new Object[count];
      failed = new boolean[count];
      Object[] values = args[1];
      for (int i = 0; i < count; i++) {
        if (!readInput(methodId, body, values, i, outcomes, failed)) {
          break;
        }
        if (i == count - 1 && body.remaining() > 0) {
          // Bytes left after the last input: one of them was read short. Its task does not run,
          // and the results of those that ran, maybe on a value read from another's bytes (which
          // one cannot be told), are not given out. Reading every input before running any
          // would hold all of them at once (a chunk of small ints takes 20 times its bytes).
          values[0] = null;
          Arrays.fill(outcomes, readShort(methodId, body, count, true));
          Arrays.fill(failed, true);
          break;
        }
        call(methodId, method, unusable, values, outcomes, failed, i);
      }
    }
    long nanos = System.nanoTime() - started;
    boolean unsound = false;
    for (int i = 0; i < failed.length; i++) {
      unsound |= failed[i] && outcomes[i] instanceof VirtualMachineError;
    }
    answer(kind, methodId, nanos, outcomes, failed, unsound);
    if (unsound) {
      // The JVM may not be sound any more (out of memory): the pool replaces this worker, and
      // knows from QUITTING that the tasks it sent after this one never started.
      System.exit(1);
    }
  }

  /**
   * Reads a call's arguments into {@code values}; false, with the outcome saying why, if one
   * cannot be read or bytes are left after the last, which a codec whose read takes fewer bytes
   * than its write wrote leaves (a hand-written codec's mistake): the arguments lie back to back,
   * so the ones after it were read from its bytes. {@code Codecs.decode} refuses the same.
   */
  private boolean readArguments(
      int methodId, ByteInput body, Object[] values, Object[] outcomes, boolean[] failed) {
    for (int i = 0; i < values.length; i++) {
      try {
        values[i] = peerTypes.read(body);
      } catch (Throwable e) {
        // Any throwable: an Error (a stack overflow in a deep value) leaves the body mid-value
        // as an exception does.
        Arrays.fill(values, null);
        outcomes[0] = unreadableArgument(methodId, i, values.length, e);
        failed[0] = true;
        return false;
      }
    }
    if (body.remaining() > 0) {
      Arrays.fill(values, null);
      outcomes[0] = readShort(methodId, body, values.length, false);
      failed[0] = true;
      return false;
    }
    return true;
  }

  /**
   * Reads a chunk's input {@code index} into {@code values[0]}; false if it cannot be read, its
   * outcome saying why and those of the inputs after it, whose bytes cannot be found, too.
   */
  private boolean readInput(
      int methodId, ByteInput body, Object[] values, int index, Object[] outcomes,
      boolean[] failed) {
    try {
      values[0] = peerTypes.read(body);
      return true;
    } catch (Throwable e) {
      // Any throwable: an Error (a stack overflow in a deep value) leaves the body mid-value as an
      // exception does, so the inputs after it cannot be read either.
      values[0] = null;
      outcomes[index] = unreadableArgument(methodId, 0, 1, e);
      failed[index] = true;
      for (int j = index + 1; j < outcomes.length; j++) {
        outcomes[j] = new TransferException(
            "input not read: input " + index + " of the same chunk could not be read ("
                + outcomes[index] + ")");
        failed[j] = true;
      }
      return false;
    }
  }

  /**
   * Why a call, or every task of a chunk, failed: bytes were left after its last value, so the
   * codec of one of them read fewer bytes than the pool's process wrote.
   */
  private TransferException readShort(int methodId, ByteInput body, int count, boolean chunk) {
    String what = (count == 1 ? "the " : "the " + count + " ")
        + (chunk ? (count == 1 ? "input" : "inputs") + " of a chunk"
            : count == 1 ? "argument" : "arguments");
    return OwnCodecs.readShort(body, count,
        what + " of task " + taskName(methodId) + " in the worker",
        !chunk || count == 1 ? "the task did not run"
            : "the last did not run and the results of the others are dropped");
  }

  /** Runs one task on its arguments, read into {@code values}. */
  private void call(int methodId, TargetMethod method, Throwable unusable, Object[] values,
      Object[] outcomes, boolean[] failed, int index) {
    try {
      if (unusable != null) {
        throw unusable;
      }
      prepare(methodId, method);
      if (announceStarts) {
        announceStart();
      }
      outcomes[index] = MethodRef.invoke(method, values);
    } catch (Throwable e) {
      outcomes[index] = e;
      failed[index] = true;
    } finally {
      Arrays.fill(values, null);
      Thread.interrupted(); // a task's interrupt must not close this thread's connection
    }
  }

  /**
   * Initializes the class of a task before its first call in this worker, as the call would,
   * marked as {@link TargetClassInitialization}: a spawn, or a pool's first use, is refused
   * meanwhile, and a pool made there ('static final ProcessPool POOL = Ferry.pool(8)' beside the
   * tasks it maps) starts no JVM until it is used, where it used to start 8 idle ones in every
   * worker. What the initializer throws fails the task as the call's did.
   */
  private void prepare(int methodId, TargetMethod method) throws ClassNotFoundException {
    if (!classReady[methodId]) {
      Class<?> owner = method.owner();
      ExceptionInInitializerError failed = initializerFailures.get(owner);
      if (failed != null) {
        // The JVM would say only "Could not initialize class" (JDK 17: with no cause): say why
        throw failed;
      }
      try {
        TargetClassInitialization.run(owner);
      } catch (ExceptionInInitializerError e) {
        initializerFailures.put(owner, e);
        throw e;
      }
      classReady[methodId] = true;
    }
  }

  /** Tells the pool that a task runs now, so that its timeout starts (a frame of one record). */
  private void announceStart() throws IOException {
    PoolWire.begin(frame);
    frame.writeVarInt(PoolWire.STARTED);
    PoolWire.send(frame, out, null);
  }

  /** The task of {@code methodId} as messages name it. */
  private String taskName(int methodId) {
    MethodRef ref = methodId > 0 && methodId < refs.length ? refs[methodId] : null;
    return ref != null ? ref.toString() : "#" + methodId;
  }

  /**
   * Why a task did not run: its argument {@code index} could not be read in this worker. Names the
   * task and the argument, since the codec's own message names only the type; an Error is passed
   * on as it is, so that the pool still replaces a worker whose JVM may not be sound.
   */
  private Throwable unreadableArgument(int methodId, int index, int count, Throwable e) {
    if (e instanceof Error) {
      return e;
    }
    String task = taskName(methodId);
    return new TransferException("cannot read argument " + (index + 1) + " of " + count
        + " of task " + task + " in the worker, so the task did not run: " + e.getMessage()
        + " (the worker's codec refused the bytes the pool's process wrote: do both processes run"
        + " the same classes?)", e);
  }

  private void answer(int kind, int methodId, long nanos, Object[] outcomes, boolean[] failed,
      boolean quitting) throws IOException {
    Values.Encoder e = encoder;
    e.reset();
    if (!encodeAll(kind, methodId, outcomes, failed)) {
      if (kind == PoolWire.CHUNK) {
        // Encoded one by one, each value that cannot be is a failure of its own. Encoding the
        // whole chunk again stopped at its second such value, and the answer went out cut there:
        // every task of the chunk failed with 'truncated input', and a mapUnordered lost them.
        answerInParts(methodId, nanos, outcomes, failed, quitting);
        return;
      }
      e.reset();
      encodeAll(kind, methodId, outcomes, failed); // the value that failed to encode is now a failure
    }
    if (overLimit >= 0) {
      if (kind == PoolWire.CHUNK) {
        answerInParts(methodId, nanos, outcomes, failed, quitting);
        return;
      }
      outcomes[0] = tooBig(overLimit);
      failed[0] = true;
      e.reset();
      encodeAll(kind, methodId, outcomes, failed);
    }
    sendAnswer(kind == PoolWire.CALL ? (failed[0] ? PoolWire.FAILED : PoolWire.VALUE)
        : PoolWire.CHUNK_DONE, nanos, quitting);
  }

  /**
   * Answers a chunk whose results together take more than one answer may carry (the map sized the
   * chunk by the results it had seen, and these grew) in parts of at most that much each, so that
   * every result that fits on its own comes back; one that alone does not fails, as a single
   * task's does. Before, every result of such a chunk failed: a map whose results grew from 1 KiB
   * to 20 MiB lost all 26 of the chunk that held four large ones. Also the answer of a chunk some
   * of whose results cannot be encoded at all (no codec): encoded one by one, each such result
   * fails alone.
   */
  private void answerInParts(int methodId, long nanos, Object[] outcomes, boolean[] failed,
      boolean quitting) throws IOException {
    Values.Encoder e = encoder;
    int[] sizes = new int[outcomes.length];
    int room = Wire.MAX_MESSAGE_BYTES - 5; // the part's count goes first
    for (int i = 0; i < outcomes.length; i++) {
      e.reset();
      long needed = -1;
      try {
        encodeOutcome(outcomes[i], failed[i]);
        needed = e.body.size();
      } catch (RuntimeException | StackOverflowError notSendable) {
        needed = needed(notSendable);
        if (needed < 0) {
          outcomes[i] = unwritable(methodId, notSendable); // past where encodeAll stopped
          failed[i] = true;
          e.reset();
          encodeOutcome(outcomes[i], true);
        }
      }
      if (needed > room) {
        outcomes[i] = tooBig(needed - 1);
        failed[i] = true;
        e.reset();
        encodeOutcome(outcomes[i], true);
      }
      sizes[i] = e.body.size();
    }
    for (int from = 0, to; from < outcomes.length; from = to) {
      long bytes = 0;
      for (to = from; to < outcomes.length && bytes + sizes[to] <= room; to++) {
        bytes += sizes[to];
      }
      e.reset();
      e.body.writeVarInt(to - from);
      for (int i = from; i < to; i++) {
        encodeOutcome(outcomes[i], failed[i]);
      }
      boolean last = to == outcomes.length;
      sendAnswer(last ? PoolWire.CHUNK_DONE : PoolWire.CHUNK_PART, nanos, last && quitting);
    }
  }

  /** Sends the encoder's body as an answer of {@code answerKind}, in one frame. */
  private void sendAnswer(int answerKind, long nanos, boolean quitting) throws IOException {
    Values.Encoder e = encoder;
    PoolWire.begin(frame);
    sentTypes.announce(frame, e.types());
    frame.writeVarInt(answerKind);
    frame.writeVarLong(nanos);
    frame.writeVarInt(e.body.size());
    frame.writeBytes(e.body.array(), 0, e.body.size());
    if (quitting) {
      frame.writeVarInt(PoolWire.QUITTING);
    }
    PoolWire.send(frame, out, null);
    if (e.body.size() > 1 << 20) {
      encoder.body.reset(); // do not keep a big buffer: the next answers are likely small
    }
  }

  /**
   * Why a result of {@code bytes} cannot go back: the limit and its reason, and what to do
   * instead. (A map's chunk whose results together go past it comes back in parts.)
   */
  private static IllegalArgumentException tooBig(long bytes) {
    return new IllegalArgumentException("the task's result takes at least " + bytes + " bytes, more than the "
        + Wire.MAX_MESSAGE_BYTES + " (64 MiB) one answer may carry back to the pool: return a"
        + " smaller result, or write it to a file and return its path");
  }

  /**
   * Encodes every outcome; if a result cannot be encoded (no codec, a handle), turns it into a
   * failure and returns false so the caller encodes again from the start. Stops once the answer
   * would be larger than one answer may carry (the encoder refuses to grow past it), which the
   * caller sees by {@link #overLimit}.
   */
  private boolean encodeAll(int kind, int methodId, Object[] outcomes, boolean[] failed) {
    Values.Encoder e = encoder;
    overLimit = -1;
    if (kind == PoolWire.CHUNK) {
      e.body.writeVarInt(outcomes.length);
    }
    for (int i = 0; i < outcomes.length; i++) {
      try {
        if (kind == PoolWire.CHUNK) {
          e.body.writeBoolean(!failed[i]);
        }
        if (failed[i]) {
          writeFailure((Throwable) outcomes[i]); // past the limit only behind other outcomes
        } else {
          e.write(outcomes[i]);
        }
      } catch (RuntimeException | StackOverflowError notSendable) {
        long needed = needed(notSendable);
        if (needed >= 0) {
          overLimit = needed; // too big for one answer: the caller answers a chunk in parts
          return true;
        }
        outcomes[i] = unwritable(methodId, notSendable);
        failed[i] = true;
        return false;
      }
    }
    return true;
  }

  /**
   * What a task whose result could not be encoded fails with: Ferry's refusals ({@code
   * [ferry:not-transferable]}, {@code [ferry:inherit-only-sent]}) as they are; anything a codec's
   * write threw as that, naming the task. The codec's own exception alone (a hand-written codec's
   * 'IllegalStateException: cannot write 1') read as if the task had thrown it, when the task had
   * returned.
   */
  private Throwable unwritable(int methodId, Throwable e) {
    if (e instanceof IllegalArgumentException && String.valueOf(e.getMessage()).startsWith("[ferry:")) {
      return e;
    }
    return new TransferException("the result of task " + taskName(methodId) + " could not be"
        + " written in the worker, so the pool cannot return it: its codec's write threw " + e
        + " (a codec's write must take every value of its type: a hand-written"
        + " @TransferableCodec, or the codec of a type the result holds?)", e);
  }

  /** The bytes the encoder needed at least if {@code e} is its refusal to grow, or -1. */
  private static long needed(Throwable e) {
    return e instanceof RuntimeException r ? BoundedOutputs.needed(r) : -1;
  }

  /** Encodes one outcome of a chunk: whether it is a value, then the value or the failure. */
  private void encodeOutcome(Object outcome, boolean failure) {
    encoder.body.writeBoolean(!failure);
    if (failure) {
      writeFailure((Throwable) outcome);
    } else {
      encoder.write(outcome);
    }
  }

  private void writeFailure(Throwable error) {
    Failures.write(encoder.body, error); // never throws: it reads the throwable before writing
  }
}
