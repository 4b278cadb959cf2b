package dev.ferry.processor.diagnostic;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * Where the Eclipse compiler can show a record's problems.
 *
 * <p>ECJ 3.46's {@code BaseMessagerImpl.createProblem} maps an element to a source position with a
 * switch over the element kinds of Java 8 (up to {@code MODULE}): {@code RECORD} and {@code
 * RECORD_COMPONENT} fall to its default and get no position, and neither do a record's implicit
 * fields, accessors and canonical constructor (with its parameters), nor enum constants. Such a
 * message prints as {@code ERROR: ...} with no file, and in Eclipse it goes to the error log
 * instead of a marker on the code. So such a problem is recorded at the element's own range, read
 * from ECJ's AST ({@link EcjSourceProblems}); where that fails (another ECJ, a class loader that
 * hides ECJ's classes), it moves to the nearest enclosing type ECJ can position, and its message,
 * which names the record and member, still points at the culprit.
 */
final class EcjPositions {
  private EcjPositions() {}

  /** Whether the processor runs inside ECJ, whose Messager is its own class. */
  static boolean isEcj(Messager messager) {
    return messager.getClass().getName().startsWith("org.eclipse.jdt.");
  }

  /**
   * Whether ECJ's Messager gives {@code element} no position: a record, its component or its
   * field, an enum constant, a package (the imports of a package-info.java).
   */
  static boolean hasNoPosition(Element element) {
    switch (element.getKind()) {
      case RECORD:
      case RECORD_COMPONENT:
      case ENUM_CONSTANT:
      case PACKAGE:
        return true;
      case FIELD:
        return element.getEnclosingElement().getKind() == ElementKind.RECORD;
      default:
        return false;
    }
  }

  /** The nearest element around {@code element} that ECJ can position, or null. */
  static Element nearestPositioned(Element element) {
    for (Element e = element.getEnclosingElement(); e != null; e = e.getEnclosingElement()) {
      ElementKind kind = e.getKind();
      if ((kind.isClass() && kind != ElementKind.RECORD) || kind.isInterface()) {
        return e;
      }
    }
    return null;
  }

  /**
   * Records an error at {@code element}'s own source range from ECJ's AST; false if that cannot be
   * done here, and then nothing was recorded.
   */
  static boolean recordAtSource(Element element, AnnotationMirror annotation, String message) {
    try {
      return EcjSourceProblems.record(element, annotation, message);
    } catch (Throwable unavailable) {
      // Another ECJ than the one we were built against, or its classes hidden from ours.
      return false;
    }
  }

  /**
   * Records an error at the source range of {@code value}, a value of {@code annotation} on {@code
   * element}, which ECJ's Messager would put on the whole annotation; false if that cannot be done
   * here, and then nothing was recorded.
   */
  static boolean recordAtValue(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    try {
      return EcjSourceProblems.recordOnValue(element, annotation, value, message);
    } catch (Throwable unavailable) {
      return false;
    }
  }
}
