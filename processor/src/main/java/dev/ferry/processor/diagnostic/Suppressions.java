package dev.ferry.processor.diagnostic;

import java.util.List;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/**
 * Reads {@code @SuppressWarnings("ferry:RULE")} and {@code @SuppressWarnings("ferry")} on an element
 * and every declaration that encloses it, up to its outermost type: not on a package, where javac
 * rejects {@code @SuppressWarnings} (it is not one of the annotation's targets) and ECJ accepts it,
 * so a {@code package-info} would silence the whole package in Eclipse alone.
 */
public final class Suppressions {
  private static final String ALL = "ferry";

  private Suppressions() {}

  /** Whether {@code rule} is silenced on {@code element} or any declaration around it. */
  public static boolean isSuppressed(Element element, Rule rule) {
    for (Element e = element; e != null && !isPackageOrModule(e); e = e.getEnclosingElement()) {
      if (suppresses(e, rule)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isPackageOrModule(Element element) {
    return element.getKind() == ElementKind.PACKAGE || element.getKind() == ElementKind.MODULE;
  }

  private static boolean suppresses(Element element, Rule rule) {
    for (AnnotationMirror annotation : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) annotation.getAnnotationType().asElement();
      if (!type.getQualifiedName().contentEquals("java.lang.SuppressWarnings")) {
        continue;
      }
      for (var entry : annotation.getElementValues().entrySet()) {
        if (isValue(entry.getKey()) && names(entry.getValue(), rule)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isValue(ExecutableElement member) {
    return member.getSimpleName().contentEquals("value");
  }

  private static boolean names(AnnotationValue value, Rule rule) {
    Object v = value.getValue();
    if (v instanceof List<?> list) {
      return list.stream().anyMatch(item -> item instanceof AnnotationValue a && names(a, rule));
    }
    return ALL.equals(v) || rule.suppressionKey().equals(v);
  }
}
