package dev.ferry.processor.checker;

import static dev.ferry.processor.checker.EcjExpressions.polyResults;
import static dev.ferry.processor.checker.EcjExpressions.withoutCasts;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.CollectionViews;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.NameableTypes;
import dev.ferry.processor.validation.Violation;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.NameReference;
import org.eclipse.jdt.internal.compiler.ast.NullLiteral;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;
import org.eclipse.jdt.internal.compiler.lookup.SyntheticMethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.VariableBinding;

/**
 * The spawn-target rule under ECJ: an argument for a {@code @SpawnTarget} parameter must name a
 * static method a child can find by name, and the parameters of that method must be ones the
 * child can rebuild as themselves; what is wrong is told on the argument, worded as javac's
 * checker words it ({@link SpawnTargets}).
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it judges one argument on its own: the scanner
 * finds the arguments that are targets (and the receiver an unbound reference is called on) and
 * hands each here; this reads ECJ's bindings and reports through the scanner's {@link
 * EcjReporter}, with no state of its own.
 */
final class EcjSpawnTargets {
  private final Factory factory;
  private final Markers markers;
  private final MemberTypes memberTypes;
  private final EcjTypeMirrors mirrors;
  private final EcjParameterSlots slots;
  private final EcjSnippets snippets;
  private final EcjReporter reporter;

  EcjSpawnTargets(
      Factory factory,
      Markers markers,
      MemberTypes memberTypes,
      EcjTypeMirrors mirrors,
      EcjParameterSlots slots,
      EcjSnippets snippets,
      EcjReporter reporter) {
    this.factory = factory;
    this.markers = markers;
    this.memberTypes = memberTypes;
    this.mirrors = mirrors;
    this.slots = slots;
    this.snippets = snippets;
    this.reporter = reporter;
  }

  /**
   * {@code receiver}: the argument an instance method target would be called on, or on each
   * element of ({@code elements}), or null.
   */
  void check(Expression argument, Expression receiver, boolean elements) {
    List<Expression> results = polyResults(withoutCasts(argument));
    if (results != null) {
      // As under javac: the expression names one of its results, each a target or not.
      for (Expression result : results) {
        check(result, null, false);
      }
      return;
    }
    String message = illegalTarget(argument, snippets.of(argument), receiver, elements);
    if (message != null) {
      reporter.report(argument, Rule.SPAWN_TARGET, message);
    } else {
      checkTargetParameters(argument);
    }
  }

  /** As TransferScanner's: a target's parameter the running process cannot rebuild as itself. */
  private void checkTargetParameters(Expression argument) {
    if (!(withoutCasts(argument) instanceof ReferenceExpression reference)
        || reference.isConstructorReference()
        || reference.getMethodBinding() == null
        || !(factory.newElement(reference.getMethodBinding().original())
            instanceof ExecutableElement method)
        || !method.getModifiers().contains(Modifier.STATIC)) {
      return;
    }
    String message =
        CallSiteMessages.rebuiltParameter(
            method, snippets.of(argument), this::rebuiltAsAnother, memberTypes);
    if (message != null) {
      reporter.report(argument, Rule.NOT_TRANSFERABLE, message);
    }
  }

  /** {@link CollectionViews#rebuiltAsAnother} of {@code type}. */
  Violation rebuiltAsAnother(TypeMirror type) {
    return type == null || type.getKind() != TypeKind.DECLARED || CrossingTypes.isUnchecked(type)
        ? null
        : memberTypes
            .collectionViews()
            .rebuiltAsAnother(type, memberTypes.resolveValue(type, true));
  }

  /**
   * What is wrong with a spawn target, or null when a child can run it. ECJ keeps parentheses as
   * bits on the expression, so {@code (Main::work)} is the reference itself; a cast of a reference
   * to the target type is the reference too.
   */
  private String illegalTarget(
      Expression argument, String expression, Expression receiver, boolean elements) {
    Expression target = withoutCasts(argument);
    if (target instanceof NullLiteral) {
      return null;
    }
    if (target instanceof LambdaExpression) {
      return SpawnTargetMessages.lambdaTarget(expression);
    }
    if (target instanceof ReferenceExpression reference) {
      return illegalReference(reference, expression, receiver, elements);
    }
    if (target instanceof NameReference name) {
      if (!(name.binding instanceof VariableBinding variable) || !variable.isValidBinding()) {
        return null; // unresolved: ECJ reports it
      }
      if (markers.isTargetParameter(slots.slotOf(variable))) {
        return null; // forwarded from a parameter that is itself checked at its call sites
      }
      Markers.Slot own = slots.ownSlotOf(variable);
      if (own != null) {
        return SpawnTargetMessages.parameterTarget(
            expression, new String(variable.name), TypePrinter.nameOf(own.method()));
      }
      if (CallSiteMessages.lambdaMarker(
              factory.newElement(variable), EcjParameterSlots.isLambdaParameter(variable))
          != null) {
        return SpawnTargetMessages.lambdaParameterTarget(expression, new String(variable.name));
      }
      return SpawnTargetMessages.variableTarget(expression);
    }
    return SpawnTargetMessages.otherTarget(expression);
  }

