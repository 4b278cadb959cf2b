package dev.ferry.internal.codec;

import dev.ferry.Codec;
import dev.ferry.Codecs;
import java.util.HashSet;
import java.util.Set;

/**
 * The wording Kafka's and Hazelcast's serializers give a {@code StackOverflowError} out of a codec
 * they called: the code that overflowed, found on the error's stack, and the fix that fits it.
 * Codecs Ferry generates (and {@code DynamicCodec}) count the depth of what they read and write
 * and refuse more than 512 levels, so an overflow under them is the value's own code recursing (a
 * constructor or compact constructor that builds another value of its type, an accessor that calls
 * itself); only a hand-written codec of a type that holds itself, counting no depth, overflows by
 * nesting, and its fix is {@code enter} and {@code exit}. On the error path only: the frames are
 * looked at, and classes loaded by name, after the stack has unwound.
 */
public final class StackOverflows {
  private StackOverflows() {}

  /**
   * What happened, from "overflowed the stack": {@code reading} says whether the codec was
   * reading; {@code loader} loads the classes on the stack (the codec's, or the value type's).
   */
  public static String explain(StackOverflowError e, ClassLoader loader, boolean reading) {
    StackTraceElement own = firstFrameOutsideFerry(e);
    if (own == null || hasHandWrittenCodec(e, loader)) {
      return reading
          ? "overflowed the stack (java.lang.StackOverflowError) reading values nested in each"
              + " other; a hand-written codec of a type that holds itself calls ByteInput.enter()"
              + " and exit() around each value it reads, which refuse bytes nested deeper than 512"
              + " levels"
          : "overflowed the stack (java.lang.StackOverflowError), so it holds itself (a cycle) or"
              + " nests deeper than the stack holds; a hand-written codec of a type that holds"
              + " itself calls ByteOutput.enter(name) and exit() around each value it writes,"
              + " which refuse a value nested deeper than 512 levels";
    }
    return "overflowed the stack (java.lang.StackOverflowError) in " + describe(own) + ", which it"
        + " called " + (reading ? "to build a value it read" : "to get a value it writes") + ":"
        + " Ferry's codecs count the depth of the values they " + (reading ? "read" : "write")
        + " and stop at 512 levels, so that code calls itself without end ("
        + (reading ? "a constructor that builds another value of its type" : "an accessor that"
            + " calls itself") + ", say). Fix it so that it returns";
  }

  /** The innermost frame of neither the JDK nor Ferry's runtime nor a generated codec, or null. */
  private static StackTraceElement firstFrameOutsideFerry(StackOverflowError e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (!isFerryOrJdk(frame.getClassName())) {
        return frame;
      }
    }
    return null;
  }

  private static boolean isFerryOrJdk(String className) {
    return className.startsWith("java.")
        || className.startsWith("jdk.")
        || className.startsWith("sun.")
        || className.startsWith("dev.ferry.internal.")
        || className.startsWith(Codecs.class.getPackageName() + ".Byte")
        || className.startsWith(Codecs.class.getName())
        || className.endsWith(Codecs.CODEC_SUFFIX);
  }

  /**
   * Whether a hand-written codec is among the frames the error kept (its innermost 1,024 or so):
   * one that recurses over nested values is on every level, while one that called a constructor
   * that recursed is far below them. The innermost frame alone may be an accessor the codec calls.
   */
  private static boolean hasHandWrittenCodec(StackOverflowError e, ClassLoader loader) {
    Set<String> seen = new HashSet<>();
    for (StackTraceElement frame : e.getStackTrace()) {
      String name = frame.getClassName();
      if (!isFerryOrJdk(name) && seen.add(name) && isCodec(name, loader)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isCodec(String className, ClassLoader loader) {
    try {
      return Codec.class.isAssignableFrom(Class.forName(className, false, loader));
    } catch (ClassNotFoundException | LinkageError notOneOfOurs) {
      return false;
    }
  }

  /** {@code the constructor of com.acme.Spiral}, or {@code com.acme.Spiral.turn}. */
  private static String describe(StackTraceElement frame) {
    String method = frame.getMethodName();
    return method.equals("<init>")
        ? "the constructor of " + frame.getClassName()
        : frame.getClassName() + "." + method;
  }
}
