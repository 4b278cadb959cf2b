package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedQualifiedTypeReference;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedSingleTypeReference;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.ast.TypeReference;
import org.eclipse.jdt.internal.compiler.lookup.ArrayBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.ParameterizedTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;

/**
 * The values a method reference hands its method under ECJ, checked where the reference is
 * written, as javac's checker checks them ({@link ReferencedValues}): a reference is a call made
 * later ({@code lanes.forEach(Dispatcher::post)} hands each lane to {@code post}, as {@code c ->
 * post(c)} would), so each marked parameter, crossing type variable (the method's, or a constructor
 * reference's class's) and raw class variable is checked with the type the functional interface
 * gives it (ECJ's {@code descriptor}), and a receiver whose type arguments ECJ inferred as a call
 * on it is.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because a reference has no arguments to read: what
 * crosses is found in the functional interface's descriptor, not in the AST. The scanner, visiting
 * the reference, calls {@link #check}; the reports and what was told already are the scanner's,
 * shared with the checks of calls.
 */
final class EcjReferencedValues {
  private final EcjCallSiteScanner scan;
  private final Factory factory;
  private final MemberTypes memberTypes;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final EcjTypeMirrors mirrors;
  private final EcjSnippets snippets;
  private final EcjInstantiatedVariables instantiatedVariables;

  EcjReferencedValues(EcjCallSiteScanner scan, EcjInstantiatedVariables instantiatedVariables) {
    this.scan = scan;
    this.factory = scan.factory;
    this.memberTypes = scan.memberTypes;
    this.markers = scan.markers;
    this.sentVariables = scan.sentVariables;
    this.mirrors = scan.mirrors;
    this.snippets = scan.snippets;
    this.instantiatedVariables = instantiatedVariables;
  }

  /**
   * A method reference is a call made later with the values its functional interface receives:
   * {@code lanes.forEach(Dispatcher::post)} hands each lane to {@code post}, as {@code c -> post(c)}
   * would, so a marked parameter of {@code post} is checked with the type the interface gives it
   * (ECJ's {@code descriptor}, instantiated for this use), as is a parameter whose whole type is
   * one of the method's crossing type variables. As under javac. The method is the one written
   * ({@code getMethodBinding}): once ECJ has generated the unit's code, {@code binding} of {@code
   * super::post} is the synthetic accessor it calls instead ({@code access$0(Main, Object)}).
   */
  void check(ReferenceExpression reference) {
    MethodBinding binding = reference.getMethodBinding();
    MethodBinding descriptor = reference.descriptor;
    if (binding == null || !binding.isValidBinding() || descriptor == null
        || !descriptor.isValidBinding() || binding.parameters.length == 0) {
      return;
    }
    if (!(factory.newElement(binding.original()) instanceof ExecutableElement method)) {
      return;
    }
    TypeElement on = scan.qualifierClass(reference);
    Crossing[] marked = markers.parametersOf(method, on);
    Crossing[] variables =
        method.getTypeParameters().isEmpty() ? new Crossing[0] : sentVariables.of(method, on);
    TypeElement owner =
        method.getEnclosingElement() instanceof TypeElement type ? type : null;
    boolean raw = owner != null && !binding.isConstructor() && binding.declaringClass.isRawType();
    if (raw) {
      // As TransferScanner's: a reference through a raw type hands on its class variable's values.
      marked = RawVariables.marked(marked, method, sentVariables.of(owner));
    }
    Crossing[] classVariables =
        binding.isConstructor()
                && !(reference.lhs instanceof ParameterizedSingleTypeReference)
                && !(reference.lhs instanceof ParameterizedQualifiedTypeReference)
                && owner != null
                && !owner.getTypeParameters().isEmpty()
            ? sentVariables.of(owner)
            : new Crossing[0];
    if (marked.length == 0
        && variables.length == 0
        && classVariables.length == 0
        && (owner == null || owner.getTypeParameters().isEmpty())) {
      return;
    }
    // Type::instanceMethod: the interface's first value is the receiver, not an argument.
    int offset = !binding.isStatic() && !binding.isConstructor() && !reference.haveReceiver ? 1 : 0;
    TypeBinding[] received = descriptor.parameters;
    // Values the interface's method vouches for were checked where it is called (as under javac).
    ExecutableElement sam =
        factory.newElement(descriptor.original()) instanceof ExecutableElement e ? e : null;
    int last = binding.parameters.length - 1;
    for (int d = offset; d < received.length; d++) {
      int p = d - offset;
      if (p > last && !binding.isVarargs()) {
        break;
      }
      int parameter = Math.min(p, last);
      Crossing crossing = parameter < marked.length ? marked[parameter] : null;
      if (crossing == null) {
        crossing =
            CallCarriers.crossingOfVariable(
                method, method.getParameters().get(parameter).asType(), variables);
      }
      if (crossing == null && owner != null) { // a constructor reference's class variable
        crossing =
            CallCarriers.crossingOfVariable(
                owner.getTypeParameters(), method.getParameters().get(parameter).asType(),
                classVariables);
      }
      if ((crossing == Crossing.SENT || crossing == Crossing.SPAWNED)
          && !(sam != null && markers.vouchesFor(new Markers.Slot(sam, d), crossing, false))
          && !(offset == 1
              && isWrittenClassArgument(reference, method, parameter, received[d], received[0]))
          && !isWrittenMethodArgument(reference, method, parameter, variables, received[d])) {
        checkReceived(reference, method, received[d], crossing);
      }
    }
    if (reference.typeArguments == null) {
      checkVariablesWithin(
          reference, method, method.getTypeParameters(), variables, received, sam, offset);
    }
    if (offset == 0 && !binding.isStatic() && !binding.isConstructor()) {
      checkInferredReceiver(reference, method, received);
    }
    if (owner != null) {
      checkVariablesWithin(
          reference, method, owner.getTypeParameters(), classVariables, received, sam, offset);
    }
    if (raw) {
      List<TypeMirror> values = new ArrayList<>();
      for (int d = offset; d < received.length; d++) {
        values.add(mirrors.of(received[d]));
      }
      for (RawVariables.Within within :
          RawVariables.within(
              marked, method, sentVariables.of(owner), values,
              CallCarriers.spreadsValues(method, values), memberTypes)) {
        if (scan.reportRawWithin(reference, within, method)) {
          break; // as under javac: one error on the reference
        }
      }
    }
  }

