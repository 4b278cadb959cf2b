package dev.ferry.processor.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * The deprecated elements a codec names, gathered while its type is analyzed: the lint categories
 * ({@code "deprecation"}, {@code "removal"}) its generated class must suppress so that a build with
 * {@code -Xlint:all -Werror} still compiles it. Only categories that are used are kept, since ECJ
 * warns about an unnecessary {@code @SuppressWarnings}.
 *
 * <p>javac warns about a use of a deprecated type (or of a type nested in one, since the codec
 * names it through its enclosing class), constructor, method or field; one deprecated {@code
 * forRemoval} is reported as {@code removal} only. Deprecation by a Javadoc tag alone is not
 * read: javac's own {@code dep-ann} lint already asks for the annotation there. An element counts
 * only where the compiler at hand reports its use: javac reports the implicit accessor of a
 * {@code @Deprecated} record component, ECJ does not. And ECJ (3.46) reports a parameterized use of
 * a generic type deprecated {@code forRemoval} ({@code Pair<String, Integer>}, {@code Pair<?, ?>})
 * as {@code deprecation}, a raw one ({@code new Pair(a, b)}) as {@code removal}; nor does it report
 * a generic type a parameterized one is nested in ({@code Old} in {@code Old.Inner<?>}, for {@code
 * Old<T>}), which javac does.
 */
final class Deprecations {
  private static final String DEPRECATED = "java.lang.Deprecated";

  /** The lint categories a codec may suppress for deprecated elements, in the order it does. */
  static final List<String> CATEGORIES = List.of("deprecation", "removal");

  private final Predicate<Element> reported;
  /** Whether the compiler reports a parameterized use of a type for removal as deprecation (ECJ). */
  private final boolean parameterizedRemovalIsDeprecation;
  private boolean deprecation;
  private boolean removal;

  /**
   * @param reported whether the compiler at hand reports a use of an element as deprecated ({@code
   *     Elements.isDeprecated}): an element it does not report, though annotated, needs no
   *     suppression, which ECJ would call unnecessary
   * @param parameterizedRemovalIsDeprecation whether the compiler reports a parameterized use of a
   *     generic type deprecated for removal as {@code deprecation} (ECJ does)
   */
  Deprecations(Predicate<Element> reported, boolean parameterizedRemovalIsDeprecation) {
    this.reported = reported;
    this.parameterizedRemovalIsDeprecation = parameterizedRemovalIsDeprecation;
  }

  /** Notes a constructor, method or field the codec calls or reads. */
  void use(Element element) {
    if (element != null) {
      note(element);
    }
  }

  /** Notes a type the codec names, with its enclosing types, type arguments and bounds. */
  void use(TypeMirror type) {
    use(type, 0);
  }

  private void use(TypeMirror type, int depth) {
    if (type == null || depth > 32) {
      return; // deep enough: a recursive bound (T extends Comparable<T>) is seen once already
    }
    switch (type.getKind()) {
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        if (declared.getTypeArguments().isEmpty()) {
          useType(declared.asElement());
        } else {
          useParameterized(declared.asElement());
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          use(argument, depth + 1);
        }
      }
      case ARRAY -> use(((ArrayType) type).getComponentType(), depth + 1);
      case WILDCARD -> {
        WildcardType wildcard = (WildcardType) type;
        use(wildcard.getExtendsBound(), depth + 1);
        use(wildcard.getSuperBound(), depth + 1);
      }
      case TYPEVAR -> use(((TypeVariable) type).getUpperBound(), depth + 1);
      case INTERSECTION -> {
        for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
          use(bound, depth + 1);
        }
      }
      default -> {}
    }
  }

  /** Notes a type and the types it is nested in, each of which the codec's source names. */
  void useType(Element type) {
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      note(e, false);
    }
  }

  /**
   * Notes a generic type named with type arguments ({@code Pair<?, ?>}, as a codec's signature
   * names its own generic type), and the types it is nested in, which are named raw (ECJ reports
   * no generic one of those).
   */
  void useParameterized(Element type) {
    note(type, true);
    for (Element e = type.getEnclosingElement();
        e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (!parameterizedRemovalIsDeprecation || t.getTypeParameters().isEmpty()) {
        note(t, false);
      }
    }
  }

  private void note(Element element) {
    note(element, false);
  }

  private void note(Element element, boolean parameterized) {
    if (!reported.test(element)) {
      return;
    }
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      Element annotation = mirror.getAnnotationType().asElement();
      if (annotation instanceof TypeElement t && t.getQualifiedName().contentEquals(DEPRECATED)) {
        if (forRemoval(mirror) && !(parameterized && parameterizedRemovalIsDeprecation)) {
          removal = true;
        } else {
          deprecation = true;
        }
        return;
      }
    }
  }

  private static boolean forRemoval(AnnotationMirror deprecated) {
    for (var entry : deprecated.getElementValues().entrySet()) {
      ExecutableElement name = entry.getKey();
      AnnotationValue value = entry.getValue();
      if (name.getSimpleName().contentEquals("forRemoval")) {
        return Boolean.TRUE.equals(value.getValue());
      }
    }
    return false;
  }

  /** The lint categories to suppress, in a fixed order; empty when nothing used is deprecated. */
  List<String> warnings() {
    List<String> warnings = new ArrayList<>(2);
    if (deprecation) {
      warnings.add("deprecation");
    }
    if (removal) {
      warnings.add("removal");
    }
    return List.copyOf(warnings);
  }
}
