package dev.ferry;

import dev.ferry.annotation.Sent;
import dev.ferry.annotation.SpawnArgument;
import dev.ferry.annotation.SpawnTarget;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A fixed number of worker JVMs that run tasks: static methods called with copies of their
 * arguments, whose results are copied back. The API surface; the workers are built by the pool
 * issue.
 */
public final class ProcessPool implements AutoCloseable {
  ProcessPool(SpawnOptions options, int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers < 1: " + workers);
    }
  }

  public ProcessPool initializer(@SpawnTarget Ferry.Target0 initializer) {
    throw notBuilt();
  }

  public <A> ProcessPool initializer(
      @SpawnTarget Ferry.Target1<A> initializer, @SpawnArgument A a) {
    throw notBuilt();
  }

  public <A, B> ProcessPool initializer(
      @SpawnTarget Ferry.Target2<A, B> initializer, @SpawnArgument A a, @SpawnArgument B b) {
    throw notBuilt();
  }

  public <A, B, C> ProcessPool initializer(
      @SpawnTarget Ferry.Target3<A, B, C> initializer,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c) {
    throw notBuilt();
  }

  public <A, B, C, D> ProcessPool initializer(
      @SpawnTarget Ferry.Target4<A, B, C, D> initializer,
      @SpawnArgument A a,
      @SpawnArgument B b,
      @SpawnArgument C c,
      @SpawnArgument D d) {
    throw notBuilt();
  }

  public ProcessPool maxTasksPerWorker(int tasks) {
    throw notBuilt();
  }

  public ProcessPool taskTimeout(Duration timeout) {
    throw notBuilt();
  }

  public <@Sent R> CompletableFuture<R> submit(@SpawnTarget Ferry.Task0<R> task) {
    throw notBuilt();
  }

  public <@Sent A, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task1<A, R> task, @Sent A a) {
    throw notBuilt();
  }

  public <@Sent A, @Sent B, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task2<A, B, R> task, @Sent A a, @Sent B b) {
    throw notBuilt();
  }

  public <@Sent A, @Sent B, @Sent C, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task3<A, B, C, R> task, @Sent A a, @Sent B b, @Sent C c) {
    throw notBuilt();
  }

  public <@Sent A, @Sent B, @Sent C, @Sent D, @Sent R> CompletableFuture<R> submit(
      @SpawnTarget Ferry.Task4<A, B, C, D, R> task, @Sent A a, @Sent B b, @Sent C c, @Sent D d) {
    throw notBuilt();
  }

  public <@Sent A, @Sent R> List<R> map(@SpawnTarget Ferry.Task1<A, R> task, Iterable<A> inputs)
      throws InterruptedException {
    throw notBuilt();
  }

  public <@Sent A, @Sent R> Iterator<R> mapUnordered(
      @SpawnTarget Ferry.Task1<A, R> task, Iterable<A> inputs) {
    throw notBuilt();
  }

  @Override
  public void close() {
    throw notBuilt();
  }

  public void closeNow() {
    throw notBuilt();
  }

  private static UnsupportedOperationException notBuilt() {
    return new UnsupportedOperationException("ProcessPool is not built yet (issue 8)");
  }
}
