package dev.ferry.internal.pool;

import dev.ferry.ByteOutput;
import dev.ferry.internal.transport.BoundedOutputs;
import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.ThreadBuffers;
import dev.ferry.internal.transport.Wire;
import java.util.List;

/**
 * The bytes a job carries to its worker: a call's arguments, or a chunk of a map's inputs, encoded
 * on the submitting thread with an encoder it keeps, and copied out as the job's body.
 *
 * <p>A body is at most what one task may carry ({@link Wire#MAX_MESSAGE_BYTES}, 64 MiB): the
 * encoder stops there instead of growing to the arguments' whole size, which the heap may not hold,
 * and every refusal (too large, out of heap, a value with no codec) leaves nothing submitted and
 * no grown encoder kept for the thread's next task.
 */
final class TaskBodies {
  private static final ThreadLocal<Values.Encoder> ENCODERS =
      ThreadLocal.withInitial(() -> new Values.Encoder(256, Wire.MAX_MESSAGE_BYTES));
  /** An encoder grown past this is not kept for the thread's next task. */
  private static final int KEPT_ENCODER_BYTES = 4 << 20;
  private static final byte[] NO_PREFIX = new byte[0];

  /**
   * A job's body, the user types its bytes name (which its worker is told of first), and how many
   * tasks it holds.
   */
  record Body(byte[] bytes, MessageTypes.Entry[] types, int count) {}

  private TaskBodies() {}

  /** A call's body: the count of arguments, then the arguments. */
  static Body arguments(Object[] args) {
    Values.Encoder encoder = ENCODERS.get();
    encoder.reset();
    try {
      encoder.body.writeVarInt(args.length);
      for (Object arg : args) {
        encoder.write(arg);
      }
    } catch (RuntimeException | Error e) {
      throw refused(encoder, e);
    }
    byte[] bytes = copy(encoder, NO_PREFIX, 0);
    return new Body(bytes, encoder.types(), 1);
  }

  /**
   * A chunk's body, holding the first of {@code inputs}: all of them, unless their encoding passes
   * {@link MapRun#TARGET_CHUNK_BYTES}. A chunk is sized by how long its tasks take and how large
   * their results are, which says nothing of the inputs: a lazy map of tiny inputs, then inputs of
   * 1 MiB each, put dozens of those in one chunk, and the map threw that "the task's arguments take
   * at least 67115902 bytes, more than the 67108864 (64 MiB) one task may carry", though each took
   * 1 MiB.
   */
  static Body inputs(List<Object> inputs, long firstInput, MethodRef task) {
    Values.Encoder encoder = ENCODERS.get();
    int count;
    try {
      count = encodeInputs(encoder, inputs, inputs.size(), firstInput, task);
    } catch (RuntimeException | Error e) {
      throw refused(encoder, e);
    }
    // As its worker reads it, the count of inputs then the inputs: the encoder holds the inputs
    // alone, since the count is known only once they are encoded.
    ByteOutput prefix = new ByteOutput(5);
    prefix.writeVarInt(count);
    byte[] bytes = copy(encoder, prefix.array(), prefix.size());
    return new Body(bytes, encoder.types(), count);
  }

  /**
   * What the submitting caller is told when encoding a body threw {@code thrown}: the heap could
   * not hold it, or it passed what a task may carry, or (rethrown as it is, an accessor's
   * exception, a {@code StackOverflowError}) anything else. No grown encoder is kept for the
   * thread's next task.
   */
  private static RuntimeException refused(Values.Encoder encoder, Throwable thrown) {
    if (thrown instanceof OutOfMemoryError e) {
      return outOfHeap(encoder, e);
    }
    if (thrown instanceof IllegalArgumentException e) {
      return pastTheLimit(encoder, e);
    }
    dropIfGrown(encoder);
    if (thrown instanceof Error e) {
      throw e;
    }
    return (RuntimeException) thrown;
  }

