package dev.ferry;

/** An enum {@link Order} holds; its older version lacks HUGE. */
public enum Size {
  SMALL,
  LARGE,
  HUGE
}
