package dev.ferry.internal.transport;


import java.io.IOException;
import java.lang.ref.Cleaner;
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

  private static final String SOCKET_NAME = "channels.sock";

  private volatile Path path; // both replaced, under ChannelServer.class, if the file is deleted
  private volatile ServerSocketChannel server;
  private final ConcurrentHashMap<Long, HostChannel> channels = new ConcurrentHashMap<>();
  /** Tells a served channel that its creator dropped it; a daemon thread, started with the server. */
  private static final Cleaner DROPPED = Cleaner.create(work -> {
    Thread thread = new Thread(work, "ferry-dropped-channels");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicInteger connections = new AtomicInteger();

  private ChannelServer(Path path, ServerSocketChannel server) {
    this.path = path;
    this.server = server;
    startAcceptor(server);
  }

  private void startAcceptor(ServerSocketChannel listening) {
    Thread acceptor = new Thread(() -> acceptLoop(listening), "ferry-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The server, listening; called for each channel handed to another process. */
  public static synchronized ChannelServer get() {
    if (instance == null) {
      ServerSocketChannel server = RuntimeFiles.listen(SOCKET_NAME);
      instance = new ChannelServer(RuntimeFiles.directory().resolve(SOCKET_NAME), server);
    } else if (!RuntimeFiles.stillThere(instance.path)) {
      instance.listenAgain();
    }
    return instance;
  }

  /**
   * Listens on a new socket file: the old one was deleted (with the runtime directory, by a
   * temporary-file cleaner), so no new holder could reach this process. Connections made through
   * the old one go on; handles written from now on name the new one. Under ChannelServer.class.
   */
  private void listenAgain() {
    ServerSocketChannel fresh = RuntimeFiles.listen(SOCKET_NAME);
    ServerSocketChannel old = server;
    server = fresh;
    path = RuntimeFiles.directory().resolve(SOCKET_NAME);
    startAcceptor(fresh);
    try {
      old.close(); // its acceptor ends; nothing can connect to it any more
    } catch (IOException ignored) {
      // it is unreachable anyway
    }
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

  /** Serves {@code channel} until it is closed and no process holds it. */
  public void serve(HostChannel channel) {
    if (channels.putIfAbsent(channel.id, channel) == null) {
      channel.shared();
    }
  }

  /**
   * Serves {@code channel} to the processes it is handed to. Once the creating process drops
   * {@code handle}, its {@code Channel}, and every other process has let go of it too, no one can
   * send or receive any more: the channel then retires, with what it queued, as a closed one does
   * (a long-running parent that handed a fresh channel to each child and dropped it unclosed kept
   * every one, and their messages, until it exited).
   */
  public void serve(HostChannel channel, Object handle) {
    if (channels.putIfAbsent(channel.id, channel) == null) {
      channel.shared();
      DROPPED.register(handle, channel::abandon);
    }
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
  private void acceptLoop(ServerSocketChannel listening) {
    long pause = 0;
    int failures = 0;
    while (listening.isOpen()) {
      SocketChannel socket;
      try {
        socket = listening.accept();
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

  /**
   * Starts the connection's reader, and the timer its hello's deadline runs on, waiting for
   * threads as {@link ThreadShortage} says: it used to drop the connection at the first thread
   * that would not start, and the child lost what it sent, told that this process had exited or
   * refused it. Then it drops the connection.
   */
  private void serve(SocketChannel socket) {
    String name = "ferry-host-" + connections.incrementAndGet();
    try {
      ThreadShortage.retrying("a channel connection's thread", () -> {
        Deadlines.timer();
        Thread reader = new Thread(new HostConnection(socket, this), name);
        reader.setDaemon(true);
        reader.start();
        return reader;
      });
    } catch (RuntimeException | OutOfMemoryError e) {
      System.err.println("[ferry] dropped a channel connection: cannot start its thread (" + e + ")");
      closeQuietly(socket);
    }
  }

  private static void closeQuietly(SocketChannel socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing anyway
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
