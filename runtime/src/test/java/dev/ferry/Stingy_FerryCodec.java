package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

public final class Stingy_FerryCodec implements Codec<Stingy> {
  public static final Stingy_FerryCodec INSTANCE = new Stingy_FerryCodec();

  private Stingy_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Stingy value) {
    out.writeSignedVarInt(value.reading());
    out.writeVarInt(7); // a format version its read forgets to read
  }

  @Override
  public Stingy read(ByteInput in) {
    return new Stingy(in.readSignedVarInt());
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Stingy(reading:int)");
  }
}
