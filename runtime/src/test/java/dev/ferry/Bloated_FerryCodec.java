package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

public final class Bloated_FerryCodec implements Codec<Bloated> {
  public static final Bloated_FerryCodec INSTANCE = new Bloated_FerryCodec();
  private static volatile long[] sink;

  private Bloated_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Bloated value) {
    out.writeSignedVarInt(value.value());
  }

  @Override
  public Bloated read(ByteInput in) {
    int value = in.readSignedVarInt();
    if (Boolean.getBoolean("ferry.test.bloatedDecode")) {
      sink = new long[Integer.MAX_VALUE / 16]; // 1 GiB: more than the child's heap
    }
    return new Bloated(value);
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Bloated(value:int)");
  }
}
