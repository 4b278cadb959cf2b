package dev.ferry.processor.checker;

import static dev.ferry.processor.checker.EcjExpressions.polyResults;
import static dev.ferry.processor.checker.EcjExpressions.withoutCasts;

import dev.ferry.processor.checker.EcjHeldValues.Held;
import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.TypeVariables;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.ClassLiteralAccess;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.NullLiteral;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.ast.TypeReference;
import org.eclipse.jdt.internal.compiler.lookup.IntersectionTypeBinding18;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.ParameterizedGenericMethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.ParameterizedTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.WildcardBinding;

/**
 * The types a call gives the crossing type variables it instantiates under ECJ, checked on the
 * argument that carries each, as javac's checker checks them ({@link InstantiatedVariables}): a
 * generic method's call, a generic constructor's or a diamond's creation, and a method reference's
 * variable inside a parameter's type. An argument whose parameter is the variable itself is checked
 * by its own type ({@link EcjCrossingValues}); else the argument that carries the variable gets the
 * type ECJ inferred ({@code ParameterizedGenericMethodBinding.typeArguments}), or, where it was
 * inferred from several values at once (a conditional's results, a task's chosen inputs, references
 * a conditional chooses from), each value by the type it gives the variable alone.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it reasons about inference (which argument
 * brings a variable, what a task sends back), not about one value; the reports, the call being
 * checked and what was told already are the scanner's.
 */
final class EcjInstantiatedVariables {
  private final EcjCallSiteScanner scan;
  private final Factory factory;
  private final javax.lang.model.util.Elements elements;
  private final javax.lang.model.util.Types types;
  private final MemberTypes memberTypes;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final EcjTypeMirrors mirrors;
  private final EcjHeldValues heldValues;
  private final EcjSnippets snippets;
  private final EcjSpawnTargets spawnTargets;
  private final EcjCrossingValues crossingValues;

  EcjInstantiatedVariables(EcjCallSiteScanner scan) {
    this.scan = scan;
    this.factory = scan.factory;
    this.elements = scan.elements;
    this.types = scan.types;
    this.memberTypes = scan.memberTypes;
    this.markers = scan.markers;
    this.sentVariables = scan.sentVariables;
    this.mirrors = scan.mirrors;
    this.heldValues = scan.heldValues;
    this.snippets = scan.snippets;
    this.spawnTargets = scan.spawnTargets;
    this.crossingValues = scan.crossingValues;
  }

  void checkInstantiation(
      ExecutableElement method, MethodBinding binding, Expression[] arguments,
      boolean targetReported) {
    Crossing[] crossings = sentVariables.of(method, scan.receiverOf(binding));
    if (crossings.length == 0) {
      return;
    }
    TypeBinding[] inferred =
        binding instanceof ParameterizedGenericMethodBinding generic && !generic.isRaw
            ? generic.typeArguments
            : null;
    List<? extends TypeParameterElement> variables = method.getTypeParameters();
    boolean spread =
        binding.isVarargs() && !EcjCallSiteScanner.passesArrayAsVarargs(binding, arguments);
    for (int i = 0; i < crossings.length; i++) {
      if (crossings[i] == null
          || (targetReported && CallCarriers.resultCarries(method, variables.get(i)))) {
        continue;
      }
      checkVariable(
          method, variables.get(i), crossings[i],
          inferred != null && i < inferred.length ? mirrors.of(inferred[i]) : null, arguments,
          spread);
    }
  }