  /**
   * Whether the unbound reference hands {@code parameter} the type argument of its class written
   * elsewhere, which is told where written ({@link CallCarriers#writtenClassArgument}): in the
   * reference ({@code Channel<Thread>::offer}), or in the reported type of the declaration it
   * initializes, as the type of the values the interface takes first ({@code receiver}). As under
   * javac.
   */
  private boolean isWrittenClassArgument(
      ReferenceExpression reference,
      ExecutableElement method,
      int parameter,
      TypeBinding value,
      TypeBinding receiver) {
    boolean qualified =
        reference.lhs instanceof ParameterizedSingleTypeReference
            || reference.lhs instanceof ParameterizedQualifiedTypeReference;
    TypeBinding writtenBinding = qualified ? reference.lhs.resolvedType : receiver;
    if (!(writtenBinding instanceof ParameterizedTypeBinding binding)
        || binding.arguments == null
        || (!qualified && !scan.results.declaredTypeReported(reference))
        || !(mirrors.of(binding) instanceof DeclaredType written)
        || !(method.getEnclosingElement() instanceof TypeElement owner)) {
      return false;
    }
    int index =
        CallCarriers.writtenClassArgument(method, parameter, written, sentVariables.of(owner));
    if (index < 0 || index >= binding.arguments.length) {
      return false;
    }
    TypeBinding argument = binding.arguments[index];
    return TypeBinding.equalsEquals(argument, value)
        || (value instanceof ArrayBinding array
            && array.dimensions == 1
            && TypeBinding.equalsEquals(argument, array.leafComponentType));
  }

  /**
   * Whether {@code reference} writes the type argument of {@code method}'s crossing variable that is
   * parameter {@code parameter}'s type as the very type {@code value}: one mistake, told where
   * written, as under javac.
   */
  private boolean isWrittenMethodArgument(
      ReferenceExpression reference,
      ExecutableElement method,
      int parameter,
      Crossing[] variables,
      TypeBinding value) {
    TypeReference[] written = reference.typeArguments;
    if (written == null) {
      return false;
    }
    int index = CallCarriers.writtenMethodArgument(method, parameter, written.length, variables);
    if (index < 0 || written[index] == null) {
      return false;
    }
    TypeBinding argument = written[index].resolvedType;
    return argument != null
        && (TypeBinding.equalsEquals(argument, value)
            || (value instanceof ArrayBinding array
                && array.dimensions == 1
                && TypeBinding.equalsEquals(argument, array.leafComponentType)));
  }

