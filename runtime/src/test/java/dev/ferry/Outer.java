package dev.ferry;

/** Holds a nested user type, whose codec is named {@code Outer_Inner_FerryCodec}. */
public final class Outer {
  private Outer() {}

  public record Inner(String name) {}
}
