package dev.ferry;

import dev.ferry.annotation.Sent;
import dev.ferry.internal.pool.Pool;
import dev.ferry.annotation.SpawnArgument;
import dev.ferry.annotation.SpawnTarget;
import java.io.Serializable;
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
  }

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

  public ProcessPool maxTasksPerWorker(int tasks) {
    pool.maxTasksPerWorker(tasks);
    return this;
  }

  public ProcessPool taskTimeout(Duration timeout) {
    pool.taskTimeout(Objects.requireNonNull(timeout, "timeout == null"));
    return this;
  }

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
  }

  public <@Sent A, @Sent R> List<R> map(@SpawnTarget Ferry.Task1<A, R> task, Iterable<A> inputs)
      throws InterruptedException {
    Objects.requireNonNull(inputs, "inputs == null");
    return cast(pool.map(task, inputs));
  }

  public <@Sent A, @Sent R> Iterator<R> mapUnordered(
      @SpawnTarget Ferry.Task1<A, R> task, Iterable<A> inputs) {
    Objects.requireNonNull(inputs, "inputs == null");
    return cast(pool.mapUnordered(task, inputs));
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

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }
}
