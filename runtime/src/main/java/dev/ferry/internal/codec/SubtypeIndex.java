package dev.ferry.internal.codec;

/**
 * Which permitted subtype of a sealed type a value's class is, for the generated codec of a sealed
 * type with many subtypes: its {@code write} switches on {@link #of} instead of testing the value
 * against each subtype in turn, which cost time in proportion to the subtype's place (about 2 µs
 * for the last of 200 records, whose tests also made {@code write} too large to compile early).
 * Each class is looked up once, by {@link Class#isAssignableFrom} against the subtypes in order
 * (a subtype that is itself sealed takes its subclasses, as {@code instanceof} did); later values of
 * that class cost a {@link ClassValue} read.
 *
 * <pre>{@code
 * private static final SubtypeIndex SUBTYPES = new SubtypeIndex(Circle.class, Square.class);
 * switch (SUBTYPES.of(value.getClass())) { case 0: ...; case 1: ...; default: refuse }
 * }</pre>
 */
public final class SubtypeIndex {
  private final Class<?>[] subtypes;
  private final ClassValue<Integer> indexes =
      new ClassValue<>() {
        @Override
        protected Integer computeValue(Class<?> type) {
          for (int i = 0; i < subtypes.length; i++) {
            if (subtypes[i].isAssignableFrom(type)) {
              return i;
            }
          }
          return -1;
        }
      };

  /** The index of the subtypes a sealed type's codec writes, in the order it numbers them. */
  public SubtypeIndex(Class<?>... subtypes) {
    if (subtypes == null) {
      throw new NullPointerException("subtypes == null");
    }
    this.subtypes = subtypes.clone();
  }

  /** The index of the first subtype that {@code type} is, or -1 if it is none of them. */
  public int of(Class<?> type) {
    return indexes.get(type);
  }
}
