package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;

/** Pound's codec beside it, written as the processor writes one. */
public final class RegistryFixtures_Pound_FerryCodec implements Codec<RegistryFixtures.Pound> {
  public static final long FINGERPRINT = 0x506f756e64L;
  public static final RegistryFixtures_Pound_FerryCodec INSTANCE =
      new RegistryFixtures_Pound_FerryCodec();

  @Override
  public void write(ByteOutput out, RegistryFixtures.Pound value) {
    out.writeSignedVarLong(value.pence());
  }

  @Override
  public RegistryFixtures.Pound read(ByteInput in) {
    return new RegistryFixtures.Pound(in.readSignedVarLong());
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
