package dev.ferry.hazelcast;

/**
 * A temperature whose factory checks its invariant and whose constructor does not, so that a test
 * can write a value its hand-written codec's read refuses.
 */
public record Kelvin(double degrees) {
  static Kelvin of(double degrees) {
    if (degrees < 0) {
      throw new IllegalArgumentException("below absolute zero: " + degrees + " K");
    }
    return new Kelvin(degrees);
  }
}
