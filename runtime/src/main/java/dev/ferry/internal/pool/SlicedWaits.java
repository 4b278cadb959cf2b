package dev.ferry.internal.pool;

import java.util.concurrent.TimeUnit;

/**
 * A wait for a task's outcome cut in slices, each a wait that the completion wakes at once, with a
 * look between them whether the task completed: see {@link #SLICE_NANOS}. No lambda: nothing is
 * made per wait.
 */
final class SlicedWaits {
  private SlicedWaits() {}

  /**
   * How long a wait for a task's outcome lasts before it looks again whether the task completed.
   * Its completion wakes the wait at once, but the thread that completes it (the worker's reader
   * thread) may carry the fault of a touch of a cut rings file, which the JVM raises a little
   * after the touch, in whatever code runs by then: inside {@code CompletableFuture.complete},
   * after the outcome was set and before the waiting threads were woken, which then waited for
   * ever for a task that had completed (a thread waiting in CompletableFuture.join with the pool
   * idle: once in 24 runs of CutRingsWhileWaitingTest, before {@code RingLink.settle}, which
   * raises such faults where they are caught, and which this wait backs up).
   */
  static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** A future whose wait for its outcome is cut in slices ({@link #SLICE_NANOS}). */
  interface Sliced {
    boolean isDone();

    /** Waits for the outcome for at most {@code nanos}, done or not. */
    void waitAWhile(long nanos) throws InterruptedException;
  }

  /** Waits until {@code future} is done, a slice at a time: {@code get}'s wait. */
  static void await(Sliced future) throws InterruptedException {
    while (!future.isDone()) {
      future.waitAWhile(SLICE_NANOS);
    }
  }

  /** As {@link #await(Sliced)}, for what is left of {@code nanos} begun at {@code start}. */
  static void await(Sliced future, long nanos, long start) throws InterruptedException {
    long left;
    while (!future.isDone() && (left = PoolFuture.left(nanos, start)) > 0) {
      future.waitAWhile(Math.min(left, SLICE_NANOS));
    }
  }

  /** As {@link #await(Sliced)}, deaf to an interrupt, which it keeps: {@code join}'s wait. */
  static void awaitDeaf(Sliced future) {
    boolean interrupted = false;
    while (!future.isDone()) {
      try {
        future.waitAWhile(SLICE_NANOS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
