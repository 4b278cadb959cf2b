package dev.ferry.processor.checker;

import org.eclipse.jdt.internal.compiler.ast.CastExpression;
import org.eclipse.jdt.internal.compiler.ast.Expression;

/**
 * What an ECJ expression is beneath the casts written around it, for the ECJ call-site checks.
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
}
