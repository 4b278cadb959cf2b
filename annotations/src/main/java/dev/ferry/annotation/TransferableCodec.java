package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a hand-written codec: a class implementing {@code dev.ferry.Codec<T>} that makes {@code T}
 * transferable everywhere the codec is visible, in this compilation and from a jar.
 *
 * <p>It is the escape hatch for types a generated codec cannot build faithfully: types with
 * invariants checked by a factory, private state, or a compact form of their own. The codec must be
 * a {@code public} top-level or static nested class, implement {@code Codec<T>} for a class or
 * interface type {@code T}, and declare {@code public static final INSTANCE} (of its own type or of
 * {@code Codec<T>}): generated codecs call it through that field, with no reflection, just as they
 * call each other. {@code write} writes a non-null value; {@code read} throws {@code
 * TransferException} on bad bytes; {@code fingerprint} changes whenever the byte format does.
 *
 * <pre>{@code
 * @TransferableCodec
 * public final class TemperatureCodec implements Codec<Temperature> {
 *   public static final TemperatureCodec INSTANCE = new TemperatureCodec();
 *
 *   public void write(ByteOutput out, Temperature t) { out.writeDouble(t.kelvin()); }
 *   public Temperature read(ByteInput in) {
 *     double kelvin = in.readDouble();
 *     try {
 *       return Temperature.ofKelvin(kelvin);                    // checks the invariant
 *     } catch (IllegalArgumentException e) {
 *       throw new TransferException("bad Temperature: " + e.getMessage(), e);  // bad bytes
 *     }
 *   }
 *   public long fingerprint() { return 0x7e3a_5c01_0000_0001L; }
 * }
 * }</pre>
 *
 * <p>{@code read} catches what the factory throws: Ferry calls a hand-written codec as it is, so an
 * {@code IllegalArgumentException} for bytes that make no valid value (corrupted or forged: a
 * negative kelvin) would otherwise escape {@code Codecs.decode} as it is, where a caller expects a
 * {@code TransferException} for bad bytes. A codec of a
 * type that can hold itself (a linked node, a tree) calls {@code out.enter(typeName)} and {@code
 * out.exit()} around each value it writes, and {@code in.enter()} and {@code in.exit()} around each
 * it reads, as generated codecs do: a cycle or forged deep input then fails cleanly instead of
 * overflowing the stack.
 *
 * <p>A type has at most one codec: a hand-written codec for a {@code @Transferable} or imported type,
 * or two for one type, is a compile error where both are visible and an error at run time when two
 * jars bring one each. For plain data classes you do not own, {@link TransferableImport} writes the
 * codec for you.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface TransferableCodec {}
