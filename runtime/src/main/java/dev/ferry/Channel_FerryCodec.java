package dev.ferry;

/**
 * The codec {@link Codecs#of(Class) Codecs.of(Channel.class)} finds by Ferry's naming convention:
 * {@link Channel#CODEC}, which writes a channel as a handle and only while a child is spawned.
 */
public final class Channel_FerryCodec {
  public static final InheritOnlyCodec<Channel<?>> INSTANCE = Channel.CODEC;

  private Channel_FerryCodec() {}
}
