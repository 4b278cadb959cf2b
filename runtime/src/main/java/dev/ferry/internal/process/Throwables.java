package dev.ferry.internal.process;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Reads a throwable that may misbehave, for the failure reports of children and pool workers: a
 * user's exception can override {@code getMessage}, {@code toString}, {@code getCause} or {@code
 * getStackTrace} with code that throws, and its causes can form a cycle. Nothing here throws.
 */
public final class Throwables {
  private Throwables() {}

  /** {@code t.getMessage()} (null if it has none), or what it threw. */
  public static String message(Throwable t) {
    try {
      return t.getMessage();
    } catch (Throwable e) {
      return "(its getMessage() threw " + e.getClass().getName() + ")";
    }
  }

  /** {@code t.toString()}, or its class name and what its {@code toString} threw. */
  public static String describe(Throwable t) {
    try {
      return String.valueOf(t);
    } catch (Throwable e) {
      return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
    }
  }

  /** {@code t.getCause()}, or null if it threw. */
  public static Throwable cause(Throwable t) {
    try {
      return t.getCause();
    } catch (Throwable e) {
      return null;
    }
  }

  /** {@code t.getStackTrace()}, or no frames if it threw. */
  public static StackTraceElement[] frames(Throwable t) {
    try {
      StackTraceElement[] frames = t.getStackTrace();
      return frames == null ? new StackTraceElement[0] : frames;
    } catch (Throwable e) {
      return new StackTraceElement[0];
    }
  }

  /** A set in which each throwable counts once, by identity, for walking a chain that may cycle. */
  public static Set<Throwable> seen() {
    return Collections.newSetFromMap(new IdentityHashMap<>());
  }

  /**
   * Whether {@code error} or one of its causes is of {@code type}; each throwable is looked at
   * once, so a chain whose causes form a cycle ends.
   */
  static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    Set<Throwable> seen = seen();
    for (Throwable t = error; t != null && seen.add(t); t = cause(t)) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
