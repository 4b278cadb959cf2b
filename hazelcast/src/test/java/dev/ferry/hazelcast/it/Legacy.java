package dev.ferry.hazelcast.it;

/**
 * A type whose codec no {@code META-INF/ferry/codecs} resource lists, as one compiled by a Ferry
 * processor older than the registry has it: its codec, {@link Legacy_FerryCodec}, is found by name
 * only, so Ferry's hook does not register it and a user registers it by hand.
 */
public record Legacy(String name, int count) {}
