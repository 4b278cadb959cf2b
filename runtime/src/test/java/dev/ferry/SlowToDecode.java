package dev.ferry;

/**
 * A value whose decoding, in a process given {@code -Dferry.test.slowDecodeMarker=FILE}, creates
 * FILE and then takes a minute (see its codec): a receive provably in the middle of a decode. Given
 * also {@code -Dferry.test.slowDecodeValue=N}, only the value N is slow to decode.
 */
public record SlowToDecode(int value) {}
