package dev.ferry.sample.billing;

/**
 * Stands for a library class with an invariant and private state, built only by its factory: a
 * generated codec could not rebuild it, so {@link dev.ferry.sample.TemperatureCodec} is written by
 * hand.
 */
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

  @Override
  public String toString() {
    return kelvin + " K";
  }
}
