package dev.ferry.processor.checker;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.InstanceOfTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The values a local variable may hold wherever it is used, under javac: the initializer of a
 * local and the value of each plain assignment to it ({@code Object copy = value;}, {@code Object
 * copy; if (now) copy = value; else copy = value;}), or, for a pattern variable, the value its
 * pattern tested ({@code value} for {@code value instanceof String s}, the selector for {@code case
 * String s}, also for a record pattern's component, {@code value instanceof Box(var inner)}). A
 * checker that vouches for each of them vouches for the local too.
 *
 * <p>A local is assigned only inside the member that declares it (a lambda or a local class may
 * not assign it), so that member's tree is searched for its declaration and for assignments.
 */
final class LocalAliases {
  private final Trees trees;

  LocalAliases(Trees trees) {
    this.trees = trees;
  }

  /**
   * Every value the local variable {@code use} names may hold, as paths: its initializer or the
   * value its pattern tested, and the value of each plain assignment to it (Java lets no use read
   * a local before one of them). Null when they are not all known: a parameter, a field, or a local
   * changed by a compound assignment or an increment.
   */
  List<TreePath> valuesOf(TreePath use) {
    Element variable = trees.getElement(use);
    if (variable == null
        || (variable.getKind() != ElementKind.LOCAL_VARIABLE
            && !variable.getKind().name().equals("BINDING_VARIABLE"))) {
      return null;
    }
    TreePath member = enclosingMember(use);
    if (member == null) {
      return null;
    }
    Finder finder = new Finder(variable);
    finder.scan(member, null);
    if (finder.reassigned || finder.unknown || finder.values.isEmpty()) {
      return null;
    }
    return finder.values;
  }

  /** The class member (method, initializer block or field) {@code path} is in, or null. */
  private static TreePath enclosingMember(TreePath path) {
    TreePath member = null;
    for (TreePath up = path; up != null; up = up.getParentPath()) {
      if (up.getLeaf() instanceof ClassTree) {
        return member;
      }
      member = up;
    }
    return null;
  }

  /**
   * The value a type pattern's variable is bound to or is a component of, {@code pattern} being the
   * binding pattern: what {@code instanceof} tests, or the selector of the switch whose case label
   * it is (with or without a guard); for a variable of a record pattern, {@code value instanceof
   * Box(var inner)}, the value whose component it holds, which was checked with its components
   * wherever that value was. Tree kinds of newer JDKs are named, as the processor is compiled for
   * Java 17.
   */
  private static TreePath testedBy(TreePath pattern) {
    TreePath parent = pattern.getParentPath();
    while (parent.getLeaf().getKind().name().equals("DECONSTRUCTION_PATTERN")) {
      parent = parent.getParentPath();
    }
    if (parent.getLeaf() instanceof InstanceOfTree instanceOf) {
      return new TreePath(parent, instanceOf.getExpression());
    }
    if (!parent.getLeaf().getKind().name().equals("PATTERN_CASE_LABEL")) {
      return null;
    }
    TreePath switchPath = parent.getParentPath().getParentPath();
    ExpressionTree selector =
        switchPath.getLeaf() instanceof SwitchTree statement
            ? statement.getExpression()
            : switchPath.getLeaf() instanceof SwitchExpressionTree expression
                ? expression.getExpression()
                : null;
    return selector == null ? null : new TreePath(switchPath, selector);
  }

  /** Finds the variable's declaration and what assigns it. */
  private final class Finder extends TreePathScanner<Void, Void> {
    private final Element variable;
    /** Its initializer or tested value, and the value of each plain assignment. */
    private final List<TreePath> values = new ArrayList<>();
    /** Whether a compound assignment or an increment changes it. */
    private boolean reassigned;
    /** Whether it is a pattern's variable whose value this class does not know. */
    private boolean unknown;

    Finder(Element variable) {
      this.variable = variable;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (variable.equals(trees.getElement(getCurrentPath()))) {
        if (tree.getInitializer() != null) {
          values.add(new TreePath(getCurrentPath(), tree.getInitializer()));
        } else if (getCurrentPath().getParentPath().getLeaf().getKind() == Tree.Kind.BINDING_PATTERN) {
          TreePath tested = testedBy(getCurrentPath().getParentPath());
          unknown |= tested == null;
          if (tested != null) {
            values.add(tested);
          }
        }
      }
      return super.visitVariable(tree, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      if (names(tree.getVariable())) {
        values.add(new TreePath(getCurrentPath(), tree.getExpression()));
      }
      return super.visitAssignment(tree, unused);
    }

    @Override
    public Void visitCompoundAssignment(CompoundAssignmentTree tree, Void unused) {
      noteAssigned(tree.getVariable());
      return super.visitCompoundAssignment(tree, unused);
    }

    @Override
    public Void visitUnary(UnaryTree tree, Void unused) {
      switch (tree.getKind()) {
        case PREFIX_INCREMENT, PREFIX_DECREMENT, POSTFIX_INCREMENT, POSTFIX_DECREMENT ->
            noteAssigned(tree.getExpression());
        default -> { }
      }
      return super.visitUnary(tree, unused);
    }

    private void noteAssigned(ExpressionTree target) {
      if (names(target)) {
        reassigned = true;
      }
    }

    private boolean names(ExpressionTree target) {
      return target.getKind() == Tree.Kind.IDENTIFIER
          && variable.equals(trees.getElement(new TreePath(getCurrentPath(), target)));
    }
  }
}
