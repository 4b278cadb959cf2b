package dev.ferry;

/** Hand-written in the shape of a generated codec (the processor cannot run on runtime's tests). */
public final class Point_FerryCodec implements Codec<Point> {
  public static final Point_FerryCodec INSTANCE = new Point_FerryCodec();

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
    return Fingerprints.of("dev.ferry.Point(x:int,y:int)");
  }
}