  /**
   * Checks the type a call gives the crossing {@code variable} (of the method, or of a diamond's
   * class) on the argument that carries it ({@link CallCarriers}); {@code inferred} is the type
   * the call gives it, or null where ECJ gives none.
   */
  void checkVariable(
      ExecutableElement method, TypeParameterElement variable, Crossing crossing,
      TypeMirror inferred, Expression[] arguments, boolean spread) {
    CallCarriers.Plan plan =
        CallCarriers.of(method, variable, markers.parametersOf(method), arguments.length, spread);
    for (int a : plan.direct()) {
      crossingValues.checkValue(arguments[a], crossing, method, false);
    }
    int[] carrying = CallCarriers.carrying(method, variable, arguments.length, spread);
    int told = coverCarriers(carrying, arguments);
    if (plan.direct().length > 0 || plan.carrier() < 0) {
      return;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    for (int i : carrying) {
      List<Expression> results = polyResults(withoutCasts(arguments[i]));
      if (i != plan.carrier() && results != null && choosesValues(results)) {
        // As under javac: the carrier's type is the one inferred from every result at once.
        checkCarrierResults(
            results, parameters.get(Math.min(i, parameters.size() - 1)).asType(),
            method, variable, crossing, told);
        return;
      }
    }
    if (inferred == null) {
      return;
    }
    // As under javac: told on the one argument that brings the type, where one can be singled out.
    int carrier =
        CallCarriers.bringing(
            method, markers.parametersOf(method), plan.carrier(), carrying,
            i -> bringsAlone(
                arguments[i], CallCarriers.parameterType(parameters, i, spread), variable,
                inferred));
    if (!scan.targetReceivers.contains(arguments[carrier])
        && !followsToldOrNullArgument(carrier, arguments)
        && !(withoutCasts(arguments[carrier]) instanceof NullLiteral)
        && !checkResultsOfChosenInputs(carrier, arguments, method, variable, crossing, told)) {
      Map<Expression, TypeMirror> chosen =
          chosenReferenceResults(
              arguments[carrier],
              parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
              variable);
      if (chosen != null) {
        chosen.forEach((result, returned) ->
            checkInstantiated(result, variable, method, returned, crossing, told));
        return;
      }
      List<Expression> results = polyResults(withoutCasts(arguments[carrier]));
      if (results != null) {
        checkCarrierResults(
            results, parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
            method, variable, crossing, told);
        return;
      }
      checkRebuiltResult(arguments[carrier], method, variable, inferred);
      checkInstantiated(
          arguments[carrier], variable, method,
          carriedType(method, carrier, arguments, variable, inferred), crossing, told);
    }
  }

  /**
   * One mistake, told once, as under javac ({@code TransferScanner.coverCarriers}): when a value
   * passed for a crossing type variable was told, the call's other arguments carrying it are
   * noted as told by the same rule. Returns the rule's ordinal, or -1.
   */
  int coverCarriers(int[] carrying, Expression[] arguments) {
    int rule = -1;
    for (int i = 0; i < carrying.length && rule < 0; i++) {
      Expression argument = arguments[carrying[i]];
      for (int[] value : scan.reportedValues) {
        if (argument.sourceStart <= value[0] && value[0] <= argument.sourceEnd) {
          rule = value[2];
          break;
        }
      }
    }
    for (int i = 0; rule >= 0 && i < carrying.length; i++) {
      Expression argument = arguments[carrying[i]];
      scan.coveredArguments.add(new int[] {argument.sourceStart, argument.sourceEnd, rule});
    }
    return rule;
  }

  /**
   * The type the carrier {@code arguments[carrier]} gives {@code variable}: a method reference's
   * own return type where it is the functional interface's result ({@link
   * CallCarriers#referenceResult}), else the inferred one.
   */
  private TypeMirror carriedType(
      ExecutableElement method, int carrier, Expression[] arguments,
      TypeParameterElement variable, TypeMirror inferred) {
    List<? extends VariableElement> parameters = method.getParameters();
    TypeMirror returned =
        referenceResult(
            arguments[carrier], parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
            variable);
    if (returned != null) {
      return returned;
    }
    if (withoutCasts(arguments[carrier]) instanceof LambdaExpression) {
      return inferred;
    }
    return CrossingTypes.valuesOfCapture( // as under javac: an Iterable<?>'s elements
        types, inferred, parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
        variable, elements.getTypeElement("java.lang.Object").asType());
  }

  /** {@link CallCarriers#referenceResult} of {@code argument} if it is a method reference. */
  private TypeMirror referenceResult(
      Expression argument, TypeMirror parameter, TypeParameterElement variable) {
    return withoutCasts(argument) instanceof ReferenceExpression reference
            && reference.getMethodBinding() != null
            && factory.newElement(reference.getMethodBinding().original())
                instanceof ExecutableElement referenced
        ? CallCarriers.referenceResult(parameter, variable, referenced)
        : null;
  }

  /**
   * As TransferScanner's: the results of a conditional or switch carrier of {@code variable}
   * inside a wider type ({@code flag ? List.of(job) : List.of("x")}), each checked by the type it
   * gives the variable on its own, and told where it is written.
   */
  private void checkCarrierResults(
      List<Expression> results, TypeMirror parameter, ExecutableElement method,
      TypeParameterElement variable, Crossing crossing, int told) {
    for (Expression result : results) {
      List<Expression> nested = polyResults(withoutCasts(result));
      if (nested != null) {
        checkCarrierResults(nested, parameter, method, variable, crossing, told);
        continue;
      }
      if (withoutCasts(result) instanceof NullLiteral) {
        continue;
      }
      TypeMirror type = ownCarriedType(withoutCasts(result), parameter, variable);
      if (type != null) {
        checkInstantiated(result, variable, method, type, crossing, told);
      }
    }
  }

  /** As TransferScanner's: whether a conditional or switch chooses among values, not functions. */
  private static boolean choosesValues(List<Expression> results) {
    for (Expression result : results) {
      Expression value = withoutCasts(result);
      List<Expression> nested = polyResults(value);
      if (nested != null
          ? !choosesValues(nested)
          : value instanceof LambdaExpression || value instanceof ReferenceExpression) {
        return false;
      }
    }
    return true;
  }

  /**
   * As TransferScanner's: the type {@code value} gives {@code variable} alone, a generic call's by
   * the arguments that give it ({@link CrossingTypes#argumentsGiving}) when they have one type.
   */
  private TypeMirror ownCarriedType(
      Expression value, TypeMirror parameter, TypeParameterElement variable) {
    return ownCarriedType(value, parameter, variable, 0);
  }

  private TypeMirror ownCarriedType(
      Expression value, TypeMirror parameter, TypeParameterElement variable, int depth) {
    TypeMirror inferred =
        CallCarriers.typeWithin(parameter, mirrors.of(value.resolvedType), variable, memberTypes);
    int[] giving = argumentsGiving(value, parameter, variable);
    if (giving == null) {
      TypeMirror held =
          depth < MAX_HELD_DEPTH ? heldByArguments(value, parameter, variable, depth) : null;
      return held != null ? held : inferred;
    }
    Expression[] arguments = ((MessageSend) value).arguments;
    TypeBinding own = null;
    for (int i : giving) {
      TypeBinding type = arguments[i].resolvedType;
      if (type == null
          || type == TypeBinding.NULL
          || (own != null && !TypeBinding.equalsEquals(own, type))) {
        return inferred; // a null, or values of different types: the compiler's common one
      }
      own = type;
    }
    return own == null ? null : mirrors.of(own);
  }

  /**
   * As TransferScanner's: the type a generic call's arguments give its own variable, held by its
   * parameters inside wider types ({@code pick(flag, List.of(1), List.of(2))} for {@code <T>
   * List<T> pick(boolean f, List<T> a, List<T> b)}), when they all give the same one; else null.
   */
  private TypeMirror heldByArguments(
      Expression value, TypeMirror parameter, TypeParameterElement variable, int depth) {
    if (!(value instanceof MessageSend send)
        || send.typeArguments != null
        || send.binding == null
        || !send.binding.isValidBinding()
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement called)
        || called.isVarArgs()
        || !(CallCarriers.typeWithin(parameter, called.getReturnType(), variable, memberTypes)
            instanceof TypeVariable standing)
        || !(standing.asElement() instanceof TypeParameterElement own)
        || !own.getGenericElement().equals(called)) {
      return null;
    }
    List<? extends VariableElement> parameters = called.getParameters();
    Expression[] arguments = send.arguments == null ? new Expression[0] : send.arguments;
    TypeMirror found = null;
    for (int i = 0; i < parameters.size() && i < arguments.length; i++) {
      TypeMirror declared = parameters.get(i).asType();
      if (!CallCarriers.mentions(declared, own)) {
        continue;
      }
      Expression argument = withoutCasts(arguments[i]);
      TypeMirror given =
          argument instanceof NullLiteral
              ? null
              : ownCarriedType(argument, declared, own, depth + 1);
      if (given == null
          || given.getKind() == TypeKind.ERROR
          || (found != null && !types.isSameType(found, given))) {
        return null; // as under javac: a null, or arguments of different types
      }
      found = given;
    }
    return found;
  }

