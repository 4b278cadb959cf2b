package dev.ferry;

/** An enum one of whose constants has a body, so its class is an anonymous subclass. */
public enum Suit {
  CLUBS,
  DIAMONDS,
  HEARTS {
    @Override
    boolean red() {
      return true;
    }
  },
  SPADES;

  boolean red() {
    return this == DIAMONDS;
  }
}
