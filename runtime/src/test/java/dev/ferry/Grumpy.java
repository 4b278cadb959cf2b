package dev.ferry;

/**
 * A test type whose codec writes fine but refuses to read, as a codec of a changed class might;
 * and refuses to write a mood of {@code Integer.MIN_VALUE}.
 */
public record Grumpy(int mood) {}