  /**
   * A method reference bound to a receiver whose type arguments ECJ inferred ({@code
   * threads.forEach(new Box<>()::put)}), checked as a call on such a receiver is: as under javac.
   */
  private void checkInferredReceiver(
      ReferenceExpression reference, ExecutableElement method, TypeBinding[] received) {
    Expression receiver = reference.lhs;
    if (receiver == null
        || !scan.infersTypeArguments(receiver)
        || !(mirrors.of(receiver.resolvedType) instanceof DeclaredType type)
        || !(type.asElement() instanceof TypeElement owner)) {
      return;
    }
    InheritedVariables view = InheritedVariables.of(owner, method);
    if (view == null) {
      return;
    }
    List<TypeMirror> values = new ArrayList<>();
    for (TypeBinding value : received) {
      values.add(mirrors.of(value));
    }
    if (values.contains(null)) {
      return;
    }
    for (CallCarriers.ReceiverPlan each :
        CallCarriers.ofReceiver(
            owner, type.getTypeArguments().size(), method, view, sentVariables.of(owner),
            markers.parametersOf(method), values.size(),
            CallCarriers.spreadsValues(method, values))) {
      for (int d : each.plan().direct()) {
        checkReceived(reference, method, received[d], each.crossing());
      }
      if (each.plan().direct().length == 0 && each.plan().carrier() >= 0) {
        scan.checkReceiverType(receiver, owner, type, each, -1);
      }
    }
  }

  /**
   * A crossing variable that the referenced method's values carry only inside a parameter's type
   * gets the type that stands for it in what the interface hands that parameter ({@link
   * CallCarriers#typeWithin}), told on the reference. As under javac.
   */
  private void checkVariablesWithin(
      ReferenceExpression reference,
      ExecutableElement method,
      List<? extends TypeParameterElement> own,
      Crossing[] crossings,
      TypeBinding[] received,
      ExecutableElement sam,
      int offset) {
    Crossing[] marked = markers.parametersOf(method);
    for (int[] within : CallCarriers.variablesWithin(method, own, crossings, marked)) {
      int d = within[1] + offset;
      Crossing crossing = crossings[within[0]];
      if (d >= received.length
          || (crossing != Crossing.SENT && crossing != Crossing.SPAWNED)
          || (sam != null && markers.vouchesFor(new Markers.Slot(sam, d), crossing, false))) {
        continue;
      }
      TypeParameterElement variable = own.get(within[0]);
      TypeMirror type =
          CallCarriers.typeWithin(
              method, within[1], mirrors.of(received[d]), variable, memberTypes);
      if (type != null) {
        instantiatedVariables.checkInstantiated(
            reference, variable, method, type, crossing, coveredBy(reference));
      }
    }
  }

  /**
   * The rule that told another argument of the call this reference is given to, or -1, as under
   * javac ({@code TransferScanner.coveredBy}): one mistake, told on the value.
   */
  private int coveredBy(ASTNode reference) {
    for (int[] value : scan.coveredArguments) {
      if (value[0] <= reference.sourceStart && reference.sourceStart <= value[1]) {
        return value[2];
      }
    }
    return -1;
  }

  private void checkReceived(
      ReferenceExpression reference, ExecutableElement method, TypeBinding received,
      Crossing crossing) {
    TypeMirror type = CrossingTypes.uncaptured(mirrors.of(received));
    Violation violation = scan.violationOf(type, crossing);
    if (violation == null) {
      return;
    }
    scan.report(
        reference,
        violation.rule(),
        CrossingMessages.referencedValue(
            snippets.of(reference),
            TypePrinter.nameOf(method),
            TypePrinter.print(type),
            CrossingWords.phrase(crossing, method),
            violation.culprit(),
            violation.reason(),
            scan.callSiteFix(violation, crossing, method, reference)));
  }
}
