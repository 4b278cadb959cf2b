package dev.ferry.processor.checker;

import static dev.ferry.processor.checker.EcjExpressions.polyResults;
import static dev.ferry.processor.checker.EcjExpressions.withoutCasts;

import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.CompoundAssignment;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;

/**
 * The values an ECJ argument may be, as javac's checker follows them ({@code TransferScanner.held},
 * {@code returnedArguments}): the arguments a generic call may return ({@code pick(job, channel)}),
 * and, for an argument refused as not-transferable, the {@code @InheritOnly} value it holds past
 * casts, such calls and locals whose every value is one ({@link EcjLocalAliases}), so that the
 * message names the handle rather than the type that hides it.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it only reads ECJ's AST and bindings and reports
 * nothing: the scanner's argument checks ask it and word what it finds.
 */
final class EcjHeldValues {
  private final Factory factory;
  private final MemberTypes memberTypes;
  private final EcjTypeMirrors mirrors;

  EcjHeldValues(Factory factory, MemberTypes memberTypes, EcjTypeMirrors mirrors) {
    this.factory = factory;
    this.memberTypes = memberTypes;
    this.mirrors = mirrors;
  }

  /**
   * As TransferScanner's: an {@code @InheritOnly} value an argument refused as not-transferable
   * holds, {@code aliased} when it is what a local the argument names holds; {@code holder}, the
   * use of that local where it holds that one value and nothing else ({@code Object o = jobs;}),
   * else null.
   */
  record Held(
      Expression value, TypeMirror type, Violation violation, boolean aliased, Expression holder) {}

  /**
   * As TransferScanner's {@code held}: past casts, in the arguments a generic call may return
   * ({@code pick(job, channel)}), and in a local whose every value is such a value ({@link
   * EcjLocalAliases}); {@code calls}: whether a generic call counts (not inside a local).
   */
  Held held(
      Expression value,
      Crossing crossing,
      boolean calls,
      int depth,
      Set<LocalVariableBinding> seen) {
    Expression named = assignedValue(value);
    TypeMirror own = mirrors.of(named.resolvedType);
    Violation violation = own == null ? null : inheritOnlyViolation(own, crossing);
    if (violation != null) {
      return new Held(named, CrossingTypes.uncaptured(own), violation, false, null);
    }
    if (depth >= EcjParameterSlots.MAX_ALIASES) {
      return null;
    }
    List<Expression> results = polyResults(named);
    if (results != null) {
      return heldByEach(results, crossing, calls, depth, seen);
    }
    if (calls && named instanceof MessageSend send) {
      return heldByAReturnedArgument(send, crossing, depth, seen);
    }
    if (named instanceof SingleNameReference name
        && name.binding instanceof LocalVariableBinding local
        && local.isValidBinding()
        && seen.add(local)) {
      List<Expression> values = EcjLocalAliases.valuesOf(local);
      Held each = values == null ? null : heldByEach(values, crossing, false, depth, seen);
      if (each == null) {
        return null;
      }
      boolean only =
          values.size() == 1 && !each.aliased() && each.value() == assignedValue(values.get(0));
      return new Held(each.value(), each.type(), each.violation(), true, only ? named : null);
    }
    return null;
  }

  /** {@code value} past casts, and past plain assignments to the value they assign. */
  private static Expression assignedValue(Expression value) {
    Expression named = withoutCasts(value);
    while (named instanceof Assignment assignment && !(named instanceof CompoundAssignment)) {
      named = withoutCasts(assignment.expression);
    }
    return named;
  }

  /** The first of {@code values} when each holds an @InheritOnly value, else null. */
  private Held heldByEach(
      List<Expression> values,
      Crossing crossing,
      boolean calls,
      int depth,
      Set<LocalVariableBinding> seen) {
    Held first = null;
    for (Expression value : values) {
      Held held = held(value, crossing, calls, depth + 1, seen);
      if (held == null) {
        return null;
      }
      first = first == null ? held : first;
    }
    return first;
  }

  /** As TransferScanner.returnedArguments: the arguments one of which a generic call returns. */
  List<Expression> returnedArguments(Expression argument) {
    if (!(argument instanceof MessageSend send)
        || send.binding == null
        || !send.binding.isValidBinding()
        || send.arguments == null
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement method)) {
      return null;
    }
    boolean spread = spreadsVarargs(method, send.arguments);
    if (!CrossingTypes.returnsOnlyArguments(method, spread)) {
      return null;
    }
    List<Expression> results = new ArrayList<>();
    for (int i = 0; i < send.arguments.length; i++) {
      if (CrossingTypes.mayReturnArgument(method, i, spread)) {
        results.add(send.arguments[i]);
      }
    }
    return results.isEmpty() ? null : results;
  }

  /** Whether a call of {@code method} with {@code arguments} passes its varargs one by one. */
  boolean spreadsVarargs(ExecutableElement method, Expression[] arguments) {
    if (!method.isVarArgs() || arguments.length != method.getParameters().size()) {
      return method.isVarArgs();
    }
    TypeMirror last = mirrors.of(arguments[arguments.length - 1].resolvedType);
    return last == null || last.getKind() != TypeKind.ARRAY;
  }

  /** The first argument of a generic call that it may return and that holds an @InheritOnly value. */
  private Held heldByAReturnedArgument(
      MessageSend send, Crossing crossing, int depth, Set<LocalVariableBinding> seen) {
    if (send.binding == null
        || !send.binding.isValidBinding()
        || send.arguments == null
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement method)) {
      return null;
    }
    Expression[] arguments = send.arguments;
    boolean spread = spreadsVarargs(method, arguments);
    TypeMirror result = mirrors.of(send.resolvedType);
    for (int i = 0; i < arguments.length; i++) {
      if (CrossingTypes.mayReturnArgument(method, i, spread)
          || hidesHeldArgument(result, CrossingTypes.heldArgumentPosition(method, i, spread), crossing)) {
        Held held = held(arguments[i], crossing, true, depth + 1, seen);
        if (held != null) {
          return held;
        }
      }
    }
    return null;
  }

  /** As TransferScanner's: whether a call's type argument hides what its arguments may be. */
  private boolean hidesHeldArgument(TypeMirror result, int position, Crossing crossing) {
    return position >= 0
        && result instanceof DeclaredType declared
        && position < declared.getTypeArguments().size()
        && inheritOnlyViolation(declared.getTypeArguments().get(position), crossing) == null;
  }

  /** The violation of an @InheritOnly value of {@code type} where it crosses, else null. */
  private Violation inheritOnlyViolation(TypeMirror type, Crossing crossing) {
    type = CrossingTypes.uncaptured(type);
    if (CrossingTypes.isUnchecked(type)) {
      return null;
    }
    return CrossingTypes.inheritOnly(
        memberTypes.resolveValue(type, crossing.allowsInheritOnly()));
  }

  /** As under javac: the handle a spawn argument refused as not-transferable hides, else null. */
  Held hiddenAtSpawn(
      Expression argument,
      TypeMirror type,
      Crossing crossing,
      Violation violation,
      boolean elements) {
    if (!CallSiteMessages.mayHideAHandleAtSpawn(type, crossing, violation, elements)) {
      return null;
    }
    Held held = held(argument, Crossing.SENT, true, 0, new HashSet<>());
    return held != null && CallSiteMessages.hiddenBy(held.type(), type) ? held : null;
  }
}
