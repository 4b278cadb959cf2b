package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.validation.ErrorTypes;
import dev.ferry.processor.validation.HeldTypes;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.TypeVariables;
import dev.ferry.processor.validation.Violation;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * What both scanners need to know of the types of values that cross ({@link TransferScanner} for
 * javac, {@link EcjCallSiteScanner} for ECJ): which types are left to the places where they become
 * concrete, what a captured wildcard stands for, which parameters a generic call may return, and
 * what the argument after a spawn target gives an instance method reference.
 */
final class CrossingTypes {
  private CrossingTypes() {}

  /**
   * Whether a value of {@code type} may be a lambda or method reference, the only spawn target a
   * child can run: an interface of at most one abstract method (a functional one, or one a cast's
   * intersection adds one to: {@code (Target0 & Marker) Main::run}), {@code Object}, a type
   * variable all of whose bounds may be, or an array of such (varargs). A primitive, any other
   * class or an interface of several abstract methods cannot: a {@code @SpawnTarget String} or
   * {@code @SpawnTarget List<String>} could never be given a target. An erroneous type may be anything: javac and ECJ
   * report it.
   */
  static boolean canHoldTarget(TypeMirror type) {
    return canHoldTarget(type, 0);
  }

  private static boolean canHoldTarget(TypeMirror type, int depth) {
    if (depth > MAX_BOUND_DEPTH) {
      return true; // bounds in a cycle javac has refused ("cyclic inheritance"): not ours to tell
    }
    return switch (type.getKind()) {
      case ERROR -> true;
      case TYPEVAR -> canHoldTarget(((TypeVariable) type).getUpperBound(), depth + 1);
      // Varargs (spawnAll(@SpawnTarget Target0... targets)) spread their elements as targets.
      case ARRAY -> canHoldTarget(((ArrayType) type).getComponentType(), depth + 1);
      case INTERSECTION -> ((IntersectionType) type).getBounds().stream()
          .allMatch(bound -> canHoldTarget(bound, depth + 1));
      case DECLARED -> ((DeclaredType) type).asElement() instanceof TypeElement element
          && ((element.getKind() == ElementKind.INTERFACE && abstractMethodKeys(element) < 2)
              || element.getQualifiedName().contentEquals("java.lang.Object"));
      default -> false;
    };
  }

  /**
   * How many abstract methods {@code type} (an interface) has, counted by name and number of
   * parameters over it and its superinterfaces, less those a default method anywhere among them
   * may implement and those of {@code Object}'s public methods ({@code equals} in {@code
   * Comparator}); stops at 2. Two or more: it is no functional interface, and no cast can add one
   * that makes it one, since an intersection keeps every abstract method ({@code List},
   * {@code Map}). Counted by name and arity only, methods the compiler would find to be one
   * (inherited twice through different type arguments) are counted once, so the answer is never
   * more than the compiler's.
   */
  private static int abstractMethodKeys(TypeElement type) {
    Set<String> abstracts = new HashSet<>();
    Set<String> defaults = new HashSet<>();
    collectMethodKeys(type, abstracts, defaults, new HashSet<>(), 0);
    abstracts.removeAll(defaults);
    abstracts.removeAll(List.of("equals/1", "hashCode/0", "toString/0"));
    return abstracts.size();
  }

