package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.CollectionViews;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.Violation;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * The messages and fixes of problems found at call sites, shared by both scanners ({@link
 * TransferScanner} for javac, {@link EcjCallSiteScanner} for ECJ), so that both compilers say the
 * same words; and how a message quotes the code it names.
 */
final class CallSiteMessages {
  private CallSiteMessages() {}

  /** The message for a receiver's inferred type argument */
  static String receiverMessage(
      String receiver, TypeElement owner, TypeParameterElement variable, TypeMirror type,
      Crossing crossing, Violation violation) {
    String name = TypePrinter.name(owner);
    return CrossingMessages.inferredTypeArgument(
        receiver,
        variable.getSimpleName().toString(),
        name,
        TypePrinter.print(type),
        crossing.phrase(),
        violation.culprit(),
        violation.reason(),
        "write the type argument for `" + variable.getSimpleName() + "` of `" + name
            + "`, a type that can cross, instead of leaving it to inference; " + violation.fix());
  }

  /**
   * The message for a type an argument of a call through a raw type gives a crossing variable of
   * the method's class inside its parameter's type ({@link RawVariables#within}): "`lanes` gives
   * `T` of `Holder` the type `Channel&lt;Job&gt;`; a value of `T` is sent ...", as where {@code
   * Holder<Channel<Job>>} is written, with {@code fix}, the fix for such a value sent.
   */
  static String rawWithinMessage(
      String argument, RawVariables.Within within, ExecutableElement method, Violation violation,
      String fix) {
    TypeElement owner = (TypeElement) within.variable().getGenericElement();
    return CrossingMessages.inferredTypeArgument(
        argument,
        within.variable().getSimpleName().toString(),
        TypePrinter.name(owner),
        TypePrinter.print(within.type()),
        CrossingWords.phrase(within.crossing(), method),
        violation.culprit(),
        violation.reason(),
        fix);
  }

  /**
   * The fix for a value that a method's own unmarked parameter ({@code own}; null: the value is
   * something else) passes on where it crosses, when the parameter's type is one its callers may
   * fill with values that can cross ({@code Object}, its own interface or abstract class): marking
   * the parameter moves the check to each call, as for {@code @Sent} parameters passed on; {@code
   * fix} otherwise, also for a {@code @SpawnArgument} sent on.
   */
  static String forwardingFix(
      String fix, Violation violation, TypeMirror type, Crossing crossing, Markers.Slot own) {
    if (own == null
        || violation.rule() != Rule.NOT_TRANSFERABLE
        || !(type instanceof DeclaredType declared)
        || !violation.culprit().equals(TypePrinter.print(type))
        || !isOpen((TypeElement) declared.asElement())) {
      return fix;
    }
    VariableElement parameter = own.method().getParameters().get(own.index());
    if (FerryAnnotations.find(parameter, FerryAnnotations.SPAWN_ARGUMENT).isPresent()) {
      return fix; // marked already: what it allows is not what crosses here
    }
    if (parameter.asType() instanceof DeclaredType declaredParameter
        && !isOpen((TypeElement) declaredParameter.asElement())) {
      // Widened by a cast ((Object) worker for a Thread worker): the value's type is open, but
      // no caller can pass the parameter a value that crosses, so marking it would fix nothing.
      return fix;
    }
    return CrossingMessages.markParameterFix(
        parameter.getSimpleName().toString(),
        TypePrinter.nameOf(own.method()),
        crossing.marker().substring(crossing.marker().lastIndexOf('.') + 1),
        fix);
  }

  /**
   * {@code violation} in the words of {@code local}, the name of the local variable (not a
   * parameter) sent, where {@code var} inferred its type as an intersection of types with no bound
   * that crosses ({@code var v = flag ? "a" : 1}; only {@code var} gives a local such a type): what
   * to change is its declaration and the values it is set to. {@code violation} itself for any
   * other value ({@code local} null), or one whose culprit is inside its type.
   */
  static Violation ofInferredLocal(Violation violation, TypeMirror type, String local) {
    return blamesIntersection(violation, type, local)
        ? reworded(
            violation,
            CrossingMessages.inferredIntersectionReason(local),
            CrossingMessages.inferredIntersectionFix(local))
        : violation;
  }

