package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.TransferException;
import dev.ferry.internal.transport.MessageTypes;

/** A chunk of a map's calls: consecutive inputs, answered together. */
final class ChunkJob extends Job {
  final MapRun run;
  final int sequence;
  final long firstInput;

  // Written once by the delivering thread, read by the map's thread after it takes the chunk.
  Object[] values;
  Throwable[] failures; // null if every call returned
  Throwable error; // the whole chunk failed: a dead worker, a closed pool, unreadable bytes
  long nanos;
  int answerBytes; // the size of the worker's answer, all its results together
  private boolean delivered; // guarded by this

  ChunkJob(MapRun run, long number, int sequence, long firstInput, int tasks, byte[] body,
      MessageTypes.Entry[] types) {
    super(number, run.method, PoolWire.CHUNK, tasks, body, types);
    this.run = run;
    this.sequence = sequence;
    this.firstInput = firstInput;
  }

  @Override
  boolean abandoned() {
    return run.abandoned;
  }

  @Override
  void answered(int kind, long nanos, ByteInput body, Values.UserTypes types) {
    this.nanos = nanos;
    this.answerBytes = body.remaining();
    try {
      int count = body.readVarInt();
      if (kind != PoolWire.CHUNK_DONE || count != tasks) {
        throw new TransferException("a chunk of " + tasks + " tasks was answered with " + count);
      }
      Object[] results = new Object[count];
      Throwable[] errors = null;
      for (int i = 0; i < count; i++) {
        if (body.readBoolean()) {
          results[i] = types.read(body);
        } else {
          if (errors == null) {
            errors = new Throwable[count];
          }
          errors[i] = Failures.read(body);
        }
      }
      body.requireEnd();
      values = results;
      failures = errors;
    } catch (TransferException e) {
      error = new TransferException(
          "cannot read the results of " + describe() + ": " + e.getMessage(), e);
    }
    deliver();
  }

  @Override
  void failed(Throwable failure) {
    error = failure;
    deliver();
  }

  private void deliver() {
    synchronized (this) {
      if (delivered) {
        return;
      }
      delivered = true;
    }
    run.done.add(this);
  }

  @Override
  String describe() {
    return tasks == 1
        ? "task " + method + " on input #" + firstInput + " of a map"
        : "a chunk of " + tasks + " tasks of " + method + " (inputs #" + firstInput + " to #"
            + (firstInput + tasks - 1) + " of a map)";
  }
}
