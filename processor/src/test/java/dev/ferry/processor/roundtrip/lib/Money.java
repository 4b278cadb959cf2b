package dev.ferry.processor.roundtrip.lib;

/** A library's value class, which its users cannot annotate. */
public record Money(long cents, String currency) {}