  /**
   * Encodes inputs from the first, at most {@code most}, until their encoding reaches {@link
   * MapRun#TARGET_CHUNK_BYTES}; returns how many. An input that would take the chunk past what one
   * task may carry is left to the next chunk, where it goes first: those before it are encoded again
   * without it (a bounded output cannot take back what it wrote; this happens only to a chunk that
   * meets an input of tens of MiB). An input that is too large alone is refused as a task's are.
   */
  private static int encodeInputs(
      Values.Encoder encoder, List<Object> inputs, int most, long firstInput, MethodRef task) {
    encoder.reset();
    for (int i = 0; i < most; i++) {
      if (i > 0 && encoder.body.size() >= MapRun.TARGET_CHUNK_BYTES) {
        return i;
      }
      try {
        encoder.write(inputs.get(i));
      } catch (IllegalArgumentException e) {
        if (BoundedOutputs.needed(e) < 0) {
          throw inputRefused(firstInput + i, task, e);
        }
        if (i == 0) {
          throw e;
        }
        return encodeInputs(encoder, inputs, i, firstInput, task);
      }
    }
    return most;
  }

  /**
   * A map's input that cannot be encoded ({@code [ferry:not-transferable]}), named by its place
   * among the inputs and the map's task: the bare refusal of its class left a map of thousands of
   * inputs with no word of which one it was.
   */
  private static IllegalArgumentException inputRefused(
      long input, MethodRef task, IllegalArgumentException e) {
    String message = String.valueOf(e.getMessage());
    int ruleEnd = message.startsWith("[ferry:") ? message.indexOf("] ") + 2 : 0;
    return new IllegalArgumentException(message.substring(0, ruleEnd) + "input #" + input
        + " of a map of " + task + " cannot be sent to a worker: " + message.substring(ruleEnd), e);
  }

  /** The encoder's bytes copied out after {@code prefixLength} of {@code prefix}, as one body. */
  private static byte[] copy(Values.Encoder encoder, byte[] prefix, int prefixLength) {
    int length = prefixLength + encoder.body.size();
    if (length > Wire.MAX_MESSAGE_BYTES) {
      ENCODERS.remove(); // grown to the limit: not kept per thread
      throw tooLarge(String.valueOf(length));
    }
    byte[] body;
    try {
      body = new byte[length];
    } catch (OutOfMemoryError e) {
      throw outOfHeap(encoder, e);
    }
    System.arraycopy(prefix, 0, body, 0, prefixLength);
    System.arraycopy(encoder.body.array(), 0, body, prefixLength, encoder.body.size());
    dropIfGrown(encoder); // do not keep a big buffer per thread
    return body;
  }

  /**
   * The arguments' encoding passed what a task may carry, and its output stopped there (it used to
   * grow to the arguments' whole size first, which the heap may not hold); any other refusal ({@code
   * [ferry:not-transferable]}) is returned as it came.
   */
  private static IllegalArgumentException pastTheLimit(
      Values.Encoder encoder, IllegalArgumentException e) {
    long needed = BoundedOutputs.needed(e);
    if (needed < 0) {
      dropIfGrown(encoder);
      return e;
    }
    ENCODERS.remove(); // grown to the limit: not kept per thread
    return tooLarge("at least " + needed);
  }

  /**
   * Arguments refused part-way (a value with no codec after a 60 MB string) may have grown the
   * thread's encoder for nothing: it was kept, up to the 64 MiB a task carries, until the thread's
   * next submit that succeeded.
   */
  private static void dropIfGrown(Values.Encoder encoder) {
    if (!ThreadBuffers.mayKeep(encoder.body.array().length, KEPT_ENCODER_BYTES)) {
      ENCODERS.remove();
    }
  }

  private static IllegalArgumentException tooLarge(String size) {
    return new IllegalArgumentException(
        "the task's arguments take " + size + " bytes, more than the " + Wire.MAX_MESSAGE_BYTES
            + " (64 MiB) one task may carry to its worker: split the work into smaller tasks, or"
            + " pass the path of a file");
  }

  /**
   * What a task's caller is told when this process's heap cannot hold its arguments' encoding
   * beside what it holds (it used to be a bare {@code OutOfMemoryError}): nothing was submitted.
   * The encoder, grown as far as the heap allowed, is dropped.
   */
  private static IllegalArgumentException outOfHeap(Values.Encoder encoder, OutOfMemoryError e) {
    ENCODERS.remove();
    return new IllegalArgumentException(
        "the task's arguments were not submitted: this process's heap (" + HeapLimit.described()
            + ") could not hold their encoding beside what it holds (and one task may carry at"
            + " most 64 MiB to its worker); split the work into smaller tasks, pass the path of a"
            + " file, or give this process a larger -Xmx",
        e);
  }
}
