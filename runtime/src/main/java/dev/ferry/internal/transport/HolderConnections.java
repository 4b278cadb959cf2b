package dev.ferry.internal.transport;

import java.util.HashSet;
import java.util.Set;

/**
 * The connections of a hosted channel's holders ({@link HostChannel}): those accepted whose
 * threads are still starting, and those connected, until each ends. While any is open, or still
 * starting, another process may yet feed or drain the channel, and a holder's connection may
 * still give back what it was handed: so these sets decide whether the channel is orphaned and
 * whether a closed one is drained.
 *
 * <p>Apart from the channel so that the questions asked of every holder at once are read in one
 * place; the channel keeps its own copy of the polled ones, read without its lock. Guarded by the
 * channel's lock, held on every call.
 */
final class HolderConnections {
  private final Set<HostConnection> connections = new HashSet<>();
  /**
   * Connections accepted and not yet {@link #connected} (their threads starting, which waits while
   * the process is out of threads): their holders may have sent messages, and exited since.
   */
  private final Set<HostConnection> starting = new HashSet<>();

  /** A holder's hello was accepted: its connection's thread is starting. */
  void accepted(HostConnection connection) {
    starting.add(connection);
  }

  /** The connection's thread runs: the channel knows the connection. */
  void connected(HostConnection connection) {
    starting.remove(connection);
    connections.add(connection);
  }

  /** The connection ended, started or not. */
  void disconnected(HostConnection connection) {
    starting.remove(connection);
    connections.remove(connection);
  }

  /** The connections whose bytes come through shared memory, which any thread may poll. */
  HostConnection[] polled() {
    return connections.stream().filter(HostConnection::polled).toArray(HostConnection[]::new);
  }

  /** Whether no connection is open, nor starting. */
  boolean isEmpty() {
    return connections.isEmpty() && starting.isEmpty();
  }

  /** Whether a holder was handed messages that would go back to the channel if it went now. */
  boolean holdUnacknowledged() {
    for (HostConnection connection : connections) {
      if (connection.handedOut().holdsUnacknowledged()) {
        return true;
      }
    }
    return false;
  }

  /** How many messages holders were handed and have not acknowledged. */
  int unacknowledgedCount() {
    int count = 0;
    for (HostConnection connection : connections) {
      count += connection.handedOut().unacknowledgedCount();
    }
    return count;
  }

  /**
   * Whether an open connection descends from lease {@code leaseId} (see {@link
   * HostConnection#descendsFrom}).
   */
  boolean anyDescendsFrom(long leaseId) {
    return connections.stream().anyMatch(c -> c.descendsFrom(leaseId));
  }

  /** Tells every holder connected that the channel takes no more messages. */
  void refuseSends() {
    for (HostConnection connection : connections) {
      connection.refuseSends();
    }
  }
}
