package dev.ferry.internal.pool;

import dev.ferry.internal.transport.RuntimeFiles;
import dev.ferry.internal.transport.Wire;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

/**
 * A pool's listening socket: where its workers connect, and the check of each connection's hello
 * (the pool's magic, the worker's id and the pool's random token) before the pool sees it.
 *
 * <p>Only processes of the same user can reach the socket (it lives in the private runtime
 * directory); the token keeps out any other process of that user that connects by mistake, and
 * the hello's timeout keeps one that connects and says nothing from holding up the workers behind
 * it.
 */
final class WorkerAcceptor {
  private static final long HELLO_TIMEOUT_MILLIS = 10_000;

  /** The pool's side of a connection whose hello was right. */
  interface Arrivals {
    /**
     * The worker {@code workerId} connected. Throws if the pool knows no such worker waiting to
     * connect; the acceptor then closes the socket.
     */
    void arrived(long workerId, SocketChannel socket) throws IOException;
  }

  private final String baseName;
  private final String socketName;
  private final Arrivals arrivals;
  private final byte[] token = RuntimeFiles.randomToken();
  // Guarded by this: a new socket replaces the old one when its file was deleted.
  private ServerSocketChannel server;
  private Path socketPath;
  private boolean closed;

  /** Binds the socket, named {@code socketName} in the runtime directory, and starts accepting. */
  WorkerAcceptor(String baseName, String socketName, Arrivals arrivals) {
    this.baseName = baseName;
    this.socketName = socketName;
    this.arrivals = arrivals;
    ServerSocketChannel listening;
    synchronized (this) {
      listening = listen();
    }
    startAccepting(listening);
  }

  /** What a worker presents in its hello. */
  byte[] token() {
    return token;
  }

  /**
   * The socket path to tell a worker that starts now: the acceptor listens anew if its socket file
   * was deleted (with the runtime directory, by a temporary-file cleaner), where no replacement
   * worker could connect. Connected workers go on through their connections.
   */
  String socketForNewWorker() {
    ServerSocketChannel fresh = null;
    ServerSocketChannel old = null;
    String path;
    synchronized (this) {
      if (!closed && !RuntimeFiles.stillThere(socketPath)) {
        old = server;
        fresh = listen();
      }
      path = socketPath.toString();
    }
    if (fresh != null) {
      startAccepting(fresh);
      closeQuietly(old);
    }
    return path;
  }

  /** Stops accepting and deletes the socket's file. */
  void close() {
    ServerSocketChannel listening;
    Path path;
    synchronized (this) {
      closed = true;
      listening = server;
      path = socketPath;
    }
    try {
      listening.close();
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // the runtime directory goes at exit anyway
    }
  }

  /** Binds the socket and makes it the one workers are told. Under this. */
  private ServerSocketChannel listen() {
    server = RuntimeFiles.listen(socketName);
    socketPath = RuntimeFiles.directory().resolve(socketName);
    return server;
  }

  private void startAccepting(ServerSocketChannel listening) {
    Thread acceptor = new Thread(() -> accept(listening), "ferry-" + baseName + "-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Accepts workers until the socket is closed. A failed accept (typically {@code EMFILE}, too
   * many open files) is not the end, as in the channel server: the worker stays in the listen
   * backlog, so the loop waits, doubling the pause up to a second, and tries again.
   */
  private void accept(ServerSocketChannel listening) {
    long pause = 0;
    boolean said = false;
    while (listening.isOpen()) {
      SocketChannel socket;
      try {
        socket = listening.accept();
      } catch (ClosedChannelException e) {
        return; // closed with the pool
      } catch (IOException | RuntimeException e) {
        if (!said) {
          said = true;
          System.err.println("[ferry] pool " + baseName + " cannot accept its workers for now ("
              + e + "); retrying");
        }
        pause = Math.min(Math.max(1, pause * 2), 1000);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          // a set flag would close the socket at the next accept: go on
        }
        continue;
      }
      pause = 0;
      said = false;
      greet(socket);
    }
  }

  /**
   * Reads the connection's hello on a thread of its own, so that a connection that sends nothing
   * (another process of the same user, connecting by mistake or to stall the pool) holds up only
   * itself for the hello's timeout, not the workers connecting behind it.
   */
  private void greet(SocketChannel socket) {
    Thread greeter = new Thread(() -> {
      try {
        arrivals.arrived(readHello(socket), socket);
      } catch (IOException | RuntimeException e) {
        closeQuietly(socket);
      }
    }, "ferry-" + baseName + "-hello");
    greeter.setDaemon(true);
    try {
      greeter.start();
    } catch (RuntimeException | OutOfMemoryError e) {
      closeQuietly(socket); // no thread to spare: a worker that was dropped so ends and is replaced
    }
  }

  /**
   * Reads a connection's hello, closing a silent connection after a while; returns the worker id
   * it names once its magic and token are this pool's.
   */
  private long readHello(SocketChannel socket) throws IOException {
    var guard = Pool.timer().schedule(
        () -> closeQuietly(socket), HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    ByteBuffer hello = ByteBuffer.allocate(PoolWire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    while (hello.hasRemaining()) {
      if (socket.read(hello) < 0) {
        throw new IOException("a connection ended before its hello");
      }
    }
    guard.cancel(false);
    hello.flip();
    byte[] presented = new byte[Wire.TOKEN_BYTES];
    long magic = hello.getLong();
    long id = hello.getLong();
    hello.get(presented);
    if (magic != PoolWire.MAGIC || !MessageDigest.isEqual(presented, token)) {
      throw new IOException("a connection without a valid hello");
    }
    return id;
  }

  /**
   * Lets a worker the pool no longer wants go as a connected one is let go: the end of the pool's
   * stream, then the socket stays open until the worker hangs up, for at most the hello's timeout.
   * A worker tells its pool letting it go from its pool's death by writing an empty frame at the
   * end of the stream (see PoolWorker); a socket closed at once refused it, and the worker took
   * its pool's close for its death and reported a broken connection.
   */
  static void letGo(SocketChannel socket) {
    var guard = Pool.timer().schedule(
        () -> closeQuietly(socket), HELLO_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    try {
      socket.shutdownOutput();
      ByteBuffer rest = ByteBuffer.allocate(64);
      while (socket.read(rest) >= 0) {
        rest.clear();
      }
    } catch (IOException e) {
      // gone already
    } finally {
      guard.cancel(false);
      closeQuietly(socket);
    }
  }

  static void closeQuietly(Closeable socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // nothing to do
    }
  }
}
