package dev.ferry.benchmarks.model;

/** The size of an {@code Image}, as in jvm-serializers. */
public enum ImageSize {
  SMALL,
  LARGE
}
