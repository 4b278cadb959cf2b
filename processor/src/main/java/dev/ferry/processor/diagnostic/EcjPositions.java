package dev.ferry.processor.diagnostic;

import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * Where the Eclipse compiler can show a record's problems.
 *
 * <p>ECJ 3.46's {@code BaseMessagerImpl.createProblem} maps an element to a source position with a
 * switch over the element kinds of Java 8 (up to {@code MODULE}): {@code RECORD} and {@code
 * RECORD_COMPONENT} fall to its default and get no position, and neither do the record's implicit
 * fields and accessors, which have no source declaration. Such a message prints as {@code ERROR:
 * ...} with no file, and in Eclipse it goes to the error log instead of a marker on the code. So a
 * record's problem is moved to the nearest enclosing class, interface or enum, which has a
 * position; a top-level record has none, and keeps its message where it was.
 */
final class EcjPositions {
  private EcjPositions() {}

  /** Whether the processor runs inside ECJ, whose Messager is its own class. */
  static boolean isEcj(Messager messager) {
    return messager.getClass().getName().startsWith("org.eclipse.jdt.");
  }

  /** Whether ECJ gives {@code element} no position: a record, its component or its field. */
  static boolean hasNoPosition(Element element) {
    switch (element.getKind()) {
      case RECORD:
      case RECORD_COMPONENT:
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
}
