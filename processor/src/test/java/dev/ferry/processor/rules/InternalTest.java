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
public class InternalTest {

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
            "Fix: leave the generated sources out of this compilation (give them a directory of"
                + " their own with -s) and let the processor generate them again, or compile them"
                + " with -proc:none.");
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

  /** The system property that makes the call-site scan of the file it names throw (a test hook). */
  public static final String FAIL_SCAN_OF = "dev.ferry.processor.test.failCallSiteScanOf";

  /** A file with a codec to generate and a call site to refuse. */
  public static final String MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      public final class Main {
        @Transferable
        record Job(long id) {}
        static void post(Channel<String> replies) throws Exception {
          Channel<Channel<String>> control = Channel.create();
          control.send(replies);
        }
      }
      """;

  /** The words both compilers warn with when the scan of {@code Main.java} throws. */
  public static final String MAIN_UNCHECKED =
      "[ferry:internal] Ferry could not check the call sites in `Main.java`: its checker failed"
          + " there with `java.lang.IllegalStateException` at"
          + " `dev.ferry.processor.checker.ScanFailures.failIfAsked(ScanFailures.java:";

  /**
   * A call-site scan that throws leaves that file unchecked, never the compilation: a
   * {@code [ferry:internal]} warning on the file says so, with the exception and where it was
   * thrown; the file's codecs are generated, and the other files are checked as ever. (It was an
   * error saying "no codec was generated", which was not so.)
   */
  @Test
  void callSiteScanThatThrows_warnsOnItsFile_andCodecsAreStillGenerated() {
    Compilation alone;
    Compilation withOther;
    System.setProperty(FAIL_SCAN_OF, "Main.java");
    try {
      alone = ferry().compiling(source("test.Main", MAIN));
      withOther =
          ferry()
              .compiling(
                  source("test.Main", MAIN),
                  source("test.Other", MAIN.replace("class Main", "class Other")));
    } finally {
      System.clearProperty(FAIL_SCAN_OF);
    }
    assertThat(alone).succeeded();
    assertThat(alone)
        .hadWarningContaining(MAIN_UNCHECKED)
        .inFile(sourceFile(alone, "Main"))
        .onLineContaining("class Main");
    assertThat(alone).hadWarningCount(1);
    assertThat(alone).generatedSourceFile("test.Main_Job_FerryCodec").isNotNull();

    // Other.java is checked as ever: its two inherit-only sends; from Main.java, the warning only.
    assertThat(withOther).hadErrorCount(2);
    withOther.errors()
        .forEach(error -> assertThat(error.getSource().getName()).endsWith("/Other.java"));
    assertThat(withOther).hadWarningContaining(MAIN_UNCHECKED).inFile(sourceFile(withOther, "Main"));
  }

  private static JavaFileObject sourceFile(Compilation compilation, String simpleName) {
    return compilation.sourceFiles().stream()
        .filter(file -> file.getName().endsWith("/" + simpleName + ".java"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void tag_isTheRulesTag() {
    assertThat(Rule.INTERNAL.tag()).isEqualTo("[ferry:internal]");
  }
}
