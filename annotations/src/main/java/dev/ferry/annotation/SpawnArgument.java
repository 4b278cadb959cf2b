package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The argument is handed to a new child process when it starts.
 *
 * <p>At spawn, {@link Transferable} values are copied by their codec, and {@link InheritOnly}
 * values (channels, bundles of channels) travel as handles that the child opens again. Anything
 * else (a {@code Thread}, a stream, an {@code Object}, a local class) cannot be rebuilt in a fresh
 * JVM, and Ferry's checker rejects it at compile time.
 *
 * <pre>{@code
 * public static Child spawn(@SpawnTarget Target1<A> target, @SpawnArgument A argument) { ... }
 *
 * Ferry.spawn(Worker::run, jobs);            // legal: a Channel is @InheritOnly
 * Ferry.spawn(Worker::run, new Thread());    // compile error: ferry:not-transferable
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface SpawnArgument {}
