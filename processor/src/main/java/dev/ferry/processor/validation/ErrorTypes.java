package dev.ferry.processor.validation;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Types that did not resolve, as code mid-edit has them: javac and ECJ give such a type the kind
 * {@link TypeKind#ERROR} and report it themselves, so Ferry says nothing about a type, a codec or a
 * value that mentions one (it would be a follow-on error that goes away with the compiler's).
 */
public final class ErrorTypes {
  private ErrorTypes() {}

  /**
   * Whether {@code type} is unresolved or mentions an unresolved type: as a type argument, a
   * wildcard's bound, an array's component, an intersection's bound, or a type variable's bound
   * ({@code T extends Missing}).
   */
  public static boolean mentions(TypeMirror type) {
    return mentions(type, new HashSet<>());
  }

  private static boolean mentions(TypeMirror type, Set<TypeVariable> seen) {
    if (type == null) {
      return false;
    }
    switch (type.getKind()) {
      case ERROR:
        return true;
      case ARRAY:
        return mentions(((ArrayType) type).getComponentType(), seen);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return mentions(wildcard.getExtendsBound(), seen)
            || mentions(wildcard.getSuperBound(), seen);
      case INTERSECTION:
        return ((IntersectionType) type).getBounds().stream().anyMatch(b -> mentions(b, seen));
      case TYPEVAR:
        // T extends Comparable<T> mentions itself: each variable is looked into once.
        return seen.add((TypeVariable) type)
            && mentions(((TypeVariable) type).getUpperBound(), seen);
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream().anyMatch(a -> mentions(a, seen));
      default:
        return false;
    }
  }

  /** Whether {@code element} carries an annotation of a type that does not resolve. */
  public static boolean inAnnotations(Element element) {
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      if (mirror.getAnnotationType().getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a supertype of {@code type}, at any depth, mentions an unresolved type: a class that
   * {@code implements Codec<Missing>}, or names {@code Codec} without importing it.
   */
  public static boolean inSupertypes(TypeElement type) {
    return inSupertypes(type, new HashSet<>());
  }

  private static boolean inSupertypes(TypeElement type, Set<TypeElement> seen) {
    if (!seen.add(type)) {
      return false;
    }
    java.util.List<TypeMirror> supertypes = new java.util.ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    for (TypeMirror supertype : supertypes) {
      if (mentions(supertype)) {
        return true;
      }
      if (supertype instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element
          && inSupertypes(element, seen)) {
        return true;
      }
    }
    return false;
  }
}
