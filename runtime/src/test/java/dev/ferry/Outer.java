package dev.ferry;

/** Holds a nested user type, whose codec is named {@code Outer_Inner_FerryCodec}. */
final class Outer {
  private Outer() {}

  record Inner(String name) {}
}
