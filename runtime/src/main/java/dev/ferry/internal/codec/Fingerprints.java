package dev.ferry.internal.codec;

import java.nio.charset.StandardCharsets;
/**
 * The 64-bit hash behind every codec's fingerprint: FNV-1a over the UTF-8 bytes of a shape
 * description, then a 64-bit finalizer so that similar descriptions spread over all bits.
 *
 * <p>The processor computes the same function at compile time ({@code
 * dev.ferry.processor.model.Fingerprint}); the two must stay identical, and a test holds them to it.
 */
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * {@code fingerprint} mixed with {@code others}, in order: a generated codec's fingerprint with
   * those of the hand-written codecs that write parts of its values, whose formats are their
   * authors' to change (with their fingerprints), unseen by the shape the processor hashed.
   */
  public static long mix(long fingerprint, long... others) {
    long hash = fingerprint;
    for (long other : others) {
      hash = finish((hash ^ other) * 0x100000001b3L);
    }
    return hash;
  }

  public static long of(String shape) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : shape.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xFF);
      hash *= 0x100000001b3L;
    }
    return finish(hash);
  }

  /** A 64-bit finalizer, so that similar inputs spread over all bits. */
  private static long finish(long hash) {
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }
}
