package dev.ferry.processor.checker;

import dev.ferry.processor.validation.MemberTypes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
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
 * List<T> values}) is not itself what is sent, so its argument is not checked whole (an {@code
 * Iterator<Job>} has no codec, and need not): what the argument's type gives the variable is
 * ({@link #within}), matched as the compiler would infer it for {@code Holder<T>} ({@code
 * Channel<Job>} from an {@code ArrayList<Channel<Job>>}), each argument alone, since a raw call
 * ties no two of them together; nothing where it cannot be matched (a raw {@code List}).
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

  /**
   * A type an argument of a call through a raw type gives a crossing variable of the method's
   * class inside its parameter's type: {@code Channel<Job>} for {@code T} from {@code lanes}, a
   * {@code List<Channel<Job>>} passed to {@code setAll(List<T> values)}.
   *
   * @param argument the argument's index in the call
   */
  record Within(int argument, TypeParameterElement variable, Crossing crossing, TypeMirror type) {}

  /**
   * For a call of {@code method} through a raw type of its class, whose crossing variables are
   * {@code variables} ({@link SentVariables#of}), the types its arguments give them inside the
   * parameters that mention them ({@link CallCarriers#typeWithin}); not for a parameter checked by
   * its own marker or as the variable itself ({@code marked}, from {@link #marked}). {@code
   * received} holds each argument's type (null: unknown); {@code spread}: the varargs values are
   * written one by one.
   */
  static List<Within> within(
      Crossing[] marked,
      ExecutableElement method,
      Crossing[] variables,
      List<? extends TypeMirror> received,
      boolean spread,
      MemberTypes memberTypes) {
    List<Within> found = new ArrayList<>();
    List<? extends VariableElement> parameters = method.getParameters();
    if (variables.length == 0
        || parameters.isEmpty()
        || method.getModifiers().contains(Modifier.STATIC)
        || !(method.getEnclosingElement() instanceof TypeElement declaring)) {
      return found;
    }
    int last = parameters.size() - 1;
    for (int i = 0; i < received.size() && (i <= last || spread); i++) {
      int p = Math.min(i, last);
      if (p < marked.length && marked[p] != null) {
        continue;
      }
      TypeMirror declared =
          spread && p == last ? parameterType(method, p) : parameters.get(p).asType();
      for (int v = 0; v < variables.length && v < declaring.getTypeParameters().size(); v++) {
        TypeParameterElement variable = declaring.getTypeParameters().get(v);
        if (variables[v] == null || !CallCarriers.mentions(declared, variable)) {
          continue;
        }
        TypeMirror type =
            CallCarriers.typeWithin(declared, received.get(i), variable, memberTypes);
        if (type != null) {
          found.add(new Within(i, variable, variables[v], CrossingTypes.uncaptured(type)));
          break; // one type told on an argument: its first mistake
        }
      }
    }
    return found;
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
