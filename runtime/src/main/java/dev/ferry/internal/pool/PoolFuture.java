package dev.ferry.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a submitted task. {@code cancel(true)} on a running task kills its worker (the
 * pool starts another); waiting for it on one of the pool's own threads, where it could never
 * complete, fails at once instead of hanging, and so does waiting there for a stage chained onto
 * it ({@code thenApply}, {@code handle}, ...) before the task has completed.
 */
final class PoolFuture<R> extends CompletableFuture<R> {
  private final Pool pool;
  private final CallJob job;

  PoolFuture(Pool pool, CallJob job) {
    this.pool = pool;
    this.job = job;
  }

  /** The futures of stages chained onto this one: {@link Dependent}. */
  @Override
  public <U> CompletableFuture<U> newIncompleteFuture() {
    return new Dependent<>(this);
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      pool.dispatcher.cancelled(job, mayInterruptIfRunning);
    }
    return cancelled;
  }

  @Override
  public R get() throws InterruptedException, ExecutionException {
    while (true) {
      try {
        awaiting();
        return super.get();
      } catch (InternalError e) {
        Pool.faultedWhileWaiting(e);
      }
    }
  }

  @Override
  public R get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    long start = System.nanoTime();
    while (true) {
      try {
        long nanos = unit.toNanos(timeout); // in here: a fault may come at any call's return
        awaiting();
        return super.get(left(nanos, start), TimeUnit.NANOSECONDS);
      } catch (InternalError e) {
        Pool.faultedWhileWaiting(e);
      }
    }
  }

  @Override
  public R join() {
    while (true) {
      try {
        awaiting();
        return super.join();
      } catch (InternalError e) {
        Pool.faultedWhileWaiting(e);
      }
    }
  }

  /**
   * What is left of a wait of {@code nanos} begun at {@code start}, the time spent reading the
   * answer in the reader thread's stead taken off. A wait of none or less is left as it is: taken
   * off {@code Long.MIN_VALUE} (what {@code get(Long.MIN_VALUE, DAYS)} asks), the time wrapped
   * round to the longest wait, which a task that never ends never ended.
   */
  static long left(long nanos, long start) {
    return nanos <= 0 ? nanos : nanos - (System.nanoTime() - start);
  }

  /**
   * The calling thread is about to wait for the task: refused on the pool's own thread; else it
   * reads the task's answer itself for a moment if it can ({@link Pool#lead}), which is quicker
   * than being woken by the thread that would.
   */
  private void awaiting() {
    pool.checkMayWait(this);
    if (!isDone()) {
      pool.lead(job);
    }
  }

  /**
   * A stage chained onto a task's future, at any depth ({@code CompletableFuture} makes each one
   * through {@link #newIncompleteFuture}). It completes only after the task has, so waiting for it
   * on the pool's own thread while the task has not completed could never end: a callback {@code
   * thenApply(x -> pool.submit(T::f, x).thenApply(g).join())} on a pool of one used to block the
   * thread that delivers that worker's results, and the pool with it. Once the task has completed,
   * a wait for a stage (run asynchronously elsewhere, say) is let through.
   */
  static final class Dependent<U> extends CompletableFuture<U> {
    private final PoolFuture<?> task;

    Dependent(PoolFuture<?> task) {
      this.task = task;
    }

    @Override
    public <V> CompletableFuture<V> newIncompleteFuture() {
      return new Dependent<>(task);
    }

    @Override
    public U get() throws InterruptedException, ExecutionException {
      while (true) {
        try {
          awaiting();
          return super.get();
        } catch (InternalError e) {
          Pool.faultedWhileWaiting(e);
        }
      }
    }

    @Override
    public U get(long timeout, TimeUnit unit)
        throws InterruptedException, ExecutionException, TimeoutException {
      long start = System.nanoTime();
      while (true) {
        try {
          long nanos = unit.toNanos(timeout); // in here: a fault may come at any call's return
          awaiting();
          return super.get(left(nanos, start), TimeUnit.NANOSECONDS);
        } catch (InternalError e) {
          Pool.faultedWhileWaiting(e);
        }
      }
    }

    @Override
    public U join() {
      while (true) {
        try {
          awaiting();
          return super.join();
        } catch (InternalError e) {
          Pool.faultedWhileWaiting(e);
        }
      }
    }

    /** As the task's own {@link PoolFuture#awaiting}, for the task this stage waits for. */
    private void awaiting() {
      task.pool.checkMayWait(task);
      if (!isDone() && !task.isDone()) {
        task.pool.lead(task.job);
      }
    }
  }
}
