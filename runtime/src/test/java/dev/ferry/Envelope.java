package dev.ferry;

/** A value whose (hand-written) codec calls {@link Codecs#encode} while it writes. */
public record Envelope(Point point) {}
