package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;

/** What the processor would generate for {@link Order}. */
public final class Order_FerryCodec implements Codec<Order> {
  public static final Order_FerryCodec INSTANCE = new Order_FerryCodec();

  public static final long FINGERPRINT =
      Fingerprints.of(
          "dev.ferry.Order(id:long,item:String,quantity:int,size:dev.ferry.Size{SMALL,LARGE,HUGE})");

  private static final Size[] SIZES = Size.values();

  private Order_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Order value) {
    out.writeVarLong(value.id());
    out.writeString(value.item());
    out.writeSignedVarInt(value.quantity());
    out.writeVarInt(value.size().ordinal());
  }

  @Override
  public Order read(ByteInput in) {
    long id = in.readVarLong();
    String item = in.readString();
    int quantity = in.readSignedVarInt();
    int size = in.readVarInt();
    if (size < 0 || size >= SIZES.length) {
      throw new TransferException("bad Size ordinal " + size);
    }
    return new Order(id, item, quantity, SIZES[size]);
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
