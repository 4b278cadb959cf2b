package dev.ferry.hazelcast;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.annotation.TransferableCodec;

/**
 * Writes and reads a {@link Link} by calling itself, without ByteOutput/ByteInput enter and exit:
 * a cycle, or bytes nesting 1,000,000 levels, overflow the stack.
 */
@TransferableCodec
public final class LinkCodec implements Codec<Link> {
  public static final LinkCodec INSTANCE = new LinkCodec();

  @Override
  public void write(ByteOutput out, Link value) {
    out.writeBoolean(value.next != null);
    if (value.next != null) {
      write(out, value.next);
    }
  }

  @Override
  public Link read(ByteInput in) {
    return new Link(in.readBoolean() ? read(in) : null);
  }

  @Override
  public long fingerprint() {
    return 0x4c696e6b_00000001L;
  }
}
