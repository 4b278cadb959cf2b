package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** {@link Nest}'s codec: its inner value as the bytes of {@code Codecs.encode}, counting no depth. */
public final class Nest_FerryCodec implements Codec<Nest> {
  public static final Nest_FerryCodec INSTANCE = new Nest_FerryCodec();

  private Nest_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Nest value) {
    if (value.inner == null) {
      out.writeNull();
      return;
    }
    byte[] inner = Codecs.encode(value.inner);
    out.writeSize(inner.length);
    out.writeBytes(inner, 0, inner.length);
  }

  @Override
  public Nest read(ByteInput in) {
    int length = in.readSize(1);
    return new Nest(length < 0 ? null : Codecs.decode(in.readBytes(length), Nest.class));
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Nest(inner:bytes)");
  }
}
