package dev.ferry.processor.validation;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Whether a field's declaration has an initializer ({@code final Integer boxed = 3;}), which
 * javax.lang.model does not say: it gives only a constant's value. Read from javac's trees; a
 * field from a class file has none and is answered false. Links against javac's tree API ({@link
 * CompiledTypes} catches its absence; ECJ is asked in {@link EcjSourceTypes}).
 *
 * <p>javac's {@code Gen.normalizeDefs} moves a class's field initializers into its constructors
 * and leaves only methods in its tree, and javac writes a superclass out before it analyzes the
 * subclass that the checker then asks about. So the fields declared with an initializer are noted
 * as each file is entered, before any of that, and the tree is asked only where a file was entered
 * before this listener was added.
 */
final class FieldInitializers {
  private FieldInitializers() {}

  /**
   * javac's test, through its trees; null under another compiler.
   *
   * @throws LinkageError where javac's tree API is missing (an IDE's compiler): catch it
   */
  static Predicate<VariableElement> javac(ProcessingEnvironment env) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
    Set<String> initialized = new HashSet<>();
    CompiledTypes.whenFinished(
        env,
        event -> {
          if (event.getKind() == TaskEvent.Kind.ENTER && event.getCompilationUnit() != null) {
            try {
              note(trees, event.getCompilationUnit(), initialized);
            } catch (RuntimeException unexpected) {
              // This runs for every file javac enters, Ferry's or not, and an exception thrown
              // from a task listener ends javac's run: a file not noted keeps the words it had
              // (a constructor asked for), which is a worse message, not a broken build.
            }
          }
        });
    return field -> {
      String key = keyOf(field.getEnclosingElement(), field.getSimpleName());
      if (initialized.contains(key)) {
        return true;
      }
      TreePath path;
      try {
        path = DeclarationPaths.of(trees, field);
      } catch (RuntimeException unexpected) {
        return false; // as a class file's field: see the listener above
      }
      return path != null
          && path.getLeaf() instanceof VariableTree declaration
          && declaration.getInitializer() != null;
    };
  }

  /** Notes the fields of {@code unit}'s classes, nested ones too, declared with an initializer. */
  private static void note(Trees trees, CompilationUnitTree unit, Set<String> initialized) {
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitClass(ClassTree type, Void unused) {
        Element element = trees.getElement(getCurrentPath());
        for (Tree member : type.getMembers()) {
          if (element != null
              && member instanceof VariableTree field
              && field.getInitializer() != null) {
            initialized.add(keyOf(element, field.getName()));
          }
        }
        return super.visitClass(type, unused);
      }

      // Only member classes: a local or anonymous class has no element before javac attributes
      // its method, and Trees.getElement would attribute it there and then, out of javac's
      // order (its errors in that code were then lost). Neither can be sent by name anyway.
      @Override
      public Void visitVariable(VariableTree variable, Void unused) {
        return null;
      }

      @Override
      public Void visitMethod(MethodTree method, Void unused) {
        return null;
      }

      @Override
      public Void visitBlock(BlockTree block, Void unused) {
        return null;
      }
    }.scan(unit, null);
  }

  private static String keyOf(Element type, CharSequence field) {
    return (type instanceof TypeElement t ? t.getQualifiedName() : type.getSimpleName())
        + "#"
        + field;
  }
}
