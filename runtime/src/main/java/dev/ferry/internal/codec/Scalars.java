package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;
/**
 * Codecs for boxed primitives and the common primitive arrays sent as whole messages. Their
 * fingerprints are unused: built-in ids are fixed by the protocol version.
 */
public final class Scalars {
  private Scalars() {}

  private abstract static class Simple<T> implements Codec<T> {
    @Override
    public long fingerprint() {
      return 0;
    }
  }

  public static final Codec<Integer> INT =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Integer value) {
          out.writeSignedVarInt(value);
        }

        @Override
        public Integer read(ByteInput in) {
          return in.readSignedVarInt();
        }
      };

  public static final Codec<Long> LONG =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Long value) {
          out.writeSignedVarLong(value);
        }

        @Override
        public Long read(ByteInput in) {
          return in.readSignedVarLong();
        }
      };

  public static final Codec<Boolean> BOOLEAN =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Boolean value) {
          out.writeBoolean(value);
        }

        @Override
        public Boolean read(ByteInput in) {
          return in.readBoolean();
        }
      };

  public static final Codec<Byte> BYTE =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Byte value) {
          out.writeByte(value);
        }

        @Override
        public Byte read(ByteInput in) {
          return in.readByte();
        }
      };

  public static final Codec<Short> SHORT =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Short value) {
          out.writeSignedVarInt(value);
        }

        @Override
        public Short read(ByteInput in) {
          int at = in.offset();
          int v = in.readSignedVarInt();
          if (v != (short) v) {
            throw new TransferException("short out of range: " + v + " at offset " + at);
          }
          return (short) v;
        }
      };

  public static final Codec<Character> CHAR =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Character value) {
          out.writeVarInt(value);
        }

        @Override
        public Character read(ByteInput in) {
          int at = in.offset();
          int v = in.readVarInt();
          if (v != (char) v) {
            throw new TransferException("char out of range: " + v + " at offset " + at);
          }
          return (char) v;
        }
      };

  public static final Codec<Float> FLOAT =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Float value) {
          out.writeFloat(value);
        }

        @Override
        public Float read(ByteInput in) {
          return in.readFloat();
        }
      };

  public static final Codec<Double> DOUBLE =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, Double value) {
          out.writeDouble(value);
        }

        @Override
        public Double read(ByteInput in) {
          return in.readDouble();
        }
      };

  public static final Codec<byte[]> BYTES =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, byte[] value) {
          out.writeSize(value.length);
          out.writeBytes(value, 0, value.length);
        }

        @Override
        public byte[] read(ByteInput in) {
          return in.readBytes(presentSize(in, 1));
        }
      };

  public static final Codec<int[]> INTS =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, int[] value) {
          out.writeSize(value.length);
          out.writeInts(value);
        }

        @Override
        public int[] read(ByteInput in) {
          return in.readInts(presentSize(in, 4));
        }
      };

  public static final Codec<long[]> LONGS =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, long[] value) {
          out.writeSize(value.length);
          out.writeLongs(value);
        }

        @Override
        public long[] read(ByteInput in) {
          return in.readLongs(presentSize(in, 8));
        }
      };

  public static final Codec<double[]> DOUBLES =
      new Simple<>() {
        @Override
        public void write(ByteOutput out, double[] value) {
          out.writeSize(value.length);
          out.writeDoubles(value);
        }

        @Override
        public double[] read(ByteInput in) {
          return in.readDoubles(presentSize(in, 8));
        }
      };

  private static int presentSize(ByteInput in, int width) {
    int at = in.offset();
    int size = in.readSize(width);
    if (size < 0) {
      throw new TransferException("null where an array was expected at offset " + at);
    }
    return size;
  }
}
