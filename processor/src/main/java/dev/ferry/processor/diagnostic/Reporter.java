package dev.ferry.processor.diagnostic;

import java.io.PrintWriter;
import java.io.StringWriter;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints problems through the {@link Messager}, on their element, unless suppressed there. Under
 * the Eclipse compiler a record's problems go to the nearest enclosing type instead (see {@link
 * EcjPositions}).
 */
public final class Reporter {
  private final Messager messager;
  private final boolean onEcj;

  public Reporter(Messager messager) {
    this.messager = messager;
    this.onEcj = EcjPositions.isEcj(messager);
  }

  public void report(Problem problem) {
    if (Suppressions.isSuppressed(problem.element(), problem.rule())) {
      return;
    }
    Element element = problem.element();
    if (onEcj && EcjPositions.hasNoPosition(element)) {
      Element positioned = EcjPositions.nearestPositioned(element);
      if (positioned != null) {
        // The message names the record and member, so it still points at the culprit.
        messager.printMessage(Diagnostic.Kind.ERROR, problem.message(), positioned);
        return;
      }
    }
    if (problem.value() != null) {
      messager.printMessage(
          Diagnostic.Kind.ERROR,
          problem.message(),
          element,
          problem.annotation(),
          problem.value());
    } else if (problem.annotation() != null) {
      messager.printMessage(
          Diagnostic.Kind.ERROR, problem.message(), element, problem.annotation());
    } else {
      messager.printMessage(Diagnostic.Kind.ERROR, problem.message(), element);
    }
  }

  /**
   * Reports a failure of the processor itself as one error on the element it was processing, so
   * that no exception reaches the compiler and processing goes on with the next type.
   */
  public void reportInternal(Element element, Throwable failure) {
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    messager.printMessage(
        Diagnostic.Kind.ERROR,
        Rule.INTERNAL.format(Messages.internal(element.getSimpleName().toString(), trace.toString())),
        element);
  }
}
