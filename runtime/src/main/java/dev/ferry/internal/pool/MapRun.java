package dev.ferry.internal.pool;

import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.HeapReserve;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@code map} or {@code mapUnordered}: cuts the inputs into chunks, keeps a few chunks per
 * worker outstanding, and takes their answers on the thread that consumes the results.
 *
 * <p>Chunks grow with the measured cost of a task, aiming at {@link #TARGET_CHUNK_NANOS} of work
 * each: the first chunk holds one input, so long tasks are spread one by one and tiny tasks soon
 * travel by the thousand (the per-chunk cost, two wake-ups and a few system calls, is then paid
 * once per thousands of tasks). A lazy {@code Iterable} is read only as far as the chunks
 * outstanding need. Chunks are also kept to about {@link #TARGET_CHUNK_BYTES} of results, measured
 * the same way, since a chunk is answered in one message, which may hold at most 64 MiB: fast
 * tasks returning 20 MB each went in chunks of dozens, and every result of such a chunk failed.
 * A chunk's inputs are cut at about as many bytes as they are encoded, for the same reason.
 */
final class MapRun {
  static final long TARGET_CHUNK_NANOS = 2_000_000;
  static final int MAX_CHUNK = 65_536;
  /**
   * The results a chunk may bring back, measured, and the inputs it may carry, as encoded: far
   * below the 64 MiB a message may hold.
   */
  static final long TARGET_CHUNK_BYTES = 8 << 20;
  private static final Object NULL = new Object();
  /**
   * How long a chunk waits for its inputs before it is sent with those that came: a lazy {@code
   * Iterable} that gives an input every 50 ms (lines from a socket, rows of a slow query) filled a
   * chunk of thousands sized for fast tasks before any was sent, so the workers idled and a {@code
   * mapUnordered}'s second result came only once every input had been read.
   */
  static final long SLOW_INPUTS_NANOS = 10 * TARGET_CHUNK_NANOS;

  final Pool pool;
  final MethodRef method;
  private final Iterator<?> inputs;
  private final long knownSize;
  private final int window;
  final LinkedBlockingQueue<ChunkJob> done = new LinkedBlockingQueue<>();
  volatile boolean abandoned;
  /**
   * Set once this map's thread, its results found not to fit in the heap, has let go of those it
   * held (see {@link #heapFull}): a reader whose chunk ran out of heap waits for it before it reads
   * on ({@link #awaitHeldResultsGone}).
   */
  private volatile boolean heldResultsGone;
  /**
   * A chunk whose reader ran out of heap handing it over (the queue's node did not fit): the map's
   * thread looks here while it waits for {@link #done} (see {@link #take}).
   */
  volatile ChunkJob heapFault;
  /** How often the map's thread looks at {@link #heapFault} while it waits for a chunk. */
  private static final long FAULT_LOOK_MILLIS = 50;
  /**
   * How long a reader waits for that: a {@code mapUnordered} whose caller is away (or keeps the
   * results itself) may never let go, and the worker's other answers wait meanwhile.
   */
  static final long HELD_RESULTS_WAIT_NANOS = 2_000_000_000L;

  private int outstanding;
  private long nextInput;
  private int chunkSize = 1;
  private final List<Object[]> ordered = new ArrayList<>();
  private final ArrayDeque<Object> ready = new ArrayDeque<>();
  /**
   * Inputs read for a chunk whose encoding they would have taken past its size in bytes (see
   * {@link Pool#submitChunk}): the next chunk starts with them. {@link #NULL} stands for null.
   */
  private final ArrayDeque<Object> carried = new ArrayDeque<>();
  /**
   * Why the inputs not yet sent will never run (closeNow() closed the pool while the map ran),
   * until the unordered iterator has reported it, after the chunks still out; null while the map
   * feeds.
   */
  private CancellationException notRun;
  private boolean cutShort;
  /**
   * What ended an unordered map's iteration as it read or sent its inputs (an exception of the
   * {@code Iterable}'s, an input refused for having no codec, the pool closed): every later call
   * throws it again. Without it, a caller that caught it and read on was given the results of the
   * inputs after it, the inputs read for the chunk it ended dropped without a word (139 of 1,000).
   */
  private Throwable endedBy;

  MapRun(Pool pool, MethodRef method, Iterable<?> inputs) {
    this.pool = pool;
    this.method = method;
    Iterator<?> iterator = inputs.iterator();
    if (iterator == null) { // a lambda given as the Iterable (() -> null) broke its contract
      throw new NullPointerException("the inputs' iterator() returned null: the Iterable given to"
          + " map (" + inputs.getClass().getName() + ") must return an iterator over the inputs");
    }
    this.inputs = iterator;
    this.knownSize = inputs instanceof Collection<?> c ? c.size() : -1;
    this.window = 2 * pool.size() + 1;
  }

  /** Runs every input through the task and returns the results in input order. */
  List<Object> inOrder() throws InterruptedException {
    try {
      feed();
      while (outstanding > 0) {
        ChunkJob chunk = take();
        if (chunk.error != null) {
          throw new CompletionException(failure(chunk, -1, chunk.error), chunk.error);
        }
        if (chunk.failures != null) {
          for (int i = 0; i < chunk.tasks; i++) {
            if (chunk.failures[i] != null) {
              throw new CompletionException(failure(chunk, i, chunk.failures[i]), chunk.failures[i]);
            }
          }
        }
        ordered.set(chunk.sequence, chunk.values);
        feed();
      }
      if (notRun != null) {
        throw new CompletionException(notRun.getMessage(), notRun);
      }
    } catch (OutOfMemoryError e) {
      // On this thread: an input's encoding, or a chunk's failure, did not fit beside the results.
      CompletionException full = heapFull(e, null);
      abandon();
      throw full;
    } catch (InterruptedException | RuntimeException | Error e) {
      abandon();
      throw e;
    }
    try {
      List<Object> results = new ArrayList<>((int) Math.min(nextInput, Integer.MAX_VALUE - 8));
      for (Object[] chunk : ordered) {
        for (Object value : chunk) {
          results.add(value);
        }
      }
      return results;
    } catch (OutOfMemoryError e) {
      throw heapFull(e, null); // the list of them, beside them
    }
  }

  /**
   * The results as they come; each failed task throws from {@code next()} in its turn. The
   * iterator may be shared by threads, as Python's {@code imap_unordered} iterator is: its calls
   * take turns, so each result comes out of one {@code next()}. Without that, four threads
   * consuming one iterator of 200,000 results got nulls and thousands of results twice, lost
   * others, and three of them waited for ever.
   */
  Iterator<Object> unordered() {
    ReentrantLock turn = new ReentrantLock();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        takeTurn(turn);
        try {
          return hasResult();
        } finally {
          turn.unlock();
        }
      }

      @Override
      public Object next() {
        takeTurn(turn);
        try {
          if (!hasResult()) {
            throw new NoSuchElementException();
          }
          Object next = ready.poll();
          if (next instanceof Failed failed) {
            throw new CompletionException(failed.message, failed.error);
          }
          return next == NULL ? null : next;
        } finally {
          turn.unlock();
        }
      }
    };
  }

  /**
   * Waits for {@code turn} at the unordered iterator, which another thread holds while it waits for
   * a result: as that wait, an interrupt ends it with a {@link CompletionException}, the flag set
   * again, and on one of the pool's reader threads (a callback) it is refused at once, since the
   * result the other thread waits for may be this thread's to deliver. A thread whose flag is set
   * takes a free turn, so a result already there still comes.
   */
  private void takeTurn(ReentrantLock turn) {
    if (turn.tryLock()) {
      return;
    }
    pool.checkMayWait(null);
    try {
      turn.lockInterruptibly();
    } catch (InterruptedException e) {
      throw interruptedWaiting(e);
    }
  }

  /** {@code e} thrown once more, as it is. */
  private static RuntimeException again(Throwable e) {
    if (e instanceof Error error) {
      throw error;
    }
    return (RuntimeException) e;
  }

  /**
   * What an unordered iterator's call throws when its thread is interrupted while it waits: the
   * flag set again, as a {@code next()} cannot throw {@link InterruptedException}.
   */
  private static CompletionException interruptedWaiting(InterruptedException e) {
    Thread.currentThread().interrupt();
    return new CompletionException("interrupted while waiting for a result of a map", e);
  }

  /** Whether a result (or a failure) is ready, waiting for the next chunk while none is. */
  private boolean hasResult() {
    if (endedBy != null) {
      throw again(endedBy);
    }
    while (ready.isEmpty()) {
      try {
        feed();
      } catch (RuntimeException | Error e) {
        endedBy = e instanceof OutOfMemoryError full ? heapFull(full, null) : e;
        abandon();
        throw again(endedBy);
      }
      if (outstanding == 0) {
        if (notRun == null) {
          return false;
        }
        ready.add(new Failed(notRun.getMessage(), notRun)); // once, for all that never ran
        notRun = null;
        return true;
      }
      try {
        unpack(take());
      } catch (InterruptedException e) {
        throw interruptedWaiting(e);
      } catch (CompletionException e) { // the results do not fit in the heap: see take
        endedBy = e;
        abandon();
        throw e;
      } catch (OutOfMemoryError e) {
        endedBy = heapFull(e, null);
        abandon();
        throw again(endedBy);
      }
    }
    return true;
  }

  private record Failed(String message, Throwable error) {}

  private void unpack(ChunkJob chunk) {
    if (chunk.error != null) {
      // Every task of the chunk failed with it (a dead worker, a timeout, unreadable results):
      // each is one next() that throws, as for a task's own failure, so that a caller counting
      // outcomes gets one per input (a chunk of 199 used to throw once).
      Failed failed = new Failed(failure(chunk, -1, chunk.error), chunk.error);
      for (int i = 0; i < chunk.tasks; i++) {
        ready.add(failed);
      }
      return;
    }
    for (int i = 0; i < chunk.tasks; i++) {
      if (chunk.failures != null && chunk.failures[i] != null) {
        ready.add(new Failed(failure(chunk, i, chunk.failures[i]), chunk.failures[i]));
      } else {
        Object value = chunk.values[i];
        ready.add(value == null ? NULL : value);
      }
    }
  }

  private ChunkJob take() throws InterruptedException {
    pool.checkMayWait(null);
    ChunkJob chunk;
    while ((chunk = poll()) == null) {
      chunk = heapFault; // handed over without the queue, whose node did not fit
      if (chunk != null) {
        heapFault = null;
        break;
      }
    }
    outstanding--;
    if (chunk.error != null && ranOutOfHeap(chunk.error)) {
      if (!holdsNoResults()) {
        throw heapFull(chunk.error, chunk);
      }
      // The map holds nothing: this chunk's results alone do not fit, and it fails as a task
      // whose result does not fit (see Values.notInHeap), or as its worker's connection ended
      // (a frame that did not fit), however the chunk came; its reader reads on at once. Told as
      // the map's results together not fitting, a one-input map said "beside what it holds".
      heldResultsGone = true;
      if (chunk.error instanceof OutOfMemoryError alone) {
        chunk.error = Values.notInHeap((chunk.tasks == 1 ? "the result of " : "the results of ")
            + chunk.describe(), chunk.answerBytes, alone);
      }
    }
    if (chunk.error == null && chunk.nanos > 0) {
      long perTask = Math.max(1, chunk.nanos / chunk.tasks);
      long bytesPerTask = Math.max(1, chunk.answerBytes / chunk.tasks);
      long fits = Math.min(TARGET_CHUNK_NANOS / perTask, TARGET_CHUNK_BYTES / bytesPerTask);
      chunkSize = (int) Math.max(1, Math.min(MAX_CHUNK, fits));
    }
    return chunk;
  }

  /**
   * The next chunk answered, or null after {@link #FAULT_LOOK_MILLIS}. A wait that runs out of
   * heap (each timed wait allocates its node) is only a wait: a reader decoding an answer too
   * large for the heap fills it meanwhile, and says so itself once it has let go of it. Thrown
   * on, it ended a one-input map "beside what it holds" in 1 run of 3, not as its result not
   * fitting.
   */
  private ChunkJob poll() throws InterruptedException {
    try {
      return done.poll(FAULT_LOOK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (OutOfMemoryError e) {
      HeapReserve.pause(HeapReserve.PAUSE_NANOS);
      return null;
    }
  }

  /** Whether this map holds no result yet: none taken in order, none waiting to be iterated. */
  private boolean holdsNoResults() {
    if (!ready.isEmpty()) {
      return false;
    }
    for (Object[] values : ordered) {
      if (values != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a chunk failed because this process's heap ran out as its answer was read: its own
   * decoding, or the worker's connection, dropped when reading it ran out of heap.
   */
  private static boolean ranOutOfHeap(Throwable error) {
    return error instanceof OutOfMemoryError
        || error instanceof WorkerDiedException && error.getCause() instanceof OutOfMemoryError;
  }

  /**
   * The map's end when its results do not fit in this heap, beside what else it holds: it lets go
   * of those it holds first, so that the words, the readers waiting for it and the pool's other
   * threads have room, and the chunks still out, which keep this map reachable, no longer keep
   * them. Before, the reader thread that ran out of heap decoding a chunk ran out again handing
   * it over, or ending its connection, and died, and the map waited for ever (three runs of
   * three, a million results of 20 bytes at -Xmx16m). {@code chunk}: the one whose answer did not
   * fit, or null when this thread ran out itself.
   */
  private CompletionException heapFull(Throwable error, ChunkJob chunk) {
    abandoned = true; // first: a chunk delivered from now on is not held (see ChunkJob.deliver)
    ordered.clear();
    ready.clear();
    carried.clear();
    done.clear();
    heldResultsGone = true;
    HeapReserve.restore();
    String message = "the results of a map of " + method + " do not fit in this process's heap ("
        + HeapLimit.described() + ") beside what it holds: "
        + (chunk == null ? "" : "reading those of " + chunk.describe() + " ")
        + "ran out of heap after " + nextInput + " inputs were sent, so the map ends and lets go"
        + " of the results it held. Return smaller results, take mapUnordered's results as they"
        + " come and keep fewer of them, or give this process a larger -Xmx";
    return new CompletionException(message, error);
  }

  /**
   * On a reader thread whose chunk of this map ran out of heap, delivered: waits, allocating
   * nothing, until the map's thread has let go of the results it held, so that the reader's next
   * allocations find room (or {@link #HELD_RESULTS_WAIT_NANOS} passed, or the map was given up).
   */
  void awaitHeldResultsGone() {
    long began = System.nanoTime();
    while (!heldResultsGone && System.nanoTime() - began < HELD_RESULTS_WAIT_NANOS) {
      HeapReserve.pause(HeapReserve.PAUSE_NANOS);
    }
  }

  /** Links this class's error paths while the heap has room (see {@link HeapReserve#pause}). */
  static void prime() {
    HeapReserve.pause(1);
  }

  private String failure(ChunkJob chunk, int index, Throwable error) {
    if (index < 0) {
      return describeFailure(chunk.describe(), error);
    }
    return method + " failed on input #" + (chunk.firstInput + index) + " of a map: " + error;
  }

  /**
   * Why a whole chunk failed: the error's own message when it already names the chunk (a dead
   * worker, a timeout, a cancellation all do), so that it is not said twice.
   */
  private static String describeFailure(String what, Throwable error) {
    String message = error.getMessage();
    return message != null && message.contains(what) ? message : what + " failed: " + message;
  }

  /**
   * Sends chunks until the window is full or the inputs run out, or the pool, closed with
   * closeNow() meanwhile, cancels the next one (see {@link #notRun}), or slow inputs have kept it
   * reading while a result came (see {@link #resultWaits}).
   */
  private void feed() {
    long feedBegan = System.nanoTime();
    while (!cutShort && outstanding < window && !resultWaits(feedBegan)
        && (!carried.isEmpty() || inputs.hasNext())) {
      int size = pool.chunkLimit(chunkSize);
      if (knownSize > 0) {
        long left = knownSize - nextInput;
        size = (int) Math.max(1, Math.min(size, (left + pool.size() - 1) / pool.size()));
      }
      List<Object> chunk = new ArrayList<>(Math.min(size, 1024));
      while (chunk.size() < size && !carried.isEmpty()) {
        Object input = carried.poll();
        chunk.add(input == NULL ? null : input);
      }
      long began = System.nanoTime();
      while (chunk.size() < size && inputs.hasNext()) {
        chunk.add(inputs.next());
        if (System.nanoTime() - began > SLOW_INPUTS_NANOS) {
          break; // the inputs come slower than the workers run them: send what has come
        }
      }
      int sequence = ordered.size();
      ordered.add(null);
      int sent;
      try {
        sent = pool.submitChunk(this, sequence, nextInput, chunk);
      } catch (IllegalArgumentException e) {
        if (nextInput > 0 && e.getCause() instanceof OutOfMemoryError full) {
          // A chunk's inputs did not fit beside the results already held: the map's heap fault,
          // reported as the results' (see heapFull), not as a task's arguments too large.
          throw full;
        }
        throw e;
      } catch (CancellationException e) {
        ordered.remove(sequence);
        notRun = e; // reported once the chunks still out are: see inOrder and unordered
        cutShort = true;
        return;
      }
      for (int i = chunk.size() - 1; i >= sent; i--) {
        Object input = chunk.get(i);
        carried.addFirst(input == null ? NULL : input);
      }
      nextInput += sent;
      outstanding++;
    }
  }

  /**
   * Whether a chunk has been answered while this feed, begun at {@code feedBegan}, has read inputs
   * for longer than a chunk waits for them: the caller then takes it before reading on, since the
   * inputs come slower than the workers run them. Filling the window first held a {@code
   * mapUnordered}'s first result, done within milliseconds, until an input had been read for each
   * of its chunks (five inputs of 200 ms each on a pool of two). Checked once per chunk.
   */
  private boolean resultWaits(long feedBegan) {
    return outstanding > 0 && System.nanoTime() - feedBegan > SLOW_INPUTS_NANOS && !done.isEmpty();
  }

  /** Stops sending this map's chunks: the caller gave up on it. */
  private void abandon() {
    abandoned = true;
    pool.dispatcher.abandoned(this);
  }
}
