package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.ChannelClosedException;
import dev.ferry.TransferException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
/**
 * A channel hosted by another process: connects to it ({@link RemoteHandshake}) on first use, or
 * in the background when a child starts (so a child never waits for it before its target runs),
 * sends through a batching {@link Outbox}, and receives on the thread that waits (see {@link
 * RemoteReader}).
 *
 * <p>Receiving asks the host for up to {@code n} messages and waits for the answer; {@code n}
 * doubles (to 4096, and the host stops an answer at about 1 MiB) while the host has that many
 * and the receiver keeps up within a millisecond, and halves when it does not, so a fast
 * consumer takes batches and a slow one does not hoard work its siblings could do; a large batch
 * asks for the next one when a quarter is left. The host keeps every message it hands out until
 * this process acknowledges that a receive() returned it (see {@link Inbox}); messages
 * taken but not received go back to the channel when the handle closes, the process exits or is
 * killed. Messages are kept as bytes and decoded by the receiving thread.
 *
 * <p>This class holds the connection, its lock and the channel's open/closed state, what the
 * host's records do to them, the control records it writes, and the handing on and letting go of
 * the channel; its parts, each guarded by its lock: {@link RemoteSender} (a send's path into the
 * outbox), {@link RemoteReceiver} (a receive's: take, wait, decode, count), {@link RemoteReader}
 * (who reads the connection, and when: leader/follower, and the idle reader), {@link RemoteHeap}
 * (a heap that cannot hold what the host sent), {@link RemoteFaults} (a rings file cut short
 * under a call), {@link SendCredit} (a bounded channel's slots), {@link TakeRequests} (what to
 * ask the host for, and when), {@link Inbox} (what was handed over and not received, and when it
 * counts as received), {@link AnnouncedTypes} (the host's type ids) and {@link Leases}. {@link
 * Connector} connects in the background; {@link ChannelsAtExit} lets go of every channel as the
 * process exits.
 */
public final class RemoteChannel {
  static final Object NOTHING = new Object();
  private static final byte[] NO_PREFIX = {};
  static final long FOREVER = Long.MAX_VALUE;

  public final String socketPath;
  public final long channelId;
  public final int capacity;

  final ReentrantLock lock = new ReentrantLock();
  /** A bounded channel's credit for sending; guarded by {@link #lock}, as all its state is. */
  final SendCredit credits;
  final Condition changed = lock.newCondition();
  /** The leases this process holds the channel by; guarded by {@link #lock}. */
  private final Leases leases = new Leases();
  /** What the host handed this process and no receive returned yet; guarded by {@link #lock}. */
  final Inbox inbox = new Inbox();
  /** The receive side's requests for messages; guarded by {@link #lock}. */
  final TakeRequests takes;
  /** The message types the host announced on this connection; written by the reading thread. */
  final AnnouncedTypes types = new AnnouncedTypes();
  private SocketChannel socket;
  /** The shared memory the bytes go through, if the host offered it; set under {@link #lock}. */
  RingLink rings;
  volatile Outbox out;
  /** No send will go through any more; written under {@link #lock}, read also without it. */
  volatile boolean sendClosed;
  /** No message will come any more; guarded by {@link #lock}. */
  boolean receiveClosed;
  /** This process let go of its handle (a close, or its exit); written under {@link #lock}. */
  volatile boolean closedHere;
  /**
   * Whether {@link #closedHere} was set by this process's exit ({@link
   * ChannelsAtExit#goodbyeAll}), not by a {@code close()}: then a shutdown hook of the program's
   * that used the channel was told it "was closed in this process", by no code of its own.
   */
  private volatile boolean closedAtExit;
  private boolean byeSent;
  private boolean byeAnswered;
  /** Why every use of the channel fails from now on, or null; guarded by {@link #lock}. */
  String closedWhy;
  /** What the host said as it dropped this process's connection (it goes on); see {@link #gone}. */
  volatile String dropped;
  /** Counts the changes of state the host's answers make; read without the lock by the reader. */
  volatile int changes;
  /** The connection's frames, read by {@link #reader}; set under {@link #lock}. */
  FrameReader frames;
  /** Who reads the connection, and when. */
  private final RemoteReader reader;
  /** What this holder does when its heap cannot hold what the host sent. */
  final RemoteHeap heap = new RemoteHeap(this);
  /** What a call does that met a fault on the rings' mapped file. */
  final RemoteFaults faults = new RemoteFaults(this);
  /** Writes this holder's messages into its outbox. */
  private final RemoteSender sender = new RemoteSender(this);
  /** Takes this holder's messages from its inbox, asking the host for them, and decodes them. */
  private final RemoteReceiver receiver = new RemoteReceiver(this);

