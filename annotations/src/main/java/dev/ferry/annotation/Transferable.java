package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Values of this type may be copied to another process.
 *
 * <p>Ferry's processor generates a codec for the type at compile time, so a value crosses as
 * compact bytes and is rebuilt on the other side by its class name, with no reflection. What
 * crosses is a <em>copy</em>: the receiver gets equal values, never the same object, and changes on
 * one side are not seen on the other.
 *
 * <p>Every member must itself be transferable: primitives and their boxes, {@code String}, enums,
 * arrays, {@code List}, {@code Set}, {@code Map}, {@code Collection} and {@code Optional} of
 * transferable types (also the sorted, navigable, sequenced and enum sets and maps, {@code Queue}
 * and {@code Deque}), the {@code java.time} value types, {@code UUID}, {@code BigInteger}, {@code
 * BigDecimal}, {@code URI}, {@code Path}, {@code Locale}, {@code Currency}, {@code BitSet}, {@code
 * OptionalInt} and its kin, and other {@code @Transferable} types (docs/wire-format.md lists them
 * all). A member that holds process-local
 * handles (an {@link InheritOnly} type such as a channel) cannot cross this way; {@code transient}
 * fields are skipped. The type must be a top-level or static nested class, record, enum, or a sealed
 * interface or abstract class whose permitted subtypes are all {@code @Transferable}.
 *
 * <pre>{@code
 * @Transferable
 * public record Job(long id, String url, List<String> tags) {}
 *
 * jobs.send(new Job(7, "https://example.com", List.of("fast")));
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface Transferable {}
