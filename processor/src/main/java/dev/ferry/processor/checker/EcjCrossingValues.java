package dev.ferry.processor.checker;

import static dev.ferry.processor.checker.EcjExpressions.polyResults;
import static dev.ferry.processor.checker.EcjExpressions.withoutCasts;

import dev.ferry.processor.checker.EcjHeldValues.Held;
import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.AllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.CastExpression;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.IntersectionCastTypeReference;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.NullLiteral;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.VariableBinding;

/**
 * The values that cross at a call under ECJ, each checked by its own type where it is passed, as
 * javac's checker checks them ({@link CrossingValues}): an argument to a {@code @Sent} or {@code
 * @SpawnArgument} parameter, the elements of an array passed for varargs, a value a call's type
 * variable is carried by. A value forwarded from a parameter that is itself checked at its calls,
 * or an element of such an array, is left to those calls; a conditional's or switch's results, and
 * a call that returns one of its arguments, are checked one by one; an {@code @InheritOnly} handle
 * hidden in a value (a cast, a local, a collection's elements) is told with the handle; a type told
 * already where its declaration writes it is not told again.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because this is what one value is, found by following
 * it back through locals, casts and calls, where the scanner finds where values cross; the reports,
 * the call being checked and what was told already are the scanner's.
 */
final class EcjCrossingValues {
  private final EcjCallSiteScanner scan;
  private final Factory factory;
  private final javax.lang.model.util.Types types;
  private final MemberTypes memberTypes;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final EcjTypeMirrors mirrors;
  private final EcjParameterSlots slots;
  private final EcjHeldValues heldValues;
  private final EcjSnippets snippets;

  EcjCrossingValues(EcjCallSiteScanner scan) {
    this.scan = scan;
    this.factory = scan.factory;
    this.types = scan.types;
    this.memberTypes = scan.memberTypes;
    this.markers = scan.markers;
    this.sentVariables = scan.sentVariables;
    this.mirrors = scan.mirrors;
    this.slots = scan.slots;
    this.heldValues = scan.heldValues;
    this.snippets = scan.snippets;
  }

  /** Whether {@code type} is the capture of {@code ?} (see {@link CrossingTypes#uncaptured}). */
  private static boolean isUnboundedCapture(TypeMirror type) {
    return type instanceof TypeVariable variable
        && MemberTypes.isCapture(variable)
        && variable.getUpperBound() instanceof DeclaredType;
  }

