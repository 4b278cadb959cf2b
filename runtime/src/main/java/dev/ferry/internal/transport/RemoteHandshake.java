package dev.ferry.internal.transport;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.TimerTask;

/**
 * A holder's side of connecting to a channel's host: the socket, the hello with one of its leases,
 * the host's answer, and the shared-memory rings when the host offers them (see {@link Wire} for
 * the bytes, {@link ChannelServer} for the host's side).
 *
 * <p>Connecting and the answer share one deadline ({@link #connectTimeoutMillis}), so that a host
 * that never answers (out of file descriptors, stopped, hung) fails the holder's first use of the
 * channel with a message that says so instead of holding it for ever.
 */
final class RemoteHandshake {
  private static final String REFUSED =
      "the host refused the connection (unknown channel or lease)";

  /**
   * How long connecting and the host's answer to the hello may take: a live host answers in
   * microseconds, and one that never does must not hold a holder for ever. Not final: tests
   * shorten it.
   */
  static volatile long connectTimeoutMillis = 30_000;

  /** The connection a handshake made: its socket, and the rings if the host offered them. */
  record Connection(SocketChannel socket, RingLink rings) {}

  /** A connection that failed for a reason its message tells whole, not "exited or refused". */
  static final class Unreachable extends IOException {
    Unreachable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final String socketPath;
  private final long channelId;
  private final long leaseId;
  private final byte[] token;

  RemoteHandshake(String socketPath, long channelId, long leaseId, byte[] token) {
    this.socketPath = socketPath;
    this.channelId = channelId;
    this.leaseId = leaseId;
    this.token = token;
  }

  /**
   * Runs the handshake on a thread of its own, waiting for it without being interruptible: a
   * blocking socket or file channel closes itself when its thread is interrupted, and a sender
   * whose first send connects may be interrupted by another thread meanwhile (its interrupt stays).
   */
  Connection runAside() throws IOException {
    Aside aside = new Aside();
    Thread thread = new Thread(aside, "ferry-connect-".concat(Long.toString(channelId)));
    thread.setDaemon(true);
    thread.setUncaughtExceptionHandler(aside);
    try {
      thread.start();
    } catch (OutOfMemoryError e) {
      return run(); // out of threads (ulimit -u): on this one, interruptible as it is
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          thread.join(); // then the thread's writes to aside are seen here
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (aside.made != null) {
      return aside.made;
    }
    Throwable failed = aside.failed;
    if (failed instanceof IOException io) {
      throw io;
    }
    if (failed instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failed instanceof Error error) {
      // A full heap as the handshake ran: thrown as it is, as from the caller's own thread, for
      // RemoteChannel.connect to tell it from a thread that could not start. Wrapped, a child's
      // send threw IllegalStateException, and its channel was not tried again.
      throw error;
    }
    // The thread ended with no word at all: its uncaught exception's handler could not run either
    // (a full heap as the thread started). The handshake is made here, as if no thread had started.
    return run();
  }

  /**
   * The handshake on its own thread, and what came of it, read once the thread has ended. Not a
   * FutureTask: the first use of its VarHandles links code, which allocates; under a full heap that
   * threw outside the task's own catch, the task was never done, and its caller waited for ever.
   */
  private final class Aside implements Runnable, Thread.UncaughtExceptionHandler {
    Connection made;
    Throwable failed;

    @Override
    public void run() {
      try {
        made = RemoteHandshake.this.run();
      } catch (Throwable e) {
        failed = e;
      }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable e) {
      failed = e; // what ended the thread before run's own catch: told, not printed
    }
  }

  /**
   * Runs the handshake on this thread: connects with the lease, says hello and maps the rings if
   * the host offers them.
   */
  Connection run() throws IOException {
    RingLink found = null;
    SocketChannel s = SocketChannel.open(StandardProtocolFamily.UNIX);
    TimerTask deadline;
    try {
      deadline = Deadlines.closeAfter(s, connectTimeoutMillis);
    } catch (IOException e) {
      s.close();
      throw new Unreachable(e.getMessage(), e);
    } catch (OutOfMemoryError e) {
      s.close(); // the heap is full: see Deadlines.closeAfter
      throw e;
    }
    try {
      s.connect(UnixDomainSocketAddress.of(socketPath));
      ByteBuffer hello = ByteBuffer.allocate(Wire.HELLO_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      hello.putInt(Wire.MAGIC).put(Wire.VERSION).put(RingLink.ENABLED ? Wire.HELLO_RINGS : 0)
          .putLong(channelId).putLong(leaseId);
      hello.put(token).flip();
      while (hello.hasRemaining()) {
        s.write(hello);
      }
      byte answer = readFully(s, 1).get();
      if (answer == Wire.ACCEPTED_RINGS) {
        Path file = Wire.readRingsFile(s, "the host", REFUSED);
        try {
          found = RingLink.open(s, file);
        } catch (NoSuchFileException e) {
          // The host deletes the file when the connection ends before this side took it: it
          // accepted, then dropped the connection (seen when it ran out of file descriptors).
          throw new Unreachable("its host accepted the connection but dropped it before this"
              + " process could map the shared-memory file it named (" + file + "); is the host"
              + " out of file descriptors?", e);
        }
      } else if (answer != Wire.ACCEPTED) {
        throw new IOException("the host refused the connection (unknown channel or lease)");
      }
    } catch (ClosedChannelException e) {
      throw new Unreachable(
          "the host did not accept the connection and answer within "
              + connectTimeoutMillis + " ms (is it out of file descriptors, stopped or hung?)",
          e);
    } catch (IOException | RuntimeException e) {
      // Not on an OutOfMemoryError: closing a connected socket under a full heap can be what first
      // initializes a JDK class (sun.nio.ch.Net on JDK 25), which then fails for the JVM's life, and
      // no socket of the process could be closed again; the socket stays open until the process
      // exits (the caller's next try opens a new one)
      s.close();
      throw e;
    } finally {
      deadline.cancel();
    }
    return new Connection(s, found);
  }

  /** Reads {@code n} bytes from the blocking socket; fails at the end of the stream. */
  private static ByteBuffer readFully(SocketChannel s, int n) throws IOException {
    return Wire.readFully(s, n, REFUSED);
  }
}
