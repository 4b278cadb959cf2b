package dev.ferry;

/**
 * A small value whose decoding, in a process given {@code -Dferry.test.outOfHeapOnce=V}, runs out
 * of heap the first time it decodes the value V (see its codec): a receive whose message is held
 * back for the next one.
 */
public record OutOfHeapOnce(int value) {}
