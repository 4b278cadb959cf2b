package dev.ferry.processor.checker;

import dev.ferry.processor.validation.FerryAnnotations;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The Ferry markers of methods' parameters, read once per method for the whole compilation: the
 * scan meets the same few APIs at thousands of call sites, and most methods carry no marker at
 * all, which this answers with one map lookup.
 *
 * <p>Markers are inherited: an override of {@code send(@Sent T)} in a subclass or an
 * implementation sends its argument just the same, so a parameter without a marker of its own
 * takes the marker of the parameter it overrides.
 */
final class Markers {
  private static final Crossing[] NONE = new Crossing[0];

  private final Map<ExecutableElement, Crossing[]> parameters = new HashMap<>();
  private final Map<ExecutableElement, Map<TypeElement, Crossing[]>> inReceivers = new HashMap<>();
  private final Map<ExecutableElement, Map<TypeElement, List<ExecutableElement>>> implemented =
      new HashMap<>();
  private final Elements elements;
  private final Types types;

  Markers(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
  }

  /** How each parameter's argument crosses (null where it does not), or an empty array for none. */
  Crossing[] parametersOf(ExecutableElement method) {
    Crossing[] known = parameters.get(method);
    if (known == null) {
      known = readParameters(method);
      parameters.put(method, known);
    }
    return known;
  }

  /**
   * How each parameter's argument crosses at a call on a value of class {@code receiver} (null: not
   * known): as {@link #parametersOf}, and also by the markers of a method of {@code receiver}'s
   * supertypes that {@code method} implements only there. In {@code final class Both extends Impl
   * implements Outbox}, {@code Impl}'s {@code put(Object value)} implements {@code Outbox}'s {@code
   * put(@Sent Object value)} (JLS 8.4.8), so {@code both.put(thread)} sends the thread as {@code
   * outbox.put(thread)} does, though {@code impl.put(thread)} sends nothing.
   */
  Crossing[] parametersOf(ExecutableElement method, TypeElement receiver) {
    Crossing[] own = parametersOf(method);
    if (receiver == null
        || !mayOverride(method)
        || receiver.equals(method.getEnclosingElement())) {
      return own;
    }
    Map<TypeElement, Crossing[]> known = inReceivers.computeIfAbsent(method, m -> new HashMap<>());
    Crossing[] found = known.get(receiver);
    if (found == null) {
      found = readParameters(method, receiver, own);
      known.put(receiver, found);
    }
    return found;
  }

  /**
   * The methods of {@code receiver}'s supertypes that {@code method} implements only in that class
   * (see {@link #parametersOf(ExecutableElement, TypeElement)}), besides those it overrides in its
   * own; empty where {@code receiver} is null or the method's own class.
   */
  List<ExecutableElement> implementedIn(ExecutableElement method, TypeElement receiver) {
    if (receiver == null
        || !mayOverride(method)
        || receiver.equals(method.getEnclosingElement())) {
      return List.of();
    }
    return implemented
        .computeIfAbsent(method, m -> new HashMap<>())
        .computeIfAbsent(receiver, r -> overridden(method, r));
  }

  private Crossing[] readParameters(
      ExecutableElement method, TypeElement receiver, Crossing[] own) {
    Crossing[] crossings = null;
    int count = method.getParameters().size();
    for (ExecutableElement implemented : implementedIn(method, receiver)) {
      Crossing[] inherited = parametersOf(implemented);
      for (int i = 0; i < inherited.length && i < count; i++) {
        if (inherited[i] != null && (i >= own.length || own[i] == null)) {
          if (crossings == null) {
            crossings = own.length == count ? own.clone() : new Crossing[count];
          }
          if (crossings[i] == null) {
            crossings[i] = inherited[i];
          }
        }
      }
    }
    return crossings == null ? own : crossings;
  }

