package dev.ferry;

/**
 * A test type whose codec reads fewer bytes than it writes, as a hand-written codec whose read
 * falls behind its write does.
 */
public record Stingy(int reading) {}