  void checkValue(
      Expression argument, Crossing crossing, ExecutableElement method, boolean elements) {
    if (scan.targetReceivers.contains(argument)) {
      return; // the receiver of an instance method given as the target, told with the target
    }
    if (withoutCasts(argument) instanceof NullLiteral) {
      return; // null crosses as null, whatever it is cast to: (Object[]) null, as javac advises
    }
    if (slots.isForwarded(withoutCasts(argument), crossing, elements)) {
      return; // forwarded from a parameter whose arguments are checked where its method is called
    }
    if (slots.isForwardedElement(withoutCasts(argument), crossing)) {
      return; // an element of such a parameter's array, whose elements were checked at each call
    }
    TypeMirror type = mirrors.of(argument.resolvedType);
    if (!elements && type != null && Verdicts.isVoidWhereNullCrosses(type, method, markers)) {
      return; // a Void variable holds null, which crosses here as the literal does
    }
    List<Expression> results = polyResults(argument);
    if (results == null) {
      results = heldValues.returnedArguments(argument);
    }
    if (results != null && type != null && type.getKind() != TypeKind.INTERSECTION) {
      // As under javac (PolyResults, TransferScanner.returnedArguments): the expression has the
      // parameter's type, or one inferred from its arguments, its results their own, and one of
      // them crosses.
      for (Expression result : results) {
        checkValue(result, crossing, method, elements);
      }
      return;
    }
    type = CrossingTypes.uncaptured(type);
    if (isUnboundedCapture(type)) {
      // javac types l.get(0) of a List<?> l as Object, ECJ as its capture: checked as javac does
      type = ((TypeVariable) type).getUpperBound();
    }
    Violation violation = scan.violationOf(type, crossing, elements);
    if (violation == null) {
      return;
    }
    if (namesReportedDeclaration(withoutCasts(argument), crossing)
        || typeFromToldDeclaration(argument, type, violation.rule())) {
      return;
    }
    Held held =
        violation.rule() == Rule.NOT_TRANSFERABLE && !elements
            ? heldValues.held(argument, crossing, true, 0, new HashSet<>())
            : null;
    if (held != null && !held.aliased()) {
      // As under javac: a cast or a generic call's inferred type hides the handles it holds.
      argument = held.value();
      type = held.type();
      violation = held.violation();
    } else if (held != null) {
      reportHeld(withoutCasts(argument), held, crossing, method);
      return;
    }
    Held hidden =
        held == null
            ? heldValues.hiddenAtSpawn(argument, type, crossing, violation, elements)
            : null;
    if (hidden != null) {
      reportHiddenAtSpawn(argument, hidden, type, method);
      return;
    }
    Held element =
        held == null ? hiddenAmongElementsAtSpawn(argument, type, crossing, violation, elements) : null;
    if (element != null) {
      reportHiddenElementAtSpawn(argument, element, type, violation, method);
      return;
    }
    scan.reportedValues.add(
        new int[] {argument.sourceStart, argument.sourceEnd, violation.rule().ordinal()});
    VariableBinding named =
        withoutCasts(argument) instanceof SingleNameReference name
                && name.binding instanceof VariableBinding variable
            ? variable
            : null;
    Markers.Slot own = named == null ? null : slots.ownSlotOf(named);
    if (held == null) {
      // ECJ's elements call every local variable a PARAMETER: its binding tells them apart.
      Violation told = violation;
      violation =
          CallSiteMessages.ofInferredLocal(
              violation,
              type,
              named instanceof LocalVariableBinding local && !local.isParameter()
                  ? new String(local.name)
                  : null);
      if (argument instanceof CastExpression cast
          && cast.type instanceof IntersectionCastTypeReference intersection) {
        // As TransferScanner's: a cast to an intersection is told as the cast it is.
        violation =
            CallSiteMessages.ofIntersectionCast(
                violation,
                type,
                Arrays.stream(intersection.typeReferences)
                    .map(snippets::of)
                    .collect(Collectors.joining(" & ")),
                snippets.of(cast.expression));
      } else if (violation == told) {
        violation =
            CallSiteMessages.ofMetValues(
                violation, type, metFor(argument, violation.culprit(), crossing, elements, 0));
      }
    }
    scan.report(
        argument,
        violation.rule(),
        CrossingMessages.crossingValue(
            snippets.of(argument),
            CrossingWords.phrase(crossing, method),
            TypePrinter.print(type),
            violation.culprit(),
            violation.reason(),
            CallSiteMessages.lambdaParameterFix(
                CallSiteMessages.forwardingFix(
                    scan.callSiteFix(violation, crossing, method, argument),
                    violation,
                    type,
                    crossing,
                    own),
                named == null ? null : factory.newElement(named),
                EcjParameterSlots.isLambdaParameter(named))));
  }

