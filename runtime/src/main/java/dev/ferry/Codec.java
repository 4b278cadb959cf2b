package dev.ferry;

/**
 * Writes values of one type as bytes and reads them back.
 *
 * <p>Ferry's processor generates a codec for every {@code @Transferable} type and every class named
 * in a {@code @TransferableImport}; a class annotated {@code @TransferableCodec} implements this
 * interface by hand. Find any of them with {@link Codecs#of(Class)}. {@link #write} takes a non-null value: the caller (a generated codec writing a
 * member, or {@link Codecs#encode}) writes the presence of nullable values itself, so a value that
 * is never null pays nothing for it.
 *
 * @param <T> the type of the values
 */
public interface Codec<T> {

  /** Writes {@code value}, which must not be null. */
  void write(ByteOutput out, T value);

  /**
   * Reads one value written by {@link #write}.
   *
   * @return the value, never null: {@link #write} took a value, and Ferry reads a null itself
   *     (a null returned is refused with a {@link TransferException} naming this codec)
   * @throws TransferException if the bytes are truncated or malformed
   */
  T read(ByteInput in);

  /**
   * A 64-bit hash of the type's shape (its name, and the names and types of its members, at every
   * depth), computed at compile time. Two codecs of the same type built from different versions of
   * the class have different fingerprints, so a reader can refuse bytes it would misread.
   *
   * <p>A hand-written codec's ({@code @TransferableCodec}) is its author's, changed with its
   * format; it need not tell its type from others: the bytes of a value it writes carry it mixed
   * with the name of the type it codes, so another type's hand-written codec with the same
   * fingerprint never reads them (docs/wire-format.md, "Fingerprints").
   */
  long fingerprint();
}
