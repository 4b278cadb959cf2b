package dev.ferry.internal.pool;

import dev.ferry.ByteOutput;
import dev.ferry.ChannelClosedException;
import dev.ferry.ChildFailure;
import dev.ferry.Ferry;
import dev.ferry.internal.process.ChildMain;
import dev.ferry.internal.process.ChildProcess;
import dev.ferry.internal.process.LaunchSettings;
import dev.ferry.internal.process.Launcher;
import dev.ferry.internal.process.SpawnContext;
import dev.ferry.internal.transport.BoundedOutputs;
import dev.ferry.internal.transport.FrameReader;
import dev.ferry.internal.transport.RuntimeFiles;
import dev.ferry.internal.transport.Timeouts;
import dev.ferry.internal.transport.Wire;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The engine behind {@link dev.ferry.ProcessPool}: worker JVMs, the queue of jobs no worker has
 * room for, and what happens when a worker ends.
 *
 * <p><b>Start.</b> The workers' JVMs are started with the pool; each is told what to run (the
 * worker loop and the initializer, as spawn arguments) when the first task is submitted, since
 * until then the initializer may still be set. A worker then connects to the pool's socket.
 *
 * <p><b>Dispatch.</b> A job goes straight to the worker with the most room, written by the
 * submitting thread; when no worker has room it waits in the queue, which the dispatcher thread
 * empties, several jobs per write, as answers make room. A worker's room is how many unanswered
 * jobs it may hold: one while jobs take long (so a task never waits behind a long one while
 * another worker is idle), up to eight while they take microseconds (so a worker never waits for
 * the pool between tiny tasks). Writes never wait for a worker's socket: what it does not take at
 * once goes to that worker's writer thread (see {@link WorkerLink}).
 *
 * <p><b>Ends.</b> A worker's connection ending means its JVM ended: the first unanswered job is the
 * one it was running, which fails with a {@link WorkerDiedException} (or the {@code
 * TimeoutException} of its timeout); the others never started and go back to the queue; a new
 * worker is started. Workers that die before they connect are counted; three in a row break the
 * pool, as does a failing initializer, so that every waiting task fails instead of hanging.
 */
public final class Pool {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static final int START_FAILURES_TO_BREAK = 3;
  private static final long HELLO_TIMEOUT_MILLIS = 10_000;
  /** How long after a worker's JVM could not be started the pool tries again. */
  private static final long BOOT_RETRY_MILLIS = 1_000;
  /**
   * With a task timeout, how long past it a worker may take to say it started a task sent to it
   * (loading the task's class, reading large arguments: milliseconds, more on a loaded machine)
   * before it counts as stopped or hung and is killed.
   */
  private static final long START_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
  /** How long close() lets its workers finish and exit once told to stop, before it kills them. */
  private static final long STOP_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** How long it then waits for the killed ones to be gone. */
  private static final long KILLED_EXIT_NANOS = TimeUnit.SECONDS.toNanos(5);
  private static final ThreadLocal<Values.Encoder> ENCODERS =
      ThreadLocal.withInitial(() -> new Values.Encoder(256, Wire.MAX_MESSAGE_BYTES));
  /** An encoder grown past this is not kept for the thread's next task. */
  private static final int KEPT_ENCODER_BYTES = 4 << 20;

  private static volatile ScheduledThreadPoolExecutor timer;

  private final int number = POOLS.incrementAndGet();
  private final LaunchSettings settings;
  private final int size;
  private final String baseName;
  private final AtomicLong workerIds = new AtomicLong();
  /** Numbers this pool's tasks and chunks, as messages name them: "task #3 of the pool". */
  private final AtomicLong jobs = new AtomicLong();

  private final Launcher.PoolJvms jvms;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition work = lock.newCondition(); // the dispatcher waits here
  private final Condition changed = lock.newCondition(); // close() waits here

  // Configuration: set before the first task, read after without the lock.
  private MethodRef initializer;
  private Object[] initArgs = new Object[0];
  private int maxTasks;
  private long timeoutNanos;

  // Guarded by lock.
  private boolean frozen;
  /**
   * The pool's own leases on the initializer's channels, from its start until it starts no worker
   * any more (closed or broken): see {@link #holdInitializerChannels}. Guarded by lock.
   */
  private SpawnContext initializerLeases;
  private boolean closing;
  private boolean closed;
  /**
   * How the pool was closed when it cancelled its tasks ({@link #closeNow()}, or a {@link #close()}
   * whose thread was interrupted), null when it was closed gracefully or not yet. Under lock.
   */
  private String closedNow;
  private RuntimeException broken;
  private boolean replacedAny;
  private int startFailures;
  private int unbooted; // replacements whose JVM could not be started yet, see bootMissing
  private long serviceNanos; // moving average of a job's time in its worker; 0 before the first
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private final List<WorkerLink> workers = new ArrayList<>(); // the ones jobs may go to
  private final List<WorkerLink> others = new ArrayList<>(); // retiring, and the spare
  private WorkerLink spare;
  private final List<WorkerLink> toLaunch = new ArrayList<>(); // booted, to launch after unlock

  private final ConcurrentHashMap<Long, WorkerLink> connecting = new ConcurrentHashMap<>();
  private Path socketPath;
  private ServerSocketChannel server;
  private byte[] token;

  /**
   * The most workers a pool starts. Every worker's JVM starts with the pool, in a loop that does
   * not return before each has been forked: {@code Ferry.pool(Integer.MAX_VALUE)} (a count
   * computed wrongly) started JVMs, a dozen every half second on two cores, until the machine ran
   * out of memory or processes. Far more than a machine runs usefully at once.
   */
  public static final int MAX_WORKERS = 1024;

