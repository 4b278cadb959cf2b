package dev.ferry.kafka;

/** A temperature of another scale, written as Kelvin is: a double. */
public record Rankine(double degrees) {}
