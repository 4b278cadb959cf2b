package dev.ferry.processor.rules;

import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;

import dev.ferry.processor.testing.Source;

import org.junit.jupiter.api.Test;

/**
 * {@code @SuppressWarnings("ferry:RULE")} and {@code @SuppressWarnings("ferry")}, on the element
 * or any declaration around it. A suppressed problem still gets no codec: the type compiles, and a
 * transfer of it fails at run time, which is what the user asked for; a type that holds it, not
 * suppressed, is told that it cannot get a codec either.
 */
class SuppressionTest {

  @Test
  void ruleOnComponent_silencesIt() {
    assertCompilesClean(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id, @SuppressWarnings("ferry:not-transferable") Thread worker) {}
            """));
  }

  @Test
  void allOnClassField_silencesIt() {
    assertCompilesClean(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Job {
              long id;
              @SuppressWarnings("ferry")
              Thread worker;
              Job() {}
            }
            """));
  }

  @Test
  void ruleOnType_silencesItsMembers() {
    assertCompilesClean(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            @SuppressWarnings({"unused", "ferry:not-transferable"})
            record Job(Thread worker, List<Object> items) {}
            """));
  }

  @Test
  void allOnType_silencesShapeProblems() {
    assertCompilesClean(
        source(
            "test.Animal",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            @SuppressWarnings("ferry")
            abstract class Animal {}
            """));
  }

  @Test
  void allOnEnclosingType_silencesNestedTypes() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @SuppressWarnings("ferry")
            final class Outer {
              @Transferable
              record Job(Thread worker) {}

              @Transferable
              final class Inner {
                int x;
                Inner() {}
              }
            }
            """));
  }

  @Test
  void ruleOnEnclosingType_silencesNestedTypes() {
    assertCompilesClean(
        source(
            "test.Outer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @SuppressWarnings("ferry:local-class")
            final class Outer {
              @Transferable
              final class Inner {
                int x;
                Inner() {}
              }
            }
            """));
  }

  @Test
  void oneRule_doesNotSilenceAnother() {
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
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            @SuppressWarnings("ferry:not-transferable")
            record Job(
                Thread worker,
                List<Ports> ports) {} // ferry:inherit-only-sent @ports
            """));
  }

  @Test
  void suppressionOnOneMember_doesNotSilenceItsSibling() {
    assertDiagnostics(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(
                @SuppressWarnings("ferry:not-transferable") Thread worker,
                Thread watcher) {} // ferry:not-transferable @watcher
            """));
  }

  @Test
  void otherTool_doesNotSilence() {
    assertDiagnostics(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            @SuppressWarnings({"all", "ferry:local", "ferry-not-transferable"})
            record Job(Thread worker) {} // ferry:not-transferable @worker
            """));
  }

  /** A class with no usable constructor whose error is suppressed: it gets no codec. */
  private static Source suppressedBad() {
    return source(
        "test.Bad",
        """
        package test;
        import dev.ferry.annotation.Transferable;
        @Transferable
        @SuppressWarnings("ferry:transferable-shape")
        final class Bad {
          private int x;
          Bad(int y) { x = y; }
        }
        """);
  }

  @Test
  void suppressedMemberType_holderIsToldItGetsNoCodec() {
    // Bad gets no codec, as asked; Holder, not suppressed, compiled clean without one and failed
    // when sent ("Holder has no codec").
    assertDiagnostics(
        suppressedBad(),
        source(
            "test.Holder",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Holder(int n, List<Bad> bad) {} // ferry:not-transferable @bad
            """));
  }

  @Test
  void suppressedMemberType_holderSuppressedToo_compilesClean() {
    assertCompilesClean(
        suppressedBad(),
        source(
            "test.Holder",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            @SuppressWarnings("ferry:not-transferable")
            record Holder(int n, List<Bad> bad) {}
            """));
  }

  @Test
  void suppressedPermittedSubtype_sealedTypeIsTold() {
    assertDiagnostics(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Circle, Blob {} // ferry:not-transferable @interface
            @Transferable
            record Circle(double r) implements Shape {}
            @Transferable
            record Blob(@SuppressWarnings("ferry") Thread owner) implements Shape {}
            """));
  }

  @Test
  void suppressedImport_holderIsToldItGetsNoCodec() {
    assertDiagnostics(
        source(
            "test.Imports",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            @SuppressWarnings("ferry:transferable-shape")
            @TransferableImport(java.util.Date.class)
            final class Imports {}
            """),
        source(
            "test.Event",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Event(java.util.Date when) {} // ferry:not-transferable @when
            """));
  }
}
