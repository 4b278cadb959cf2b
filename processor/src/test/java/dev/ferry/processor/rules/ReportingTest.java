package dev.ferry.processor.rules;

import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;

import org.junit.jupiter.api.Test;

/**
 * How declaration problems reach the user, across rules: all of them in one compilation, each on
 * its own element, and none piled onto javac's own errors.
 */
class ReportingTest {

  @Test
  void everyRule_reportedTogetherInOneCompilation() {
    assertDiagnostics(
        source(
            "test.Ports",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            @InheritOnly
            record Ports(int id) {}
            """),
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            final class Outer {
              class Inner {}

              @Transferable
              static final class Job {
                Thread worker; // ferry:not-transferable @worker
                List<Ports> ports; // ferry:inherit-only-sent @ports
                Inner inner; // ferry:local-class @inner
                private int secret; // ferry:transferable-shape @secret
                Job() {}
                void setSecret(int secret) {
                  this.secret = secret;
                }
              }

              @Transferable
              interface Open {} // ferry:transferable-shape @interface
            }
            """));
  }

  @Test
  void unknownMemberType_getsJavacsErrorOnly() {
    assertDiagnostics(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id, Unknown worker) {} // javac @Unknown
            """));
  }

  @Test
  void unknownTypeArgument_getsJavacsErrorOnly() {
    assertDiagnostics(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            @Transferable
            final class Job {
              List<Missing> items; // javac @Missing
              Map<String, Missing> byName; // javac @Missing
              Job() {}
            }
            """));
  }

  @Test
  void unknownMember_silencesTheRestOfItsTypeButNotOtherTypes() {
    // Mid-edit, the type's other problems may be follow-ons of the missing symbol; other types'
    // problems are still reported.
    assertDiagnostics(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(Thread worker, Unknown thing) {} // javac @Unknown
            @Transferable
            record Other(Thread worker) {} // ferry:not-transferable @worker
            """));
  }
}
