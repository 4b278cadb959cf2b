package dev.ferry.processor.roundtrip.lib;

/** A generic superclass whose subclass fixes its type argument ({@code Tagged}). */
public class Labelled<T> {
  private final T label;

  protected Labelled(T label) {
    this.label = label;
  }

  public T label() {
    return label;
  }
}