  private static final int MAX_HELD_DEPTH = 8;

  /** As TransferScanner's: the arguments of a generic call that give its result's variable. */
  private int[] argumentsGiving(
      Expression value, TypeMirror parameter, TypeParameterElement variable) {
    if (!(value instanceof MessageSend send)
        || send.typeArguments != null
        || send.binding == null
        || !send.binding.isValidBinding()
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement called)) {
      return null;
    }
    Expression[] arguments = send.arguments == null ? new Expression[0] : send.arguments;
    return CrossingTypes.argumentsGiving(
        called,
        CallCarriers.typeWithin(parameter, called.getReturnType(), variable, memberTypes),
        arguments.length,
        heldValues.spreadsVarargs(called, arguments));
  }

  /**
   * As TransferScanner's: whether {@code argument} brings {@code type} for {@code variable} on its
   * own, false where it only takes it from its target, null where that cannot be told alone.
   */
  private Boolean bringsAlone(
      Expression argument, TypeMirror parameter, TypeParameterElement variable, TypeMirror type) {
    Expression value = withoutCasts(argument);
    if (value instanceof LambdaExpression
        || value instanceof ReferenceExpression
        || value instanceof NullLiteral
        || polyResults(value) != null) {
      return null;
    }
    int[] giving = argumentsGiving(argument, parameter, variable);
    if (giving != null && giving.length == 0) {
      return false;
    }
    TypeMirror own = ownCarriedType(argument, parameter, variable);
    return own == null || own.getKind() == TypeKind.ERROR ? null : types.isSameType(own, type);
  }

  /**
   * As TransferScanner's: the type each method reference returns that a conditional or switch
   * carrier chooses from, when each is one whose result is its own or was told already; else null.
   */
  private Map<Expression, TypeMirror> chosenReferenceResults(
      Expression carrier, TypeMirror parameter, TypeParameterElement variable) {
    List<Expression> results = polyResults(withoutCasts(carrier));
    if (results == null) {
      return null;
    }
    Map<Expression, TypeMirror> chosen = new java.util.LinkedHashMap<>();
    for (Expression result : results) {
      Map<Expression, TypeMirror> nested = chosenReferenceResults(result, parameter, variable);
      TypeMirror returned = nested == null ? referenceResult(result, parameter, variable) : null;
      if (nested != null) {
        chosen.putAll(nested);
      } else if (returned != null) {
        chosen.put(result, returned);
      } else if (!scan.reportedAt.contains(result.sourceStart)) {
        return null; // a lambda told as a target is left out, as under javac
      }
    }
    return chosen;
  }

  /**
   * Whether the carrier {@code arguments[carrier]} is a method reference whose result follows from
   * the call's other arguments, one of which was reported or is {@code null}, also cast (as under
   * javac: {@code TransferScanner.followsToldOrNullArgument}).
   */
  private boolean followsToldOrNullArgument(int carrier, Expression[] arguments) {
    if (!(arguments[carrier] instanceof ReferenceExpression reference)
        || reference.getMethodBinding() == null
        || !(factory.newElement(reference.getMethodBinding().original())
            instanceof ExecutableElement referenced)
        || !CallCarriers.resultFollowsArguments(referenced)) {
      return false;
    }
    boolean returnsItsArgument = CrossingTypes.returnsOnlyArguments(referenced, false);
    for (int a = 0; a < arguments.length; a++) {
      int start = arguments[a].sourceStart;
      int end = arguments[a].sourceEnd;
      if (a != carrier
          && (scan.reportedAt.stream().anyMatch(at -> start <= at && at <= end)
              || withoutCasts(arguments[a]) instanceof NullLiteral
              || (returnsItsArgument && choosesValues(arguments[a])))) {
        return true;
      }
    }
    return false;
  }

  /**
   * As TransferScanner's: checks what the task {@code arguments[target]} sends back for each
   * input a conditional or switch expression chooses among, where the task builds its result of
   * its one argument ({@code <T> Pair<T, T> twin(T t)}); returns whether the call was such a one.
   */
  private boolean checkResultsOfChosenInputs(
      int target, Expression[] arguments, ExecutableElement method,
      TypeParameterElement variable, Crossing crossing, int told) {
    if (arguments.length != 2
        || !(arguments[target] instanceof ReferenceExpression reference)
        || reference.getMethodBinding() == null
        || !(factory.newElement(reference.getMethodBinding().original())
            instanceof ExecutableElement referenced)) {
      return false;
    }
    TypeVariable argument = CrossingTypes.builtFromItsArgument(referenced);
    TypeVariable input = CrossingTypes.firstInput(method, target);
    List<Expression> results = polyResults(withoutCasts(arguments[1 - target]));
    if (argument == null || input == null || results == null || !choosesValues(results)) {
      return false;
    }
    TypeMirror parameter = method.getParameters().get(1 - target).asType();
    for (Expression value : chosenValues(results)) {
      TypeMirror own =
          ownCarriedType(value, parameter, (TypeParameterElement) input.asElement());
      if (own != null && !CrossingTypes.isUnchecked(own)) {
        checkInstantiated(
            arguments[target], variable, method,
            CrossingTypes.substituted(types, referenced.getReturnType(), argument, own),
            crossing, told);
      }
    }
    return true;
  }

  /** As TransferScanner's: the values among {@code results}, through nested ones, past casts. */
  private static List<Expression> chosenValues(List<Expression> results) {
    List<Expression> values = new java.util.ArrayList<>();
    for (Expression result : results) {
      Expression value = withoutCasts(result);
      List<Expression> nested = polyResults(value);
      if (nested != null) {
        values.addAll(chosenValues(nested));
      } else if (!(value instanceof NullLiteral)) {
        values.add(value);
      }
    }
    return values;
  }

  /** As TransferScanner's: a conditional or switch choosing among values, each checked alone. */
  private static boolean choosesValues(Expression argument) {
    List<Expression> results = polyResults(withoutCasts(argument));
    return results != null && choosesValues(results);
  }

  /**
   * As TransferScanner's: the type argument written for the referenced method's own variable its
   * result is made of, when refused by itself ({@code Number} of {@code Main::<Number>identity});
   * else {@code at}.
   */
  private ASTNode writtenResultArgument(Expression at) {
    if (!(at instanceof ReferenceExpression reference)
        || reference.typeArguments == null
        || reference.getMethodBinding() == null
        || !(factory.newElement(reference.getMethodBinding().original())
            instanceof ExecutableElement referenced)) {
      return at;
    }
    List<TypeParameterElement> mentioned = new java.util.ArrayList<>();
    SentVariables.forEachVariable(referenced.getReturnType(), mentioned::add);
    for (TypeParameterElement variable : mentioned) {
      int index = TypeVariables.indexIn(referenced.getTypeParameters(), variable);
      if (index < 0 || index >= reference.typeArguments.length) {
        continue;
      }
      TypeReference written = reference.typeArguments[index];
      TypeMirror type = written.resolvedType == null ? null : mirrors.of(written.resolvedType);
      if (type != null
          && !CrossingTypes.isUnchecked(type)
          && memberTypes.resolveValue(type, false).violation() != null) {
        return written;
      }
    }
    return at;
  }

  /**
   * Checks the type a call gives a crossing type variable, reporting on the argument {@code at},
   * unless a value carrying the variable was told already by the rule of ordinal {@code told}
   * ({@link #coverCarriers}).
   */
  void checkInstantiated(
      Expression at, TypeParameterElement variable, ExecutableElement method, TypeMirror type,
      Crossing crossing, int told) {
    if (Verdicts.isVoidWhereNullCrosses(type, method, markers)) {
      return;
    }
    Violation violation =
        at instanceof ClassLiteralAccess
            ? scan.literalViolation(type, crossing)
            : scan.violationOf(type, crossing);
    if (violation == null || scan.reportedAt.contains(at.sourceStart)) {
      return; // fine, or the argument has its own error already (a lambda task, say)
    }
    if (violation.rule().ordinal() == told) {
      return; // another argument carrying the variable was told: one mistake, told once
    }
    if (EcjCallSiteScanner.within(at, violation.rule(), scan.reportedValues)) {
      return; // as under javac: inside a value told already by this rule, one mistake
    }
    if (checkHeldElement(at, violation, method, crossing)) {
      return;
    }
    // As under javac: the type written in the carrier is the one this names, not told again.
    scan.coveredArguments.add(new int[] {at.sourceStart, at.sourceEnd, violation.rule().ordinal()});
    // As under javac; ECJ's elements call every local variable a PARAMETER: its binding tells.
    Violation ofLocal =
        CallSiteMessages.ofInferredLocalElements(
            violation,
            type,
            withoutCasts(at) instanceof SingleNameReference name
                    && name.binding instanceof LocalVariableBinding local
                    && !local.isParameter()
                    && hasInferredElements(local)
                ? new String(local.name)
                : null);
    Violation shown =
        ofLocal == violation
            ? CallSiteMessages.ofMetValues(
                violation, type, crossingValues.metFor(at, violation.culprit(), crossing, false, 0))
            : ofLocal;
    scan.report(
        writtenResultArgument(at),
        shown.rule(),
        CrossingMessages.inferredTypeArgument(
            snippets.of(at),
            variable.getSimpleName().toString(),
            TypePrinter.nameOf(method),
            TypePrinter.print(type),
            CrossingWords.phrase(crossing, method),
            shown.culprit(),
            shown.reason(),
            Objects.requireNonNullElseGet(
                CallSiteMessages.taskResultFix(shown, method, variable, markers),
                () -> scan.callSiteFix(shown, crossing, method, at))));
  }

  /**
   * As TransferScanner's: a carrier that builds a collection of values written in it, one of which
   * is an {@code @InheritOnly} value the inferred element type hides ({@code pool.map(Main::work,
   * List.of(job, jobs))}), checks that value by its own type, as a task's argument.
   */
  private boolean checkHeldElement(
      Expression at, Violation violation, ExecutableElement method, Crossing crossing) {
    if (violation.rule() != Rule.NOT_TRANSFERABLE
        || crossing != Crossing.SENT
        || !(withoutCasts(at) instanceof MessageSend)) {
      return false;
    }
    Held held = heldValues.held(at, crossing, true, 0, new HashSet<>());
    if (held == null || held.aliased() || held.value() == withoutCasts(at)) {
      return false; // as under javac
    }
    scan.coveredArguments.add(
        new int[] {at.sourceStart, at.sourceEnd, held.violation().rule().ordinal()});
    crossingValues.checkValue(held.value(), crossing, method, false);
    return true;
  }

  /**
   * As TransferScanner's: whether {@code local}'s type has a type argument only {@code var} gives,
   * a wildcard bounded by an intersection (ECJ's holds it as its bound and other bounds).
   */
  private static boolean hasInferredElements(LocalVariableBinding local) {
    if (!(local.type instanceof ParameterizedTypeBinding parameterized)
        || parameterized.arguments == null) {
      return false;
    }
    for (TypeBinding argument : parameterized.arguments) {
      if (argument instanceof WildcardBinding wildcard
          && (wildcard.otherBounds != null
              || wildcard.bound instanceof IntersectionTypeBinding18)) {
        return true;
      }
    }
    return false;
  }

  /**
   * As TransferScanner's: a task's result as the call types it, rebuilt as another class; a
   * lambda's where it was not told as a spawn target (spawn-target silenced).
   */
  private void checkRebuiltResult(
      Expression task, ExecutableElement method, TypeParameterElement variable,
      TypeMirror result) {
    Expression written = withoutCasts(task);
    ExecutableElement referenced =
        written instanceof ReferenceExpression reference
                && reference.getMethodBinding() != null
                && factory.newElement(reference.getMethodBinding().original())
                    instanceof ExecutableElement named
            ? named
            : null;
    boolean lambda =
        written instanceof LambdaExpression && !scan.reportedAt.contains(task.sourceStart);
    if ((referenced == null && !lambda)
        || !CallCarriers.isTaskResult(method, variable, markers.parametersOf(method))) {
      return;
    }
    String message =
        CallSiteMessages.rebuiltResult(
            referenced, snippets.of(task), result, scan.results.takenAs(scan.call),
            spawnTargets::rebuiltAsAnother, memberTypes);
    if (message != null) {
      scan.report(task, Rule.NOT_TRANSFERABLE, message);
    }
  }
}
