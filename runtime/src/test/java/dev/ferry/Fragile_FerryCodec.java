package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** Throws from its static initializer, through INSTANCE's constructor (see {@link Fragile}). */
public final class Fragile_FerryCodec implements Codec<Fragile> {
  public static final Fragile_FerryCodec INSTANCE = new Fragile_FerryCodec();

  private Fragile_FerryCodec() {
    if (Fragile.class.getResource("fragile-table.txt") == null) {
      throw new IllegalStateException("no fragile-table.txt beside dev.ferry.Fragile");
    }
  }

  @Override
  public void write(ByteOutput out, Fragile value) {
    out.writeSignedVarInt(value.x());
  }

  @Override
  public Fragile read(ByteInput in) {
    return new Fragile(in.readSignedVarInt());
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Fragile(x:int)");
  }
}
