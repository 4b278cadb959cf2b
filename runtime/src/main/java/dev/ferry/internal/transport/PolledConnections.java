package dev.ferry.internal.transport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * This process's holder connections whose bytes come through shared memory ({@link
 * HostConnection#polled}), and the spin by which a local receiver that waits polls them all for a
 * moment ({@link #pollAll}). Process-wide, where a {@link HostChannel} polls only its own: the
 * message a receiver waits for may come in answer to another channel's request, which this
 * receiver's thread then answers at once. Apart from the connection, which is one holder's, while
 * this list is every holder's.
 */
final class PolledConnections {
  /**
   * This process's connections whose bytes come through shared memory: a local receiver that
   * waits polls them all for a moment (see {@link #pollAll}).
   */
  private static volatile HostConnection[] polledHere = new HostConnection[0];

  private PolledConnections() {}

  /**
   * Polls every ring connection of this process for a moment, on a local receiver's thread
   * while it waits, until {@code done}, {@code nanos} pass or a connection hands a large message
   * over to its own thread (see {@link HostConnection#handsOver}), which then needs the core:
   * whatever a holder writes meanwhile (the message awaited, but also the next request of another
   * channel's holder, which this thread then answers at once) is handled with no thread woken, and
   * the connections' own threads are not woken for it either ({@link RingLink#polling}).
   */
  static void pollAll(BooleanSupplier done, long nanos, ConversationSpin spin) {
    RingLink.polling(true);
    try {
      long start = System.nanoTime();
      long elapsed = 0;
      Thread me = Thread.currentThread();
      do {
        if (done.getAsBoolean()) {
          return; // another thread handed the item over
        }
        boolean handedOver = false;
        for (HostConnection connection : polledHere) {
          connection.poll();
          if (done.getAsBoolean()) {
            connection.rings().found(); // a stream's receiver will be back soon: see found()
            return;
          }
          handedOver |= connection.handsOver();
        }
        if (handedOver) {
          return; // a large message is coming: its reader needs the core more than this spin
        }
        spin.pause();
        elapsed = System.nanoTime() - start;
      } while (elapsed < nanos && !me.isInterrupted());
    } finally {
      RingLink.polling(false);
      for (HostConnection connection : polledHere) {
        connection.poll(); // what came while the connections' threads were not woken for it
      }
    }
  }

  /** Lists {@code connection} ({@code add}) or takes it off the list. */
  static synchronized void polledHere(HostConnection connection, boolean add) {
    List<HostConnection> all = new ArrayList<>(Arrays.asList(polledHere));
    if (add) {
      all.add(connection);
    } else {
      all.remove(connection);
    }
    polledHere = all.toArray(new HostConnection[0]);
  }
}
