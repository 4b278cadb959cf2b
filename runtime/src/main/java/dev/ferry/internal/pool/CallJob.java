package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.RingStream;

/** One {@code submit}: its outcome completes a {@link PoolFuture}. */
final class CallJob extends Job {
  final PoolFuture<Object> future;
  // What read decoded, until deliver hands it to the future; on the thread that read it.
  private Object value;
  private Throwable failure;

  CallJob(Pool pool, long number, MethodRef method, byte[] body, MessageTypes.Entry[] types) {
    super(number, method, PoolWire.CALL, 1, body, types);
    this.future = new PoolFuture<>(pool, this);
  }

  @Override
  boolean abandoned() {
    return future.isDone();
  }

  @Override
  void answered(int kind, long nanos, ByteInput body, Values.UserTypes types) {
    read(kind, body, types);
    deliver();
  }

  /**
   * Decodes the answer into the outcome {@link #deliver} completes the future with: kept apart
   * for a thread that reads answers in the reader thread's stead, which must let go of the
   * reading before a callback on the future runs on it.
   */
  void read(int kind, ByteInput body, Values.UserTypes types) {
    int bytes = body.remaining();
    try {
      if (kind == PoolWire.FAILED) {
        failure = Failures.read(body);
        return;
      }
      Object read = types.read(body);
      if (body.remaining() > 0) {
        // A codec that read short, as the worker tells of a task's arguments: say so, and whose.
        throw OwnCodecs.readShort(body, read, "the result", "it is not given out");
      }
      method.checkReturned(read);
      value = read;
    } catch (TransferException e) {
      failure =
          new TransferException("cannot read the result of " + describe() + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      failure = Values.notInHeap("the result of " + describe(), bytes, e);
    } catch (Error e) {
      if (RingStream.isMappingFault(e)) {
        throw e; // an earlier touch of a cut rings file: the connection's failure, not the result's
      }
      failure = Values.readError("the result of " + describe(), e);
    }
  }

  /**
   * Completes the future with what {@link #read} decoded. Let go of only once the future holds
   * it: a delivery that an error cut short (see {@code WorkerLink.letGoAfter}) is made again.
   */
  void deliver() {
    Throwable error = failure;
    if (error != null) {
      future.completeExceptionally(error);
    } else {
      future.complete(value);
    }
    failure = null;
    value = null; // the future holds it now
  }

  @Override
  void failed(Throwable error) {
    future.completeExceptionally(error);
  }

  @Override
  String describe() {
    return "task " + method + " (task #" + number + " of the pool)";
  }
}
