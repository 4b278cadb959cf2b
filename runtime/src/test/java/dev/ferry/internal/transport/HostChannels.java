package dev.ferry.internal.transport;

import dev.ferry.Channel;
import java.lang.reflect.Field;

/** Test access to the host side of a channel created in this process, for forging its items. */
public final class HostChannels {
  private HostChannels() {}

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
