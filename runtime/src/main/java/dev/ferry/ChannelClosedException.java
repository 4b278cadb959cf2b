package dev.ferry;

/**
 * A {@link Channel} can carry no more messages in the asked direction: it was closed by the
 * process that created it, or by this process (which let go of its handle), or the process hosting
 * it exited; or, in the creating process, every other process it was handed to has let go of it,
 * and it is empty, so a receive would wait forever, or it is bounded and full, so a send would.
 */
public class ChannelClosedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public ChannelClosedException(String message) {
    super(message);
  }
}
