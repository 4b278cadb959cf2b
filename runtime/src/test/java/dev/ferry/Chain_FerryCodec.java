package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

public final class Chain_FerryCodec implements Codec<Chain> {
  public static final Chain_FerryCodec INSTANCE = new Chain_FerryCodec();

  private Chain_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Chain value) {
    out.writeVarInt(value.links());
  }

  @Override
  public Chain read(ByteInput in) {
    return new Chain(follow(in.readVarInt()));
  }

  /** One stack frame a link, as a recursive reader of a linked list takes. */
  private static int follow(int links) {
    return links == 0 ? 0 : 1 + follow(links - 1);
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Chain(links:int)");
  }
}
