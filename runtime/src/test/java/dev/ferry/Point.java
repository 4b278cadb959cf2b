package dev.ferry;

/** A user type with a hand-written codec standing in for a generated one. */
record Point(int x, int y) {}
