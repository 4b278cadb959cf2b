package dev.ferry.hazelcast;

/** A node that can hold itself, whose hand-written codec does not count depth ({@link LinkCodec}). */
public final class Link {
  Link next;

  Link(Link next) {
    this.next = next;
  }
}
