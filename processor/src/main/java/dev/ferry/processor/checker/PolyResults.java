package dev.ferry.processor.checker;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.util.ArrayList;
import java.util.List;

/**
 * The results of a conditional or switch expression, each with its path: the values one of
 * which crosses when the expression is an argument.
 *
 * <p>Why: such an expression in an argument position is a poly expression, and javac types it
 * with the parameter's type, so {@code raw.send(flag ? "a" : "b")} to a {@code send(@Sent Object)}
 * has the type {@code Object}, which no codec can read, though either string crosses fine. Its
 * results keep their own types.
 */
final class PolyResults {
  private PolyResults() {}

  /** The results of {@code expression}, past parentheses; null if it is neither kind. */
  static List<TreePath> of(TreePath expression) {
    TreePath path = expression;
    while (path.getLeaf() instanceof ParenthesizedTree parenthesized) {
      path = new TreePath(path, parenthesized.getExpression());
    }
    if (path.getLeaf() instanceof ConditionalExpressionTree conditional) {
      return List.of(
          new TreePath(path, conditional.getTrueExpression()),
          new TreePath(path, conditional.getFalseExpression()));
    }
    if (path.getLeaf() instanceof SwitchExpressionTree switchExpression) {
      List<TreePath> results = new ArrayList<>();
      for (CaseTree branch : switchExpression.getCases()) {
        TreePath branchPath = new TreePath(path, branch);
        if (branch.getBody() instanceof ExpressionTree value) {
          results.add(new TreePath(branchPath, value));
        } else {
          new Yields(results).scan(branchPath, null);
        }
      }
      return results;
    }
    return null;
  }

  /** The values a switch expression's block yields, not those of a switch or lambda inside it. */
  private static final class Yields extends TreePathScanner<Void, Void> {
    private final List<TreePath> results;

    Yields(List<TreePath> results) {
      this.results = results;
    }

    @Override
    public Void visitYield(YieldTree tree, Void unused) {
      results.add(new TreePath(getCurrentPath(), tree.getValue()));
      return null;
    }

    @Override
    public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null;
    }
  }
}
