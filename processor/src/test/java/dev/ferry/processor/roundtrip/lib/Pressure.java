package dev.ferry.processor.roundtrip.lib;

/** A library's class whose factory refuses values, as {@link Temperature}'s does. */
public final class Pressure {
  private final double pascals;

  private Pressure(double pascals) {
    this.pascals = pascals;
  }

  public static Pressure ofPascals(double pascals) {
    if (!(pascals >= 0)) {
      throw new IllegalArgumentException(pascals + " Pa is below vacuum");
    }
    return new Pressure(pascals);
  }

  public double pascals() {
    return pascals;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pressure p && Double.compare(p.pascals, pascals) == 0;
  }

  @Override
  public int hashCode() {
    return Double.hashCode(pascals);
  }
}
