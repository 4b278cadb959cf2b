package dev.ferry.processor.checker;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.jdt.internal.compiler.ast.CastExpression;
import org.eclipse.jdt.internal.compiler.ast.ConditionalExpression;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.SwitchExpression;

/**
 * What an ECJ expression is beneath the casts written around it, and the results a conditional or
 * switch expression chooses among, for the ECJ call-site checks.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because the scanner and the classes it hands parts of
 * the scan to ({@link EcjParameterSlots}, ...) all read arguments past their casts alike.
 */
final class EcjExpressions {
  private EcjExpressions() {}

  /** The expression inside casts (ECJ keeps parentheses as bits on the expression itself). */
  static Expression withoutCasts(Expression expression) {
    Expression inner = expression;
    while (inner instanceof CastExpression cast) {
      inner = cast.expression;
    }
    return inner;
  }

  /** The results of a conditional or switch expression (ECJ keeps parentheses as bits), or null. */
  static List<Expression> polyResults(Expression argument) {
    if (argument instanceof ConditionalExpression conditional) {
      return List.of(conditional.valueIfTrue, conditional.valueIfFalse);
    }
    if (argument instanceof SwitchExpression switchExpression) {
      return new ArrayList<>(switchExpression.resultExpressions());
    }
    return null;
  }
}
