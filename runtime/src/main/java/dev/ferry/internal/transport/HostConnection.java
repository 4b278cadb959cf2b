package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;
import dev.ferry.TransferException;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.GatheringByteChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.TimerTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
/**
 * One holder's connection to a channel this process hosts: authenticates the hello, then reads
 * the holder's records on its own daemon thread and answers through an {@link Outbox}. When the
 * bytes come through shared memory ({@link RingLink}), a local receiver or sender of this process
 * may handle the records that have arrived on its own thread ({@link #poll}, {@link
 * PolledConnections#pollAll}).
 *
 * <p>The holder names its types by its own ids, announced to this connection ({@link
 * HolderTypes}); this side announces its own ids before the first message of a type it hands out.
 *
 * <p>Every message handed to the holder stays listed ({@link HandedOut}) until the holder
 * acknowledges that a {@code receive()} returned it (by count, in hand-out order: {@link
 * Wire#C_ACK}); when the holder gives its messages back or its connection ends (it closed, exited
 * or was killed), the unacknowledged ones go back to the channel, in front, in order, but for
 * those the holder acknowledged one by one, out of turn ({@link Wire#C_ACK_ONE}: another of its
 * threads was still decoding one handed out before). A protocol error (a forged or corrupted
 * stream) drops this connection only; the channel and its other holders go on.
 *
 * <p>Its parts: {@link HolderTypes} (the holder's announced types), {@link HandedOut} (what it was
 * handed and acknowledged), {@link HolderCredit} (its slots of a bounded channel), {@link
 * ItemRecords} (the record a message goes out as), {@link PolledConnections} (this process's ring
 * connections, polled by waiting receivers). What stays here is the connection's life (hello,
 * reading, polling, its end) and its answers to the holder, which share its Outbox and its
 * threads.
 */
public final class HostConnection implements Runnable {
  /**
   * How long a connection may take to send its hello before it is dropped: a holder sends it the
   * moment it connects, so only a stray or hostile process of the same user is ever this slow, and
   * it must not hold a thread of this process for ever. Not final: tests shorten it.
   */
  static volatile long helloTimeoutMillis = 10_000;
  /**
   * For tests: run on a connection's thread once the connection is known to its channel, before
   * that thread reads it, to widen the moment in which another thread may {@link #poll} it.
   */
  static volatile Runnable onConnected;
  /**
   * For tests: run on a connection's thread once it answered the hello, before it starts its
   * flusher thread, where a process short of threads waits ({@link ThreadShortage}).
   */
  static volatile Runnable onAnswered;

  /**
   * The most types one connection may announce: far more than the message types of any real
   * program, few enough that a forged stream cannot fill this process's table of types.
   */
  static final int MAX_ANNOUNCEMENTS = 1024;

  private final SocketChannel socket;
  /** What the holder's bytes come through: the socket, or the {@link RingLink} beside it. */
  private GatheringByteChannel link;
  private RingLink rings;
  private final ChannelServer server;
  private HostChannel channel;
  private HostChannel.Lease lease;

  /**
   * Whether this connection presented lease {@code leaseId}, or a lease created over a connection
   * that did, at any depth: a grandchild's, handed the channel by the child that holds {@code
   * leaseId}. Such holders are that child's descendants and exit with it. Under the channel's lock.
   */
  boolean descendsFrom(long leaseId) {
    for (HostChannel.Lease held = lease; held != null; ) {
      if (held.id() == leaseId) {
        return true;
      }
      HostConnection creator = held.createdBy();
      held = creator != null ? creator.lease : null;
    }
    return false;
  }
  private Outbox out;
  /** The types the holder announced, which its messages name. On the reading thread. */
  private final HolderTypes types = new HolderTypes();
  private final List<Object> batch = new ArrayList<>(); // of Items

  // Guarded by the channel's lock.
  /** The leases created over this connection and not ended (see {@link HostChannel#newLease}). */
  int leasesCreated;
  private boolean takePending;
  private int takeMax;
  private int given;
  /** The slots of a bounded channel the holder holds. */
  private final HolderCredit credit = new HolderCredit();
  private boolean sendsRefused;
  /** What the holder was handed and has not acknowledged; under the channel's lock. */
  private final HandedOut handedOut = new HandedOut();