  /** As TransferScanner's: the values whose types met where ECJ inferred {@code argument}'s. */
  private CallSiteMessages.Met met(Expression argument, Crossing crossing, boolean elements) {
    List<Expression> results = polyResults(argument);
    if (results != null) {
      return new CallSiteMessages.Met(
          null, null, null, false, operands(results, crossing, elements));
    }
    if (!(argument instanceof MessageSend send)
        || send.binding == null
        || !send.binding.isValidBinding()
        || send.arguments == null
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement method)
        || method.getTypeParameters().isEmpty()) {
      return null;
    }
    String qualifier =
        send.receiver != null && !send.receiver.isImplicitThis()
            ? snippets.of(send.receiver)
            : method.getModifiers().contains(Modifier.STATIC)
                ? method.getEnclosingElement().getSimpleName().toString()
                : "this";
    return new CallSiteMessages.Met(
        method.getSimpleName().toString(),
        qualifier,
        method.getTypeParameters().size() == 1
            ? method.getTypeParameters().get(0).getSimpleName().toString()
            : null,
        heldValues.returnedArguments(argument) != null,
        operands(Arrays.asList(send.arguments), crossing, false));
  }

  /** As TransferScanner's: the values that gave {@code argument}, or a value in it, its type. */
  CallSiteMessages.Met metFor(
      Expression argument, String culprit, Crossing crossing, boolean elements, int depth) {
    TypeMirror type = mirrors.of(argument.resolvedType);
    if (type == null || depth > 6) {
      return null;
    }
    CallSiteMessages.Met met = met(argument, crossing, elements);
    if (met != null
        && met.operands().size() >= 2
        && CallSiteMessages.inferredIntersection(type, culprit)) {
      return met;
    }
    List<Expression> inner = new ArrayList<>();
    if (argument instanceof SingleNameReference name) {
      if (depth > 0
          || !(name.binding instanceof LocalVariableBinding local)
          || local.isParameter()) {
        return null;
      }
      List<Expression> values = EcjLocalAliases.valuesOf(local);
      if (values == null || values.size() != 1) {
        return null; // assigned more than once: which value gave it its type is not one place
      }
      CallSiteMessages.Met found = metFor(values.get(0), culprit, crossing, false, depth + 1);
      TypeMirror localType = mirrors.of(local.type);
      return found == null
          ? null
          : found.inLocal(
              new String(local.name),
              localType == null
                  ? null
                  : CallSiteMessages.writableLocalType(localType, culprit));
    } else if (argument instanceof MessageSend send) {
      if (send.receiver != null && !send.receiver.isImplicitThis()) {
        inner.add(send.receiver);
      }
      if (send.arguments != null) {
        inner.addAll(Arrays.asList(send.arguments));
      }
    } else if (argument instanceof AllocationExpression created) {
      if (created.arguments != null) {
        inner.addAll(Arrays.asList(created.arguments));
      }
    } else if (met != null && met.callee() == null) {
      return null; // a conditional whose results do not hold it each
    }
    Expression holder = null;
    for (Expression each : inner) {
      TypeMirror held = each.resolvedType == null ? null : mirrors.of(each.resolvedType);
      if (held != null && TypePrinter.print(held).contains(culprit)) {
        if (holder != null) {
          return null; // in more than one: name no one
        }
        holder = each;
      }
    }
    if (holder == null) {
      return null;
    }
    CallSiteMessages.Met found = metFor(holder, culprit, crossing, false, depth + 1);
    if (found == null) {
      return null;
    }
    // As javac's tree names it: ECJ's parenthesized expression spans its parentheses.
    String text = snippets.of(holder);
    int parentheses = (holder.bits & ASTNode.ParenthesizedMASK) >> ASTNode.ParenthesizedSHIFT;
    for (int i = 0; i < parentheses && text.startsWith("(") && text.endsWith(")"); i++) {
      text = text.substring(1, text.length() - 1).strip();
    }
    return found.inside(text);
  }

  private List<CallSiteMessages.Operand> operands(
      List<Expression> values, Crossing crossing, boolean elements) {
    List<CallSiteMessages.Operand> operands = new ArrayList<>();
    for (Expression value : values) {
      TypeMirror type = mirrors.of(value.resolvedType);
      if (type == null) {
        return List.of(); // not resolved: name nothing rather than guess
      }
      if (type.getKind().isPrimitive()) {
        type = types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType();
      }
      operands.add(
          new CallSiteMessages.Operand(
              snippets.of(value),
              TypePrinter.print(type),
              type.getKind() == TypeKind.NULL
                  || scan.violationOf(CrossingTypes.uncaptured(type), crossing, elements) == null,
              value instanceof AllocationExpression created
                  && created.type != null
                  && (created.type.bits & ASTNode.IsDiamond) != 0));
    }
    return operands;
  }

  /**
   * As TransferScanner's: whether {@code value}, handed to a child, names a local or parameter whose
   * declaration was reported already for what its holder would send ({@code Chan<Ports> meta}).
   */
  private boolean namesReportedDeclaration(Expression value, Crossing crossing) {
    if (!crossing.allowsInheritOnly()
        || scan.reportedAt.isEmpty()
        || !(value instanceof SingleNameReference name)
        || !(name.binding instanceof LocalVariableBinding local)
        || local.declaration == null) {
      return false;
    }
    int start = local.declaration.declarationSourceStart;
    int end = local.declaration.declarationSourceEnd;
    return scan.reportedAt.stream().anyMatch(at -> start <= at && at <= end);
  }

  /**
   * As TransferScanner's: whether {@code value}'s type was taken from a declaration in this
   * compilation that writes it and is told there ({@code lib()}, {@code List.of(lib())}, or a
   * value of the type a spawn target's parameter is declared with): told once, where written.
   */
  private boolean typeFromToldDeclaration(Expression value, TypeMirror type, Rule rule) {
    return resultOfToldDeclaration(value, rule, 0) || ofToldTargetParameter(type, rule);
  }

  private boolean resultOfToldDeclaration(Expression value, Rule rule, int depth) {
    if (depth > MAX_DECLARATION_DEPTH
        || !(withoutCasts(value) instanceof MessageSend send)
        || send.binding == null
        || !send.binding.isValidBinding()
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement called)) {
      return false;
    }
    List<TypeParameterElement> variables = new java.util.ArrayList<>();
    SentVariables.forEachVariable(called.getReturnType(), variables::add);
    if (variables.isEmpty()) {
      return toldWhereDeclared(send.binding.original(), called, called.getReturnType(), rule);
    }
    if (variables.size() != 1 || send.typeArguments != null) {
      return false;
    }
    Expression[] arguments = send.arguments == null ? new Expression[0] : send.arguments;
    int[] giving =
        CrossingTypes.argumentsGiving(
            called, variables.get(0).asType(), arguments.length,
            heldValues.spreadsVarargs(called, arguments));
    if (giving == null || giving.length == 0) {
      return false;
    }
    for (int i : giving) {
      if (!resultOfToldDeclaration(arguments[i], rule, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a method reference the call passes declares a parameter of {@code type}, told. */
  private boolean ofToldTargetParameter(TypeMirror type, Rule rule) {
    if (scan.call == null || scan.call.arguments == null) {
      return false;
    }
    for (Expression argument : scan.call.arguments) {
      if (argument instanceof ReferenceExpression reference
          && reference.getMethodBinding() != null
          && factory.newElement(reference.getMethodBinding().original())
              instanceof ExecutableElement target) {
        for (VariableElement parameter : target.getParameters()) {
          if (types.isSameType(parameter.asType(), type)
              && toldWhereDeclared(
                  reference.getMethodBinding().original(), parameter, parameter.asType(), rule)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether {@code declaration}, of a method {@code binding} declared in this compilation and not
   * silenced, writes a type told.
   */
  private boolean toldWhereDeclared(
      MethodBinding binding, Element declaration, TypeMirror written, Rule rule) {
    return binding.declaringClass instanceof SourceTypeBinding
        && !Suppressions.isSuppressed(declaration, rule)
        && WrittenTypes.toldWhereWritten(written, rule, sentVariables, memberTypes);
  }

  private static final int MAX_DECLARATION_DEPTH = 8;

  /** As under javac: the handle written among the values a spawn argument's call builds. */
  private Held hiddenAmongElementsAtSpawn(
      Expression argument,
      TypeMirror type,
      Crossing crossing,
      Violation violation,
      boolean elements) {
    if (!CallSiteMessages.mayHideAHandleAmongElementsAtSpawn(type, crossing, violation, elements)
        || !(withoutCasts(argument) instanceof MessageSend)) {
      return null;
    }
    Held held = heldValues.held(argument, Crossing.SENT, true, 0, new HashSet<>());
    return held != null
            && (!held.aliased() || held.holder() != null)
            && held.value() != withoutCasts(argument)
            && scan.violationOf(held.type(), crossing) == null
        ? held
        : null;
  }

  /** As under javac: a spawn argument's collection whose element type hides a handle. */
  private void reportHiddenElementAtSpawn(
      Expression argument,
      Held hidden,
      TypeMirror type,
      Violation violation,
      ExecutableElement method) {
    scan.reportedValues.add(
        new int[] {argument.sourceStart, argument.sourceEnd, Rule.NOT_TRANSFERABLE.ordinal()});
    Expression at = hidden.holder() != null ? hidden.holder() : hidden.value();
    scan.report(
        at,
        Rule.NOT_TRANSFERABLE,
        CrossingMessages.hiddenSpawnElement(
            snippets.of(at),
            hidden.holder() != null ? snippets.of(hidden.value()) : null,
            TypePrinter.print(hidden.type()),
            CrossingWords.phrase(Crossing.SPAWNED, method),
            snippets.of(argument),
            TypePrinter.print(type),
            violation.culprit(),
            violation.reason()));
  }

  /** As under javac: a spawn argument whose type hides the handle it holds, told with it. */
  private void reportHiddenAtSpawn(
      Expression argument, Held hidden, TypeMirror type, ExecutableElement method) {
    scan.reportedValues.add(
        new int[] {argument.sourceStart, argument.sourceEnd, Rule.NOT_TRANSFERABLE.ordinal()});
    scan.report(
        argument,
        Rule.NOT_TRANSFERABLE,
        CrossingMessages.hiddenSpawnValue(
            snippets.of(argument),
            CrossingWords.phrase(Crossing.SPAWNED, method),
            snippets.of(hidden.value()),
            TypePrinter.print(hidden.type()),
            TypePrinter.print(type)));
  }

  /** As under javac: a local that holds only @InheritOnly values, sent, told with what it holds. */
  private void reportHeld(
      Expression argument, Held held, Crossing crossing, ExecutableElement method) {
    scan.reportedValues.add(
        new int[] {argument.sourceStart, argument.sourceEnd, held.violation().rule().ordinal()});
    scan.report(
        argument,
        held.violation().rule(),
        CrossingMessages.heldValue(
            snippets.of(argument),
            CrossingWords.phrase(crossing, method),
            snippets.of(held.value()),
            TypePrinter.print(held.type()),
            held.violation().culprit(),
            held.violation().reason(),
            scan.callSiteFix(held.violation(), crossing, method, argument)));
  }
}
