package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.diagnostic.TypePrinter;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.lang.model.element.Element;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.lookup.Binding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;

/**
 * The declarations around the node the ECJ walk is visiting, innermost first, and what they decide
 * for the scan, as javac's checker reads them from its tree path ({@code
 * TransferScanner.suppressedHere}): whether a {@code @SuppressWarnings} on one of them silences a
 * rule, and the type whose code a message's names are printed as read in ({@link TypePrinter}).
 *
 * <p>Apart from {@link EcjCallSiteScanner} because ECJ's AST has no parent links: the walk says
 * where each declaration starts and ends ({@link #enter}, {@link #exit}), and this keeps the stack.
 */
final class EcjEnclosingDeclarations {
  private final Factory factory;
  /** The compiler's lookup of elements by name, for the names messages print. */
  private final javax.lang.model.util.Elements elements;
  /** The declarations around the node being visited, innermost first, for suppressions. */
  private final Deque<Binding> enclosing = new ArrayDeque<>();

  EcjEnclosingDeclarations(Factory factory, javax.lang.model.util.Elements elements) {
    this.factory = factory;
    this.elements = elements;
  }

  /** The walk enters {@code binding}'s declaration; true, so that a visit may return it. */
  boolean enter(Binding binding) {
    if (binding != null) {
      enclosing.push(binding);
      readNamesIn();
    }
    return true;
  }

  /** The walk leaves {@code binding}'s declaration (if it entered one). */
  void exit(Binding binding) {
    if (binding != null && !enclosing.isEmpty() && enclosing.peek() == binding) {
      enclosing.pop();
      readNamesIn();
    }
  }

  /** Messages print names as the innermost type being visited reads them ({@link TypePrinter}). */
  private void readNamesIn() {
    for (Binding binding : enclosing) {
      if (binding instanceof TypeBinding type && type.isValidBinding()) {
        TypePrinter.readIn(elements, factory.newElement(type));
        return;
      }
    }
    TypePrinter.readIn(elements, null);
  }

  /**
   * Whether a declaration around the node silences {@code rule}. Each is asked, not only the
   * innermost: ECJ's element for a local variable or a parameter does not lead to its method.
   */
  boolean isSuppressed(Rule rule) {
    for (Binding binding : enclosing) {
      Element element = factory.newElement(binding);
      if (element != null && Suppressions.isSuppressed(element, rule)) {
        return true;
      }
    }
    return false;
  }
}
