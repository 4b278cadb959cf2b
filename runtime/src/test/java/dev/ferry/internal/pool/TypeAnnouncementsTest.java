package dev.ferry.internal.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Point;
import dev.ferry.TransferException;
import org.junit.jupiter.api.Test;

/**
 * A pool connection's type announcements (the TYPE record's body): a name longer than any class's
 * is refused before it enters this process's table of types, as a channel's host refuses it.
 */
class TypeAnnouncementsTest {
  private static ByteInput announcement(int id, String name) {
    ByteOutput out = new ByteOutput();
    out.writeVarInt(id);
    out.writeString(name);
    out.writeFixedLong(42);
    out.writeString("");
    return new ByteInput(out.toByteArray());
  }

  @Test
  void anOverlongName_isRefused() {
    Values.UserTypes types = new Values.UserTypes();
    TransferException e = assertThrows(
        TransferException.class, () -> types.define(announcement(64, "x".repeat(60_000))));
    assertEquals("the pool's peer announced a message type whose name has 60000 characters, more"
        + " than the 2048 a type's name may have; the stream is corrupt or was not written by"
        + " Ferry", e.getMessage());
  }

  @Test
  void aClassName_isDefined() {
    Values.UserTypes types = new Values.UserTypes();
    types.define(announcement(64, Point.class.getName()));
    ByteOutput value = new ByteOutput();
    value.writeVarInt(64);
    // Id 64 now names dev.ferry.Point, announced with another fingerprint than this process's.
    TransferException e =
        assertThrows(TransferException.class, () -> types.read(new ByteInput(value.toByteArray())));
    assertTrue(e.getMessage().startsWith("schema mismatch for dev.ferry.Point: "), e.getMessage());
  }
}
