package dev.ferry;

/** A generic user type: its member's static type is a type variable. */
public record Box<T>(T value) {}
