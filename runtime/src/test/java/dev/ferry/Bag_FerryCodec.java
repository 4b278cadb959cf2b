package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;
import java.util.ArrayList;
import java.util.List;

/** What the processor would generate for {@link Bag}. */
public final class Bag_FerryCodec implements Codec<Bag> {
  public static final Bag_FerryCodec INSTANCE = new Bag_FerryCodec();

  public static final long FINGERPRINT =
      Fingerprints.of("dev.ferry.Bag{items:List<String>,label:String}");

  private Bag_FerryCodec() {}

  @Override
  public void write(ByteOutput out, Bag value) {
    out.writeSize(value.items.size());
    for (String item : value.items) {
      out.writeString(item);
    }
    out.writeString(value.label);
  }

  @Override
  public Bag read(ByteInput in) {
    int size = in.readSize(1);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      items.add(in.readString());
    }
    return new Bag(items, in.readString());
  }

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }
}
