package dev.ferry.processor.checker;

import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.TypeVariables;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Which type variables of a generic method or class are <em>effectively</em> marked: their values
 * cross to another process, so the types they are given must be checked where they become
 * concrete. A type variable crosses when
 *
 * <ul>
 *   <li>it is annotated {@code <@Sent T>}, or the variable in its place of the method it overrides
 *       is;
 *   <li>a parameter marked {@code @Sent} or {@code @SpawnArgument} (or one it overrides) mentions
 *       it;
 *   <li>a type in the signature puts it in a sent position, at any depth: {@code Channel<T>},
 *       {@code List<Channel<List<T>>>}, a field {@code Relay<T>} whose own {@code T} crosses, a
 *       supertype {@code Sink<T>};
 *   <li>(source only) its body sends a {@code T}, spawns with one, writes such a type, or calls
 *       a generic method whose crossing variable it instantiates with {@code T}: the scanner,
 *       which meets those, reports them through {@link #note}.
 * </ul>
 *
 * <p>{@code @Sent} wins over {@code @SpawnArgument}: a variable that is both sent and spawned must
 * satisfy the stricter rule. Answers are cached per generic element for the whole compilation; a
 * body is scanned (by {@code bodyScanner}, silently) the first time its element is asked about.
 * Only declared markers are read where the element's type is not Ferry-aware ({@link FerryReach}):
 * the JDK's types, and most others. It reads elements only, so javac's checker and ECJ's share it;
 * each gives it its own way to scan a body.
 */
final class SentVariables {
  private static final Crossing[] NONE = new Crossing[0];

  private final Markers markers;
  /** Whether anything in a generic element (or its type) can cross at all (see {@link FerryReach}). */
  private final Predicate<Element> aware;
  /** Scans a source element's body silently, noting what crosses; false where there is none. */
  private final Predicate<Element> bodyScanner;
  private final Map<TypeParameterElement, Crossing> noted = new HashMap<>();
  private final Map<Parameterizable, Crossing[]> cache = new HashMap<>();
  private final Set<Parameterizable> inProgress = new HashSet<>();

  /**
   * @param aware whether a generic element can reach Ferry at all: javac's {@link FerryReach};
   *     under ECJ, every element outside the JDK
   * @param bodyScanner scans a source element's body silently (javac's trees or ECJ's AST)
   */
  SentVariables(Markers markers, Predicate<Element> aware, Predicate<Element> bodyScanner) {
    this.markers = markers;
    this.aware = aware;
    this.bodyScanner = bodyScanner;
  }

  /** How each type parameter's values cross (null where they do not); empty when none does. */
  Crossing[] of(Parameterizable generic) {
    Crossing[] known = cache.get(generic);
    if (known != null) {
      return known;
    }
    if (!inProgress.add(generic)) {
      return current(generic); // a recursive generic: what is known so far
    }
    try {
      for (TypeParameterElement parameter : generic.getTypeParameters()) {
        if (FerryAnnotations.isSent(parameter)) {
          note(parameter, Crossing.SENT);
        }
      }
      if (generic instanceof ExecutableElement method) {
        inheritMarkers(method);
      }
      if (aware.test(generic)) { // else nothing in it can cross (and it is not the JDK's)
        readSignature(generic);
        bodyScanner.test(generic);
      }
      Crossing[] result = current(generic);
      cache.put(generic, result);
      return result;
    } finally {
      inProgress.remove(generic);
    }
  }

  /**
   * How each of {@code method}'s type parameters' values cross at a call on a value of class
   * {@code receiver}: as {@link #of}, and also as a method of {@code receiver}'s supertypes that
   * {@code method} implements only there marks its own ({@code <@Sent T> void typed(T value)} of an
   * interface that {@code Both} implements with {@code <U> void typed(U value)} inherited from
   * {@code Impl}; see {@link Markers#parametersOf(ExecutableElement, TypeElement)}).
   */
  Crossing[] of(ExecutableElement method, TypeElement receiver) {
    Crossing[] own = of(method);
    Crossing[] result = null;
    int count = method.getTypeParameters().size();
    for (ExecutableElement implemented : markers.implementedIn(method, receiver)) {
      List<? extends TypeParameterElement> theirs = implemented.getTypeParameters();
      for (int i = 0; i < count && i < theirs.size(); i++) {
        if (FerryAnnotations.isSent(theirs.get(i)) && (i >= own.length || own[i] == null)) {
          if (result == null) {
            result = Arrays.copyOf(own, count);
          }
          result[i] = Crossing.SENT;
        }
      }
    }
    return result == null ? own : result;
  }

  /**
   * Marks {@code method}'s type variables as the method it overrides marks its own, by position
   * (an override declares as many, renamed at will): {@code <T> void typed(T value)} implementing
   * {@code <@Sent T> void typed(T value)} sends its {@code T} just the same, as an override's
   * parameter takes the marker of the one it overrides ({@link Markers}).
   */
  private void inheritMarkers(ExecutableElement method) {
    if (method.getTypeParameters().isEmpty()) {
      return;
    }
    List<? extends TypeParameterElement> own = method.getTypeParameters();
    for (ExecutableElement overridden : markers.inheritsFrom(method)) {
      List<? extends TypeParameterElement> theirs = overridden.getTypeParameters();
      for (int i = 0; i < own.size() && i < theirs.size(); i++) {
        if (FerryAnnotations.isSent(theirs.get(i))) {
          note(own.get(i), Crossing.SENT);
        }
      }
    }
  }

  /** Records that values of {@code variable} cross as {@code crossing}. */
  void note(TypeParameterElement variable, Crossing crossing) {
    noted.merge(variable, crossing, SentVariables::stricter);
  }

  /** Records that values of every type variable in {@code type} cross as {@code crossing}. */
  void noteAll(TypeMirror type, Crossing crossing) {
    forEachVariable(type, v -> note(v, crossing));
  }

  private Crossing[] current(Parameterizable generic) {
    List<? extends TypeParameterElement> parameters = generic.getTypeParameters();
    Crossing[] crossings = new Crossing[parameters.size()];
    boolean any = false;
    for (int i = 0; i < crossings.length; i++) {
      crossings[i] = noted.get(parameters.get(i));
      any |= crossings[i] != null;
    }
    return any ? crossings : NONE;
  }

  private void readSignature(Parameterizable generic) {
    if (generic instanceof ExecutableElement method) {
      readMethod(method);
      return;
    }
    TypeElement type = (TypeElement) generic;
    walk(type.getSuperclass(), false);
    type.getInterfaces().forEach(i -> walk(i, false));
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      walk(field.asType(), false);
    }
    for (Element member : type.getEnclosedElements()) {
      if (member instanceof ExecutableElement method) {
        readMethod(method);
      }
    }
  }

  private void readMethod(ExecutableElement method) {
    Crossing[] marked = markers.parametersOf(method);
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      TypeMirror type = parameters.get(i).asType();
      Crossing crossing = i < marked.length ? marked[i] : null;
      if (crossing == Crossing.SENT || crossing == Crossing.SPAWNED) {
        noteAll(type, crossing);
      }
      walk(type, false);
    }
    if (method.getKind() == ElementKind.METHOD) {
      walk(method.getReturnType(), false);
    }
  }

  /** Notes the type variables in sent positions of {@code type}; {@code sent}: it is itself sent. */
  private void walk(TypeMirror type, boolean sent) {
    switch (type.getKind()) {
      case TYPEVAR:
        if (sent && ((TypeVariable) type).asElement() instanceof TypeParameterElement variable) {
          note(variable, Crossing.SENT);
        }
        return;
      case ARRAY:
        walk(((ArrayType) type).getComponentType(), sent);
        return;
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          walk(wildcard.getExtendsBound(), sent);
        }
        if (wildcard.getSuperBound() != null) {
          walk(wildcard.getSuperBound(), sent);
        }
        return;
      case DECLARED:
        List<? extends TypeMirror> arguments = ((DeclaredType) type).getTypeArguments();
        if (arguments.isEmpty()) {
          return;
        }
        Crossing[] crossings = sent ? NONE : of((TypeElement) ((DeclaredType) type).asElement());
        for (int i = 0; i < arguments.size(); i++) {
          walk(arguments.get(i), sent || (i < crossings.length && crossings[i] == Crossing.SENT));
        }
        return;
      default:
    }
  }

  /** Calls {@code action} with each type variable that occurs in {@code type}. */
  static void forEachVariable(TypeMirror type, Consumer<TypeParameterElement> action) {
    TypeVariables.forEachVariable(type, action);
  }

  private static Crossing stricter(Crossing a, Crossing b) {
    return a == Crossing.SENT || b == Crossing.SENT ? Crossing.SENT : a;
  }

}
