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
  /**
   * How many characters of an exception's message cross to another process, in a child's failure
   * report and in a pool task's failure: at most 3 bytes each in UTF-8.
   */
  public static final int MAX_MESSAGE_CHARS = 64 << 10;

  private Throwables() {}

  /**
   * {@code text}'s first {@code maxChars} characters and how many more there were; null stays. A
   * surrogate pair the cut would split goes with the rest (see {@link #keptOf}).
   */
  public static String cut(String text, int maxChars) {
    if (text == null || text.length() <= maxChars) {
      return text;
    }
    int kept = keptOf(text, maxChars);
    return text.substring(0, kept) + "... (" + (text.length() - kept) + " more characters)";
  }

  /**
   * How many of {@code text}'s first {@code maxChars} characters a cut there keeps: one fewer when
   * the last is the first half of a surrogate pair, which alone is no character (an emoji at the
   * cut left its high surrogate, which an encoder writes as '?').
   */
  static int keptOf(CharSequence text, int maxChars) {
    return maxChars > 0 && Character.isHighSurrogate(text.charAt(maxChars - 1))
        ? maxChars - 1
        : maxChars;
  }

  /**
   * {@code t.getMessage()} (null if it has none), or what it threw. An {@code
   * ExceptionInInitializerError}, which has none, is given one: which class's static initializer
   * threw what (its report would otherwise say nothing above the trace).
   */
  public static String message(Throwable t) {
    try {
      String message = t.getMessage();
      return message == null && t instanceof ExceptionInInitializerError
          ? initializerFailure(t)
          : message;
    } catch (Throwable e) {
      return "(its getMessage() threw " + e.getClass().getName() + ")";
    }
  }

  /** {@code t.toString()}, or its class name and what its {@code toString} threw. */
  public static String describe(Throwable t) {
    try {
      if (t instanceof ExceptionInInitializerError && t.getMessage() == null) {
        return t.getClass().getName() + ": " + initializerFailure(t);
      }
      return String.valueOf(t);
    } catch (Throwable e) {
      return t.getClass().getName() + " (its toString() threw " + e.getClass().getName() + ")";
    }
  }

  /**
   * {@code the static initializer of Config threw java.lang.IllegalStateException: no file}: the
   * class is the one whose {@code <clinit>} frame is nearest the throw (an initializer that
   * touches another class that fails passes that class's error on as it is).
   */
  private static String initializerFailure(Throwable error) {
    Throwable cause = cause(error);
    if (cause == null) {
      return "a static initializer failed";
    }
    String what;
    try {
      what = "threw " + cause; // not describe: a cause that is itself such an error could cycle
    } catch (Throwable e) {
      what = "threw " + cause.getClass().getName();
    }
    for (StackTraceElement frame : frames(cause)) {
      if ("<clinit>".equals(frame.getMethodName())) {
        return "the static initializer of " + frame.getClassName() + " " + what;
      }
    }
    return "a static initializer " + what;
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
