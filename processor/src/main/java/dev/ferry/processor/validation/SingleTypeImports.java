package dev.ferry.processor.validation;

import com.sun.source.tree.ImportTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.function.BiFunction;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * javac's single-type imports of a type's source file, for {@code TypePrinter}: the qualified name
 * {@code import q.Object;} gives the simple name {@code Object} there, which hides the package's
 * types and {@code java.lang}'s; so does a single static import of a member type, {@code import
 * static q.Holder.Object;}. Links against javac's tree API ({@link CompiledTypes} catches its
 * absence).
 */
final class SingleTypeImports {
  private SingleTypeImports() {}

  /**
   * The lookup through javac's trees; null under another compiler.
   *
   * @throws LinkageError where javac's tree API is missing (an IDE's compiler): catch it
   */
  static BiFunction<TypeElement, String, String> javac(ProcessingEnvironment env) {
    try {
      Trees trees = Trees.instance(env);
      Elements elements = env.getElementUtils();
      return (type, name) -> imported(trees, elements, type, name);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
  }

  private static String imported(Trees trees, Elements elements, TypeElement type, String name) {
    TreePath path = DeclarationPaths.of(trees, type);
    if (path == null) {
      return null; // from a class file
    }
    for (ImportTree i : path.getCompilationUnit().getImports()) {
      if (!(i.getQualifiedIdentifier() instanceof MemberSelectTree select)
          || !select.getIdentifier().contentEquals(name)) {
        continue;
      }
      String imported =
          i.isStatic()
              ? CompiledTypes.memberType(elements, select.getExpression().toString(), name)
              : select.toString();
      if (imported != null) {
        return imported;
      }
    }
    return null;
  }
}
