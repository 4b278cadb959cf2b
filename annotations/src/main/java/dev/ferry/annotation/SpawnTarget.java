package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The argument names the code a new child process runs.
 *
 * <p>A child is a fresh JVM: it can call a static method by its class and name, but it cannot
 * rebuild a lambda's captured variables, a bound receiver or an instance of a local class. The
 * argument must therefore be a method reference to a static method of a top-level or static nested
 * class; Ferry's checker rejects anything else at compile time ({@code ferry:spawn-target}).
 *
 * <pre>{@code
 * Ferry.spawn(Worker::run, jobs);          // legal: a static method, found by name in the child
 * Ferry.spawn(jobs -> work(jobs), jobs);   // compile error: ferry:spawn-target
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface SpawnTarget {}
