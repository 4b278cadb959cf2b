package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for {@link Outer.Inner}. */
public final class Outer_Inner_FerryCodec implements Codec<Outer.Inner> {
  public static final Outer_Inner_FerryCodec INSTANCE = new Outer_Inner_FerryCodec();

  private Outer_Inner_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Outer.Inner value) {
    out.writeString(value.name());
  }

  @Override
  public Outer.Inner read(ByteInput in) {
    return new Outer.Inner(in.readString());
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Outer.Inner(name:String?)");
  }
}
