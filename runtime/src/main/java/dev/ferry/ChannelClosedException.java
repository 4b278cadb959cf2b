package dev.ferry;

/**
 * A {@link Channel} can carry no more messages in the asked direction: it was closed by the
 * process that created it, the process hosting it exited, or (in the creating process) it is empty
 * and every other process it was handed to has let go of it, so a receive would wait forever.
 */
public class ChannelClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ChannelClosedException(String message) {
    super(message);
  }
}
