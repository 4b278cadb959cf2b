package dev.ferry.internal.codec;

import dev.ferry.Channel;

/**
 * The codec of {@link Channel}, which writes a channel as a handle and only while a child is
 * spawned. Generated codecs of {@code @InheritOnly} types with channel members refer to it by this
 * name, and {@link dev.ferry.Codecs#of(Class) Codecs.of(Channel.class)} finds it here: the one
 * codec that lives apart from its type, since {@code dev.ferry} holds only the user API.
 */
public final class Channel_FerryCodec {
  public static final InheritOnlyCodec<Channel<?>> INSTANCE = Channel.CODEC;

  private Channel_FerryCodec() {}
}
