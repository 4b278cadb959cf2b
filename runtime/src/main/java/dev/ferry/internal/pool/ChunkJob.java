package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.TransferException;
import dev.ferry.internal.codec.OwnCodecs;
import dev.ferry.internal.transport.HeapReserve;
import dev.ferry.internal.transport.RingStream;
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
  // The answer as it is read, in parts or at once; on the worker's reader thread.
  private Object[] results;
  private Throwable[] errors;
  private int received;
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

  /**
   * The first results of this chunk, in a part of its answer: the worker answers in parts a chunk
   * whose results together take more than one answer may carry. On the worker's reader thread.
   */
  void part(ByteInput body, Values.UserTypes types) {
    if (run.abandoned) {
      return; // no one takes them (see answered)
    }
    answerBytes += body.remaining();
    read(body, types, false);
  }

  @Override
  void answered(int kind, long nanos, ByteInput body, Values.UserTypes types) {
    if (run.abandoned) {
      // No one takes them: not decoded. A map ended because its results did not fit in the heap
      // had the results of its chunks still out decoded and queued after it let go of the rest,
      // which filled the heap again, and a reader ending its connection ran out and died.
      results = null;
      errors = null;
      return;
    }
    this.nanos = nanos;
    answerBytes += body.remaining();
    read(body, types, kind == PoolWire.CHUNK_DONE);
    if (error instanceof OutOfMemoryError) {
      deliver();
      run.awaitHeldResultsGone(); // before this thread reads on (see MapRun.heapFull)
      return;
    }
    if (error == null && received < tasks) {
      error = new TransferException("cannot read the results of " + describe()
          + ": a chunk of " + tasks + " tasks was answered as a single task");
    }
    if (error == null) {
      values = results;
      failures = errors;
    }
    deliver();
  }

  /** Reads the results of one answer, or of a part of one ({@code last}: the rest of them). */
  private void read(ByteInput body, Values.UserTypes types, boolean last) {
    if (error != null) {
      return; // an earlier part could not be read: the chunk has failed
    }
    try {
      int count = body.readVarInt();
      int left = tasks - received;
      if (last ? count != left : count < 1 || count >= left) {
        throw new TransferException(
            "a chunk of " + tasks + " tasks was answered with " + (received + count));
      }
      if (results == null) {
        results = new Object[tasks];
      }
      for (int i = received; i < received + count; i++) {
        if (body.readBoolean()) {
          results[i] = types.read(body);
          method.checkReturned(results[i]);
        } else {
          if (errors == null) {
            errors = new Throwable[tasks];
          }
          errors[i] = Failures.read(body);
        }
      }
      if (body.remaining() > 0) {
        // The results lie back to back: a codec that read short read the next from its bytes.
        throw count == 1
            ? OwnCodecs.readShort(body, results[received], "the result", "it is not given out")
            : OwnCodecs.readShort(body, count, "the " + count + " results of an answer",
                "none of them is given out");
      }
      received += count;
    } catch (TransferException e) {
      error = new TransferException(
          "cannot read the results of " + describe() + ": " + e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      results = null; // what was decoded of them goes
      errors = null;
      // Nothing allocated here: with the heap full of the results the map holds, the words for
      // it ran out of heap again and the reader thread died. The map's thread says it, once it
      // has let go of them (MapRun.heapFull); the reserve gives the delivery room meanwhile.
      HeapReserve.release();
      error = e;
    } catch (Error e) {
      if (RingStream.isMappingFault(e)) {
        throw e; // an earlier touch of a cut rings file: the connection's failure, not the results'
      }
      results = null; // the bytes after the value it was reading cannot be found
      errors = null;
      error = Values.readError((tasks == 1 ? "the result of " : "the results of ") + describe(), e);
    }
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
    try {
      run.done.add(this);
    } catch (OutOfMemoryError e) {
      // The queue's node did not fit beside the results the map holds: the chunk goes to the map
      // in a field instead (MapRun.heapFault), which it looks at while it waits. Thrown on, the
      // reader ended its connection in a full heap, ran out again and died, and the map waited.
      HeapReserve.release();
      values = null;
      failures = null;
      results = null;
      errors = null;
      error = e;
      run.heapFault = this;
      return;
    }
    if (run.abandoned) {
      run.done.clear(); // no one takes them: a map given up does not hold its late results
    }
  }

  /**
   * Links this class's error paths while the heap has room (see {@link HeapReserve#pause}).
   */
  static void prime() {
    HeapReserve.release(); // before the reserve is taken (Pool.start)
  }

  /**
   * The reader of this chunk's answer ran out of heap outside its decoding (reading the frame):
   * the chunk fails so, which its map takes as its results not fitting in the heap.
   */
  void ranOutOfHeap(OutOfMemoryError e) {
    results = null;
    errors = null;
    error = e;
    deliver();
  }

  @Override
  String describe() {
    return tasks == 1
        ? "task " + method + " on input #" + firstInput + " of a map"
        : "a chunk of " + tasks + " tasks of " + method + " (inputs #" + firstInput + " to #"
            + (firstInput + tasks - 1) + " of a map)";
  }
}
