package dev.ferry.processor.roundtrip.lib;

/** An enum with the simple name of the round-trip package's {@code Shade}, for a record of both. */
public enum Shade {
  CYAN,
  MAGENTA,
  YELLOW,
  BLACK
}
