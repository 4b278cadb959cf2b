package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;
import java.util.concurrent.atomic.AtomicBoolean;

public final class OutOfHeapOnce_FerryCodec implements Codec<OutOfHeapOnce> {
  public static final OutOfHeapOnce_FerryCodec INSTANCE = new OutOfHeapOnce_FerryCodec();

  private static final AtomicBoolean RAN_OUT = new AtomicBoolean();

  private OutOfHeapOnce_FerryCodec() {}

  @Override
  public void write(ByteOutput out, OutOfHeapOnce value) {
    out.writeSignedVarInt(value.value());
  }

  @Override
  public OutOfHeapOnce read(ByteInput in) {
    int value = in.readSignedVarInt();
    Integer once = Integer.getInteger("ferry.test.outOfHeapOnce");
    if (once != null && once == value && RAN_OUT.compareAndSet(false, true)) {
      long[] huge = new long[Integer.MAX_VALUE - 16]; // 16 GiB: Java heap space, at once
      huge[0] = value;
    }
    return new OutOfHeapOnce(value);
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.OutOfHeapOnce(value:int)");
  }
}
