package dev.ferry.internal.codec;

import dev.ferry.ByteInput;
import dev.ferry.ByteOutput;
import dev.ferry.Codec;
import dev.ferry.TransferException;
import java.lang.invoke.MethodType;

/**
 * {@link DynamicCodec} as {@code Codecs.of} hands it out for one type that has no codec of its own
 * (a {@code List}, an enum without one): the same bytes and fingerprint, and a {@code read} that
 * refuses a value of another type. {@code DynamicCodec} reads whatever its tag says, so {@code
 * Codecs.of(Plain.class).read(in)} on a {@code String}'s bytes returned the {@code String} typed as
 * a {@code Plain}, failing a cast far from the cause. {@code Codecs.decode}, channels and generated
 * codecs use {@code DynamicCodec} itself, and pay nothing for the check.
 *
 * @param <T> the type the codec was asked for
 */
public final class TypedDynamicCodec<T> implements Codec<T> {
  private static final ClassValue<TypedDynamicCodec<?>> BY_TYPE =
      new ClassValue<>() {
        @Override
        protected TypedDynamicCodec<?> computeValue(Class<?> type) {
          return new TypedDynamicCodec<>(type);
        }
      };

  private final Class<T> type;
  private final Class<?> boxed; // what isInstance is asked of: a read int is an Integer

  private TypedDynamicCodec(Class<T> type) {
    this.type = type;
    this.boxed = type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
  }

  /** The codec of {@code type}, made once per type. */
  @SuppressWarnings("unchecked")
  public static <T> Codec<T> of(Class<T> type) {
    return (Codec<T>) BY_TYPE.get(type);
  }

  @Override
  public void write(ByteOutput out, T value) {
    DynamicCodec.INSTANCE.write(out, value);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T read(ByteInput in) {
    int offset = in.offset();
    Object value = DynamicCodec.INSTANCE.read(in);
    if (value != null && !boxed.isInstance(value)) {
      throw new TransferException(
          "the bytes at offset " + offset + " hold a " + value.getClass().getName() + ", not a "
              + type.getName() + ": they were written for another type; read them with the codec"
              + " of the type they were written for");
    }
    return (T) value;
  }

  @Override
  public long fingerprint() {
    return DynamicCodec.INSTANCE.fingerprint();
  }
}
