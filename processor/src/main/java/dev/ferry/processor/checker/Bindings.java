package dev.ferry.processor.checker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * The types a call gives to a generic method's type variables, explicit or inferred: javac
 * records the instantiated signature on the call's method name, which has the declared
 * signature's structure with each variable replaced, so pairing the two finds each variable's
 * type. Also the descriptor of a functional interface type (the parameter types of its one
 * abstract method), for what a method reference receives.
 */
final class Bindings {
  private final Types types;
  private final Map<TypeElement, ExecutableElement> functionalMethods = new HashMap<>();

  Bindings(Types types) {
    this.types = types;
  }

  /** Each type variable of {@code method} that {@code instantiated} gives a type, with that type. */
  static Map<TypeParameterElement, TypeMirror> of(
      ExecutableElement method, ExecutableType instantiated) {
    Map<TypeParameterElement, TypeMirror> bound = new HashMap<>();
    List<? extends TypeMirror> declared = ((ExecutableType) method.asType()).getParameterTypes();
    List<? extends TypeMirror> actual = instantiated.getParameterTypes();
    for (int i = 0; i < declared.size() && i < actual.size(); i++) {
      pair(declared.get(i), actual.get(i), method, bound);
    }
    pair(((ExecutableType) method.asType()).getReturnType(), instantiated.getReturnType(), method, bound);
    return bound;
  }

  private static void pair(
      TypeMirror declared,
      TypeMirror actual,
      ExecutableElement method,
      Map<TypeParameterElement, TypeMirror> bound) {
    if (actual == null) {
      return;
    }
    switch (declared.getKind()) {
      case TYPEVAR:
        Element variable = ((TypeVariable) declared).asElement();
        if (variable instanceof TypeParameterElement p && p.getGenericElement().equals(method)) {
          bound.putIfAbsent(p, actual);
        }
        return;
      case ARRAY:
        if (actual.getKind() == TypeKind.ARRAY) {
          pair(((ArrayType) declared).getComponentType(), ((ArrayType) actual).getComponentType(),
              method, bound);
        }
        return;
      case WILDCARD:
        if (actual.getKind() == TypeKind.WILDCARD) {
          WildcardType d = (WildcardType) declared;
          WildcardType a = (WildcardType) actual;
          if (d.getExtendsBound() != null) {
            pair(d.getExtendsBound(), a.getExtendsBound(), method, bound);
          }
          if (d.getSuperBound() != null) {
            pair(d.getSuperBound(), a.getSuperBound(), method, bound);
          }
        }
        return;
      case DECLARED:
        if (actual.getKind() == TypeKind.DECLARED) {
          List<? extends TypeMirror> d = ((DeclaredType) declared).getTypeArguments();
          List<? extends TypeMirror> a = ((DeclaredType) actual).getTypeArguments();
          for (int i = 0; i < d.size() && i < a.size(); i++) {
            pair(d.get(i), a.get(i), method, bound);
          }
        }
        return;
      default:
    }
  }

  /**
   * The parameter types of the one abstract method of a functional interface type, as that type
   * instantiates them ({@code Consumer<Channel<String>>} gives {@code [Channel<String>]}), or null
   * when {@code type} is not a functional interface type.
   */
  List<? extends TypeMirror> descriptor(TypeMirror type) {
    ExecutableElement method = functionalMethod(type);
    if (method == null) {
      return null;
    }
    TypeMirror member = types.asMemberOf((DeclaredType) type, method);
    return member instanceof ExecutableType executable ? executable.getParameterTypes() : null;
  }

  /**
   * The one abstract method of a functional interface type, as declared, or null when {@code
   * type} is not a functional interface type: the method whose parameters' markers a lambda's
   * parameters and a method reference's values stand under.
   */
  ExecutableElement functionalMethod(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)) {
      return null;
    }
    return functionalMethods.computeIfAbsent(element, Bindings::findFunctionalMethod);
  }

  /** The first abstract method found in the interface or, breadth first, its superinterfaces. */
  static ExecutableElement findFunctionalMethod(TypeElement element) {
    if (element.getKind() != javax.lang.model.element.ElementKind.INTERFACE) {
      return null;
    }
    java.util.ArrayDeque<TypeElement> queue = new java.util.ArrayDeque<>(List.of(element));
    while (!queue.isEmpty()) {
      TypeElement current = queue.poll();
      for (ExecutableElement m : ElementFilter.methodsIn(current.getEnclosedElements())) {
        if (m.getModifiers().contains(javax.lang.model.element.Modifier.ABSTRACT)
            && !isObjectMethod(m)) {
          return m;
        }
      }
      for (TypeMirror i : current.getInterfaces()) {
        if (i instanceof DeclaredType d && d.asElement() instanceof TypeElement t) {
          queue.add(t);
        }
      }
    }
    return null;
  }

  /** {@code equals}, {@code hashCode}, {@code toString}: abstract in an interface, not its method. */
  private static boolean isObjectMethod(ExecutableElement m) {
    String name = m.getSimpleName().toString();
    int arity = m.getParameters().size();
    return (name.equals("equals") && arity == 1)
        || (name.equals("hashCode") && arity == 0)
        || (name.equals("toString") && arity == 0);
  }
}
