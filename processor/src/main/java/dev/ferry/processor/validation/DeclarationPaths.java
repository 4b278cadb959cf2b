package dev.ferry.processor.validation;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * The path to the declaration of a class, or of a member of one, built down from its top-level
 * class through the members' trees.
 *
 * <p>Why not {@link Trees#getPath(Element)}: javac scans the file from its start for the tree
 * each time, so asking it for each class of a file is quadratic in the file's size: a file
 * declaring a sealed interface and its 3,000 records compiled in 31 s with Ferry's processors (22 s
 * once paths were built this way and each file's writes read once, {@link FieldWrites}), in 5 s
 * without them. Where a tree is not among its class's members (a local or anonymous class, or a tree
 * javac has lowered), javac is asked, as before. Links against javac's tree API.
 */
final class DeclarationPaths {
  private DeclarationPaths() {}

  /** The path of {@code element}'s declaration, or null where it has none (from a class file). */
  static TreePath of(Trees trees, Element element) {
    Element enclosing = element.getEnclosingElement();
    if (!(enclosing instanceof TypeElement owner)) {
      return trees.getPath(element); // a top-level class, or a local or anonymous one's member
    }
    TreePath ownerPath = of(trees, owner);
    Tree tree = trees.getTree(element);
    if (ownerPath != null && tree != null && ownerPath.getLeaf() instanceof ClassTree type) {
      for (Tree member : type.getMembers()) {
        if (member == tree) {
          return new TreePath(ownerPath, tree);
        }
      }
    }
    return trees.getPath(element);
  }
}
