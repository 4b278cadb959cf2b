package dev.ferry.processor.checker;

import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.QualifiedAllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;

/**
 * The code at fault as an ECJ call-site message quotes it, read from the unit's source.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because every part of the ECJ scan that words a message
 * ({@link EcjSpawnTargets}, the scanner's own checks) quotes code alike, and it needs nothing but
 * the unit.
 */
final class EcjSnippets {
  private final CompilationUnitDeclaration unit;

  EcjSnippets(CompilationUnitDeclaration unit) {
    this.unit = unit;
  }

  /**
   * The code at fault as a message quotes it, as javac's checker does: as written in the source
   * (ECJ's printing is not: {@code (<no type> p) -> p.jobs()} for {@code p -> p.jobs()}, a
   * conditional in parentheses of its own), its first line, shortened; printed where the source
   * cannot be read.
   */
  String of(Expression expression) {
    char[] source = unit.compilationResult.compilationUnit.getContents();
    int start = expression.sourceStart;
    int end = expression.sourceEnd + 1; // ECJ's end is the last character's
    TypeDeclaration anonymous =
        expression instanceof QualifiedAllocationExpression creation
            ? creation.anonymousType
            : null;
    if (anonymous != null) {
      end = anonymous.bodyStart; // just after its `{`
    }
    if (source == null || start < 0 || end <= start || end > source.length) {
      return CallSiteMessages.shorten(expression.toString());
    }
    String written = new String(source, start, end - start);
    return anonymous != null
        ? CallSiteMessages.anonymousCreation(written)
        : CallSiteMessages.shorten(written);
  }
}
