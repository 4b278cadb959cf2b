package dev.ferry.processor.checker;

import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.Violation;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The types given the crossing type parameters of a type or a generic method, checked where they
 * are written ({@code Channel<Thread>} in a field, local, parameter, cast or {@code new}, {@code
 * Foo.<Thread>bar()}) or inferred for a {@code var} local; each refused type is told where it is
 * written, or on a {@code var}'s initializer, unless the initializer or a value around it told the
 * same mistake already. ECJ's twin is {@link EcjTypeArguments}.
 *
 * <p>Apart from {@link TransferScanner} because it reads types, not values: the scanner's walk
 * hands it each parameterized type, a call's written type arguments and a {@code var}'s inferred
 * type ({@link #whileInferred}); the reports and what was told already are the scanner's.
 */
final class TypeArguments {
  private final TransferScanner scan;
  private final Trees trees;
  private final Verdicts verdicts;
  private final Markers markers;
  private final SentVariables sentVariables;
  /** While checking a {@code var}'s inferred type: the rules already reported in its initializer. */
  private Set<Rule> reportedInInitializer = EnumSet.noneOf(Rule.class);

  TypeArguments(TransferScanner scan, CheckerState state) {
    this.scan = scan;
    this.trees = state.trees();
    this.verdicts = state.verdicts();
    this.markers = state.markers();
    this.sentVariables = state.sentVariables();
  }

  /**
   * Runs {@code scanType}, the scan of a {@code var}'s inferred type, knowing the rules its
   * initializer reported already ({@code initializerRules}), which are then not told again on it.
   */
  void whileInferred(Collection<Rule> initializerRules, Runnable scanType) {
    reportedInInitializer = EnumSet.noneOf(Rule.class);
    reportedInInitializer.addAll(initializerRules);
    try {
      scanType.run();
    } finally {
      reportedInInitializer = EnumSet.noneOf(Rule.class);
    }
  }

  /**
   * Type arguments written for a generic method or constructor, checked where they cross at a call
   * on a value of class {@code receiver} (null: none known), which may mark them through a method
   * the method implements only there ({@link SentVariables#of(ExecutableElement, TypeElement)}).
   */
  void checkTypeArguments(
      ExecutableElement method, TypeElement receiver, List<? extends Tree> arguments) {
    if (!method.getTypeParameters().isEmpty()) {
      checkTypeArguments(method, sentVariables.of(method, receiver), arguments, null);
    }
  }

  /**
   * Type arguments written for a generic class or method, checked where they cross; {@code whole}
   * is the class's type as written with all of them ({@code Stage<Thread, String>}), or null.
   */
  void checkTypeArguments(
      Parameterizable generic, List<? extends Tree> arguments, String whole) {
    if (generic.getTypeParameters().isEmpty()) {
      return;
    }
    checkTypeArguments(generic, sentVariables.of(generic), arguments, whole);
  }

  /** @param crossings how the values of each of {@code generic}'s type parameters cross */
  private void checkTypeArguments(
      Parameterizable generic, Crossing[] crossings, List<? extends Tree> arguments, String whole) {
    for (int i = 0; i < arguments.size() && i < crossings.length; i++) {
      if (crossings[i] != null) {
        checkTypeArgument(
            new TreePath(scan.getCurrentPath(), arguments.get(i)),
            generic,
            generic.getTypeParameters().get(i),
            crossings[i],
            whole);
      }
    }
  }

  private void checkTypeArgument(
      TreePath argument, Parameterizable generic, Element variable, Crossing crossing,
      String whole) {
    TypeMirror type = trees.getTypeMirror(argument);
    if (type == null) {
      return;
    }
    sentVariables.noteAll(type, crossing);
    if (CrossingTypes.isUnchecked(type)) {
      return;
    }
    String written = TypePrinter.print(type); // `? super Thread` of Channel<? super Thread>
    if (type instanceof WildcardType) {
      type = CrossingTypes.sentTypeOf(type);
      if (type == null) {
        return; // Channel<?>, Channel<? extends Number>: nothing but null can be sent into it
      }
    }
    Resolution resolution = verdicts.resolveTypeArgument(type, crossing.allowsInheritOnly());
    Violation violation = resolution.violation();
    if (violation == null || resolution.unresolved()) {
      return;
    }
    Tree at = positioned(argument);
    if (at != argument.getLeaf() && reportedInInitializer.contains(violation.rule())) {
      return; // the initializer's own error names it more precisely
    }
    if (scan.inReportedValue(at, violation.rule())) {
      return; // written inside a value told already by this rule: one mistake, told once
    }
    scan.report(
        at,
        violation.rule(),
        CallSiteMessages.typeArgumentMessage(
            written,
            whole,
            generic,
            variable,
            crossing,
            violation,
            markers,
            () -> scan.callSiteFix(violation, crossing, generic, at)));
  }

  /**
   * The tree to report on: the type argument itself when it was written (for {@code Chan<String>},
   * its name, where the type starts: javac would put the caret under the {@code <}); for a type
   * javac inferred ({@code var c = Channel.create()}, whose type tree javac synthesizes without a
   * position), the nearest tree around it that has one, preferring a variable's initializer.
   */
  private Tree positioned(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof VariableTree variable) {
        boolean inItsType = p.getLeaf() == variable.getType();
        if (inItsType && !scan.isWritten(variable.getType())) {
          return variable.getInitializer() != null ? variable.getInitializer() : variable;
        }
        break;
      }
    }
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (scan.hasPosition(leaf)) {
        return leaf instanceof ParameterizedTypeTree type ? type.getType() : leaf;
      }
    }
    return path.getLeaf();
  }
}
