package dev.ferry.processor.checker;

import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.TypeVariables;
import java.util.List;
import java.util.function.IntFunction;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;

/**
 * Which arguments of a call carry a generic method's crossing type variable (see {@link
 * SentVariables}), decided from the method's signature alone, so javac's and ECJ's scanners
 * check the same arguments: an argument whose parameter is the variable itself is checked by its
 * own type (more precise than the inferred one, which may be a supertype); else the first argument
 * whose parameter mentions the variable (a value before a spawn target: {@code map}'s inputs before
 * its task) gets the type the call gives the variable, unless another one alone brings that type
 * ({@link #bringing}). A variable only the result carries is
 * checked where the result's type is written.
 */
final class CallCarriers {
  /**
   * @param direct the arguments whose parameter is the variable itself, each checked by its own type
   * @param carrier the argument that gets the variable's type when none is direct; -1 for none
   */
  record Plan(int[] direct, int carrier) {}

  private CallCarriers() {}

  /**
   * @param marked the method's parameter markers ({@link Markers#parametersOf})
   * @param spread whether a varargs call spreads its last arguments (not an array passed as is)
   */
  static Plan of(
      ExecutableElement method,
      TypeParameterElement variable,
      Crossing[] marked,
      int argumentCount,
      boolean spread) {
    return of(method, InheritedVariables.OWN, variable, marked, argumentCount, spread);
  }

