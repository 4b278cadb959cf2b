package dev.ferry.processor.diagnostic;

import java.util.List;
import java.util.function.Function;
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
 *
 * <p>Mid-edit, the annotation may not resolve yet: {@code @SuppressWarnin("ferry")} half typed, or
 * {@code @SuppressWarnings} shadowed by a class of that name whose import is missing. The compiler
 * reports that annotation; an annotation that does not resolve and names the rule or {@code
 * "ferry"} in a string is taken for the suppression it is being written as, so the problem it
 * silences does not appear beside the compiler's error and vanish when the typo is fixed. javac
 * leaves such an annotation off the element during the rounds, so its strings come from the
 * caller ({@code unresolvedStrings}, read from javac's trees).
 */
public final class Suppressions {
  private static final String ALL = "ferry";

  private Suppressions() {}

  /** Whether {@code rule} is silenced on {@code element} or any declaration around it. */
  public static boolean isSuppressed(Element element, Rule rule) {
    return isSuppressed(element, rule, e -> List.of());
  }

  /**
   * Whether {@code rule} is silenced on {@code element} or any declaration around it, or may be
   * once an annotation there resolves: {@code unresolvedStrings} gives the string literals in a
   * declaration's annotations that the compiler has not resolved and left off the element.
   */
  public static boolean isSuppressed(
      Element element, Rule rule, Function<Element, List<String>> unresolvedStrings) {
    for (Element e = element; e != null && !isPackageOrModule(e); e = e.getEnclosingElement()) {
      if (suppresses(e, rule)
          || unresolvedStrings.apply(e).stream().anyMatch(text -> names(text, rule))) {
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
      if (!isSuppressWarnings(annotation)) {
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

  private static boolean isSuppressWarnings(AnnotationMirror annotation) {
    return annotation.getAnnotationType().asElement() instanceof TypeElement type
        && type.getQualifiedName().contentEquals("java.lang.SuppressWarnings");
  }

  private static boolean isValue(ExecutableElement member) {
    return member.getSimpleName().contentEquals("value");
  }

  private static boolean names(AnnotationValue value, Rule rule) {
    Object v = value.getValue();
    if (v instanceof List<?> list) {
      return list.stream().anyMatch(item -> item instanceof AnnotationValue a && names(a, rule));
    }
    return v instanceof String text && names(text, rule);
  }

  private static boolean names(String text, Rule rule) {
    return ALL.equals(text) || rule.suppressionKey().equals(text);
  }
}
