package dev.ferry.processor.diagnostic;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.Function;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Prints problems through the {@link Messager}, on their element, unless suppressed there. Under
 * the Eclipse compiler, whose Messager cannot place a record's problems and places an annotation
 * value's on the whole annotation, they are recorded at the element's or value's source range
 * instead (see {@link EcjPositions}).
 */
public final class Reporter {
  private final Messager messager;
  private final boolean onEcj;
  /** The strings of a declaration's unresolved annotations (see {@link Suppressions}). */
  private final Function<Element, List<String>> unresolvedStrings;

  public Reporter(Messager messager) {
    this(messager, element -> List.of());
  }

  /**
   * A reporter that also takes an annotation the compiler has not resolved for the suppression it
   * may be, given its strings by {@code unresolvedStrings}.
   */
  public Reporter(Messager messager, Function<Element, List<String>> unresolvedStrings) {
    this.messager = messager;
    this.onEcj = EcjPositions.isEcj(messager);
    this.unresolvedStrings = unresolvedStrings;
  }

  public void report(Problem problem) {
    if (Suppressions.isSuppressed(problem.element(), problem.rule(), unresolvedStrings)) {
      return;
    }
    Element element = problem.element();
    if (onEcj
        && problem.value() != null
        && EcjPositions.recordAtValue(
            element, problem.annotation(), problem.value(), problem.message())) {
      return;
    }
    if (onEcj && EcjPositions.hasNoPosition(element)) {
      if (EcjPositions.recordAtSource(element, problem.annotation(), problem.message())) {
        return;
      }
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
   * Reports that the codec {@code codec} of {@code element} was not written because a class of that
   * name is on the class path already (see {@link CodecMessages#codecClassExists}).
   */
  public void reportCodecOnClassPath(Element element, String codec, Throwable failure) {
    printOn(
        element,
        Rule.INTERNAL.format(
            CodecMessages.codecClassExists(
                element.getSimpleName().toString(), codec, String.valueOf(failure.getMessage()))));
  }

  /**
   * Reports that the codec {@code codec} of {@code element} was not written because a codec Ferry
   * generated in an earlier pass is among the sources (see {@link
   * CodecMessages#generatedSourceCompiledAgain}).
   */
  public void reportGeneratedSourceCompiledAgain(Element element, String codec, Throwable failure) {
    printOn(
        element,
        Rule.INTERNAL.format(
            CodecMessages.generatedSourceCompiledAgain(
                element.getSimpleName().toString(), codec, String.valueOf(failure.getMessage()))));
  }

  /**
   * Reports a failure of the processor itself as one error on the element it was processing, so
   * that no exception reaches the compiler and processing goes on with the next type.
   */
  public void reportInternal(Element element, Throwable failure) {
    if (isCompilersOwnAbort(failure)) {
      return;
    }
    StringWriter trace = new StringWriter();
    failure.printStackTrace(new PrintWriter(trace));
    String type = element.getSimpleName().toString();
    // The Filer refuses a file that is already among the sources or was written before: a class
    // of the user's with a codec's name, or a stale generated codec compiled again as a source
    // (ECJ without -s writes generated sources beside the user's). Not a bug: say what to do.
    String message =
        Rule.INTERNAL.format(
            failure instanceof FilerException
                ? CodecMessages.codecFileExists(type, String.valueOf(failure.getMessage()))
                : Messages.internal(type, trace.toString()));
    printOn(element, message);
  }

  /**
   * Warns on {@code element}, a top-level type of the file {@code file}, that the call-site checks
   * of that file threw {@code failure} and were left off; ECJ's side records the same words (see
   * {@link #callSitesUnchecked}).
   */
  public void reportCallSitesUnchecked(Element element, String file, Throwable failure) {
    if (isCompilersOwnAbort(failure)) {
      return;
    }
    messager.printMessage(Diagnostic.Kind.WARNING, callSitesUnchecked(file, failure), element);
  }

  /**
   * The warning that the call-site checks of {@code file} threw {@code failure}: its class and its
   * first frame, enough to find the bug without a trace that would bury the build's output.
   */
  public static String callSitesUnchecked(String file, Throwable failure) {
    StackTraceElement[] frames = failure.getStackTrace();
    String frame = frames.length == 0 ? "an unknown place" : frames[0].toString();
    return Rule.INTERNAL.format(
        Messages.callSitesUnchecked(file, failure.getClass().getName(), frame));
  }

  /**
   * Whether {@code failure} is ECJ's {@code AbortCompilation}, which ECJ throws out of an element's
   * method once it has recorded an error of its own in the unit: a class file on the class path
   * refers to a class that is not there ("The type lib.Currency cannot be resolved. It is
   * indirectly referenced from required type lib.Money"), found when a processor lists a library
   * class's fields. The compiler's error is the one to fix; Ferry's type is left without a codec.
   */
  public static boolean isCompilersOwnAbort(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getClass().getName().equals("org.eclipse.jdt.internal.compiler.problem.AbortCompilation")) {
        return true;
      }
    }
    return false;
  }

  /** Prints an error of Ferry's own on {@code element}, where ECJ can place it too. */
  private void printOn(Element element, String message) {
    if (onEcj
        && EcjPositions.hasNoPosition(element)
        && EcjPositions.recordAtSource(element, null, message)) {
      return;
    }
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }
}
