package dev.ferry;

/**
 * A value whose decoding, in a process given {@code -Dferry.test.bloatedDecode=true}, asks for far
 * more heap than any test child has (see its codec): a message of a few bytes whose value can never
 * fit there.
 */
public record Bloated(int value) {}
