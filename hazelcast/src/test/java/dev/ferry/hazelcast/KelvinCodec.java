package dev.ferry.hazelcast;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.annotation.TransferableCodec;

/**
 * Reads through {@link Kelvin#of}, letting its exception out, as a hand-written codec may, and
 * returns null for NaN, as one should not.
 */
@TransferableCodec
public final class KelvinCodec implements Codec<Kelvin> {
  public static final KelvinCodec INSTANCE = new KelvinCodec();

  @Override
  public void write(ByteOutput out, Kelvin value) {
    out.writeDouble(value.degrees());
  }

  @Override
  public Kelvin read(ByteInput in) {
    double degrees = in.readDouble();
    return Double.isNaN(degrees) ? null : Kelvin.of(degrees); // null: a contract broken by hand
  }

  @Override
  public long fingerprint() {
    return 0x4b656c76_696e0001L;
  }
}
