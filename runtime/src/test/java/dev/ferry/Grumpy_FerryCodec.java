package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

public final class Grumpy_FerryCodec implements Codec<Grumpy> {
  public static final Grumpy_FerryCodec INSTANCE = new Grumpy_FerryCodec();

  private Grumpy_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Grumpy value) {
    if (value.mood() == Integer.MIN_VALUE) {
      throw new IllegalStateException("refusing to write a Grumpy this grumpy");
    }
    out.writeSignedVarInt(value.mood());
  }

  @Override
  public Grumpy read(ByteInput in) {
    throw new IllegalStateException("refusing to read a Grumpy");
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Grumpy(mood:int)");
  }
}
