package dev.ferry.internal.transport;

import dev.ferry.ChannelClosedException;
import dev.ferry.TransferException;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
/**
 * The queue behind a channel, in the process that created it.
 *
 * <p>Items are encoded messages ({@code int32} type id, then the body), so local and remote
 * holders see the same copies and the host never needs the message classes. Receivers wait in one
 * FIFO line, local threads and remote connections alike; an arriving item goes to the first in
 * line. A remote receiver asks for up to {@code max} items and gets what is there at once (or the
 * next arrivals), which lets a fast consumer take batches and a slow one take one at a time.
 *
 * <p>A bounded channel counts queued items plus <em>reserved</em> slots: a remote producer asks for
 * credit and may send one message per slot granted, so {@code send} blocks in every process once
 * the channel is full. Slots a holder will not use come back when it hands them back ({@link
 * Wire#C_CREDIT_BACK}) or its connection ends.
 *
 * <p>Items handed to a remote receiver are its until it acknowledges that a {@code receive()}
 * returned them; if its connection ends first, they are queued again in front, in order.
 *
 * <p>Each process a handle was given to holds a <em>lease</em> (id and random token), which it
 * presents when it connects; the lease ends when that process exits or closes its handle. Once
 * the channel has been shared and every lease has ended, nothing but this process can feed or
 * drain it, so a local receive on the empty queue, or a local send on a full bounded one, fails
 * instead of hanging.
 *
 * <p>Its parts: {@link HostLeases} (the leases) and {@link HolderConnections} (the holders'
 * connections, starting and open). What stays here is the queue, the line of receivers, credit,
 * pacing and delivery, which share one lock and are read on every message.
 */
public final class HostChannel {
  private static final AtomicLong NEXT_ID = new AtomicLong(1);
  /**
   * Queued messages beyond which a connection that brings more waits for this process's receivers
   * to catch up (see {@link #keepPace}).
   */
  static final int BACKLOG = 1 << 16;
  /**
   * A local receive this recent, with a backlog, means a receiver is draining it: long enough for a
   * receiver descheduled on a busy machine, short enough that a receiver that stopped holds a
   * producer back only briefly.
   */
  private static final long DRAINING_NANOS = 20_000_000;
  /**
   * The most heap the messages queued in this process's channels handed to other processes may
   * take (about, see {@link ItemQueue}) before holders' messages with no receiver waiting are
   * refused: half the heap, the rest left to the process's own work.
   */
  static final long QUEUED_HEAP_LIMIT = Runtime.getRuntime().maxMemory() / 2;
  /**
   * A backlog this large in bytes is one too, as {@link #BACKLOG} messages are: so that large
   * messages paced for a receiver that drains them stay well below {@link #QUEUED_HEAP_LIMIT}.
   */
  static final long BACKLOG_BYTES = QUEUED_HEAP_LIMIT / 4;

  public final long id = NEXT_ID.getAndIncrement();
  public final int capacity;

  private final ReentrantLock lock = new ReentrantLock();
  /**
   * Taken by an {@code offer} or a timed send before {@link #lock}, and let go once that is held:
   * so at most one of them at a time waits in the lock's queue. Thousands of threads retrying
   * {@code offer} on a full channel all waited in that queue, and the thread serving the other
   * processes' receivers waited behind every one of them for each message (3,000 platform threads:
   * about 50 messages a second). They wait here instead; a send without a timeout, a send on an
   * unbounded channel, and a receive never take it. A timed send that waits for room takes {@link
   * #lock} back directly as its wait ends: only its first try queues here.
   */
  private final ReentrantLock retries = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition caughtUp = lock.newCondition();
  private final Condition disconnections = lock.newCondition(); // see awaitConnectionsGone
  private final ItemQueue items = new ItemQueue(); // see Items
  private final ArrayDeque<Object> waiters = new ArrayDeque<>(); // LocalWaiter or HostConnection
  private final ArrayDeque<HostConnection> creditWaiters = new ArrayDeque<>();
  private final HostLeases leases = new HostLeases();
  private final HolderConnections holders = new HolderConnections();
  /** The connections whose bytes come through shared memory: any thread may poll them. */
  private volatile HostConnection[] polled = new HostConnection[0];
  private int reserved;
  private boolean closed;
  /** The creating process dropped its {@code Channel}: only other processes can reach this one. */
  private boolean abandoned;
  /** When a local receive last took from a queue of more than half {@link #BACKLOG}. */
  private long lastDraining = System.nanoTime() - DRAINING_NANOS;
  private int pacing; // connections waiting in keepPace
  /** How long local receivers poll the holders' shared memory (see spinForItem). Under lock. */
  private final ConversationSpin conversation = new ConversationSpin();

