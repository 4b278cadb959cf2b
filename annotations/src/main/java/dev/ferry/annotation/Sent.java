package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The argument, or every value of the type argument, is serialized and sent through a connection
 * that already exists.
 *
 * <p>On a method parameter, the argument passed there crosses to another process. On a type
 * parameter, every value of the type argument does: {@code Channel<@Sent T>} says that whatever
 * {@code T} a user writes, its values will be sent. Ferry's checker then requires the argument, or
 * the type argument, to be {@link Transferable} or a built-in transferable type, and never {@link
 * InheritOnly}: a handle cannot travel through a connection that is already open. Any API can use
 * this marker; the checker reads the marker, not the API's name.
 *
 * <pre>{@code
 * public final class Mailbox<@Sent T> {
 *   public void post(@Sent T message) { ... }
 * }
 *
 * Mailbox<Channel<String>> bad;   // compile error: ferry:inherit-only-sent
 * Mailbox<Job> good;              // legal: Job is @Transferable
 * }</pre>
 *
 * <p>On a record component, {@code record Envelope<T>(@Sent T value)}, Java puts the marker on the
 * parameter of the record's canonical constructor only when that constructor is implicit or
 * compact ({@code Envelope { ... }}). An explicit canonical constructor, {@code Envelope(T value)
 * { ... }}, declares its own parameters, which carry only what is written on them: mark its
 * parameter too, {@code Envelope(@Sent T value)}, or calls of it are not checked.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.PARAMETER, ElementType.TYPE_PARAMETER})
public @interface Sent {}
