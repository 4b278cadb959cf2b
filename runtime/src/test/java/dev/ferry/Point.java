package dev.ferry;

/** A transferable test type: its codec below is what ferry-processor would generate. */
public record Point(int x, int y) {}
