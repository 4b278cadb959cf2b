package dev.ferry.internal.transport;

import dev.ferry.Channel;
import java.lang.reflect.Field;

/** Test access to the host side of a channel created in this process, for forging its items. */
public final class HostChannels {
  private HostChannels() {}

  /** Whether a receiver in another process has a request waiting at {@code channel}'s host. */
  public static boolean remoteWaiting(Channel<?> channel) {
    return of(channel).remoteWaiting();
  }

  /** How many messages {@code channel}'s host holds in its queue (not those handed out). */
  public static int queued(Channel<?> channel) {
    return of(channel).queued();
  }

  /** The {@link HostChannel} behind {@code channel}: a private field of the API class. */
  public static HostChannel of(Channel<?> channel) {
    try {
      Field field = Channel.class.getDeclaredField("host");
      field.setAccessible(true);
      return (HostChannel) field.get(channel);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
