package dev.ferry;

import dev.ferry.internal.codec.Fingerprints;
import java.nio.file.Files;
import java.nio.file.Path;

public final class SlowToDecode_FerryCodec implements Codec<SlowToDecode> {
  public static final SlowToDecode_FerryCodec INSTANCE = new SlowToDecode_FerryCodec();

  private SlowToDecode_FerryCodec() {}

  @Override
  public void write(ByteOutput out, SlowToDecode value) {
    out.writeSignedVarInt(value.value());
  }

  @Override
  public SlowToDecode read(ByteInput in) {
    int value = in.readSignedVarInt();
    String marker = System.getProperty("ferry.test.slowDecodeMarker");
    String only = System.getProperty("ferry.test.slowDecodeValue"); // else every value is slow
    if (marker != null && (only == null || Integer.parseInt(only) == value)) {
      try {
        Files.createFile(Path.of(marker));
        Thread.sleep(60_000);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return new SlowToDecode(value);
  }

  @Override
  public long fingerprint() {
    return Fingerprints.of("dev.ferry.SlowToDecode(value:int)");
  }
}
