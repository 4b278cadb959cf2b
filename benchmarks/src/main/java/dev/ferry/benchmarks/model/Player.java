package dev.ferry.benchmarks.model;

/** The player of a {@code Media}, as in jvm-serializers. */
public enum Player {
  JAVA,
  FLASH
}
