package dev.ferry.internal.pool;

import dev.ferry.internal.transport.HeapReserve;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * Where the pool's jobs go: the queue of jobs no worker has room for, and the dispatcher thread
 * that empties it, several jobs per write, as answers make room.
 *
 * <p>A job goes straight to the worker with the most room, written by the submitting thread; when
 * no worker has room it waits in the queue. A worker's room is how many unanswered jobs it may
 * hold: one while jobs take long (so a task never waits behind a long one while another worker is
 * idle), up to 32 while they take microseconds (so a worker never waits for the pool between tiny
 * tasks). A job picked for a worker is reserved on it until written ({@link Job#reservedOn}), so
 * that a fault of a cut rings file in between can take it back to the queue. Writes never wait for
 * a worker's socket: what it does not take at once goes to that worker's writer thread (see
 * {@link WorkerLink}).
 *
 * <p>Its fields, the jobs' states and the workers' in-flight lists and room are guarded by the
 * pool's lock; the dispatcher thread waits on that lock for a job and a worker with room. A
 * worker's write lock is taken before the pool's, never after.
 */
final class Dispatcher {
  private final Pool pool;
  /** The jobs no worker had room for, oldest first; a job whose worker ended goes back first. */
  final ArrayDeque<Job> queue = new ArrayDeque<>();
  private long serviceNanos; // moving average of a job's time in its worker; 0 before the first

  Dispatcher(Pool pool) {
    this.pool = pool;
  }

  /** Sends a job to a worker with room now, or queues it for the dispatcher. */
  void send(Job job) {
    WorkerLink target = null;
    synchronized (pool.lock) {
      if (job instanceof ChunkJob chunk) {
        refuseChunkIfClosedNow(chunk);
      }
      pool.refuseIfClosed();
      if (pool.broken != null) {
        throw new IllegalStateException(pool.broken.getMessage(), pool.broken);
      }
      if (queue.isEmpty() && !(Thread.currentThread() instanceof WorkerLink.ReaderThread)) {
        target = roomFor(job);
      }
      if (target == null) {
        queue.add(job);
        pool.lock.notifyAll();
      } else {
        job.reservedOn = target;
        target.reserved++;
      }
    }
    if (target != null) {
      write(target, List.of(job));
    }
    pool.workforce.launchPending();
  }

  /**
   * A map that was running when {@link Pool#closeNow()} closed the pool cannot send its next
   * chunk: the inputs from that chunk on are not run, and the map reports them as cancelled, as it
   * reports the tasks closeNow() cancelled (a mapUnordered's iterator used to throw "the pool is
   * closed: no new tasks" instead, an IllegalStateException that says the caller misused the pool,
   * in the middle of the cancellations). After {@link Pool#close()} the refusal stays that
   * IllegalStateException, as documented. Under the pool's lock.
   */
  private void refuseChunkIfClosedNow(ChunkJob chunk) {
    if (pool.shutdown.closedNow != null) {
      throw new CancellationException("the inputs of a map of " + chunk.method + " from #"
          + chunk.firstInput + " on were not run: the pool was " + pool.shutdown.closedNow
          + " while the map ran");
    }
  }

  /**
   * Whether a job that a fault interrupted in {@code submit} was queued or sent before it; one
   * picked for a worker and not yet written is put back in the queue first (see {@link
   * #takeBack}).
   */
  boolean handedOver(CallJob job) {
    synchronized (pool.lock) {
      takeBack(job);
      return job.state != Job.QUEUED || queue.contains(job);
    }
  }

  /** Gives a job's worker back the room it took for it: it is written now. Under the lock. */
  private static void unreserve(WorkerLink w, Job job) {
    if (job.reservedOn == w) {
      job.reservedOn = null;
      w.reserved--;
    }
  }

  /**
   * Puts a job picked for a worker and not written to it back in the queue, first, and gives the
   * worker back its room: a fault of a cut rings file came in between ({@link Job#reservedOn}).
   * Under the pool's lock.
   */
  private void takeBack(Job job) {
    WorkerLink w = job.reservedOn;
    if (w == null) {
      return;
    }
    job.reservedOn = null;
    w.reserved--;
    if (job.state == Job.QUEUED && !queue.contains(job)) {
      queue.addFirst(job);
    }
    pool.lock.notifyAll();
  }

  /**
   * The ready worker with the most room for {@code job}; null if none. A worker whose remaining
   * maxTasksPerWorker quota is too small for the job is retired. Under the pool's lock.
   */
  private WorkerLink roomFor(Job job) {
    int depth = depth();
    WorkerLink best = null;
    int bestRoom = 0;
    for (int i = 0; i < pool.workforce.workers.size(); i++) {
      WorkerLink w = pool.workforce.workers.get(i);
      int room = depth - w.inflight.size() - w.reserved;
      if (!w.ready || room <= bestRoom) {
        continue;
      }
      if (pool.maxTasks > 0 && w.assigned > 0 && w.assigned + job.tasks > pool.maxTasks) {
        pool.workforce.retire(w);
        i--;
        continue;
      }
      best = w;
      bestRoom = room;
    }
    return best;
  }

  /** How many unanswered jobs a worker may hold, from how long jobs take. Under the lock. */
  private int depth() {
    long service = serviceNanos;
    if (service == 0 || service > 10_000_000 || pool.timeouts.timesTasks()) {
      return 1;
    }
    return service < 50_000 ? 32 : service < 200_000 ? 8 : 2;
  }

  /**
   * Appends the jobs to the worker's in-flight list and writes them, both under its write lock,
   * so that the list's order is the order on the wire.
   */
  private void write(WorkerLink w, List<Job> jobs) {
    boolean refused = false;
    try {
      synchronized (w.writeLock) {
        synchronized (pool.lock) {
          if (w.dead) {
            for (Job job : jobs) {
              unreserve(w, job);
            }
            refused = pool.broken != null;
            for (int i = jobs.size() - 1; i >= 0 && !refused; i--) {
              queue.addFirst(jobs.get(i));
            }
            pool.lock.notifyAll();
            return;
          }
          for (Job job : jobs) {
            unreserve(w, job); // and sent, with nothing between that a fault could come at
            job.state = Job.SENT;
            job.worker = w;
            w.inflight.add(job);
            w.assigned += job.tasks;
            pool.timeouts.sent(w, job);
          }
          if (pool.maxTasks > 0 && w.assigned >= pool.maxTasks && !w.retiring) {
            pool.workforce.retire(w);
          }
        }
        try {
          w.write(jobs);
        } catch (IOException | RuntimeException e) {
          w.writeFailed(e);
        }
      }
    } catch (OutOfMemoryError e) {
      // Out of heap (a map whose results fill it) between the jobs' move to the worker's
      // in-flight list and their frame's end: jobs listed as sent that were never written, or a
      // frame torn, and the worker, waiting for nothing, left close() waiting for their answers
      // for ever (JDK 25, 1 run in 15). The worker is killed, which ends those jobs as any
      // worker's death does; the dispatcher takes back the jobs still reserved, not yet moved.
      // Those moved run again elsewhere: a task submitted just after a map failed for its
      // results not fitting in the heap failed with the worker, "killed by signal 9".
      HeapReserve.release();
      w.unwritten = jobs;
      w.writeFailed(e);
      throw e;
    } finally {
      if (refused) {
        for (Job job : jobs) {
          job.failed(new IllegalStateException(pool.broken.getMessage(), pool.broken));
        }
      }
    }
    pool.workforce.launchPending();
  }

  /**
   * A worker answered its first unanswered job: takes it off the list. On the thread reading its
   * answers.
   */
  Job answered(WorkerLink w, long nanos) {
    boolean stop = false;
    Job job;
    synchronized (pool.lock) {
      w.answering.set(w.inflight.peek()); // first: a fault may come at any call (see answering)
      job = w.inflight.poll();
      if (job == null) {
        return null;
      }
      job.state = Job.DONE;
      job.stopClock();
      serviceNanos = serviceNanos == 0 ? Math.max(1, nanos) : (serviceNanos * 7 + nanos) / 8;
      if (w.inflight.isEmpty() && w.reserved == 0 && w.retiring && !w.stopping) {
        w.stopping = true;
        stop = true;
      }
      if (!queue.isEmpty() || pool.closing) {
        pool.lock.notifyAll(); // the dispatcher, or close()
      }
    }
    if (stop) {
      w.stop();
    }
    return job;
  }

  void cancelled(CallJob job, boolean kill) {
    WorkerLink running = null;
    synchronized (pool.lock) {
      if (job.state == Job.QUEUED) {
        queue.remove(job);
        job.state = Job.DONE;
      } else if (job.state == Job.SENT && kill && job.worker.inflight.peek() == job) {
        running = job.worker;
        running.killedFor = job;
      }
      pool.lock.notifyAll();
    }
    if (running != null) {
      running.process.destroyForcibly();
    }
  }

  void abandoned(MapRun run) {
    synchronized (pool.lock) {
      queue.removeIf(job -> job instanceof ChunkJob chunk && chunk.run == run);
      pool.lock.notifyAll();
    }
  }

  /** Sends queued jobs to workers as they have room, several per write. */
  void dispatch() {
    boolean interrupted = false;
    while (true) {
      WorkerLink target;
      List<Job> batch = null;
      try {
        batch = new ArrayList<>();
        synchronized (pool.lock) {
          while (true) {
            if (pool.closed) {
              if (interrupted) {
                Thread.currentThread().interrupt();
              }
              return;
            }
            Job first = queue.peek();
            while (first != null && first.abandoned()) {
              queue.poll();
              first.state = Job.DONE;
              first = queue.peek();
            }
            target = first != null ? roomFor(first) : null;
            if (target != null || pool.workforce.hasPending()) {
              break;
            }
            try {
              pool.lock.wait();
            } catch (InterruptedException e) {
              interrupted = true; // deaf to it, as ever: kept for when the dispatcher ends
            }
          }
          if (target != null) { // else launch the workers booted meanwhile first
            fillBatch(target, batch);
          }
        }
        pool.workforce.launchPending();
        if (target != null) {
          write(target, batch);
        }
      } catch (InternalError e) {
        // The fault of a touch of a cut rings file (a write to a worker), which the JVM raises a
        // little after the touch, in whatever code runs by then: it ended the dispatcher, and
        // every queued task, and close(), waited for ever.
        Pool.faultedWhileWaiting(e); // anything else is rethrown
        synchronized (pool.lock) {
          for (int i = batch.size() - 1; i >= 0; i--) {
            takeBack(batch.get(i));
          }
        }
      } catch (OutOfMemoryError e) {
        // The heap full (a map holding results that together do not fit, which ends once its
        // thread sees a chunk fail so): it ended the dispatcher, and no queued task was sent again.
        // The batch goes back as after a fault, with the reserve's room, and the dispatcher goes on.
        HeapReserve.release();
        if (batch != null) {
          synchronized (pool.lock) {
            for (int i = batch.size() - 1; i >= 0; i--) {
              takeBack(batch.get(i));
            }
          }
        }
        HeapReserve.pause(10_000_000); // not a busy loop while the heap stays full
      }
    }
  }

  /** Takes the queued jobs that fit in the worker's room and quota. Under the pool's lock. */
  private void fillBatch(WorkerLink target, List<Job> batch) {
    int room = depth() - target.inflight.size() - target.reserved;
    long quota = pool.maxTasks > 0 ? pool.maxTasks - target.assigned : Long.MAX_VALUE;
    while (batch.size() < room && !queue.isEmpty()) {
      Job next = queue.peek();
      if (next.abandoned()) {
        queue.poll().state = Job.DONE;
        continue;
      }
      if (!batch.isEmpty() && next.tasks > quota) {
        break;
      }
      batch.add(next); // first: out of heap growing the batch, the job stays queued, unreserved
      next.reservedOn = target;
      target.reserved++;
      queue.poll(); // last: a fault before it leaves the job queued (see takeBack)
      quota -= next.tasks;
    }
  }

  /**
   * The jobs that wait, taken out of a pool that broke: those queued. A job a live worker holds
   * stays with it, and ends as any does: its worker answers it, or its end fails it or queues it
   * again, to be taken here ({@link WorkerEnds#gone}). Such jobs used to be failed here too, while
   * their workers ran them to the end: a task told that the pool was broken had run, and a retry
   * ran it twice. Under the pool's lock.
   */
  List<Job> drainWaiting() {
    return taken(new ArrayList<>(queue));
  }

  /** {@code jobs}, done as far as the pool is concerned, the queue emptied. Under the lock. */
  List<Job> taken(List<Job> jobs) {
    queue.clear();
    for (Job job : jobs) {
      job.state = Job.DONE;
      job.stopClock();
    }
    return jobs;
  }
}
