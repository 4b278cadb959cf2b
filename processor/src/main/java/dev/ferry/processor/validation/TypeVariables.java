package dev.ferry.processor.validation;

import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * The type variables in a type: which it names, and the type with another type for one, built
 * through {@link Types} (which has no substitution of its own): {@code Pair<T, T>} with {@code
 * Integer} for {@code T} is {@code Pair<Integer, Integer>}; {@code Comparable<T>} with {@code
 * Number} for {@code T} is {@code Comparable<Number>}.
 */
public final class TypeVariables {
  private TypeVariables() {}

  /** Calls {@code action} with each type variable that occurs in {@code type}. */
  public static void forEachVariable(TypeMirror type, Consumer<TypeParameterElement> action) {
    switch (type.getKind()) {
      case TYPEVAR:
        if (((TypeVariable) type).asElement() instanceof TypeParameterElement variable) {
          action.accept(variable);
        }
        return;
      case ARRAY:
        forEachVariable(((ArrayType) type).getComponentType(), action);
        return;
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          forEachVariable(wildcard.getExtendsBound(), action);
        }
        if (wildcard.getSuperBound() != null) {
          forEachVariable(wildcard.getSuperBound(), action);
        }
        return;
      case DECLARED:
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          forEachVariable(argument, action);
        }
        return;
      default:
    }
  }

  /**
   * Whether {@code used}, the element of a use of a type variable, is {@code variable}, its
   * declaration. ECJ gives a type-annotated use ({@code Map<@Note T, String>}) an element of its
   * own, equal to the declared one in name and owner only: compared by {@code equals} alone, such a
   * {@code T} was taken for no variable of its type under ECJ, where javac took it for {@code T}.
   */
  public static boolean is(Element used, Element variable) {
    return used.equals(variable)
        || used.getSimpleName().contentEquals(variable.getSimpleName())
            && used.getEnclosingElement() != null
            && used.getEnclosingElement().equals(variable.getEnclosingElement());
  }

  /** The index among {@code parameters} of the variable {@code used} is ({@link #is}), or -1. */
  public static int indexIn(List<? extends TypeParameterElement> parameters, Element used) {
    for (int i = 0; i < parameters.size(); i++) {
      if (is(used, parameters.get(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code type} with {@code by} for each use of {@code variable} (a type parameter) in it. */
  public static TypeMirror substitute(
      Types types, TypeMirror type, Element variable, TypeMirror by) {
    switch (type.getKind()) {
      case TYPEVAR:
        return is(((TypeVariable) type).asElement(), variable) ? by : type;
      case ARRAY:
        return types.getArrayType(
            substitute(types, ((ArrayType) type).getComponentType(), variable, by));
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return types.getWildcardType(
            wildcard.getExtendsBound() == null
                ? null
                : substitute(types, wildcard.getExtendsBound(), variable, by),
            wildcard.getSuperBound() == null
                ? null
                : substitute(types, wildcard.getSuperBound(), variable, by));
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (declared.getTypeArguments().isEmpty()) {
          return type;
        }
        TypeMirror[] arguments =
            declared.getTypeArguments().stream()
                .map(argument -> substitute(types, argument, variable, by))
                .toArray(TypeMirror[]::new);
        TypeElement element = (TypeElement) declared.asElement();
        return declared.getEnclosingType() instanceof DeclaredType outer
                && !outer.getTypeArguments().isEmpty()
            ? types.getDeclaredType(
                (DeclaredType) substitute(types, outer, variable, by), element, arguments)
            : types.getDeclaredType(element, arguments);
      default:
        return type;
    }
  }
}
