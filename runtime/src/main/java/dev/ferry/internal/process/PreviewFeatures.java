package dev.ferry.internal.process;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;

/**
 * Whether this JVM runs with {@code --enable-preview}, which a child then needs too: a class
 * compiled with {@code javac --enable-preview} that uses a preview feature (JDK 25's {@code
 * StructuredTaskScope}) is marked so, and a JVM without the flag refuses to load it. A child of
 * such a program failed at its first such class, the target's own, with {@code
 * UnsupportedClassVersionError: Preview features are not enabled for ... Try running with
 * '--enable-preview'}, which the program had been. No API tells whether the flag is in effect (it
 * sets no property), so this defines a hidden class from an empty class file marked as using
 * preview features (minor version {@code 0xFFFF} of this JVM's own class file version), which
 * the JVM loads only when they are enabled. Computed once, at the first launch.
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
      MethodHandles.lookup().defineHiddenClass(emptyPreviewClass(), false);
      return true;
    } catch (UnsupportedClassVersionError notEnabled) {
      return false;
    } catch (IllegalAccessException | RuntimeException | LinkageError unexpected) {
      // A JVM that refuses the probe otherwise must still spawn: a child without the flag fails
      // only if it loads a class using a preview feature, as it did before this probe.
      return false;
    }
  }

  /**
   * {@code final class dev.ferry.internal.process.PreviewProbe}, with no members, in this JVM's
   * class file version with preview features: what javac 25 writes for a class using one.
   */
  private static byte[] emptyPreviewClass() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(0xCAFEBABE);
      out.writeShort(0xFFFF); // minor version: depends on preview features
      out.writeShort(Runtime.version().feature() + 44); // this JVM's major version (JDK 17: 61)
      out.writeShort(5); // constant pool: four entries, from 1
      out.writeByte(7); // #1 Class #2
      out.writeShort(2);
      out.writeByte(1); // #2 Utf8
      out.writeUTF(PreviewFeatures.class.getPackageName().replace('.', '/') + "/PreviewProbe");
      out.writeByte(7); // #3 Class #4
      out.writeShort(4);
      out.writeByte(1); // #4 Utf8
      out.writeUTF("java/lang/Object");
      out.writeShort(0x1030); // ACC_SYNTHETIC | ACC_SUPER | ACC_FINAL
      out.writeShort(1); // this class
      out.writeShort(3); // its superclass
      out.writeShort(0); // interfaces
      out.writeShort(0); // fields
      out.writeShort(0); // methods
      out.writeShort(0); // attributes
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a byte array's stream does not fail
    }
    return bytes.toByteArray();
  }
}
