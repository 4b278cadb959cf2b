package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Channel;
import dev.ferry.TransferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * A holder with a valid lease that sends a corrupted stream (a buggy or hostile child): what a
 * real holder sent in a session (messages of many types, one in a tail frame, receives, polls,
 * offers and timed sends on a bounded channel, the goodbye), recorded through a proxy and replayed
 * with bytes replaced, flipped, moved, cut short and varints forged. Each replay must end with the
 * host keeping or dropping that connection once the holder hangs up, and never harm anyone else:
 * the channel's own process still sends and receives, and a new holder still connects, receives
 * and sends. What the corrupted holder managed to queue may not decode, which its receiver is told.
 */
class CorruptedHolderStreamTest {
  private static final int CAPACITY = 64;
  private static Setup setup;

  /** The channel, a lease that never connects (so that it stays open), and the stream recorded. */
  private record Setup(Channel<Object> channel, HostChannel host, String path, byte[] records) {}

  @Property(tries = 300)
  @SuppressWarnings("ferry:not-transferable") // strings only
  void aCorruptedHolderStream_harmsNoOneElse(@ForAll long seed) throws Exception {
    Setup s = setup();
    byte[] corrupted = corrupt(s.records(), new Random(seed));
    HostChannel.Lease lease = s.host().newLease(null);
    try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      socket.connect(UnixDomainSocketAddress.of(s.path()));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put((byte) 0).putLong(s.host().id);
      hello.putLong(lease.id()).put(lease.token()).flip();
      write(socket, hello);
      Thread reader = drain(socket);
      try {
        write(socket, ByteBuffer.wrap(corrupted));
      } catch (IOException hungUp) {
        // the host dropped the connection before it had all of it
      }
      socket.shutdownOutput();
      reader.join(10_000);
      assertFalse(reader.isAlive(), "the host kept a connection whose holder hung up");
    }
    for (int taken = 0; taken < 10_000; taken++) { // what the corrupted holder queued
      try {
        if (s.channel().poll().isEmpty()) {
          break;
        }
      } catch (TransferException undecodable) {
        // its receiver is told, and the channel goes on
      }
    }
    s.channel().send("local");
    assertEquals(Optional.of("local"), s.channel().receive(Duration.ofSeconds(10)));
    Channel<Object> fresh = holder(s, s.path());
    s.channel().send("to a new holder");
    assertEquals(Optional.of("to a new holder"), fresh.receive(Duration.ofSeconds(10)));
    fresh.send("from a new holder");
    assertEquals(Optional.of("from a new holder"), s.channel().receive(Duration.ofSeconds(10)));
    fresh.close();
  }

  private static synchronized Setup setup() throws Exception {
    if (setup == null) {
      Channel<Object> channel = Channel.create(CAPACITY);
      HostChannel host = HostChannels.of(channel);
      ChannelServer server = ChannelServer.get();
      server.serve(host);
      host.newLease(null); // never connects: the channel does not end when holders leave
      Path proxyPath = RuntimeFiles.directory().resolve("fuzz-proxy-" + System.nanoTime());
      ByteArrayOutputStream recorded = new ByteArrayOutputStream();
      try (ServerSocketChannel proxy = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        proxy.bind(UnixDomainSocketAddress.of(proxyPath));
        Thread pump = proxy(proxy, server.path(), recorded);
        Channel<Object> holder = holder(new Setup(channel, host, server.path(), null), proxyPath.toString());
        session(channel, holder);
        pump.join(10_000);
      } finally {
        Files.deleteIfExists(proxyPath);
      }
      byte[] stream = recorded.toByteArray();
      assertTrue(stream.length > 70_000, "recorded " + stream.length + " bytes"); // the tail frame too
      while (channel.poll().isPresent()) {
        // what the session sent
      }
      setup = new Setup(channel, host, server.path(), Arrays.copyOfRange(stream, Wire.HELLO_BYTES, stream.length));
    }
    return setup;
  }

  /** What a holder does in a session: sends of many types and sizes, receives, the goodbye. */
  @SuppressWarnings("ferry:not-transferable") // JDK values a channel carries
  private static void session(Channel<Object> channel, Channel<Object> holder) throws Exception {
    for (int i = 0; i < 5; i++) {
      channel.send("to the holder " + i);
    }
    holder.send("hello");
    holder.send(List.of(1, 2, 3));
    holder.send(Map.of("k", Optional.of(2.5)));
    holder.send(new byte[] {1, 2, 3});
    holder.send(new byte[70_000]); // a tail frame
    holder.send(new TreeSet<>(Set.of("x", "y")));
    assertEquals("to the holder 0", holder.receive());
    assertEquals(Optional.of("to the holder 1"), holder.poll());
    assertEquals(Optional.of("to the holder 2"), holder.receive(Duration.ofSeconds(10)));
    assertTrue(holder.offer("offered"));
    assertTrue(holder.send("timed", Duration.ofSeconds(10)));
    for (int i = 0; i < 20; i++) {
      holder.send(i);
    }
    holder.close();
  }

  /** A holder of {@code s}'s channel, connecting to {@code path}, with a lease of its own. */
  @SuppressWarnings("unchecked")
  private static Channel<Object> holder(Setup s, String path) throws Exception {
    HostChannel.Lease lease = s.host().newLease(null);
    RemoteChannel remote = new RemoteChannel(path, s.host().id, CAPACITY);
    remote.addLease(lease.id(), lease.token());
    Constructor<Channel> create =
        Channel.class.getDeclaredConstructor(HostChannel.class, RemoteChannel.class);
    create.setAccessible(true);
    return create.newInstance(null, remote);
  }

  /**
   * Forwards one connection from {@code proxy} to the host at {@code path}, recording what the
   * holder sends. The hello's flags are cleared: the holder then talks through the socket, where
   * its records can be recorded, instead of shared memory.
   */
  private static Thread proxy(ServerSocketChannel proxy, String path, ByteArrayOutputStream recorded) {
    Thread pump = new Thread(() -> {
      try (SocketChannel in = proxy.accept();
          SocketChannel out = SocketChannel.open(StandardProtocolFamily.UNIX)) {
        out.connect(UnixDomainSocketAddress.of(path));
        Thread back = new Thread(() -> copy(out, in, null));
        back.setDaemon(true);
        back.start();
        copy(in, out, recorded);
        back.join(10_000);
      } catch (IOException | InterruptedException e) {
        throw new AssertionError(e);
      }
    }, "fuzz-proxy");
    pump.setDaemon(true);
    pump.start();
    return pump;
  }

  private static void copy(SocketChannel from, SocketChannel to, ByteArrayOutputStream record) {
    ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
    boolean first = true;
    try {
      while (from.read(buffer.clear()) >= 0) {
        buffer.flip();
        if (record != null) {
          if (first && buffer.limit() > 5) {
            buffer.put(5, (byte) 0); // the hello's flags: no shared memory
            first = false;
          }
          record.write(buffer.array(), 0, buffer.limit());
        }
        write(to, buffer);
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // one side hung up
    }
  }

  private static void write(SocketChannel socket, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      socket.write(buffer);
    }
  }

  /** Reads and drops what the host sends, until it hangs up. */
  private static Thread drain(SocketChannel socket) {
    Thread reader = new Thread(() -> {
      ByteBuffer any = ByteBuffer.allocate(1 << 16);
      try {
        while (socket.read(any.clear()) >= 0) {
          // answers to the corrupted holder
        }
      } catch (IOException e) {
        // hung up
      }
    }, "fuzz-drain");
    reader.setDaemon(true);
    reader.start();
    return reader;
  }

  /** One to four corruptions of one kind. */
  private static byte[] corrupt(byte[] records, Random random) {
    long[] extremes = {0, 1, 127, 128, 65_536, 1 << 20, Integer.MAX_VALUE, 0xFFFFFFFFL, Long.MAX_VALUE};
    byte[] m = records.clone();
    int kind = random.nextInt(6);
    for (int n = 1 + random.nextInt(4); n > 0 && m.length > 0; n--) {
      int at = random.nextInt(m.length);
      switch (kind) {
        case 0 -> m[at] = (byte) random.nextInt(256);
        case 1 -> m[at] ^= (byte) (1 << random.nextInt(8));
        case 2 -> m[at] = (byte) (random.nextBoolean() ? 0x7F : 0xFF);
        case 3 -> m = Arrays.copyOf(m, at); // cut short
        case 4 -> {
          int length = Math.min(1 + random.nextInt(16), m.length - at);
          System.arraycopy(m.clone(), at, m, random.nextInt(m.length - length + 1), length);
        }
        default -> {
          long value = extremes[random.nextInt(extremes.length)];
          do {
            byte b = (byte) (value & 0x7F);
            value >>>= 7;
            m[at++] = value != 0 ? (byte) (b | 0x80) : b;
          } while (value != 0 && at < m.length);
        }
      }
    }
    return m;
  }
}
