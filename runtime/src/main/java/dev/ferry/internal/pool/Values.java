package dev.ferry.internal.pool;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.TransferException;
import dev.ferry.internal.transport.BoundedOutputs;
import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.MessageTypes;
import java.util.Arrays;
import java.util.BitSet;

/**
 * Task arguments and results on a pool connection: a type id and the codec's bytes.
 *
 * <p>Values are encoded with this process's type ids ({@link MessageTypes}) before it is known
 * which connection carries them; the encoder notes the user types it used, and the connection
 * announces each of them (name and fingerprint) the first time it sends one. The reading side maps
 * announced ids to its own entries.
 */
final class Values {
  private Values() {}

  /** Encodes values into a body and notes the user types to announce before it. */
  static final class Encoder {
    final ByteOutput body;
    private MessageTypes.Entry[] types = new MessageTypes.Entry[2];
    private int typeCount;

    Encoder(int capacity) {
      body = new ByteOutput(capacity);
    }

    /** An encoder whose output refuses to take more than {@code limit} bytes (see BoundedOutputs). */
    Encoder(int capacity, int limit) {
      body = BoundedOutputs.bounded(capacity, limit);
    }

    void reset() {
      body.reset();
      typeCount = 0;
    }

    /**
     * Writes one value.
     *
     * @throws IllegalArgumentException {@code [ferry:not-transferable]} or {@code
     *     [ferry:inherit-only-sent]} if the value cannot cross
     */
    void write(Object value) {
      if (value == null) {
        body.writeVarInt(0);
        return;
      }
      MessageTypes.Entry entry = MessageTypes.sendable(value);
      body.writeVarInt(entry.id);
      if (entry.id >= UserTypes.FIRST_USER_ID) {
        note(entry);
      }
      entry.write(body, value);
    }

    private void note(MessageTypes.Entry entry) {
      for (int i = typeCount - 1; i >= 0; i--) {
        if (types[i] == entry) {
          return;
        }
      }
      if (typeCount == types.length) {
        types = Arrays.copyOf(types, typeCount * 2);
      }
      types[typeCount++] = entry;
    }

    MessageTypes.Entry[] types() {
      return typeCount == 0 ? NO_TYPES : Arrays.copyOf(types, typeCount);
    }
  }

  static final MessageTypes.Entry[] NO_TYPES = new MessageTypes.Entry[0];

  /**
   * Why a task's result, read whole, could not be decoded in this process: its value takes more
   * heap than its bytes ({@code List<Integer>} about eight times). It used to end the worker's
   * reader thread with that {@code OutOfMemoryError}, and the task's future, and every later task
   * of that worker, waited for ever.
   */
  static TransferException notInHeap(String what, int bytes, OutOfMemoryError e) {
    return new TransferException(what + " took " + bytes + " bytes from the worker and does not fit"
        + " in this process's heap (" + HeapLimit.described()
        + ") once decoded, beside what it holds: return a smaller result, or write it to a file"
        + " and return its path, or give this process a larger -Xmx", e);
  }

  /**
   * Why a task's result could not be read in this process: a codec's read threw an {@code Error}
   * other than running out of heap (a {@code StackOverflowError} in a codec that recurses over a
   * deep value, a {@code NoClassDefFoundError} or {@code ExceptionInInitializerError} of a class it
   * uses). It used to end the worker's reader thread, and the task's future, and every later task
   * of that worker, waited for ever. The worker reads its arguments so too.
   */
  static TransferException readError(String what, Error e) {
    return new TransferException("cannot read " + what + ": its codec's read threw " + e, e);
  }

  /** The ids of this process's user types, as one connection knows them. */
  static final class UserTypes {
    static final int FIRST_USER_ID = 64;

    private final BitSet announced = new BitSet();
    private MessageTypes.Entry[] byPeerId = new MessageTypes.Entry[FIRST_USER_ID * 2];

    /** Writes a TYPE record for each of {@code types} this connection has not announced yet. */
    void announce(ByteOutput frame, MessageTypes.Entry[] types) {
      for (MessageTypes.Entry entry : types) {
        if (!announced.get(entry.id)) {
          announced.set(entry.id);
          frame.writeVarInt(PoolWire.TYPE);
          frame.writeVarInt(entry.id);
          frame.writeString(entry.name);
          frame.writeFixedLong(entry.fingerprint());
          frame.writeString(entry.description());
        }
      }
    }

    /** Reads a TYPE record's body: the peer's id for a type. */
    void define(ByteInput in) {
      int id = in.readVarInt();
      String name = in.readString();
      long fingerprint = in.readFixedLong();
      String description = in.readString();
      MessageTypes.checkAnnouncedName("the pool's peer", name);
      if (id < FIRST_USER_ID || id >= PoolWire.MAX_IDS || name == null) {
        throw new TransferException("bad type announcement: id " + id + ", name " + name);
      }
      if (id >= byPeerId.length) {
        byPeerId = Arrays.copyOf(byPeerId, Math.max(id + 1, byPeerId.length * 2));
      }
      MessageTypes.Entry entry = MessageTypes.byName(name, fingerprint, description);
      if (byPeerId[id] != null && byPeerId[id] != entry) {
        throw new TransferException("type id " + id + " announced twice, as " + byPeerId[id]
            + " and as " + name);
      }
      byPeerId[id] = entry;
    }

    /** Reads one value written by {@link Encoder#write}. */
    Object read(ByteInput in) {
      int at = in.offset();
      int id = in.readVarInt();
      if (id == 0) {
        return null;
      }
      MessageTypes.Entry entry =
          id < FIRST_USER_ID ? MessageTypes.byId(id) : id < byPeerId.length ? byPeerId[id] : null;
      if (entry == null) {
        throw new TransferException("unknown type id " + id + " at offset " + at);
      }
      try {
        return entry.read(in);
      } catch (TransferException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new TransferException("cannot read a value of type " + entry.name + ": " + e, e);
      }
    }
  }
}
