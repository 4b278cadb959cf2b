package dev.ferry.processor.checker;

import dev.ferry.processor.validation.FerryAnnotations;

/** How a value crosses to another process at a call site, as its parameter's marker says. */
enum Crossing {
  /** {@code @Sent}: serialized through a connection that already exists. */
  SENT(FerryAnnotations.SENT, "is sent to another process"),
  /** {@code @SpawnArgument}: handed to a new child process when it starts. */
  SPAWNED(FerryAnnotations.SPAWN_ARGUMENT, "is handed to a child process when it starts"),
  /** {@code @SpawnTarget}: names the code a new child process runs. */
  TARGET(FerryAnnotations.SPAWN_TARGET, "names the code a child process runs");

  private final String marker;
  private final String phrase;

  Crossing(String marker, String phrase) {
    this.marker = marker;
    this.phrase = phrase;
  }

  String marker() {
    return marker;
  }

  /** How a message says it, e.g. "is sent to another process". */
  String phrase() {
    return phrase;
  }

  /** Whether {@code @InheritOnly} values may cross this way: only at spawn. */
  boolean allowsInheritOnly() {
    return this == SPAWNED;
  }
}
