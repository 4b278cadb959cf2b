package dev.ferry.processor.checker;

import static dev.ferry.processor.checker.EcjExpressions.withoutCasts;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.AbstractMethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.Argument;
import org.eclipse.jdt.internal.compiler.ast.ArrayReference;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.CompoundAssignment;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodScope;
import org.eclipse.jdt.internal.compiler.lookup.VariableBinding;

/**
 * Which parameter an ECJ variable stands for ({@link Markers.Slot}: a method's own, or the
 * functional interface method's one a lambda's parameter stands for), and whether an argument only
 * forwards a parameter whose marker vouches for its value: such an argument was checked at each
 * call of the method, as under javac ({@code TransferScanner.isForwarded}, {@code slotOf}).
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it answers questions about variables and
 * reports nothing: the scanner's argument and spawn-target checks both ask it. It reads the
 * scanner's record of what each enhanced {@code for} iterates ({@code loopSources}), which the
 * walk fills as it goes.
 */
final class EcjParameterSlots {
  private final Factory factory;
  private final Markers markers;
  private final EcjTypeMirrors mirrors;
  /** The array or iterable each enhanced {@code for} visited so far takes its variable from. */
  private final Map<LocalVariableBinding, Expression> loopSources;

  EcjParameterSlots(
      Factory factory,
      Markers markers,
      EcjTypeMirrors mirrors,
      Map<LocalVariableBinding, Expression> loopSources) {
    this.factory = factory;
    this.markers = markers;
    this.mirrors = mirrors;
    this.loopSources = loopSources;
  }

  /**
   * Whether {@code argument} names a parameter that vouches for its value ({@link
   * Markers#vouchesFor}), or a local that holds nothing else, as under javac ({@code
   * TransferScanner.isForwarded}): each value it may hold ({@link EcjLocalAliases}: its
   * initializer, what each assignment gives it, what its pattern tested) is such a parameter or
   * another such local, {@code Object copy = value; raw.send(copy);} or {@code copy = two =
   * value;}. {@code seen} holds the locals on the way, a local met again adding no value.
   */
  boolean isForwarded(Expression argument, Crossing crossing, boolean elements) {
    return isForwarded(argument, crossing, elements, 0, new HashSet<>());
  }

  private boolean isForwarded(
      Expression argument,
      Crossing crossing,
      boolean elements,
      int depth,
      Set<LocalVariableBinding> seen) {
    Expression named = argument;
    while (named instanceof Assignment assignment && !(named instanceof CompoundAssignment)) {
      named = withoutCasts(assignment.expression);
    }
    if (!(named instanceof SingleNameReference name)
        || !(name.binding instanceof LocalVariableBinding variable)
        || !variable.isValidBinding()) {
      return false;
    }
    if (markers.vouchesFor(slotOf(variable), crossing, elements)) {
      return true;
    }
    if (!seen.add(variable)) {
      return true;
    }
    List<Expression> values = depth < MAX_ALIASES ? EcjLocalAliases.valuesOf(variable) : null;
    if (values == null) {
      return false;
    }
    for (Expression value : values) {
      if (!isForwarded(withoutCasts(value), crossing, elements, depth + 1, seen)) {
        return false;
      }
    }
    return true;
  }

  /** How many locals, each declared with the one before, still stand for a forwarded parameter. */
  static final int MAX_ALIASES = 8;

  /**
   * Whether {@code argument} is an element of a marked array parameter whose elements were checked
   * at each call, as under javac ({@code TransferScanner.isForwardedElement}): {@code values[i]},
   * or the variable of {@code for (Object value : values)}, also over a marked {@code List}.
   */
  boolean isForwardedElement(Expression argument, Crossing crossing) {
    Expression array = null;
    if (argument instanceof ArrayReference element) {
      array = element.receiver;
    } else if (argument instanceof SingleNameReference name
        && name.binding instanceof LocalVariableBinding variable) {
      array = loopSources.get(variable);
    }
    if (array == null) {
      return false;
    }
    Expression named = withoutCasts(array);
    return named.resolvedType != null
        && (named.resolvedType.isArrayType()
            || (argument instanceof SingleNameReference
                && CrossingTypes.isCheckedByElement(mirrors.of(named.resolvedType))))
        && isForwarded(named, crossing, true);
  }

  /**
   * The parameter {@code variable} is, as under javac ({@code TransferScanner.slotOf}): a
   * method's, or, for a lambda's parameter, the functional interface method's one it stands for
   * (its descriptor's). Null for other variables.
   */
  Markers.Slot slotOf(VariableBinding variable) {
    if (variable instanceof LocalVariableBinding local
        && local.isParameter()
        && local.declaringScope instanceof MethodScope scope
        && scope.referenceContext instanceof LambdaExpression lambda) {
      Argument[] arguments = lambda.arguments();
      MethodBinding descriptor = lambda.descriptor;
      if (arguments == null || descriptor == null || !descriptor.isValidBinding()
          || !(factory.newElement(descriptor.original()) instanceof ExecutableElement method)) {
        return null;
      }
      for (int i = 0; i < arguments.length; i++) {
        if (java.util.Arrays.equals(arguments[i].name, local.name)) {
          return new Markers.Slot(method, i);
        }
      }
      return null;
    }
    return methodSlotOf(variable);
  }

  /** The slot of a method's own parameter (not a lambda's), as javac's {@code Slot.of}, or null. */
  Markers.Slot ownSlotOf(VariableBinding variable) {
    if (!(variable instanceof LocalVariableBinding local)
        || !local.isParameter()
        || !(local.declaringScope instanceof MethodScope scope)
        || !(scope.referenceContext instanceof AbstractMethodDeclaration)) {
      return null;
    }
    return methodSlotOf(variable);
  }

  /**
   * The slot of {@code variable} among its method's parameters, or null. ECJ's element for a
   * parameter of a record's compact constructor, which the constructor declares without writing
   * it, has no enclosing element ({@code Pair { post(left); }} for {@code record Pair(@Sent Object
   * left)}): its method is then the declaration its scope belongs to.
   */
  private Markers.Slot methodSlotOf(VariableBinding variable) {
    Element element = factory.newElement(variable);
    if (element == null) {
      return null;
    }
    Markers.Slot slot = Markers.Slot.of(element);
    if (slot == null
        && element.getKind() == ElementKind.PARAMETER
        && element.getEnclosingElement() == null
        && variable instanceof LocalVariableBinding local
        && local.declaringScope instanceof MethodScope scope
        && scope.referenceContext instanceof AbstractMethodDeclaration declaration
        && declaration.binding != null
        && factory.newElement(declaration.binding) instanceof ExecutableElement method) {
      slot = Markers.Slot.of(method, element);
    }
    return slot;
  }

  /** Whether {@code variable} is a lambda's parameter (its scope is the lambda's). */
  static boolean isLambdaParameter(VariableBinding variable) {
    return variable instanceof LocalVariableBinding local
        && local.isParameter()
        && local.declaringScope instanceof MethodScope scope
        && scope.referenceContext instanceof LambdaExpression;
  }
}
