package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.internal.transport.MessageTypes;
import java.util.concurrent.Future;

/**
 * What the pool hands a worker in one record: one call, or a chunk of a map's calls. Its state
 * (queued, sent to which worker, done) is guarded by the pool's lock; its outcome is decoded and
 * delivered outside it.
 */
abstract class Job {
  static final int QUEUED = 0;
  static final int SENT = 1;
  static final int DONE = 2;

  final long number;
  final MethodRef method;
  final int kind;
  final int tasks;
  final byte[] body;
  final MessageTypes.Entry[] types;

  // Guarded by the pool's lock.
  int state = QUEUED;
  WorkerLink worker;
  /**
   * The worker it was picked for and not yet written to (counted in its {@code reserved}), or null:
   * a fault of a cut rings file that comes in between (the JVM raises it a little after a touch,
   * in whatever code runs by then) takes the job back by it ({@code Pool.takeBack}), where it was
   * lost, and its worker's room with it, for good.
   */
  WorkerLink reservedOn;
  boolean timedOut;
  boolean neverStarted; // timed out before its worker said it started it
  boolean clockStarted; // its worker said it runs it: its task timeout runs from then
  /**
   * Its timeout, scheduled when the clock started (before that, the deadline for its worker to
   * start it, scheduled when it was sent); cancelled when the job ends, since the timer
   * keeps a scheduled timeout, and through it the job, its arguments and its future's result, until
   * it fires.
   */
  Future<?> clock;

  Job(long number, MethodRef method, int kind, int tasks, byte[] body, MessageTypes.Entry[] types) {
    this.number = number;
    this.method = method;
    this.kind = kind;
    this.tasks = tasks;
    this.body = body;
    this.types = types;
  }

  /** Stops its timeout's clock, if it runs: the job has ended, or runs again elsewhere. Under lock. */
  void stopClock() {
    clockStarted = false;
    if (clock != null) {
      clock.cancel(false);
      clock = null;
    }
  }

  /** Whether no one wants the outcome any more (a cancelled future): not worth sending. */
  abstract boolean abandoned();

  /**
   * Decodes the worker's answer and delivers it; on the thread reading the worker's answers (its
   * reader thread, or a thread leading in its stead: see {@code WorkerLink.lead}).
   */
  abstract void answered(int kind, long nanos, ByteInput body, Values.UserTypes types);

  /** Delivers a failure that is not the task's own: a dead worker, a timeout, a closed pool. */
  abstract void failed(Throwable error);

  /** The task as messages name it. */
  abstract String describe();
}
