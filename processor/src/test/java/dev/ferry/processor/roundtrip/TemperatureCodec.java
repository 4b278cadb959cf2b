package dev.ferry.processor.roundtrip;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;
import dev.ferry.annotation.TransferableCodec;
import dev.ferry.processor.roundtrip.lib.Temperature;

/** A hand-written codec that rebuilds through the factory, so the invariant holds. */
@TransferableCodec
public final class TemperatureCodec implements Codec<Temperature> {
  public static final TemperatureCodec INSTANCE = new TemperatureCodec();

  @Override
  public void write(ByteOutput out, Temperature value) {
    out.writeDouble(value.kelvin());
  }

  @Override
  public Temperature read(ByteInput in) {
    int at = in.offset();
    double kelvin = in.readDouble();
    try {
      return Temperature.ofKelvin(kelvin);
    } catch (IllegalArgumentException e) {
      throw new TransferException("bad temperature at offset " + at + ": " + e.getMessage());
    }
  }

  @Override
  public long fingerprint() {
    return 0x74656d70_00000001L;
  }
}
