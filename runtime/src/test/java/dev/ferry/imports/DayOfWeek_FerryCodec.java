package dev.ferry.imports;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;
import java.time.DayOfWeek;

/**
 * The codec ferry-processor generates for {@code @TransferableImport(DayOfWeek.class)} in package
 * {@code dev.ferry.imports}, as generated (less its {@code @Generated}). No registry on the test
 * class path lists it: {@code ImportedEnumTest} lists it in one of its own, which only the process
 * that is to see the import reads.
 */
public final class DayOfWeek_FerryCodec implements Codec<DayOfWeek> {
  public static final DayOfWeek_FerryCodec INSTANCE = new DayOfWeek_FerryCodec();

  /**
   * The hash of this shape: {@code enum java.time.DayOfWeek[MONDAY, TUESDAY, WEDNESDAY, THURSDAY,
   * FRIDAY, SATURDAY, SUNDAY]}
   */
  public static final long FINGERPRINT = 0x50dd442c9b25a9d4L;

  private static final DayOfWeek[] CONSTANTS = DayOfWeek.values();

  private DayOfWeek_FerryCodec() {}

  @Override
  public long fingerprint() {
    return FINGERPRINT;
  }

  @Override
  public void write(ByteOutput out, DayOfWeek value) {
    out.writeVarInt(value.ordinal());
  }

  @Override
  public DayOfWeek read(ByteInput in) {
    int at = in.offset();
    int ordinal = in.readVarInt();
    if (ordinal < 0 || ordinal >= CONSTANTS.length) {
      throw new TransferException("unknown constant " + ordinal + " of java.time.DayOfWeek at offset " + at + ": the writer's enum has constants this reader does not know");
    }
    return CONSTANTS[ordinal];
  }
}