  /**
   * {@code violation} in the words of a cast to an intersection, {@code castType} as written
   * ({@code Object & Serializable} of {@code (Object & Serializable) name}): the cast gave the
   * value a type that names no one class, so the fix is the cast, not branches or elements of
   * different classes, which the intersection's own words speak of. {@code violation} itself for a
   * value not so cast ({@code castType} null), or one whose culprit is not that intersection.
   */
  static Violation ofIntersectionCast(
      Violation violation, TypeMirror type, String castType, String operand) {
    return blamesIntersection(violation, type, castType)
        ? reworded(
            violation,
            CrossingMessages.castIntersectionReason(castType),
            CrossingMessages.castIntersectionFix(operand))
        : violation;
  }

  /**
   * The values whose types met in an intersection the compiler inferred: a conditional's or switch
   * expression's results ({@code callee} null), or the arguments of a generic call, {@code callee}
   * its method's name, {@code qualifier} what an explicit type argument follows ({@code List},
   * {@code this}) and {@code variable} the type variable they gave that type (null where the
   * method has several). {@code returnsArgument}: the call returns one of them ({@code <T> T
   * pick(T a, T b)}), so {@code Object} written for its variable lets each cross as itself.
   * {@code within}: null where the values are those of the value told; else the text of the value
   * inside it that they gave its type ({@code flag ? "a" : 1} of {@code Optional.of(flag ? "a" :
   * 1)}), or, for a {@code var} local told by its name, {@code local} and {@code localType}, its
   * type as it could be written ({@code List<Type>}), where its initializer holds them.
   */
  record Met(
      String callee,
      String qualifier,
      String variable,
      boolean returnsArgument,
      List<Operand> operands,
      String within,
      String local,
      String localType) {

    Met(String callee, String qualifier, String variable, boolean returnsArgument,
        List<Operand> operands) {
      this(callee, qualifier, variable, returnsArgument, operands, null, null, null);
    }

    /**
     * These values, found inside {@code within}, a value inside the one told. Writing {@code
     * Object} for the call's type argument would then give the outer value an {@code Object}
     * inside ({@code Optional<Object>}), which does not cross: that fix is not offered.
     */
    Met inside(String within) {
      return this.within != null
          ? this
          : new Met(callee, qualifier, variable, false, operands, within, null, null);
    }

    /**
     * These values, found in the initializer of the {@code var} local {@code local}; null where
     * its type cannot be written with one type in place of the intersection ({@code localType}
     * null: {@code var s = flag ? Optional.of("a") : Optional.of(1)}, whose results are of one
     * class), which keeps the intersection's own words.
     */
    Met inLocal(String local, String localType) {
      return localType == null
          ? null
          : new Met(callee, qualifier, variable, false, operands, within, local, localType);
    }
  }

  /**
   * One value of a {@link Met}: its source text, its type as printed, whether it could cross on
   * its own where the whole is told, and whether it is a diamond {@code new Err<>(..)}, whose type
   * arguments came from its own arguments rather than from the values beside it.
   */
  record Operand(String text, String type, boolean crosses, boolean diamond) {}

  /**
   * {@code violation} in the words of the values whose types met in the intersection it blames,
   * in {@code type} itself ({@code flag ? 4 : Color.RED}, {@code first(4, new StringBuilder())})
   * or as one of its type arguments ({@code List.of(new Ok<>("a"), new Err<>("b"))}): the user
   * changes one of those values, the call's type argument, or where the call is made, not an
   * "intersection" they never wrote. {@code violation} itself where {@code met} is null or names
   * fewer than two values, or the culprit is no such intersection.
   */
  static Violation ofMetValues(Violation violation, TypeMirror type, Met met) {
    if (met == null
        || met.operands().size() < 2
        || violation.rule() != Rule.NOT_TRANSFERABLE
        || (met.within() == null
            && met.local() == null
            && !inferredIntersection(type, violation.culprit()))) {
      return violation;
    }
    String fix =
        met.callee() == null
            ? met.within() == null && met.local() == null
                ? CrossingMessages.metBranchesFix()
                : CrossingMessages.metNestedBranchesFix()
            : CrossingMessages.metArgumentsFix(
                met.callee(),
                met.qualifier(),
                met.variable(),
                met.returnsArgument() && met.operands().stream().allMatch(Operand::crosses),
                met.operands().stream().filter(Operand::diamond).map(Operand::text).toList());
    return reworded(
        violation,
        CrossingMessages.metIntersectionReason(
            met.callee() == null,
            met.operands().stream()
                .map(operand -> "`" + operand.text() + "` (`" + operand.type() + "`)")
                .toList(),
            met.operands().stream().filter(operand -> !operand.crosses())
                .map(Operand::text).toList(),
            met.local() != null ? met.local() : met.within(),
            met.local() != null),
        met.local() == null
            ? fix
            : CrossingMessages.metLocalFix(
                met.local(),
                met.localType(),
                met.callee(),
                met.qualifier(),
                met.variable(),
                met.operands().stream().filter(Operand::diamond).map(Operand::text).toList()));
  }

