package dev.ferry.internal.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Little-endian views of byte arrays, for the fixed-width values of {@link
 * dev.ferry.ByteOutput} and {@link dev.ferry.ByteInput} and the reader's eight-bytes-at-a-time
 * ASCII check: one store or load per value instead of one per byte.
 *
 * <p>A holder of its own, so that the views are made when first needed, not when the first
 * {@code ByteOutput} is: the first {@code VarHandle} of a JVM sets up {@code java.lang.invoke},
 * about 10 ms on the 2-core machine we measure on. (A child reads strings from its start-up
 * message, so it makes them then, on its main thread, while the JDK's socket set-up on another
 * thread takes longer: see docs/benchmarks.md, "Spawn".)
 */
public final class LittleEndian {
  public static final VarHandle SHORTS = view(short[].class);
  public static final VarHandle CHARS = view(char[].class);
  public static final VarHandle INTS = view(int[].class);
  public static final VarHandle LONGS = view(long[].class);
  public static final VarHandle FLOATS = view(float[].class);
  public static final VarHandle DOUBLES = view(double[].class);

  private LittleEndian() {}

  private static VarHandle view(Class<?> arrayType) {
    return MethodHandles.byteArrayViewVarHandle(arrayType, ByteOrder.LITTLE_ENDIAN);
  }
}
