package dev.ferry.processor.checker;

import dev.ferry.processor.validation.FerryAnnotations;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;

/**
 * The Ferry markers of methods and generic types, read once per element for the whole
 * compilation: the scan meets the same few APIs at thousands of call sites, and most methods
 * carry no marker at all, which this answers with one map lookup.
 */
final class Markers {
  private static final Crossing[] NONE = new Crossing[0];
  private static final boolean[] NOT_SENT = new boolean[0];

  private final Map<ExecutableElement, Crossing[]> parameters = new HashMap<>();
  private final Map<Parameterizable, boolean[]> typeParameters = new HashMap<>();

  /** How each parameter's argument crosses (null where it does not), or an empty array for none. */
  Crossing[] parametersOf(ExecutableElement method) {
    return parameters.computeIfAbsent(method, Markers::readParameters);
  }

  /** Which type parameters are {@code @Sent}, or an empty array when none is. */
  boolean[] sentTypeParametersOf(Parameterizable generic) {
    return typeParameters.computeIfAbsent(generic, Markers::readTypeParameters);
  }

  private static Crossing[] readParameters(ExecutableElement method) {
    List<? extends VariableElement> list = method.getParameters();
    Crossing[] crossings = new Crossing[list.size()];
    boolean any = false;
    for (int i = 0; i < crossings.length; i++) {
      crossings[i] = crossingOf(list.get(i));
      any |= crossings[i] != null;
    }
    return any ? crossings : NONE;
  }

  private static boolean[] readTypeParameters(Parameterizable generic) {
    List<? extends TypeParameterElement> list = generic.getTypeParameters();
    boolean[] sent = new boolean[list.size()];
    boolean any = false;
    for (int i = 0; i < sent.length; i++) {
      sent[i] = FerryAnnotations.find(list.get(i), FerryAnnotations.SENT).isPresent();
      any |= sent[i];
    }
    return any ? sent : NOT_SENT;
  }

  private static Crossing crossingOf(Element parameter) {
    for (Crossing crossing : Crossing.values()) {
      if (FerryAnnotations.find(parameter, crossing.marker()).isPresent()) {
        return crossing;
      }
    }
    return null;
  }
}
