package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** Writes its point as a nested, self-checking {@code Codecs.encode} array. */
public final class Envelope_FerryCodec implements Codec<Envelope> {
  public static final Envelope_FerryCodec INSTANCE = new Envelope_FerryCodec();

  private Envelope_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Envelope value) {
    byte[] inner = Codecs.encode(value.point());
    out.writeSize(inner.length);
    out.writeBytes(inner, 0, inner.length);
  }

  @Override
  public Envelope read(ByteInput in) {
    return new Envelope(Codecs.decode(in.readBytes(in.readSize(1)), Point.class));
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Envelope(point:bytes)");
  }
}
