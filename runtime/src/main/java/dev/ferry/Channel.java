package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;
import dev.ferry.internal.codec.InheritOnlyCodec;
import dev.ferry.internal.codec.RuntimeRules;
import dev.ferry.internal.process.SpawnContext;
import dev.ferry.internal.transport.ChannelServer;
import dev.ferry.internal.transport.HeapLimit;
import dev.ferry.internal.transport.HostChannel;
import dev.ferry.internal.transport.ThreadBuffers;
import dev.ferry.internal.transport.Items;
import dev.ferry.internal.transport.MessageTypes;
import dev.ferry.internal.transport.RemoteChannel;
import dev.ferry.internal.transport.Timeouts;
import dev.ferry.internal.transport.Wire;

import dev.ferry.annotation.InheritOnly;
import dev.ferry.annotation.Sent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A queue of messages shared by processes, like Python's {@code multiprocessing.Queue}: any number
 * of threads in any number of processes send to it and receive from it, and each message reaches
 * exactly one receiver, whole.
 *
 * <pre>{@code
 * Channel<Job> jobs = Channel.create();
 * Channel<Result> results = Channel.create();
 * Child worker = Ferry.spawn(Worker::run, jobs, results);
 * for (Job job : batch) {
 *   jobs.send(job);
 * }
 * jobs.close();                        // workers drain the queue, then their receive() throws
 * try {
 *   while (true) {
 *     handle(results.receive());       // throws ChannelClosedException once every worker exited
 *   }
 * } catch (ChannelClosedException done) {
 *   // all results are in
 * }
 * }</pre>
 *
 * <p>The process that creates a channel hosts its queue; a channel reaches another process only as
 * a spawn argument (it is {@link InheritOnly}: a handle, not a value), to children and, through
 * them, to grandchildren. Messages are copies made by the type's codec: {@code @Transferable}
 * types, classes imported with {@code @TransferableImport}, types with a {@code
 * @TransferableCodec}, and Ferry's built-in types (strings, boxed primitives, arrays, collections
 * and maps, {@code Optional}, enums, the {@code java.time} types, {@code UUID}, {@code BigInteger},
 * {@code BigDecimal}, {@code URI}, {@code Path}, {@code Locale}, {@code Currency}, {@code BitSet};
 * the README's "Supported member types" lists them all).
 *
 * <p>Closing: {@link #close()} in the creating process closes the channel for everyone (sends fail,
 * receivers drain what is queued and then get {@link ChannelClosedException}); in any other process
 * it only lets go of that process's handle. In the creating process, once the channel has been
 * handed to other processes and all of them have exited or let go, a receive on the empty queue
 * throws {@link ChannelClosedException} rather than wait for a message no one can send, and a send
 * on a full bounded channel throws rather than wait for a receiver that cannot come. In other
 * processes, a receive throws once the channel is closed and empty or its host has exited.
 *
 * <p>Delivery: a message that a process was handed but whose {@code receive()} had not returned
 * it when the process closed the channel, exited or died (even by {@code kill -9}) goes back to
 * the channel and is received again, ahead of what is still queued. Nothing is lost that no
 * {@code receive()} returned; a message is received twice only if the process that received it
 * first was killed within about a millisecond of its {@code receive()} returning it (see {@code
 * docs/runtime.md}).
 *
 * @param <T> the type of the messages
 */
@InheritOnly
public final class Channel<@Sent T> implements AutoCloseable {
  /**
   * Writes a channel as a handle a child opens again, and reads it back there; only while a child
   * is being spawned. Generated codecs of {@code @InheritOnly} types call it for their {@code
   * Channel} members ({@code Channel.CODEC.write(out, value.jobs())}, {@code (Channel<Job>)
   * Channel.CODEC.read(in)}, or {@link #codec()} to avoid the cast).
   */
  public static final InheritOnlyCodec<Channel<?>> CODEC = new HandleCodec();

