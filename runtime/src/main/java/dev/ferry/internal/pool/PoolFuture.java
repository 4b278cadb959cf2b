package dev.ferry.internal.pool;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The future of a submitted task. {@code cancel(true)} on a running task kills its worker (the
 * pool starts another); waiting for it on one of the pool's own threads, where it could never
 * complete, fails at once instead of hanging.
 */
final class PoolFuture<R> extends CompletableFuture<R> {
  private final Pool pool;
  private final CallJob job;

  PoolFuture(Pool pool, CallJob job) {
    this.pool = pool;
    this.job = job;
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      pool.cancelled(job, mayInterruptIfRunning);
    }
    return cancelled;
  }

  @Override
  public R get() throws InterruptedException, ExecutionException {
    pool.checkMayWait(this);
    return super.get();
  }

  @Override
  public R get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    pool.checkMayWait(this);
    return super.get(timeout, unit);
  }

  @Override
  public R join() {
    pool.checkMayWait(this);
    return super.join();
  }
}
