package dev.ferry.internal.transport;

import dev.ferry.Channel;
import java.lang.reflect.Field;
import java.nio.channels.GatheringByteChannel;

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

  /** How many messages holders in other processes were handed and have not acknowledged. */
  public static int unacknowledged(Channel<?> channel) {
    return of(channel).unacknowledged();
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

  /**
   * Serves {@code channel} on this process's channel server and makes a lease of it for a forged
   * holder; its address as such a holder takes it: the socket's path, the channel's id and the
   * lease's id, separated by {@code |}. The lease's token is {@code lease[0].token()}.
   */
  public static String servedWithLease(Channel<?> channel, HostChannel.Lease[] lease) {
    HostChannel host = of(channel);
    ChannelServer server = ChannelServer.get();
    server.serve(host);
    lease[0] = host.newLease(null);
    return server.path() + "|" + host.id + "|" + lease[0].id();
  }

  /** How many leases {@code channel}'s host holds (handed to children, or asked for by holders). */
  public static int leases(Channel<?> channel) {
    try {
      Field field = HostChannel.class.getDeclaredField("leases");
      field.setAccessible(true);
      return ((HostLeases) field.get(of(channel))).size(); // read once all is quiet
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * What a holder's connection to {@code channel} writes its bytes to (the rings, or the socket),
   * for a test that forges them: in a child, whose handle is a holder's.
   */
  public static GatheringByteChannel holderLink(Channel<?> channel) {
    try {
      Field socket = Outbox.class.getDeclaredField("socket");
      socket.setAccessible(true);
      return (GatheringByteChannel) socket.get(holderOutbox(channel));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** Whether this process's handle of {@code channel}, a holder's, has connected to its host. */
  public static boolean holderConnected(Channel<?> channel) {
    return holderOutbox(channel) != null;
  }

  /** The outbox of this process's handle of {@code channel}, a holder's; null until it connects. */
  private static Outbox holderOutbox(Channel<?> channel) {
    try {
      Field remote = Channel.class.getDeclaredField("remote");
      remote.setAccessible(true);
      Field out = RemoteChannel.class.getDeclaredField("out");
      out.setAccessible(true);
      return (Outbox) out.get(remote.get(channel));
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