  private static final ConcurrentHashMap<String, Channel<?>> OPENED = new ConcurrentHashMap<>();
  // No lambdas or string concatenation on a child's start-up path (here and in readHandle): the
  // first of each links through java.lang.invoke, tens of milliseconds in a fresh JVM.
  private static final ThreadLocal<PerThread> SCRATCH =
      new ThreadLocal<>() {
        @Override
        protected PerThread initialValue() {
          return new PerThread();
        }
      };

  /** What a thread keeps between its calls: one thread-local lookup per send. */
  private static final class PerThread {
    final ByteOutput body = new ByteOutput(256, Wire.MAX_MESSAGE_BYTES);
    /**
     * The thread received a message since it last sent one: its next message may be the answer
     * a peer waits for, and leaves at once rather than with a stream's (see {@link
     * RemoteChannel#send(MessageTypes.Entry, byte[], int, long, boolean)}).
     */
    boolean received;
  }
  /**
   * The largest scratch buffer a thread keeps between sends: enough for a thread that sends
   * messages of a few MiB to encode each without allocating (a 1 MiB {@code byte[]} message takes
   * a few bytes more than 1 MiB), small enough not to hold on to much memory per thread.
   */
  private static final int SCRATCH_KEPT = 4 << 20;

  private final HostChannel host;
  private final RemoteChannel remote;

  private Channel(HostChannel host, RemoteChannel remote) {
    this.host = host;
    this.remote = remote;
  }

  /** A new channel with no bound on how many messages it queues. */
  public static <T> Channel<T> create() {
    return new Channel<>(new HostChannel(0), null);
  }

