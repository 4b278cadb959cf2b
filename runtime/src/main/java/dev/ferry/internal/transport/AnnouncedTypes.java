package dev.ferry.internal.transport;

import dev.ferry.TransferException;

import java.util.Arrays;

/**
 * The message types a channel's host announced on this connection ({@link Wire#H_DEFINE}), by the
 * ids the host gave them: kept per connection, not in this process's {@link MessageTypes}, since
 * the ids are the host's, and bounded ({@link HostConnection#MAX_ANNOUNCEMENTS}) so that a host
 * cannot make this process keep definitions without end. Ids below {@link
 * MessageTypes#FIRST_USER_ID} are the built-in types every process shares.
 *
 * <p>Only the thread reading the connection defines types (one at a time: the channel's
 * leader/follower reading hands over under its lock); receiving threads look them up through
 * {@link #table}, a volatile array published after each definition, and so before any message of
 * the type reaches the inbox.
 */
final class AnnouncedTypes {
  private volatile MessageTypes.Entry[] table =
      new MessageTypes.Entry[MessageTypes.FIRST_USER_ID * 2];
  private int announcements; // reader thread only

  /** The type of a message taken from the inbox, whose id was checked as it arrived. */
  MessageTypes.Entry entry(int id) {
    return id < MessageTypes.FIRST_USER_ID ? MessageTypes.byId(id) : table[id];
  }

  /** Whether a message arriving with type {@code id} names a type it may have. Reader thread. */
  boolean isKnown(int id) {
    MessageTypes.Entry[] types = table;
    return id < MessageTypes.FIRST_USER_ID
        ? id != MessageTypes.CHANNEL_ID && MessageTypes.byId(id) != null
        : id < types.length && types[id] != null;
  }

  /**
   * Reads a type the host announces; kept in this connection's table (at most {@link
   * HostConnection#MAX_ANNOUNCEMENTS}), not in this process's. Reader thread.
   */
  void define(Wire.Cursor records) {
    int id = records.varInt();
    if (id < MessageTypes.FIRST_USER_ID || id >= MessageTypes.MAX_ID) {
      throw new TransferException("type id " + id + " is out of range");
    }
    String name = records.string();
    long fingerprint = records.fixedLong();
    String description = records.string();
    if (announcements + 1 > HostConnection.MAX_ANNOUNCEMENTS) {
      throw new TransferException(
          "the host announced more than " + HostConnection.MAX_ANNOUNCEMENTS + " message types");
    }
    MessageTypes.Entry[] types = table;
    if (id >= types.length) {
      types = Arrays.copyOf(types, Math.max(id + 1, types.length * 2));
    }
    types[id] = MessageTypes.forConnection(id, name, fingerprint, description);
    table = types; // published before any message of the type reaches the inbox
    announcements++; // here: a definition that ran out of heap above is read again
  }
}
