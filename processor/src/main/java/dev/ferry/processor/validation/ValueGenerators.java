package dev.ferry.processor.validation;

import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;

/**
 * Abstract value types whose concrete class another processor generates: AutoValue's {@code
 * AutoValue_Money}, Immutables' {@code ImmutableMoney}. Such a type cannot be made sealed over a
 * class its author does not write, so the usual fix for an abstract {@code @Transferable} type
 * (seal it, annotate the subtypes) does not apply; a hand-written codec that builds values through
 * the type's factory does.
 */
public final class ValueGenerators {
  /** A generating annotation as a message names it, and the processor that reads it. */
  public record Generator(String annotation, String processor) {}

  /** The generating annotations, by qualified name. */
  private static final Map<String, Generator> ANNOTATIONS =
      Map.of(
          "com.google.auto.value.AutoValue", new Generator("@AutoValue", "AutoValue"),
          "org.immutables.value.Value.Immutable",
          new Generator("@Value.Immutable", "Immutables"));

  private ValueGenerators() {}

  /** The annotation by which another processor implements {@code type}, if any. */
  public static Optional<Generator> of(TypeElement type) {
    for (AnnotationMirror mirror : type.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement() instanceof TypeElement annotation) {
        Generator shown = ANNOTATIONS.get(annotation.getQualifiedName().toString());
        if (shown != null) {
          return Optional.of(shown);
        }
      }
    }
    return Optional.empty();
  }
}
