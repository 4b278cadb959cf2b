package dev.ferry;

/** A test type whose codec writes fine but refuses to read, as a codec of a changed class might. */
public record Grumpy(int mood) {}
