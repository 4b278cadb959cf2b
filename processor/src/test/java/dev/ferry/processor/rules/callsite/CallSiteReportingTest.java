package dev.ferry.processor.rules.callsite;

import static dev.ferry.processor.testing.FerryCompiler.source;

import org.junit.jupiter.api.Test;

/**
 * How call-site problems reach the user beside declaration problems, and how {@code
 * @SuppressWarnings} silences them: on the method, a local variable, the class; one rule at a time.
 */
class CallSiteReportingTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  @Test
  void declarationAndCallSiteErrors_reportedTogetherInOneCompilation() {
    // javac stops before attribution when a processor reports an error in process(); the checker
    // reports declarations after attribution instead, so both kinds come out in one build.
    api.assertDiagnostics(
        source(
            "test.Task",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Task(long id, Thread worker) {} // ferry:not-transferable @worker
            """),
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              @Transferable
              record Hello(Ports ports) {} // ferry:inherit-only-sent @ports

              static void start(Chan<Job> jobs, Ports ports) {
                jobs.send(new Job(1));
                Spawner.spawn(() -> {}, ports); // ferry:spawn-target @()
                Chan<Thread> threads = null; // ferry:not-transferable @Thread
              }
            }
            """));
  }

  @Test
  void generatedClass_isNotChecked_itsUnannotatedTwinIs() {
    // Another processor's output (or a file it wrote earlier) is not the user's to fix.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import javax.annotation.processing.Generated;
            import lib.Chan;
            import lib.Spawner;
            @Generated("another.Processor")
            final class Main {
              static void start(Chan raw, Ports ports) {
                raw.send(ports);
                Spawner.spawn(() -> {}, ports);
              }
            }
            final class Written {
              static void start(Chan raw, Ports ports) {
                raw.send(ports); // ferry:inherit-only-sent @ports
                Spawner.spawn(() -> {}, ports); // ferry:spawn-target @()
              }
            }
            """));
  }

  @Test
  void suppressedOnMethod_silencesItsCallSites() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              @SuppressWarnings({"ferry:inherit-only-sent", "ferry:spawn-target"})
              static void start(Chan raw, Ports ports) {
                raw.send(ports);
                Spawner.spawn(() -> {}, ports);
              }
            }
            """));
  }

  @Test
  void suppressedOnLocalVariable_silencesItsInitializerOnly() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void open() {
                @SuppressWarnings("ferry:not-transferable")
                Chan<Thread> quiet = Chan.<Thread>typed();
                @SuppressWarnings("ferry")
                var alsoQuiet = Chan.create();
                Chan<Thread> loud = null; // ferry:not-transferable @Thread
              }
            }
            """));
  }

  @Test
  void suppressedOnClass_silencesEveryMember() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            @SuppressWarnings("ferry")
            final class Main {
              Chan<Thread> threads;

              static void start(Chan raw, Ports ports) {
                raw.send(ports);
                raw.send(new Object());
                Spawner.spawn(() -> {});
              }
            }
            """));
  }

  @Test
  void suppressingOneRule_leavesTheOthers() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              @SuppressWarnings("ferry:not-transferable")
              static void start(Chan raw, Ports ports, Thread worker) {
                raw.send(worker);
                raw.send(ports); // ferry:inherit-only-sent @ports
                Spawner.spawn(
                    () -> {}, // ferry:spawn-target @()
                    worker);
              }
            }
            """));
  }

  @Test
  void otherWarningNames_doNotSuppress() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              @SuppressWarnings({"unchecked", "rawtypes", "all", "ferry:local-class"})
              static void start(Chan raw, Thread worker) {
                raw.send(worker); // ferry:not-transferable @worker
              }
            }
            """));
  }
}
