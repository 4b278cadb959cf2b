package dev.ferry;

/**
 * A transferable test type in two versions: this one, and an older one that {@link
 * SchemaMismatchTest} compiles into a folder of its own (no quantity, a {@link Size} without HUGE).
 */
public record Order(long id, String item, int quantity, Size size) {}
