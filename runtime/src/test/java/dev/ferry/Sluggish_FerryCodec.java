package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

public final class Sluggish_FerryCodec implements Codec<Sluggish> {
  public static final Sluggish_FerryCodec INSTANCE = new Sluggish_FerryCodec();

  private Sluggish_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Sluggish value) {
    out.writeSignedVarInt(value.millis());
  }

  @Override
  public Sluggish read(ByteInput in) {
    int millis = in.readSignedVarInt();
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Sluggish(millis);
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Sluggish(millis:int)");
  }
}
