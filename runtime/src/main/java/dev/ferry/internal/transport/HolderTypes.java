package dev.ferry.internal.transport;

import dev.ferry.TransferException;
import dev.ferry.internal.codec.RuntimeRules;

import java.util.Arrays;

/**
 * The message types one holder announced on its connection ({@link HostConnection}), by the
 * holder's own ids, and the translation of the ids its messages name into this process's.
 *
 * <p>The announcements (id, class name, fingerprint, description) stay here, at most {@link
 * HostConnection#MAX_ANNOUNCEMENTS} of them, each name at most {@link MessageTypes#MAX_NAME_CHARS}
 * characters long; a type enters this process's table of types only when a message of it is
 * queued. So a holder that announces thousands of bogus types loses its connection and harms no
 * one else. Apart from the connection so that those limits are kept in one place. One per
 * connection, used on the thread that handles the holder's frames.
 */
final class HolderTypes {
  /**
   * The most characters of type descriptions ({@link Schemas}) one connection's announcements keep;
   * past it a description is dropped, which only shortens a mismatch's message.
   */
  static final int MAX_DESCRIPTION_CHARS = 256 << 10;

  /**
   * A type the holder announced: its name, fingerprint and description ({@link Schemas}), and this
   * process's entry once used.
   */
  private static final class Announced {
    final String name;
    final long fingerprint;
    final String description;
    int localId;

    Announced(String name, long fingerprint, String description) {
      this.name = name;
      this.fingerprint = fingerprint;
      this.description = description;
    }
  }

  private Announced[] announced = new Announced[0]; // by the holder's id
  private int announcements;
  private long descriptionChars; // of the announcements, see MAX_DESCRIPTION_CHARS

  /** Reads one announcement ({@link Wire#C_DEFINE}) and keeps it, within the limits above. */
  void define(Wire.Cursor records) {
    int theirs = records.varInt();
    if (theirs < MessageTypes.FIRST_USER_ID || theirs >= MessageTypes.MAX_ID) {
      throw new TransferException("type id " + theirs + " is out of range");
    }
    String name = records.string();
    long fingerprint = records.fixedLong();
    String description = Schemas.cut(records.string());
    MessageTypes.checkAnnouncedName("the holder", name);
    descriptionChars += description.length();
    if (descriptionChars > MAX_DESCRIPTION_CHARS) {
      description = ""; // only a mismatch's message is shorter for it
    }
    if (++announcements > HostConnection.MAX_ANNOUNCEMENTS) {
      throw new TransferException(
          "the holder announced more than " + HostConnection.MAX_ANNOUNCEMENTS + " message types"
              + " on one connection (the last: " + name + "); a real program sends far fewer");
    }
    if (theirs >= announced.length) {
      announced = Arrays.copyOf(announced, Math.max(theirs + 1, announced.length * 2));
    }
    announced[theirs] = new Announced(name, fingerprint, description);
  }

  /**
   * This process's id of the type the holder names {@code theirs}: a built-in type's own, or an
   * announced one's, entered in this process's table the first time.
   */
  int localId(int theirs) {
    if (theirs > 0 && theirs < MessageTypes.FIRST_USER_ID && MessageTypes.byId(theirs) != null) {
      if (theirs == MessageTypes.CHANNEL_ID) {
        throw RuntimeRules.inheritOnlyRead();
      }
      return theirs;
    }
    Announced type =
        theirs >= MessageTypes.FIRST_USER_ID && theirs < announced.length ? announced[theirs] : null;
    if (type == null) {
      throw new TransferException("a message names type id " + theirs + ", which was never defined");
    }
    if (type.localId == 0) {
      type.localId = MessageTypes.byName(type.name, type.fingerprint, type.description).id;
    }
    return type.localId;
  }
}
