package dev.ferry.processor.checker;

import org.eclipse.jdt.internal.compiler.ASTVisitor;
import org.eclipse.jdt.internal.compiler.ast.AbstractMethodDeclaration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.CaseStatement;
import org.eclipse.jdt.internal.compiler.ast.CompoundAssignment;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.FieldDeclaration;
import org.eclipse.jdt.internal.compiler.ast.GuardedPattern;
import org.eclipse.jdt.internal.compiler.ast.InstanceOfExpression;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.LocalDeclaration;
import org.eclipse.jdt.internal.compiler.ast.Pattern;
import org.eclipse.jdt.internal.compiler.ast.PostfixExpression;
import org.eclipse.jdt.internal.compiler.ast.PrefixExpression;
import org.eclipse.jdt.internal.compiler.ast.RecordPattern;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.ast.TypePattern;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.lookup.BlockScope;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodScope;

/**
 * The values a local variable may hold wherever it is used, under ECJ, as {@link LocalAliases}
 * finds them under javac: its initializer and the value of each plain assignment to it ({@code
 * Object copy = value;}, {@code Object copy; if (now) copy = value; else copy = value;}), or, for a
 * pattern variable, the value its pattern tested ({@code value} for {@code value instanceof String
 * s}, the selector for {@code case String s}), also for a record pattern's component.
 */
final class EcjLocalAliases {
  private EcjLocalAliases() {}

  /**
   * Every value {@code variable} may hold, or null when they are not all known: a parameter, or a
   * local changed by a compound assignment or an increment.
   */
  static List<Expression> valuesOf(LocalVariableBinding variable) {
    if (variable.isParameter()
        || !(variable.declaration instanceof LocalDeclaration declaration)
        || variable.declaringScope == null) {
      return null;
    }
    // A local is assigned only inside the method, lambda or initializer that declares it.
    Finder finder = new Finder(variable, declaration);
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
    if (declaration.initialization != null) {
      finder.values.add(0, declaration.initialization);
    }
    return finder.reassigned || finder.values.isEmpty() ? null : finder.values;
  }

  /** Finds what assigns the variable, and the value its pattern tested. */
  private static final class Finder extends ASTVisitor {
    private final LocalVariableBinding variable;
    private final LocalDeclaration declaration;
    /** The value of each plain assignment ({@code copy = value}), and the one a pattern tested. */
    private final List<Expression> values = new ArrayList<>();
    /** Whether a compound assignment or an increment changes it. */
    private boolean reassigned;

    Finder(LocalVariableBinding variable, LocalDeclaration declaration) {
      this.variable = variable;
      this.declaration = declaration;
    }

    @Override
    public boolean visit(Assignment assignment, BlockScope scope) {
      if (names(assignment.lhs)) {
        values.add(assignment.expression);
      }
      return true;
    }

    @Override
    public boolean visit(InstanceOfExpression instanceOf, BlockScope scope) {
      if (declares(instanceOf.pattern)) {
        values.add(instanceOf.expression);
      }
      return true;
    }

    @Override
    public boolean visit(CaseStatement label, BlockScope scope) {
      if (label.constantExpressions != null && label.swich != null) {
        for (Expression expression : label.constantExpressions) {
          Expression pattern =
              expression instanceof GuardedPattern guarded ? guarded.primaryPattern : expression;
          if (declares(pattern)) {
            values.add(label.swich.expression);
          }
        }
      }
      return true;
    }

    /**
     * Whether {@code pattern} is a type pattern declaring the variable, or a record pattern with
     * one among its components at any depth ({@code Box(var inner)}: a component of the value).
     */
    private boolean declares(Expression pattern) {
      if (pattern instanceof RecordPattern record && record.patterns != null) {
        for (Pattern component : record.patterns) {
          if (declares(component)) {
            return true;
          }
        }
        return false;
      }
      return pattern instanceof TypePattern type && type.local == declaration;
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
