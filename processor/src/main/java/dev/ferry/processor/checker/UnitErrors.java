package dev.ferry.processor.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether javac has reported an error in a compilation unit, as far as its attributed trees show.
 * javac gives no public access to its diagnostics, but each error of attribution leaves an
 * erroneous type on the tree it is about: an unresolved name or method, and also a value of the
 * wrong type ({@code int x = "text"}: javac's {@code Attr.check} types the expression as an error
 * when the check fails). The checker reports nothing in such a unit: mid-edit, its problems may be
 * follow-ons, and javac's error is the one to fix first (no pile-on).
 *
 * <p>Asked only when there is something to report, so clean code pays nothing. Only what javac has
 * attributed is seen: of a unit with several top-level classes, a class attributed later is not.
 */
final class UnitErrors extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private boolean found;

  private UnitErrors(Trees trees) {
    this.trees = trees;
  }

  static boolean in(Trees trees, CompilationUnitTree unit) {
    UnitErrors scanner = new UnitErrors(trees);
    scanner.scan(new TreePath(unit), null);
    return scanner.found;
  }

  @Override
  public Void scan(Tree tree, Void unused) {
    if (found || tree == null) {
      return null;
    }
    if (tree.getKind() == Tree.Kind.ERRONEOUS) {
      found = true;
      return null;
    }
    if (tree instanceof ExpressionTree) {
      TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), tree));
      if (type != null && type.getKind() == TypeKind.ERROR) {
        found = true;
        return null;
      }
    }
    return super.scan(tree, unused);
  }
}