  static {
    ConnectionClasses.initialize(); // as the first channel is made, not at its first connection
  }

  public HostChannel(int capacity) {
    this.capacity = capacity;
  }

  /**
   * A process's right to connect (see {@link HostLeases}); {@code createdBy} is null if this
   * process made it.
   */
  public record Lease(long id, byte[] token, HostConnection createdBy) {}

  private static final class LocalWaiter {
    final Condition ready;
    volatile Object item;
    volatile boolean closed;
    boolean spun; // polled the holders' shared memory for a moment (see spinForItem)
    long spunNanos; // from the wait's start to the end of its spin
    long parkedAt; // when it first parked, or 0
    final long since = System.nanoTime(); // when the wait began

    LocalWaiter(Condition ready) {
      this.ready = ready;
    }
  }

  // ---- leases

  public Lease newLease(HostConnection createdBy) {
    byte[] token = RuntimeFiles.randomToken();
    lock.lock();
    try {
      return leases.create(createdBy, token);
    } finally {
      lock.unlock();
    }
  }

  /** The lease with this id and token, or null: the check behind every connection. */
  Lease authenticate(long leaseId, byte[] token) {
    lock.lock();
    try {
      return leases.authenticate(leaseId, token);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Ends a lease at a holder's word, which must carry the lease's token: a holder can end the
   * leases it was handed or created (each comes with its token), never another process's, whose
   * channel would then look abandoned. An id no longer held is ignored: a child that closed its
   * handle has ended its lease before its parent, seeing it exit, ends it again.
   *
   * @throws TransferException if the lease is held and the token is not its own (a forged record)
   */
  void endLease(long leaseId, byte[] token) {
    lock.lock();
    try {
      if (!leases.heldWithToken(leaseId, token)) {
        return;
      }
    } finally {
      lock.unlock();
    }
    endLease(leaseId);
  }

  /**
   * Ends a lease made for a spawn that failed before its child got the handle (a later argument's
   * codec threw): no process had the channel through it. Ended as if its child had exited, it made
   * a channel never handed to anyone look abandoned by every process it was handed to: a receive
   * on it threw ChannelClosedException at once, as did an offer or send on it full.
   */
  public void withdrawLease(long leaseId) {
    lock.lock();
    try {
      leases.withdraw(leaseId);
    } finally {
      lock.unlock();
    }
    endLease(leaseId);
  }

  public void endLease(long leaseId) {
    lock.lock();
    try {
      if (leases.end(leaseId)) {
        wakeIfOrphaned();
        retireIfDone();
      }
    } finally {
      lock.unlock();
    }
  }

  private void wakeIfOrphaned() {
    if (orphaned()) {
      notFull.signalAll(); // a sender waiting on a full channel that no one else can drain
    }
    if (!closedForLocal() || !drained()) {
      return;
    }
    waiters.removeIf(
        w -> {
          if (w instanceof LocalWaiter local) {
            local.closed = true;
            local.ready.signal();
            return true;
          }
          return false;
        });
  }

  /**
   * Nothing queued, and nothing handed out that could come back: a holder that received messages
   * and has not acknowledged them gives them back if it closes, exits or dies before its receive()
   * returns them. Until then a closed channel is not empty: its receivers wait for them instead of
   * ending (a consumer stopped for a moment, then killed, held work that went back to a channel
   * whose other consumers had already been told it was empty, and nobody did it).
   */
  private boolean drained() {
    if (!items.isEmpty()) {
      return false;
    }
    return !holders.holdUnacknowledged();
  }

  private boolean closedForLocal() {
    return closed || orphaned();
  }

  /**
   * Shared once, and no process but this one holds the channel any more: every lease has ended
   * and every connection is gone (a dead holder's connection may still give messages back).
   */
  private boolean orphaned() {
    return leases.everShared() && leases.isEmpty() && holders.isEmpty();
  }

  /** Whether a remote receiver's request is waiting here; for tests. */
  boolean remoteWaiting() {
    lock.lock();
    try {
      return waiters.stream().anyMatch(w -> w instanceof HostConnection);
    } finally {
      lock.unlock();
    }
  }

  /** How many messages holders were handed and have not acknowledged; for tests. */
  int unacknowledged() {
    lock.lock();
    try {
      return holders.unacknowledgedCount();
    } finally {
      lock.unlock();
    }
  }

  /** The channel is handed to other processes: its queue counts in what the host may hold. */
  void shared() {
    lock.lock();
    try {
      items.share();
    } finally {
      lock.unlock();
    }
  }

  /** How many messages are queued; for tests. */
  int queued() {
    lock.lock();
    try {
      return items.size();
    } finally {
      lock.unlock();
    }
  }

  // ---- local holders

  /** Queues an item, waiting as long as a bounded channel is full. */
  public void send(Object item) throws InterruptedException {
    send(item, -1);
  }

  /**
   * Queues an item: waits while a bounded channel is full, for ever if {@code timeoutNanos < 0},
   * not at all if it is 0, else at most that long; false if it found no room in time.
   *
   * @throws ChannelClosedException if the channel is closed, or is bounded, full, and no other
   *     process can receive from it any more (it was shared and every lease has ended)
   */
  public boolean send(Object item, long timeoutNanos) throws InterruptedException {
    if (timeoutNanos < 0 || capacity == 0) {
      lock.lockInterruptibly();
    } else {
      lockBehindRetries(); // an offer or a timed send on a bounded channel, perhaps retried
    }
    try {
      long left = timeoutNanos;
      while (true) {
        if (closed) {
          throw new ChannelClosedException(this + " is closed: a message cannot be sent");
        }
        if (capacity == 0 || items.size() + reserved < capacity) {
          break;
        }
        if (orphaned()) {
          throw new ChannelClosedException(
              this + " is full and every process it was handed to has exited or closed it,"
                  + " so no other process can receive from it");
        }
        if (timeoutNanos >= 0 && left <= 0) {
          return false;
        }
        Outbox.writeHeldBy(null); // what this thread streamed to holders may be what frees a slot
        if (timeoutNanos < 0) {
          notFull.await();
        } else {
          left = notFull.awaitNanos(left);
        }
      }
      if (waiters.isEmpty()) {
        pollHolders(); // a request on its way is answered with this message, by this thread
      }
      deliver(item, true, true);
      return true;
    } finally {
      passOnRoom();
      lock.unlock();
    }
  }

  /** Takes {@link #lock} for an offer or a timed send, one such at a time (see {@link #retries}). */
  private void lockBehindRetries() throws InterruptedException {
    retries.lockInterruptibly();
    try {
      lock.lockInterruptibly();
    } finally {
      retries.unlock();
    }
  }

  /**
   * Wakes the next sender waiting on a bounded channel when room is left as this one leaves. Why:
   * a slot freed wakes one sender ({@link #afterTake}), and that sender may not fill it: it hands
   * its message straight to a receiver waiting, or its wait ends by interrupt or close. Without
   * this the other senders waited for a take that never came, beside receivers waiting too (a
   * {@code Channel.create(1)} with 10 producers and 2 consumers in one process hung within a
   * second, every time). Lock held.
   */
  private void passOnRoom() {
    if (capacity != 0 && items.size() + reserved < capacity) {
      notFull.signal();
    }
  }

  /** Handles, on the calling thread, what holders wrote through shared memory meanwhile. */
  private void pollHolders() {
    for (HostConnection connection : polled) {
      connection.poll();
    }
  }

  /**
   * Puts back, first in line, an item that {@link #take} returned but whose value this process's
   * heap could not hold once decoded, when it is a large message (64 KiB or more), whose own value
   * is then almost surely the allocation that failed: it goes to the next receiver, here or in
   * another process (if this process's heap has room to copy it then), instead of being lost with
   * an {@code OutOfMemoryError}, as a 64 MiB String a child sent to a parent at -Xmx192m was.
   * Returns for a smaller one.
   *
   * @throws TransferException saying so, for a large message
   */
  public void putBackUndecodable(Object item, OutOfMemoryError e) {
    long bytes = Items.bodyBytes(item);
    if (bytes < Wire.TAIL_MIN_BYTES) {
      return;
    }
    lock.lock();
    try {
      ArrayDeque<Object> one = new ArrayDeque<>(1);
      one.add(item);
      requeue(one); // first in line, or to the receiver waiting first
    } finally {
      lock.unlock();
    }
    throw new TransferException(
        "a message of " + bytes + " bytes in " + this + " does not fit in this process's heap ("
            + HeapLimit.described() + ") once decoded, beside what it holds, so it was not received;"
            + " it stays first in the channel. Send smaller messages, or start this process with a"
            + " larger -Xmx",
        e);
  }

  /**
   * Takes the next item: waits forever if {@code timeoutNanos < 0}, returns null at once if it is
   * 0, else waits at most that long.
   */
  public Object take(long timeoutNanos) throws InterruptedException {
    lock.lockInterruptibly();
    try {
      Object item = items.pollFirst();
      if (item != null) {
        if (items.size() > BACKLOG / 2 || items.held() > BACKLOG_BYTES / 2) {
          lastDraining = System.nanoTime();
        } else if (pacing > 0) {
          caughtUp.signalAll();
        }
        afterTake();
        return item;
      }
      if (closedForLocal() && drained()) {
        throw new ChannelClosedException(closedReason());
      }
      if (timeoutNanos == 0) {
        return null;
      }
      return await(timeoutNanos);
    } finally {
      lock.unlock();
    }
  }

  private Object await(long timeoutNanos) throws InterruptedException {
    Outbox.writeHeldBy(null); // what this thread streamed to holders may be what they answer
    LocalWaiter waiter = new LocalWaiter(lock.newCondition());
    waiters.addLast(waiter);
    long deadline = timeoutNanos < 0 ? Long.MAX_VALUE : waiter.since + timeoutNanos;
    try {
      while (waiter.item == null && !waiter.closed) {
        long left = timeoutNanos < 0 ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        if (polled.length > 0 && spinForItem(waiter, deadline)) {
          continue;
        }
        if (waiter.parkedAt == 0) {
          waiter.parkedAt = System.nanoTime();
        }
        if (timeoutNanos < 0) {
          waiter.ready.await();
        } else {
          waiter.ready.awaitNanos(left);
        }
      }
    } catch (InterruptedException e) {
      if (waiter.item == null) {
        waiters.remove(waiter);
        throw e;
      }
      Thread.currentThread().interrupt(); // the item is ours: deliver it, keep the interrupt
    }
    if (waiter.item != null) {
      long now = System.nanoTime();
      if (waiter.parkedAt != 0) {
        conversation.answeredAfterPark(now - waiter.since, waiter.spunNanos, now - waiter.parkedAt);
      } else {
        conversation.answered(now - waiter.since);
      }
      return waiter.item;
    }
    conversation.unanswered();
    waiters.remove(waiter);
    if (waiter.closed) {
      throw new ChannelClosedException(closedReason());
    }
    return null;
  }

  /**
   * Lets a waiting local receiver poll the shared memory of this process's holders itself for a
   * moment ({@link PolledConnections#pollAll}), so that a message a holder writes now reaches it
   * with no thread woken; false once that moment passed (the first time: true, so the caller looks
   * again), and the receiver parks as usual while the connections' threads read. Lock held on entry
   * and on return, released while polling.
   */
  private boolean spinForItem(LocalWaiter waiter, long deadline) {
    long budget = conversation.budget();
    if (waiter.spun || budget == 0) {
      return false;
    }
    waiter.spun = true;
    lock.unlock();
    try {
      long nanos = Math.min(budget, deadline - System.nanoTime());
      PolledConnections.pollAll(() -> waiter.item != null || waiter.closed, nanos, conversation);
      waiter.spunNanos = System.nanoTime() - waiter.since;
    } finally {
      lock.lock();
    }
    return true;
  }

  private String closedReason() {
    return closed
        ? this + " was closed and is empty"
        : this + " is empty and every process it was handed to has exited or closed it";
  }

  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      endWaitersIfDrained();
      creditWaiters.clear();
      notFull.signalAll();
      holders.refuseSends();
      retireIfDone();
    } finally {
      lock.unlock();
    }
  }