  public RemoteChannel(String socketPath, long channelId, int capacity) {
    this.socketPath = socketPath;
    this.channelId = channelId;
    this.capacity = capacity;
    this.credits = new SendCredit(this, capacity);
    this.takes = new TakeRequests(this, inbox);
    this.reader = new RemoteReader(this, lock, changed);
  }

  /** A lease this process was handed the channel with. */
  public void addLease(long leaseId, byte[] token) {
    lock.lock();
    try {
      leases.add(leaseId, token);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Connects {@code channels} on a daemon thread as a child starts (see {@link Connector});
   * failures surface on first use.
   */
  public static void connectInBackground(List<RemoteChannel> channels) {
    Connector.connectInBackground(channels);
  }

  /** Connects unless this handle was closed; a failure is reported when the channel is used. */
  void connectUnlessClosed() {
    lock.lock();
    try {
      if (!closedHere) {
        connect();
      }
    } catch (RuntimeException e) {
      // reported to the target when it uses the channel
    } catch (OutOfMemoryError e) {
      // The heap is full (a target that fills it as it starts): connected on the channel's first
      // use instead, once the program has room again
    } finally {
      lock.unlock();
    }
  }

  // ---- connecting (lock held)

  void connect() {
    if (out != null) {
      return;
    }
    if (closedHere) {
      throw new ChannelClosedException(closedHereWhy());
    }
    if (closedWhy != null) {
      throw new ChannelClosedException(closedWhy);
    }
    if (ChannelsAtExit.exiting) {
      throw closedAtExit();
    }
    Outbox outbox = null;
    try {
      RemoteHandshake handshake =
          new RemoteHandshake(socketPath, channelId, leases.id(0), leases.token(0));
      // The connector's thread is Ferry's own: no user interrupts it.
      RemoteHandshake.Connection made =
          Thread.currentThread() instanceof Connector ? handshake.run() : handshake.runAside();
      SocketChannel s = made.socket();
      rings = made.rings();
      socket = s;
      GatheringByteChannel link = rings != null ? rings : s;
      outbox = new Outbox(link, "ferry-out-".concat(Long.toString(channelId)), true);
      frames = new FrameReader((ReadableByteChannel) link);
      ChannelsAtExit.CONNECTED.add(this);
      // The goodbyes may have passed over this channel before it joined CONNECTED: nothing sent
      // through it would be delivered, so no send may start. Marked closed before the outbox is
      // published: a send's lock-free path reads out, then closedHere, and a shutdown hook's
      // sends that saw the outbox before the mark went through and returned (1 in 15 runs of
      // ChildExitTest on a loaded machine).
      boolean late = ChannelsAtExit.exiting;
      if (late) {
        closedAtExit();
      }
      heap.primeHeapPaths();
      out = outbox;
      Thread idleReader =
          new Thread("ferry-in-".concat(Long.toString(channelId))) {
            @Override
            public void run() {
              while (true) {
                try {
                  reader.readWhileIdle();
                  return;
                } catch (OutOfMemoryError e) {
                  // Past the handling in RemoteReader.readUntilChange: this thread reads on, once
                  // there is room
                  HeapReserve.release();
                  HeapReserve.pause(HeapReserve.PAUSE_NANOS);
                }
              }
            }
          };
      idleReader.setDaemon(true);
      idleReader.start();
      if (late) {
        throw new ChannelClosedException(closedHereWhy());
      }
    } catch (IOException e) {
      // A host that cannot start a connection's threads within ThreadShortage's wait drops it
      // before answering, and the holder reads only the reset: it used to be told no more than
      // that its host had exited or refused it, though the host went on at a limit on threads.
      closedWhy = this + " cannot be reached: " + (e instanceof RemoteHandshake.Unreachable
          ? e.getMessage() : "its host process has exited or refused us (" + e.getMessage() + "),"
              + " or dropped the connection unanswered, which a host does that cannot start a"
              + " connection's threads (at a limit on threads: ulimit -u, a container's pids"
              + " limit) or is out of file descriptors (ulimit -n)");
      sendClosed = true;
      receiveClosed = true;
      throw new ChannelClosedException(closedWhy);
    } catch (OutOfMemoryError e) {
      // The connection's flusher or reader could not start: it threw bare out of a child's send
      // (ulimit -u 33), with no word of the limit. The connection is dropped, as Deadlines says.
      // Or the heap is full: the connection is dropped too, but the channel stays open, and the
      // next use connects again. Told as a thread that could not start, a child whose target
      // filled its heap as the channel connected in the background lost the channel for good
      // (its send threw "cannot be reached: this process cannot start a thread (Java heap
      // space)" after the program had let go of what it held).
      ChannelsAtExit.CONNECTED.remove(this);
      out = null;
      frames = null;
      if (outbox != null) {
        outbox.close(); // its flusher waited for work on the dropped connection for ever
      }
      try {
        if (rings != null) {
          rings.close();
        }
        if (socket != null) {
          socket.close();
        }
      } catch (IOException ignored) {
        // closed anyway
      }
      rings = null;
      socket = null;
      if (!ThreadShortage.isThreadStart(e)) {
        throw e; // as any allocation of the program's: it may let go and use the channel again
      }
      closedWhy = this + " cannot be reached: this process cannot start a thread (" + e.getMessage()
          + "): it is at a limit on threads (ulimit -u, a container's pids limit) or out of memory"
          + " for their stacks (ulimit -v)";
      sendClosed = true;
      receiveClosed = true;
      throw new ChannelClosedException(closedWhy);
    }
  }

  void control(int tag, long value, int flag) {
    control(tag, value, flag, false);
  }

  /** {@code awaited}: the caller waits for the answer, so the frame leaves at once. */
  void control(int tag, long value, int flag, boolean awaited) {
    ByteOutput o = beginRecord();
    if (o == null) {
      return;
    }
    try {
      // Room for the whole record first: out of heap, a record torn halfway went out (the finally
      // ends the append) and the host read a corrupt stream
      o.ensureCapacity(1 + 10 + 1);
      o.writeByte(tag);
      switch (tag) {
        case Wire.C_TAKE, Wire.C_CREDIT -> {
          o.writeVarInt((int) value);
          o.writeByte(flag);
        }
        case Wire.C_LEASE_NEW -> o.writeVarLong(value);
        default -> {}
      }
    } finally {
      if (awaited) {
        out.endAwaitingAnswer();
      } else {
        out.end();
      }
    }
  }

  /** Where a control record goes, or null if the connection failed (its reader closes this channel). */
  private ByteOutput beginRecord() {
    try {
      return out.begin();
    } catch (UncheckedIOException e) {
      return null;
    }
  }

  /** Tells the host a lease this process held or created has ended; the token proves it. */
  private void endLease(long leaseId, byte[] token) {
    ByteOutput o = beginRecord();
    if (o == null) {
      return;
    }
    try {
      o.ensureCapacity(1 + 10 + token.length); // whole or not at all: see control
      o.writeByte(Wire.C_LEASE_END);
      o.writeVarLong(leaseId);
      o.writeBytes(token, 0, token.length);
    } finally {
      out.end();
    }
  }

  // ---- sending

  /**
   * Sends one encoded message: on a full bounded channel waits for ever if {@code timeoutNanos <
   * 0}, asks the host once if it is 0, else waits at most that long; false if no slot came.
   * {@code answering}: the sending thread received a message since it last sent one, so this one
   * may be the answer the peer waits for and leaves at once, never gathered with a stream's (see
   * {@link Outbox#endAnswering}).
   */
  public boolean send(
      MessageTypes.Entry entry, byte[] body, int length, long timeoutNanos, boolean answering)
      throws InterruptedException {
    return sender.send(entry, NO_PREFIX, 0, body, length, timeoutNanos, answering);
  }

  /**
   * Sends a {@code byte[]} message of at least {@link Wire#TAIL_MIN_BYTES} as {@link #send} does,
   * writing it from {@code value} itself: no copy into a scratch buffer first.
   */
  public boolean sendBytes(MessageTypes.Entry entry, byte[] value, long timeoutNanos)
      throws InterruptedException {
    ByteOutput size = new ByteOutput(8);
    size.writeSize(value.length); // as the byte[] codec writes it
    return sender.send(entry, size.array(), size.size(), value, value.length, timeoutNanos, false);
  }

  /**
   * What a child's target threw, as a {@code send} or {@code receive} of the channel it broke would
   * have thrown it: a fault on a rings file that was cut short, raised after the call that met it,
   * becomes that channel's {@link ChannelClosedException} (see {@link RemoteFaults#explainFault}).
   * Anything else is returned as it is.
   */
  public static Throwable explainFault(Throwable thrown) {
    return RemoteFaults.explainFault(thrown);
  }

  /** Lets go of this channel, not connected before this process began to exit. Lock held. */
  private ChannelClosedException closedAtExit() {
    closedHere = true;
    closedAtExit = true;
    return new ChannelClosedException(closedHereWhy());
  }

  /** Why a call on a channel this process let go of fails: a close, or the process's exit. */
  String closedHereWhy() {
    if (!closedAtExit) {
      return this + " was closed in this process";
    }
    return this + " was closed in this process as it exits (its target ended, or System.exit was"
        + " called), which lets go of every channel before the program's shutdown hooks are done:"
        + " send what a hook would send before the target returns";
  }

  ChannelClosedException closedForSend() {
    return new ChannelClosedException(
        closedHere ? closedHereWhy()
            : closedWhy != null ? closedWhy
            : broken() != null ? broken()
            : this + " was closed by the process that created it");
  }

  // ---- receiving




  /**
   * The next message, decoded: waits forever if {@code timeoutNanos < 0}, asks once without
   * waiting if it is 0, else waits at most that long; {@code NOTHING} if none came (see {@link
   * RemoteReceiver#receive}).
   *
   * @throws TransferException if the message cannot be decoded (the next one can be received)
   */
  public Object receive(long timeoutNanos) throws InterruptedException {
    return receiver.receive(timeoutNanos);
  }

  public static boolean isNothing(Object received) {
    return received == NOTHING;
  }

  /**
   * How long {@code poll} and {@code offer}, which ask the host and wait for its answer (one round
   * trip), wait for it at most: they must not block for long (they used to wait for ever and 30 s)
   * when the host does not answer, stopped, hung, or starved of CPU. Then poll returns empty and
   * offer false.
   */
  static final long ANSWER_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);


  /**
   * Lets go of the messages this process was handed but did not receive: acknowledges what its
   * receive() returned, then asks the host to queue the rest again, in front and in order (the
   * host keeps every message it hands out until it is acknowledged, including those still on
   * their way here, which this process will not receive any more). So a consumer that stops early
   * (or closes, or exits) loses nothing it had prefetched. Lock held.
   */
  private void giveBack() {
    if (out == null || closedWhy != null) {
      return;
    }
    ByteOutput o;
    try {
      o = out.begin();
    } catch (UncheckedIOException e) {
      return;
    }
    try {
      out.giveBack(o); // whole or not at all: see control
      inbox.clear();
      takes.givenBack();
    } finally {
      out.end();
    }
  }

  /**
   * Waits until the host's answers change this channel's state, or {@code deadline} ({@link
   * System#nanoTime()}, or {@link #FOREVER}) passes, reading the connection if no other thread
   * does (see {@link RemoteReader#awaitChange}). Lock held on entry and on return.
   */
  void awaitChange(long deadline) throws InterruptedException {
    reader.awaitChange(deadline);
  }

  String gone() {
    String broken = broken();
    return broken != null ? broken : toString().concat(" is gone: the process hosting it exited");
  }

  /**
   * Why the connection ended though the host may well go on, or null: the host dropped it and said
   * why, or this process dropped it, finding the shared-memory rings corrupt. Either used to be
   * told as the host's exit, or as its closing the channel.
   */
  private String broken() {
    if (heap.letGo() != null) {
      return heap.letGo(); // this process let go of the channel: see RemoteHeap.letGoOfTooLarge
    }
    String why = dropped;
    if (why != null) {
      return this + " broke: its host, which goes on, dropped this process's connection, saying '"
          + why + "'";
    }
    Outbox outbox = out;
    why = outbox != null ? outbox.droppedFor() : null;
    return why != null ? this + " broke: this process dropped its connection: " + why : null;
  }

  void deliver(List<byte[]> arrived) {
    if (arrived.isEmpty()) {
      return;
    }
    HeapReserve.lock(lock);
    try {
      inbox.addAll(arrived);
      takes.arrived(arrived.size());
      changes++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    arrived.clear();
  }

  /** Handles one answer from the host; false after its goodbye. */
  boolean answer(int tag, Wire.Cursor records) {
    int handBack = 0;
    HeapReserve.lock(lock);
    try {
      switch (tag) {
        case Wire.H_TAKE_END -> {
          takes.answered();
          if (records.u8() == 1) {
            receiveClosed = true;
            sendClosed = true;
          }
        }
        case Wire.H_CREDIT -> handBack = credits.granted(records.varInt());
        case Wire.H_CREDIT_NOW -> handBack = credits.grantedNow(records.varInt());
        case Wire.H_LEASE -> {
          long request = records.varLong();
          long leaseId = records.varLong();
          leases.answered(request, new Object[] {leaseId, records.bytes(Wire.TOKEN_BYTES)});
        }
        case Wire.H_CLOSED -> sendClosed = true;
        case Wire.H_DROPPED -> dropped = records.string();
        case Wire.H_BYE -> {
          byeAnswered = true;
          return false;
        }
        default -> throw new TransferException("unknown record tag " + tag);
      }
      changes++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (handBack > 0) {
      handBack(handBack);
    }
    return true;
  }

  /**
   * Hands {@code slots} of credit back to the host ({@link SendCredit#granted}). Reading thread,
   * not under the channel's lock, as a send appends; it leaves at once, as the host's senders may
   * wait for it.
   */
  private void handBack(int slots) {
    try {
      ByteOutput o;
      try {
        o = out.beginWithoutWaiting();
      } catch (UncheckedIOException e) {
        return; // the connection failed: the host returns this process's credit to the channel
      }
      try {
        o.ensureCapacity(1 + 5); // out of heap, throws before any of the record is written
        o.writeByte(Wire.C_CREDIT_BACK);
        o.writeVarInt(slots);
      } finally {
        out.endAwaitingAnswer();
      }
    } catch (OutOfMemoryError e) {
      // The answer that brought the slots is read: it must not be read again (see
      // RemoteReader.read), so they stay this process's credit, which its next send uses
      HeapReserve.release();
      HeapReserve.lock(lock);
      try {
        credits.keep(slots);
      } finally {
        lock.unlock();
      }
    }
  }

  void lost(String why) {
    HeapReserve.lock(lock); // a connection that ends must end, heap or not
    try {
      if (closedWhy == null) {
        closedWhy = closedHere ? closedHereWhy() : why;
      }
      sendClosed = true;
      receiveClosed = true;
      changes++;
      changed.signalAll();
      reader.wakeIdleReader();
    } finally {
      lock.unlock();
    }
    // Not under the channel's lock: a thread holding the outbox's may be waiting for that.
    Outbox outbox = out;
    if (outbox != null) {
      outbox.close();
    }
    ChannelsAtExit.CONNECTED.remove(this);
    frames.close();
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  // ---- handing the channel on, and letting go of it

  /**
   * Asks the host for a lease for a child this process is spawning: {id, token}. Refused once this
   * process closed its handle, also while children it handed the channel to before keep its
   * connection open: a pool's replacement worker, given its initializer's arguments anew, used to
   * get a lease of its own and use the channel this process had let go of, where a spawn was
   * refused.
   *
   * <p>An interrupt does not end the wait, which the host's answer (or the 30 s bound) ends: a
   * spawn is not interruptible, and in the channel's creating process it takes no round trip at
   * all. A thread interrupted here, or on entry, gets its flag back once the answer came; a spawn
   * in a child by a thread whose flag was set used to throw {@code ChannelClosedException:
   * interrupted while handing on} a channel that was not closed, where the same spawn in the parent
   * started its child.
   */
  public Object[] newChildLease() {
    lock.lock();
    try {
      if (closedHere) {
        throw new ChannelClosedException(closedHereWhy());
      }
      connect();
      long request = leases.nextRequest();
      control(Wire.C_LEASE_NEW, request, 0);
      leases.childAsked(); // from the request on: see leaseAnswer
      Object[] lease = null;
      try {
        lease = leaseAnswer(request);
        return lease;
      } finally {
        if (lease == null) {
          childLeaseEnded();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for the host's answer to lease request {@code request}, which {@link #leases} counts
   * among the children's already, so that a {@link #close} on another thread meanwhile keeps the
   * connection open: its goodbye used to reach the host after the request, and the host, ending the
   * connection's leases, ended the one it had just made; the spawn then started a child whose every
   * use of the channel failed with {@code ... cannot be reached: ... the host refused the
   * connection (unknown channel or lease)}, blaming a limit on threads or descriptors. Lock held;
   * released while waiting. An interrupt does not end the wait (see {@link #newChildLease}): the
   * flag is set again once the answer came.
   */
  private Object[] leaseAnswer(long request) {
    boolean interrupted = false;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!leases.isAnswered(request)) {
        if (receiveClosed && closedWhy != null) {
          throw new ChannelClosedException(closedWhy);
        }
        if (deadline - System.nanoTime() <= 0) {
          throw new ChannelClosedException(this + ": its host did not answer a lease request");
        }
        try {
          awaitChange(deadline);
        } catch (InterruptedException e) {
          interrupted = true; // the flag is clear now, so the next wait waits
        }
      }
      return leases.takeAnswer(request);
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  public void childExited(long leaseId, byte[] token) {
    lock.lock();
    try {
      if (out != null && closedWhy == null) {
        endLease(leaseId, token);
      }
      childLeaseEnded();
    } finally {
      lock.unlock();
    }
  }

  /** One child lease fewer; the last one lets go of a handle closed here. Lock held. */
  private void childLeaseEnded() {
    int left = leases.childEnded();
    if (closedHere && left == 0) {
      goodbye();
    }
  }

  public void close() {
    lock.lock();
    try {
      if (closedHere) {
        return;
      }
      closedHere = true;
      changed.signalAll();
      if (reader.isReading()) {
        // The thread reading the connection (one waiting in receive or send) waits for the host's
        // frames, not on changed: while a child still holds the channel no goodbye is said, so no
        // answer comes to wake it, and it waited for good after this close (a receive blocked in a
        // child that closed its handle while its grandchild held the channel).
        frames.wakeUp();
      }
      if (out == null || closedWhy != null) {
        return; // never connected: the lease ends when this process exits
      }
      // Receives still decoding (other threads) will return their messages: counted, so they do
      // not go back to be received twice. At exit they do go back (see ChannelsAtExit).
      inbox.countTaken(out);
      giveBack();
      for (int i = 0; i < leases.size(); i++) {
        endLease(leases.id(i), leases.token(i));
      }
      if (leases.children() == 0) {
        goodbye();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Flushes what was sent, says goodbye and waits (briefly) for the host to confirm. Lock held. */
  void goodbye() {
    if (sayGoodbye()) {
      awaitGoodbye(System.nanoTime() + GOODBYE_NANOS);
    }
  }

  /**
   * How long a process lets go of its channels at most: one host, or all of them at exit. 5 s;
   * the property is for the tests whose children wait it out (CI runs them twice), no user setting.
   */
  static final long GOODBYE_NANOS =
      TimeUnit.MILLISECONDS.toNanos(Long.getLong("ferry.goodbyeMillis", 5_000));

  /**
   * Gives back what was handed out and not received, and says goodbye after what was sent; false
   * if there is nobody to wait for (never connected, gone, or told goodbye before). Lock held.
   */
  private boolean sayGoodbye() {
    if (out == null || closedWhy != null || byeSent) {
      return false;
    }
    giveBack();
    control(Wire.C_BYE, 0, 0);
    byeSent = true;
    return true;
  }

  /** Waits until the host confirmed the goodbye, it is gone, or {@code deadline} passed. Lock held. */
  private void awaitGoodbye(long deadline) {
    while (!byeAnswered && closedWhy == null) {
      if (deadline - System.nanoTime() <= 0) {
        break;
      }
      try {
        awaitChange(deadline);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
  }

  /**
   * Before this process exits: deliver everything sent, then let go of every channel (see {@link
   * ChannelsAtExit}).
   */
  public static void goodbyeAll() {
    ChannelsAtExit.goodbyeAll();
  }

  /**
   * Lets go of this channel as the process exits: marks it closed here and says goodbye; true if
   * the goodbye's answer is to be waited for ({@link #awaitGoodbyeAtExit}).
   */
  boolean letGoAtExit() {
    lock.lock();
    try {
      if (!closedHere) {
        closedAtExit = true;
      }
      closedHere = true;
      return sayGoodbye();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the host confirmed the goodbye said at exit, it is gone, or {@code deadline}. */
  void awaitGoodbyeAtExit(long deadline) {
    lock.lock();
    try {
      awaitGoodbye(deadline);
    } finally {
      lock.unlock();
    }
  }

  static {
    ChannelsAtExit.addShutdownHook(); // when this class is first used, as it always was
    ConnectionClasses.initialize(); // a child makes its handles before its target runs
  }

  @Override
  public String toString() {
    return "channel ".concat(Long.toString(channelId)).concat(" at ").concat(socketPath);
  }
}
