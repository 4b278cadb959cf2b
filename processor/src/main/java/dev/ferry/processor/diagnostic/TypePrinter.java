package dev.ferry.processor.diagnostic;

import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Prints a type as a user writes it: simple names, e.g. {@code List<Channel<String>>}. An
 * intersection that javac infers (the type of {@code flag ? "a" : 1}) prints its interfaces
 * without {@code Object}, and a wildcard bounded by such a recursive type as {@code ?}: {@code
 * Serializable & Comparable<?> & Constable & ConstantDesc}.
 */
public final class TypePrinter {
  private TypePrinter() {}

  /**
   * A type's simple name; for an anonymous class, which has none, its supertype's: {@code
   * anonymous Runnable}.
   */
  public static String name(TypeElement element) {
    if (element.getNestingKind() != NestingKind.ANONYMOUS) {
      return element.getSimpleName().toString();
    }
    TypeMirror supertype =
        element.getInterfaces().isEmpty()
            ? element.getSuperclass()
            : element.getInterfaces().get(0);
    return "anonymous " + print(supertype);
  }

  /** How a message names a method, or a constructor: by its class's simple name, not {@code <init>}. */
  public static String nameOf(Element executable) {
    return executable.getKind() == ElementKind.CONSTRUCTOR
        ? executable.getEnclosingElement().getSimpleName().toString()
        : executable.getSimpleName().toString();
  }

  public static String print(TypeMirror type) {
    switch (type.getKind()) {
      case INTERSECTION:
        String bounds =
            ((IntersectionType) type).getBounds().stream()
                .filter(b -> !b.toString().equals("java.lang.Object"))
                .map(TypePrinter::print)
                .collect(Collectors.joining(" & "));
        return bounds.isEmpty() ? "Object" : bounds;
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = name((TypeElement) declared.asElement());
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        return name
            + declared.getTypeArguments().stream()
                .map(TypePrinter::print)
                .collect(Collectors.joining(", ", "<", ">"));
      case ARRAY:
        return print(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          if (wildcard.getExtendsBound().getKind() == TypeKind.INTERSECTION) {
            return "?";
          }
          return "? extends " + print(wildcard.getExtendsBound());
        }
        if (wildcard.getSuperBound() != null) {
          return "? super " + print(wildcard.getSuperBound());
        }
        return "?";
      case TYPEVAR:
        return printVariable((TypeVariable) type);
      default:
        return type.toString();
    }
  }

  /**
   * A type variable by its name; a compiler's capture of a wildcard (javac's {@code capture#116 of
   * ? super Job}, a name no declared variable has) as the wildcard the user wrote.
   */
  private static String printVariable(TypeVariable variable) {
    if (SourceVersion.isIdentifier(variable.asElement().getSimpleName())) {
      return variable.toString();
    }
    TypeMirror upper = variable.getUpperBound();
    TypeMirror lower = variable.getLowerBound();
    if (upper != null
        && !upper.toString().equals("java.lang.Object")
        && upper.getKind() != TypeKind.INTERSECTION) {
      return "? extends " + print(upper);
    }
    if (lower != null && lower.getKind() != TypeKind.NULL && lower.getKind() != TypeKind.NONE) {
      return "? super " + print(lower);
    }
    return "?";
  }
}
