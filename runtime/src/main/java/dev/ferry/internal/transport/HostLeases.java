package dev.ferry.internal.transport;

import dev.ferry.TransferException;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;

/**
 * The leases of a channel this process hosts ({@link HostChannel}): one per process the channel
 * was handed to (id and random token, presented when it connects), ended when that process exits
 * or closes its handle, and the count of those handed out that says whether the channel was ever
 * shared. Holders may create leases too, to hand the channel to their own children: those are
 * counted per holder and per channel, within limits, so that a forged stream of lease requests
 * ends its connection instead of filling this process's heap.
 *
 * <p>Apart from the channel so that the leases' book-keeping and limits are read in one place; the
 * channel decides what a lease's end means (who is woken, whether it retires). Guarded by the
 * channel's lock, held on every call.
 */
final class HostLeases {
  /**
   * The most leases one holder may have created and not ended: one per child it hands the channel
   * to and that still runs, far fewer in any real program. A holder asking for more (a forged
   * stream of lease requests: each lease is kept until ended) loses its connection, and with it
   * the leases it created, instead of filling this process's heap.
   */
  static final int MAX_LEASES_PER_HOLDER = 4096;
  /**
   * The most leases the holders of one channel may have created and not ended, so that holders
   * whose connections were opened with leases they created themselves cannot multiply the limit
   * above without bound: at most about 10 MB of leases per channel.
   */
  static final int MAX_HOLDER_LEASES = 65_536;

  /** The leases held, by id. */
  private final Map<Long, HostChannel.Lease> leases = new HashMap<>();
  private long nextLease = 1;
  /** The leases holders created and did not end, of all connections (see MAX_HOLDER_LEASES). */
  private int holderLeases;
  /**
   * Leases made for children and holders, less those withdrawn by a spawn that failed before its
   * child got the handle: above 0, the channel has been shared.
   */
  private long shares;

  /**
   * A new lease with this token, created by {@code createdBy} (a holder that hands the channel on)
   * or by this process (null).
   *
   * @throws TransferException if the holder asks for more than the limits above
   */
  HostChannel.Lease create(HostConnection createdBy, byte[] token) {
    if (createdBy != null) {
      refuseBeyondLimits(createdBy);
      createdBy.leasesCreated++;
      holderLeases++;
    }
    HostChannel.Lease lease = new HostChannel.Lease(nextLease++, token, createdBy);
    leases.put(lease.id(), lease);
    shares++;
    return lease;
  }

  /** A holder's request for a lease past {@link #MAX_LEASES_PER_HOLDER}: the connection ends. */
  private void refuseBeyondLimits(HostConnection holder) {
    if (holder.leasesCreated >= MAX_LEASES_PER_HOLDER) {
      throw new TransferException(
          "the holder asked for a lease of the channel (to hand it to a child) while "
              + MAX_LEASES_PER_HOLDER + " it asked for are still held; a real program's children"
              + " hold far fewer at once, so its connection ends: a child must let the children"
              + " it hands a channel to exit, or close the channel handles they no longer use");
    }
    if (holderLeases >= MAX_HOLDER_LEASES) {
      throw new TransferException(
          "the holder asked for a lease of the channel (to hand it to a child) while its holders"
              + " hold " + MAX_HOLDER_LEASES + " they asked for; a real program's children hold"
              + " far fewer at once, so its connection ends");
    }
  }

  /** The lease with this id and token, or null: the check behind every connection. */
  HostChannel.Lease authenticate(long leaseId, byte[] token) {
    HostChannel.Lease lease = leases.get(leaseId);
    return lease != null && MessageDigest.isEqual(lease.token(), token) ? lease : null;
  }

  /**
   * Whether lease {@code leaseId} is held, so that a holder's word may end it: a holder can end
   * the leases it was handed or created (each comes with its token), never another process's.
   *
   * @throws TransferException if the lease is held and the token is not its own (a forged record)
   */
  boolean heldWithToken(long leaseId, byte[] token) {
    HostChannel.Lease lease = leases.get(leaseId);
    if (lease == null) {
      return false;
    }
    if (!MessageDigest.isEqual(lease.token(), token)) {
      throw new TransferException(
          "a holder tried to end lease " + leaseId + " without its token; a holder can end only"
              + " the leases it holds");
    }
    return true;
  }

  /** A lease made for a spawn that failed before its child got the handle no longer shares. */
  void withdraw(long leaseId) {
    if (leases.containsKey(leaseId)) {
      shares--;
    }
  }

  /** Ends lease {@code leaseId}; false if it was not held. */
  boolean end(long leaseId) {
    HostChannel.Lease ended = leases.remove(leaseId);
    if (ended == null) {
      return false;
    }
    if (ended.createdBy() != null) {
      ended.createdBy().leasesCreated--;
      holderLeases--;
    }
    return true;
  }

  /** Ends the leases {@code connection} created: it is gone, and those it handed on with it. */
  void endCreatedBy(HostConnection connection) {
    int before = leases.size();
    leases.values().removeIf(lease -> lease.createdBy() == connection);
    holderLeases -= before - leases.size();
  }

  /** Whether no lease is held. */
  boolean isEmpty() {
    return leases.isEmpty();
  }

  /** How many leases are held. */
  int size() {
    return leases.size();
  }

  /** Whether the channel was ever handed to another process (a lease made and not withdrawn). */
  boolean everShared() {
    return shares > 0;
  }
}
