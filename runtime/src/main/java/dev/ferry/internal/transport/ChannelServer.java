package dev.ferry.internal.transport;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
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

  private void acceptLoop() {
    while (true) {
      SocketChannel socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        System.err.println("[ferry] stopped accepting channel connections: " + e);
        return;
      }
      Thread reader =
          new Thread(
              new HostConnection(socket, this), "ferry-host-" + connections.incrementAndGet());
      reader.setDaemon(true);
      reader.start();
    }
  }
}