  private static void collectMethodKeys(
      TypeElement type, Set<String> abstracts, Set<String> defaults,
      Set<TypeElement> seen, int depth) {
    if (depth > MAX_BOUND_DEPTH || !seen.add(type)) {
      return;
    }
    for (Element member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.METHOD
          && member instanceof ExecutableElement method
          && !method.getModifiers().contains(Modifier.STATIC)) {
        String key = method.getSimpleName() + "/" + method.getParameters().size();
        (method.getModifiers().contains(Modifier.ABSTRACT)
                ? abstracts
                : defaults)
            .add(key);
      }
    }
    for (TypeMirror superinterface : type.getInterfaces()) {
      if (superinterface instanceof DeclaredType declared
          && declared.asElement() instanceof TypeElement element) {
        collectMethodKeys(element, abstracts, defaults, seen, depth + 1);
      }
    }
  }

  private static final int MAX_BOUND_DEPTH = 32;

  /**
   * Whether a value of {@code type}, checked where it crosses, had each element checked: a JDK
   * collection interface Ferry writes element by element ({@code List<Job>}, {@code Set<Job>}),
   * whose elements an enhanced {@code for} hands on as they are.
   */
  static boolean isCheckedByElement(TypeMirror type) {
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)) {
      return false;
    }
    return switch (element.getQualifiedName().toString()) {
      case "java.util.Collection", "java.util.List", "java.util.Set", "java.util.SortedSet",
          "java.util.NavigableSet", "java.util.Queue", "java.util.Deque" -> true;
      default -> false;
    };
  }

  /**
   * Whether the argument at {@code index} of a call of {@code method} may be the call's result, as
   * far as types tell: the method returns a type variable of its own and the parameter is of that
   * variable ({@code <T> T pick(T a, T b)}), or is its {@code T...} passed one by one ({@code
   * spread}). The type inferred for the variable is the arguments' common supertype, which may hide
   * what one of them is.
   */
  static boolean mayReturnArgument(ExecutableElement method, int index, boolean spread) {
    return method.getReturnType() instanceof TypeVariable result
        && holdsAsItself(method, result, index, spread);
  }

  /**
   * Where the argument at {@code index} of a call of {@code method} may be held inside the call's
   * result, as far as types tell: the position among the result's type arguments of a type variable
   * of the method's own that its parameters mention only as itself, and the argument's parameter is
   * of ({@code <E> List<E> of(E... es)}, {@code <K, V> Map<K, V> of(K k, V v)}); else -1. The type
   * inferred for the variable is the arguments' common supertype ({@code List<Object>} for {@code
   * List.of(job, jobs)}), which may hide what one of them is.
   */
  static int heldArgumentPosition(ExecutableElement method, int index, boolean spread) {
    if (!(method.getReturnType() instanceof DeclaredType result)) {
      return -1;
    }
    List<? extends TypeMirror> arguments = result.getTypeArguments();
    for (int position = 0; position < arguments.size(); position++) {
      if (arguments.get(position) instanceof TypeVariable variable
          && mentionsOnlyAsItself(method, variable, spread)
          && holdsAsItself(method, variable, index, spread)) {
        return position;
      }
    }
    return -1;
  }

  /**
   * Whether {@code method} returns a type variable of its own that its parameters mention only as
   * that variable itself, or as its {@code T...} passed one by one ({@code <T> T pick(T a, T b)},
   * {@code Objects.requireNonNull}): then what it returns, unless an unchecked cast says otherwise,
   * is null or one of those arguments. One that takes the variable inside another type ({@code <T>
   * T first(List<T> values, T other)}) may return a value its arguments' types do not show.
   */
  static boolean returnsOnlyArguments(ExecutableElement method, boolean spread) {
    return method.getReturnType() instanceof TypeVariable result
        && mentionsOnlyAsItself(method, result, spread);
  }

  /**
   * The type variable {@code method} builds its result of from its one argument: a variable of
   * its own that is its only parameter's whole type and the only one its result mentions, inside
   * another type ({@code <T> Pair<T, T> twin(T t)}, {@code <T> List<T> wrap(T t)}, {@code <T> T[]
   * array(T t)}); else null, also for a result that is the variable itself ({@link
   * #returnsOnlyArguments}). What such a method returns for a value of a given type is its result
   * with that type for the variable ({@link #substituted}).
   */
  static TypeVariable builtFromItsArgument(ExecutableElement method) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.size() != 1
        || !(parameters.get(0).asType() instanceof TypeVariable variable)
        || !ownVariable(method, variable)
        || method.getReturnType() instanceof TypeVariable) {
      return null;
    }
    boolean[] other = {false, false}; // {another variable, this one}
    SentVariables.forEachVariable(
        method.getReturnType(),
        v -> other[v.equals(variable.asElement()) ? 1 : 0] = true);
    return !other[0] && other[1] ? variable : null;
  }

  /**
   * The type variable the type of {@code method}'s parameter at {@code target} gives its
   * functional interface's first input ({@code A} of {@code submit(Task1<A, R> task, A a)}), or
   * null.
   */
  static TypeVariable firstInput(ExecutableElement method, int target) {
    List<? extends VariableElement> parameters = method.getParameters();
    return target < parameters.size()
            && parameters.get(target).asType() instanceof DeclaredType functional
            && !functional.getTypeArguments().isEmpty()
            && functional.getTypeArguments().get(0) instanceof TypeVariable input
        ? input
        : null;
  }

  /**
   * {@code type} with {@code by} for each {@code variable} in it: {@code Pair<T, T>} with {@code
   * Integer} for {@code T} is {@code Pair<Integer, Integer>}. A primitive {@code by} is boxed, as a
   * type argument is.
   */
  static TypeMirror substituted(
      Types types, TypeMirror type, TypeVariable variable, TypeMirror by) {
    TypeMirror boxed =
        by.getKind().isPrimitive() ? types.boxedClass((PrimitiveType) by).asType() : by;
    return TypeVariables.substitute(types, type, variable.asElement(), boxed);
  }

  /**
   * The arguments of a call of {@code method} (with {@code count} arguments) that give the type
   * {@code standing} in its result: when {@code standing} is a type variable of the method's own
   * that its parameters mention only as itself or its {@code T...} passed one by one ({@code
   * List.of(job)} for {@code <E> List<E> of(E e1)}: {@code job} gives {@code E}), the indexes of
   * those arguments, none for a call that passes none ({@code List.of()}); else null. The
   * compiler infers such a call's variable from its target as well where the call is a result
   * of a conditional ({@code flag ? List.of(job) : List.of("x")} as an {@code Iterable<A>} makes
   * each a {@code List<Object>}), while alone it would be theirs.
   */
  static int[] argumentsGiving(
      ExecutableElement method, TypeMirror standing, int count, boolean spread) {
    if (!(standing instanceof TypeVariable variable)
        || !mentionsOnlyAsItself(method, variable, spread)) {
      return null;
    }
    return IntStream.range(0, count)
        .filter(i -> holdsAsItself(method, variable, i, spread))
        .toArray();
  }

  /**
   * Whether {@code variable} is one of {@code method}'s own and the parameter at {@code index}
   * (an argument's, past the last one for {@code spread} varargs) is of it, or its {@code T...}
   * passed one by one.
   */
  private static boolean holdsAsItself(
      ExecutableElement method, TypeVariable variable, int index, boolean spread) {
    if (!ownVariable(method, variable)) {
      return false;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    int last = parameters.size() - 1;
    if (spread && index >= last) {
      return parameters.get(last).asType() instanceof ArrayType array
          && isVariable(array.getComponentType(), variable);
    }
    return index <= last && isVariable(parameters.get(index).asType(), variable);
  }

  /**
   * Whether {@code variable} is one of {@code method}'s own, which its parameters mention only as
   * the variable itself or its {@code T...} passed one by one.
   */
  private static boolean mentionsOnlyAsItself(
      ExecutableElement method, TypeVariable variable, boolean spread) {
    if (!ownVariable(method, variable)) {
      return false;
    }
    TypeParameterElement element = (TypeParameterElement) variable.asElement();
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      TypeMirror type = parameters.get(i).asType();
      boolean spreadVariable =
          spread
              && i == parameters.size() - 1
              && type instanceof ArrayType array
              && isVariable(array.getComponentType(), variable);
      if (!isVariable(type, variable) && !spreadVariable && CallCarriers.mentions(type, element)) {
        return false;
      }
    }
    return true;
  }

  private static boolean ownVariable(ExecutableElement method, TypeVariable variable) {
    return variable.asElement() instanceof TypeParameterElement parameter
        && parameter.getGenericElement().equals(method);
  }

  static boolean isVariable(TypeMirror type, TypeVariable variable) {
    return type instanceof TypeVariable other
        && TypeVariables.is(other.asElement(), variable.asElement());
  }

  /** {@code resolution}'s violation if it is inherit-only-sent's. */
  static Violation inheritOnly(Resolution resolution) {
    Violation violation = resolution.unresolved() ? null : resolution.violation();
    return violation != null && violation.rule() == Rule.INHERIT_ONLY_SENT ? violation : null;
  }

  /**
   * The bound of a wildcard the compiler captured ({@code cs.forEach(Bus::post)} for a {@code List<?
   * extends Channel<String>> cs} hands each element as a {@code capture of ? extends
   * Channel<String>}): a value of that type is some {@code Channel<String>}, and is checked as one.
   * A declared type variable is left as it is (checked where it becomes concrete), and so is an
   * unbounded wildcard's capture, which says nothing of its values. Neither javac nor ECJ marks a
   * capture in javax.lang.model; both name its variable with a name no source can declare
   * ({@code <captured wildcard>}, {@code capture#1-of ?}).
   */
  static TypeMirror uncaptured(TypeMirror type) {
    if (type instanceof TypeVariable variable && MemberTypes.isCapture(variable)) {
      TypeMirror bound = variable.getUpperBound();
      // An intersection too (an element of `var in = flag ? List.of(1) : List.of("x")`): javac's
      // is a DeclaredType as well, ECJ's (EcjIntersection) only an IntersectionType.
      if (bound instanceof IntersectionType
          || (bound instanceof DeclaredType declared
              && !(declared.asElement() instanceof TypeElement element
                  && element.getQualifiedName().contentEquals("java.lang.Object")))) {
        return bound;
      }
    }
    return type;
  }

  /**
   * The type whose values cross where a call's variable was inferred as the capture of an
   * unbounded wildcard ({@code ?}, {@code ? extends Object}) of the argument that carries it:
   * {@code pool.map(task, inputs)} for an {@code Iterable<?> inputs} gives {@code A} that capture,
   * and every input, whatever its class, is sent; checked as {@code Object}, which is what javac
   * types such an element as ({@code inputs.iterator().next()}), not left unchecked as a declared
   * type variable is (nothing would check it later). Only where {@code parameter} holds values of
   * the variable ({@link #carriesValues}): a {@code Class<T>} holds none, and {@code
   * Codecs.of(type)} for a {@code Class<?> type} is checked when it runs, as reflective code
   * needs; through a {@code Channel<T>} given a {@code Channel<?>} nothing but null can be sent.
   */
  static TypeMirror valuesOfCapture(
      Types types, TypeMirror inferred, TypeMirror parameter, TypeParameterElement variable,
      TypeMirror object) {
    if (!(inferred instanceof TypeVariable capture)
        || !MemberTypes.isCapture(capture)
        || !(capture.getUpperBound() instanceof DeclaredType bound)
        || !(bound.asElement() instanceof TypeElement element)
        || !element.getQualifiedName().contentEquals("java.lang.Object")
        || !carriesValues(types, parameter, variable)) {
      return inferred;
    }
    return object;
  }

  /**
   * Whether a parameter of type {@code type} hands the method values of {@code variable}: the
   * variable itself, an array of it, or an element, key, value or content of an {@code Iterable},
   * {@code Map} or {@code Optional} (at any depth of those). Not a type token ({@code Class<T>}), a
   * channel, a codec or a function, whose values the call is not given.
   */
  private static boolean carriesValues(Types types, TypeMirror type, TypeParameterElement variable) {
    if (type instanceof TypeVariable held) {
      return TypeVariables.is(held.asElement(), variable);
    }
    if (type instanceof ArrayType array) {
      return carriesValues(types, array.getComponentType(), variable);
    }
    if (type instanceof WildcardType wildcard) {
      return wildcard.getExtendsBound() != null
          && carriesValues(types, wildcard.getExtendsBound(), variable);
    }
    if (!(type instanceof DeclaredType declared) || !holdsValues(types, declared, new HashSet<>())) {
      return false;
    }
    for (TypeMirror argument : declared.getTypeArguments()) {
      if (carriesValues(types, argument, variable)) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> VALUE_HOLDERS =
      Set.of("java.lang.Iterable", "java.util.Map", "java.util.Optional");

  /** Whether {@code type} is, or by its supertypes is, one of {@link #VALUE_HOLDERS}. */
  private static boolean holdsValues(Types types, DeclaredType type, Set<String> seen) {
    if (!(type.asElement() instanceof TypeElement element)) {
      return false;
    }
    String name = element.getQualifiedName().toString();
    if (VALUE_HOLDERS.contains(name)) {
      return true;
    }
    if (!seen.add(name)) {
      return false;
    }
    for (TypeMirror supertype : types.directSupertypes(type)) {
      if (supertype instanceof DeclaredType declared && holdsValues(types, declared, seen)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Values whose type the checker leaves to the places where it becomes concrete: the null literal,
   * type variables (checked where a concrete type is written), unresolved types (javac reports
   * those), and wildcards without a bound.
   */
  static boolean isUnchecked(TypeMirror type) {
    switch (type.getKind()) {
      case NULL:
      case TYPEVAR:
      case ERROR:
      case NONE:
        return true;
      default:
        return ErrorTypes.mentions(type);
    }
  }

  /**
   * The type whose values a type argument for a {@code @Sent} type parameter stands for (a
   * wildcard's bound), or null when there is nothing to check.
   */
  static TypeMirror sentTypeOf(TypeMirror type) {
    if (type == null || isUnchecked(type)) {
      return null;
    }
    if (type instanceof WildcardType wildcard) {
      if (HeldTypes.isReadOnlyWildcard(wildcard)) {
        return null; // Channel<?>, Channel<? extends Number>: nothing but null can be sent into it
      }
      TypeMirror bound = wildcard.getSuperBound(); // Channel<? super Job>: a Job can be sent
      return isUnchecked(bound) ? null : bound;
    }
    return type;
  }

  /** What the argument after a spawn target gives an instance method reference given as it. */
  enum TargetReceiver {
    /** Nothing it is called on: not its first input. */
    NONE,
    /** The object it is called on: {@code pool.submit(Main::inst, this, 3)}. */
    ARGUMENT,
    /** The objects it is called on, one per call: {@code pool.map(Main::inst, mains)}. */
    ELEMENTS
  }

  /**
   * What the parameter after the spawn target at {@code target} gives the target's first input:
   * the target's type's first type argument is a type variable, and that parameter's type is that
   * variable ({@code submit(Task2<A, B, R> task, A a, B b)}, {@code spawn(Target1<A> target, A
   * a)}) or has it as a type argument ({@code map(Task1<A, R> task, Iterable<A> inputs)}). An
   * instance method reference given as the target ({@code Main::inst}) is called on that argument,
   * or on each of its elements.
   */
  static TargetReceiver receiverAfterTarget(
      ExecutableElement method, Crossing[] crossings, int target) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (target + 1 >= parameters.size()
        || target >= crossings.length
        || crossings[target] != Crossing.TARGET
        || (method.isVarArgs() && target + 1 == parameters.size() - 1)
        || !(parameters.get(target).asType() instanceof DeclaredType targetType)
        || targetType.getTypeArguments().isEmpty()
        || !(targetType.getTypeArguments().get(0) instanceof TypeVariable input)) {
      return TargetReceiver.NONE;
    }
    TypeMirror next = parameters.get(target + 1).asType();
    if (isVariable(next, input)) {
      return TargetReceiver.ARGUMENT;
    }
    if (next instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (isVariable(argument, input)
            || (argument instanceof WildcardType wildcard
                && wildcard.getExtendsBound() != null
                && isVariable(wildcard.getExtendsBound(), input))) {
          return TargetReceiver.ELEMENTS;
        }
      }
    }
    return TargetReceiver.NONE;
  }
}
