package dev.ferry.internal.process;

import java.nio.charset.StandardCharsets;

/**
 * Whether this JVM runs with {@code --enable-preview}, which a child then needs too: a class
 * compiled with {@code javac --enable-preview} that uses a preview feature (JDK 25's {@code
 * StructuredTaskScope}) is marked so, and a JVM without the flag refuses to load it. A child of
 * such a program failed at its first such class, the target's own, with {@code
 * UnsupportedClassVersionError: Preview features are not enabled for ... Try running with
 * '--enable-preview'}, which the program had been. No API tells whether the flag is in effect (it
 * sets no property), so this defines an empty class marked as using preview features (minor
 * version {@code 0xFFFF} of this JVM's own class file version), which the JVM loads only when they
 * are enabled. Computed once, at the first launch.
 *
 * <p>The class is defined by a class loader of its own, whose {@code defineClass} the JVM parses
 * natively in well under a millisecond; a hidden class ({@code Lookup.defineHiddenClass}) took 7 to
 * 25 ms on JDK 25, which reads its bytes in Java first, and {@code Runtime.version()} loads the
 * regular expressions: both were on the first spawn's path.
 */
final class PreviewFeatures {
  private PreviewFeatures() {}

  private static final class Holder {
    static final boolean ENABLED = probe();
  }

  /** Whether this JVM runs with preview features enabled. */
  static boolean enabledHere() {
    return Holder.ENABLED;
  }

  private static boolean probe() {
    try {
      new ProbeLoader().define(emptyPreviewClass());
      return true;
    } catch (UnsupportedClassVersionError notEnabled) {
      return false;
    } catch (RuntimeException | LinkageError unexpected) {
      // A JVM that refuses the probe otherwise must still spawn: a child without the flag fails
      // only if it loads a class using a preview feature, as it did before this probe.
      return false;
    }
  }

  /** A loader for the probe alone, so that its class is never seen by anyone else. */
  private static final class ProbeLoader extends ClassLoader {
    ProbeLoader() {
      super(null);
    }

    void define(byte[] bytes) {
      defineClass(null, bytes, 0, bytes.length);
    }
  }

  /**
   * {@code final class FerryPreviewProbe}, with no members, in this JVM's class file version with
   * preview features: what javac writes for a class using one.
   */
  private static byte[] emptyPreviewClass() {
    byte[] name = "FerryPreviewProbe".getBytes(StandardCharsets.US_ASCII);
    byte[] object = "java/lang/Object".getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[10 + 3 + 3 + name.length + 3 + 3 + object.length + 14];
    int at = 0;
    at = u4(out, at, 0xCAFEBABE);
    at = u2(out, at, 0xFFFF); // minor version: depends on preview features
    at = u2(out, at, classFileVersion()); // this JVM's major version (JDK 17: 61)
    at = u2(out, at, 5); // constant pool: four entries, from 1
    out[at++] = 7; // #1 Class #2
    at = u2(out, at, 2);
    out[at++] = 1; // #2 Utf8
    at = u2(out, at, name.length);
    System.arraycopy(name, 0, out, at, name.length);
    at += name.length;
    out[at++] = 7; // #3 Class #4
    at = u2(out, at, 4);
    out[at++] = 1; // #4 Utf8
    at = u2(out, at, object.length);
    System.arraycopy(object, 0, out, at, object.length);
    at += object.length;
    at = u2(out, at, 0x1030); // ACC_SYNTHETIC | ACC_SUPER | ACC_FINAL
    at = u2(out, at, 1); // this class
    at = u2(out, at, 3); // its superclass
    at = u2(out, at, 0); // interfaces
    at = u2(out, at, 0); // fields
    at = u2(out, at, 0); // methods
    u2(out, at, 0); // attributes
    return out;
  }

  /** This JVM's class file major version, from {@code java.class.version} ("61.0" on JDK 17). */
  private static int classFileVersion() {
    String version = System.getProperty("java.class.version", "61.0");
    int dot = version.indexOf('.');
    return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
  }

  private static int u2(byte[] out, int at, int value) {
    out[at] = (byte) (value >>> 8);
    out[at + 1] = (byte) value;
    return at + 2;
  }

  private static int u4(byte[] out, int at, int value) {
    return u2(out, u2(out, at, value >>> 16), value & 0xFFFF);
  }
}
