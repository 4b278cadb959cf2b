package dev.ferry.processor.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The types a {@code ? super X} can stand for as the argument of a type variable whose bound
 * names the variable itself: for {@code record K<T extends Comparable<T>>(T value)}, a {@code K<?
 * super Integer>} is a {@code K<S>} for some supertype {@code S} of {@code Integer} with {@code S
 * extends Comparable<S>}, and of {@code Integer}'s supertypes ({@code Number}, {@code Object},
 * {@code Serializable}, {@code Comparable<Integer>}, {@code Constable}, {@code ConstantDesc}) only
 * {@code Integer} itself is one, so every such value is a {@code K<Integer>}.
 *
 * <p>Algorithm: walk {@code X} and its supertypes ({@link Types#directSupertypes}, transitively),
 * and keep each {@code S} that is a subtype of every bound with {@code S} for the variable. A
 * generic supertype is tried as the compiler gives it ({@code Comparable<Integer>}) and with
 * wildcards for its arguments ({@code Comparable<?>}), since a wildcard parameterization is a
 * supertype too, and may meet a bound its declared form does not ({@code interface W<A> extends
 * Comparable<W<?>>}: {@code W<?>} does).
 */
final class SelfBoundedSupers {
  private SelfBoundedSupers() {}

  /**
   * The types {@code ? super lower} can stand for as the argument of {@code variable}, or null when
   * they cannot be judged here: a bound that does not name {@code variable} (a bound that crosses is
   * judged as it is), or one that names another type variable, whose argument is not known here.
   */
  static List<TypeMirror> candidates(
      Types types, TypeParameterElement variable, TypeMirror lower) {
    if (!namesOnlyItself(variable)) {
      return null;
    }
    List<TypeMirror> candidates = new ArrayList<>();
    for (TypeMirror supertype : supertypesOf(types, lower)) {
      if (withinBounds(types, variable, supertype)) {
        candidates.add(supertype);
      } else if (supertype instanceof DeclaredType declared
          && !declared.getTypeArguments().isEmpty()) {
        TypeMirror wildcards = withWildcards(types, declared);
        if (wildcards != null && withinBounds(types, variable, wildcards)) {
          candidates.add(wildcards);
        }
      }
    }
    return candidates;
  }

  /** Whether some bound of {@code variable} names it, and none names another type variable. */
  private static boolean namesOnlyItself(TypeParameterElement variable) {
    boolean[] names = {false, false}; // {itself, another}
    for (TypeMirror bound : variable.getBounds()) {
      TypeVariables.forEachVariable(bound, v -> names[v.equals(variable) ? 0 : 1] = true);
    }
    return names[0] && !names[1];
  }

  /** {@code type} and all its supertypes, each once. */
  private static List<TypeMirror> supertypesOf(Types types, TypeMirror type) {
    List<TypeMirror> found = new ArrayList<>();
    Deque<TypeMirror> queue = new ArrayDeque<>(List.of(type));
    while (!queue.isEmpty()) {
      TypeMirror next = queue.poll();
      if (found.stream().noneMatch(seen -> types.isSameType(seen, next))) {
        found.add(next);
        queue.addAll(types.directSupertypes(next));
      }
    }
    return found;
  }

  /** Whether {@code candidate} is a subtype of each bound of {@code variable}, itself for it. */
  private static boolean withinBounds(
      Types types, TypeParameterElement variable, TypeMirror candidate) {
    for (TypeMirror bound : variable.getBounds()) {
      TypeMirror substituted = TypeVariables.substitute(types, bound, variable, candidate);
      if (!types.isSubtype(candidate, substituted)) {
        return false;
      }
    }
    return true;
  }

  /** {@code type}'s class with an unbounded wildcard for each argument, or null. */
  private static TypeMirror withWildcards(Types types, DeclaredType type) {
    TypeElement element = (TypeElement) type.asElement();
    if (type.getEnclosingType().getKind() == TypeKind.DECLARED
        && !((DeclaredType) type.getEnclosingType()).getTypeArguments().isEmpty()) {
      return null; // an inner class of a generic class: rare, and left to its declared form
    }
    TypeMirror[] wildcards = new TypeMirror[type.getTypeArguments().size()];
    for (int i = 0; i < wildcards.length; i++) {
      wildcards[i] = types.getWildcardType(null, null);
    }
    return types.getDeclaredType(element, wildcards);
  }
}