  /**
   * {@code type} as it could be written in place of {@code var}, its intersection {@code culprit}
   * named {@code Type} ({@code List<Type>}); null where it holds no such intersection or another
   * (a capture, say) that cannot be written.
   */
  static String writableLocalType(TypeMirror type, String culprit) {
    String printed = TypePrinter.print(type);
    if (!printed.contains(culprit)) {
      return null;
    }
    String written = printed.replace(culprit, "Type");
    return written.contains("&") || written.contains("capture") ? null : written;
  }

  /**
   * Whether {@code culprit} is the printed intersection {@code type} is, or one of its type
   * arguments is (as the intersection's own resolution names it).
   */
  static boolean inferredIntersection(TypeMirror type, String culprit) {
    if (type.getKind() == TypeKind.INTERSECTION) {
      return culprit.equals(TypePrinter.print(type));
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        TypeMirror bound = argument;
        if (argument instanceof WildcardType wildcard
            && wildcard.getExtendsBound() != null) {
          bound = wildcard.getExtendsBound();
        }
        bound = CrossingTypes.uncaptured(bound);
        if (bound.getKind() == TypeKind.INTERSECTION && culprit.equals(TypePrinter.print(bound))) {
          return true;
        }
      }
    }
    return false;
  }

  private static Violation reworded(Violation violation, String reason, String fix) {
    return new Violation(violation.rule(), violation.culprit(), reason, fix);
  }

  /**
   * Whether {@code violation} of a value, named by {@code local} (a local's name or a cast's type;
   * null for neither), blames the intersection {@code type}.
   */
  private static boolean blamesIntersection(Violation violation, TypeMirror type, String local) {
    return local != null
        && type.getKind() == TypeKind.INTERSECTION
        && violation.rule() == Rule.NOT_TRANSFERABLE
        && violation.culprit().equals(TypePrinter.print(type));
  }

  /**
   * {@code violation} in the words of {@code local}, the name of the local variable (not a
   * parameter) that gives a call's type variable the capture {@code type} of its elements, where
   * {@code var} inferred it from lists of different element types ({@code var in = flag ?
   * List.of(1) : List.of("x")}, a {@code List<? extends Serializable & Comparable<?> & ...>}; no
   * written type has such a bound): what to change is its declaration, or where the lists are
   * chosen, since a conditional written at the call is checked list by list. {@code violation}
   * itself for any other value, or one whose culprit is not that intersection.
   */
  static Violation ofInferredLocalElements(Violation violation, TypeMirror type, String local) {
    TypeMirror bound = CrossingTypes.uncaptured(type);
    return bound != type && blamesIntersection(violation, bound, local)
        ? reworded(
            violation,
            CrossingMessages.inferredElementIntersectionReason(local),
            CrossingMessages.inferredElementIntersectionFix(local))
        : violation;
  }

  /**
   * The Ferry marker a lambda's own parameter carries ({@code "Sent"}, {@code "SpawnArgument"} or
   * {@code "SpawnTarget"}), or null: one that is not a lambda's parameter ({@code lambda} says
   * whether it is: javac and ECJ tell it apart differently), or carries none. Such a marker moves
   * no check to the lambda's callers, and a message at its use says so.
   */
  static String lambdaMarker(Element variable, boolean lambda) {
    if (!lambda || variable == null) {
      return null;
    }
    for (String marker : LAMBDA_MARKERS) {
      if (FerryAnnotations.find(variable, marker).isPresent()) {
        return marker.substring(marker.lastIndexOf('.') + 1);
      }
    }
    return null;
  }

  private static final String[] LAMBDA_MARKERS = {
    FerryAnnotations.SENT, FerryAnnotations.SPAWN_ARGUMENT, FerryAnnotations.SPAWN_TARGET
  };

  /**
   * {@code fix}, after saying why the marker on {@code variable}, a lambda's own parameter, did
   * not make its callers checked instead ({@link #lambdaMarker}); {@code fix} where it has none.
   */
  static String lambdaParameterFix(String fix, Element variable, boolean lambda) {
    String marker = lambdaMarker(variable, lambda);
    return marker == null
        ? fix
        : SpawnTargetMessages.lambdaMarkedParameterFix(variable.getSimpleName().toString(), marker, fix);
  }

  /**
   * Whether values of {@code type} may be of classes that can cross: Object, or the program's own
   * interface or abstract class (a JDK one, {@code Runnable}, is told it has no codec at all).
   */
  static boolean isOpen(TypeElement type) {
    return type.getQualifiedName().contentEquals("java.lang.Object")
        || (!Markers.isJdk(type)
            && (type.getKind() == ElementKind.INTERFACE
                || type.getModifiers().contains(Modifier.ABSTRACT)));
  }

  /**
   * The fix for a value that crosses at a call. An {@code @InheritOnly} value sent as the argument
   * of a task (a call that takes a spawn target and sends values to it: a pool's workers, which
   * already run) can reach the workers only when they start, through the pool's initializer:
   * {@code initializer} is that call as the fix writes it, or null where no task is involved.
   */
  static String callSiteFix(
      Violation violation, Crossing crossing, String initializer, Element method) {
    if (violation.rule() != Rule.INHERIT_ONLY_SENT) {
      return violation.fix();
    }
    if (crossing == Crossing.SPAWNED) {
      // An @InheritOnly value is handed to a child at spawn: what cannot cross is one the child
      // would send through a channel it is handed (`Channel<Ports>`), so the fix is the channel's
      // type, not "pass the `Ports` at spawn instead of sending it".
      return "give the child channels of a type that can be sent instead, such as a @Transferable"
          + " record of the plain data in `" + violation.culprit() + "`: a channel of `"
          + violation.culprit() + "` would carry a `" + violation.culprit() + "` between"
          + " processes, which it never can; if the child needs the `" + violation.culprit()
          + "` itself, pass it as a spawn argument";
    }
    if (initializer != null) {
      return annotateFirst(violation) + "pass the `" + violation.culprit() + "` to the workers when"
          + " they start, through the pool's initializer (" + initializer + "), instead of as a"
          + " task argument";
    }
    return annotateFirst(violation) + "pass the `" + violation.culprit() + "` to the child as a"
        + " spawn argument when it starts (`Ferry.spawn(target, ...)`) instead of "
        + CrossingWords.instead(method);
  }

  /**
   * The fix for an {@code @InheritOnly} type written, or inferred for a {@code var}, as a type
   * argument for a crossing variable ({@code Channel<Ports>} as a parameter's, field's or local's
   * type; {@code Channel.<Ports>create()}; {@code pool.<Ports, Integer>submit(...)}), or null
   * for any other: nothing is sent where a type is written, so "pass it at spawn instead of
   * sending it" does not fit, nor an initializer given the type as if it were a value; the type
   * argument is what to change. A task's result variable gets {@link #taskResultFix}.
   */
  static String typeArgumentFix(
      Violation violation, Crossing crossing, Parameterizable generic, Element variable,
      Markers markers) {
    if (violation.rule() != Rule.INHERIT_ONLY_SENT || crossing != Crossing.SENT) {
      return null;
    }
    String culprit = violation.culprit();
    if (generic instanceof ExecutableElement method) {
      String result = taskResultFix(violation, method, (TypeParameterElement) variable, markers);
      if (result != null) {
        return result;
      }
      boolean task = markers.takesTarget(method);
      return "give `" + variable.getSimpleName() + "` of `" + TypePrinter.nameOf(method) + "` a"
          + " type whose values can be sent (plain data, a @Transferable type): a `" + culprit
          + "` can never cross that way; " + handOver(violation, task);
    }
    String name = TypePrinter.nameOf(generic);
    return "give `" + name + "` a type argument whose values can be sent (plain data, a"
        + " @Transferable type): a `" + culprit + "` can never cross through a `" + name + "`; "
        + handOver(violation, false);
  }

  /** How a type argument's fix ends: where an {@code @InheritOnly} value does cross. */
  static String handOver(Violation violation, boolean task) {
    String culprit = violation.culprit();
    return task
        ? "to hand a `" + culprit + "` to the workers, " + annotateFirst(violation) + "pass it"
            + " to the pool's initializer, which gives it to each worker when it starts"
        : "to hand a `" + culprit + "` to a child, " + annotateFirst(violation) + "pass it as a"
            + " spawn argument when the child starts (`Ferry.spawn(target, ...)`)";
  }

  /**
   * Whether {@code name} with {@code parameters} parameters is an accessor of a record component
   * of {@code owner}, written or implicit: no one can make it static, as for a method of a class
   * file, so a target's fix calls it from a static method instead (javac has no tree for an
   * implicit accessor, ECJ a source binding: both must say the same).
   */
  static boolean isRecordAccessor(TypeElement owner, String name, int parameters) {
    return owner.getKind() == ElementKind.RECORD
        && parameters == 0
        && ElementFilter.recordComponentsIn(owner.getEnclosedElements()).stream()
            .anyMatch(c -> c.getSimpleName().contentEquals(name));
  }

  /**
   * Whether a spawn argument of type {@code type}, refused for {@code violation}, may be a handle
   * hidden by its type ({@code Object a = jobs}): a whole value at spawn refused as
   * not-transferable for its written type itself, not for a type inside it ({@code Object} of
   * {@code List<Object>}, told so). Both scanners then look for the handle it holds.
   */
  static boolean mayHideAHandleAtSpawn(
      TypeMirror type, Crossing crossing, Violation violation, boolean elements) {
    return crossing == Crossing.SPAWNED && violation.rule() == Rule.NOT_TRANSFERABLE && !elements
        && violation.culprit().equals(TypePrinter.print(type));
  }

  /**
   * Whether a spawn argument of type {@code type}, refused for {@code violation}, may hide a handle
   * among the values it is built of: a whole value at spawn refused as not-transferable for a type
   * inside its own ({@code Object} of the {@code List<Object>} of {@code List.of(job, jobs)}). Both
   * scanners then look for a handle among the values written in the call that builds it.
   */
  static boolean mayHideAHandleAmongElementsAtSpawn(
      TypeMirror type, Crossing crossing, Violation violation, boolean elements) {
    return crossing == Crossing.SPAWNED && violation.rule() == Rule.NOT_TRANSFERABLE && !elements
        && !violation.culprit().equals(TypePrinter.print(type));
  }

  /**
   * Whether the handle of type {@code held} found in a spawn argument of type {@code type} is
   * hidden by that type: not a value whose own type holds handles ({@code new Team(ports)}), which
   * is told as it is.
   */
  static boolean hiddenBy(TypeMirror held, TypeMirror type) {
    return !TypePrinter.print(held).equals(TypePrinter.print(type));
  }

  /**
   * The message for the first parameter of the static method {@code target} (a spawn target or
   * task, written {@code reference}) whose argument the running process rebuilds as another
   * class ({@link CollectionViews#rebuiltAsAnother}, as {@code rebuilt} gives it), or null. Its rule
   * is {@code not-transferable}.
   */
  static String rebuiltParameter(
      ExecutableElement target, String reference, Function<TypeMirror, Violation> rebuilt,
      MemberTypes memberTypes) {
    for (VariableElement parameter : target.getParameters()) {
      TypeMirror type = parameter.asType();
      Violation violation = rebuilt.apply(type);
      if (violation != null) {
        return CrossingMessages.rebuiltTargetParameter(
            reference, parameter.getSimpleName().toString(), TypePrinter.print(type),
            violation.reason(), memberTypes.collectionViews().collectionViewName(type));
      }
    }
    return null;
  }

  /**
   * The message for a task {@code reference} to {@code task} whose result the call types as
   * {@code result}, a class this process does not rebuild a worker's result as, or null. {@code
   * taken} is the type the program takes the result as where the compiler casts it to that type
   * alone ({@code Map<String, Integer> counts = pool.submit(Main::counts, 1).get()}), or null: a
   * result the reader rebuilds as one of those is fine. {@code task} is null for a lambda, whose
   * result type the call infers from its body.
   */
  static String rebuiltResult(
      ExecutableElement task, String reference, TypeMirror result, TypeMirror taken,
      Function<TypeMirror, Violation> rebuilt, MemberTypes memberTypes) {
    Violation violation = result == null ? null : rebuilt.apply(result);
    return violation == null
            || taken != null && memberTypes.collectionViews().readBackAs(result, taken)
        ? null
        : CrossingMessages.rebuiltTaskResult(
            reference, task == null ? null : TypePrinter.nameOf(task), TypePrinter.print(result),
            violation.reason(),
            memberTypes.collectionViews().collectionViewName(result));
  }

  /**
   * The fix for an {@code @InheritOnly} type a task returns ({@code R} of {@code submit}), or null
   * for any other: it would cross from a worker back to the caller, so the pool's initializer, the
   * fix for a task's argument, which goes the other way, does not fit.
   */
  static String taskResultFix(
      Violation violation, ExecutableElement method, TypeParameterElement variable,
      Markers markers) {
    if (violation.rule() != Rule.INHERIT_ONLY_SENT
        || !CallCarriers.isTaskResult(method, variable, markers.parametersOf(method))) {
      return null;
    }
    return "make the task return plain data instead, such as a @Transferable record of what the"
        + " caller needs: a `" + violation.culprit() + "` made in a worker holds handles of the"
        + " worker's process, and handles cross only from a parent to its child, at spawn, never"
        + " back";
  }

  /**
   * {@code `pool.initializer(Main::init, value)`}, as a fix writes it for a task's argument, with
   * {@code className} the class around the call a child can run a method of; null where there is
   * none (a compact source file's class has no name: {@code Main::init} does not compile there),
   * and the fix names a static nested class to add.
   */
  static String initializerCall(String receiver, String className, String argument) {
    // A receiver written as a call (`Ferry.pool(2).submit(...)`) would make a second pool if the
    // fix repeated it: the fix names the pool instead, and says where it comes from.
    boolean made = receiver.indexOf('(') >= 0;
    String call = "`" + (made ? "pool" : receiver) + ".initializer(%s::init, " + argument + ")`"
        + (made ? " on the pool `" + receiver + "` returns, kept in a variable `pool`" : "");
    return className != null
        ? call.formatted(className)
        : call.formatted("Workers") + ", with `init` a static method of a static nested class"
            + " `Workers` that you add: a compact source file's class has no name a reference"
            + " could use";
  }

  /** For an unannotated subclass of an @InheritOnly class: the annotation it needs first. */
  static String annotateFirst(Violation violation) {
    return violation.fix().startsWith("annotate ")
        ? "annotate `" + violation.culprit() + "` with @InheritOnly too, then "
        : "";
  }

  /**
   * {@link #typeArgumentMessage} with its fix: {@link #typeArgumentFix}'s where it has one, else
   * {@code callSiteFix}'s (javac's and ECJ's scanners word that one from their own trees).
   */
  static String typeArgumentMessage(
      String written,
      String whole,
      Parameterizable generic,
      Element variable,
      Crossing crossing,
      Violation violation,
      Markers markers,
      Supplier<String> callSiteFix) {
    return typeArgumentMessage(
        written,
        whole,
        generic,
        variable,
        crossing,
        violation,
        Objects.requireNonNullElseGet(
            typeArgumentFix(violation, crossing, generic, variable, markers), callSiteFix));
  }

  /**
   * The message for a type argument written for a crossing type parameter: of a type ({@code
   * Channel<Thread>}; {@code whole}, when known, is that type with all its arguments, {@code
   * Stage<Thread, String>}), or of a generic method or constructor, which is no type to print
   * with it.
   */
  static String typeArgumentMessage(
      String written, String whole, Parameterizable generic, Element variable, Crossing crossing,
      Violation violation, String fix) {
    String name = TypePrinter.nameOf(generic);
    if (generic instanceof ExecutableElement) {
      return CrossingMessages.writtenTypeArgument(
          written,
          variable.getSimpleName().toString(),
          name,
          CrossingWords.phrase(crossing, generic),
          violation.culprit(),
          violation.reason(),
          fix);
    }
    return CrossingMessages.sentTypeArgument(
        written,
        whole != null ? whole : name + "<" + written + ">",
        crossing.phrase(),
        violation.culprit(),
        violation.reason(),
        fix);
  }

  /**
   * An anonymous class's creation as a message quotes it, its body left out: {@code new Job() {
   * ... }}.
   */
  static String anonymousCreation(String head) {
    String text = head.strip();
    String creation = text.endsWith("{") ? text.substring(0, text.length() - 1).strip() : text;
    return shorten(creation + " { ... }");
  }

  /** Printed code as a message quotes it: its first line, shortened. */
  static String shorten(String code) {
    String text = code.strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      String first = text.substring(0, newline).strip();
      // An anonymous class's creation, `new Settings(3){` and its body: quote it as it reads.
      text =
          first.endsWith("{")
              ? first.substring(0, first.length() - 1).strip() + " { ... }"
              : first + " ...";
    }
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }
}
