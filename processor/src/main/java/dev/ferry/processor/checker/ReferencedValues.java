package dev.ferry.processor.checker;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;

/**
 * The values a method reference hands its method, checked where the reference is written: a
 * reference is a call made later ({@code lanes.forEach(Dispatcher::post)} hands each lane to
 * {@code post}, as {@code c -> post(c)} would), so each marked parameter, crossing type variable
 * (the method's, or a constructor reference's class's) and raw class variable is checked with the
 * type the functional interface gives it, and a receiver whose type arguments javac inferred as a
 * call on it is. Apart from {@link TransferScanner} because a reference has no arguments to read:
 * what crosses is found in the functional interface's descriptor, not in the trees. The scanner,
 * visiting the reference, calls {@link #check}; the reports, the current path and what was told
 * already are the scanner's, shared with the checks of calls.
 */
final class ReferencedValues {
  private final TransferScanner scan;
  private final Trees trees;
  private final javax.lang.model.util.Types types;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final Bindings bindings;
  private final TypeAnalyzer analyzer;
  private final InstantiatedVariables instantiatedVariables;

  ReferencedValues(
      TransferScanner scan, CheckerState state, InstantiatedVariables instantiatedVariables) {
    this.scan = scan;
    this.trees = state.trees();
    this.types = state.types();
    this.markers = state.markers();
    this.sentVariables = state.sentVariables();
    this.bindings = state.bindings();
    this.analyzer = state.analyzer();
    this.instantiatedVariables = instantiatedVariables;
  }

