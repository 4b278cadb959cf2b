package dev.ferry;

/** A test type whose codec takes {@code millis} to read a value, as a large argument might. */
public record Sluggish(int millis) {}
