package dev.ferry.processor.rules;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
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
 * <p>Triggered without a test hook: a user class that already has the generated codec's name
 * makes javac's {@code Filer} throw when the codec is written.
 */
class InternalTest {

  @Test
  void filerFailure_isOneErrorOnTheType_namingTheFileInTheWay() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Job(long id) {} // ferry:internal @record
                """),
            source(
                "test.Job_FerryCodec",
                """
                package test;
                final class Job_FerryCodec {}
                """));
    // Not a bug in Ferry: the message says which file is in the way and what to do.
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INTERNAL.tag()
                + " Ferry could not write the codec of `Job`: Attempt to recreate a file for type"
                + " test.Job_FerryCodec. The compiler writes no file for a class that is already"
                + " among this compilation's sources");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: delete or rename that source, build again, and give generated sources a"
                + " directory of their own (-s).");
    assertThat(compilation.errors().get(0).getMessage(java.util.Locale.ROOT))
        .doesNotContain("bug in Ferry");
  }

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
  void filerFailure_abandonsOnlyThatType() {
    // Other's codec is still generated: Use refers to it, and compiles.
    assertDiagnostics(
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Job(long id) {} // ferry:internal @record
                @Transferable
                record Other(long id) {}
                """),
            source(
                "test.Job_FerryCodec",
                """
                package test;
                final class Job_FerryCodec {}
                """),
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
  void filerFailure_twin_noClashCompilesClean() {
    assertCompilesClean(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id) {}
            """),
        source(
            "test.JobCodec",
            """
            package test;
            final class JobCodec {}
            """));
  }

  @Test
  void tag_isTheRulesTag() {
    assertThat(Rule.INTERNAL.tag()).isEqualTo("[ferry:internal]");
  }
}
