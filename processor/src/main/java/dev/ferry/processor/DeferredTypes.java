package dev.ferry.processor;

import dev.ferry.processor.validation.FerryAnnotations;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The annotated types a processor works on in a round: those annotated in this round, and those it
 * deferred from the last one. Deferral is by name, since elements of an earlier round may be
 * stale (AutoValue's {@code MissingTypes} and {@code BasicAnnotationProcessor} do the same).
 */
final class DeferredTypes {
  private final Set<String> deferred = new LinkedHashSet<>();

  /** Retries {@code type} in the next round: its members did not resolve yet. */
  void defer(TypeElement type) {
    deferred.add(type.getQualifiedName().toString());
  }

  /** This round's types: the deferred ones first, looked up again, then the newly annotated. */
  Set<TypeElement> forRound(
      Set<? extends TypeElement> annotations, RoundEnvironment round, Elements elements) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (String name : deferred) {
      TypeElement type = elements.getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    deferred.clear();
    types.addAll(annotatedIn(annotations, round));
    return types;
  }

  /**
   * The types carrying {@code @Transferable} or {@code @InheritOnly} in this round, which get
   * codecs of their own (not the declarers of imports or hand-written codecs, which the processors
   * also claim to see).
   */
  static Set<TypeElement> annotatedIn(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    Set<TypeElement> types = new LinkedHashSet<>();
    for (TypeElement annotation : annotations) {
      if (!annotation.getQualifiedName().contentEquals(FerryAnnotations.TRANSFERABLE)
          && !annotation.getQualifiedName().contentEquals(FerryAnnotations.INHERIT_ONLY)) {
        continue;
      }
      for (Element element : round.getElementsAnnotatedWith(annotation)) {
        if (element instanceof TypeElement type) {
          types.add(type);
        }
      }
    }
    return types;
  }
}
