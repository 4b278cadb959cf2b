package dev.ferry.processor.codegen;

import java.util.HashSet;
import java.util.Set;

/**
 * Hands out local variable names within one generated method: the hint itself the first time,
 * then {@code hint2}, {@code hint3}. The codec's own parameters are reserved, so a member named
 * {@code out} or {@code value} cannot shadow them. Hints are Java identifiers already (member
 * names, or the generator's own words).
 */
final class LocalNames {
  private final Set<String> used = new HashSet<>(Set.of("out", "in", "value", "result", "at"));

  String newName(String hint) {
    if (used.add(hint)) {
      return hint;
    }
    for (int i = 2; ; i++) {
      String candidate = hint + i;
      if (used.add(candidate)) {
        return candidate;
      }
    }
  }
}