  /**
   * Whether a parameter of {@code method} carries a marker itself, not inherited: cheaper than
   * {@link #parametersOf}, enough where the supertypes are looked at anyway.
   */
  static boolean hasOwnMarker(ExecutableElement method) {
    for (VariableElement parameter : method.getParameters()) {
      if (crossingOf(parameter) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code parameter} is marked {@code @SpawnTarget}, itself or through the parameter it
   * overrides: its argument is then checked at each call, so forwarding it is legal.
   */
  boolean isTargetParameter(Element parameter) {
    return isTargetParameter(Slot.of(parameter));
  }

  /** Whether the parameter in {@code slot} (null: none) is marked {@code @SpawnTarget}. */
  boolean isTargetParameter(Slot slot) {
    return slot != null && crossingAt(slot) == Crossing.TARGET;
  }

  /**
   * Whether the value of {@code parameter}, passed on where a value crosses by {@code crossing},
   * was checked for that already at each call of its method: it is marked {@code @Sent} (a value
   * that may be sent may also be handed over at spawn) or marked as it crosses now, itself or
   * through the parameter it overrides. A {@code @SpawnArgument} passed on to a {@code @Sent}
   * parameter was not: it may hold handles. Nor was a varargs array, whose elements were checked,
   * passed on as one value ({@code elements} is false): an {@code Object[]} does not cross.
   */
  boolean vouchesFor(Element parameter, Crossing crossing, boolean elements) {
    return vouchesFor(Slot.of(parameter), crossing, elements);
  }

  /**
   * {@link #vouchesFor(Element, Crossing, boolean)} for the parameter in {@code slot} (null: none),
   * which may be a functional interface method's parameter that a lambda's parameter or a method
   * reference's value stands for: calls through the interface check their arguments as calls of
   * any marked method do.
   */
  boolean vouchesFor(Slot slot, Crossing crossing, boolean elements) {
    if (slot == null) {
      return false;
    }
    Crossing own = crossingAt(slot);
    ExecutableElement method = slot.method();
    boolean varargs = method.isVarArgs() && slot.index() == method.getParameters().size() - 1;
    return (own == Crossing.SENT || (own != null && own == crossing)) && (elements || !varargs);
  }

  /** How the parameter in {@code slot} crosses, by its own or an inherited marker, or null. */
  private Crossing crossingAt(Slot slot) {
    Crossing[] crossings = parametersOf(slot.method());
    return slot.index() < crossings.length ? crossings[slot.index()] : null;
  }

  /**
   * A method's parameter by position: a method's own, or the functional interface method's one
   * that a lambda's parameter (or a method reference's value) stands for.
   */
  record Slot(ExecutableElement method, int index) {
    /** The slot of a method's parameter, or null for any other variable. */
    static Slot of(Element parameter) {
      if (parameter.getKind() != ElementKind.PARAMETER
          || !(parameter.getEnclosingElement() instanceof ExecutableElement method)) {
        return null;
      }
      return of(method, parameter);
    }

    /** The slot of {@code parameter} among {@code method}'s, or null. */
    static Slot of(ExecutableElement method, Element parameter) {
      int index = indexOf(method, parameter);
      return index < 0 ? null : new Slot(method, index);
    }
  }

  /** Where {@code parameter} is among {@code method}'s, or -1. */
  private static int indexOf(ExecutableElement method, Element parameter) {
    // By name: ECJ makes a new element for each look-up, so identity does not find it.
    List<? extends VariableElement> list = method.getParameters();
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).getSimpleName().equals(parameter.getSimpleName())) {
        return i;
      }
    }
    return -1;
  }

  /** Whether any parameter of {@code method} is marked {@code @SpawnTarget}. */
  boolean takesTarget(ExecutableElement method) {
    for (Crossing crossing : parametersOf(method)) {
      if (crossing == Crossing.TARGET) {
        return true;
      }
    }
    return false;
  }

  private Crossing[] readParameters(ExecutableElement method) {
    List<? extends VariableElement> list = method.getParameters();
    if (list.isEmpty()) {
      return NONE;
    }
    Crossing[] crossings = new Crossing[list.size()];
    boolean any = false;
    for (int i = 0; i < crossings.length; i++) {
      crossings[i] = crossingOf(list.get(i));
      any |= crossings[i] != null;
    }
    if (mayOverride(method)) {
      for (ExecutableElement overridden : overridden(method)) {
        Crossing[] inherited = parametersOf(overridden);
        for (int i = 0; i < inherited.length && i < crossings.length; i++) {
          if (crossings[i] == null && inherited[i] != null) {
            crossings[i] = inherited[i];
            any = true;
          }
        }
        if (method.getTypeParameters().isEmpty()) {
          any |= inheritSentVariables(overridden, crossings);
        }
      }
    }
    return any ? crossings : NONE;
  }

  /**
   * Marks as sent each parameter of a method that is not generic whose place in {@code
   * overridden}, generic, is a type variable marked {@code <@Sent T>} ({@code T value}, {@code T...
   * values}): {@code void typed(Object value)} overrides {@code <@Sent T> void typed(T value)} by
   * erasure (JLS 8.4.2) and sends its argument just the same, though it has no type variable left to
   * carry the marker ({@link SentVariables} marks a generic override's). Only a parameter that is
   * the variable itself: in {@code Chan<T> channel}, erased to a raw {@code Chan}, the value is not
   * what is sent. Returns whether any was marked.
   */
  private static boolean inheritSentVariables(ExecutableElement overridden, Crossing[] crossings) {
    boolean any = false;
    List<? extends VariableElement> theirs = overridden.getParameters();
    for (int i = 0; i < theirs.size() && i < crossings.length; i++) {
      TypeMirror type = theirs.get(i).asType();
      if (type.getKind() == TypeKind.ARRAY) {
        type = ((ArrayType) type).getComponentType();
      }
      if (crossings[i] == null
          && type.getKind() == TypeKind.TYPEVAR
          && ((TypeVariable) type).asElement() instanceof TypeParameterElement variable
          && variable.getGenericElement().equals(overridden)
          && FerryAnnotations.isSent(variable)) {
        crossings[i] = Crossing.SENT;
        any = true;
      }
    }
    return any;
  }

  /**
   * The methods {@code method} overrides, in any supertype, whose markers it inherits: none for a
   * static, private or JDK method.
   */
  List<ExecutableElement> inheritsFrom(ExecutableElement method) {
    return mayOverride(method) ? overridden(method) : List.of();
  }

  /** Instance methods outside the JDK: a JDK method never overrides one of a marked API. */
  private static boolean mayOverride(ExecutableElement method) {
    return method.getKind() == ElementKind.METHOD
        && !method.getModifiers().contains(Modifier.STATIC)
        && !method.getModifiers().contains(Modifier.PRIVATE)
        && !isJdk(method);
  }

  /** Whether {@code element} belongs to the JDK, whose API carries no Ferry marker. */
  static boolean isJdk(Element element) {
    Element e = element;
    while (e != null && !(e instanceof PackageElement)) {
      e = e.getEnclosingElement();
    }
    if (e == null) {
      return false;
    }
    return isJdkPackage(((PackageElement) e).getQualifiedName().toString());
  }

  /** Whether a package, by its qualified name, is the JDK's. */
  static boolean isJdkPackage(String name) {
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
        || name.startsWith("sun.") || name.startsWith("com.sun.");
  }

  /** The methods of the supertypes of {@code method}'s class that it overrides directly. */
  private List<ExecutableElement> overridden(ExecutableElement method) {
    return method.getEnclosingElement() instanceof TypeElement owner
        ? overridden(method, owner)
        : List.of();
  }

  /** The methods of the supertypes of {@code owner} that {@code method} overrides in it. */
  private List<ExecutableElement> overridden(ExecutableElement method, TypeElement owner) {
    List<ExecutableElement> found = new ArrayList<>();
    Set<TypeElement> seen = new HashSet<>();
    Deque<TypeMirror> queue = new ArrayDeque<>(types.directSupertypes(owner.asType()));
    while (!queue.isEmpty()) {
      TypeMirror next = queue.poll();
      if (!(next instanceof DeclaredType declared)
          || !(declared.asElement() instanceof TypeElement supertype)
          || !seen.add(supertype)
          || supertype.getQualifiedName().contentEquals("java.lang.Object")) {
        continue;
      }
      for (Element member : supertype.getEnclosedElements()) {
        if (member instanceof ExecutableElement candidate
            && candidate.getSimpleName().equals(method.getSimpleName())
            && candidate.getParameters().size() == method.getParameters().size()
            && (elements.overrides(method, candidate, owner)
                || overridesGeneric(method, candidate))) {
          found.add(candidate);
        }
      }
      queue.addAll(types.directSupertypes(next));
    }
    return found;
  }

  /**
   * Whether {@code method}, generic, overrides {@code candidate}, a public or protected generic
   * method of a supertype with the same name and as many parameters: ECJ's {@code
   * Elements.overrides} answers false for {@code <T> void typed(T value)} implementing {@code <@Sent
   * T> void typed(T value)} (javac's answers true). They override when they have as many type
   * parameters and their parameters erase alike: the same signature once the type parameters are
   * renamed (JLS 8.4.2), their bounds erasing alike too. A package-private one is overridden from
   * its own package only (JLS 8.4.8.1): {@code <T> void post(@Sent T value) {}} of a class, and
   * {@code <U> void post(U value) {}} of its subclass beside it.
   */
  private boolean overridesGeneric(ExecutableElement method, ExecutableElement candidate) {
    int variables = method.getTypeParameters().size();
    Set<Modifier> modifiers = candidate.getModifiers();
    if (variables == 0
        || variables != candidate.getTypeParameters().size()
        || modifiers.contains(Modifier.STATIC)
        || modifiers.contains(Modifier.PRIVATE)
        || !(modifiers.contains(Modifier.PUBLIC)
            || modifiers.contains(Modifier.PROTECTED)
            || samePackage(method, candidate))) {
      return false;
    }
    List<? extends VariableElement> own = method.getParameters();
    List<? extends VariableElement> theirs = candidate.getParameters();
    for (int i = 0; i < own.size(); i++) {
      if (!types.isSameType(
          types.erasure(own.get(i).asType()), types.erasure(theirs.get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  /** Whether two elements are declared in the same package, by name (ECJ's elements are new). */
  private boolean samePackage(Element one, Element other) {
    return elements.getPackageOf(one).getQualifiedName()
        .contentEquals(elements.getPackageOf(other).getQualifiedName());
  }

  private static Crossing crossingOf(Element parameter) {
    if (parameter.getAnnotationMirrors().isEmpty()) {
      return null; // most parameters: no annotation to look through three times
    }
    for (Crossing crossing : Crossing.values()) {
      if (FerryAnnotations.find(parameter, crossing.marker()).isPresent()) {
        // A @SpawnTarget whose type no method reference can be (String, int) is told once where
        // it is written (CrossingTypes.canHoldTarget); its calls, which could not pass a
        // reference, are not told again.
        return crossing == Crossing.TARGET && !CrossingTypes.canHoldTarget(parameter.asType())
            ? null
            : crossing;
      }
    }
    return null;
  }

  /**
   * Whether {@code parameter} carries {@code @SpawnTarget} itself though its type can hold no
   * method reference ({@link CrossingTypes#canHoldTarget}): told where it is declared.
   */
  static boolean marksTargetItCannotHold(Element parameter) {
    return !parameter.getAnnotationMirrors().isEmpty()
        && FerryAnnotations.find(parameter, FerryAnnotations.SPAWN_TARGET).isPresent()
        && !CrossingTypes.canHoldTarget(parameter.asType());
  }
}
