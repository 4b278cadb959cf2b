package dev.ferry.processor.roundtrip;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.annotation.TransferableCodec;

/** A hand-written codec whose read returns null for bytes that hold a value, breaking its contract. */
@TransferableCodec
public final class LostCodec implements Codec<LostCodec.Lost> {
  public static final LostCodec INSTANCE = new LostCodec();

  public record Lost(int x) {}

  @Override
  public void write(ByteOutput out, Lost value) {
    out.writeSignedVarInt(value.x());
  }

  @Override
  public Lost read(ByteInput in) {
    in.readSignedVarInt();
    return null;
  }

  @Override
  public long fingerprint() {
    return 0x6c6f7374_00000001L;
  }
}
