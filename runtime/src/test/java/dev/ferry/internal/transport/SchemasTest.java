package dev.ferry.internal.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Point;
import org.junit.jupiter.api.Test;

/**
 * What a schema mismatch says, given the writer's description as a connection announced it and
 * this process's {@link Point} (record Point(int x, int y)); SchemaMismatchTest runs two real
 * versions of a class in two processes.
 */
class SchemasTest {
  private static String told(String writers) {
    return Schemas.mismatch(Point.class, 1, 2, writers).getMessage();
  }

  @Test
  void describe_listsRecordComponentsAndTheClassesHeld() {
    assertEquals("record dev.ferry.Point\tint x\tint y", Schemas.describe(Point.class));
  }

  /**
   * A type whose codec is hand-written (the test registry lists RegistryFixtures' MoneyCodec) is
   * described by that codec and its fingerprint, so that a mismatch from a codec whose format
   * changed, the type's members unchanged, says so.
   */
  @Test
  void aHandWrittenCodecOfAnotherFingerprint_isToldWithBoth() throws Exception {
    Class<?> money = Class.forName("dev.ferry.internal.codec.RegistryFixtures$Money");
    String ours = Schemas.describe(money);
    String codec = "dev.ferry.internal.codec.RegistryFixtures$MoneyCodec";
    long fingerprint = dev.ferry.internal.codec.OwnCodecs.of(money).fingerprint();
    String field = String.format("codec %s (fingerprint %016x)", codec, fingerprint);
    assertEquals("record dev.ferry.internal.codec.RegistryFixtures$Money\t" + field
        + "\tlong cents\tString currency", ours);
    String writers = ours.replace(String.format("%016x", fingerprint), "0000000000000007");
    String told = Schemas.mismatch(money, 1, 2, writers).getMessage();
    assertTrue(told.contains(": the hand-written codec of RegistryFixtures$Money is " + codec
        + " (fingerprint 0000000000000007) in the writer's, " + codec + String.format(
            " (fingerprint %016x) in this process's. The writer's version: record", fingerprint)),
        told);
  }

  @Test
  void aRetypedMember_isToldWithBothTypes() {
    assertTrue(told("record dev.ferry.Point\tlong x\tint y").contains(
        ": Point.x is long in the writer's, int in this process's. The writer's version: record"
            + " dev.ferry.Point(long x, int y); this process's: record dev.ferry.Point(int x,"
            + " int y); rebuild"), told("record dev.ferry.Point\tlong x\tint y"));
  }

  @Test
  void aRenamedMember_isOneAddedAndOneMissing() {
    assertTrue(told("record dev.ferry.Point\tint x\tint z").contains(
        ": the writer's Point has int z, which this process's lacks; this process's Point has"
            + " int y, which the writer's lacks."));
  }

  @Test
  void theSameMembersInAnotherOrder_areToldSo() {
    assertTrue(told("record dev.ferry.Point\tint y\tint x").contains(
        ": Point's members are in another order."));
  }

  @Test
  void anotherKindOfClass_orAClassHeldOnOneSide_isToldSo() {
    assertTrue(told("class dev.ferry.Point\tint x\tint y").contains(
        ": the writer's dev.ferry.Point is a class, this process's a record."));
    assertTrue(told("record dev.ferry.Point\tint x\tint y\tapp.Extra e\nrecord app.Extra\tint a")
        .contains(": the writer's Point has app.Extra e, which this process's lacks; the writer's"
            + " holds record app.Extra, which this process's does not."));
  }

  @Test
  void aForgedDescription_isOnlyPrinted_andCutShort() {
    for (String forged :
        new String[] {"dev.ferry.Point", "\n\n\t\t", "\t", " ", "x y z\tq", "a".repeat(100_000)}) {
      String told = told(forged);
      assertTrue(told.startsWith("schema mismatch for dev.ferry.Point: "), told);
      assertTrue(told.length() < 4 * Schemas.MAX_CHARS, told.length() + "");
    }
  }

  @Test
  void bytesWithNoDescription_tellThisProcesssVersionAlone() {
    assertTrue(told(null).endsWith(". This process's version: record dev.ferry.Point(int x, int y)"
        + " (the bytes do not describe the writer's); rebuild writer and reader from the same"
        + " source"), told(null));
  }
}
