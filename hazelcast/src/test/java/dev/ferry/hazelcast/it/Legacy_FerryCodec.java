package dev.ferry.hazelcast.it;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;

/** {@link Legacy}'s codec, named as the processor names the codecs it generates, and listed nowhere. */
public final class Legacy_FerryCodec implements Codec<Legacy> {
  public static final Legacy_FerryCodec INSTANCE = new Legacy_FerryCodec();

  private Legacy_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Legacy value) {
    out.writeString(value.name());
    out.writeSignedVarInt(value.count());
  }

  @Override
  public Legacy read(ByteInput in) {
    return new Legacy(in.readString(), in.readSignedVarInt());
  }

  @Override
  public long fingerprint() {
    return 0x4c45474143593031L; // "LEGACY01"
  }
}
