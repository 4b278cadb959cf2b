package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.ferry;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.Source;
import java.io.IOException;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:internal}: a failure of the processor itself becomes one error on the type being
 * processed, never an exception into javac.
 *
 * <p>Triggered without a test hook: the codec an earlier pass generated, compiled again as a
 * source with processing on, makes javac's {@code Filer} throw when the codec is written. (A class
 * of the user's with a codec's name is {@code ferry:transferable-shape}, told before any write.)
 */
class InternalTest {

  private static final String JOB =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      record Job(long id) {}
      """;

  /** The codec of {@link #JOB} as a first pass with {@code -proc:only -s gen} writes it. */
  private static Source generatedInAnEarlierPass() throws IOException {
    Compilation first = ferry().withOptions("-proc:only").compiling(source("test.Job", JOB));
    JavaFileObject codec =
        first.generatedSourceFile("test.Job_FerryCodec").orElseThrow();
    return source("test.Job_FerryCodec", codec.getCharContent(true).toString());
  }

  /**
   * A second pass that compiles the generated sources with the others, processors on, is a build
   * set-up problem, not a bug: it read as a codec of the user's in the way, with the fix "give
   * generated sources a directory of their own (-s)", which that build already did.
   */
  @Test
  void generatedSourceOfAnEarlierPass_compiledAgainWithProcessing_saysToUseProcNone()
      throws IOException {
    Compilation compilation =
        assertDiagnostics(
            source("test.Job", JOB.replace("{}\n", "{} // ferry:internal @record\n")),
            generatedInAnEarlierPass());
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INTERNAL.tag()
                + " Ferry could not write the codec of `Job`: Attempt to recreate a file for type"
                + " test.Job_FerryCodec. `test.Job_FerryCodec` among this compilation's sources is"
                + " the codec Ferry generated for `Job` in an earlier pass");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: compile the generated sources with -proc:none in the second pass, or leave them"
                + " out of it and let the processor generate them again.");
  }

  /** Its twin: the second pass with {@code -proc:none}, as the fix says. */
  @Test
  void generatedSourceOfAnEarlierPass_twin_secondPassWithProcNoneCompilesClean()
      throws IOException {
    ferry()
        .withOptions("-proc:none")
        .expectingClean(source("test.Job", JOB), generatedInAnEarlierPass());
  }

  @Test
  void filerFailure_abandonsOnlyThatType() throws IOException {
    // Other's codec is still generated: Use refers to it, and compiles.
    assertDiagnostics(
        source(
            "test.Job",
            JOB.replace("{}\n", "{} // ferry:internal @record\n")
                + "@Transferable\nrecord Other(long id) {}\n"),
        generatedInAnEarlierPass(),
        source(
            "test.Use",
            """
            package test;
            final class Use {
              Object codec = Other_FerryCodec.INSTANCE;
            }
            """));
  }

  @Test
  void tag_isTheRulesTag() {
    assertThat(Rule.INTERNAL.tag()).isEqualTo("[ferry:internal]");
  }
}