  /**
   * As above for a variable of the receiver's class, which {@code method} may inherit: {@code
   * view} says how the variables of the method's own class are the receiver's.
   */
  static Plan of(
      ExecutableElement method,
      InheritedVariables view,
      TypeParameterElement variable,
      Crossing[] marked,
      int argumentCount,
      boolean spread) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return new Plan(new int[0], -1);
    }
    int last = parameters.size() - 1;
    int[] direct = new int[argumentCount];
    int directCount = 0;
    int carrier = -1;
    int target = -1;
    for (int i = 0; i < argumentCount && (i <= last || spread); i++) {
      int p = Math.min(i, last);
      TypeMirror declared = parameterType(parameters, i, spread);
      if (view.isVariable(declared, variable)) {
        direct[directCount++] = i;
      } else if (view.mentions(declared, variable)) {
        if (p < marked.length && marked[p] == Crossing.TARGET) {
          target = target < 0 ? i : target;
        } else {
          carrier = carrier < 0 ? i : carrier;
        }
      }
    }
    return new Plan(java.util.Arrays.copyOf(direct, directCount), carrier >= 0 ? carrier : target);
  }

  /**
   * A crossing type variable of a receiver's class whose type arguments were inferred, with the
   * plan of the values a call or method reference on the receiver passes for it.
   *
   * @param index the variable's position among its class's, and the receiver's type arguments
   */
  record ReceiverPlan(int index, TypeParameterElement variable, Crossing crossing, Plan plan) {}

  /**
   * The plans of a call or method reference on a receiver of class {@code owner} whose type
   * arguments were inferred, one for each of the class's crossing variables ({@code crossings}, as
   * {@link SentVariables#of} gives them) among the {@code given} type arguments, through {@code
   * view} when {@code method} is inherited.
   */
  static List<ReceiverPlan> ofReceiver(
      TypeElement owner,
      int given,
      ExecutableElement method,
      InheritedVariables view,
      Crossing[] crossings,
      Crossing[] marked,
      int valueCount,
      boolean spread) {
    List<ReceiverPlan> plans = new java.util.ArrayList<>();
    for (int v = 0; v < crossings.length && v < given; v++) {
      if (crossings[v] != null) {
        TypeParameterElement variable = owner.getTypeParameters().get(v);
        plans.add(
            new ReceiverPlan(
                v, variable, crossings[v],
                of(method, view, variable, marked, valueCount, spread)));
      }
    }
    return plans;
  }

  /**
   * The arguments whose parameter is or mentions {@code variable}: {@code c} and {@code v} of
   * {@code relay(Channel<T> c, T v)}, {@code c} and {@code values} of {@code offerAll(Channel<M>
   * c, @Sent List<M> values)}. The type the call gives the variable shows in each, so when one of
   * them is told, the others are one mistake with it.
   */
  static int[] carrying(
      ExecutableElement method, TypeParameterElement variable, int argumentCount, boolean spread) {
    return carrying(method, InheritedVariables.OWN, variable, argumentCount, spread);
  }

  /** As above for a variable of the receiver's class, as {@link #of(ExecutableElement,
   * InheritedVariables, TypeParameterElement, Crossing[], int, boolean)}. */
  static int[] carrying(
      ExecutableElement method,
      InheritedVariables view,
      TypeParameterElement variable,
      int argumentCount,
      boolean spread) {
    List<? extends VariableElement> parameters = method.getParameters();
    int last = parameters.size() - 1;
    int[] found = new int[argumentCount];
    int count = 0;
    for (int i = 0; i < argumentCount && last >= 0 && (i <= last || spread); i++) {
      if (view.mentions(parameterType(parameters, i, spread), variable)) {
        found[count++] = i;
      }
    }
    return java.util.Arrays.copyOf(found, count);
  }

  /**
   * The argument to tell the type a call gives {@code variable} on, where no argument is the
   * variable itself: the one among {@code carrying} that brings that type on its own (typed alone,
   * a generic call by the arguments that give its variable) while each other one decidably does
   * not. {@code all(Channel.create(), List.of(new Thread()))} for {@code <T> void all(Channel<T> c,
   * List<T> values)} is told on the list, whatever the parameters' order: the channel only takes
   * the type inferred from it. Else {@code carrier}, the first that mentions the variable ({@link
   * #of}): where several bring it, or one cannot be judged alone (a lambda, a method reference, a
   * conditional, a {@code null}, a spawn target, which its own rule judges).
   *
   * @param marked the method's parameter markers ({@link Markers#parametersOf})
   * @param brings whether argument {@code i} brings the type on its own; null where undecidable
   */
  static int bringing(
      ExecutableElement method, Crossing[] marked, int carrier, int[] carrying,
      IntFunction<Boolean> brings) {
    int last = method.getParameters().size() - 1;
    int found = -1;
    for (int i : carrying) {
      int p = Math.min(i, last);
      Boolean own = p < marked.length && marked[p] == Crossing.TARGET ? null : brings.apply(i);
      if (own == null || (own && found >= 0)) {
        return carrier;
      }
      found = own ? i : found;
    }
    return found >= 0 ? found : carrier;
  }

  /**
   * The argument that is an array passed in place of varargs values of the receiver's {@code
   * variable} itself ({@code postAll(jobs)} for {@code postAll(T... values)} and a {@code Job[]
   * jobs}), whose elements are that variable's values, each checked by the array's element type;
   * -1 for none.
   */
  static int arrayOfVariable(
      ExecutableElement method,
      InheritedVariables view,
      TypeParameterElement variable,
      int argumentCount,
      boolean spread) {
    int last = method.getParameters().size() - 1;
    return method.isVarArgs()
            && !spread
            && argumentCount == last + 1
            && method.getParameters().get(last).asType() instanceof ArrayType array
            && view.isVariable(array.getComponentType(), variable)
        ? last
        : -1;
  }

  /**
   * Whether a method reference hands {@code received} values to {@code method}'s varargs one by one
   * ({@code BiConsumer<Job, Job> two = Main::posts} for {@code posts(Object... values)}), not as the
   * array.
   */
  static boolean spreadsValues(ExecutableElement method, List<? extends TypeMirror> received) {
    int count = method.getParameters().size();
    return method.isVarArgs()
        && (received.size() != count || received.get(count - 1).getKind() != TypeKind.ARRAY);
  }

  /** The type of the parameter argument {@code i} is passed for: a spread varargs' element type. */
  static TypeMirror parameterType(
      List<? extends VariableElement> parameters, int i, boolean spread) {
    int last = parameters.size() - 1;
    TypeMirror declared = parameters.get(Math.min(i, last)).asType();
    return i >= last && spread && declared instanceof ArrayType array
        ? array.getComponentType()
        : declared;
  }

  /**
   * How a method reference's value for a parameter whose whole type is one of the method's
   * crossing type variables crosses ({@code post(T value)} for a crossing {@code T}), or null.
   */
  static Crossing crossingOfVariable(
      ExecutableElement method, TypeMirror parameter, Crossing[] variables) {
    return crossingOfVariable(method.getTypeParameters(), parameter, variables);
  }

  /**
   * As above for one of {@code own}, the variables {@code variables} tells the crossings of: a
   * constructor reference's class variables ({@code Holding::new} for {@code Holding(T value)},
   * its class's type arguments inferred as a diamond's are).
   */
  static Crossing crossingOfVariable(
      List<? extends TypeParameterElement> own, TypeMirror parameter, Crossing[] variables) {
    for (int i = 0; i < variables.length; i++) {
      if (variables[i] != null && isVariable(parameter, own.get(i))) {
        return variables[i];
      }
    }
    return null;
  }

  /**
   * For an unbound reference whose class is written with its type arguments ({@code
   * Channel<Thread>::offer}), the index of the type argument written for the crossing class
   * variable that is the whole type of parameter {@code parameter} of {@code method}, or -1. A value
   * the reference takes there of exactly that type is the same mistake as the type argument, which
   * is checked, and told, where it is written; a value of another type (a subtype the interface
   * names) is still checked by its own, as is a method the written class inherits (-1). A
   * varargs {@code T...} counts as {@code T}: its values, spread or in their array, are the same.
   *
   * @param written the reference's qualifier, as the compiler typed it ({@code Channel<Thread>})
   * @param classVariables the crossings of the method's class's variables ({@link SentVariables})
   */
  static int writtenClassArgument(
      ExecutableElement method, int parameter, DeclaredType written, Crossing[] classVariables) {
    TypeMirror declared = valueType(method, parameter);
    if (!(method.getEnclosingElement() instanceof TypeElement owner)
        || !owner.equals(written.asElement())
        || !(declared instanceof TypeVariable variable)) {
      return -1;
    }
    int index = TypeVariables.indexIn(owner.getTypeParameters(), variable.asElement());
    if (index < 0
        || index >= classVariables.length
        || index >= written.getTypeArguments().size()
        || (classVariables[index] != Crossing.SENT && classVariables[index] != Crossing.SPAWNED)) {
      return -1;
    }
    return index;
  }

  /** The type of parameter {@code parameter}'s values: a varargs {@code T...}'s is {@code T}. */
  private static TypeMirror valueType(ExecutableElement method, int parameter) {
    TypeMirror declared = method.getParameters().get(parameter).asType();
    if (method.isVarArgs()
        && parameter == method.getParameters().size() - 1
        && declared instanceof ArrayType array) {
      return array.getComponentType();
    }
    return declared;
  }

  /**
   * For a method reference that writes the method's type arguments ({@code H::<Thread>sendIt}), the
   * index of the crossing variable of {@code method} that is the whole type of parameter {@code
   * parameter} (a varargs {@code T...} counting as {@code T}), or -1: the type argument written
   * for it is checked, and told, where it is written, and a value the reference takes there of
   * exactly that type is the same mistake, as for {@link #writtenClassArgument}.
   *
   * @param written how many type arguments the reference writes
   * @param variables the crossings of the method's variables ({@link SentVariables})
   */
  static int writtenMethodArgument(
      ExecutableElement method, int parameter, int written, Crossing[] variables) {
    TypeMirror declared = valueType(method, parameter);
    if (!(declared instanceof TypeVariable variable)) {
      return -1;
    }
    int index = TypeVariables.indexIn(method.getTypeParameters(), variable.asElement());
    if (index < 0
        || index >= variables.length
        || index >= written
        || (variables[index] != Crossing.SENT && variables[index] != Crossing.SPAWNED)) {
      return -1;
    }
    return index;
  }

  /**
   * The crossing variables among {@code own} that a method reference's values reach only inside a
   * parameter's type, each with the first parameter that mentions it: {@code T} and {@code values}
   * of {@code <@Sent T> void postAll(List<T> values)}, to which {@code lists.forEach(Main::postAll)}
   * hands each list (a constructor reference's class variables alike: {@code Gather(List<T>
   * values)}). A variable that is a parameter's whole type, or that a marked parameter mentions, is
   * left out: that value is checked by its own type ({@link #crossingOfVariable}), which shows the
   * variable's.
   *
   * @return for each, the variable's index in {@code own} and the parameter's
   */
  static List<int[]> variablesWithin(
      ExecutableElement method,
      List<? extends TypeParameterElement> own,
      Crossing[] variables,
      Crossing[] marked) {
    List<? extends VariableElement> parameters = method.getParameters();
    List<int[]> within = new java.util.ArrayList<>();
    for (int v = 0; v < variables.length && v < own.size(); v++) {
      if (variables[v] == null) {
        continue;
      }
      int first = firstWithin(parameters, own.get(v), marked);
      if (first >= 0) {
        within.add(new int[] {v, first});
      }
    }
    return within;
  }

  /**
   * The first parameter that mentions {@code variable} inside its type, or -1 when none does or
   * one is the variable itself or mentions it under a marker.
   */
  private static int firstWithin(
      List<? extends VariableElement> parameters,
      TypeParameterElement variable,
      Crossing[] marked) {
    int first = -1;
    for (int p = 0; p < parameters.size(); p++) {
      TypeMirror type = parameters.get(p).asType();
      if (isVariable(type, variable)) {
        return -1;
      }
      if (mentions(type, variable)) {
        if (p < marked.length && marked[p] != null) {
          return -1;
        }
        first = first < 0 ? p : first;
      }
    }
    return first;
  }

  /**
   * What each result of a pool's call is taken as where the call's future or list itself is kept
   * as {@code holder} ({@code CompletableFuture<? extends Map<String, Integer>>}, {@code List<?>},
   * a raw {@code Future}, {@code Object}): its type argument, a wildcard's bound, or {@code Object}
   * where none is written. A result the compiler later hands out as one of those is cast to it
   * alone.
   */
  static TypeMirror resultHeldAs(TypeMirror holder, Elements elements) {
    if (!(holder instanceof DeclaredType declared) || declared.getTypeArguments().size() > 1) {
      return null;
    }
    TypeMirror argument =
        declared.getTypeArguments().isEmpty() ? null : declared.getTypeArguments().get(0);
    if (argument instanceof WildcardType wildcard) {
      argument = wildcard.getExtendsBound();
    }
    return argument != null ? argument : elements.getTypeElement("java.lang.Object").asType();
  }

  /**
   * The type that stands for {@code variable} in {@code received}, a value handed to parameter
   * {@code p} of {@code method}, whose type mentions the variable inside it: {@code postAll(List<T>
   * values)} receiving a {@code List<Thread>} (or an {@code ArrayList<Thread>}, or a capture of
   * {@code ? extends List<Thread>}) gives {@code T} the type {@code Thread}, as the compiler infers
   * it for {@code postAll(list)}; {@code T[]} an array's element type, {@code List<? extends T>} the
   * type argument's bound. Null where nothing received stands for it: a raw type, or {@code ?
   * super T}, which the values a method is handed never give a type. A varargs parameter receiving
   * one value is its element type.
   */
  static TypeMirror typeWithin(
      ExecutableElement method,
      int p,
      TypeMirror received,
      TypeParameterElement variable,
      MemberTypes memberTypes) {
    TypeMirror declared = method.getParameters().get(p).asType();
    if (method.isVarArgs()
        && p == method.getParameters().size() - 1
        && declared instanceof ArrayType array
        && received != null
        && received.getKind() != TypeKind.ARRAY) {
      declared = array.getComponentType();
    }
    return typeWithin(declared, received, variable, memberTypes, 0);
  }

  /**
   * The type that stands for {@code variable} in {@code received} where a value of it is handed to
   * a place of type {@code declared} that mentions the variable inside it (see {@link
   * #typeWithin(ExecutableElement, int, TypeMirror, TypeParameterElement, MemberTypes)}).
   */
  static TypeMirror typeWithin(
      TypeMirror declared,
      TypeMirror received,
      TypeParameterElement variable,
      MemberTypes memberTypes) {
    return typeWithin(declared, received, variable, memberTypes, 0);
  }

  private static TypeMirror typeWithin(
      TypeMirror declared,
      TypeMirror received,
      TypeParameterElement variable,
      MemberTypes memberTypes,
      int depth) {
    if (declared == null || received == null || depth > 16) {
      return null;
    }
    if (isVariable(declared, variable)) {
      return received;
    }
    if (!mentions(declared, variable)) {
      return null;
    }
    if (received instanceof TypeVariable bounded) { // a capture or a variable: its bound
      return typeWithin(declared, bounded.getUpperBound(), variable, memberTypes, depth + 1);
    }
    if (declared instanceof ArrayType array) {
      return received instanceof ArrayType values
          ? typeWithin(
              array.getComponentType(), values.getComponentType(), variable, memberTypes, depth + 1)
          : null;
    }
    if (!(declared instanceof DeclaredType generic)
        || !(received instanceof DeclaredType value)
        || !(generic.asElement() instanceof TypeElement element)) {
      return null;
    }
    DeclaredType viewed = memberTypes.collectionViews().supertypeOf(value, element);
    if (viewed == null) {
      return null;
    }
    List<? extends TypeMirror> written = generic.getTypeArguments();
    List<? extends TypeMirror> given = viewed.getTypeArguments();
    for (int i = 0; i < written.size() && i < given.size(); i++) {
      TypeMirror found =
          typeWithin(upper(written.get(i)), upper(given.get(i)), variable, memberTypes, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * A type argument as the walk above pairs it: a wildcard by its {@code extends} bound, one with a
   * {@code super} bound by nothing, which stands for no value's type.
   */
  private static TypeMirror upper(TypeMirror argument) {
    if (!(argument instanceof WildcardType wildcard)) {
      return argument;
    }
    return wildcard.getSuperBound() != null ? null : wildcard.getExtendsBound();
  }

  /**
   * Whether the method's result type mentions the variable ({@code <R> Channel<R> pipe(Supplier<R>
   * s)}): then a call that initializes a declaration of a written type takes the variable's type
   * from that type as much as from its arguments, and an error in the written type ({@code
   * Channel<Thread> c = pipe(() -> new Thread())}) is the same mistake as the call's.
   */
  static boolean resultCarries(ExecutableElement method, TypeParameterElement variable) {
    return mentions(method.getReturnType(), variable);
  }

  /**
   * Whether a method reference to {@code referenced}, given to a call as the carrier of a crossing
   * variable, gives that variable a type that follows from the call's other arguments: its result
   * mentions a type variable (its own, inferred from the values it receives, or its class's, from
   * the receiver). Then {@code pool.submit(Main::id, new Thread())} for {@code <T> T id(T t)} makes
   * {@code R} a {@code Thread} only because the argument is one: one mistake, told on the argument
   * alone once that was told. (A constructor reference is no spawn target; it is told as such.)
   */
  static boolean resultFollowsArguments(ExecutableElement referenced) {
    boolean[] found = {false};
    SentVariables.forEachVariable(referenced.getReturnType(), v -> found[0] = true);
    return found[0];
  }

  /**
   * Whether a call of {@code method} has a result typed by its receiver's type arguments: an
   * instance method of no type variables of its own whose result mentions its class's ({@code
   * Outbox<T> self()}, {@code Channel<T> channel()}), so that on a receiver whose type arguments
   * were inferred ({@code new Outbox<>().self()}) the result carries the types inference gave.
   */
  static boolean resultFollowsReceiver(ExecutableElement method) {
    return method.getKind() == ElementKind.METHOD
        && !method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)
        && method.getTypeParameters().isEmpty()
        && resultFollowsArguments(method);
  }

  /**
   * Whether a read of {@code field} has a type typed by its receiver's type arguments, as {@link
   * #resultFollowsReceiver} for a call: an instance field whose type mentions its class's variables
   * ({@code final Channel<T> channel}), so that {@code new Holder<>().channel} is a {@code
   * Channel<Object>} that inference gave.
   */
  static boolean fieldFollowsReceiver(VariableElement field) {
    if (field.getKind() != ElementKind.FIELD
        || field.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
      return false;
    }
    boolean[] found = {false};
    SentVariables.forEachVariable(field.asType(), v -> found[0] = true);
    return found[0];
  }

  /**
   * The type that really crosses for {@code variable} when a method reference carries it as its
   * functional interface's result ({@code R} of {@code submit(Task1<A, R>, A)}): the referenced
   * method's own return type, or null where the inferred type stands (another slot, or a result
   * that follows from type variables). The inferred type is what the call's target asks for, so
   * {@code CompletableFuture<Object> f = pool.submit(Main::square, 3)} infers {@code Object}
   * though every value that crosses is what {@code square} returns, an {@code Integer}.
   *
   * @param parameter the declared type of the parameter the reference is passed to
   */
  static TypeMirror referenceResult(
      TypeMirror parameter, TypeParameterElement variable, ExecutableElement referenced) {
    if (!(parameter instanceof DeclaredType declared)
        || referenced.getKind() != ElementKind.METHOD
        || resultFollowsArguments(referenced)
        || referenced.getReturnType().getKind() == TypeKind.VOID) {
      return null;
    }
    TypeElement functional = (TypeElement) declared.asElement();
    ExecutableElement sam = Bindings.findFunctionalMethod(functional);
    if (sam == null || !(sam.getReturnType() instanceof TypeVariable returned)) {
      return null;
    }
    // -1 for a method a superinterface declares with a variable of its own: the inferred type stands
    int slot = TypeVariables.indexIn(functional.getTypeParameters(), returned.asElement());
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    if (slot < 0 || slot >= arguments.size() || !isVariable(arguments.get(slot), variable)) {
      return null;
    }
    return referenced.getReturnType();
  }

  /**
   * Whether {@code variable} of {@code method} stands for what a task returns: only the spawn
   * target's parameter carries it ({@code R} of {@code submit(Task1<A, R> task, A a)} and of
   * {@code map}), so its values cross from a worker back to the caller, not to the worker.
   */
  static boolean isTaskResult(
      ExecutableElement method, TypeParameterElement variable, Crossing[] crossings) {
    boolean byTarget = false;
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (!mentions(parameters.get(i).asType(), variable)) {
        continue;
      }
      if (i >= crossings.length || crossings[i] != Crossing.TARGET) {
        return false;
      }
      byTarget = true;
    }
    return byTarget;
  }

  private static boolean isVariable(TypeMirror type, TypeParameterElement variable) {
    return type instanceof TypeVariable v && TypeVariables.is(v.asElement(), variable);
  }

  static boolean mentions(TypeMirror type, TypeParameterElement variable) {
    boolean[] found = {false};
    SentVariables.forEachVariable(type, v -> found[0] |= v.equals(variable));
    return found[0];
  }
}
