package dev.ferry.processor.checker;

import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.CollectionViews;
import dev.ferry.processor.validation.NameableTypes;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The spawn-target rule: an argument for a {@code @SpawnTarget} parameter must name a static
 * method a child can find by name, and the parameters of that method must be ones the child can
 * rebuild as themselves; what is wrong is told on the argument. ECJ's twin is {@link
 * EcjSpawnTargets}.
 *
 * <p>Apart from {@link TransferScanner} because it judges one argument on its own: the scanner
 * finds the arguments that are targets (and the receiver an unbound reference is called on) and
 * hands each to {@link #check}; the quoting of code and the reports are the scanner's, and this
 * keeps no state of its own.
 */
final class SpawnTargets {
  private final TransferScanner scan;
  private final Trees trees;
  private final TypeAnalyzer analyzer;
  private final Verdicts verdicts;
  private final Markers markers;
  private final CrossingValues crossingValues;

  SpawnTargets(TransferScanner scan, CheckerState state, CrossingValues crossingValues) {
    this.scan = scan;
    this.trees = state.trees();
    this.analyzer = state.analyzer();
    this.verdicts = state.verdicts();
    this.markers = state.markers();
    this.crossingValues = crossingValues;
  }

  /**
   * {@code receiver}: the argument an instance method reference given as the target would be
   * called on, or on each element of ({@code elements}), or null.
   */
  void check(TreePath argument, Tree receiver, boolean elements) {
    List<TreePath> results = PolyResults.of(TransferScanner.unwrap(argument));
    if (results != null) {
      // flag ? Main::a : Main::b names one of its results, each a reference the child can run
      // (or not, reported where it is written).
      for (TreePath result : results) {
        check(result, null, false);
      }
      return;
    }
    Tree tree = argument.getLeaf();
    String message = illegalTarget(TransferScanner.unwrap(argument), tree, receiver, elements);
    if (message != null) {
      scan.report(tree, Rule.SPAWN_TARGET, message);
    } else {
      checkTargetParameters(TransferScanner.unwrap(argument), tree);
    }
  }

  /**
   * A static method given as a spawn target or task whose parameter is a JDK collection class
   * the running process does not rebuild its argument as ({@code ConcurrentHashMap}, rebuilt as
   * every {@code Map} is, as a {@code LinkedHashMap}): whatever is passed, the call fails in that
   * process. Told once per target, on the reference.
   */
  private void checkTargetParameters(TreePath target, Tree written) {
    if (!(target.getLeaf() instanceof MemberReferenceTree reference)
        || reference.getMode() != MemberReferenceTree.ReferenceMode.INVOKE
        || !(trees.getElement(target) instanceof ExecutableElement method)
        || !method.getModifiers().contains(Modifier.STATIC)) {
      return;
    }
    String message =
        CallSiteMessages.rebuiltParameter(
            method, scan.snippets.of(written), this::rebuiltAsAnother, analyzer.memberTypes());
    if (message != null) {
      scan.report(written, Rule.NOT_TRANSFERABLE, message);
    }
  }

  /** {@link CollectionViews#rebuiltAsAnother}, its value part cached. */
  Violation rebuiltAsAnother(TypeMirror type) {
    return type.getKind() != TypeKind.DECLARED || CrossingTypes.isUnchecked(type)
        ? null
        : analyzer
            .memberTypes()
            .collectionViews()
            .rebuiltAsAnother(type, verdicts.resolveValue(type, true));
  }

  /** Whether {@code target} is {@code Type::instanceMethod}, which takes its receiver first. */
  boolean isUnboundInstanceReference(TreePath target) {
    return target.getLeaf() instanceof MemberReferenceTree reference
        && reference.getMode() == MemberReferenceTree.ReferenceMode.INVOKE
        && trees.getElement(target) instanceof ExecutableElement method
        && !method.getModifiers().contains(Modifier.STATIC)
        && scan.namesType(new TreePath(target, reference.getQualifierExpression()));
  }

  /**
   * What is wrong with a spawn target, as a message, or null when a child can run it; {@code
   * written} is the argument as written, quoted only in a message (printing it costs).
   */
  private String illegalTarget(
      TreePath argument, Tree written, Tree receiver, boolean elements) {
    Tree tree = argument.getLeaf();
    switch (tree.getKind()) {
      case NULL_LITERAL:
        return null;
      case LAMBDA_EXPRESSION:
        return SpawnTargetMessages.lambdaTarget(scan.snippets.of(written));
      case MEMBER_REFERENCE:
        return illegalReference(
            (MemberReferenceTree) tree, argument, written, receiver, elements);
      case IDENTIFIER:
      case MEMBER_SELECT:
        Element element = trees.getElement(argument);
        if (element == null || element.asType().getKind() == TypeKind.ERROR) {
          return null;
        }
        if (markers.isTargetParameter(crossingValues.slotOf(element, argument))) {
          return null; // forwarded from a parameter that is itself checked at its call sites
        }
        Markers.Slot own = Markers.Slot.of(element);
        if (own != null) { // a method's own parameter: a lambda's has no slot of its own here
          String parameter = element.getSimpleName().toString();
          return SpawnTargetMessages.parameterTarget(
              scan.snippets.of(written), parameter, TypePrinter.nameOf(own.method()));
        }
        if (CallSiteMessages.lambdaMarker(element, CrossingValues.isLambdaParameter(element))
            != null) {
          return SpawnTargetMessages.lambdaParameterTarget(
              scan.snippets.of(written), element.getSimpleName().toString());
        }
        return SpawnTargetMessages.variableTarget(scan.snippets.of(written));
      default:
        return SpawnTargetMessages.otherTarget(scan.snippets.of(written));
    }
  }

  private String illegalReference(
      MemberReferenceTree reference,
      TreePath path,
      Tree written,
      Tree receiver,
      boolean elements) {
    Element element = trees.getElement(path);
    if (reference.getMode() == MemberReferenceTree.ReferenceMode.NEW) {
      return SpawnTargetMessages.constructorTarget(
          scan.snippets.of(written), constructed(reference, path, element));
    }
    if (!(element instanceof ExecutableElement method)) {
      return null; // unresolved: javac reports it
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    String name = method.getSimpleName().toString();
    TreePath qualifierPath = new TreePath(path, reference.getQualifierExpression());
    // `int[]::clone` is declared by javac's class `Array`, which no code names: name the array.
    TypeMirror array =
        reference.getQualifierExpression().getKind() == Tree.Kind.ARRAY_TYPE
            ? trees.getTypeMirror(qualifierPath)
            : null;
    String ownerName =
        array != null ? TypePrinter.print(array) : owner.getSimpleName().toString();
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      // A method read from a class file (System.out::println) is no one's here to make static.
      boolean compiledHere =
          trees.getTree(method) != null
              && !CallSiteMessages.isRecordAccessor(owner, name, method.getParameters().size());
      return scan.namesType(qualifierPath)
          ? SpawnTargetMessages.instanceMethodTarget(
              scan.snippets.of(written),
              ownerName,
              name,
              receiver == null ? null : scan.snippets.of(receiver),
              elements,
              TypePrinter.reference(owner) != null,
              compiledHere)
          : SpawnTargetMessages.boundReferenceTarget(
              scan.snippets.of(written), TypePrinter.reference(owner), name, compiledHere);
    }
    if (!NameableTypes.hasCanonicalName(owner)) {
      // A static method needs no instance: one of an inner class runs as well as any.
      return SpawnTargetMessages.unnameableTarget(
          scan.snippets.of(written), NameableTypes.describeUnnameable(owner), ownerName);
    }
    return null;
  }

  /**
   * What a constructor reference builds, as a message names it: its class, or the array type of
   * {@code int[]::new}, whose element javac makes a method of a class of its own, {@code Array}.
   */
  private String constructed(MemberReferenceTree reference, TreePath path, Element element) {
    if (reference.getQualifierExpression().getKind() == Tree.Kind.ARRAY_TYPE) {
      TypeMirror array =
          trees.getTypeMirror(new TreePath(path, reference.getQualifierExpression()));
      return array == null ? null : TypePrinter.print(array);
    }
    return element == null ? null : element.getEnclosingElement().getSimpleName().toString();
  }
}