  /** Once a closed channel is {@link #drained}, tells every receiver waiting that it is. Lock held. */
  private void endWaitersIfDrained() {
    if (!closed || !drained()) {
      return;
    }
    for (Object waiter : waiters) {
      if (waiter instanceof LocalWaiter local) {
        local.closed = true;
        local.ready.signal();
      } else {
        ((HostConnection) waiter).endTake(true);
      }
    }
    waiters.clear();
  }

  /** The creating process dropped its {@code Channel} (its cleaner's action): retires once unheld. */
  void abandon() {
    lock.lock();
    try {
      abandoned = true;
      retireIfDone();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A closed channel that no process holds any more needs no serving: late holders may still
   * drain it. Nor does a dropped one, which no process can reach any more: what it queued goes.
   */
  private void retireIfDone() {
    if ((closed || abandoned) && leases.isEmpty()) {
      ChannelServer.unregister(this);
      if (abandoned) {
        items.clear();
      }
    }
  }

  // ---- delivery (lock held)

  private void deliver(Object item, boolean last) {
    deliver(item, last, false);
  }

  /**
   * Hands an item to the first receiver waiting, else queues it. A waiting holder this process's
   * heap cannot copy the item for gets none of it: when this thread sends the item ({@code sent},
   * a local send), the send fails, so that its sender learns the message was not sent; else the
   * holder's request is answered empty, it asks again, and its own request ends its connection,
   * the item staying in the channel (see {@link #take(HostConnection, int, boolean)}).
   */
  private void deliver(Object item, boolean last, boolean sent) {
    try {
      deliverOnce(item, last, sent);
    } catch (InternalError e) {
      // A fault on a holder's rings, which the JVM raises a little after the write that touched
      // them, here or in the caller: their file was cut short (MappingFaults.faulted, which
      // rethrows anything else), and their connection ends. The item was given if a connection
      // holds it unacknowledged (that end puts it back in the channel); else it goes to the next
      // waiter.
      MappingFaults.faulted(e);
      for (Object waiter : waiters) {
        if (waiter instanceof HostConnection remote
            && remote.handedOut().holdsUnacknowledged(item)) {
          return;
        }
      }
      deliverOnce(item, last, sent);
    }
  }

  private void deliverOnce(Object item, boolean last, boolean sent) {
    while (true) {
      Object first = waiters.peekFirst();
      if (first == null) {
        items.addLast(item);
        return;
      }
      if (first instanceof LocalWaiter local) {
        waiters.pollFirst();
        local.item = item;
        local.ready.signal();
        return;
      }
      HostConnection remote = (HostConnection) first;
      boolean given;
      try {
        given = remote.give(item, last);
      } catch (ItemRecords.TooLargeToCopy e) {
        if (sent) {
          throw new IllegalArgumentException(
              "a message of " + e.bytes + " bytes was not sent: this process's heap ("
                  + HeapLimit.described() + ") cannot hold the copy that carries it to the process"
                  + " waiting for it, beside what it holds. Send the data in parts, or start this"
                  + " process with a larger -Xmx",
              e.getCause());
        }
        waiters.pollFirst();
        remote.endTake(false);
        continue;
      }
      if (!given) {
        waiters.pollFirst(); // its connection is gone; try the next in line
        continue;
      }
      if (!remote.takeOpen()) {
        waiters.pollFirst(); // the item filled its request, which is answered
      }
      return;
    }
  }

  /**
   * Delivers items in order; a remote receiver that gets some but not all it asked for is
   * answered with the last of them.
   */
  private void deliverAll(Collection<Object> batch) {
    int left = batch.size();
    for (Object item : batch) {
      deliver(item, --left == 0);
    }
  }

  private void afterTake() {
    if (capacity == 0) {
      return;
    }
    grantCredits();
    notFull.signal();
  }

  private int free() {
    return capacity - items.size() - reserved;
  }

  private void grantCredits() {
    while (!creditWaiters.isEmpty() && free() > 0) {
      HostConnection connection = creditWaiters.pollFirst();
      int granted = Math.min(connection.credit().wanted(), free());
      reserved += granted;
      connection.grant(granted);
    }
  }

  // ---- remote holders (called by HostConnection threads)

  /**
   * A holder's hello was accepted: until its connection is {@link #connected} (or has ended), what
   * it sent counts as still to come, though its lease may end meanwhile. A child whose host could
   * not start its connection's thread for a moment (out of threads) sent its message and exited,
   * and the host's receive said the channel was empty and every process had exited, the message
   * unread in the connection.
   */
  void accepted(HostConnection connection) {
    lock.lock();
    try {
      holders.accepted(connection);
    } finally {
      lock.unlock();
    }
  }

  void connected(HostConnection connection) {
    lock.lock();
    try {
      holders.connected(connection);
      if (connection.polled()) {
        polled = holders.polled();
      }
      if (closed) {
        connection.refuseSends();
      }
    } finally {
      lock.unlock();
    }
  }

  public void take(HostConnection connection, int max, boolean wait) {
    lock.lock();
    try {
      connection.startTake(max);
      if (!items.isEmpty()) {
        if (connection.giveFrom(items)) {
          afterTake();
        } // else its connection is gone; the items stay queued
      } else if (closed && drained()) {
        connection.endTake(true);
      } else if (!wait) {
        connection.endTake(false);
      } else {
        waiters.addLast(connection);
      }
    } finally {
      lock.unlock();
    }
  }

  void cancelTake(HostConnection connection) {
    lock.lock();
    try {
      if (waiters.remove(connection)) {
        connection.endTake(false);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * A holder asks for slots: answered when there is room ({@code wait}), or at once with what is
   * free now, perhaps nothing (for {@code offer}).
   */
  void askCredit(HostConnection connection, int wanted, boolean wait) {
    lock.lock();
    try {
      if (closed) {
        connection.refuseSends();
        return;
      }
      if (capacity == 0) {
        connection.grant(wanted);
        return;
      }
      if (!wait) {
        int granted = creditWaiters.contains(connection) ? 0 : Math.max(0, Math.min(wanted, free()));
        reserved += granted;
        connection.grantNow(granted);
        return;
      }
      connection.credit().want(wanted);
      if (!creditWaiters.contains(connection)) {
        creditWaiters.addLast(connection);
      }
      grantCredits();
    } finally {
      lock.unlock();
    }
  }

  /**
   * A holder hands back credit it will not use (see {@link Wire#C_CREDIT_BACK}): the slots serve
   * the next request in line, or a sender of this process.
   *
   * @throws TransferException if it hands back more than it holds
   */
  void creditHandedBack(HostConnection connection, int slots) {
    lock.lock();
    try {
      connection.credit().takeBack(slots);
      if (capacity > 0) {
        reserved -= slots;
        grantCredits();
        notFull.signal(); // passOnRoom wakes the next if there is more room
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Queues the messages of one frame.
   *
   * @throws TransferException if a producer sent more than its credit on a bounded channel
   */
  void received(HostConnection connection, List<Object> batch, boolean pace) {
    lock.lock();
    try {
      if (waiters.isEmpty() && ItemQueue.heldInAll() > QUEUED_HEAP_LIMIT) {
        throw tooMuchQueued();
      }
      if (capacity > 0) {
        connection.credit().spend(batch.size());
        reserved -= batch.size();
      }
      if (closed) {
        connection.refuseSends(); // the creator closed it: late messages are dropped
        return;
      }
      deliverAll(batch);
      if (capacity > 0) {
        grantCredits();
        notFull.signal();
      }
      if (pace) {
        keepPace();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why a holder's messages are refused, and its connection dropped, while the channels of this
   * process hold more than {@link #QUEUED_HEAP_LIMIT}: a channel no one receives from keeps what
   * is sent, and its host's heap filled until threads of the host died of {@code
   * OutOfMemoryError} (the connection's, and on Temurin 25 the one that watches a child's parent).
   */
  private TransferException tooMuchQueued() {
    return new TransferException(
        this + " holds " + items.size() + " messages (about " + (items.held() >> 20) + " MiB) no"
            + " receive has taken, and the channels of this process together about "
            + (ItemQueue.heldInAll() >> 20) + " MiB, more than half its heap (" + HeapLimit.described()
            + "): so this holder's connection is dropped, with the messages it sent that were not"
            + " queued yet. A channel keeps what is sent until it is received: receive as fast as"
            + " it is sent, or give the channel a capacity (Channel.create(n)), whose senders wait"
            + " for room");
  }

  /**
   * Makes the calling connection's reader wait while more than {@link #BACKLOG} messages (or {@link
   * #BACKLOG_BYTES} of them) are queued and a local receiver is draining them (it took one within
   * {@link #DRAINING_NANOS}), until they are down to half. Then the socket fills and the producer's
   * outbox pushes back, so a producer faster than this process's receivers keeps its backlog at
   * home (as a pipe makes a Python producer's feeder thread wait) instead of filling this process's
   * memory, and its garbage collector's. Waiting only while a receiver here makes progress means a
   * backlog that only the producer's own connection could drain (a holder that sends, then
   * receives) never deadlocks: the reader reads on soon after the local receives stop. Lock held.
   */
  private void keepPace() {
    while ((items.size() > BACKLOG || items.held() > BACKLOG_BYTES) && !closed
        && System.nanoTime() - lastDraining < DRAINING_NANOS) {
      pacing++;
      try {
        caughtUp.awaitNanos(DRAINING_NANOS / 10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } finally {
        pacing--;
      }
    }
  }

  /** The holder's receive() returned the next {@code count} messages handed to it. */
  void acknowledged(HostConnection connection, int count) {
    lock.lock();
    try {
      connection.handedOut().acknowledge(count);
      endWaitersIfDrained();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The holder's receive() returned message {@code number} of those handed to it, before one
   * handed to it earlier (see {@link Wire#C_ACK_ONE}): it will not go back to the channel.
   */
  void acknowledgedOutOfTurn(HostConnection connection, long number) {
    lock.lock();
    try {
      connection.handedOut().acknowledgeOutOfTurn(number);
      endWaitersIfDrained();
    } finally {
      lock.unlock();
    }
  }

  /** The holder lets go: what it was handed and did not receive goes back to the channel. */
  void gaveBack(HostConnection connection) {
    lock.lock();
    try {
      if (waiters.remove(connection)) {
        connection.dropTake();
      }
      requeue(connection.handedOut().takeUnacknowledged());
      endWaitersIfDrained();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Messages handed to a holder that no receive() of it returned: queued again in front, in their
   * order, or handed to the receivers waiting in line. Lock held.
   */
  private void requeue(ArrayDeque<Object> batch) {
    if (batch.isEmpty()) {
      return;
    }
    if (waiters.isEmpty()) {
      while (!batch.isEmpty()) {
        items.addFirst(batch.pollLast());
      }
      return;
    }
    deliverAll(batch);
  }

  /**
   * Waits, at most {@code nanos}, until no connection that presented lease {@code leaseId} is open,
   * nor one of a holder that lease's holder handed the channel to, at any depth (see {@code
   * Child.join}): once that child has exited, its end is read here at once, and its descendants
   * exit with it a moment later (its grandchildren's parent watchers poll every 100 ms).
   */
  public void awaitConnectionsGone(long leaseId, long nanos) throws InterruptedException {
    lock.lock();
    try {
      while (nanos > 0 && holders.anyDescendsFrom(leaseId)) {
        nanos = disconnections.awaitNanos(nanos);
      }
    } finally {
      lock.unlock();
    }
  }

  void disconnected(HostConnection connection) {
    lock.lock();
    try {
      holders.disconnected(connection);
      disconnections.signalAll();
      if (connection.polled()) {
        polled = holders.polled();
      }
      waiters.remove(connection);
      requeue(connection.handedOut().takeUnacknowledged()); // it died or left before receiving them
      endWaitersIfDrained();
      creditWaiters.remove(connection);
      reserved -= connection.credit().drop();
      leases.endCreatedBy(connection);
      if (capacity > 0) {
        grantCredits();
        notFull.signalAll();
      }
      wakeIfOrphaned();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "channel " + id + " of process " + ProcessHandle.current().pid();
  }
}
