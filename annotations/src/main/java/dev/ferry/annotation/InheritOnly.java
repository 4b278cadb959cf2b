package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Values of this type hold process-local handles (a channel, a lock, a bundle of channels) and
 * may reach a child process only as an argument when it is spawned.
 *
 * <p>A handle is only meaningful to a process that was given it when it started, as a child
 * inherits file descriptors from its parent: the runtime opens the handle again in the child. Such
 * a value is therefore never sent through a channel, and never stored inside a {@link
 * Transferable} value; Ferry's checker rejects both at compile time ({@code ferry:inherit-only-sent}).
 * An {@code @InheritOnly} record or class may hold both handles and plain transferable values.
 *
 * <pre>{@code
 * @InheritOnly
 * public record Ports(Channel<Job> jobs, Channel<Result> results, int workerId) {}
 *
 * Ferry.spawn(Worker::run, new Ports(jobs, results, 1)); // legal: handed over at start
 * control.send(new Ports(jobs, results, 1));             // compile error: ferry:inherit-only-sent
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface InheritOnly {}
