package dev.ferry.processor.model;

import java.nio.charset.StandardCharsets;

/**
 * The fingerprint hash: FNV-1a 64 over the UTF-8 bytes of a shape description, then a 64-bit
 * finalizer. Must equal the runtime's {@code dev.ferry.internal.codec.Fingerprints.of}; a test holds them to it
 * (the processor cannot depend on the runtime, which users need not put on the processor path).
 */
public final class Fingerprint {
  private Fingerprint() {}

  public static long of(String shape) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : shape.getBytes(StandardCharsets.UTF_8)) {
      hash ^= (b & 0xFF);
      hash *= 0x100000001b3L;
    }
    hash ^= hash >>> 33;
    hash *= 0xff51afd7ed558ccdL;
    hash ^= hash >>> 33;
    hash *= 0xc4ceb9fe1a85ec53L;
    hash ^= hash >>> 33;
    return hash;
  }
}
