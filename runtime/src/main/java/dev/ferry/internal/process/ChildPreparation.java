package dev.ferry.internal.process;

import dev.ferry.internal.transport.Preparation;

/**
 * What a child does on a thread of its own while its main thread reads the start-up message: it
 * pays, off the path to its target's first message, the first-use costs of what every child uses
 * next.
 *
 * <p>Every child sets up the JDK's Unix-domain sockets and the shared-memory rings ({@link
 * Preparation#sockets}). A child still waiting for its start-up message after that is a spare
 * ({@link Spares}), which has nothing else to do until a spawn or a pool takes it: it also reads the
 * program's codec registries and runs a few built-in values through the codecs (class loading and
 * the registries' resources read from the class path: 20-40 ms of a pool worker's time between its
 * start-up message and its connection, on two busy cores, when it was paid after the start). It
 * loads none of the program's classes, so that nothing of the program runs before the start-up
 * message says what to run: a codec class is loaded only when its type is asked for, as ever.
 */
final class ChildPreparation {
  /** Whether the main thread has read the start-up message: a spare was taken, or none was. */
  private static volatile boolean started;

  private ChildPreparation() {}

  /**
   * Starts the preparation, if a thread can be had (otherwise each cost is paid where it falls).
   * A class of its own, not a lambda: the first lambda of a JVM sets up {@code java.lang.invoke},
   * tens of milliseconds on the child's main thread (see ChildMain).
   */
  static void startInBackground() {
    Thread prepare =
        new Thread("ferry-prepare") {
          @Override
          public void run() {
            prepare();
          }
        };
    prepare.setDaemon(true);
    try {
      prepare.start();
    } catch (OutOfMemoryError e) {
      // Out of threads (ulimit -u): the first connection pays the set-up, as connectInBackground.
    }
  }

  /** The main thread read the start-up message: what is left is now paid where it falls. */
  static void started() {
    started = true;
  }

  /** The preparation itself; a test's fresh JVM calls it where no start-up message comes. */
  static void prepare() {
    Preparation.sockets();
    if (!started) {
      Preparation.codecs(); // a spare: else the main thread does it as it needs it
    }
  }
}
