package dev.ferry.processor.checker;

import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;

/**
 * The values a call sends through a raw type of a class whose type variable crosses: {@code
 * raw.set(channel)} or {@code new Holder(channel)} for {@code class Holder<@Sent T>} with {@code
 * Holder(T value)} and {@code set(T value)}. No type argument stands for the variable, so none is
 * written where the checker would check it as it becomes concrete ({@code Holder<Channel<Job>>}),
 * and the erased parameter ({@code Object}) says nothing; yet each argument whose parameter is the
 * variable itself, or its varargs array, is one of its values. Such a parameter is taken as
 * marked with the variable's crossing, so its argument is checked by its own type, as a raw
 * {@code Channel}'s {@code send(@Sent T)} is. A parameter that only mentions the variable ({@code
 * Chan<T> channel}) is not what is sent, and stays unchecked, as in an override by erasure.
 */
final class RawVariables {
  private RawVariables() {}

  /**
   * {@code marked} ({@link Markers#parametersOf}) with each unmarked parameter of {@code method}
   * whose type is a crossing variable of its class, {@code variables} ({@link SentVariables#of}),
   * marked with that variable's crossing; {@code marked} itself when there is none. Call it only
   * where the call sees the method's class raw.
   */
  static Crossing[] marked(Crossing[] marked, ExecutableElement method, Crossing[] variables) {
    if (variables.length == 0
        || method.getModifiers().contains(Modifier.STATIC)
        || !(method.getEnclosingElement() instanceof TypeElement declaring)) {
      return marked;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    Crossing[] result = null;
    for (int p = 0; p < parameters.size(); p++) {
      if (p < marked.length && marked[p] != null) {
        continue; // checked by its own marker already
      }
      Crossing crossing = crossingOf(parameterType(method, p), declaring, variables);
      if (crossing != null) {
        result = result == null ? Arrays.copyOf(marked, parameters.size()) : result;
        result[p] = crossing;
      }
    }
    return result == null ? marked : result;
  }

  /** A parameter's type, a varargs parameter's by its elements ({@code T... values} holds {@code T}s). */
  private static TypeMirror parameterType(ExecutableElement method, int p) {
    TypeMirror type = method.getParameters().get(p).asType();
    return method.isVarArgs()
            && p == method.getParameters().size() - 1
            && type instanceof ArrayType array
        ? array.getComponentType()
        : type;
  }

  /** The crossing of the variable of {@code declaring} that {@code type} is, or null. */
  private static Crossing crossingOf(
      TypeMirror type, TypeElement declaring, Crossing[] variables) {
    for (int v = 0; v < variables.length && v < declaring.getTypeParameters().size(); v++) {
      if (variables[v] != null
          && InheritedVariables.OWN.isVariable(type, declaring.getTypeParameters().get(v))) {
        return variables[v];
      }
    }
    return null;
  }
}
