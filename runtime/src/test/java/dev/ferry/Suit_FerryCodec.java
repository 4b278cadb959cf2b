package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for {@link Suit}. */
public final class Suit_FerryCodec implements Codec<Suit> {
  public static final Suit_FerryCodec INSTANCE = new Suit_FerryCodec();

  private static final Suit[] VALUES = Suit.values();

  private Suit_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Suit value) {
    out.writeVarInt(value.ordinal());
  }

  @Override
  public Suit read(ByteInput in) {
    int ordinal = in.readVarInt();
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new TransferException("bad Suit ordinal " + ordinal);
    }
    return VALUES[ordinal];
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Suit{CLUBS,DIAMONDS,HEARTS,SPADES}");
  }
}
