package dev.ferry.kafka;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.annotation.TransferableCodec;

/**
 * A hand-written codec whose format and fingerprint are {@link KelvinCodec}'s, as two codecs
 * written from one pattern are: only the type each codes tells their bytes apart.
 */
@TransferableCodec
public final class RankineCodec implements Codec<Rankine> {
  public static final RankineCodec INSTANCE = new RankineCodec();

  @Override
  public void write(ByteOutput out, Rankine value) {
    out.writeDouble(value.degrees());
  }

  @Override
  public Rankine read(ByteInput in) {
    return new Rankine(in.readDouble());
  }

  @Override
  public long fingerprint() {
    return KelvinCodec.INSTANCE.fingerprint();
  }
}
