package dev.ferry.processor.ecj;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.ecj.EcjCompiler.Problem;
import dev.ferry.processor.ecj.EcjCompiler.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The declaration rules under the Eclipse compiler, which has no javac trees: the checker reports
 * from {@code process()} through the Messager, and each error must carry the file and line that
 * Eclipse puts its marker on.
 */
class EcjTest {
  @TempDir Path dir;

  private static final String PORTS =
      """
      package test;
      import dev.ferry.annotation.InheritOnly;
      @InheritOnly
      final class Ports {
        int id;
        Ports() {}
      }
      """;

  @Test
  void classRules_areReportedWithFileAndLine() {
    String job =
        """
        package test;
        import dev.ferry.annotation.InheritOnly;
        import dev.ferry.annotation.Transferable;
        import java.util.List;
        @Transferable
        final class Job {
          Thread worker;
          List<Ports> ports;
          Job() {}
        }
        @Transferable
        abstract class Animal {}
        @Transferable @InheritOnly
        final class Both {
          int x;
          Both() {}
        }
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Job.java", job, "test/Ports.java", PORTS));

    assertThat(result.succeeded()).isFalse();
    assertErrors(
        result,
        error(Rule.NOT_TRANSFERABLE, "test/Job.java", lineOf(job, "Thread worker;")),
        error(Rule.INHERIT_ONLY_SENT, "test/Job.java", lineOf(job, "List<Ports> ports;")),
        error(Rule.TRANSFERABLE_SHAPE, "test/Job.java", lineOf(job, "abstract class Animal")),
        error(Rule.TRANSFERABLE_SHAPE, "test/Job.java", lineOf(job, "@Transferable @InheritOnly")));
  }

  @Test
  void nestedRecordProblems_areReportedOnTheEnclosingClass() {
    // ECJ gives records, their components and fields no position (see EcjPositions), so the error
    // moves to the enclosing class; its message still names the record and member.
    String outer =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        final class Outer {
          @Transferable
          record Job(long id, Thread worker) {}
        }
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Outer.java", outer));

    assertErrors(
        result, error(Rule.NOT_TRANSFERABLE, "test/Outer.java", lineOf(outer, "final class Outer")));
    assertThat(result.errors().get(0).message()).contains("`Job.worker` is `Thread`");
  }

  @Test
  void topLevelRecordProblems_areStillReportedWithoutPosition() {
    // Nothing in a top-level record has a position under ECJ: the error prints without a file,
    // and the build still fails.
    String job =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        @Transferable
        record Job(long id, Thread worker) {}
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Job.java", job));

    assertThat(result.succeeded()).isFalse();
    assertErrors(result, error(Rule.NOT_TRANSFERABLE, null, 0));
  }

  @Test
  void legalTypes_compileCleanAndGetCodecs() throws Exception {
    String job =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        import java.util.List;
        @Transferable
        public record Job(long id, String url, List<String> tags) {}
        """;
    String team =
        """
        package test;
        import dev.ferry.annotation.InheritOnly;
        import java.util.List;
        @InheritOnly
        final class Team {
          List<Ports> members;
          Job current;
          Team() {}
        }
        """;
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Job.java", job, "test/Ports.java", PORTS, "test/Team.java", team));

    assertWithMessage(result.output()).that(result.problems()).isEmpty();
    assertThat(result.succeeded()).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Job_FerryCodec.class"))).isTrue();
    assertThat(Files.exists(dir.resolve("out/test/Team_FerryCodec.class"))).isTrue();
  }

  /** An expected error: its rule's tag, and where ECJ puts it. */
  private record Expected(String tag, String file, int line) {
    boolean matches(Problem p) {
      return p.message().startsWith(tag)
          && java.util.Objects.equals(p.file(), file)
          && p.line() == line;
    }
  }

  private static Expected error(Rule rule, String file, int line) {
    return new Expected(rule.tag(), file, line);
  }

  private static void assertErrors(Result result, Expected... expected) {
    List<Problem> errors = result.errors();
    assertWithMessage(result.output()).that(errors).hasSize(expected.length);
    for (Expected e : expected) {
      assertWithMessage("%s\n%s", e, result.output())
          .that(errors.stream().anyMatch(e::matches))
          .isTrue();
    }
  }

  /** The 1-based line of {@code text} that contains {@code snippet}. */
  private static int lineOf(String text, String snippet) {
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(snippet)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("not in source: " + snippet);
  }
}
