package dev.ferry;

import dev.ferry.internal.codec.DynamicCodec;
import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for {@link Box}: the member goes through DynamicCodec. */
public final class Box_FerryCodec implements Codec<Box<?>> {
  public static final Box_FerryCodec INSTANCE = new Box_FerryCodec();

  private Box_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Box<?> value) {
    DynamicCodec.INSTANCE.write(out, value.value());
  }

  @Override
  public Box<?> read(ByteInput in) {
    return new Box<>(DynamicCodec.INSTANCE.read(in));
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.Box(value:T)");
  }
}
