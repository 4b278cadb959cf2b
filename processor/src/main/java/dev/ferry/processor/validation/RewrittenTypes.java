package dev.ferry.processor.validation;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Types whose members Lombok rewrites while processors run. Lombok edits javac's trees in its own
 * round: it adds constructors and accessors, and makes fields {@code private final} and classes
 * {@code final} ({@code @Value}, {@code @FieldDefaults}, or {@code lombok.config}'s {@code
 * lombok.fieldDefaults.defaultPrivate} with no annotation at all). javac builds a round's elements
 * from the trees when the round starts, so a processor before Lombok on the processor path sees
 * none of this in that round, and one after it sees the added members but the fields' old
 * modifiers: a codec of {@code @Value class Point { int x; }} read {@code value.x}, which is
 * private ("x has private access in Point"). From the next round on, the elements match the
 * rewritten trees, as MapStruct's Lombok binding also assumes; Lombok always asks for a next round.
 */
public final class RewrittenTypes {
  /** A class of Lombok's processor, which javac loads from the processor path it runs ours from. */
  static final String LOMBOK_PROCESSOR = "lombok/launch/AnnotationProcessorHider.class";

  private final boolean lombokRuns;

  /** Sees whether Lombok runs from the processor path that loaded {@code processorPath}. */
  public RewrittenTypes(ClassLoader processorPath) {
    this.lombokRuns = processorPath != null && processorPath.getResource(LOMBOK_PROCESSOR) != null;
  }

  /**
   * Whether Lombok may rewrite {@code type} in the round that first sees it: a type that carries
   * a Lombok annotation, on itself or a member, or any class while Lombok runs (its configuration
   * may rewrite a class with no annotation of its own). A record's fields are private and final
   * already, and Lombok adds nothing a record's codec uses.
   */
  public boolean byLombok(TypeElement type) {
    if (lombokRuns && type.getKind() == ElementKind.CLASS) {
      return true;
    }
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
