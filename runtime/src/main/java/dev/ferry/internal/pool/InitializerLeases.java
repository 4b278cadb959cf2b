package dev.ferry.internal.pool;

import dev.ferry.internal.process.SpawnContext;

/**
 * The pool's own leases on the channels its initializer takes, from the pool's start until it
 * starts no worker any more (closed or broken). Each worker, a replacement too, is handed the
 * initializer's arguments as it starts; without the pool's own lease, a channel handed only to
 * the pool's workers counted as abandoned whenever none of them was alive (a worker killed or
 * crashed and its replacement not yet started), and a receive on it in its creator threw
 * ChannelClosedException while the pool went on.
 *
 * <p>Its one field is guarded by the pool's lock, with the pool's {@code closed} and {@code
 * broken} it reads; the leases are taken and ended outside it.
 */
final class InitializerLeases {
  private final Pool pool;
  /** The leases, from {@link #hold} until {@link #release}; null without. Under the pool's lock. */
  private SpawnContext leases;

  InitializerLeases(Pool pool) {
    this.pool = pool;
  }

  /**
   * Why a channel the initializer takes may not be closed while the pool runs: a worker that
   * replaces another is handed the initializer's arguments as it starts, later than the first.
   */
  static String handedAnew() {
    return "; each worker, a replacement too, is handed the initializer's arguments as it starts,"
        + " and a channel closed in this process cannot be handed on: close such a channel after"
        + " closing the pool";
  }

  /**
   * Takes the pool's own lease on each channel its initializer takes, for the workers it will
   * hand them to, replacements included. Once, as the pool starts; the leases end when the pool
   * starts no worker any more.
   */
  void hold(Object[] initArgs) {
    SpawnContext taken = initArgs.length == 0 ? null : SpawnContext.holding(initArgs);
    synchronized (pool.lock) {
      if (!pool.closed && pool.broken == null) {
        leases = taken;
        return;
      }
    }
    if (taken != null) {
      taken.endLeases(); // closed or broken meanwhile: it starts no worker
    }
  }

  /** Ends the pool's leases on its initializer's channels: it starts no worker any more. */
  void release() {
    SpawnContext held;
    synchronized (pool.lock) {
      held = leases;
      leases = null;
    }
    if (held != null) {
      held.endLeases();
    }
  }
}
