package dev.ferry;

import java.math.BigInteger;

/**
 * A type with a codec of its own that is also a {@code BigInteger}, whose subclasses the dynamic
 * codec otherwise writes as a {@code BigInteger}: its unit is state of its own.
 */
public final class Grams extends BigInteger {
  final String unit;

  public Grams(String value, String unit) {
    super(value);
    this.unit = unit;
  }

  public String unit() {
    return unit;
  }
}
