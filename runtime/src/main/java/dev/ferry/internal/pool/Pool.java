package dev.ferry.internal.pool;

import dev.ferry.internal.process.LaunchSettings;
import dev.ferry.internal.process.TargetClassInitialization;
import dev.ferry.internal.transport.HeapReserve;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.RingStream;
import dev.ferry.internal.transport.Timeouts;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine behind {@link dev.ferry.ProcessPool}: the coordinator that holds the pool's
 * configuration, its lock and its life (started, closing, closed, broken), takes its tasks and
 * maps, and owns the parts that do the work, each in a class of its own:
 *
 * <ul>
 *   <li>{@link Workforce}: the workers, and what starts, launches, replaces and retires them;
 *   <li>{@link Dispatcher}: the queue of jobs no worker has room for, and the dispatcher thread;
 *   <li>{@link TaskTimeouts}: the task timeout, and the deadlines to start a task and to connect;
 *   <li>{@link WorkerEnds}: what follows a worker's end;
 *   <li>{@link Shutdown}: {@code close()} and {@code closeNow()};
 *   <li>{@link InitializerLeases}: the pool's own leases on its initializer's channels.
 * </ul>
 *
 * <p><b>Start.</b> The workers' JVMs are started with the pool (with its first task instead, for
 * a pool made in a child while the class of its target or task is initialized: see the
 * constructor); each is told what to run (the worker loop and the initializer, as spawn
 * arguments) when the first task is submitted, since until then the initializer may still be set.
 * A worker then connects to the pool's socket.
 *
 * <p><b>Dispatch.</b> A job goes straight to the worker with the most room, written by the
 * submitting thread; when no worker has room it waits in the queue, which the dispatcher thread
 * empties, several jobs per write, as answers make room (see {@link Dispatcher}).
 *
 * <p><b>Ends.</b> A worker's connection ending means its JVM ended: the first unanswered job is the
 * one it was running, which fails with a {@link WorkerDiedException} (or the {@code
 * TimeoutException} of its timeout); the others never started and go back to the queue; a new
 * worker is started. Workers that die before they connect are counted; three in a row break the
 * pool, as does a failing initializer, so that every waiting task fails instead of hanging.
 *
 * <p><b>One lock.</b> The parts share the pool's {@link #lock}, which guards the state each keeps
 * (the queue, the workers' lists, a job's state, a worker's flags) and the pool's life below: a
 * change that spans parts (a worker's end requeues its jobs and starts its replacement) is one
 * step under one lock, as when they were one class. Where a worker's write lock is taken too, it
 * is taken first ({@link Dispatcher}).
 */
public final class Pool {
  private static final AtomicInteger POOLS = new AtomicInteger();
  private static volatile ScheduledThreadPoolExecutor timer;

  private final int number = POOLS.incrementAndGet();
  final LaunchSettings settings;
  final int size;
  final String baseName;
  /** Numbers this pool's tasks and chunks, as messages name them: "task #3 of the pool". */
  private final AtomicLong jobs = new AtomicLong();

  /**
   * The pool's lock, a monitor: threads that take it (a caller of {@code submit} or {@code join},
   * a worker's reader thread) may carry the fault of a touch of a cut rings file, which the JVM
   * raises a little after the touch, in whatever code runs by then, and a {@code ReentrantLock}
   * that it interrupts may stay held, or lose a waiter, for good; the JVM takes a monitor and lets
   * it go with no such gap. The dispatcher and {@code close()} wait on it for changes.
   */
  final Object lock = new Object();

  // Configuration: set before the first task, read after without the lock.
  MethodRef initializer;
  Object[] initArgs = new Object[0];
  int maxTasks;

  // Guarded by lock.
  boolean frozen;
  boolean closing;
  boolean closed;
  RuntimeException broken;

  // The parts; each keeps its own state, guarded by lock (see each class).
  final Dispatcher dispatcher = new Dispatcher(this);
  final Workforce workforce = new Workforce(this);
  final TaskTimeouts timeouts = new TaskTimeouts(this);
  final WorkerEnds ends = new WorkerEnds(this);
  final Shutdown shutdown = new Shutdown(this);
  final InitializerLeases initializerLeases = new InitializerLeases(this);

  final ConcurrentHashMap<Long, WorkerLink> connecting = new ConcurrentHashMap<>();
  WorkerAcceptor acceptor; // from the pool's start; guarded by lock

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
    // A pool made while a child initializes the class of its target or task (a static field
    // beside the tasks it maps: each worker initializes that class again) starts its JVMs on its
    // first use, which there never comes: the program's own pool is the one that maps. Booted
    // at once, every worker started an idle pool of its own, eight JVMs more each for pool(8).
    if (!TargetClassInitialization.inProgress()) {
      workforce.bootWorkers();
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
    MethodRef method = MethodRef.of(target, "pool's initializer");
    for (Object arg : args) {
      // Refused here, as a spawn refuses it, rather than by the first task, which starts workers
      MessageTypes.requireCodec(arg);
    }
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
    configure(() -> timeouts.set(nanos));
  }

  private void configure(Runnable change) {
    synchronized (lock) {
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
    }
  }

  // ---- submitting

  /**
   * What {@code submit} made of a call, kept by its caller: a fault of a cut rings file may come
   * out of {@code submit} before or after the task was handed over (see {@link #afterFault}),
   * even as it returns, with the future it returned lost.
   */
  public static final class Receipt {
    private CallJob job;
  }

  /**
   * Submits a task; {@code receipt} keeps it, for {@link #afterFault}: submitted again with the
   * same receipt, it is the same task, not encoded or numbered again.
   */
  public CompletableFuture<Object> submit(Receipt receipt, Serializable task, Object... args) {
    CallJob job = receipt.job;
    if (job == null) {
      MethodRef method = MethodRef.of(task);
      TaskBodies.Body body = TaskBodies.arguments(args);
      job = new CallJob(this, jobs.incrementAndGet(), method, body.bytes(), body.types());
      receipt.job = job;
    }
    start();
    dispatcher.send(job);
    return job.future;
  }

  /**
   * The caller of {@link #submit} met an {@code InternalError}: the fault of a touch of a cut
   * rings file (this thread's, as it read an answer in the reader thread's stead, or wrote a
   * task), which the JVM raises a little after the touch, in whatever code runs by then. Marks
   * the files found cut, whose connections end; rethrows anything else. Returns the task's future
   * if the task was queued or sent (its worker's end fails it, or it runs), or null if it was not:
   * then the caller submits it again with the same receipt, and it is sent once.
   */
  public CompletableFuture<Object> afterFault(InternalError e, Receipt receipt) {
    faultedWhileWaiting(e);
    CallJob job = receipt.job;
    return job != null && dispatcher.handedOver(job) ? job.future : null;
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
   * passes {@link MapRun#TARGET_CHUNK_BYTES} (see {@link TaskBodies#inputs}); returns how many it
   * holds, and the map puts the rest in its next chunks.
   */
  int submitChunk(MapRun run, int sequence, long firstInput, List<Object> inputs) {
    TaskBodies.Body body = TaskBodies.inputs(inputs, firstInput, run.method);
    dispatcher.send(new ChunkJob(run, jobs.incrementAndGet(), sequence, firstInput, body.count(),
        body.bytes(), body.types()));
    return body.count();
  }

  /** How many inputs a map may put in one chunk, given the size it would like. */
  int chunkLimit(int wanted) {
    if (timeouts.timesTasks()) {
      return 1; // a timeout is per task: only a chunk of one can be timed as one task
    }
    return maxTasks > 0 ? Math.min(wanted, maxTasks) : wanted;
  }

  void refuseIfClosed() {
    if (closing || closed) {
      throw new IllegalStateException("the pool is closed: no new tasks");
    }
  }

  /** The job a worker is answering, its first unanswered one, left on the list; or null. */
  Job answering(WorkerLink w) {
    synchronized (lock) {
      return w.inflight.peek();
    }
  }

  /**
   * The caller is about to wait for {@code job}: if it is the next its worker answers, and the
   * answers come through the rings, it reads them itself for a moment ({@link WorkerLink#lead}).
   */
  void lead(CallJob job) {
    WorkerLink w;
    synchronized (lock) {
      w = job.state == Job.SENT && job.worker.inflight.peek() == job ? job.worker : null;
    }
    if (w != null) {
      w.lead(job);
    }
  }

  /**
   * A fault of a rings file cut short that surfaced in a thread waiting for a task: the JVM raises
   * it a little after the touch, so past the catches of the code that touched it (the waiting
   * thread read the rings in the reader thread's stead: {@link WorkerLink#lead}), in the wait
   * itself ({@code CompletableFuture.get}'s own code), which threw it to its caller as if the
   * pool had broken. Marks the files found cut,
   * waking their reader threads, which end those connections and fail their tasks saying so; the
   * caller then waits on. Anything else is rethrown. Looking at the files may surface another
   * such fault (of a later touch), which is answered the same way.
   */
  static void faultedWhileWaiting(InternalError e) {
    InternalError fault = e;
    while (true) {
      try {
        RingStream.faultedAnywhere(fault);
        return;
      } catch (InternalError next) {
        if (next == fault) {
          throw fault; // no file was cut: not the rings'
        }
        fault = next;
      }
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

  // ---- starting, breaking

  /** Freezes the configuration and tells the booted workers what to run; once. */
  private void start() {
    List<WorkerLink> initial;
    boolean booted;
    synchronized (lock) {
      refuseIfClosed();
      if (frozen) {
        return; // every submit and map comes here: nothing above this line costs it anything
      }
      frozen = true;
      booted = workforce.jvms != null;
    }
    // The error paths' calls, linked while the heap has room (see HeapReserve.pause), the
    // dispatcher's below among them; then the reserve, held from the first pool on. Once a pool:
    // done before the check above, on every submit, the reserve's megabyte was allocated twice a
    // task, and pool submits fell from 45,000 to 3,000 a second.
    WorkerLink.prime();
    MapRun.prime();
    ChunkJob.prime();
    HeapReserve.release();
    HeapReserve.pause(1);
    HeapReserve.restore();
    if (!booted) {
      try {
        workforce.bootWorkers();
      } catch (RuntimeException | OutOfMemoryError e) {
        breakPool(new IllegalStateException("the pool cannot start its workers: " + e, e));
        throw e;
      }
    }
    synchronized (lock) {
      initial = new ArrayList<>(workforce.workers);
    }
    initializerLeases.hold(initArgs);
    try {
      listen();
    } catch (UncheckedIOException e) {
      breakPool(new IllegalStateException("the pool cannot listen for its workers: " + e, e));
      throw e;
    }
    Thread dispatching = new Thread(dispatcher::dispatch, "ferry-" + baseName + "-dispatch");
    dispatching.setDaemon(true);
    dispatching.start();
    for (WorkerLink w : initial) {
      workforce.launch(w);
    }
    synchronized (lock) {
      workforce.keepSpare();
    }
    workforce.launchPending();
  }

  /**
   * Breaks the pool for {@code why} (a broken pool keeps its first reason): the tasks that wait
   * fail with it, every later one is refused, and no worker starts any more.
   */
  void breakPool(RuntimeException why) {
    List<Job> jobs;
    synchronized (lock) {
      if (broken == null) {
        broken = why;
      }
      jobs = dispatcher.drainWaiting();
      lock.notifyAll();
    }
    initializerLeases.release(); // a broken pool starts no worker
    for (Job job : jobs) {
      job.failed(new IllegalStateException(why.getMessage(), why));
    }
  }

  // ---- the connection

  /** Binds the pool's socket, once, when the pool starts. */
  private void listen() {
    synchronized (lock) {
      if (acceptor == null) {
        acceptor = new WorkerAcceptor(baseName, "pool-" + number + ".sock", this::arrived);
      }
    }
  }

  /**
   * A worker connected with a right hello ({@link WorkerAcceptor}): it takes tasks from now on,
   * unless the pool closed while its initializer ran, when it is let go.
   */
  private void arrived(long workerId, SocketChannel socket) throws IOException {
    WorkerLink w = connecting.remove(workerId);
    if (w == null) {
      throw new IOException("a connection without a valid hello");
    }
    boolean wanted;
    synchronized (lock) {
      wanted = !w.dead && !closed;
      if (wanted) {
        w.connected = true;
        workforce.anyConnected = true;
        workforce.startFailures = 0;
      }
    }
    if (!wanted) {
      WorkerAcceptor.letGo(socket); // the pool closed while its initializer ran
      return;
    }
    try {
      w.connect(socket);
    } catch (IOException | RuntimeException | OutOfMemoryError e) {
      // No selector or reader thread for it (out of file descriptors): a worker connected with no
      // reader would never be heard of again. It ends as one that never connected, and is replaced.
      synchronized (lock) {
        w.connected = false;
        w.connectFailure = e;
      }
      w.process.destroyForcibly();
      WorkerAcceptor.closeQuietly(socket);
      return;
    }
    synchronized (lock) {
      w.ready = true;
      lock.notifyAll();
    }
  }

  // ---- closing

  public void close() {
    shutdown.close();
  }

  public void closeNow() {
    shutdown.closeNow();
  }

  /**
   * The one timer thread the pools of this process share: task timeouts and start deadlines, the
   * wait for an orphaned connection's end, retries of workers that could not start, workers
   * retired with nothing left to answer, and the guard on a connection's hello. Made with the
   * first use; a daemon. It stays in this class, loaded with the first pool, rather than one of its
   * own, loaded at its first use: a process out of file descriptors cannot open a class file, and
   * a worker's hello read then (FdExhaustionTest) found no timer class and was never answered.
   */
  static ScheduledThreadPoolExecutor timer() {
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
