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
 * a value is therefore never sent through a channel that is already open, and never declared as a
 * member of a {@link Transferable} type (whose values may be sent at any time); Ferry's checker
 * rejects both at compile time ({@code ferry:inherit-only-sent}). An {@code @InheritOnly} record or
 * class may hold both handles and plain transferable values. A generic transferable container
 * given one as its type argument ({@code Box<Ports>}, {@code List<Ports>}) is itself held to the
 * same rule: it may be a spawn argument, and may not be sent.
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
