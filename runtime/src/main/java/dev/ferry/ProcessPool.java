package dev.ferry;

import dev.ferry.annotation.Sent;
import dev.ferry.internal.pool.DroppedPools;
import dev.ferry.internal.pool.Pool;
import dev.ferry.annotation.SpawnArgument;
import dev.ferry.annotation.SpawnTarget;
import java.io.Serializable;
import java.lang.ref.Reference;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A fixed number of worker JVMs that run tasks: static methods called with copies of their
 * arguments, whose results are copied back, like Python's {@code multiprocessing.Pool}.
 *
 * <pre>{@code
 * try (ProcessPool pool = Ferry.pool(4)) {
 *   List<Integer> squares = pool.map(Main::square, List.of(1, 2, 3));   // [1, 4, 9]
 *   CompletableFuture<Report> report = pool.submit(Main::analyze, path, 10);
 *   for (Iterator<Score> it = pool.mapUnordered(Main::score, inputs); it.hasNext(); ) {
 *     show(it.next());                                                  // as they finish
 *   }
 * }
 * }</pre>
 *
 * <p>The workers' JVMs start with the pool, all of them at once (at most 1,024); they are told what to run when the first task is
 * submitted, so the initializer, {@link #maxTasksPerWorker} and {@link #taskTimeout} are set before
 * it (afterwards they throw {@link IllegalStateException}). Arguments and results are copied by
 * their codecs, as channel messages are: {@code @Transferable} types, imported and hand-written
 * codecs' types, and built-in values. A task that
 * throws completes its future with an exception whose {@code toString()} and stack trace are the
 * worker's; a worker that dies fails the task it was running with an exception that names its
 * pid, how it ended and the task, and is replaced; other tasks go on. See {@code
 * docs/runtime.md}.
 */
public final class ProcessPool implements AutoCloseable {
  private final Pool pool;

  ProcessPool(SpawnOptions options, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers < 1: " + workers + ": a pool runs its tasks on"
          + " its workers, so with none every task would wait for ever; ask for at least 1, e.g."
          + " Ferry.pool(Runtime.getRuntime().availableProcessors()) for tasks that compute");
    }
    if (workers > Pool.MAX_WORKERS) {
      throw new IllegalArgumentException("workers > " + Pool.MAX_WORKERS + ": " + workers
          + ": a pool starts every worker's JVM at once, each with tens of MiB of memory and a"
          + " few dozen threads, so this many would not end before the machine runs out; ask for"
          + " about as many workers as there are cores for tasks that compute, a few times that"
          + " for tasks that wait");
    }
    this.pool = new Pool(options.settings(), workers);
    DroppedPools.watch(this, pool);
  }

  /**
   * Runs {@code initializer} once in each worker, a replacement too, before its first task, like
   * Python's {@code Pool(initializer=...)}; the overloads below take its arguments, which are spawn
   * arguments: copies of values, and channels handed to every worker. A value whose class has no
   * codec is refused here ({@code [ferry:not-transferable]}). An initializer that throws breaks
   * the pool: every task fails with an {@link IllegalStateException} saying why. Set it before the
   * first task; a second call replaces the first.
   *
   * @throws IllegalStateException after the first task, or once the pool is closed
   */
  public ProcessPool initializer(@SpawnTarget Ferry.Target0 initializer) {
    pool.initializer(initializer);
    return this;
  }

  public <A> ProcessPool initializer(
      @SpawnTarget Ferry.Target1<A> initializer, @SpawnArgument A a) {
    pool.initializer(initializer, a);
    return this;
  }

  public <A, B> ProcessPool initializer(
      @SpawnTarget Ferry.Target2<A, B> initializer, @SpawnArgument A a, @SpawnArgument B b) {
    pool.initializer(initializer, a, b);
    return this;
  }

  public <A, B, C> ProcessPool initializer(
      @SpawnTarget Ferry.Target3<A, B, C> initializer,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c) {
    pool.initializer(initializer, a, b, c);
    return this;
  }

  public <A, B, C, D> ProcessPool initializer(
      @SpawnTarget Ferry.Target4<A, B, C, D> initializer,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c,
      @SpawnArgument D d) {
    pool.initializer(initializer, a, b, c, d);
    return this;
  }

  /**
   * Replaces a worker once it has been given {@code tasks} tasks (a spare waits, started and
   * initialized), like Python's {@code maxtasksperchild}; unset, workers live as long as the pool.
   * Set it before the first task.
   *
   * @throws IllegalArgumentException if {@code tasks} is less than 1
   * @throws IllegalStateException after the first task, or once the pool is closed
   */
  public ProcessPool maxTasksPerWorker(int tasks) {
    pool.maxTasksPerWorker(tasks);
    return this;
  }

  /**
   * Fails a task that runs longer than {@code timeout} with a {@link
   * java.util.concurrent.TimeoutException}, and kills and replaces its worker; the clock starts
   * when the worker starts the task. A worker that does not start a task, or finish its
   * initializer, within the timeout and 5 s more is killed too. Unset, tasks run as long as they
   * take; one longer than a {@code long} of nanoseconds bounds nothing. Set it before the first
   * task.
   *
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @throws IllegalStateException after the first task, or once the pool is closed
   */
  public ProcessPool taskTimeout(Duration timeout) {
    pool.taskTimeout(Objects.requireNonNull(timeout, "timeout == null"));
    return this;
  }

  /**
   * Runs {@code task}, a reference to a static method, on a worker; the overloads below take up to
   * four arguments, copied to the worker by their codecs, as its result is copied back (a null
   * too). The future fails with the task's exception (its class, message and frames as the worker
   * printed them), or with the worker's end if it died running it. {@code cancel(true)} of a
   * running task kills its worker, which is replaced.
   *
   * @throws IllegalArgumentException if an argument has no codec, or they take more than 64 MiB
   * @throws IllegalStateException once the pool is closed, or broken (its initializer threw)
   */
  public <@Sent R> CompletableFuture<R> submit(@SpawnTarget Ferry.Task0<R> task) {
    return submitted(task);
  }

  public <@Sent A, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task1<A, R> task, @Sent A a) {
    return submitted(task, a);
  }

  public <@Sent A, @Sent B, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task2<A, B, R> task, @Sent A a, @Sent B b) {
    return submitted(task, a, b);
  }

  public <@Sent A, @Sent B, @Sent C, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task3<A, B, C, R> task, @Sent A a, @Sent B b, @Sent C c) {
    return submitted(task, a, b, c);
  }

  public <@Sent A, @Sent B, @Sent C, @Sent D, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task4<A, B, C, D, R> task, @Sent A a, @Sent B b, @Sent C c, @Sent D d) {
    return submitted(task, a, b, c, d);
  }

  /**
   * Submits a task; a fault of a cut rings file that the JVM raises in here (see {@link
   * Pool#afterFault}), even as {@code Pool.submit} returns, gives the task's future all the same,
   * or submits it again if it was not handed over: it used to reach the caller as an {@code
   * InternalError} with the task running, and the future lost.
   */
  private <R> CompletableFuture<R> submitted(Serializable task, Object... args) {
    try {
      Pool.Receipt receipt = new Pool.Receipt();
      while (true) {
        try {
          return cast(pool.submit(receipt, task, args));
        } catch (InternalError e) {
          CompletableFuture<Object> handed = pool.afterFault(e, receipt);
          if (handed != null) {
            return cast(handed);
          }
        }
      }
    } finally {
      Reference.reachabilityFence(this); // see startsWhileReachable
    }
  }

  /**
   * Runs {@code task} on each input, in chunks sized from the tasks' measured cost, and returns the
   * results in input order once all are in; an empty input gives an empty list.
   *
   * @throws java.util.concurrent.CompletionException of the first task that failed (the map ends
   *     there: inputs not yet handed out never run)
   * @throws InterruptedException if the calling thread is interrupted (the flag cleared)
   * @throws IllegalArgumentException {@code [ferry:not-transferable]} for an input with no codec,
   *     naming its place (the map ends there, as for an exception of {@code inputs}, which comes
   *     out as it is)
   * @throws IllegalStateException once the pool is closed, or broken
   */
  public <@Sent A, @Sent R> List<R> map(@SpawnTarget Ferry.Task1<A, R> task, Iterable<A> inputs)
      throws InterruptedException {
    Objects.requireNonNull(inputs, "inputs == null");
    try {
      return cast(pool.map(task, inputs));
    } finally {
      Reference.reachabilityFence(this); // see startsWhileReachable
    }
  }

  /**
   * Runs {@code task} on each input and gives the results as they finish, like Python's {@code
   * imap_unordered}: one outcome per input, a failed task's as a {@link
   * java.util.concurrent.CompletionException} from {@code next()}, the others still coming. A
   * pool broken, or closed while this runs, refuses its next chunk with an {@link
   * IllegalStateException} from {@code next()}. The iterator may be shared by threads: their calls
   * take turns, and each result comes out of one {@code next()} (a {@code hasNext()} that said true
   * may then meet a {@code next()} that throws {@link java.util.NoSuchElementException}, once
   * another thread took the last result).
   *
   * @throws IllegalStateException once the pool is closed
   */
  public <@Sent A, @Sent R> Iterator<R> mapUnordered(
      @SpawnTarget Ferry.Task1<A, R> task, Iterable<A> inputs) {
    Objects.requireNonNull(inputs, "inputs == null");
    try {
      return cast(pool.mapUnordered(task, inputs));
    } finally {
      Reference.reachabilityFence(this); // see startsWhileReachable
    }
  }

  /**
   * Finishes every task submitted so far, then stops the workers and waits for them to exit. An
   * interrupt of the closing thread while it waits (or set before) does what {@code
   * ExecutorService.close} does: the unfinished tasks are cancelled and the workers killed, as by
   * {@link #closeNow()}, and the interrupt flag stays set.
   */
  @Override
  public void close() {
    pool.close();
  }

  /**
   * Kills the workers at once; every task not finished completes with a {@link
   * java.util.concurrent.CancellationException}.
   */
  public void closeNow() {
    pool.closeNow();
  }

  /*
   * startsWhileReachable: a pool dropped before its first task is closed once this handle is
   * unreachable (DroppedPools). A submit or map that is the handle's last use (a pool never closed)
   * keeps it reachable until the pool has started, which its compiled code need not do once it has
   * read the field: the cleaner could close the pool while the call encodes its arguments.
   */

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
