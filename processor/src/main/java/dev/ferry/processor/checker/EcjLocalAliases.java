package dev.ferry.processor.checker;

import org.eclipse.jdt.internal.compiler.ASTVisitor;
import org.eclipse.jdt.internal.compiler.ast.AbstractMethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.CompoundAssignment;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.FieldDeclaration;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.LocalDeclaration;
import org.eclipse.jdt.internal.compiler.ast.PostfixExpression;
import org.eclipse.jdt.internal.compiler.ast.PrefixExpression;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.lookup.BlockScope;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodScope;

/**
 * The value a local variable holds wherever it is used, when it has only one, under ECJ, as
 * {@link LocalAliases} finds it under javac: the initializer of a local never assigned again
 * ({@code Object copy = value;}), or the one value assigned to a local declared without one
 * ({@code Object copy; copy = value;}).
 */
final class EcjLocalAliases {
  private EcjLocalAliases() {}

  /**
   * The one value {@code variable} holds, or null: a parameter, a local assigned again, or one
   * declared without a value and assigned twice or by a compound assignment or an increment.
   */
  static Expression valueOf(LocalVariableBinding variable) {
    if (variable.isParameter()
        || !(variable.declaration instanceof LocalDeclaration declaration)
        || variable.declaringScope == null) {
      return null;
    }
    // A local is assigned only inside the method, lambda or initializer that declares it.
    Finder finder = new Finder(variable);
    MethodScope scope = variable.declaringScope.methodScope();
    if (scope == null) {
      return null;
    }
    if (scope.referenceContext instanceof AbstractMethodDeclaration method) {
      method.traverse(finder, scope.classScope());
    } else if (scope.referenceContext instanceof LambdaExpression lambda) {
      lambda.traverse(finder, scope);
    } else if (scope.referenceContext instanceof TypeDeclaration type && type.fields != null) {
      for (FieldDeclaration field : type.fields) {
        field.traverse(finder, scope);
      }
    } else {
      return null;
    }
    if (finder.reassigned) {
      return null;
    }
    if (declaration.initialization != null) {
      return finder.assignments == 0 ? declaration.initialization : null;
    }
    return finder.assignments == 1 ? finder.assigned : null;
  }

  /** Counts what assigns the variable. */
  private static final class Finder extends ASTVisitor {
    private final LocalVariableBinding variable;
    /** Plain assignments ({@code copy = value}), and the value of the last one. */
    private int assignments;
    private Expression assigned;
    /** Whether a compound assignment or an increment changes it. */
    private boolean reassigned;

    Finder(LocalVariableBinding variable) {
      this.variable = variable;
    }

    @Override
    public boolean visit(Assignment assignment, BlockScope scope) {
      if (names(assignment.lhs)) {
        assignments++;
        assigned = assignment.expression;
      }
      return true;
    }

    @Override
    public boolean visit(CompoundAssignment assignment, BlockScope scope) {
      reassigned |= names(assignment.lhs);
      return true;
    }

    @Override
    public boolean visit(PostfixExpression increment, BlockScope scope) {
      reassigned |= names(increment.lhs);
      return true;
    }

    @Override
    public boolean visit(PrefixExpression increment, BlockScope scope) {
      reassigned |= names(increment.lhs);
      return true;
    }

    private boolean names(Expression target) {
      return target instanceof SingleNameReference name
          && name.binding instanceof LocalVariableBinding local
          && (local == variable || local.declaration == variable.declaration);
    }
  }
}