  /**
   * Whether {@code reference} is an array's {@code clone}, {@code int[]::clone}: once ECJ has
   * compiled a file, its binding is the synthetic static method ECJ makes for it in the referring
   * class ({@code lambda$0(int[])}), which would pass for a static target.
   */
  private static boolean isArrayClone(ReferenceExpression reference) {
    return reference.getMethodBinding() instanceof SyntheticMethodBinding synthetic
        && synthetic.purpose == SyntheticMethodBinding.ArrayClone;
  }

  /** Whether {@code target} is {@code Type::instanceMethod}, which takes its receiver first. */
  static boolean isUnboundInstanceReference(Expression target) {
    if (target instanceof ReferenceExpression reference && isArrayClone(reference)) {
      return !reference.haveReceiver;
    }
    return target instanceof ReferenceExpression reference
        && !reference.haveReceiver
        && !reference.isConstructorReference()
        && !reference.isArrayConstructorReference()
        && reference.getMethodBinding() != null
        && reference.getMethodBinding().isValidBinding()
        && !reference.getMethodBinding().isStatic();
  }

  private String illegalReference(
      ReferenceExpression reference, String expression, Expression receiver, boolean elements) {
    MethodBinding method = reference.getMethodBinding();
    if (reference.isArrayConstructorReference()) {
      // ECJ's binding is a method it makes in the referring class: name the array type instead
      TypeMirror array = mirrors.of(reference.lhs.resolvedType);
      return SpawnTargetMessages.constructorTarget(
          expression, array == null ? null : TypePrinter.print(array));
    }
    if (reference.isConstructorReference()) {
      String type =
          method != null && method.declaringClass != null
              ? new String(method.declaringClass.sourceName())
              : null;
      return SpawnTargetMessages.constructorTarget(expression, type);
    }
    if (method == null || !method.isValidBinding()) {
      return null; // unresolved: ECJ reports it
    }
    if (isArrayClone(reference)) {
      // As javac's: an instance method of a JDK type, which no one here can make static.
      TypeMirror array = mirrors.of(reference.receiverType);
      String arrayName = array == null ? "array" : TypePrinter.print(array);
      return reference.haveReceiver
          ? SpawnTargetMessages.boundReferenceTarget(expression, arrayName, "clone", false)
          : SpawnTargetMessages.instanceMethodTarget(
              expression,
              arrayName,
              "clone",
              receiver == null ? null : snippets.of(receiver),
              elements,
              true,
              false);
    }
    String name = new String(method.selector);
    String ownerName = new String(method.declaringClass.sourceName());
    if (!method.isStatic()) {
      // A method read from a class file (System.out::println) is no one's here to make static.
      boolean compiledHere =
          (!(method.original().declaringClass.erasure() instanceof ReferenceBinding declaring)
                  || !declaring.isBinaryBinding())
              && !(factory.newElement(method.declaringClass) instanceof TypeElement owner
                  && CallSiteMessages.isRecordAccessor(owner, name, method.parameters.length));
      return reference.haveReceiver
          ? SpawnTargetMessages.boundReferenceTarget(
              expression,
              factory.newElement(method.declaringClass) instanceof TypeElement owner
                  ? TypePrinter.reference(owner)
                  : ownerName,
              name,
              compiledHere)
          : SpawnTargetMessages.instanceMethodTarget(
              expression,
              ownerName,
              name,
              receiver == null ? null : snippets.of(receiver),
              elements,
              !(factory.newElement(method.declaringClass) instanceof TypeElement owner)
                  || TypePrinter.reference(owner) != null,
              compiledHere);
    }
    if (factory.newElement(method.declaringClass) instanceof TypeElement owner
        && !NameableTypes.hasCanonicalName(owner)) {
      return SpawnTargetMessages.unnameableTarget(
          expression, NameableTypes.describeUnnameable(owner), owner.getSimpleName().toString());
    }
    return null;
  }
}
