package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.transport.MessageTypes;

/** One {@code submit}: its outcome completes a {@link PoolFuture}. */
final class CallJob extends Job {
  final PoolFuture<Object> future;

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
    Object value;
    int bytes = body.remaining();
    try {
      if (kind == PoolWire.FAILED) {
        future.completeExceptionally(Failures.read(body));
        return;
      }
      value = types.read(body);
      if (body.remaining() > 0) {
        // A codec that read short, as the worker tells of a task's arguments: say so, and whose.
        throw OwnCodecs.readShort(body, value, "the result", "it is not given out");
      }
    } catch (TransferException e) {
      future.completeExceptionally(
          new TransferException("cannot read the result of " + describe() + ": " + e.getMessage(), e));
      return;
    } catch (OutOfMemoryError e) {
      future.completeExceptionally(Values.notInHeap("the result of " + describe(), bytes, e));
      return;
    } catch (Error e) {
      future.completeExceptionally(Values.readError("the result of " + describe(), e));
      return;
    }
    future.complete(value);
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
