package dev.ferry.internal.transport;

import dev.ferry.Codecs;
import dev.ferry.internal.codec.CodecRegistry;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.SocketChannel;
import java.util.List;

/**
 * What a child's first connection and first values cost it once, paid ahead on a thread that has
 * time (see {@code ChildPreparation}): class loading and set-up in the JDK (Unix-domain sockets,
 * which seed a {@code SecureRandom} and with it the security providers; the byte-array views the
 * codecs write with) and in Ferry (the program's codec registries, the rings' first mapping).
 *
 * <p>Nothing here leaves anything behind (no directory, socket file or lasting thread), and
 * nothing of the program is loaded (a codec listed in a registry is loaded when its type is first
 * asked for). A failure is left for the first real use to report, with what the program asked for.
 *
 * <p>Not done in the parent: started by the first {@code Channel.create()}, the same work on a
 * thread of the parent's own did not bring a fresh program's first spawn measurably sooner (stop
 * 41, four rounds of eight alternated runs: medians of 438, 233, 158 and 186 ms against stop 40's
 * 407, 258, 155 and 219 ms in the same rounds), and would cost every program that never spawns
 * its CPU.
 */
public final class Preparation {
  private Preparation() {}

  /**
   * The JDK's one-time set-up of Unix domain sockets (class loading and a {@code SecureRandom} it
   * seeds, ~40 ms in a fresh JVM), the rings' ({@link RingLink#prepare}), and the connection's
   * classes ({@link ConnectionClasses}), which the child's handles would otherwise initialize on
   * its main thread, on the way to its target's first message.
   */
  public static void sockets() {
    try {
      ConnectionClasses.initialize();
      SocketChannel.open(StandardProtocolFamily.UNIX).close();
      if (RingLink.ENABLED) {
        RingLink.prepare();
      }
    } catch (IOException | RuntimeException | LinkageError e) {
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
