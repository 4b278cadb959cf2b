package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for a {@link Grams} with such a codec beside it. */
public final class Grams_FerryCodec implements Codec<Grams> {
  public static final Grams_FerryCodec INSTANCE = new Grams_FerryCodec();

  public static final long FINGERPRINT = Fingerprints.of("dev.ferry.Grams{value:String,unit:String}");

  private Grams_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Grams value) {
    out.writeString(value.toString());
    out.writeString(value.unit);
  }

  @Override
  public Grams read(ByteInput in) {
    return new Grams(in.readString(), in.readString());
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
