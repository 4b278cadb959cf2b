package dev.ferry.internal.codec;

import dev.ferry.Codec;

/**
 * Where a codec's {@code INSTANCE} cannot be read for want of an {@code opens}: a codec in a
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
}
