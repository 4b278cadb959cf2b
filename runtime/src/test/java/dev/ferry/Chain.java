package dev.ferry;

/**
 * A test type whose codec reads a chain of links recursively, one frame a link, as a hand-written
 * codec of a linked structure may: a long chain overflows the reading thread's stack.
 */
public record Chain(int links) {}