  public Pool(LaunchSettings settings, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("workers < 1: " + size);
    }
    this.settings = settings;
    this.size = size;
    this.baseName = settings.name() != null ? settings.name() : "pool-" + number;
    // The first workers may be spares a pool with the same options left ready (see Launcher).
    jvms = Launcher.bootAll(settings, size);
    for (Process process : jvms.processes) {
      workers.add(link(process));
    }
  }

  int size() {
    return size;
  }

  // ---- configuration

  public void initializer(Serializable target, Object... args) {
    if (target == null) {
      throw new NullPointerException("initializer == null"); // MethodRef would name it a task
    }
    MethodRef method = MethodRef.of(target);
    configure(() -> {
      initializer = method;
      initArgs = args.clone();
    });
  }

  public void maxTasksPerWorker(int tasks) {
    if (tasks < 1) {
      throw new IllegalArgumentException("maxTasksPerWorker < 1: " + tasks + ": a worker that"
          + " may be given no task could never run one; pass 1 to replace each worker after every"
          + " task, or leave it unset for workers that live as long as the pool (Python's"
          + " maxtasksperchild=None)");
    }
    configure(() -> maxTasks = tasks);
  }

  public void taskTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("taskTimeout must be positive: " + timeout + ": a task"
          + " that runs longer fails and its worker is killed, so every task would fail before it"
          + " could finish; to let tasks run as long as they take, leave taskTimeout unset");
    }
    long nanos = Timeouts.nanos(timeout);
    configure(() -> timeoutNanos = nanos);
  }

  private void configure(Runnable change) {
    lock.lock();
    try {
      if (closing) { // before any task too: it said the workers had started theirs
        throw new IllegalStateException("the pool is closed: its initializer, maxTasksPerWorker"
            + " and taskTimeout can no longer be set; set them before the first submit or map");
      }
      if (frozen) {
        throw new IllegalStateException(
            "the pool's workers have started their tasks: set the initializer, maxTasksPerWorker"
                + " and taskTimeout before the first submit or map");
      }
      change.run();
    } finally {
      lock.unlock();
    }
  }

  // ---- submitting

  public CompletableFuture<Object> submit(Serializable task, Object... args) {
    MethodRef method = MethodRef.of(task);
    Values.Encoder encoder = ENCODERS.get();
    encoder.reset();
    try {
      encoder.body.writeVarInt(args.length);
      for (Object arg : args) {
        encoder.write(arg);
      }
    } catch (OutOfMemoryError e) {
      throw outOfHeap(encoder, e);
    } catch (IllegalArgumentException e) {
      throw pastTheLimit(encoder, e);
    } catch (RuntimeException | Error e) {
      dropIfGrown(encoder); // an accessor's exception, a StackOverflowError
      throw e;
    }
    CallJob job = new CallJob(this, jobs.incrementAndGet(), method, body(encoder), encoder.types());
    start();
    send(job);
    return job.future;
  }

  public List<Object> map(Serializable task, Iterable<?> inputs) throws InterruptedException {
    MethodRef method = MethodRef.of(task);
    checkMayWait(null);
    start();
    return new MapRun(this, method, inputs).inOrder();
  }

  public Iterator<Object> mapUnordered(Serializable task, Iterable<?> inputs) {
    MethodRef method = MethodRef.of(task);
    start();
    return new MapRun(this, method, inputs).unordered();
  }

  /**
   * Sends a chunk of a map holding the first of {@code inputs}: all of them, unless their encoding
   * passes {@link MapRun#TARGET_CHUNK_BYTES}; returns how many it holds, and the map puts the rest
   * in its next chunks. A chunk is sized by how long its tasks take and how large their results
   * are, which says nothing of the inputs: a lazy map of tiny inputs, then inputs of 1 MiB each,
   * put dozens of those in one chunk, and the map threw that "the task's arguments take at least
   * 67115902 bytes, more than the 67108864 (64 MiB) one task may carry", though each took 1 MiB.
   */
  int submitChunk(MapRun run, int sequence, long firstInput, List<Object> inputs) {
    Values.Encoder encoder = ENCODERS.get();
    int count;
    try {
      count = encodeInputs(encoder, inputs, inputs.size());
    } catch (OutOfMemoryError e) {
      throw outOfHeap(encoder, e);
    } catch (IllegalArgumentException e) {
      throw pastTheLimit(encoder, e);
    } catch (RuntimeException | Error e) {
      dropIfGrown(encoder); // an accessor's exception, a StackOverflowError
      throw e;
    }
    send(new ChunkJob(run, jobs.incrementAndGet(), sequence, firstInput, count,
        chunkBody(encoder, count), encoder.types()));
    return count;
  }

  /**
   * Encodes inputs from the first, at most {@code most}, until their encoding reaches {@link
   * MapRun#TARGET_CHUNK_BYTES}; returns how many. An input that would take the chunk past what one
   * task may carry is left to the next chunk, where it goes first: those before it are encoded again
   * without it (a bounded output cannot take back what it wrote; this happens only to a chunk that
   * meets an input of tens of MiB). An input that is too large alone is refused as a task's are.
   */
  private static int encodeInputs(Values.Encoder encoder, List<Object> inputs, int most) {
    encoder.reset();
    for (int i = 0; i < most; i++) {
      if (i > 0 && encoder.body.size() >= MapRun.TARGET_CHUNK_BYTES) {
        return i;
      }
      try {
        encoder.write(inputs.get(i));
      } catch (IllegalArgumentException e) {
        if (i == 0 || BoundedOutputs.needed(e) < 0) {
          throw e;
        }
        return encodeInputs(encoder, inputs, i);
      }
    }
    return most;
  }

  /**
   * A chunk's body as its worker reads it, the count of inputs then the inputs: the encoder holds
   * the inputs alone, since the count is known only once they are encoded.
   */
  private static byte[] chunkBody(Values.Encoder encoder, int count) {
    ByteOutput prefix = new ByteOutput(5);
    prefix.writeVarInt(count);
    return body(encoder, prefix.array(), prefix.size());
  }

  /** How many inputs a map may put in one chunk, given the size it would like. */
  int chunkLimit(int wanted) {
    if (timeoutNanos > 0) {
      return 1; // a timeout is per task: only a chunk of one can be timed as one task
    }
    return maxTasks > 0 ? Math.min(wanted, maxTasks) : wanted;
  }

  /**
   * The arguments' encoding passed what a task may carry, and its output stopped there (it used to
   * grow to the arguments' whole size first, which the heap may not hold); any other refusal ({@code
   * [ferry:not-transferable]}) is returned as it came.
   */
  private static IllegalArgumentException pastTheLimit(Values.Encoder encoder, IllegalArgumentException e) {
    long needed = BoundedOutputs.needed(e);
    if (needed < 0) {
      dropIfGrown(encoder);
      return e;
    }
    ENCODERS.remove(); // grown to the limit: not kept per thread
    return tooLarge("at least " + needed);
  }

  /**
   * Arguments refused part-way (a value with no codec after a 60 MB string) may have grown the
   * thread's encoder for nothing: it was kept, up to the 64 MiB a task carries, until the thread's
   * next submit that succeeded.
   */
  private static void dropIfGrown(Values.Encoder encoder) {
    if (encoder.body.array().length > KEPT_ENCODER_BYTES) {
      ENCODERS.remove();
    }
  }

  private static IllegalArgumentException tooLarge(String size) {
    return new IllegalArgumentException(
        "the task's arguments take " + size + " bytes, more than the " + Wire.MAX_MESSAGE_BYTES
            + " (64 MiB) one task may carry to its worker: split the work into smaller tasks, or"
            + " pass the path of a file");
  }

  private static byte[] body(Values.Encoder encoder) {
    return body(encoder, NO_PREFIX, 0);
  }

  private static final byte[] NO_PREFIX = new byte[0];

  /** The encoder's bytes copied out after {@code prefixLength} of {@code prefix}, as one body. */
  private static byte[] body(Values.Encoder encoder, byte[] prefix, int prefixLength) {
    int length = prefixLength + encoder.body.size();
    if (length > Wire.MAX_MESSAGE_BYTES) {
      ENCODERS.remove(); // grown to the limit: not kept per thread
      throw tooLarge(String.valueOf(length));
    }
    byte[] body;
    try {
      body = new byte[length];
    } catch (OutOfMemoryError e) {
      throw outOfHeap(encoder, e);
    }
    System.arraycopy(prefix, 0, body, 0, prefixLength);
    System.arraycopy(encoder.body.array(), 0, body, prefixLength, encoder.body.size());
    dropIfGrown(encoder); // do not keep a big buffer per thread
    return body;
  }

  /**
   * What a task's caller is told when this process's heap cannot hold its arguments' encoding
   * beside what it holds (it used to be a bare {@code OutOfMemoryError}): nothing was submitted.
   * The encoder, grown as far as the heap allowed, is dropped.
   */
  private static IllegalArgumentException outOfHeap(Values.Encoder encoder, OutOfMemoryError e) {
    ENCODERS.remove();
    return new IllegalArgumentException(
        "the task's arguments were not submitted: this process's heap (" + FrameReader.heap()
            + ") could not hold their encoding beside what it holds (and one task may carry at"
            + " most 64 MiB to its worker); split the work into smaller tasks, pass the path of a"
            + " file, or give this process a larger -Xmx",
        e);
  }

  /** Sends a job to a worker with room now, or queues it for the dispatcher. */
  private void send(Job job) {
    WorkerLink target = null;
    lock.lock();
    try {
      if (job instanceof ChunkJob chunk) {
        refuseChunkIfClosedNow(chunk);
      }
      refuseIfClosed();
      if (broken != null) {
        throw new IllegalStateException(broken.getMessage(), broken);
      }
      if (queue.isEmpty() && !(Thread.currentThread() instanceof WorkerLink.ReaderThread)) {
        target = roomFor(job);
      }
      if (target == null) {
        queue.add(job);
        work.signal();
      } else {
        target.reserved++;
      }
    } finally {
      lock.unlock();
    }
    if (target != null) {
      write(target, List.of(job));
    }
    launchPending();
  }

  private void refuseIfClosed() {
    if (closing || closed) {
      throw new IllegalStateException("the pool is closed: no new tasks");
    }
  }

  /**
   * A map that was running when {@link #closeNow()} closed the pool cannot send its next chunk:
   * the inputs from that chunk on are not run, and the map reports them as cancelled, as it
   * reports the tasks closeNow() cancelled (a mapUnordered's iterator used to throw "the pool is
   * closed: no new tasks" instead, an IllegalStateException that says the caller misused the pool,
   * in the middle of the cancellations). After {@link #close()} the refusal stays that
   * IllegalStateException, as documented. Under lock.
   */
  private void refuseChunkIfClosedNow(ChunkJob chunk) {
    if (closedNow != null) {
      throw new CancellationException("the inputs of a map of " + chunk.method + " from #"
          + chunk.firstInput + " on were not run: the pool was " + closedNow + " while the"
          + " map ran");
    }
  }

  /**
   * The ready worker with the most room for {@code job}; null if none. A worker whose remaining
   * maxTasksPerWorker quota is too small for the job is retired. Under lock.
   */
  private WorkerLink roomFor(Job job) {
    int depth = depth();
    WorkerLink best = null;
    int bestRoom = 0;
    for (int i = 0; i < workers.size(); i++) {
      WorkerLink w = workers.get(i);
      int room = depth - w.inflight.size() - w.reserved;
      if (!w.ready || room <= bestRoom) {
        continue;
      }
      if (maxTasks > 0 && w.assigned > 0 && w.assigned + job.tasks > maxTasks) {
        retire(w);
        i--;
        continue;
      }
      best = w;
      bestRoom = room;
    }
    return best;
  }

  /** How many unanswered jobs a worker may hold, from how long jobs take. Under lock. */
  private int depth() {
    long service = serviceNanos;
    if (service == 0 || service > 10_000_000 || timeoutNanos > 0) {
      return 1;
    }
    return service < 50_000 ? 32 : service < 200_000 ? 8 : 2;
  }

  /**
   * Appends the jobs to the worker's in-flight list and writes them, both under its write lock,
   * so that the list's order is the order on the wire.
   */
  private void write(WorkerLink w, List<Job> jobs) {
    boolean refused = false;
    w.writeLock.lock();
    try {
      lock.lock();
      try {
        w.reserved -= jobs.size();
        if (w.dead) {
          refused = broken != null;
          for (int i = jobs.size() - 1; i >= 0 && !refused; i--) {
            queue.addFirst(jobs.get(i));
          }
          work.signal();
          return;
        }
        for (Job job : jobs) {
          job.state = Job.SENT;
          job.worker = w;
          w.inflight.add(job);
          w.assigned += job.tasks;
          if (timeoutNanos > 0) {
            job.stopClock();
            job.clock = timer().schedule(
                () -> notStarted(w, job), startDeadlineNanos(), TimeUnit.NANOSECONDS);
          }
        }
        if (maxTasks > 0 && w.assigned >= maxTasks && !w.retiring) {
          retire(w);
        }
      } finally {
        lock.unlock();
      }
      try {
        w.write(jobs);
      } catch (IOException | RuntimeException e) {
        // The connection is gone: the reader sees it end and deals with the jobs.
        w.process.destroyForcibly();
      }
    } finally {
      w.writeLock.unlock();
      if (refused) {
        for (Job job : jobs) {
          job.failed(new IllegalStateException(broken.getMessage(), broken));
        }
      }
    }
    launchPending();
  }

  /**
   * How long a worker may take to start a task sent to it, or to connect once told to run: the
   * task timeout and {@link #START_GRACE_NANOS} more. Saturated, since a timeout that means no end
   * ({@code ChronoUnit.FOREVER.getDuration()} is read as {@code Long.MAX_VALUE} nanoseconds) plus
   * the grace wrapped round to a negative delay, which the timer runs at once: every worker was
   * killed as it was told to run, and the pool broke before its first task.
   */
  private long startDeadlineNanos() {
    return timeoutNanos > Long.MAX_VALUE - START_GRACE_NANOS
        ? Long.MAX_VALUE : timeoutNanos + START_GRACE_NANOS;
  }

  /** Whether workers say when each task starts, for its timeout. */
  boolean timesTasks() {
    return timeoutNanos > 0;
  }

  /**
   * The worker has read its next task's arguments and calls it now: the task's timeout runs from
   * here, not from when the task was written to it, so that what a worker does once before its
   * first task of a method (loading the task's class) and reading large arguments are not timed.
   * On its reader thread.
   */
  void taskStarted(WorkerLink w) {
    lock.lock();
    try {
      for (Job job : w.inflight) {
        if (!job.clockStarted) {
          job.stopClock(); // the deadline for starting it
          job.clockStarted = true;
          job.clock = timer().schedule(() -> timedOut(w, job), timeoutNanos, TimeUnit.NANOSECONDS);
          return;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The worker was sent {@code job} the task timeout and {@link #START_GRACE_NANOS} ago and has not
   * said it started it: it is stopped (SIGSTOP, a debugger) or hung before the task. Without this,
   * a task sent to a stopped worker waited for ever though the pool has a timeout, and so did
   * {@code close()}. Killed and replaced as for a timeout.
   */
  private void notStarted(WorkerLink w, Job job) {
    lock.lock();
    try {
      if (w.dead || w.inflight.peek() != job || job.clockStarted) {
        return;
      }
      job.timedOut = true;
      job.neverStarted = true;
      killingFor(w, job);
    } finally {
      lock.unlock();
    }
    w.process.destroyForcibly();
  }

  private void timedOut(WorkerLink w, Job job) {
    lock.lock();
    try {
      if (w.dead || w.inflight.peek() != job) {
        return;
      }
      job.timedOut = true;
      killingFor(w, job);
    } finally {
      lock.unlock();
    }
    w.process.destroyForcibly();
  }

  /**
   * {@code w} is about to be killed for {@code job}'s timeout: it takes no new job, and one that
   * reaches it all the same runs again elsewhere (see {@link #gone}). The job's answer may be read
   * between this and the kill (a task that ends at its deadline; a pool's process that was stopped
   * or paused, whose timer and reader then run at once), and the next task was then sent to the
   * worker being killed and failed with a WorkerDiedException, 'killed by signal 9', though it had
   * neither timed out nor been cancelled. Under lock.
   */
  private static void killingFor(WorkerLink w, Job job) {
    w.ready = false;
    w.killedFor = job;
  }

  /** The job a worker is answering, its first unanswered one, left on the list; or null. */
  Job answering(WorkerLink w) {
    lock.lock();
    try {
      return w.inflight.peek();
    } finally {
      lock.unlock();
    }
  }

  /** A worker answered its first unanswered job: takes it off the list. On its reader thread. */
  Job answered(WorkerLink w, long nanos) {
    boolean stop = false;
    Job job;
    lock.lock();
    try {
      job = w.inflight.poll();
      if (job == null) {
        return null;
      }
      job.state = Job.DONE;
      job.stopClock();
      serviceNanos = serviceNanos == 0 ? Math.max(1, nanos) : (serviceNanos * 7 + nanos) / 8;
      if (w.inflight.isEmpty() && w.reserved == 0 && w.retiring && !w.stopping) {
        w.stopping = true;
        stop = true;
      }
      if (!queue.isEmpty()) {
        work.signal();
      }
      if (closing) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (stop) {
      w.stop();
    }
    return job;
  }

  /** The worker exits on its own having started nothing after its last answer. */
  void quitting(WorkerLink w) {
    lock.lock();
    try {
      w.quitting = true;
      if (workers.contains(w) && !w.retiring) {
        retire(w); // takes no more tasks; its replacement starts now
      }
    } finally {
      lock.unlock();
    }
    launchPending();
  }

  // ---- cancelling

  void cancelled(CallJob job, boolean kill) {
    WorkerLink running = null;
    lock.lock();
    try {
      if (job.state == Job.QUEUED) {
        queue.remove(job);
        job.state = Job.DONE;
      } else if (job.state == Job.SENT && kill && job.worker.inflight.peek() == job) {
        running = job.worker;
        running.killedFor = job;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (running != null) {
      running.process.destroyForcibly();
    }
  }

  void abandoned(MapRun run) {
    lock.lock();
    try {
      queue.removeIf(job -> job instanceof ChunkJob chunk && chunk.run == run);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Refuses to wait on one of this pool's reader threads, where the wait could never end. */
  void checkMayWait(CompletableFuture<?> future) {
    if (Thread.currentThread() instanceof WorkerLink.ReaderThread reader
        && reader.pool == this
        && (future == null || !future.isDone())) {
      throw new IllegalStateException(
          "waiting for a task of a pool on the pool's own thread (in a callback such as"
              + " thenApply) would wait for ever: that thread delivers the results. Use"
              + " thenApplyAsync/thenCompose, or wait outside the callback.");
    }
  }

  // ---- workers starting and ending

  private WorkerLink boot() {
    return link(Launcher.boot(settings));
  }

  private WorkerLink link(Process process) {
    long id = workerIds.incrementAndGet();
    return new WorkerLink(this, id, baseName + "-worker-" + id, process);
  }

  private LaunchSettings named(String name) {
    return new LaunchSettings(
        settings.jvmFlags(), settings.workingDirectory(), settings.environment(), name, false);
  }

  /** Freezes the configuration and tells the booted workers what to run; once. */
  private void start() {
    List<WorkerLink> initial;
    lock.lock();
    try {
      refuseIfClosed();
      if (frozen) {
        return;
      }
      frozen = true;
      initial = new ArrayList<>(workers);
    } finally {
      lock.unlock();
    }
    holdInitializerChannels();
    try {
      listen();
    } catch (UncheckedIOException e) {
      breakPool(new IllegalStateException("the pool cannot listen for its workers: " + e, e));
      throw e;
    }
    Thread dispatcher = new Thread(this::dispatch, "ferry-" + baseName + "-dispatch");
    dispatcher.setDaemon(true);
    dispatcher.start();
    for (WorkerLink w : initial) {
      launch(w);
    }
    lock.lock();
    try {
      if (wantsSpare() && spare == null) {
        newSpare();
      }
    } finally {
      lock.unlock();
    }
    launchPending();
  }

  private boolean wantsSpare() {
    return !closing && !closed && broken == null && (maxTasks > 0 || timeoutNanos > 0 || replacedAny);
  }

  /** A new spare worker, registered, launched by {@link #launchPending}. Under lock. */
  private void newSpare() {
    WorkerLink w = bootOrNull();
    if (w != null) {
      w.spare = true;
      spare = w;
      others.add(w);
    }
  }

  /** A new worker's JVM, to launch after the lock is released; null if it cannot start. */
  private WorkerLink bootOrNull() {
    try {
      WorkerLink w = boot();
      toLaunch.add(w);
      return w;
    } catch (RuntimeException e) {
      startFailures++;
      if (startFailures >= START_FAILURES_TO_BREAK) {
        broken = new IllegalStateException("the pool cannot start workers: " + e, e);
      }
      return null;
    }
  }

  /** Launches the workers booted under the lock; called after releasing it. */
  private void launchPending() {
    List<WorkerLink> links;
    lock.lock();
    try {
      if (toLaunch.isEmpty()) {
        return;
      }
      links = new ArrayList<>(toLaunch);
      toLaunch.clear();
    } finally {
      lock.unlock();
    }
    try {
      for (WorkerLink w : links) {
        launch(w);
      }
    } catch (RuntimeException e) {
      // launch broke the pool, which failed the waiting jobs
    }
  }

  /**
   * Why a channel the initializer takes may not be closed while the pool runs: a worker that
   * replaces another is handed the initializer's arguments as it starts, later than the first.
   */
  private static String handedAnew() {
    return "; each worker, a replacement too, is handed the initializer's arguments as it starts,"
        + " and a channel closed in this process cannot be handed on: close such a channel after"
        + " closing the pool";
  }

  /**
   * Takes the pool's own lease on each channel its initializer takes, for the workers it will
   * hand them to, replacements included. A channel handed only to the pool's workers counted as
   * abandoned by every process it was handed to whenever none of them was alive, a worker killed
   * or crashed and its replacement not yet started: a receive on it empty in its creator threw
   * ChannelClosedException, so a loop taking the workers' events ended while the pool went on.
   * Once started; the leases end when the pool starts no worker any more.
   */
  private void holdInitializerChannels() {
    SpawnContext leases = initArgs.length == 0 ? null : SpawnContext.holding(initArgs);
    lock.lock();
    try {
      if (!closed && broken == null) {
        initializerLeases = leases;
        return;
      }
    } finally {
      lock.unlock();
    }
    if (leases != null) {
      leases.endLeases(); // closed or broken meanwhile: it starts no worker
    }
  }

  /** Ends the pool's leases on its initializer's channels: it starts no worker any more. */
  private void releaseInitializerChannels() {
    SpawnContext leases;
    lock.lock();
    try {
      leases = initializerLeases;
      initializerLeases = null;
    } finally {
      lock.unlock();
    }
    if (leases != null) {
      leases.endLeases();
    }
  }

  /** Hands a booted worker its start: the worker loop, the initializer and its arguments. */
  private void launch(WorkerLink w) {
    lock.lock();
    try {
      if (w.launched || w.dead || closed) {
        return;
      }
      w.launched = true;
      connecting.put(w.id, w);
    } finally {
      lock.unlock();
    }
    WorkerStart start = new WorkerStart(socketForNewWorker(), w.id, token, initializer, initArgs);
    try {
      w.child = Launcher.spawn(named(w.name), w.process, (Ferry.Target1<WorkerStart>) PoolWorker::run, start);
    } catch (RuntimeException e) {
      w.process.destroyForcibly();
      breakPool(new IllegalStateException(
          "the pool cannot start its workers with initializer " + initializer + ": " + e
              + (e instanceof ChannelClosedException ? handedAnew() : ""), e));
      throw e;
    }
    w.process.onExit().thenRun(() -> exitedBeforeConnecting(w));
    if (timeoutNanos > 0) {
      timer().schedule(() -> notConnected(w), startDeadlineNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /**
   * With a task timeout, the worker was told what to run the timeout and {@link #START_GRACE_NANOS}
   * ago and has not connected: its initializer has not returned (or the worker is stopped). Without
   * this, tasks submitted while every worker was so stuck were never sent, so never timed, and
   * waited for ever, and so did {@code close()}. Killed, it counts as a worker that ended before it
   * connected: it is replaced, and three in a row break the pool, failing the waiting tasks.
   */
  private void notConnected(WorkerLink w) {
    lock.lock();
    try {
      if (w.connected || w.dead || w.stopping) {
        return;
      }
      w.notConnectedInTime = true;
    } finally {
      lock.unlock();
    }
    w.process.destroyForcibly();
  }

  private void exitedBeforeConnecting(WorkerLink w) {
    lock.lock();
    try {
      if (w.connected) {
        return; // its reader sees the connection end
      }
    } finally {
      lock.unlock();
    }
    gone(w, null);
  }

  /** The worker's reader saw its connection end (or break). */
  void connectionLost(WorkerLink w, Throwable cause) {
    try {
      if (!w.process.waitFor(5, TimeUnit.SECONDS)) {
        w.process.destroyForcibly();
        w.process.waitFor();
      }
    } catch (InterruptedException e) {
      w.process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    gone(w, cause);
  }

  /** Handles a worker's end: fails its running job, requeues the rest, starts a replacement. */
  private void gone(WorkerLink w, Throwable cause) {
    int exitCode = w.process.exitValue();
    String refused = refusedToStart(w, exitCode);
    ChildFailure report = refused == null ? reportOf(w, exitCode) : null;
    Job running;
    Throwable runningError = null;
    List<Job> failedByBreak = List.of();
    lock.lock();
    try {
      if (w.dead) {
        return;
      }
      w.dead = true;
      connecting.remove(w.id);
      boolean wasActive = workers.remove(w);
      others.remove(w);
      if (spare == w) {
        spare = null;
      }
      running = w.quitting ? null : w.inflight.poll();
      if (running != null && w.killedFor != null && running != w.killedFor) {
        // Killed to cancel or time out a job whose answer was on its way (read just now): the job
        // after it had only just started, if at all, and nobody cancelled it nor did it time out.
        // It runs again, first in line.
        w.inflight.addFirst(running);
        running = null;
      }
      while (!w.inflight.isEmpty()) {
        Job job = w.inflight.pollLast();
        job.state = Job.QUEUED;
        job.worker = null;
        job.stopClock(); // it runs again, timed from its next worker's STARTED
        if (!job.abandoned()) {
          queue.addFirst(job);
        }
      }
      if (running != null) {
        running.state = Job.DONE;
        running.stopClock();
        runningError =
            running.timedOut ? timeout(w, running) : died(w, exitCode, running, cause, report);
      }
      boolean expected = w.stopping || closed || (!w.launched && closing);
      if (!expected && !w.connected) {
        startFailed(w, exitCode, refused);
      }
      if (broken != null) {
        failedByBreak = drainWaiting();
      } else if (!expected && !closed && (wasActive || w.retiring || w.spare)) {
        replacedAny = true;
        if (wasActive) {
          replacement();
        }
        if (wantsSpare() && spare == null) {
          newSpare();
        }
      }
      work.signal();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (running != null) {
      running.failed(runningError);
    }
    for (Job job : failedByBreak) {
      job.failed(new IllegalStateException(broken.getMessage(), broken));
    }
    launchPending();
  }

  /**
   * What {@code w}'s JVM printed as it refused to start (a flag it does not know), if it ended with
   * the java launcher's code 1 (or an agent's 2) before it connected and left no failure report;
   * else null. Found out
   * by starting a JVM with the same options once (not under the lock: it takes a JVM's start).
   */
  private String refusedToStart(WorkerLink w, int exitCode) {
    if (!Launcher.mayHaveRefusedToStart(exitCode) || connected(w)) {
      return null;
    }
    ChildProcess child = w.child;
    if (child != null) {
      Optional<ChildFailure> failure = child.failure();
      return failure.isPresent() && failure.get().exceptionType().isEmpty()
          ? failure.get().message() : null;
    }
    return Launcher.jvmRefusal(settings)
        .map(output -> Launcher.refusal("worker " + w, settings, output, exitCode))
        .orElse(null);
  }

  private boolean connected(WorkerLink w) {
    lock.lock();
    try {
      return w.connected;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts a worker that ended before it connected; breaks the pool when that is hopeless. Workers
   * are counted as they end, whenever they started: a pool's workers and its spare run the
   * initializer side by side, so a pool of two or more whose initializer hangs breaks at the first
   * start deadline, a pool of one at the second. A pool already broken keeps its first reason, the
   * one its waiting tasks failed with (a later worker's end used to rewrite it, so that tasks
   * submitted afterwards were told "4 workers in a row" where the waiting ones had been told 3).
   */
  private void startFailed(WorkerLink w, int exitCode, String refused) {
    startFailures++;
    if (broken != null) {
      return;
    }
    Optional<ChildFailure> failure = w.child != null ? w.child.failure() : Optional.empty();
    if (refused != null) {
      broken = new IllegalStateException(refused + ": the pool is broken, every task fails");
    } else if (failure.isPresent() && initializer != null && exitCode == 1) {
      ChildFailure f = failure.get();
      broken = new IllegalStateException(
          "the pool's initializer " + initializer + " threw in worker " + w + ": " + f
              + "; the pool is broken, every task fails\n" + f.stackTrace());
    } else if (failure.isPresent()) {
      ChildFailure f = failure.get();
      broken = new IllegalStateException(
          "worker " + w + " could not start: " + f + "\n" + f.stackTrace());
    } else if (startFailures >= START_FAILURES_TO_BREAK) {
      String initializing = initializer == null || !w.launched || w.notConnectedInTime ? ""
          : " while or after running the pool's initializer " + initializer
              + " (a System.exit there ends a worker so, with no failure report)";
      String why = w.notConnectedInTime ? notConnectedInTime()
          : w.connectFailure == null ? WorkerDiedException.howItEnded(exitCode)
          : "was killed by the pool, which could not take its connection: " + w.connectFailure;
      broken = new IllegalStateException(
          startFailures + " workers in a row ended before they connected (the last one, " + w
              + ", " + why + initializing + "; see its output above): the pool is broken, every"
              + " task fails");
    }
  }

  /** Why a worker that {@link #notConnected} killed ended, as the broken pool's message says. */
  private String notConnectedInTime() {
    String what = initializer == null ? "connect"
        : "return from the pool's initializer " + initializer + " and connect";
    return "was killed by the pool: it did not " + what + " within the pool's task timeout of "
        + Duration.ofNanos(timeoutNanos) + " and " + Duration.ofNanos(START_GRACE_NANOS).toSeconds()
        + " s more after it was told to run (an initializer that never returns, or a stopped"
        + " worker), so no task could start";
  }

  /**
   * The jobs that wait, taken out of a pool that broke: those queued. A job a live worker holds
   * stays with it, and ends as any does: its worker answers it, or its end fails it or queues it
   * again, to be taken here ({@link #gone}). Such jobs used to be failed here too, while their
   * workers ran them to the end: a task told that the pool was broken had run, and a retry ran it
   * twice. Under lock.
   */
  private List<Job> drainWaiting() {
    return taken(new ArrayList<>(queue));
  }

  /** Every job not done yet, taken out of the pool, whose workers are killed. Under lock. */
  private List<Job> drainAll() {
    List<Job> jobs = new ArrayList<>(queue);
    for (WorkerLink w : workers) {
      jobs.addAll(w.inflight);
      w.inflight.clear();
    }
    for (WorkerLink w : others) {
      jobs.addAll(w.inflight);
      w.inflight.clear();
    }
    return taken(jobs);
  }

  /** {@code jobs}, done as far as the pool is concerned, the queue emptied. Under lock. */
  private List<Job> taken(List<Job> jobs) {
    queue.clear();
    for (Job job : jobs) {
      job.state = Job.DONE;
      job.stopClock();
    }
    return jobs;
  }

  private void breakPool(RuntimeException why) {
    List<Job> jobs;
    lock.lock();
    try {
      if (broken == null) {
        broken = why;
      }
      jobs = drainWaiting();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    releaseInitializerChannels(); // a broken pool starts no worker
    for (Job job : jobs) {
      job.failed(new IllegalStateException(why.getMessage(), why));
    }
  }

  /** Puts a worker in the place of one that ended: the spare if there is one. Under lock. */
  private void replacement() {
    WorkerLink w = spare;
    if (w != null) {
      spare = null;
      others.remove(w);
      w.spare = false;
      workers.add(w);
      return;
    }
    w = bootOrNull();
    if (w != null) {
      workers.add(w);
    } else if (broken == null && unbooted++ == 0) {
      timer().schedule(this::bootMissing, BOOT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Starts the replacements whose JVMs could not be started (the process out of file descriptors
   * or of processes), a while later: without them, a pool whose every worker has ended would wait
   * for ever. Each failure counts towards breaking the pool, as a worker that ends before it
   * connects does, so a machine that cannot start JVMs any more fails the tasks instead.
   */
  private void bootMissing() {
    RuntimeException why = null;
    lock.lock();
    try {
      while (unbooted > 0 && !closed && broken == null) {
        WorkerLink w = bootOrNull();
        if (w == null) {
          break;
        }
        workers.add(w);
        unbooted--;
      }
      if (broken != null || closed) {
        unbooted = 0;
        why = broken;
      } else if (unbooted > 0) {
        timer().schedule(this::bootMissing, BOOT_RETRY_MILLIS, TimeUnit.MILLISECONDS);
      }
    } finally {
      lock.unlock();
    }
    if (why != null) {
      breakPool(why); // fails the tasks that waited for these workers
    }
    launchPending();
  }

  /**
   * Takes a worker that reached maxTasksPerWorker out of rotation; it is stopped once its last job
   * is answered. Under lock.
   */
  private void retire(WorkerLink w) {
    w.retiring = true;
    workers.remove(w);
    others.add(w);
    if (w.inflight.isEmpty() && w.reserved == 0) {
      w.stopping = true;
      timer().execute(w::stop);
    }
    replacement();
    if (wantsSpare() && spare == null) {
      newSpare();
    }
  }

  /**
   * The failure report of a worker whose loop threw (exit code 1), e.g. a task's arguments too
   * large for its heap: read before the lock, as {@link #refusedToStart} is. Null if none.
   */
  private static ChildFailure reportOf(WorkerLink w, int exitCode) {
    ChildProcess child = w.child;
    if (exitCode != ChildMain.THREW || child == null) {
      return null;
    }
    return child.failure().filter(f -> !f.exceptionType().isEmpty()).orElse(null);
  }

  private WorkerDiedException died(
      WorkerLink w, int exitCode, Job job, Throwable cause, ChildFailure report) {
    String message = "worker " + w.name + " (pid " + w.pid() + ") "
        + WorkerDiedException.howItEnded(exitCode) + " while running " + job.describe()
        + (report == null ? "" : ", failing with " + report)
        + (closed ? "" : "; the pool started a replacement");
    WorkerDiedException e = new WorkerDiedException(message, w.pid(), exitCode);
    if (cause != null && !(cause instanceof IOException)) {
      e.initCause(cause);
    }
    return e;
  }

  private TimeoutException timeout(WorkerLink w, Job job) {
    if (job.neverStarted) {
      return new TimeoutException(
          job.describe() + " was not started by its worker " + w.name + " (pid " + w.pid()
              + ") within the pool's task timeout of " + Duration.ofNanos(timeoutNanos) + " and "
              + Duration.ofNanos(START_GRACE_NANOS).toSeconds() + " s more after it was sent (the"
              + " worker was stopped, SIGSTOP or a debugger, or hung before the task): it was"
              + " killed and replaced");
    }
    return new TimeoutException(
        job.describe() + " ran longer than the pool's task timeout of "
            + Duration.ofNanos(timeoutNanos) + ": its worker " + w.name + " (pid " + w.pid()
            + ") was killed and replaced");
  }

  // ---- the connection

  private void listen() {
    ServerSocketChannel listening;
    lock.lock();
    try {
      if (server != null) {
        return;
      }
      token = RuntimeFiles.randomToken();
      listening = listenOn(socketName());
    } finally {
      lock.unlock();
    }
    startAcceptor(listening);
  }

  private String socketName() {
    return "pool-" + number + ".sock";
  }

  /** Binds the pool's socket and makes it the one workers are told. Under lock. */
  private ServerSocketChannel listenOn(String name) {
    server = RuntimeFiles.listen(name);
    socketPath = RuntimeFiles.directory().resolve(name);
    return server;
  }

  private void startAcceptor(ServerSocketChannel listening) {
    Thread acceptor = new Thread(() -> accept(listening), "ferry-" + baseName + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * The socket path to tell a worker that starts now: the pool listens anew if its socket file
   * was deleted (with the runtime directory, by a temporary-file cleaner), where no replacement
   * worker could connect. Connected workers go on through their connections.
   */
  private String socketForNewWorker() {
    ServerSocketChannel fresh = null;
    ServerSocketChannel old = null;
    String path;
    lock.lock();
    try {
      if (!RuntimeFiles.stillThere(socketPath)) {
        old = server;
        fresh = listenOn(socketName());
      }
      path = socketPath.toString();
    } finally {
      lock.unlock();
    }
    if (fresh != null) {
      startAcceptor(fresh);
      closeQuietly(old);
    }
    return path;
  }

  /**
   * Accepts workers until the pool closes its socket. A failed accept (typically {@code EMFILE},
   * too many open files) is not the end, as in the channel server: the worker stays in the listen
   * backlog, so the loop waits, doubling the pause up to a second, and tries again.
   */
  private void accept(ServerSocketChannel listening) {
    long pause = 0;
    boolean said = false;
    while (listening.isOpen()) {
      SocketChannel socket;
      try {
        socket = listening.accept();
      } catch (ClosedChannelException e) {
        return; // closed with the pool
      } catch (IOException | RuntimeException e) {
        if (!said) {
          said = true;
          System.err.println("[ferry] pool " + baseName + " cannot accept its workers for now ("
              + e + "); retrying");
        }
        pause = Math.min(Math.max(1, pause * 2), 1000);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          // a set flag would close the socket at the next accept: go on
        }
        continue;
      }
      pause = 0;
      said = false;
      greet(socket);
    }
  }

  /**
   * Reads the connection's hello on a thread of its own, so that a connection that sends nothing
   * (another process of the same user, connecting by mistake or to stall the pool) holds up only
   * itself for the hello's timeout, not the workers connecting behind it.
   */
  private void greet(SocketChannel socket) {
    Thread greeter = new Thread(() -> {
      try {
        welcome(socket);
      } catch (IOException | RuntimeException e) {
        closeQuietly(socket);
      }
    }, "ferry-" + baseName + "-hello");
    greeter.setDaemon(true);
    try {
      greeter.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      closeQuietly(socket); // no thread to spare: a worker that was dropped so ends and is replaced
    }
  }

  /** Reads a worker's hello (closing a silent connection after a while) and connects it. */
  private void welcome(SocketChannel socket) throws IOException {
    var guard = timer().schedule(() -> closeQuietly(socket), HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    ByteBuffer hello = ByteBuffer.allocate(PoolWire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (hello.hasRemaining()) {
      if (socket.read(hello) < 0) {
        throw new IOException("a connection ended before its hello");
      }
    }
    guard.cancel(false);
    hello.flip();
    byte[] presented = new byte[Wire.TOKEN_BYTES];
    long magic = hello.getLong();
    long id = hello.getLong();
    hello.get(presented);
    WorkerLink w = magic == PoolWire.MAGIC && MessageDigest.isEqual(presented, token)
        ? connecting.remove(id) : null;
    if (w == null) {
      throw new IOException("a connection without a valid hello");
    }
    boolean wanted;
    lock.lock();
    try {
      wanted = !w.dead && !closed;
      if (wanted) {
        w.connected = true;
        startFailures = 0;
      }
    } finally {
      lock.unlock();
    }
    if (!wanted) {
      letGo(socket); // the pool closed while its initializer ran
      return;
    }
    try {
      w.connect(socket);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      // No selector or reader thread for it (out of file descriptors): a worker connected with no
      // reader would never be heard of again. It ends as one that never connected, and is replaced.
      lock.lock();
      try {
        w.connected = false;
        w.connectFailure = e;
      } finally {
        lock.unlock();
      }
      w.process.destroyForcibly();
      closeQuietly(socket);
      return;
    }
    lock.lock();
    try {
      w.ready = true;
      work.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Lets a worker the pool no longer wants go as a connected one is let go: the end of the pool's
   * stream, then the socket stays open until the worker hangs up, for at most the hello's timeout.
   * A worker tells its pool letting it go from its pool's death by writing an empty frame at the
   * end of the stream (see PoolWorker); a socket closed at once refused it, and the worker took
   * its pool's close for its death and reported a broken connection.
   */
  private void letGo(SocketChannel socket) {
    var guard = timer().schedule(() -> closeQuietly(socket), HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    try {
      socket.shutdownOutput();
      ByteBuffer rest = ByteBuffer.allocate(64);
      while (socket.read(rest) >= 0) {
        rest.clear();
      }
    } catch (IOException e) {
      // gone already
    } finally {
      guard.cancel(false);
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(java.io.Closeable socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }

  // ---- the dispatcher

  /** Sends queued jobs to workers as they have room, several per write. */
  private void dispatch() {
    while (true) {
      WorkerLink target;
      List<Job> batch = new ArrayList<>();
      lock.lock();
      try {
        while (true) {
          if (closed) {
            return;
          }
          Job first = queue.peek();
          while (first != null && first.abandoned()) {
            queue.poll();
            first.state = Job.DONE;
            first = queue.peek();
          }
          target = first != null ? roomFor(first) : null;
          if (target != null || !toLaunch.isEmpty()) {
            break;
          }
          work.awaitUninterruptibly();
        }
        if (target != null) { // else launch the workers booted meanwhile first
          fillBatch(target, batch);
        }
      } finally {
        lock.unlock();
      }
      launchPending();
      if (target != null) {
        write(target, batch);
      }
    }
  }

  /** Takes the queued jobs that fit in the worker's room and quota. Under lock. */
  private void fillBatch(WorkerLink target, List<Job> batch) {
    int room = depth() - target.inflight.size() - target.reserved;
    long quota = maxTasks > 0 ? maxTasks - target.assigned : Long.MAX_VALUE;
    while (batch.size() < room && !queue.isEmpty()) {
      Job next = queue.peek();
      if (next.abandoned()) {
        queue.poll().state = Job.DONE;
        continue;
      }
      if (!batch.isEmpty() && next.tasks > quota) {
        break;
      }
      batch.add(queue.poll());
      quota -= next.tasks;
    }
    target.reserved += batch.size();
  }

  // ---- closing

  public void close() {
    boolean interrupted = false;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (busy()) {
        // Before anything changes: a close refused here (in a callback on the pool's own thread,
        // where the wait could never end) used to leave the pool refusing new tasks, unclosed.
        checkMayWait(null);
      }
      closing = true;
      while (busy()) {
        try {
          changed.await();
        } catch (InterruptedException e) {
          // As ExecutorService.close takes an interrupt for shutdownNow: the wait used to go on,
          // for good for a task on a stopped worker without a taskTimeout, deaf to the interrupt.
          interrupted = true;
          break;
        }
      }
      if (!interrupted) {
        closed = true;
        work.signalAll();
      }
    } finally {
      lock.unlock();
    }
    if (interrupted) {
      cancelAll(CLOSE_INTERRUPTED);
      Thread.currentThread().interrupt();
      return;
    }
    stopAll(false);
    jvms.leaveSpares();
  }

  private static final String CLOSE_NOW = "closed with closeNow()";
  private static final String CLOSE_INTERRUPTED =
      "closed with close(), whose thread was interrupted while it waited for the tasks";

  /**
   * Whether jobs remain that will still complete. Under lock. A broken pool queues none, and its
   * live workers' jobs still complete.
   */
  private boolean busy() {
    if (!queue.isEmpty()) {
      return true;
    }
    for (WorkerLink w : workers) {
      if (!w.inflight.isEmpty() || w.reserved > 0) {
        return true;
      }
    }
    for (WorkerLink w : others) {
      if (!w.inflight.isEmpty() || w.reserved > 0) {
        return true;
      }
    }
    return false;
  }

  public void closeNow() {
    cancelAll(CLOSE_NOW);
  }

  /** Cancels every unfinished task, saying the pool was {@code how}, and kills the workers. */
  private void cancelAll(String how) {
    List<Job> jobs;
    lock.lock();
    try {
      if (!closed) {
        closedNow = how; // a pool already closed with close() was not closed now
      }
      closing = true;
      closed = true;
      jobs = drainAll();
      work.signalAll();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Job job : jobs) {
      job.failed(new CancellationException(job.describe() + " was cancelled: the pool was " + how));
    }
    stopAll(true);
    jvms.leaveSpares();
  }

  /** Stops every worker (or kills it) and waits for the JVMs to exit. */
  private void stopAll(boolean kill) {
    List<WorkerLink> all;
    List<WorkerLink> starting = new ArrayList<>();
    lock.lock();
    try {
      all = new ArrayList<>(workers);
      all.addAll(others);
      for (WorkerLink w : all) {
        w.stopping = true;
        if (!w.connected && initializer == null) {
          starting.add(w); // it has no task and no initializer to finish: waiting buys nothing
        }
      }
    } finally {
      lock.unlock();
    }
    for (WorkerLink w : all) {
      if (kill || starting.contains(w)) {
        w.process.destroyForcibly();
      } else {
        w.stop();
      }
    }
    // An interrupt ends the wait for a graceful stop, as ExecutorService.close takes one for
    // shutdownNow: the workers still running are killed, and the kill is waited for (a closed pool
    // never leaves a worker behind). Close used to return at once from an interrupted thread, and
    // a stopped or hung worker stayed until the program exited.
    List<WorkerLink> lingering;
    boolean interrupted = false;
    try {
      lingering = awaitExits(all, STOP_NANOS);
    } catch (InterruptedException e) {
      interrupted = true;
      lingering = all;
    }
    for (WorkerLink w : lingering) {
      w.process.destroyForcibly();
    }
    long deadline = System.nanoTime() + KILLED_EXIT_NANOS;
    while (true) {
      try {
        awaitExits(lingering, Math.max(0, deadline - System.nanoTime()));
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    releaseInitializerChannels(); // its workers have exited, and it starts none
    try {
      if (server != null) {
        server.close();
        Files.deleteIfExists(socketPath);
      }
    } catch (IOException ignored) {
      // the runtime directory goes at exit anyway
    }
  }

  /**
   * Waits for the workers' JVMs to exit, all within one {@code nanos} from now; returns those still
   * running. One deadline for all, not one each: stopped workers (SIGSTOP, a debugger) used to keep
   * {@code close()} 10 s each, one after the other, 80 s for a pool of eight.
   */
  private static List<WorkerLink> awaitExits(List<WorkerLink> workers, long nanos)
      throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    List<WorkerLink> running = new ArrayList<>();
    for (WorkerLink w : workers) {
      if (!w.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        running.add(w);
      }
    }
    return running;
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = timer;
    if (t == null) {
      synchronized (Pool.class) {
        t = timer;
        if (t == null) {
          t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "ferry-pool-timer");
            thread.setDaemon(true);
            return thread;
          });
          t.setRemoveOnCancelPolicy(true);
          timer = t;
        }
      }
    }
    return t;
  }
}
