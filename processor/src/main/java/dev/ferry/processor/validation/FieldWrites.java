package dev.ferry.processor.validation;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
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
import java.util.HashSet;
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
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
    return field -> {
      TreePath path = trees.getPath(field);
      Tree owner = trees.getTree(field.getEnclosingElement());
      if (path == null || owner == null) {
        return true;
      }
      return writtenNames(path.getCompilationUnit(), owner)
          .contains(field.getSimpleName().toString());
    };
  }

  /**
   * The names of the fields a type's file assigns anywhere but in its constructors, read in one
   * pass for all its fields ({@link TreeSnapshots}); null for a type with no trees, or under
   * another compiler.
   */
  static Function<TypeElement, Set<String>> javacNames(ProcessingEnvironment env) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
    return type -> {
      TreePath path = trees.getPath(type);
      Tree owner = trees.getTree(type);
      return path == null || owner == null
          ? null
          : writtenNames(path.getCompilationUnit(), owner);
    };
  }

  /**
   * The names of the fields {@code unit} assigns anywhere but in the body of a constructor of
   * {@code owner}, outside a lambda or class declared there.
   */
  private static Set<String> writtenNames(Tree unit, Tree owner) {
    Set<String> written = new HashSet<>();
    new TreeScanner<Void, Boolean>() {
      @Override
      public Void visitClass(ClassTree type, Boolean inConstructor) {
        for (Tree member : type.getMembers()) {
          boolean constructor =
              type == owner
                  && member instanceof MethodTree method
                  && method.getName().contentEquals("<init>");
          scan(member, constructor);
        }
        return null;
      }

      @Override
      public Void visitAnnotation(AnnotationTree annotation, Boolean inConstructor) {
        return null; // @Column(name = "upper") names an element, not a field
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Boolean inConstructor) {
        return super.visitLambdaExpression(lambda, false);
      }

      @Override
      public Void visitAssignment(AssignmentTree assignment, Boolean inConstructor) {
        note(assignment.getVariable(), inConstructor);
        return super.visitAssignment(assignment, inConstructor);
      }

      @Override
      public Void visitCompoundAssignment(CompoundAssignmentTree assignment, Boolean inConstructor) {
        note(assignment.getVariable(), inConstructor);
        return super.visitCompoundAssignment(assignment, inConstructor);
      }

      @Override
      public Void visitUnary(UnaryTree unary, Boolean inConstructor) {
        if (INCREMENTS.contains(unary.getKind())) {
          note(unary.getExpression(), inConstructor);
        }
        return super.visitUnary(unary, inConstructor);
      }

      private void note(ExpressionTree target, Boolean inConstructor) {
        String name = nameOf(target);
        if (!Boolean.TRUE.equals(inConstructor) && name != null) {
          written.add(name);
        }
      }
    }.scan(unit, false);
    return written;
  }

  private static final Set<Tree.Kind> INCREMENTS =
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
