package dev.ferry.internal.transport;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
/**
 * The Unix domain socket through which this process serves the channels it created, started the
 * first time one of them is handed to a child.
 *
 * <p>The socket lives in the process's private 0700 directory ({@link RuntimeFiles}), so other
 * users cannot connect at all; a process of the same user must still present a live lease's
 * random token in its hello. One daemon thread accepts; each connection gets its own daemon
 * reader thread ({@link HostConnection}).
 */
public final class ChannelServer {
  /** The longest pause between two attempts to accept after a failure. */
  static final long MAX_BACKOFF_MILLIS = 1000;

  private static ChannelServer instance; // guarded by ChannelServer.class

  private final Path path;
  private final ServerSocketChannel server;
  private final ConcurrentHashMap<Long, HostChannel> channels = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();

  private ChannelServer(Path path, ServerSocketChannel server) {
    this.path = path;
    this.server = server;
    Thread acceptor = new Thread(this::acceptLoop, "ferry-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static synchronized ChannelServer get() {
    if (instance == null) {
      Path path = RuntimeFiles.directory().resolve("channels.sock");
      try {
        Files.deleteIfExists(path);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        instance = new ChannelServer(path, server);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot listen on " + path, e);
      }
    }
    return instance;
  }

  /** Stops serving a closed channel to new connections. */
  static synchronized void unregister(HostChannel channel) {
    if (instance != null) {
      instance.channels.remove(channel.id);
    }
  }

  public String path() {
    return path.toString();
  }

  public void serve(HostChannel channel) {
    channels.putIfAbsent(channel.id, channel);
  }

  HostChannel channel(long id) {
    return channels.get(id);
  }

  /**
   * Accepts for as long as the process runs. A failed accept (typically {@code EMFILE}, too many
   * open files, during a burst of connections) is not the end: the pending connection stays in
   * the listen backlog, so the loop waits, doubling the pause up to {@link #MAX_BACKOFF_MILLIS},
   * and tries again, and serves the backlog once descriptors are free.
   */
  private void acceptLoop() {
    long pause = 0;
    int failures = 0;
    while (server.isOpen()) {
      SocketChannel socket;
      try {
        socket = server.accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException | RuntimeException e) {
        if (failures++ == 0) {
          System.err.println(
              "[ferry] cannot accept channel connections for now (" + e + "); retrying");
        }
        pause = Math.min(Math.max(1, pause * 2), MAX_BACKOFF_MILLIS);
        sleep(pause);
        continue;
      }
      if (failures > 0) {
        System.err.println("[ferry] accepting channel connections again after " + failures
            + " failed attempts");
        failures = 0;
        pause = 0;
      }
      serve(socket);
    }
  }

  /** Starts the connection's reader; if no thread can be started, drops the connection. */
  private void serve(SocketChannel socket) {
    try {
      Thread reader =
          new Thread(
              new HostConnection(socket, this), "ferry-host-" + connections.incrementAndGet());
      reader.setDaemon(true);
      reader.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      System.err.println("[ferry] dropped a channel connection: cannot start its thread (" + e + ")");
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      sleep(MAX_BACKOFF_MILLIS / 10);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      // No one interrupts this daemon on purpose, and a set flag would close the server socket
      // at the next accept (an interruptible channel): go on serving.
    }
  }
}
