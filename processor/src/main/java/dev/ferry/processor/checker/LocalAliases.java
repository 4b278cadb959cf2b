package dev.ferry.processor.checker;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The value a local variable holds wherever it is used, when it has only one: the initializer of
 * a local that is never assigned again ({@code Object copy = value;} followed by uses of {@code
 * copy}), or the one value assigned to a local declared without one ({@code Object copy; copy =
 * value;}), under javac. A checker that vouches for {@code value} vouches for {@code copy} too.
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
   * The initializer of the local variable {@code use} names, as a path, when the variable is
   * never assigned after it is declared, or the assigned value of the one assignment of a local
   * declared without a value (Java lets no use read it before that assignment); null otherwise (a
   * parameter, a field, a local assigned again, or one declared without a value and assigned
   * twice or by a compound assignment or an increment).
   */
  TreePath initializerOf(TreePath use) {
    Element variable = trees.getElement(use);
    if (variable == null || variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return null;
    }
    TreePath member = enclosingMember(use);
    if (member == null) {
      return null;
    }
    Finder finder = new Finder(variable);
    finder.scan(member, null);
    if (finder.reassigned) {
      return null;
    }
    if (finder.initializer != null) {
      return finder.assignments == 0 ? finder.initializer : null;
    }
    return finder.assignments == 1 ? finder.assigned : null;
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

  /** Finds the variable's declaration and what assigns it. */
  private final class Finder extends TreePathScanner<Void, Void> {
    private final Element variable;
    private TreePath initializer; // null for a local declared without a value
    /** Plain assignments ({@code copy = value}), and the value of the last one. */
    private int assignments;
    private TreePath assigned;
    /** Whether a compound assignment or an increment changes it. */
    private boolean reassigned;

    Finder(Element variable) {
      this.variable = variable;
    }

    @Override
    public Void visitVariable(VariableTree tree, Void unused) {
      if (tree.getInitializer() != null && variable.equals(trees.getElement(getCurrentPath()))) {
        initializer = new TreePath(getCurrentPath(), tree.getInitializer());
      }
      return super.visitVariable(tree, unused);
    }

    @Override
    public Void visitAssignment(AssignmentTree tree, Void unused) {
      if (names(tree.getVariable())) {
        assignments++;
        assigned = new TreePath(getCurrentPath(), tree.getExpression());
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
