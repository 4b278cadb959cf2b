package dev.ferry.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

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

  /**
   * A class another processor generated for an abstract value type: {@code ImmutableMoney} for
   * {@code Money}.
   */
  public record Implementation(TypeElement valueType, Generator generator) {}

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

  /**
   * The abstract value type {@code type} implements, if another processor generated {@code type}
   * for it: {@code Money} for {@code AutoValue_Money} (or for {@code AutoValue_Money} over {@code
   * $AutoValue_Money}, as AutoValue's extensions generate it) and for {@code ImmutableMoney}. Such a
   * class is no one's to annotate, and its constructor is often private (Immutables, AutoValue with
   * a builder), so the fix that works is the value type's own hand-written codec.
   */
  public static Optional<Implementation> implementedBy(TypeElement type) {
    for (TypeElement c = type; c != null; c = superclassOf(c)) {
      List<TypeMirror> supertypes = new ArrayList<>(c.getInterfaces());
      supertypes.add(c.getSuperclass());
      for (TypeMirror supertype : supertypes) {
        if (supertype instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement valueType) {
          Optional<Generator> generator = of(valueType);
          if (generator.isPresent()) {
            return Optional.of(new Implementation(valueType, generator.orElseThrow()));
          }
        }
      }
    }
    return Optional.empty();
  }

  private static TypeElement superclassOf(TypeElement type) {
    return type.getSuperclass() instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement superclass
        ? superclass
        : null;
  }
}
