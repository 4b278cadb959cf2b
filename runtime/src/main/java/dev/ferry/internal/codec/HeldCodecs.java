package dev.ferry.internal.codec;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * What a generated codec's {@code fingerprint()} adds for the generated codecs of other
 * compilations it calls, at any depth. A codec's {@code FINGERPRINT} is its shape as its
 * compilation saw the types it holds; a jar rebuilt from another version of one of them (a record
 * that gained a component) brings that type's codec along, and the codec holding it then writes or
 * reads the new bytes under the old {@code FINGERPRINT}. A process with the old jar and one with
 * the new agreed on the fingerprint and read each other's bytes as garbage (a string's first byte
 * taken for the new component), or failed at some later member. So once per codec class, each such
 * codec's {@code FINGERPRINT} on this class path is compared with the one the processor computed
 * for its type, and those that differ are mixed in: processes that run the same codecs still
 * agree (and read each other), and one that runs another version of a held codec refuses the
 * bytes as a schema mismatch. A class path that holds the jars compiled against keeps the
 * {@code FINGERPRINT}, so no bytes written before change.
 *
 * <p>The constant is read from the held codec's class file, not through the class: reading a
 * static field initializes its class, and a codec whose initializer throws (an enum it holds fails
 * to initialize in this process) would then fail here, in the holder's initializer, rather than
 * where the holder calls it, which names the class that threw and why.
 */
public final class HeldCodecs {
  /**
   * For each codec class that mixed in held codecs that changed, what changed, for a schema
   * mismatch to name ({@link #changedUnder}); weakly, so that a class loader is not kept. Rare:
   * only a class path that holds other versions of the jars a codec was compiled against.
   */
  private static final Map<Class<?>, String> CHANGED =
      Collections.synchronizedMap(new WeakHashMap<>());

  private HeldCodecs() {}

  /**
   * {@code fingerprint} mixed with the {@code FINGERPRINT} of each codec in {@code held} whose
   * value on this class path is not the one given beside its name.
   *
   * @param fingerprint the calling codec's fingerprint, its hand-written codecs' mixed in
   * @param lookup the calling codec's, so that codecs are found as the codec itself finds them
   * @param held entries {@code "binary.Name_FerryCodec hexFingerprint"} joined by commas, in one
   *     or more strings
   * @return {@code fingerprint}, or it mixed with the held codecs' that changed
   */
  public static long mixChanged(long fingerprint, MethodHandles.Lookup lookup, String... held) {
    long mixed = fingerprint;
    List<String> changed = new ArrayList<>();
    for (String part : held) {
      for (String entry : part.split(",")) {
        int space = entry.indexOf(' ');
        String codec = entry.substring(0, space);
        long expected = Long.parseUnsignedLong(entry.substring(space + 1), 16);
        Long actual = fingerprintOf(lookup, codec);
        if (actual != null && actual != expected) {
          mixed = Fingerprints.mix(mixed, actual);
          changed.add(String.format("%s (fingerprint %016x here, %016x when compiled)",
              codec, actual, expected));
        }
      }
    }
    if (!changed.isEmpty()) {
      CHANGED.put(lookup.lookupClass(), String.join(", ", changed));
    }
    return mixed;
  }

  /**
   * The codecs of other compilations that {@code codecClass} calls and that this class path holds
   * in another version than the one it was compiled against, each with both fingerprints; null if
   * none did (or the class holds none).
   */
  public static String changedUnder(Class<?> codecClass) {
    return CHANGED.get(codecClass);
  }

  /**
   * The {@code FINGERPRINT} of the codec named {@code codec}, or null if it cannot be had: a codec
   * that is missing or fails to load is reported, naming it, where the codec holding it calls it.
   */
  private static Long fingerprintOf(MethodHandles.Lookup lookup, String codec) {
    Class<?> codecClass;
    try {
      codecClass = lookup.findClass(codec); // loaded, not initialized
    } catch (ReflectiveOperationException | LinkageError unavailable) {
      return null;
    }
    try (InputStream in = codecClass.getResourceAsStream(codecClass.getSimpleName() + ".class")) {
      return in == null ? null : ClassFiles.longConstant(new DataInputStream(in), "FINGERPRINT");
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
