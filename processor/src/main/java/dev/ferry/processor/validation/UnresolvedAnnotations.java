package dev.ferry.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.PackageTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
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
   * javac's string literals in the unresolved annotations of a declaration, a type's, a member's
   * or a record component's, through its trees: {@code "ferry"} in {@code @SuppressWarnin("ferry")}
   * (see {@code Suppressions}); null under another compiler.
   *
   * @throws LinkageError where javac's tree API is missing (an IDE's compiler): catch it
   */
  static Function<Element, List<String>> javacStrings(ProcessingEnvironment env) {
    try {
      Trees trees = Trees.instance(env);
      return element -> stringsInTree(trees, element);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
  }

  private static List<String> stringsInTree(Trees trees, Element element) {
    ModifiersTree modifiers = modifiersOf(trees, element);
    if (modifiers == null) {
      return List.of();
    }
    List<String> strings = new ArrayList<>();
    TreePath declaration =
        DeclarationPaths.of(
            trees,
            element.getKind() == ElementKind.RECORD_COMPONENT
                ? element.getEnclosingElement()
                : element);
    for (AnnotationTree annotation : modifiers.getAnnotations()) {
      TreePath type =
          new TreePath(new TreePath(declaration, annotation), annotation.getAnnotationType());
      TypeMirror mirror = trees.getTypeMirror(type);
      if (mirror == null || mirror.getKind() == TypeKind.ERROR) {
        new TreeScanner<Void, Void>() {
          @Override
          public Void visitLiteral(LiteralTree literal, Void unused) {
            if (literal.getValue() instanceof String text) {
              strings.add(text);
            }
            return null;
          }
        }.scan(annotation.getArguments(), null);
      }
    }
    return strings;
  }

  /**
   * The modifiers of a declaration's tree, or null. javac gives no path for a record component's
   * element ({@code TreeInfo.declarationFor} matches the field's symbol, not the component's), so
   * the component is found among its record's members by name.
   */
  private static ModifiersTree modifiersOf(Trees trees, Element element) {
    if (element.getKind() == ElementKind.RECORD_COMPONENT) {
      TreePath record = DeclarationPaths.of(trees, element.getEnclosingElement());
      if (record == null || !(record.getLeaf() instanceof ClassTree type)) {
        return null;
      }
      for (Tree member : type.getMembers()) {
        if (member instanceof VariableTree variable
            && variable.getName().contentEquals(element.getSimpleName())) {
          return variable.getModifiers();
        }
      }
      return null;
    }
    TreePath path =
        element.getKind() == ElementKind.PACKAGE ? null : DeclarationPaths.of(trees, element);
    if (path == null) {
      return null;
    }
    Tree leaf = path.getLeaf();
    if (leaf instanceof ClassTree type) {
      return type.getModifiers();
    }
    if (leaf instanceof MethodTree method) {
      return method.getModifiers();
    }
    return leaf instanceof VariableTree variable ? variable.getModifiers() : null;
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
    return DeclarationPaths.of(trees, element);
  }
}
