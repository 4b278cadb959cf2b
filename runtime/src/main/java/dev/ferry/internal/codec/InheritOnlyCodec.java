package dev.ferry.internal.codec;

import dev.ferry.Codec;

/**
 * A codec of an {@link dev.ferry.annotation.InheritOnly @InheritOnly} type: its bytes hold handles
 * (channels) that a process can only open while it is being spawned.
 *
 * <p>The runtime refuses to send a value whose codec implements this interface through a channel
 * ({@code [ferry:inherit-only-sent]}). {@link dev.ferry.Channel#CODEC} implements it; the processor
 * makes the codec it generates for an {@code @InheritOnly} record implement it too. Writing or
 * reading a {@code Channel} member outside a spawn fails as well, so a handle cannot slip through
 * at any depth.
 *
 * @param <T> the type of the values
 */
public interface InheritOnlyCodec<T> extends Codec<T> {}
