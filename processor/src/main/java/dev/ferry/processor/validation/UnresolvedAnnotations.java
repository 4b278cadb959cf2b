package dev.ferry.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Under javac, whether a type or package declaration carries an annotation that does not resolve,
 * as code mid-edit has it: {@code @Transferable} before its import is written, a Ferry annotation
 * misspelled or renamed. Which types such a declaration makes transferable cannot be known, so the
 * compilation's verdicts that a type has no codec would be follow-on errors of the compiler's own
 * ({@link CodecDeclarations#mayHaveCodecOnceResolved}).
 *
 * <p>ECJ keeps such an annotation on the element, of an error type ({@link
 * ErrorTypes#inAnnotations}). javac leaves it off the element during the rounds (and reports it
 * only after them, in case a processor generates the type), so the declaration's tree is asked.
 * Links against javac's tree API ({@link CompiledTypes} catches its absence).
 */
final class UnresolvedAnnotations {
  private UnresolvedAnnotations() {}

  /**
   * javac's test, through its trees; null under another compiler.
   *
   * @throws LinkageError where javac's tree API is missing (an IDE's compiler): catch it
   */
  static Predicate<Element> javac(ProcessingEnvironment env) {
    try {
      Trees trees = Trees.instance(env);
      return element -> inTree(trees, element);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
  }

  private static boolean inTree(Trees trees, Element element) {
    TreePath path = pathOf(trees, element);
    if (path == null) {
      return false; // from a class file, or a package-info.java with no package declaration
    }
    List<? extends AnnotationTree> annotations;
    if (path.getLeaf() instanceof ClassTree type) {
      annotations = type.getModifiers().getAnnotations();
    } else if (path.getLeaf() instanceof PackageTree declaration) {
      annotations = declaration.getAnnotations();
    } else if (path.getCompilationUnit().getPackage() != null) {
      annotations = path.getCompilationUnit().getPackage().getAnnotations();
    } else {
      return false;
    }
    for (AnnotationTree annotation : annotations) {
      TreePath type = new TreePath(new TreePath(path, annotation), annotation.getAnnotationType());
      TypeMirror mirror = trees.getTypeMirror(type);
      if (mirror == null || mirror.getKind() == TypeKind.ERROR) {
        return true;
      }
    }
    return false;
  }

  /**
   * The element's path, or null where it has none. javac (17 to 25) makes a package whose
   * package-info.java declares no package (an empty file, which is legal, or one whose annotation
   * has nothing after it yet) a root element, and {@link Trees#getPath(Element)} then throws
   * NullPointerException from {@code TreeInfo.declarationFor} instead of returning null. Such a
   * package carries no annotation, so it has no tree worth asking.
   */
  private static TreePath pathOf(Trees trees, Element element) {
    if (element instanceof PackageElement) {
      try {
        return trees.getPath(element);
      } catch (NullPointerException noPackageDeclaration) {
        return null;
      }
    }
    return trees.getPath(element);
  }
}
