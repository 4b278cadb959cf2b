package dev.ferry.internal.transport;

import dev.ferry.Codecs;
import dev.ferry.internal.codec.CodecRegistry;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a process's first spawn, pool or connection costs it once, paid ahead on a thread that has
 * time: class loading and set-up in the JDK (Unix-domain sockets, which seed a {@code
 * SecureRandom} and with it the security providers; the byte-array views the codecs write with)
 * and in Ferry (the program's codec registries, the rings' first mapping). In a fresh JVM on a
 * busy two-core machine that is 50-120 ms of CPU, which otherwise falls where it is first needed:
 * in the parent, after its first child's JVM has started and while that child waits for its
 * start-up message; in a child, between its start-up message and its first connection.
 *
 * <p>Nothing here leaves anything behind (no directory, socket file or lasting thread), and
 * nothing of the program is loaded (a codec listed in a registry is loaded when its type is first
 * asked for): a program that never spawns loses only the CPU time. A failure is left for the first
 * real use to report, with what the program asked for.
 */
public final class Preparation {
  private static final AtomicBoolean HOST_STARTED = new AtomicBoolean();

  private Preparation() {}

  /**
   * Starts, once per process, a daemon thread that prepares what a process that hands out
   * channels or starts children needs: called by {@code Channel.create}, and by the first spawn
   * or pool of a program that creates no channel first. The first spawn then finds the work done,
   * or under way while the program builds the command, instead of starting it after the child's
   * JVM (first spawn of a program, start to first message: see docs/benchmarks.md).
   */
  public static void startForHost() {
    if (HOST_STARTED.get() || !HOST_STARTED.compareAndSet(false, true)) {
      return;
    }
    Thread prepare = new Thread(Preparation::forHost, "ferry-prepare");
    prepare.setDaemon(true);
    try {
      prepare.start();
    } catch (OutOfMemoryError e) {
      // Out of threads (ulimit -u): each cost is paid where it falls.
    }
  }

  private static void forHost() {
    RuntimeFiles.randomToken(); // the SecureRandom behind tokens and the runtime directory's name
    sockets();
    codecs();
  }

  /**
   * The JDK's one-time set-up of Unix domain sockets (class loading and a {@code SecureRandom} it
   * seeds, ~40 ms in a fresh JVM), and the rings' ({@link RingLink#prepare}).
   */
  public static void sockets() {
    try {
      SocketChannel.open(StandardProtocolFamily.UNIX).close();
      if (RingLink.ENABLED) {
        RingLink.prepare();
      }
    } catch (IOException | RuntimeException e) {
      // the first real connection reports it
    }
  }

  /**
   * Reads the codec registries the system class loader sees ({@link CodecRegistry#prepare}) and
   * runs built-in values through the codecs. Loads no class of the program's.
   */
  public static void codecs() {
    try {
      CodecRegistry.prepare(ClassLoader.getSystemClassLoader());
      Codecs.decode(Codecs.encode(List.of("ferry", 1L, 1)), List.class);
    } catch (RuntimeException | LinkageError e) {
      // the first real use reports it
    }
  }
}
