package dev.ferry.internal.transport;

import dev.ferry.ByteOutput;

/**
 * The record a queued message goes to a holder as ({@link Wire#H_MESSAGE}, after its type's
 * announcement the first time on that connection), written whole or not at all, and the failure
 * that says this process's heap cannot hold the copy. Apart from the connection, which decides
 * when a message is handed out, so that the record's layout and its all-or-nothing growth are read
 * in one place; static, the state (the connection's {@link Outbox}) being the caller's.
 */
final class ItemRecords {
  private ItemRecords() {}

  /**
   * Appends a message record (after its type's announcement, the first time), whole or not at all:
   * the frame first makes room for the whole record, so that a copy this process's heap cannot
   * hold leaves nothing of the record in it. It used to grow as the record was written, and a
   * 64 MiB message a parent at -Xmx256m handed to a child ran out of memory halfway, after the
   * record's header: the frame went out with the header and no body (the child read a corrupt
   * stream) and the message was lost.
   * {@code out} is the connection's outbox, which knows which types it announced already.
   *
   * @throws TooLargeToCopy if the heap cannot hold the frame grown to take the record
   */
  static void write(Outbox out, ByteOutput o, Object item) {
    int id = Items.typeId(item);
    MessageTypes.Entry entry = id >= MessageTypes.FIRST_USER_ID ? MessageTypes.byId(id) : null;
    long bodyBytes = Items.bodyBytes(item);
    long recordBytes =
        bodyBytes + 16
            + (entry != null ? 32 + 3L * (entry.name.length() + entry.description().length()) : 0);
    try {
      o.ensureCapacity((int) Math.min(recordBytes, Integer.MAX_VALUE));
    } catch (OutOfMemoryError e) {
      throw new TooLargeToCopy(bodyBytes, e); // the frame's growth for this message: nothing written
    }
    if (entry != null && out.announce(id)) {
      o.writeByte(Wire.H_DEFINE);
      o.writeVarInt(id);
      Wire.writeString(o, entry.name);
      o.writeFixedLong(entry.fingerprint);
      Wire.writeString(o, entry.description());
    }
    o.writeByte(Wire.H_MESSAGE);
    o.writeVarInt(id);
    Items.writeBody(o, item);
  }

  /**
   * A message this process's heap cannot copy into the frame that would carry it to the holder:
   * nothing of it was written, and it stays in the channel. Ends the holder's connection when it
   * escapes the holder's own request (see {@link HostConnection#run}), with a message that says so.
   */
  static final class TooLargeToCopy extends RuntimeException {
    final long bytes;

    TooLargeToCopy(long bytes, OutOfMemoryError cause) {
      super(
          "a message of " + bytes + " bytes does not fit in this process's heap ("
              + HeapLimit.described() + ") beside what it holds, so it cannot be copied to this"
              + " holder: the holder's connection is dropped, and the message stays in the channel"
              + " for other receivers (a process with a larger -Xmx, or this one's own receive)",
          cause,
          false,
          false);
      this.bytes = bytes;
    }
  }
}
