package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.model.CodecModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;

/**
 * What the analyzer found for one annotated type: its problems, and the model to generate from
 * when there are none.
 *
 * @param unresolved whether some member type did not resolve (an error type): the code is
 *     mid-edit or refers to a type not generated yet, so the analysis is retried in a later round
 *     and, if it never resolves, javac's own error is the one the user sees
 */
public record Analysis(
    TypeElement type, Optional<CodecModel> model, List<Problem> problems, boolean unresolved) {

  public boolean canGenerate() {
    return model.isPresent() && problems.isEmpty() && !unresolved;
  }
}
