package dev.ferry.processor.roundtrip.lib;

/** A library's class with an invariant, built only through its factory. */
public final class Temperature {
  private final double kelvin;

  private Temperature(double kelvin) {
    this.kelvin = kelvin;
  }

  public static Temperature ofKelvin(double kelvin) {
    if (!(kelvin >= 0)) {
      throw new IllegalArgumentException(kelvin + " K is below absolute zero");
    }
    return new Temperature(kelvin);
  }

  public double kelvin() {
    return kelvin;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Temperature t && Double.compare(t.kelvin, kelvin) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(kelvin);
  }
}