  /**
   * A new channel that queues at most {@code capacity} messages: {@link #send} blocks, in every
   * process, while it is full. Producers in other processes reserve slots in small batches, so
   * reserved slots count as full.
   *
   * @throws IllegalArgumentException if {@code capacity} is less than 1 ({@link #create()} makes
   *     an unbounded channel)
   */
  public static <T> Channel<T> create(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity < 1: " + capacity + ": a bounded channel queues"
          + " at most capacity messages, and one that could queue none would never take a message"
          + " (every send would wait for ever); for a channel with no bound, as Python's Queue(0)"
          + " or Queue(-1), use Channel.create()");
    }
    return new Channel<>(new HostChannel(capacity), null);
  }

  /** {@link #CODEC}, typed for {@code Channel<T>} members of generated codecs. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static <T> InheritOnlyCodec<Channel<T>> codec() {
    return (InheritOnlyCodec) CODEC;
  }

  /**
   * Sends a copy of {@code message}; blocks while a bounded channel is full. Returns once the
   * message is queued here or handed to this process's connection, which sends small messages in
   * batches; in another process than the channel's creator, a message of 64 KiB or more is written
   * to the connection before this returns (a {@code byte[]} straight from the array, uncopied).
   * Messages from one thread arrive in order.
   *
   * @throws NullPointerException if {@code message} is null (a channel carries values, never null)
   * @throws IllegalArgumentException {@code [ferry:not-transferable]} if the message's type has no
   *     codec, {@code [ferry:inherit-only-sent]} if it is or holds a handle; also if its encoding
   *     passes 64 MiB, or does not fit in this process's heap (nothing is sent)
   * @throws ChannelClosedException if the channel is closed; in the creating process, also when a
   *     bounded channel is full and no other process can receive from it any more (see the class
   *     comment)
   * @throws InterruptedException if the calling thread is interrupted on entry (nothing is sent,
   *     in every process, as {@code BlockingQueue.put}) or while it waits for room
   */
  public void send(@Sent T message) throws InterruptedException {
    send(message, -1);
  }

  /**
   * Sends a copy of {@code message} if a bounded channel has room within {@code timeout}; like
   * Python's {@code Queue.put(item, timeout=...)}. On an unbounded channel it always sends.
   *
   * <pre>{@code
   * if (!jobs.send(job, Duration.ofSeconds(5))) {
   *   log.warn("workers are behind; dropping " + job);
   * }
   * }</pre>
   *
   * @return true if sent, false if the channel stayed full for {@code timeout}
   * @throws NullPointerException as {@link #send(Object)}
   * @throws IllegalArgumentException as {@link #send(Object)}
   * @throws ChannelClosedException as {@link #send(Object)}
   * @throws InterruptedException as {@link #send(Object)}: nothing is sent
   */
  public boolean send(@Sent T message, Duration timeout) throws InterruptedException {
    return send(message, Timeouts.nanosOrForever(timeout));
  }

  /**
   * Sends a copy of {@code message} if a bounded channel has room now, without waiting (in a
   * process other than the creating one, one round trip to the host when it holds no free slot).
   * On an unbounded channel it always sends. As {@code BlockingQueue.offer}, whether or not the
   * calling thread is interrupted; its interrupt flag stays set.
   *
   * @return true if sent, false if the channel was full
   * @throws NullPointerException as {@link #send(Object)}
   * @throws IllegalArgumentException as {@link #send(Object)}
   * @throws ChannelClosedException as {@link #send(Object)}: also when, in the creating process,
   *     the channel is full and no other process can receive from it any more, where {@code
   *     BlockingQueue.offer} would return false and Python's {@code put_nowait} raise {@code
   *     Full}; a retry could not succeed until the channel is handed to another process
   */
  public boolean offer(@Sent T message) {
    return withoutWaiting(() -> send(message, 0));
  }

  /** A call of {@link #offer} or {@link #poll}, which waits for nothing but a round trip. */
  private interface NoWait<R> {
    R call() throws InterruptedException;
  }

  /**
   * Runs {@code call} as {@code BlockingQueue.offer} and {@code poll()} run: whether or not the
   * calling thread is interrupted. The flag is kept aside while it runs (a set flag made the
   * host's lock, or a round trip to the host, throw: offer returned false with room free, poll
   * found nothing with messages queued) and set again after. An interrupt from another thread
   * during a round trip ends that wait before a slot or a message is taken, so the call is made
   * once more.
   */
  private static <R> R withoutWaiting(NoWait<R> call) {
    boolean interrupted = Thread.interrupted();
    try {
      while (true) {
        try {
          return call.call();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Sends, waiting for room for ever if {@code timeoutNanos < 0}, else at most that long. An
   * interrupted thread sends nothing, as {@code BlockingQueue.put} and its timed {@code offer}: the
   * check comes first so that every process behaves alike, whether or not its path would wait
   * ({@link #offer} clears the flag before it calls this).
   */
  private boolean send(T message, long timeoutNanos) throws InterruptedException {
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted before sending");
    }
    MessageTypes.Entry entry = MessageTypes.sendable(message);
    if (remote != null && message instanceof byte[] bytes && bytes.length >= Wire.TAIL_MIN_BYTES) {
      checkSize(message, Items.byteArrayBytes(bytes.length)); // exactly as encoded, as in the host
      return remote.sendBytes(entry, bytes, timeoutNanos); // written from the array itself
    }
    PerThread thread = SCRATCH.get();
    ByteOutput body = thread.body;
    body.reset();
    try {
      if (host != null) {
        return host.send(encodeForQueue(entry, message, body), timeoutNanos);
      }
      encode(entry, message, body);
      boolean sent = remote.send(entry, body.array(), body.size(), timeoutNanos, thread.received);
      if (sent) {
        thread.received = false; // not before: a send that fails (false, or a throw) sent nothing
      }
      return sent;
    } finally {
      if (!ThreadBuffers.mayKeep(body.array().length, SCRATCH_KEPT)) {
        SCRATCH.remove();
      }
    }
  }

  /** Refuses a message larger than the limit, naming its class as source does ({@code byte[]}). */
  private static void checkSize(Object message, long size) {
    if (size > Wire.MAX_MESSAGE_BYTES) {
      throw tooLarge(message, String.valueOf(size));
    }
  }

  private static IllegalArgumentException tooLarge(Object message, String size) {
    return new IllegalArgumentException(
        RuntimeRules.withArticle(message.getClass().getTypeName()) + " message of " + size
            + " bytes exceeds the limit of " + Wire.MAX_MESSAGE_BYTES + " bytes; send it in parts");
  }

  /**
   * Encodes {@code message} into {@code body}. A message past the limit is refused as soon as its
   * encoding passes it (the scratch output stops there), not once whole; and one whose encoding
   * this process's heap cannot hold is refused with words that say so, where it used to reach the
   * caller as a bare {@code OutOfMemoryError} (an 800 MB {@code int[]} at -Xmx1g, three million
   * strings in a list at -Xmx160m). Nothing was sent either way, and the channel goes on.
   */
  private static void encode(MessageTypes.Entry entry, Object message, ByteOutput body) {
    try {
      entry.write(body, message);
    } catch (ByteOutput.LimitExceeded e) {
      throw tooLarge(message, "at least " + e.needed);
    } catch (OutOfMemoryError e) {
      throw outOfHeap(message, body.size(), e);
    }
  }

  /** {@link #encode}, then the copy a channel's queue keeps, which the heap may not hold either. */
  private static byte[] encodeForQueue(MessageTypes.Entry entry, Object message, ByteOutput body) {
    encode(entry, message, body);
    try {
      return Items.encoded(entry.id, body.array(), 0, body.size());
    } catch (OutOfMemoryError e) {
      throw outOfHeap(message, body.size(), e);
    }
  }

  private static IllegalArgumentException outOfHeap(
      Object message, int written, OutOfMemoryError e) {
    return new IllegalArgumentException(
        RuntimeRules.withArticle(message.getClass().getTypeName())
            + " message was not sent: this process's heap ("
            + HeapLimit.described() + ") could not hold its encoding beside what it holds, after "
            + written + " bytes of it; nothing was sent and the channel goes on. Send it in"
            + " smaller parts, or give this process a larger -Xmx",
        e);
  }

  /**
   * Takes the next message, waiting for one.
   *
   * @throws ChannelClosedException if no message can come any more (see the class comment)
   * @throws TransferException if the message could not be decoded (the channel stays usable)
   */
  public T receive() throws InterruptedException {
    T message = host != null ? decode(host.take(-1)) : unwrap(remote.receive(-1));
    SCRATCH.get().received = true;
    return message;
  }

  /**
   * Takes the next message, waiting at most {@code timeout}; empty if none came in time.
   *
   * @throws ChannelClosedException if no message can come any more
   * @throws TransferException if the message could not be decoded (the channel stays usable)
   */
  public Optional<T> receive(Duration timeout) throws InterruptedException {
    long nanos = Timeouts.nanosOrForever(timeout);
    return take(nanos == Timeouts.FOREVER ? nanos : Math.max(1, nanos));
  }

  /**
   * Takes a message if one is queued now (in another process, one round trip to the host). As
   * {@code BlockingQueue.poll()}, whether or not the calling thread is interrupted; its interrupt
   * flag stays set.
   *
   * @throws ChannelClosedException if no message can come any more
   */
  public Optional<T> poll() {
    return withoutWaiting(() -> take(0));
  }

  /**
   * In the process that created the channel, closes it for every process; elsewhere, lets go of
   * this process's handle after sending what it sent. Idempotent.
   */
  @Override
  public void close() {
    if (host != null) {
      host.close();
    } else {
      remote.close();
    }
  }

  /**
   * Whether the calling thread's next message leaves as an answer ({@link PerThread#received}):
   * it received one since its last send that went. For tests.
   */
  static boolean answersNext() {
    return SCRATCH.get().received;
  }

  @SuppressWarnings("unchecked")
  private T decode(Object item) {
    try {
      return (T) Items.decode(item);
    } catch (OutOfMemoryError e) {
      host.putBackUndecodable(item, e); // a large message goes back to the channel, said so
      throw e;
    }
  }

  /** The next message within {@code nanos} (0: only one queued now); empty if none came. */
  private Optional<T> take(long nanos) throws InterruptedException {
    Optional<T> message;
    if (host != null) {
      message = Optional.ofNullable(decode(host.take(nanos)));
    } else {
      Object received = remote.receive(nanos);
      message = RemoteChannel.isNothing(received) ? Optional.empty() : Optional.of(unwrap(received));
    }
    if (message.isPresent()) {
      SCRATCH.get().received = true;
    }
    return message;
  }

  @SuppressWarnings("unchecked")
  private T unwrap(Object received) {
    return (T) received;
  }

  @Override
  public String toString() {
    return "Channel(" + (host != null ? host : remote) + ")";
  }

  // ---- handles

  private void writeHandle(ByteOutput out, SpawnContext context) {
    if (host != null) {
      ChannelServer server = ChannelServer.get();
      server.serve(host, this);
      // The callbacks hold the host, not this Channel, whose drop the server watches for.
      HostChannel served = host;
      HostChannel.Lease lease = served.newLease(null);
      context.onChildExit(
          () -> served.endLease(lease.id()), () -> served.withdrawLease(lease.id()));
      context.onJoin(nanos -> served.awaitConnectionsGone(lease.id(), nanos));
      writeHandle(out, server.path(), host.id, host.capacity, lease.id(), lease.token());
    } else {
      Object[] lease = remote.newChildLease();
      long leaseId = (Long) lease[0];
      byte[] token = (byte[]) lease[1];
      context.onChildExit(() -> remote.childExited(leaseId, token));
      writeHandle(out, remote.socketPath, remote.channelId, remote.capacity, leaseId, token);
    }
  }

  private static void writeHandle(
      ByteOutput out, String path, long id, int capacity, long leaseId, byte[] token) {
    out.writeString(path);
    out.writeVarLong(id);
    out.writeVarInt(capacity);
    out.writeVarLong(leaseId);
    out.writeBytes(token, 0, Wire.TOKEN_BYTES);
  }

  private static Channel<?> readHandle(ByteInput in, SpawnContext context) {
    String path = in.readString();
    if (path == null) {
      throw new TransferException("a channel handle without a socket path at offset " + in.offset());
    }
    long id = in.readVarLong();
    int capacity = in.readVarInt();
    long leaseId = in.readVarLong();
    byte[] token = in.readBytes(Wire.TOKEN_BYTES);
    String key = path.concat("#").concat(Long.toString(id));
    Channel<?> channel = OPENED.get(key);
    if (channel == null) {
      Channel<?> created = new Channel<>(null, new RemoteChannel(path, id, capacity));
      channel = OPENED.putIfAbsent(key, created);
      if (channel == null) {
        channel = created;
      }
    }
    channel.remote.addLease(leaseId, token);
    context.opened(channel.remote);
    return channel;
  }

  private static final class HandleCodec implements InheritOnlyCodec<Channel<?>> {
    private static final long FINGERPRINT = Fingerprints.of("dev.ferry.Channel");

    @Override
    public void write(ByteOutput out, Channel<?> value) {
      SpawnContext context = SpawnContext.currentWriter();
      if (context == null) {
        throw RuntimeRules.inheritOnlySent(Channel.class.getName());
      }
      value.writeHandle(out, context);
    }

    @Override
    public Channel<?> read(ByteInput in) {
      SpawnContext context = SpawnContext.currentReader();
      if (context == null) {
        throw RuntimeRules.inheritOnlyRead();
      }
      return readHandle(in, context);
    }

    @Override
    public long fingerprint() {
      return FINGERPRINT;
    }

    @Override
    public String toString() {
      return "Codec<dev.ferry.Channel>";
    }
  }
}
