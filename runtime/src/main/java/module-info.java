/**
 * Ferry's runtime. Two packages are exported: {@code dev.ferry}, the user API, and
 * {@code dev.ferry.internal.codec}, the support that generated codecs call (public so that they
 * can reach it, not API: its names may change with any release, as {@code dagger.internal}'s do).
 * The transport ({@code dev.ferry.internal.transport}), the process management
 * ({@code dev.ferry.internal.process}) and the pool ({@code dev.ferry.internal.pool}) are this
 * module's own.
 *
 * <p>A program in a named module opens its packages to this module ({@code opens my.app to
 * dev.ferry.runtime;}): a child calls its spawn target by name and codecs are found by name.
 */
module dev.ferry.runtime {
  requires transitive dev.ferry.annotation;

  exports dev.ferry;
  exports dev.ferry.internal.codec;
}
