package dev.ferry.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;

/**
 * Whether anything but its own class's constructors may assign a field: a method, an initializer
 * block, a lambda or a class declared anywhere in its file ({@code upper = ...}, {@code
 * this.upper += ...}, {@code other.upper++}, matched by the field's name alone, so a namesake
 * counts too). A private field none of these assigns holds what its class's constructor computed,
 * for the value's life. Read from javac's trees (syntax only, as {@link MethodBodies}); a field
 * whose file is not compiled here, or where the trees cannot be read, is answered true. Links
 * against javac's tree API ({@link CompiledTypes} catches its absence; ECJ is asked in {@link
 * EcjMethodBodies}).
 */
final class FieldWrites {
  private FieldWrites() {}

  /** javac's test, or null under another compiler. */
  static Predicate<VariableElement> javac(ProcessingEnvironment env) {
    Function<TypeElement, Set<String>> names = javacNames(env);
    if (names == null) {
      return null;
    }
    return field -> {
      Set<String> written = names.apply((TypeElement) field.getEnclosingElement());
      return written == null || written.contains(field.getSimpleName().toString());
    };
  }

  /**
   * The names of the fields a type's file assigns anywhere but in its constructors; null for a
   * type with no trees, or under another compiler. A file is read once for all its classes (the
   * last one read is kept), since a file of thousands of classes made one pass a class quadratic.
   */
  static Function<TypeElement, Set<String>> javacNames(ProcessingEnvironment env) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
    FileWrites[] last = new FileWrites[1];
    return type -> {
      TreePath path = DeclarationPaths.of(trees, type);
      if (path == null) {
        return null;
      }
      CompilationUnitTree unit = path.getCompilationUnit();
      if (last[0] == null || last[0].unit != unit) {
        last[0] = new FileWrites(unit);
      }
      return last[0].outsideConstructorsOf(path.getLeaf());
    };
  }

  /**
   * Every field write of a file, by name: how many in all, and how many in each class's own
   * constructors (outside a lambda or class declared there).
   */
  private static final class FileWrites {
    final CompilationUnitTree unit;
    final Map<String, Integer> all = new HashMap<>();
    final Map<Tree, Map<String, Integer>> inConstructorsOf = new HashMap<>();

    FileWrites(CompilationUnitTree unit) {
      this.unit = unit;
      new TreeScanner<Void, Tree>() {
        @Override
        public Void visitClass(ClassTree type, Tree constructorsOf) {
          for (Tree member : type.getMembers()) {
            boolean constructor =
                member instanceof MethodTree method && method.getName().contentEquals("<init>");
            scan(member, constructor ? type : null);
          }
          return null;
        }

        @Override
        public Void visitAnnotation(AnnotationTree annotation, Tree constructorsOf) {
          return null; // @Column(name = "upper") names an element, not a field
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree lambda, Tree constructorsOf) {
          return super.visitLambdaExpression(lambda, null);
        }

        @Override
        public Void visitAssignment(AssignmentTree assignment, Tree constructorsOf) {
          note(assignment.getVariable(), constructorsOf);
          return super.visitAssignment(assignment, constructorsOf);
        }

        @Override
        public Void visitCompoundAssignment(
            CompoundAssignmentTree assignment, Tree constructorsOf) {
          note(assignment.getVariable(), constructorsOf);
          return super.visitCompoundAssignment(assignment, constructorsOf);
        }

        @Override
        public Void visitUnary(UnaryTree unary, Tree constructorsOf) {
          if (INCREMENTS.contains(unary.getKind())) {
            note(unary.getExpression(), constructorsOf);
          }
          return super.visitUnary(unary, constructorsOf);
        }

        private void note(ExpressionTree target, Tree constructorsOf) {
          String name = nameOf(target);
          if (name != null) {
            all.merge(name, 1, Integer::sum);
            if (constructorsOf != null) {
              inConstructorsOf.computeIfAbsent(constructorsOf, owner -> new HashMap<>())
                  .merge(name, 1, Integer::sum);
            }
          }
        }
      }.scan(unit, null);
    }

    /** The names assigned anywhere but in the body of a constructor of {@code owner}. */
    Set<String> outsideConstructorsOf(Tree owner) {
      Map<String, Integer> own = inConstructorsOf.getOrDefault(owner, Map.of());
      Set<String> written = new HashSet<>();
      all.forEach(
          (name, count) -> {
            if (count > own.getOrDefault(name, 0)) {
              written.add(name);
            }
          });
      return written;
    }
  }

  /** The operators that change a variable by one: {@code x++}, {@code --x}. */
  static final Set<Tree.Kind> INCREMENTS =
      Set.of(
          Tree.Kind.PREFIX_INCREMENT,
          Tree.Kind.PREFIX_DECREMENT,
          Tree.Kind.POSTFIX_INCREMENT,
          Tree.Kind.POSTFIX_DECREMENT);

  /** The name an assignment's target ends in ({@code x}, {@code this.x}, {@code a.b.x}). */
  private static String nameOf(ExpressionTree target) {
    ExpressionTree e = target;
    while (e instanceof ParenthesizedTree parenthesized) {
      e = parenthesized.getExpression();
    }
    if (e instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    return e instanceof MemberSelectTree select ? select.getIdentifier().toString() : null;
  }
}
