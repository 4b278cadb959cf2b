package dev.ferry;

/** A test type whose codec's static initializer throws, as one that loads a table it lacks. */
public record Fragile(int x) {}
