package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A codec class that cannot give its INSTANCE: its static initializer throws ({@link Fragile}),
 * or the field is null ({@link Hollow}). Only this class uses those types: a class whose
 * initializer threw stays so for the rest of the JVM.
 */
@Timeout(60)
public class BrokenCodecClassTest {
  private static final String FRAGILE = "the codec dev.ferry.Fragile_FerryCodec of dev.ferry.Fragile"
      + " cannot be used: ";
  private static final String FRAGILE_FIRST = FRAGILE + "its static initializer (its INSTANCE's"
      + " constructor, or a static field it sets up) threw java.lang.IllegalStateException: no"
      + " fragile-table.txt beside dev.ferry.Fragile: fix what it threw; no value of"
      + " dev.ferry.Fragile can be written or read without it";

  /**
   * A child sends a Fragile, and fails saying which codec's initializer threw what; before, its
   * failure was a bare java.lang.ExceptionInInitializerError with an empty message. In this
   * process, the first lookup says the same, and a later one, whose JVM no longer runs the
   * initializer, says that it threw before (it was a bare NoClassDefFoundError: 'Could not
   * initialize class dev.ferry.Fragile_FerryCodec').
   */
  @Test
  void aCodecWhoseStaticInitializerThrows_isNamedWithWhatItThrew() throws Exception {
    try (Channel<Object> channel = Channel.create()) {
      Child child = Children.fast("fragile").keepSpare(false)
          .spawn(BrokenCodecClassTest::sendFragile, channel);
      assertEquals(1, child.join());
      ChildFailure failure = child.failure().orElseThrow();
      assertEquals("java.lang.IllegalStateException", failure.exceptionType());
      assertEquals(FRAGILE_FIRST, failure.message());
    }
    IllegalStateException first =
        assertThrows(IllegalStateException.class, () -> Codecs.of(Fragile.class));
    assertEquals(FRAGILE_FIRST, first.getMessage());
    IllegalStateException again =
        assertThrows(IllegalStateException.class, () -> Codecs.encode(new Fragile(1)));
    assertTrue(again.getMessage().startsWith(FRAGILE + "its static initializer threw when it was"
        + " first used in this JVM (Could not initialize class dev.ferry.Fragile_FerryCodec"),
        again.getMessage());
    assertTrue(again.getMessage().endsWith("), and a class whose initializer threw stays"
        + " unusable: fix what it threw then; no value of dev.ferry.Fragile can be written or read"
        + " without it"), again.getMessage());
  }

  private static void sendFragile(Channel<Object> channel) throws Exception {
    channel.send(new Fragile(7));
  }

  /**
   * A codec class whose INSTANCE is null is refused saying so; before, Codecs.of returned null and
   * a send threw 'NullPointerException: Cannot invoke "dev.ferry.Codec.fingerprint()" because
   * "codec" is null'. In a child as here.
   */
  @Test
  void aCodecWhoseInstanceIsNull_isRefusedSayingSo() throws Exception {
    String told = "the codec dev.ferry.Hollow_FerryCodec of dev.ferry.Hollow cannot be used: its"
        + " INSTANCE is null, read while its class was still being initialized (a static"
        + " initializer that, through others, reads INSTANCE before it is set) or never set: set"
        + " INSTANCE first, to a new instance of the codec";
    try (Channel<Object> channel = Channel.create()) {
      Child child = Children.fast("hollow").keepSpare(false)
          .spawn(BrokenCodecClassTest::sendHollow, channel);
      assertEquals(1, child.join());
      assertEquals(told, child.failure().orElseThrow().message());
    }
    assertEquals(told,
        assertThrows(IllegalStateException.class, () -> Codecs.of(Hollow.class)).getMessage());
  }

  private static void sendHollow(Channel<Object> channel) throws Exception {
    channel.send(new Hollow(7));
  }

  /** A plain value class with a hand-written codec (CodecRegistryTest lists it). */
  public static final class Brittle {
    final int x;

    Brittle(int x) {
      this.x = x;
    }
  }

  /** A hand-written codec whose constructor throws, so its class cannot be initialized. */
  public static final class BrittleCodec implements Codec<Brittle> {
    public static final BrittleCodec INSTANCE = new BrittleCodec();

    private BrittleCodec() {
      throw new IllegalStateException("no brittle.conf");
    }

    @Override
    public void write(ByteOutput out, Brittle value) {
      out.writeSignedVarInt(value.x);
    }

    @Override
    public Brittle read(ByteInput in) {
      return new Brittle(in.readSignedVarInt());
    }

    @Override
    public long fingerprint() {
      return 1;
    }
  }
}
