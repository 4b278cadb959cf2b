package dev.ferry.processor.roundtrip;

/** A top-level enum whose simple name {@code lib.Shade} shares (see {@code Fixtures.Palette}). */
enum Shade {
  LIGHT,
  DARK
}
