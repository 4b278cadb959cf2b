package dev.ferry.processor.rules;

import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.source;

import org.junit.jupiter.api.Test;

/**
 * {@code ferry:local-class} for classes declared inside a method body (local and anonymous).
 *
 * <p>javac does not hand such classes to annotation processors ({@code RoundEnvironment} only
 * covers types reachable from the compilation units' top-level types, not method bodies), so the
 * checker's scan of the attributed trees catches them.
 *
 * <p>Positions follow the declaration rules: an annotated type's error sits on its {@code
 * class}/{@code record} keyword (where javac's Messager puts a type element), a member's on its
 * name.
 */

class LocalClassInMethodTest {

  @Test
  void localRecord_isReported() {
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Service {
              void run() {
                @Transferable
                record Job(long id) {} // ferry:local-class @record
              }
            }
            """));
  }

  @Test
  void localClassWithImportOrCodec_isReportedOnTheAnnotation() {
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import dev.ferry.annotation.TransferableCodec;
            import dev.ferry.annotation.TransferableImport;
            final class Service {
              void run() {
                @TransferableImport(java.awt.Point.class) // ferry:local-class @@TransferableImport
                class Imports {}
                @TransferableCodec // ferry:local-class @@TransferableCodec
                final class IdCodec implements Codec<Thread> {
                  public void write(ByteOutput out, Thread t) {}
                  public Thread read(ByteInput in) { return null; }
                  public long fingerprint() { return 1L; }
                }
              }
            }
            """));
  }

  @Test
  void localClassWithImportOrCodec_twin_staticNestedClassCompilesClean() {
    assertCompilesClean(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            final class Service {
              @TransferableImport(java.awt.Point.class)
              static final class Imports {}
            }
            """));
  }

  /**
   * An inner (non-static) member class is seen by processors, unlike a local one: under javac its
   * @TransferableImport was told '`Imports` is an inner (non-static) class, so its
   * @TransferableImport is never seen', though its codec was generated (ECJ compiled it clean),
   * and its @TransferableCodec got that error beside the codec rule's, which says what is wrong.
   */
  @Test
  void innerClassWithImport_compilesClean() {
    assertCompilesClean(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.TransferableImport;
            final class Service {
              @TransferableImport(java.awt.Point.class)
              final class Imports {}
            }
            """));
  }

  @Test
  void innerCodecClass_isToldOnceByTheCodecRule() {
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import dev.ferry.annotation.TransferableCodec;
            final class Service {
              @TransferableCodec
              public final class IdCodec implements Codec<Thread> { // ferry:transferable-shape @class
                public void write(ByteOutput out, Thread t) {}
                public Thread read(ByteInput in) { return Thread.currentThread(); }
                public long fingerprint() { return 1L; }
              }
            }
            """));
  }

  @Test
  void localClass_isReported() {
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Service {
              static void run() {
                @Transferable
                final class Job { // ferry:local-class @class
                  long id;
                  Job() {}
                }
              }
            }
            """));
  }

  @Test
  void localInheritOnlyRecord_isReported() {
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            final class Service {
              void run() {
                @InheritOnly
                record Ports(int id) {} // ferry:local-class @record
              }
            }
            """));
  }

  @Test
  void typeNestedInAnonymousClass_isReported() {
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Service {
              Object hook =
                  new Object() {
                    @Transferable
                    record Job(long id) {} // ferry:local-class @record
                  };
            }
            """));
  }

  @Test
  void localRecordWithLocalMember_getsOneErrorOnTheType() {
    // Job's member type Step is local too; the type's own error is the one to fix first.
    assertDiagnostics(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Service {
              void run() {
                @Transferable
                record Step(int n) {} // ferry:local-class @record
                @Transferable
                record Job(Step first) {} // ferry:local-class @record
              }
            }
            """));
  }

  @Test
  void localRecord_twin_topLevelCompilesClean() {
    assertCompilesClean(
        source(
            "test.Service",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Service {
              @Transferable
              record Job(long id) {}

              void run() {
                Job job = new Job(1);
              }
            }
            """));
  }
}
