package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for {@link Point}. */
public final class Point_FerryCodec implements Codec<Point> {
  public static final Point_FerryCodec INSTANCE = new Point_FerryCodec();

  public static final long FINGERPRINT = Fingerprints.of("dev.ferry.Point(x:int,y:int)");

  private Point_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Point value) {
    out.writeSignedVarInt(value.x());
    out.writeSignedVarInt(value.y());
  }

  @Override
  public Point read(ByteInput in) {
    return new Point(in.readSignedVarInt(), in.readSignedVarInt());
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
