package dev.ferry.processor.roundtrip.lib;

/** A library's class with private fields, a matching constructor and getters. */
public final class Point {
  private final int x;
  private final int y;

  public Point(int x, int y) {
    this.x = x;
    this.y = y;
  }

  public int getX() {
    return x;
  }

  public int getY() {
    return y;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Point p && p.x == x && p.y == y;
  }

  @Override
  public int hashCode() {
    return 31 * x + y;
  }
}
