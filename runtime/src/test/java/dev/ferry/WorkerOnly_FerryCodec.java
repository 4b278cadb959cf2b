package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for {@link WorkerOnly}. */
public final class WorkerOnly_FerryCodec implements Codec<WorkerOnly> {
  public static final WorkerOnly_FerryCodec INSTANCE = new WorkerOnly_FerryCodec();

  public static final long FINGERPRINT = Fingerprints.of("dev.ferry.WorkerOnly(x:int)");

  private WorkerOnly_FerryCodec() {}

  @Override
  public void write(ByteOutput out, WorkerOnly value) {
    out.writeSignedVarInt(value.x());
  }

  @Override
  public WorkerOnly read(ByteInput in) {
    return new WorkerOnly(in.readSignedVarInt());
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
