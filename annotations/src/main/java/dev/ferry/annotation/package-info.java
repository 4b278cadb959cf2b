/**
 * Annotations that tell Ferry's compile-time checker and code generator how values move between
 * processes.
 *
 * <p>Types: {@link dev.ferry.annotation.Transferable} (copied by a generated codec) and {@link
 * dev.ferry.annotation.InheritOnly} (process-local handles, handed to a child only at spawn);
 * {@link dev.ferry.annotation.TransferableImport} (codecs for classes you cannot annotate) and
 * {@link dev.ferry.annotation.TransferableCodec} (a hand-written codec).
 * Markers on an API's parameters: {@link dev.ferry.annotation.Sent}, {@link
 * dev.ferry.annotation.SpawnArgument} and {@link dev.ferry.annotation.SpawnTarget}. All have
 * {@code CLASS} retention, so the checker sees them on types read from jars.
 */
package dev.ferry.annotation;
