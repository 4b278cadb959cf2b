package dev.ferry.internal.codec;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class FingerprintsTest {

  @Test
  void of_isPinned() {
    // Wire format: the processor must compute the same values at compile time. They were computed
    // with an independent implementation of FNV-1a 64 followed by the murmur3 fmix64 finalizer.
    assertEquals(0xefd01f60ba992926L, Fingerprints.of(""));
    assertEquals(0xaeb0e4f5af9c99b8L, Fingerprints.of("dynamic"));
    assertEquals(0x371d2405766b6833L, Fingerprints.of("é€😀"));
  }

  @Test
  void of_separatesSimilarShapes() {
    assertNotEquals(Fingerprints.of("a.B(x:int)"), Fingerprints.of("a.B(x:long)"));
    assertNotEquals(Fingerprints.of("ab"), Fingerprints.of("ba"));
  }
}
