package dev.ferry.internal.transport;

import dev.ferry.TransferException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads a holder's connection to its host ({@link RemoteChannel}), leader/follower: a thread that
 * waits for the host's answers reads the connection itself when no other thread does, and other
 * waiters wait for it to signal; while no thread waits, the connection's idle reader reads, so
 * that the host's news is seen soon, and steps aside at once for a waiting thread. Each frame's
 * records are handed to the channel, which they change; a frame whose reading ran out of heap is
 * read again, from the record that did, once there is room.
 *
 * <p>Apart from the channel because who reads the connection, and when, is a protocol of its own
 * between the waiting threads and the idle reader. Its state is guarded by the channel's lock
 * ({@code RemoteChannel.lock}), as all the channel's is, except what only the reading thread
 * touches ({@link #arrived}, {@link #unread}, {@link #outOfHeapBytes}).
 */
final class RemoteReader {
  /**
   * How long after a waiting thread last read the connection the idle reader takes over: longer
   * than the pauses of a busy sender or receiver, so that it stays out of their way.
   */
  private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
  /** How often the idle reader tries to take back the heap's reserve that a full heap let go. */
  private static final long RESTORE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** The channel whose connection this reads: its lock guards this, its state is what changes. */
  private final RemoteChannel channel;
  private final ReentrantLock lock;
  private final Condition changed;
  private final Condition idle; // only the idle reader waits here
  /** A thread reads the connection (see {@link #awaitChange}); only it touches {@link #arrived}. */
  private boolean reading;
  private boolean idleReading;
  private long lastWaiterRead = System.nanoTime() - IDLE_NANOS;
  private final List<byte[]> arrived = new ArrayList<>();

  RemoteReader(RemoteChannel channel, ReentrantLock lock, Condition changed) {
    this.channel = channel;
    this.lock = lock;
    this.changed = changed;
    this.idle = lock.newCondition();
  }

  /** Whether a thread reads the connection now. Lock held. */
  boolean isReading() {
    return reading;
  }

  /** Wakes the idle reader, which waits for its turn: the connection ended. Lock held. */
  void wakeIdleReader() {
    idle.signal();
  }

  /**
   * Waits until the host's answers change this channel's state, or {@code deadline} ({@link
   * System#nanoTime()}, or {@link RemoteChannel#FOREVER}) passes. A thread that waits reads the
   * connection itself when no other thread does, so a message or answer reaches it with no
   * hand-off between threads (on a round trip, a wake-up through the kernel is most of the cost);
   * other waiters wait for it to signal. The idle reader (see {@link #readWhileIdle()}) steps
   * aside at once for a waiting thread. Lock held on entry and on return.
   */
  void awaitChange(long deadline) throws InterruptedException {
    Outbox outbox = channel.out;
    if (outbox != null) {
      outbox.awaitingPeer(); // what this process's stream holds may be what the answer needs
    }
    if (!reading && channel.frames != null && channel.closedWhy == null) {
      readUntilChange(deadline);
      return;
    }
    if (idleReading) {
      channel.frames.wakeUp();
    }
    if (deadline == RemoteChannel.FOREVER) {
      changed.await();
    } else {
      long left = deadline - System.nanoTime();
      if (left > 0) {
        changed.awaitNanos(left);
      }
    }
  }

  /**
   * Reads frames from the host, as the connection's one reader, until one changes this channel's
   * state, the deadline passes or the reader is asked to step aside. Lock held on entry and on
   * return, released while reading.
   */
  private void readUntilChange(long deadline) throws InterruptedException {
    int seen = channel.changes;
    reading = true;
    boolean spin = !idleReading; // a thread that waits for a user's call; not the idle reader
    lock.unlock();
    int holds = lock.getHoldCount(); // a caller's own, more than one deep (a close's goodbye)
    String ended = null;
    boolean interrupted = false;
    boolean stopped = false;
    boolean heapRanOut = false;
    OutOfMemoryError resumable = null;
    try {
      while (channel.changes == seen) {
        Wire.Cursor records = unread;
        unread = null;
        if (records == null) {
          // out of heap, the next call returns its frame
          records = channel.frames.next(deadline, spin);
        }
        if (records == FrameReader.NONE) {
          stopped = true;
          break;
        }
        if (records == null || !read(records)) {
          ended = channel.gone();
          break;
        }
      }
    } catch (InterruptedIOException e) {
      interrupted = true;
    } catch (RingLink.CorruptRing e) {
      ended = channel + " broke: this process dropped its connection: " + e.getMessage();
    } catch (InternalError e) {
      if (channel.rings == null) {
        throw e;
      }
      channel.faults.releaseAfterFault(holds);
      ended = channel + " broke: this process dropped its connection: "
          + MappingFaults.faulted(e).getMessage(); // the rings' file was cut short; else rethrown
    } catch (IOException e) {
      ended = channel.gone();
    } catch (TransferException e) {
      ended = e.getCause() instanceof FrameReader.HeapFull full
          ? channel.heap.heapFull(full.bytes)
          : channel + " broke: its host sent a corrupt stream (" + e.getMessage() + ")";
    } catch (OutOfMemoryError e) {
      // The reserve goes first, so that what comes next has room. What ran out of heap (a frame's
      // cursor, a message copied out of its frame, an answer, the inbox, a lock's queue) is read
      // again once there is room (read kept the frame's rest in unread, FrameReader the frame):
      // this thread, a user's, throws the error, as any allocation of its would, and the idle
      // reader pauses, allocating nothing, and steps aside. Only a message too large beside the
      // heap to be worth waiting for (see RemoteHeap.fitsLater) makes this process let go of the
      // channel.
      HeapReserve.release();
      if (outOfHeapBytes == 0) {
        resumable = e;
        if (idleReading) {
          HeapReserve.pause(HeapReserve.PAUSE_NANOS);
          stopped = true; // the idle reader keeps out of the way a while
        }
      } else {
        heapRanOut = true;
      }
    } finally {
      HeapReserve.lock(lock); // out of heap, lock() threw, and the caller's unlock() did too
      reading = false;
      if (!idleReading || stopped) {
        // A waiter read, or the idle reader stepped aside for one: the idle reader keeps out of
        // the way (it would win the lock back from the waiter it just woke, and again and again).
        lastWaiterRead = System.nanoTime();
      }
      changed.signalAll(); // the next waiter reads
    }
    if (heapRanOut) {
      ended = channel.heap.letGoOutOfHeap(outOfHeapBytes);
    }
    if (ended != null) {
      channel.lost(ended);
    }
    if (interrupted) {
      throw new InterruptedException();
    }
    if (resumable != null && !idleReading) {
      throw resumable; // nothing is lost: the next reader reads that record again
    }
  }

  /**
   * The rest of a frame whose reading ran out of heap, from the record that did (see {@link
   * #read}): the next reader reads it before the next frame. Reading thread.
   */
  private Wire.Cursor unread;

  /**
   * The length of the message whose copy out of its frame ran out of heap and is too large to wait
   * for room (see {@link RemoteHeap#fitsLater}), or 0; reader thread.
   */
  private int outOfHeapBytes;

  /**
   * Reads the connection while no thread waits for it, so that the host's news (the channel was
   * closed, the host is gone) is seen soon even by a process that neither sends nor receives for a
   * while. It steps aside for a waiting thread, and leaves the reading to threads that waited
   * within {@link #IDLE_NANOS}.
   */
  void readWhileIdle() {
    HeapReserve.lock(lock);
    try {
      while (channel.closedWhy == null) {
        if (reading || lock.hasWaiters(changed) || System.nanoTime() - lastWaiterRead < IDLE_NANOS) {
          HeapReserve.awaitNanos(idle, lock, IDLE_NANOS); // out of heap, this thread died here
          HeapReserve.restoreAfter(RESTORE_NANOS);
          continue;
        }
        idleReading = true;
        try {
          readUntilChange(RemoteChannel.FOREVER);
        } finally {
          idleReading = false;
        }
      }
    } catch (InterruptedException e) {
      // nobody interrupts this thread; if someone does, the waiting threads read on their own
    } finally {
      lock.unlock();
    }
  }

  /** Handles one frame from the host; false after its goodbye. Reading thread. */
  private boolean read(Wire.Cursor records) {
    int at = records.pos;
    try {
      while (records.hasMore()) {
        at = records.pos;
        int tag = records.u8();
        switch (tag) {
          case Wire.H_MESSAGE -> arrived.add(item(records));
          case Wire.H_DEFINE -> channel.types.define(records);
          default -> {
            channel.deliver(arrived);
            if (!channel.answer(tag, records)) {
              return false;
            }
          }
        }
      }
      at = records.pos;
      channel.deliver(arrived);
      return true;
    } catch (OutOfMemoryError e) {
      if (outOfHeapBytes == 0) {
        // Not a message's copy: the record changed nothing yet (or, for an answer, nothing it
        // would change twice), so it is read again, whole, once there is room; what arrived
        // before it stays in arrived until a read delivers it
        records.pos = at;
        unread = records;
      }
      throw e;
    } finally {
      if (!arrived.isEmpty()) {
        try {
          channel.deliver(arrived); // what arrived before a corrupt record is received as usual
        } catch (OutOfMemoryError e) {
          // kept in arrived for the next read, which reads the rest of the frame (unread)
        }
      }
    }
  }

  /** Copies one message out of the frame; its type must have been announced. Reader thread. */
  private byte[] item(Wire.Cursor records) {
    int id = records.varInt();
    int length = records.length(Wire.MAX_MESSAGE_BYTES);
    if (!channel.types.isKnown(id)) {
      throw new TransferException("a message names type id " + id + ", which was never defined");
    }
    byte[] item;
    try {
      item = new byte[4 + length];
    } catch (OutOfMemoryError e) {
      if (!RemoteHeap.fitsLater(length)) {
        outOfHeapBytes = length; // this process lets go of the channel: see readUntilChange
      }
      throw e;
    }
    Wire.putIntLE(item, 0, id);
    System.arraycopy(records.b, records.pos, item, 4, length);
    records.skip(length);
    return item;
  }
}
