package dev.ferry.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * Types whose members Lombok rewrites while processors run. Lombok edits javac's trees in its own
 * round: it adds constructors and accessors, and makes fields {@code private final} and classes
 * {@code final} ({@code @Value}, {@code @FieldDefaults}). javac builds a round's elements from
 * the trees when the round starts, so a processor before Lombok on the processor path sees none
 * of this in that round, and one after it sees the added members but the fields' old modifiers: a
 * codec of {@code @Value class Point { int x; }} read {@code value.x}, which is private ("x has
 * private access in Point"). From the next round on, the elements match the rewritten trees, as
 * MapStruct's Lombok binding also assumes.
 */
public final class RewrittenTypes {
  private RewrittenTypes() {}

  /** Whether Lombok may rewrite {@code type} in the round that first sees it. */
  public static boolean byLombok(TypeElement type) {
    if (hasLombokAnnotation(type)) {
      return true;
    }
    for (Element member : type.getEnclosedElements()) {
      if (hasLombokAnnotation(member)) {
        return true;
      }
    }
    return false;
  }

  private static boolean hasLombokAnnotation(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().asElement() instanceof TypeElement annotation
          && annotation.getQualifiedName().toString().startsWith("lombok.")) {
        return true;
      }
    }
    return false;
  }
}
