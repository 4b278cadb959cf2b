package dev.ferry.sample;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;
import dev.ferry.annotation.TransferableCodec;
import dev.ferry.sample.billing.Temperature;

/** A hand-written codec: it rebuilds through the factory, so a decoded value keeps the invariant. */
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
      throw new TransferException("bad Temperature at offset " + at + ": " + e.getMessage());
    }
  }

  /** Change it whenever the byte format changes, so that old readers refuse new bytes. */
  @Override
  public long fingerprint() {
    return 0x54656d70_00000001L;
  }
}
