package dev.ferry.internal.codec;

import dev.ferry.Codec;

/**
 * Why a codec's {@code INSTANCE} cannot be read: for want of an {@code opens} ({@link
 * #unreachable}), a static initializer that threw ({@link #unusable}), a null field ({@link
 * #nonNull}). The first: a codec in a
 * package of a named module that neither exports nor opens it to Ferry's runtime (the user's
 * {@code module app { requires dev.ferry.runtime; }}). Reflection then refuses the public field
 * of the public class with an {@code IllegalAccessException}, which told the user the codec had no
 * {@code INSTANCE}; the fix is a line in their module-info.
 */
final class CodecInstances {
  private CodecInstances() {}

  /**
   * Why the runtime cannot read {@code codecClass}'s {@code INSTANCE} though it is public, with the
   * line that fixes it, or null if it can.
   */
  static String unreachable(Class<?> codecClass) {
    Module module = codecClass.getModule();
    Module runtime = Codec.class.getModule();
    String pkg = codecClass.getPackageName();
    if (!module.isNamed() || module.isExported(pkg, runtime)) {
      return null;
    }
    String runtimeName = runtime.isNamed() ? runtime.getName() : "dev.ferry.runtime";
    return codecClass.getName() + " is in package " + pkg + " of module " + module.getName()
        + ", which does not open it to " + runtimeName + ", and Ferry reads a codec's INSTANCE"
        + " by reflection: add 'opens " + pkg + " to " + runtimeName + ";' to the module-info.java"
        + " of " + module.getName();
  }

  /**
   * Why the codec {@code codecName} of {@code typeName} cannot be used, where loading it or reading
   * its {@code INSTANCE} threw {@code e}: its static initializer threw (its {@code INSTANCE}'s
   * constructor, a table it loads), the first time as an {@code ExceptionInInitializerError} whose
   * own message is null, which used to reach the send or {@code Codecs.of} bare (or, from a
   * registry, was told as a codec without an {@code INSTANCE} field), and every later time as a
   * {@code NoClassDefFoundError}; or a class it needs is missing.
   */
  static IllegalStateException unusable(String codecName, String typeName, LinkageError e) {
    String why;
    if (e instanceof ExceptionInInitializerError) {
      Throwable thrown = e.getCause() != null ? e.getCause() : e;
      why = "its static initializer (its INSTANCE's constructor, or a static field it sets up)"
          + " threw " + thrown + ": fix what it threw";
    } else if (String.valueOf(e.getMessage()).startsWith("Could not initialize class")) {
      why = "its static initializer threw when it was first used in this JVM (" + e.getMessage()
          + (e.getCause() != null ? ": " + e.getCause().getMessage() : "") + "), and a class whose"
          + " initializer threw stays unusable: fix what it threw then";
    } else {
      why = "a class it needs cannot be loaded (" + e + "): put it on the class path";
    }
    return new IllegalStateException(
        "the codec " + codecName + " of " + typeName + " cannot be used: " + why
            + "; no value of " + typeName + " can be written or read without it", e);
  }

  /**
   * Refuses the {@code INSTANCE} {@code codec} read from {@code codecName} if it is null: read while
   * the codec's class was still being initialized (a cycle of static initializers) or never set,
   * it used to be returned by {@code Codecs.of} and fail a send with a {@code NullPointerException}.
   */
  static Codec<?> nonNull(Codec<?> codec, String codecName, String typeName) {
    if (codec == null) {
      throw new IllegalStateException("the codec " + codecName + " of " + typeName + " cannot be"
          + " used: its INSTANCE is null, read while its class was still being initialized (a"
          + " static initializer that, through others, reads INSTANCE before it is set) or never"
          + " set: set INSTANCE first, to a new instance of the codec");
    }
    return codec;
  }
}
