package dev.ferry;

/**
 * A test type that can hold itself, whose codec writes its inner value with {@code Codecs.encode}
 * and reads it with {@code Codecs.decode}, as a hand-written codec that encodes its parts on their
 * own may. Mutable, so that a nest can hold itself (a cycle).
 */
public final class Nest {
  Nest inner;

  public Nest(Nest inner) {
    this.inner = inner;
  }

  /** A nest of {@code levels} levels, the innermost holding null. */
  static Nest deep(int levels) {
    Nest nest = null;
    for (int i = 0; i < levels; i++) {
      nest = new Nest(nest);
    }
    return nest;
  }
}
