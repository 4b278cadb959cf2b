package dev.ferry.processor.rules.callsite;

import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.processor.testing.FerryCompiler;

import org.junit.jupiter.api.Test;

/**
 * Programs that use a marked API legally, in the ways real code does, and must compile with no
 * ferry diagnostic at all: the checker's false positives would be found here.
 */
class LegalProgramsTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  @Test
  void genericHelpers_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Relay",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Relay {
              static <T> void relay(Chan<T> channel, T value) {
                channel.send(value);
              }

              static <T extends Job> void relayAll(Chan<? super T> channel, List<T> values) {
                values.forEach(channel::send);
              }

              static <T> Chan<T> open() {
                return Chan.create();
              }

              static void use(Chan<Job> jobs) {
                relay(jobs, new Job(1));
                relayAll(jobs, List.of(new Job(2)));
                Chan<Job> more = open();
              }
            }
            """));
  }

  @Test
  void wildcards_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Wild",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Wild {
              Chan<?> any;
              Chan<? extends Job> jobs;
              Chan<? super Job> sink;
              List<? extends Chan<?>> many;

              void use(Chan<Job> real) {
                any = real;
                jobs = real;
                sink = real;
                sink.send(new Job(1));
                any.send(null);
              }
            }
            """));
  }

  @Test
  void rawTypesUsedLegally_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Raw",
            """
            package test;
            import lib.Chan;
            final class Raw {
              @SuppressWarnings({"rawtypes", "unchecked"})
              static void use(Chan raw, Chan<Job> jobs) {
                Chan alias = jobs;
                raw.send(new Job(1));
                raw.send("text");
                raw.send(42);
                Object back = raw.receive();
              }
            }
            """));
  }

  @Test
  void varargsWithLegalValues_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Many",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            import lib.Spawner;
            final class Many {
              static void child() {}

              static void use(Chan<Job> jobs, Ports ports, Job[] batch) {
                jobs.sendAll(new Job(1), new Job(2), new Job(3));
                jobs.sendAll();
                jobs.sendAll(batch);
                Spawner.spawn(Many::child);
                Spawner.spawn(Many::child, jobs, ports, new Job(4), "name", 7, List.of(1L));
              }
            }
            """));
  }

  @Test
  void nestedGenericCallsAndInference_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Nested",
            """
            package test;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import lib.Chan;
            final class Nested {
              static void use() {
                List<Chan<Job>> channels = List.of(Chan.<Job>create(), Chan.create());
                var typed = List.of(Chan.<Job>typed());
                Map<String, Chan<List<Job>>> byName = Map.of("a", Chan.create());
                Chan<Optional<Job>> maybe = new Chan<>();
                var strings = Chan.<String>create();
                var fromMap = byName.get("a");
                channels.get(0).send(new Job(1));
                strings.send("hello");
              }
            }
            """));
  }

  @Test
  void nullCollectionsAndPrimitives_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Values",
            """
            package test;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.LinkedHashSet;
            import java.util.Map;
            import java.util.Set;
            import java.util.TreeSet;
            import lib.Chan;
            final class Values {
              static void use(
                  Chan<Job> jobs,
                  Chan<List<String>> lists,
                  Chan<Map<String, Long>> maps,
                  Chan<Set<Job>> sets,
                  Chan<Set<String>> names,
                  Chan<Integer> ints,
                  Chan<int[]> arrays) {
                jobs.send(null);
                lists.send(new ArrayList<String>());
                lists.send(List.of("a"));
                maps.send(new HashMap<>());
                sets.send(new LinkedHashSet<>());
                names.send(new TreeSet<>()); // a TreeSet of Jobs would be rebuilt in natural order
                ints.send(3);
                ints.send('c' + 1);
                arrays.send(new int[] {1, 2});
              }
            }
            """));
  }

  @Test
  void recordsWithGenericMembers_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Batch",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            @Transferable
            record Batch(List<Job> jobs, Map<String, List<Long>> index) {}
            """),
        source(
            "test.Use",
            """
            package test;
            import java.util.List;
            import java.util.Map;
            import lib.Chan;
            final class Use {
              static void use(Chan<Batch> batches, Chan<List<Batch>> lists) {
                batches.send(new Batch(List.of(new Job(1)), Map.of()));
                lists.send(List.of());
              }
            }
            """));
  }

  @Test
  void classesExtendingOrImplementingMarkedTypes_compileClean() {
    api.assertCompilesClean(
        source(
            "test.JobSink",
            """
            package test;
            import lib.Chan;
            import lib.Sink;
            final class JobSink implements Sink<Job> {
              private final Chan<Job> out;

              JobSink(Chan<Job> out) {
                this.out = out;
              }

              @Override
              public void accept(Job job) {
                out.send(job);
              }

              static <T> Sink<T> generic(Chan<T> channel) {
                return channel::send;
              }

              static void use(Chan<Job> jobs) {
                Sink<Job> sink = new JobSink(jobs);
                sink.accept(new Job(1));
                Sink<Job> lambda = job -> jobs.send(job);
                Sink<Job> anonymous =
                    new Sink<>() {
                      @Override
                      public void accept(Job job) {}
                    };
              }
            }
            """));
  }

  @Test
  void lambdasToUnmarkedParameters_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Lambdas",
            """
            package test;
            import java.util.List;
            import java.util.concurrent.Executors;
            import lib.Chan;
            import lib.Target;
            final class Lambdas {
              static void use(List<Chan<Job>> channels, Thread worker) throws Exception {
                channels.forEach(c -> c.send(new Job(1)));
                Runnable r = () -> worker.interrupt();
                Target later = () -> {};
                later.run();
                Executors.newSingleThreadExecutor().submit(() -> worker.getName());
                new Thread(() -> {}).start();
              }
            }
            """));
  }

  @Test
  void unresolvedTypeArguments_getJavacsErrorsOnly() {
    // An unresolved type in a signature stops javac before it attributes method bodies.
    api.assertDiagnostics(
        source(
            "test.Broken",
            """
            package test;
            import lib.Chan;
            final class Broken {
              Chan<Missing> field; // javac @Missing
              Chan<Chan<Missing>> nested; // javac @Missing
            }
            """));
  }

  @Test
  void unresolvedSymbolsInBodies_getJavacsErrorsOnly() {
    api.assertDiagnostics(
        source(
            "test.Broken",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Broken {
              static void use(Chan<Job> jobs, Chan raw) {
                jobs.send(Missing.make()); // javac @Missing
                raw.send(new Missing()); // javac @Missing
                var unknown = Chan.<Missing>create(); // javac @Missing
                var list = java.util.List.of(new Missing()); // javac @Missing
                Spawner.spawn(Missing::run); // javac @Missing
                Spawner.spawn(Broken::nothing); // javac @Broken
              }
            }
            """));
  }

  @Test
  void unresolvedSymbolElsewhere_leavesLegalCodeClean() {
    // javac's error in one method; the legal calls around it get nothing from Ferry.
    api.assertDiagnostics(
        source(
            "test.MidEdit",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class MidEdit {
              static void child() {}

              static void typing() {
                Missing m = null; // javac @Missing
              }

              static void use(Chan<Job> jobs, Ports ports) {
                jobs.send(new Job(1));
                Spawner.spawn(MidEdit::child, jobs, ports);
              }
            }
            """));
  }

  /**
   * A unit where javac has reported an error gets no call-site error of Ferry's, even a genuine
   * one: mid-edit, it may be a follow-on, and javac's is the one to fix first. Seen by the
   * erroneous types javac leaves on its trees: an unresolved name or method, a value of the wrong
   * type; and by an instance member named in a static method ("non-static variable raw cannot be
   * referenced from a static context"), which javac resolves all the same.
   */
  @Test
  void javacErrorsBesideIllegalSends_getJavacsErrorsOnly() {
    api.assertDiagnostics(
        source(
            "test.Unresolved",
            """
            package test;
            import lib.Chan;
            final class Unresolved {
              static void send(Chan<Chan<String>> control, Chan<String> replies) {
                control.send(replies);
              }
              static void typing() {
                Missing m = null; // javac @Missing
              }
            }
            """),
        source(
            "test.Mismatch",
            """
            package test;
            import lib.Chan;
            final class Mismatch {
              static void send(Chan raw, Chan<Thread> threads) {
                raw.send(new Thread());
                int count = "three"; // javac @"three"
              }
            }
            """),
        source(
            "test.NoSuchMethod",
            """
            package test;
            import lib.Chan;
            final class NoSuchMethod {
              static void send(Chan raw) {
                raw.send(Thread.currentThread());
                undefined(); // javac @undefined
              }
            }
            """),
        source(
            "test.StaticContext",
            """
            package test;
            import lib.Chan;
            final class StaticContext {
              final Chan raw = null;
              static void send() {
                raw.send(new Thread()); // javac @raw
              }
            }
            """));
  }

  /**
   * A switch whose case label an earlier one dominates ("this case label is dominated by a
   * preceding case label") leaves every type on javac's trees as written, so Ferry's errors
   * appeared beside javac's, where ECJ's stay quiet: a type pattern after a wider one, a constant
   * after a pattern of its (boxed) type, a record pattern after one that matches all it does, in a
   * switch statement or expression. Now the unit gets javac's error only.
   */
  @Test
  void dominatedCaseLabels_getJavacsErrorsOnly() {
    assumeTrue(Runtime.version().feature() >= 21, "switch patterns need Java 21");
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingMarked(
            source("test.Kinds", DOMINATED_CASES.formatted(
                "case CharSequence c -> 1; case String s -> 2; default -> 0; // javac @String",
                "case Integer i -> {} case 1 -> {} // javac @1",
                "case R(var x) -> {} case R(String x) -> {} default -> {} // javac @R(String")));
  }

  /**
   * The twin: a guarded pattern dominates nothing, nor does a narrower one before a wider one, so
   * Ferry's error in the unit is told; and the same switches sending plain data compile clean.
   */
  @Test
  void dominatedCaseLabels_twin_undominatedSwitchesKeepFerrysErrors() {
    assumeTrue(Runtime.version().feature() >= 21, "switch patterns need Java 21");
    String[] cases = {
      "case String s -> 2; case CharSequence c -> 1; default -> 0;",
      "case Integer i when i > 0 -> {} case 1 -> {} default -> {}",
      "case R(String x) -> {} case R(var x) -> {} default -> {}"
    };
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingMarked(
            source("test.Kinds", DOMINATED_CASES.formatted((Object[]) cases)
                .replace("Codecs.encode(t);", "Codecs.encode(t); // ferry:not-transferable @t")));
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingClean(
            source("test.Kinds", DOMINATED_CASES.formatted((Object[]) cases)
                .replace("Codecs.encode(t);", "Codecs.encode(t.getName());")));
  }

  /**
   * A guard that is the constant {@code true} ({@code when true}, {@code when (ON)} for a constant
   * {@code ON}, {@code when !false && 1 == 1}) is no guard to javac: its pattern dominates later
   * labels as an unguarded one would. Ferry took any guard as real and told its error beside
   * javac's "dominated" one.
   */
  @Test
  void dominatedByConstantTrueGuard_getJavacsErrorsOnly() {
    assumeTrue(Runtime.version().feature() >= 21, "switch patterns need Java 21");
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingMarked(
            source("test.Kinds", DOMINATED_CASES.formatted(
                "case CharSequence c when true -> 1; case String s -> 2; default -> 0;"
                    + " // javac @String",
                "case Integer i when (ON) -> {} case 1 -> {} // javac @1",
                "case R(var x) when !false && 1 == 1 -> {} case R(String x) -> {} default -> {}"
                    + " // javac @R(String")));
  }

  /** The twin: a guard that is not constant ({@code when on}, {@code on} not final) is a guard. */
  @Test
  void dominatedByConstantTrueGuard_twin_variableGuardsKeepFerrysErrors() {
    assumeTrue(Runtime.version().feature() >= 21, "switch patterns need Java 21");
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingMarked(
            source("test.Kinds", DOMINATED_CASES.formatted(
                "case CharSequence c when on -> 1; case String s -> 2; default -> 0;",
                "case Integer i when (on) -> {} case 1 -> {} default -> {}",
                "case R(var x) when !on && 1 == 1 -> {} case R(String x) -> {} default -> {}")
                .replace("Codecs.encode(t);", "Codecs.encode(t); // ferry:not-transferable @t")));
  }

  private static final String DOMINATED_CASES =
      """
      package test;
      import dev.ferry.Codecs;
      final class Kinds {
        static final boolean ON = true;
        static boolean on = true;
        record R(Object x) {}
        static void use(Thread t) {
          Codecs.encode(t);
        }
        static int type(Object o) {
          return switch (o) {
            %s
          };
        }
        static void constant(Integer o) {
          switch (o) {
            %s
          }
        }
        static void record(Object o) {
          switch (o) {
            %s
          }
        }
      }
      """;

  /**
   * javac's errors in a class's declaration leave no erroneous type on the tree: an anonymous
   * target whose run() returns int ("cannot implement run() in Target", and "is not abstract and
   * does not override abstract method run()"), one with no run() at all, a method whose return
   * type does not fit the one it overrides, a method marked {@code @Override} that overrides
   * nothing ("method does not override or implement a method from a supertype"). Such a unit got
   * Ferry's spawn-target or not-transferable error beside javac's, where ECJ's says nothing; now it
   * gets javac's errors only.
   */
  @Test
  void javacDeclarationErrorsBesideIllegalTargets_getJavacsErrorsOnly() {
    api.assertDiagnostics(
        source(
            "test.WrongReturn",
            """
            package test;
            import lib.Spawner;
            import lib.Target;
            final class WrongReturn {
              static void start() {
                Spawner.spawn(new Target() { // javac @{
                  public int run() { return 1; } // javac @run
                });
              }
            }
            """),
        source(
            "test.NoRun",
            """
            package test;
            import lib.Spawner;
            import lib.Target;
            final class NoRun {
              static void start() {
                Spawner.spawn(new Target() {}); // javac @{
              }
            }
            """),
        source(
            "test.Override",
            """
            package test;
            import lib.Chan;
            final class Override {
              static class Base { Object value() { return null; } }
              static class Sub extends Base {
                int value() { return 1; } // javac @value
              }
              static void send(Chan raw) {
                raw.send(new Thread());
              }
            }
            """),
        source(
            "test.Overrides",
            """
            package test;
            import lib.Chan;
            final class Overrides {
              @java.lang.Override public String toStrin() { return ""; } // javac @@java.lang.Override
              static void send(Chan raw) {
                raw.send(new Thread());
              }
            }
            """));
  }

  /** The same targets and sends, the declarations fixed: Ferry reports them. */
  @Test
  void javacDeclarationErrorsBesideIllegalTargets_twin_ferryReportsThem() {
    api.assertDiagnostics(
        source(
            "test.WrongReturn",
            """
            package test;
            import lib.Spawner;
            import lib.Target;
            final class WrongReturn {
              static void start() {
                Spawner.spawn(new Target() { // ferry:spawn-target @new
                  public void run() {}
                });
              }
            }
            """),
        source(
            "test.Override",
            """
            package test;
            import lib.Chan;
            final class Override {
              static class Base { Object value() { return null; } }
              static class Sub extends Base {
                String value() { return ""; }
              }
              static void send(Chan raw) {
                raw.send(new Thread()); // ferry:not-transferable @new
              }
            }
            """),
        source(
            "test.Overrides",
            """
            package test;
            import java.util.Iterator;
            import java.util.List;
            import lib.Chan;
            interface Named { @java.lang.Override String toString(); <T> void take(T value); }
            interface Renamed extends Named { @java.lang.Override <U> void take(U value); }
            enum Kind { ONE { @java.lang.Override int n() { return 1; } }; abstract int n(); }
            record Point(int x) { @java.lang.Override public int x() { return x; } }
            final class Overrides implements Comparable<Overrides>, Renamed, Iterable<String> {
              @java.lang.Override public int compareTo(Overrides other) { return 0; }
              @java.lang.Override public <V> void take(V value) {}
              @java.lang.Override public Iterator<String> iterator() { return List.<String>of().iterator(); }
              @java.lang.Override public String toString() { return ""; }
              static Object make() {
                return new Object() { @java.lang.Override public int hashCode() { return 1; } };
              }
              static void send(Chan raw) {
                raw.send(new Thread()); // ferry:not-transferable @new
              }
            }
            """));
  }

  /** The same sends in units javac finds no error in: Ferry reports them. */
  @Test
  void javacErrorsBesideIllegalSends_twin_ferryReportsThem() {
    api.assertDiagnostics(
        source(
            "test.Unresolved",
            """
            package test;
            import lib.Chan;
            final class Unresolved {
              static void send(Chan<Chan<String>> control, Chan<String> replies) { // ferry:inherit-only-sent @Chan<String>
                control.send(replies); // ferry:inherit-only-sent @replies
              }
            }
            """),
        source(
            "test.Mismatch",
            """
            package test;
            import lib.Chan;
            final class Mismatch {
              static void send(Chan raw) {
                raw.send(new Thread()); // ferry:not-transferable @new
                int count = 3;
              }
            }
            """),
        source(
            "test.StaticContext",
            """
            package test;
            import lib.Chan;
            abstract class Outbox {
              final Chan raw = null;
              abstract void put(Object value);
            }
            class StaticContext extends Outbox {
              final Chan own = raw;
              { raw.send("job"); }
              void put(Object value) { Runnable later = () -> raw.send("job"); }
              static Outbox make() {
                return new Outbox() { void put(Object value) { raw.send("job"); } };
              }
              static final class Nested extends StaticContext {
                void send() { raw.send(new Thread()); } // ferry:not-transferable @new
              }
            }
            """));
  }
}
