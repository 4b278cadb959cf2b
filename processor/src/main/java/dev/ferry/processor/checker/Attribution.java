package dev.ferry.processor.checker;

import com.sun.source.tree.IdentifierTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;

/**
 * Makes javac attribute the class around a tree before the checker reads its types. javac
 * attributes one top-level class at a time and fires {@code ANALYZE} after each, so a call in
 * one class may reach a generic method whose class is not attributed yet. {@link
 * Trees#getElement} attributes such a class on demand (javac's {@code JavacTrees.getElement}
 * calls {@code Attr.attribClass} when the tree's symbol is missing and its class is still
 * unattributed); this asks it for an identifier that has no type yet.
 */
final class Attribution {
  private Attribution() {}

  static void ensure(Trees trees, TreePath path, OwnTime ownTime) {
    TreePath unattributed = new Finder(trees).find(path);
    if (unattributed != null) {
      ownTime.excluding(() -> trees.getElement(unattributed));
    }
  }

  /**
   * Finds the first identifier in a method body or a field's initializer, where javac gives types
   * only when it attributes the class (a field's or a signature's type has one from the start),
   * and returns it if it has no type yet. One such identifier tells the state of the whole class,
   * which javac attributes at once, so the search stops there.
   */
  private static final class Finder extends TreePathScanner<Void, Void> {
    private boolean seen;
    private final Trees trees;
    private TreePath found;

    Finder(Trees trees) {
      this.trees = trees;
    }

    TreePath find(TreePath path) {
      scan(path, null);
      return found;
    }

    @Override
    public Void scan(com.sun.source.tree.Tree tree, Void unused) {
      return seen ? null : super.scan(tree, unused);
    }

    /**
     * A class's members only: the identifiers of its header (annotations, type parameters,
     * supertypes) have types from the start, and would tell nothing.
     */
    @Override
    public Void visitClass(com.sun.source.tree.ClassTree tree, Void unused) {
      return scan(tree.getMembers(), unused);
    }

    @Override
    public Void visitMethod(com.sun.source.tree.MethodTree tree, Void unused) {
      return scan(tree.getBody(), unused);
    }

    @Override
    public Void visitVariable(com.sun.source.tree.VariableTree tree, Void unused) {
      return scan(tree.getInitializer(), unused);
    }

    @Override
    public Void visitIdentifier(IdentifierTree tree, Void unused) {
      seen = true;
      if (trees.getTypeMirror(getCurrentPath()) == null) {
        found = getCurrentPath();
      }
      return null;
    }
  }
}
