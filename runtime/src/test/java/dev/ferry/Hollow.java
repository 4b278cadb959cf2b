package dev.ferry;

/** A test type whose hand-written codec's INSTANCE is null. */
public record Hollow(int x) {}
