package dev.ferry.benchmarks.channels;

/** Which side of the book a {@link Tick} is on. */
public enum Side {
  BUY,
  SELL
}
