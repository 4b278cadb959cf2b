package dev.ferry;

/**
 * Bytes could not be turned back into a value: they are truncated, malformed, nested too deeply,
 * or were written by a different version of the type.
 *
 * <p>The message names what was wrong and where (the byte offset), so a user can tell a corrupted
 * stream from a schema change.
 */
public class TransferException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TransferException(String message) {
    super(message);
  }

  public TransferException(String message, Throwable cause) {
    super(message, cause);
  }
}
