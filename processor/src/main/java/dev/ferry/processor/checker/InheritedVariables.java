package dev.ferry.processor.checker;

import dev.ferry.processor.validation.TypeVariables;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * The type variables of a class that declares an inherited method, as the class a receiver has
 * sees them: for {@code class Sub<U> extends Base<U>}, {@code T} of {@code Base} is {@code U}
 * itself; for {@code Sub<U> extends Base<List<U>>} it mentions {@code U}; for {@code Sub extends
 * Base<Job>} it is none of {@code Sub}'s (the declaration fixed it, and is checked where written).
 * Read from the declarations' supertypes, at any depth and through interfaces, by the variables
 * each type argument names; no {@code Types} is asked, so javac's and ECJ's scanners share it.
 */
final class InheritedVariables {
  /** Each variable of the declaring class that is a variable of the receiver's class itself. */
  private final Map<TypeParameterElement, TypeParameterElement> exact;
  /** The receiver's class's variables that each variable of the declaring class mentions. */
  private final Map<TypeParameterElement, Set<TypeParameterElement>> mentioned;

  private InheritedVariables(
      Map<TypeParameterElement, TypeParameterElement> exact,
      Map<TypeParameterElement, Set<TypeParameterElement>> mentioned) {
    this.exact = exact;
    this.mentioned = mentioned;
  }

  /** A method of the receiver's class itself: each variable is its own. */
  static final InheritedVariables OWN = new InheritedVariables(Map.of(), Map.of());

  /**
   * How the variables of {@code method}'s class are given by {@code owner}'s, or null when that
   * class is not {@code owner} nor one of its supertypes.
   */
  static InheritedVariables of(TypeElement owner, ExecutableElement method) {
    if (!(method.getEnclosingElement() instanceof TypeElement declaring)) {
      return null;
    }
    if (owner.equals(declaring)) {
      return OWN;
    }
    Map<TypeParameterElement, TypeParameterElement> exact = new HashMap<>();
    Map<TypeParameterElement, Set<TypeParameterElement>> mentioned = new HashMap<>();
    for (TypeParameterElement variable : owner.getTypeParameters()) {
      exact.put(variable, variable);
      mentioned.put(variable, Set.of(variable));
    }
    return up(owner, declaring, exact, mentioned, new HashSet<>());
  }

  private static InheritedVariables up(
      TypeElement type,
      TypeElement declaring,
      Map<TypeParameterElement, TypeParameterElement> exact,
      Map<TypeParameterElement, Set<TypeParameterElement>> mentioned,
      Set<TypeElement> seen) {
    if (type.equals(declaring)) {
      return new InheritedVariables(exact, mentioned);
    }
    if (!seen.add(type)) {
      return null;
    }
    List<TypeMirror> supertypes = new java.util.ArrayList<>(type.getInterfaces());
    supertypes.add(0, type.getSuperclass());
    for (TypeMirror supertype : supertypes) {
      if (supertype.getKind() != TypeKind.DECLARED
          || !(((DeclaredType) supertype).asElement() instanceof TypeElement element)) {
        continue;
      }
      List<? extends TypeMirror> arguments = ((DeclaredType) supertype).getTypeArguments();
      List<? extends TypeParameterElement> variables = element.getTypeParameters();
      Map<TypeParameterElement, TypeParameterElement> upExact = new HashMap<>();
      Map<TypeParameterElement, Set<TypeParameterElement>> upMentioned = new HashMap<>();
      for (int i = 0; i < variables.size(); i++) {
        Set<TypeParameterElement> names = new HashSet<>();
        if (i < arguments.size()) { // else raw: it names none of ours
          TypeMirror argument = arguments.get(i);
          if (argument instanceof TypeVariable v && exact.get(v.asElement()) != null) {
            upExact.put(variables.get(i), exact.get(v.asElement()));
          }
          SentVariables.forEachVariable(
              argument, v -> names.addAll(mentioned.getOrDefault(v, Set.of())));
        }
        upMentioned.put(variables.get(i), names);
      }
      InheritedVariables found = up(element, declaring, upExact, upMentioned, seen);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /** Whether {@code type}, written in the declaring class, is the receiver's {@code variable}. */
  boolean isVariable(TypeMirror type, TypeParameterElement variable) {
    if (!(type instanceof TypeVariable v)) {
      return false;
    }
    return mentioned.containsKey(v.asElement())
        ? variable.equals(exact.get(v.asElement()))
        : TypeVariables.is(v.asElement(), variable);
  }

  /** Whether {@code type}, written in the declaring class, mentions the receiver's {@code variable}. */
  boolean mentions(TypeMirror type, TypeParameterElement variable) {
    boolean[] found = {false};
    SentVariables.forEachVariable(
        type,
        v ->
            found[0] |=
                mentioned.containsKey(v)
                    ? mentioned.get(v).contains(variable)
                    : v.equals(variable));
    return found[0];
  }
}
