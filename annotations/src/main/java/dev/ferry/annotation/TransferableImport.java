package dev.ferry.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes classes you cannot annotate transferable, as if they carried {@link Transferable}: a class
 * from a library, or another team's DTO.
 *
 * <p>Ferry's processor generates a codec for each listed class, under the same rules as {@code
 * @Transferable}: a record; a class with a constructor whose parameters match its non-transient
 * fields (or a no-argument constructor and setters), whose fields are readable directly or through
 * accessors; an enum; or a sealed interface whose permitted subtypes are transferable. Every member
 * must be transferable in turn. The codec lives in the package of the annotated type (or of the
 * {@code package-info}), so the class and the members it uses must be {@code public}. Problems are
 * reported on the class literal, naming the member at fault. An empty list imports nothing, and is
 * no error.
 *
 * <p>The imported classes are then transferable everywhere the annotated code is visible: in this
 * compilation, and in any later one that has its jar on the class path (the jar lists the codecs in
 * {@code META-INF/ferry/codecs}, where {@code Codecs.of} finds them at run time). A class has one
 * codec: imports of it into two packages, or an import of a class that has a codec already, where
 * both are visible, are a compile error; the same class imported twice into one package makes one
 * codec, and is no error.
 *
 * <pre>{@code
 * @TransferableImport({Money.class, Point.class})   // in package-info.java
 * package com.example.app;
 *
 * jobs.send(new Invoice(new Money(12_50, "EUR")));    // Invoice's member Money now crosses
 * }</pre>
 *
 * Use it for plain data classes you do not own. A type with invariants or private state that its
 * public members do not reveal needs a hand-written codec instead: see {@link TransferableCodec}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.PACKAGE})
public @interface TransferableImport {

  /** The classes to generate codecs for. */
  Class<?>[] value();
}
