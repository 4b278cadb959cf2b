package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @Transferable} type that javac compiles only because the code uses it, from a file it
 * finds on its source path: javac runs no processor over such a file, so the type gets no codec,
 * and the message says why and which file to give javac (not that its build lacked Ferry's
 * processor: this is that build). ECJ processes such files: see {@code EcjCallSitesTest}.
 */
class SourcePathTest {
  private static final String JOB =
      """
      package model;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public record Job(int id) {}
      """;

  private static final Source BATCH =
      source(
          "app.Batch",
          """
          package app;
          import dev.ferry.annotation.Transferable;
          import java.util.List;
          import model.Job;
          @Transferable
          public record Batch(List<Job> jobs) {} // ferry:not-transferable @jobs
          """);

  private static final Source MAIN =
      source(
          "app.Main",
          """
          package app;
          import dev.ferry.Channel;
          import model.Job;
          final class Main {
            static void use(Channel<Job> jobs) throws Exception { // ferry:not-transferable @Job>
              jobs.send(new Job(1)); // ferry:not-transferable @new
            }
          }
          """);

  @TempDir Path sourcePath;

  @Test
  void typeFoundOnTheSourcePath_isToldToBeListedAmongTheSources() throws Exception {
    Path job = Files.createDirectories(sourcePath.resolve("model")).resolve("Job.java");
    Files.writeString(job, JOB);

    Compilation compilation =
        FerryCompiler.ferry()
            .withOptions("-sourcepath", sourcePath.toString())
            .expectingMarked(BATCH, MAIN);

    assertThat(compilation.errors().get(0).getMessage(null))
        .isEqualTo(
            "[ferry:not-transferable] `Batch.jobs` is `List<Job>`, and `Job` is @Transferable, but"
                + " its codec `model.Job_FerryCodec` was never generated: javac read"
                + " `model/Job.java` only because this code uses it, finding it on its source"
                + " path, and runs annotation processors only on the source files it is given,"
                + " while values reach another process only through their codecs. Fix: list"
                + " `model/Job.java` among the source files javac compiles, not only on its source"
                + " path or class path. See docs/rules/not-transferable.md");
  }

  /**
   * Under {@code -implicit:none} javac reads the file from its source path but writes no class for
   * it: the message said javac "compiled" it, which was untrue there. It says "read", true under
   * any {@code -implicit}.
   */
  @Test
  void typeFoundOnTheSourcePath_underImplicitNone_isToldWhatJavacDidWithIt() throws Exception {
    Path job = Files.createDirectories(sourcePath.resolve("model")).resolve("Job.java");
    Files.writeString(job, JOB);

    Compilation compilation =
        FerryCompiler.ferry()
            .withOptions("-sourcepath", sourcePath.toString(), "-implicit:none")
            .expectingMarked(BATCH, MAIN);

    for (var error : compilation.errors()) {
      assertThat(error.getMessage(null))
          .contains(
              "was never generated: javac read `model/Job.java` only because this code uses it,"
                  + " finding it on its source path");
      assertThat(error.getMessage(null)).doesNotContain("compiled `model/Job.java`");
    }
  }

  @Test
  void typeAmongTheSources_compilesClean() {
    FerryCompiler.ferry()
        .expectingClean(
            source("model.Job", JOB),
            source("app.Batch", BATCH.text().replace(" // ferry:not-transferable @jobs", "")),
            source(
                "app.Main",
                MAIN.text().replace(" // ferry:not-transferable @Job>", "")
                    .replace(" // ferry:not-transferable @new", "")));
  }
}