  private volatile FrameReader frames;
  private volatile boolean over;
  private Exception failure; // what ended a poll, for this connection's thread to report
  /** A tail frame a poller left to this connection's thread (see handleArrived); under processing. */
  private volatile Wire.Cursor handedOver;
  /** Held while a thread handles the holder's frames through shared memory (see {@link #poll}). */
  private final ReentrantLock processing = new ReentrantLock();
  /**
   * How long this connection's thread parks before it looks again; a wake-up byte ends it sooner.
   * Not final: a test makes it all but endless, so that a wake-up lost shows as a hang, where a
   * second's delay is also what a loaded machine's scheduler can cause.
   */
  static volatile long parkMillis = 1_000;
  /**
   * Through shared memory a busy holder writes a frame per message (a write costs no system call,
   * so it does not batch); the frames that arrived together are queued together, up to this many
   * messages, so that the channel's lock is taken once per batch, not per message.
   */
  private static final int MAX_BATCH = 1024;

  HostConnection(SocketChannel socket, ChannelServer server) {
    this.socket = socket;
    this.server = server;
  }

  @Override
  public void run() {
    try {
      if (hello()) {
        serve();
      }
    } catch (RingLink.CorruptRing | RuntimeException e) {
      // A forged or corrupted stream (TransferException, or the shared rings' positions), or a
      // limit it ran into.
      drop(e.getMessage());
    } catch (InternalError e) {
      drop(MappingFaults.faulted(e).getMessage()); // the rings' file was cut short; else rethrown
    } catch (IOException e) {
      // The holder went away; whatever it had not finished writing is dropped whole.
    } finally {
      try {
        if (channel != null) {
          channel.disconnected(this);
        }
        if (out != null) {
          out.flush(1, TimeUnit.SECONDS);
          out.close();
        }
        if (rings != null) {
          PolledConnections.polledHere(this, false);
          rings.close(); // if the holder never took the file, it goes now
        }
      } catch (IOException ignored) {
        // closing anyway
      } finally {
        // Whatever the steps above threw (an OutOfMemoryError in a full heap), the holder must
        // learn that the connection ended: else it waits for this side for ever.
        closeSocket();
      }
    }
  }