  /** @param receiver the class of the reference's qualifier, or null */
  void check(
      MemberReferenceTree tree, ExecutableElement method, TypeElement receiver) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return;
    }
    Crossing[] marked = markers.parametersOf(method, receiver);
    Crossing[] variables =
        method.getTypeParameters().isEmpty()
            ? new Crossing[0]
            : sentVariables.of(method, receiver);
    TypeElement owner =
        method.getEnclosingElement() instanceof TypeElement type ? type : null;
    boolean raw =
        tree.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
            && owner != null
            && !owner.getTypeParameters().isEmpty()
            && scan.seesRaw(referencedReceiver(tree, method), owner);
    if (raw) {
      marked = RawVariables.marked(marked, method, sentVariables.of(owner));
    }
    Crossing[] classVariables =
        tree.getMode() == MemberReferenceTree.ReferenceMode.NEW
                && !(tree.getQualifierExpression() instanceof ParameterizedTypeTree)
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
    TypeMirror functional = trees.getTypeMirror(scan.getCurrentPath());
    List<? extends TypeMirror> received = bindings.descriptor(functional);
    if (received == null) {
      return;
    }
    ExecutableElement sam = bindings.functionalMethod(functional);
    int offset = isUnboundInstanceReference(tree, method) ? 1 : 0;
    int last = parameters.size() - 1;
    for (int d = offset; d < received.size(); d++) {
      int p = d - offset;
      if (p > last && !method.isVarArgs()) {
        break;
      }
      p = Math.min(p, last);
      Crossing crossing = p < marked.length ? marked[p] : null;
      if (crossing == null) {
        crossing = CallCarriers.crossingOfVariable(method, parameters.get(p).asType(), variables);
      }
      if (crossing == null && owner != null) { // a constructor reference's class variable
        crossing =
            CallCarriers.crossingOfVariable(
                owner.getTypeParameters(), parameters.get(p).asType(), classVariables);
      }
      if ((crossing == Crossing.SENT || crossing == Crossing.SPAWNED)
          && !markers.vouchesFor(new Markers.Slot(sam, d), crossing, false)
          && !(offset == 1
              && isWrittenClassArgument(tree, method, p, received.get(d), received.get(0)))
          && !isWrittenMethodArgument(tree, method, p, variables, received.get(d))) {
        checkReceived(tree, method, received.get(d), crossing);
      }
    }
    if (tree.getTypeArguments() == null || tree.getTypeArguments().isEmpty()) {
      checkVariablesWithin(method, method.getTypeParameters(), variables, received, sam, offset);
    }
    if (offset == 0 && tree.getMode() == MemberReferenceTree.ReferenceMode.INVOKE) {
      checkInferredReceiver(tree, method, received);
    }
    if (owner != null) {
      checkVariablesWithin(method, owner.getTypeParameters(), classVariables, received, sam, offset);
    }
    if (raw) {
      checkRawWithin(tree, method, marked, owner, received.subList(offset, received.size()));
    }
  }

  /**
   * A reference through a raw type ({@code lanes.forEach(raw::setAll)}): the types the values it
   * receives give its class's crossing variables inside parameters that mention them ({@link
   * RawVariables#within}), told on the reference, as on a call's argument ({@link
   * TransferScanner#checkRawWithin(ExecutableElement, Crossing[], TypeMirror, List)}).
   */
  private void checkRawWithin(
      MemberReferenceTree tree,
      ExecutableElement method,
      Crossing[] marked,
      TypeElement owner,
      List<? extends TypeMirror> values) {
    for (RawVariables.Within within :
        RawVariables.within(
            marked, method, sentVariables.of(owner), values,
            CallCarriers.spreadsValues(method, values), analyzer.memberTypes())) {
      if (scan.reportRawWithin(tree, within, method)) {
        return; // one error on the reference
      }
    }
  }

  /**
   * The type a reference's method is called on: its qualifier's ({@code raw} of {@code raw::set}),
   * or for an unbound one ({@code Holder::set}), the first value its functional interface receives.
   */
  private TypeMirror referencedReceiver(MemberReferenceTree tree, ExecutableElement method) {
    if (!isUnboundInstanceReference(tree, method)) {
      return trees.getTypeMirror(
          new TreePath(scan.getCurrentPath(), tree.getQualifierExpression()));
    }
    List<? extends TypeMirror> received =
        bindings.descriptor(trees.getTypeMirror(scan.getCurrentPath()));
    return received == null || received.isEmpty() ? null : received.get(0);
  }

  /**
   * Whether {@code tree} writes the type argument of {@code method}'s crossing variable that is
   * parameter {@code p}'s type as the very type {@code received}: {@code Consumer<Thread> c =
   * H::<Thread>sendIt} is one mistake, told on the {@code Thread} written ({@link
   * CallCarriers#writtenMethodArgument}).
   */
  private boolean isWrittenMethodArgument(
      MemberReferenceTree tree,
      ExecutableElement method,
      int p,
      Crossing[] variables,
      TypeMirror received) {
    List<? extends ExpressionTree> written = tree.getTypeArguments();
    if (written == null) {
      return false;
    }
    int index = CallCarriers.writtenMethodArgument(method, p, written.size(), variables);
    if (index < 0) {
      return false;
    }
    TypeMirror argument =
        trees.getTypeMirror(new TreePath(scan.getCurrentPath(), written.get(index)));
    return argument != null
        && (types.isSameType(argument, received)
            || (received instanceof ArrayType array
                && types.isSameType(argument, array.getComponentType())));
  }

  /**
   * Whether the unbound reference {@code tree} hands parameter {@code p} the type argument of its
   * class written elsewhere, which is told where written ({@link
   * CallCarriers#writtenClassArgument}): in the reference ({@code Channel<Thread>::offer}), or in
   * the written type of the place it goes to, as the type of the values the interface takes first
   * ({@code receiver}), when that type was reported: {@code BiPredicate<Channel<Thread>, Thread> f
   * = Channel::offer} is one mistake, told on the {@code Thread} of {@code Channel<Thread>}.
   */
  private boolean isWrittenClassArgument(
      MemberReferenceTree tree,
      ExecutableElement method,
      int p,
      TypeMirror received,
      TypeMirror receiver) {
    if (!(method.getEnclosingElement() instanceof TypeElement owner)) {
      return false;
    }
    DeclaredType written;
    if (tree.getQualifierExpression() instanceof ParameterizedTypeTree) {
      if (!(trees.getTypeMirror(new TreePath(scan.getCurrentPath(), tree.getQualifierExpression()))
          instanceof DeclaredType qualifier)) {
        return false;
      }
      written = qualifier;
    } else if (receiver instanceof DeclaredType taken && scan.writtenTargetReported()) {
      written = taken;
    } else {
      return false;
    }
    int index = CallCarriers.writtenClassArgument(method, p, written, sentVariables.of(owner));
    if (index < 0) {
      return false;
    }
    TypeMirror argument = written.getTypeArguments().get(index);
    return types.isSameType(argument, received)
        || (received instanceof ArrayType array && types.isSameType(argument, array.getComponentType()));
  }

  /**
   * A method reference bound to a receiver whose type arguments javac inferred ({@code
   * threads.forEach(new Box<>()::put)}, {@code Box.of()::put}), checked as a call on such a
   * receiver is ({@link
   * TransferScanner#checkInferredReceiver(ExecutableElement, MethodInvocationTree)}): each
   * value the interface hands to a parameter that is a crossing variable of the receiver's class by
   * its own type, told on the reference; a variable only a wider parameter mentions by the type
   * inferred, told on the receiver.
   */
  private void checkInferredReceiver(
      MemberReferenceTree tree, ExecutableElement method, List<? extends TypeMirror> received) {
    TreePath receiver =
        TransferScanner.unwrap(new TreePath(scan.getCurrentPath(), tree.getQualifierExpression()));
    if (method.getModifiers().contains(Modifier.STATIC)
        || !(receiver.getLeaf() instanceof ExpressionTree expression)
        || !scan.infersTypeArguments(expression)
        || !(trees.getTypeMirror(receiver) instanceof DeclaredType type)
        || !(type.asElement() instanceof TypeElement owner)) {
      return;
    }
    InheritedVariables view = InheritedVariables.of(owner, method);
    if (view == null) {
      return;
    }
    for (CallCarriers.ReceiverPlan each :
        CallCarriers.ofReceiver(
            owner, type.getTypeArguments().size(), method, view, sentVariables.of(owner),
            markers.parametersOf(method), received.size(),
            CallCarriers.spreadsValues(method, received))) {
      for (int d : each.plan().direct()) {
        checkReceived(tree, method, received.get(d), each.crossing());
      }
      if (each.plan().direct().length == 0 && each.plan().carrier() >= 0) {
        scan.checkReceiverType(
            receiver, owner, each.variable(), type.getTypeArguments().get(each.index()),
            each.crossing(), -1);
      }
    }
  }

  /**
   * A crossing variable that the referenced method's values carry only inside a parameter's type
   * ({@code lists.forEach(Main::postAll)} for {@code <@Sent T> void postAll(List<T> values)}, or a
   * constructor reference's class variable, {@code Gather(List<T> values)}) gets the type that
   * stands for it in what the functional interface hands that parameter, as the lambda {@code l ->
   * postAll(l)} gives it one ({@link CallCarriers#typeWithin}): told on the reference.
   */
  private void checkVariablesWithin(
      ExecutableElement method,
      List<? extends TypeParameterElement> own,
      Crossing[] crossings,
      List<? extends TypeMirror> received,
      ExecutableElement sam,
      int offset) {
    Crossing[] marked = markers.parametersOf(method);
    for (int[] within : CallCarriers.variablesWithin(method, own, crossings, marked)) {
      int d = within[1] + offset;
      Crossing crossing = crossings[within[0]];
      if (d >= received.size()
          || (crossing != Crossing.SENT && crossing != Crossing.SPAWNED)
          || markers.vouchesFor(new Markers.Slot(sam, d), crossing, false)) {
        continue;
      }
      TypeParameterElement variable = own.get(within[0]);
      TypeMirror type =
          CallCarriers.typeWithin(
              method, within[1], received.get(d), variable, analyzer.memberTypes());
      if (type != null) {
        instantiatedVariables.checkInstantiated(
            scan.getCurrentPath(), variable, method, type, crossing,
            coveredBy(scan.getCurrentPath().getLeaf()));
      }
    }
  }

  /**
   * The rule that told another argument of the call this reference is given to, carrying the same
   * variable ({@link InstantiatedVariables#coverCarriers}), or -1: the values the reference's
   * parameters receive are that argument's, so {@code Ferry.spawn(Main::child, new Holder<>(channel, new
   * StringBuilder()))} for {@code <T> void child(Holder<T> h)} is one mistake, told on the value,
   * not again as the type the reference gives {@code T}.
   */
  private long coveredBy(Tree reference) {
    long start = scan.positions.getStartPosition(scan.unit, reference);
    for (long[] value : scan.coveredArguments) {
      if (value[0] <= start && start < value[1]) {
        return value[2];
      }
    }
    return -1;
  }

  /** {@code Type::instanceMethod}: the functional interface's first value is the receiver. */
  private boolean isUnboundInstanceReference(MemberReferenceTree tree, ExecutableElement method) {
    if (method.getModifiers().contains(Modifier.STATIC)
        || method.getKind() == ElementKind.CONSTRUCTOR) {
      return false;
    }
    return scan.namesType(new TreePath(scan.getCurrentPath(), tree.getQualifierExpression()));
  }

  private void checkReceived(
      MemberReferenceTree tree, ExecutableElement method, TypeMirror received, Crossing crossing) {
    TypeMirror type = CrossingTypes.uncaptured(received);
    Violation violation = scan.violationOf(type, crossing);
    if (violation == null) {
      return;
    }
    scan.report(
        tree,
        violation.rule(),
        CrossingMessages.referencedValue(
            scan.snippets.of(tree),
            TypePrinter.nameOf(method),
            TypePrinter.print(type),
            CrossingWords.phrase(crossing, method),
            violation.culprit(),
            violation.reason(),
            scan.callSiteFix(violation, crossing, method, tree)));
  }
}
