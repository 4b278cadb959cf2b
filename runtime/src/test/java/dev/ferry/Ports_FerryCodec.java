package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;
import dev.ferry.internal.codec.InheritOnlyCodec;

/**
 * Hand-written in the shape the processor generates for an {@code @InheritOnly} record: it
 * implements {@link InheritOnlyCodec} and writes its channel through {@link Channel#codec()}.
 */
public final class Ports_FerryCodec implements InheritOnlyCodec<Ports> {
  public static final Ports_FerryCodec INSTANCE = new Ports_FerryCodec();

  private Ports_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Ports value) {
    Channel.<String>codec().write(out, value.replies());
    out.writeSignedVarInt(value.workerId());
  }

  @Override
  public Ports read(ByteInput in) {
    return new Ports(Channel.<String>codec().read(in), in.readSignedVarInt());
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Ports(replies:dev.ferry.Channel<java.lang.String>,workerId:int)");
  }
}