  private void closeSocket() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
    }
  }

  private void drop(String why) {
    System.err.println("[ferry] dropped a connection to " + channel + ": " + why);
    tellDropped(why);
  }

  private boolean hello() throws IOException {
    ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    TimerTask deadline = Deadlines.closeAfter(socket, helloTimeoutMillis); // ends the read below
    try {
      while (hello.hasRemaining()) {
        if (socket.read(hello) < 0) {
          return false;
        }
      }
    } finally {
      deadline.cancel();
    }
    hello.flip();
    int magic = hello.getInt();
    byte version = hello.get();
    boolean wantsRings = (hello.get() & Wire.HELLO_RINGS) != 0;
    long channelId = hello.getLong();
    long leaseId = hello.getLong();
    byte[] token = new byte[Wire.TOKEN_BYTES];
    hello.get(token);
    HostChannel found = magic == Wire.MAGIC && version == Wire.VERSION ? server.channel(channelId) : null;
    HostChannel.Lease valid = found != null ? found.authenticate(leaseId, token) : null;
    if (valid == null) {
      socket.write(ByteBuffer.wrap(new byte[] {Wire.REFUSED}));
      return false;
    }
    channel = found; // from here on, this connection's end is the channel's to know
    lease = valid;
    found.accepted(this);
    link = socket;
    if (wantsRings && RingLink.ENABLED) {
      try {
        rings = RingLink.create(socket, RuntimeFiles.directory());
        link = rings;
      } catch (IOException | RuntimeException e) {
        // no shared memory (a full or odd file system): the bytes go through the socket
      }
    }
    writeFully(rings == null ? Wire.accepted() : Wire.acceptedWithRings(rings.file()));
    Runnable answered = onAnswered;
    if (answered != null) {
      answered.run();
    }
    out = outbox(link, "ferry-host-out-" + channel.id);
    channel.connected(this);
    Runnable hook = onConnected;
    if (hook != null) {
      hook.run();
    }
    return true;
  }

  /** The connection's outbox, whose flusher thread waits for threads as {@link ThreadShortage} says. */
  private static Outbox outbox(GatheringByteChannel link, String name) throws IOException {
    try {
      return ThreadShortage.retrying("a channel connection's flusher thread", () -> {
        try {
          return new Outbox(link, name, false);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (OutOfMemoryError e) {
      throw new IOException("cannot start " + name + " (" + e.getMessage() + ")", e);
    }
  }

  private void writeFully(ByteBuffer answer) throws IOException {
    while (answer.hasRemaining()) {
      socket.write(answer); // blocking until the Outbox exists
    }
  }

  /** Reads the holder's frames on this connection's thread, or polls them through shared memory. */
  private void serve() throws IOException {
    try (FrameReader reader = new FrameReader((ReadableByteChannel) link, true)) {
      frames = reader;
      if (rings != null) {
        serveRings();
        return;
      }
      Wire.Cursor records;
      while ((records = reader.next()) != null) {
        if (!process(records, true)) {
          return;
        }
      }
    }
  }

  /**
   * Through shared memory, this connection's thread parks on the socket until the holder's bytes
   * come, then handles every whole frame there is; any thread of this process may do the same
   * meanwhile ({@link #poll}), so that a local receiver or sender sees what the holder wrote
   * without waiting for this thread to wake.
   */
  private void serveRings() throws IOException {
    PolledConnections.polledHere(this, true);
    while (true) {
      processing.lock();
      try {
        if (!over) {
          handleArrived(true, false);
        }
        if (over) {
          throwFailure();
          return;
        }
      } finally {
        processing.unlock();
      }
      if (handedOver == null) {
        rings.awaitReadable(parkMillis, false, true);
      }
    }
  }

  /**
   * Handles the frames that have arrived whole, without waiting for more, on the calling thread,
   * unless another thread is at it or there is nothing to read; ring connections only. Called by
   * the channel's local receivers and senders, with the channel's lock held or not.
   */
  void poll() {
    // frames is null from the moment the channel knows this connection (its senders and receivers
    // poll it) until this connection's thread starts reading: that thread handles the holder's
    // first frames then.
    //
    // A thread that finds another handling the frames leaves what came to it, and so the one that
    // handled them looks again once it lets go. Without that second look, bytes that came while
    // it held the connection were left for the connection's thread: but their writer had seen no
    // wake-up wanted (a polling thread stands in for the parked connection thread), so they waited
    // for that thread's timeout, a second (about one round in 10,000 of a child's 10 requests
    // and 10 answers, under load; the last poll of a thread that stops polling met it).
    //
    // The look at the holder's ring is settled (RingLink.hasBytes): on JDK 17 the fault of a
    // look at a file cut short came out of this thread's next lock, in the sender's or receiver's
    // own call (a child echoing this process's stream while its file was cut).
    while (!over && frames != null && handedOver == null && rings.hasBytes()) {
      if (!processing.tryLock()) {
        return;
      }
      try {
        if (!over) {
          handleArrived(false, true);
        }
      } finally {
        processing.unlock();
      }
    }
    if (over) {
      rings.wakeReader(); // this connection's thread ends the connection
    }
  }

  /**
   * Whether a poller left a tail frame to this connection's thread (see {@link #handleArrived}):
   * a large message is coming, whose reader needs the core.
   */
  boolean handsOver() {
    return handedOver != null;
  }

  /** The shared memory the holder's bytes come through; ring connections only. */
  RingLink rings() {
    return rings;
  }

  /** Whether the bytes come through shared memory, so that other threads may {@link #poll}. */
  boolean polled() {
    return rings != null;
  }

  /**
   * Handles every whole frame that has arrived; notes the end and why. Under processing. A
   * {@code poller} (another thread, see {@link #poll}) never waits: a tail frame whose body has not
   * all arrived is handed over to this connection's thread, which reads it as the holder writes
   * it, so that no receiver of any channel waits for another holder's large message (or stops
   * halfway through it when interrupted or out of time).
   */
  private void handleArrived(boolean pace, boolean poller) {
    int whole = 0; // the messages of batch that came in whole frames
    try {
      Wire.Cursor records = handedOver;
      if (records != null) {
        if (poller) {
          return;
        }
        handedOver = null;
      } else {
        records = frames.next(FrameReader.NO_WAIT, false);
      }
      for (; records != FrameReader.NONE; records = frames.next(FrameReader.NO_WAIT, false)) {
        if (poller && records != null && frames.tailBytes() > frames.tailAvailable()) {
          handedOver = records;
          rings.wakeReader();
          break;
        }
        if (records == null || !process(records, pace)) {
          over = true;
          break;
        }
        if (handedOver != null) {
          break; // the rest of this frame waits for the holder to read its answers
        }
        whole = batch.size();
        if (whole >= MAX_BATCH) {
          queueBatch(pace);
          whole = 0;
        }
      }
      queueBatch(pace);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt(); // what arrived of a frame stays for the next reader
      queueBatch(pace);
    } catch (IOException | RuntimeException | InternalError e) {
      // this connection's thread ends the connection and says why; a fault on the rings' file
      // (see MappingFaults.isMappingFault) as the file cut short it is, any other error rethrown
      failure = e instanceof InternalError fault ? MappingFaults.faulted(fault) : (Exception) e;
      over = true;
      // a corrupt frame's messages are dropped with it; a batch the channel refused was dropped
      batch.subList(Math.min(whole, batch.size()), batch.size()).clear();
      try {
        queueBatch(pace);
      } catch (RuntimeException refused) {
        // The channel refused them too (more than the holder's credit, a full heap): the
        // connection ends all the same, and this thread, a receiver or sender of this process
        // when it polls, must not throw the holder's fault as its own.
      }
    }
  }

  /** Rethrows what ended another thread's {@link #poll}, if anything did, on this connection's thread. */
  private void throwFailure() throws IOException {
    if (failure instanceof IOException e) {
      throw e;
    }
    if (failure instanceof RuntimeException e) {
      throw e;
    }
  }

  /**
   * Handles one frame; false when the holder said goodbye or died mid-message. {@code pace}: the
   * connection's own thread, which may wait for the channel's receivers (HostChannel.keepPace);
   * a receiver reading for itself must not.
   */
  private boolean process(Wire.Cursor records, boolean pace) throws IOException {
    try {
      return processRecords(records, pace);
    } catch (OutOfMemoryError e) {
      throw heapFull(e); // copying a message out of its frame, or queueing it
    }
  }

  private boolean processRecords(Wire.Cursor records, boolean pace) throws IOException {
    while (records.hasMore()) {
      int tag = records.u8();
      if (tag == Wire.C_MESSAGE) {
        Object item = item(records, frames);
        if (item == null) {
          queueBatch(pace);
          return false; // the holder died while writing a large message's body: that one is dropped
        }
        batch.add(item);
        continue;
      }
      queueBatch(pace);
      if (!out.hasRoom()) {
        // The holder does not read the answers it asked for (a forged stream of requests it never
        // reads the answers to, which filled this process's heap): it is not read either until it
        // reads them, as a holder's sender waits for a host that does not read (Outbox.begin).
        if (!pace) {
          records.pos--; // a poller leaves this record, and the rest, to the connection's thread
          handedOver = records;
          rings.wakeReader();
          return true;
        }
        out.awaitRoom();
      }
      if (!control(tag, records)) {
        return false;
      }
    }
    if (frames.tailBytes() > 0) {
      throw new TransferException("a tail frame's records do not end with its message");
    }
    if (rings == null) {
      queueBatch(pace); // through shared memory, handleArrived queues the frames that came together
    }
    return true;
  }

  /**
   * One message as queued (see {@link Items}): its body copied out of the frame or, the last record
   * of a tail frame, read straight from the socket; null at end of stream.
   */
  private Object item(Wire.Cursor records, FrameReader frames) throws IOException {
    int id = types.localId(records.varInt());
    int length = records.limitedLength(Wire.MAX_MESSAGE_BYTES);
    if (!records.hasMore() && frames.tailBytes() > 0) {
      if (id == MessageTypes.BYTES_ID && length <= FrameReader.TRUSTED_TAIL_BYTES
          && FrameReader.reserveAhead(length)) {
        try {
          return Items.readBytes(frames, length);
        } finally {
          FrameReader.releaseAhead(length);
        }
      }
      byte[] item = frames.tail(4, length);
      if (item != null) {
        Wire.putIntLE(item, 0, id);
      }
      return item;
    }
    int at = records.pos;
    records.skip(length); // checks that the frame holds the body before anything is allocated
    return Items.encoded(id, records.b, at, length);
  }

  private void queueBatch(boolean pace) {
    if (!batch.isEmpty()) {
      try {
        channel.received(this, batch, pace);
      } catch (OutOfMemoryError e) {
        throw heapFull(e);
      } finally {
        batch.clear(); // what was not queued is dropped with the connection, never queued twice
      }
    }
  }

  /**
   * Why this connection ends when this process's heap could not hold what the holder sent: a
   * channel no one receives from, unbounded, keeps every message sent until the heap is full, and
   * its connection's thread used to die of a bare {@code OutOfMemoryError} there, the holder told
   * that this process had exited. The messages already queued stay; the holder is told why. When
   * this process's channels hold little of its heap, it is full of what the program holds (a
   * target that keeps what it receives), and the holder used to be told to receive faster, that the
   * channel held "0 messages no receive has taken".
   */
  private TransferException heapFull(OutOfMemoryError e) {
    batch.clear(); // lets go of what was not queued, so that the words below fit
    long queuedBytes = ItemQueue.heldInAll();
    if (queuedBytes < Runtime.getRuntime().maxMemory() / 4) {
      return new TransferException(
          "this process's heap (" + HeapLimit.described() + ") is full of what its program holds"
              + " (its channels hold about " + (queuedBytes >> 20) + " MiB of messages no receive"
              + " has taken), so this holder's connection is dropped, with the messages it sent"
              + " that were not queued yet: let go of what the program keeps, or give that process"
              + " a larger -Xmx",
          e);
    }
    return new TransferException(
        "this process's heap (" + HeapLimit.described() + ") is full, and " + channel + " holds "
            + channel.queued() + " messages no receive has taken, so this holder's connection is"
            + " dropped, with the messages it sent that were not queued yet; an unbounded channel"
            + " (Channel.create()) keeps what is sent until it is received: receive as fast as it"
            + " is sent, or create the channel with a capacity (Channel.create(n)), whose senders"
            + " wait for room",
        e);
  }

  /** Handles one control record; false when the holder said goodbye. */
  private boolean control(int tag, Wire.Cursor records) {
    switch (tag) {
      case Wire.C_DEFINE -> types.define(records);
      case Wire.C_TAKE -> {
        int max = records.varInt();
        boolean wait = records.u8() != 0;
        channel.take(this, Math.max(1, Math.min(max, Wire.MAX_TAKE)), wait);
      }
      case Wire.C_CANCEL -> channel.cancelTake(this);
      case Wire.C_CREDIT -> {
        int wanted = Math.max(1, Math.min(records.varInt(), 1 << 20));
        channel.askCredit(this, wanted, records.u8() != 0);
      }
      case Wire.C_LEASE_NEW -> {
        long request = records.varLong();
        HostChannel.Lease created = channel.newLease(this);
        write(Wire.H_LEASE, request, created);
      }
      case Wire.C_LEASE_END -> channel.endLease(records.varLong(), records.bytes(Wire.TOKEN_BYTES));
      case Wire.C_ACK -> channel.acknowledged(this, records.varInt());
      case Wire.C_ACK_ONE -> channel.acknowledgedOutOfTurn(this, records.varLong());
      case Wire.C_GIVE_BACK -> channel.gaveBack(this);
      case Wire.C_CREDIT_BACK -> channel.creditHandedBack(this, records.varInt());
      case Wire.C_BYE -> {
        channel.endLease(lease.id());
        write(Wire.H_BYE, 0, null);
        return false;
      }
      default -> throw new TransferException("unknown record tag " + tag);
    }
    return true;
  }

  // ---- answers, called with the channel's lock held

  void startTake(int max) {
    if (takePending) {
      throw new TransferException("a holder asked for messages while its previous request was open");
    }
    takePending = true;
    takeMax = max;
    given = 0;
  }

  /** Whether the holder's request is open (asked for, not yet answered in full). */
  boolean takeOpen() {
    return takePending;
  }

  /**
   * Sends one item, and the end of the request if that fills it or if it is the {@code last} the
   * channel has now, in one frame (one write, one wake-up of the holder); false if the connection
   * is gone.
   */
  boolean give(Object item, boolean last) {
    try {
      ByteOutput o = out.begin();
      try {
        ItemRecords.write(out, o, item);
        handedOut.add(item);
        if (++given >= takeMax || last) {
          writeTakeEnd(o, false);
        }
      } finally {
        out.end();
      }
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Answers the request from the head of {@code items}: sends them until the take is full or the
   * answer holds about {@link Outbox#SOFT_LIMIT} bytes, then the request's end, in one frame;
   * false if the connection is gone.
   */
  boolean giveFrom(ItemQueue items) {
    try {
      ByteOutput o = out.begin();
      try {
        Object item;
        while (given < takeMax && o.size() < Outbox.SOFT_LIMIT && (item = items.peekFirst()) != null) {
          try {
            ItemRecords.write(out, o, item);
          } catch (ItemRecords.TooLargeToCopy e) {
            if (given == 0) {
              throw e; // ends this connection: see TooLargeToCopy
            }
            break; // the answer ends before it; the holder's next request is refused it alone
          }
          handedOut.add(items.pollFirst());
          given++;
        }
        writeTakeEnd(o, false);
      } finally {
        out.end();
      }
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  void endTake(boolean closedAndEmpty) {
    try {
      ByteOutput o = out.begin();
      try {
        writeTakeEnd(o, closedAndEmpty);
      } finally {
        out.end();
      }
    } catch (UncheckedIOException e) {
      dropTake(); // the holder is gone; its reader thread will clean up
    }
  }

  private void writeTakeEnd(ByteOutput o, boolean closedAndEmpty) {
    dropTake();
    o.writeByte(Wire.H_TAKE_END);
    o.writeByte(closedAndEmpty ? 1 : 0);
  }

  /** What the holder was handed and has not acknowledged. Channel's lock held. */
  HandedOut handedOut() {
    return handedOut;
  }

  /** Forgets the open request: answered, or not to be answered (the holder lets go of the channel). */
  void dropTake() {
    takePending = false;
    takeMax = 0;
    given = 0;
  }

  /** The slots of a bounded channel the holder holds. Channel's lock held. */
  HolderCredit credit() {
    return credit;
  }

  void grant(int granted) {
    credit.add(granted);
    write(Wire.H_CREDIT, granted, null);
  }

  /** Answers a request for what is free now, perhaps with nothing. */
  void grantNow(int granted) {
    credit.add(granted);
    write(Wire.H_CREDIT_NOW, granted, null);
  }

  void refuseSends() {
    if (!sendsRefused) {
      sendsRefused = true;
      write(Wire.H_CLOSED, 0, null);
    }
  }

  /**
   * Tells the holder why its connection ends, before it is closed: else the holder sees only the
   * end of the stream and tells its user that this process exited (a child whose 50 MB message
   * this process's heap could not hold failed with 'channel 1 at ... is gone: the process hosting
   * it exited' while its parent went on).
   */
  private void tellDropped(String why) {
    if (out == null) {
      return; // before the hello's answer: the holder is told it was refused, or nothing
    }
    try {
      ByteOutput o = out.begin();
      try {
        o.writeByte(Wire.H_DROPPED);
        Wire.writeString(o, why.length() > 4096 ? why.substring(0, 4096) : why);
      } finally {
        out.end();
      }
    } catch (UncheckedIOException e) {
      // The holder is gone too
    }
  }

  private void write(int tag, long value, HostChannel.Lease created) {
    try {
      ByteOutput o = out.begin();
      try {
        o.writeByte(tag);
        switch (tag) {
          case Wire.H_CREDIT, Wire.H_CREDIT_NOW -> o.writeVarInt((int) value);
          case Wire.H_LEASE -> {
            o.writeVarLong(value);
            o.writeVarLong(created.id());
            o.writeBytes(created.token(), 0, Wire.TOKEN_BYTES);
          }
          default -> {}
        }
      } finally {
        out.end();
      }
    } catch (UncheckedIOException e) {
      // The holder is gone; its reader thread will clean up.
    }
  }
}
