package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.Rule;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;

/**
 * Where the parts of the ECJ scan that report hand a problem: the scanner's own {@code report},
 * which keeps what is silenced, what was told already and where, for the whole unit.
 */
@FunctionalInterface
interface EcjReporter {
  /** Records a problem at {@code node}: {@code text} is the message without tag and page. */
  void report(ASTNode node, Rule rule, String text);
}
