package dev.ferry.processor.roundtrip;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.annotation.TransferableCodec;
import dev.ferry.processor.roundtrip.lib.Pressure;

/**
 * A hand-written codec that lets its factory's exception out of {@code read}, as many will: unlike
 * {@link TemperatureCodec}, it does not turn refused bytes into a {@code TransferException} itself.
 */
@TransferableCodec
public final class PressureCodec implements Codec<Pressure> {
  public static final PressureCodec INSTANCE = new PressureCodec();

  @Override
  public void write(ByteOutput out, Pressure value) {
    out.writeDouble(value.pascals());
  }

  @Override
  public Pressure read(ByteInput in) {
    return Pressure.ofPascals(in.readDouble());
  }

  @Override
  public long fingerprint() {
    return 0x70726573_00000001L;
  }
}
