package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import org.junit.jupiter.api.Test;

/**
 * The rules on Ferry's own pool API ({@code dev.ferry.ProcessPool}, from the runtime jar): the
 * task is a spawn target; task arguments are sent to workers that already run, so a channel
 * among them is {@code inherit-only-sent}, with a fix that names the pool's initializer; the
 * task's result type crosses back; initializer arguments are spawn arguments.
 */
public class ProcessPoolTest {
  /**
   * A task returning an {@code @InheritOnly} type: its result crosses from a worker back to the
   * caller, and it was told "Fix: pass the `Ports` to the workers when they start, through the
   * pool's initializer (`pool.initializer(Main::init, ...)`), instead of as a task argument", the
   * fix of a task's argument, which goes the other way. Shared with EcjCallSitesTest; {@code %s}
   * is the task's result type.
   */
  public static final String INHERIT_ONLY_RESULT =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.InheritOnly;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int id) {}
        @InheritOnly record Ports(Channel<Job> jobs) {}
        static %s open(int id) { return null; }
        static void run(ProcessPool pool) throws Exception {
          pool.submit(Main::open, 1);
          pool.map(Main::open, List.of(1, 2));
        }
      }
      """;

  /** {@link #INHERIT_ONLY_RESULT} returning `Ports`, with its errors marked. */
  public static String inheritOnlyResultMarked() {
    return INHERIT_ONLY_RESULT
        .formatted("Ports")
        .replace("open, 1);", "open, 1); // ferry:inherit-only-sent @Main")
        .replace("List.of(1, 2));", "List.of(1, 2)); // ferry:inherit-only-sent @Main");
  }

  public static final String INHERIT_ONLY_RESULT_FIX =
      "Fix: make the task return plain data instead, such as a @Transferable record of what the"
          + " caller needs: a `Ports` made in a worker holds handles of the worker's process, and"
          + " handles cross only from a parent to its child, at spawn, never back.";

  /**
   * Inputs of a wildcard type with no bound ({@code Iterable<?>}, {@code List<? extends Object>}):
   * the compiler gives {@code A} the capture of the wildcard, and every input crosses whatever
   * its class. Such a capture was left unchecked, as a declared type variable is, and the call
   * compiled clean while {@code List<Object>} was told; its elements are checked as the {@code
   * Object} javac types them as. A {@code Channel<?>} given to a helper whose variable its
   * channel type holds stays legal: nothing but null can be sent through it; so does {@code
   * Codecs.of(type)} for a {@code Class<?> type}, which holds no value (it was told, and broke
   * reflective code such as a Kafka deserializer's set-up). Shared with EcjCallSitesTest.
   */
  public static final String UNBOUNDED_WILDCARD_INPUTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import java.util.List;
      final class Main {
        static String work(Object o) { return String.valueOf(o); }
        static <T> void drain(Channel<T> c) throws Exception { c.send(c.receive()); }
        static <@dev.ferry.annotation.Sent T> void postAll(List<T> values) {}
        static void go(ProcessPool pool, Iterable<?> any, List<? extends Object> some,
            List<? extends Integer> ints, Channel<?> channel, List<Channel<?>> channels,
            Class<?> type) throws Exception {
          pool.map(Main::work, any); // ferry:not-transferable @any
          pool.mapUnordered(Main::work, some); // ferry:not-transferable @some
          postAll(some); // ferry:not-transferable @some
          pool.map(Main::work, ints);
          drain(channel);
          for (Channel<?> each : channels) drain(each);
          dev.ferry.Codecs.of(type); // a type token holds no value: checked when it runs
        }
      }
      """;

  @Test
  void inputsOfAnUnboundedWildcardType_areToldAsObject() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", UNBOUNDED_WILDCARD_INPUTS));
    assertThat(compilation)
        .hadErrorContaining(
            "`any` gives `A` of `map` the type `Object`; a value of `A` is sent to another"
                + " process, and `Object` could hold any type");
  }

  @Test
  void inputsOfAnUnboundedWildcardType_twin_boundedByATransferableTypeCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            UNBOUNDED_WILDCARD_INPUTS
                .replace("Iterable<?> any", "Iterable<? extends String> any")
                .replace("List<? extends Object> some", "List<? extends Long> some")
                .replaceAll(" // ferry:not-transferable @\\w+", "")));
  }

  @Test
  void taskResultOfAnInheritOnlyType_isToldToReturnPlainData() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", inheritOnlyResultMarked()));
    assertThat(compilation).hadErrorContaining(INHERIT_ONLY_RESULT_FIX);
    for (var error : compilation.errors()) {
      assertThat(error.getMessage(null)).doesNotContain("initializer");
    }
  }

  @Test
  void taskResultOfAnInheritOnlyType_twin_plainDataCompilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", INHERIT_ONLY_RESULT.formatted("Job")));
  }

  /**
   * A task's parameter or result, and a spawn target's parameter, of a JDK collection class the
   * reading process rebuilds as another ({@code ConcurrentHashMap}, rebuilt as every {@code Map}
   * is, as a {@code LinkedHashMap}): the worker's or child's call failed with "argument type
   * mismatch", and the caller's {@code get()} with a {@code ClassCastException}, while the program
   * compiled clean. Shared with EcjCallSitesTest; {@code %1$s} is the collection type.
   */
  public static final String REBUILT_COLLECTIONS =
      """
      package test;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      final class Main {
        static %1$s counts(int id) { return null; }
        static int size(%1$s counts) { return 0; }
        static void child(%1$s counts) {}
        static void run(ProcessPool pool, %1$s given) throws Exception {
          %1$s got = pool.submit(Main::counts, 1).get();
          pool.submit(Main::size, given);
          pool.map(Main::counts, List.of(1, 2)).get(0).size();
          Ferry.spawn(Main::child, given);
        }
      }
      """;

  /** {@link #REBUILT_COLLECTIONS} of {@code ConcurrentHashMap}, with its errors marked. */
  public static String rebuiltCollectionsMarked() {
    return rebuiltCollectionsMarked("ConcurrentHashMap<String, Integer>");
  }

  /** {@link #REBUILT_COLLECTIONS} of {@code type}, with its errors marked. */
  public static String rebuiltCollectionsMarked(String type) {
    return REBUILT_COLLECTIONS
        .formatted(type)
        .replace(".get();", ".get(); // ferry:not-transferable @Main::counts")
        .replace("given);\n    pool.map", "given); // ferry:not-transferable @Main::size\n    pool.map")
        .replace(".size();", ".size(); // ferry:not-transferable @Main::counts")
        .replace("child, given);", "child, given); // ferry:not-transferable @Main::child");
  }

  /**
   * The results taken as the interface a worker's result is rebuilt by: a task may return a
   * {@code ConcurrentHashMap} (the worker writes it as a {@code Map}) where the call's result is a
   * {@code Map}. Shared with EcjCallSitesTest.
   */
  public static final String REBUILT_RESULTS_TAKEN_AS_MAPS =
      """
      package test;
      import dev.ferry.ProcessPool;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ConcurrentHashMap;
      final class Main {
        static ConcurrentHashMap<String, Integer> counts(int id) { return null; }
        static int size(Map<String, Integer> counts) { return 0; }
        static void run(ProcessPool pool) throws Exception {
          CompletableFuture<Map<String, Integer>> got = pool.submit(Main::counts, 1);
          List<Map<String, Integer>> all = pool.map(Main::counts, List.of(1, 2));
          pool.submit(Main::size, new ConcurrentHashMap<String, Integer>());
          Map<String, Integer> one = pool.submit(Main::counts, 1).get();
          Object any = (pool.submit(Main::counts, 1)).join();
          Map<String, Integer> later;
          later = pool.submit(Main::counts, 2).getNow(null);
          Map<String, Integer> first = pool.map(Main::counts, List.of(1)).get(0);
          for (Map<String, Integer> each : pool.map(Main::counts, List.of(1, 2))) {}
          Object whole = pool.submit(Main::counts, 1).get();
          CompletableFuture<?> unknown = pool.submit(Main::counts, 1);
          CompletableFuture<? extends Map<String, Integer>> bounded;
          bounded = pool.submit(Main::counts, 2);
          java.util.concurrent.Future raw = pool.submit(Main::counts, 3);
          List<? extends Map<String, Integer>> maps = pool.map(Main::counts, List.of(1, 2));
        }
        static CompletableFuture<? extends Map<String, Integer>> kept(ProcessPool pool) {
          return pool.submit(Main::counts, 4);
        }
        static Map<String, Integer> returned(ProcessPool pool) throws Exception {
          return pool.submit(Main::counts, 3).get();
        }
      }
      """;

  /**
   * Results of a task returning a {@code ConcurrentHashMap}, each taken where the compiler casts
   * it to the class itself or to an interface the class the reader builds is not ({@code var},
   * {@code ConcurrentMap}), or passed on as the class: each failed with a {@code
   * ClassCastException} at run time. The twin of {@link #REBUILT_RESULTS_TAKEN_AS_MAPS}.
   */
  public static final String REBUILT_RESULTS_TAKEN_AS_CLASSES_MARKED =
      """
      package test;
      import dev.ferry.ProcessPool;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ConcurrentMap;
      import java.util.function.Supplier;
      final class Main {
        static ConcurrentHashMap<String, Integer> counts(int id) { return null; }
        static void run(ProcessPool pool) throws Exception {
          var one = pool.submit(Main::counts, 1).get(); // ferry:not-transferable @Main::counts
          ConcurrentMap<String, Integer> two =
              pool.submit(Main::counts, 2).join(); // ferry:not-transferable @Main::counts
          for (var each : pool.map(Main::counts, List.of(1, 2))) {} // ferry:not-transferable @Main::counts
          int size = pool.submit(Main::counts, 3).get().size(); // ferry:not-transferable @Main::counts
          Supplier<Map<String, Integer>> later =
              () -> pool.submit(Main::counts, 4).join(); // ferry:not-transferable @Main::counts
          var future = pool.submit(Main::counts, 5); // ferry:not-transferable @Main::counts
          java.util.concurrent.CompletableFuture<? extends ConcurrentMap<String, Integer>> kept =
              pool.submit(Main::counts, 6); // ferry:not-transferable @Main::counts
        }
      }
      """;

  /**
   * Lambda tasks, run where spawn-target is silenced, returning a {@code ConcurrentHashMap} whose
   * result is taken as the class or another interface: the result check ran for method references
   * only, and {@code get()} failed with a {@code ClassCastException}. Where spawn-target is not
   * silenced the lambda is told once, as a target. Shared with EcjCallSitesTest.
   */
  public static final String LAMBDA_RESULTS_TAKEN_AS_CLASSES_MARKED =
      """
      package test;
      import dev.ferry.ProcessPool;
      import java.util.List;
      import java.util.concurrent.ConcurrentHashMap;
      import java.util.concurrent.ConcurrentMap;
      final class Main {
        static ConcurrentHashMap<String, Integer> counts(int id) { return null; }
        @SuppressWarnings("ferry:spawn-target")
        static void run(ProcessPool pool) throws Exception {
          ConcurrentHashMap<String, Integer> one =
              pool.submit((Integer i) -> counts(i), 1).get(); // ferry:not-transferable @(Integer
          var two = pool.submit((Integer i) -> { return counts(i); }, 2).join(); // ferry:not-transferable @(Integer
          ConcurrentMap<String, Integer> three =
              pool.submit(k -> counts(k), 3).get(); // ferry:not-transferable @k
          for (var each : pool.map(k -> counts(k), List.of(1, 2))) {} // ferry:not-transferable @k
          int size = pool.submit(() -> counts(4)).get().size(); // ferry:not-transferable @()
        }
        static void told(ProcessPool pool) throws Exception {
          pool.submit((Integer i) -> counts(i), 5).get(); // ferry:spawn-target @(Integer
        }
      }
      """;

  /** The twin of {@link #LAMBDA_RESULTS_TAKEN_AS_CLASSES_MARKED}: each result taken as a map. */
  public static final String LAMBDA_RESULTS_TAKEN_AS_MAPS =
      """
      package test;
      import dev.ferry.ProcessPool;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.CompletableFuture;
      import java.util.concurrent.ConcurrentHashMap;
      final class Main {
        static ConcurrentHashMap<String, Integer> counts(int id) { return null; }
        @SuppressWarnings("ferry:spawn-target")
        static void run(ProcessPool pool) throws Exception {
          Map<String, Integer> one = pool.submit((Integer i) -> counts(i), 1).get();
          CompletableFuture<Map<String, Integer>> two = pool.submit((Integer i) -> counts(i), 2);
          for (Map<String, Integer> each : pool.map(i -> counts(i), List.of(1, 2))) {}
          int size = pool.submit((Integer i) -> (Map<String, Integer>) counts(i), 3).get().size();
          Object any = pool.submit(() -> { return counts(4); }).join();
        }
      }
      """;

  @Test
  void lambdaTaskWithSpawnTargetSilenced_collectionClassResultTakenAsTheClass_isTold() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", LAMBDA_RESULTS_TAKEN_AS_CLASSES_MARKED));
    assertThat(compilation)
        .hadErrorContaining(
            "`(Integer i) -> counts(i)` returns the task's result as `ConcurrentHashMap<String,"
                + " Integer>` at this call; a result is rebuilt in this process from the bytes a"
                + " worker wrote");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: take the result as `Map<String, Integer>`, or cast the lambda's result to"
                + " `Map<String, Integer>`.");
  }

  @Test
  void lambdaTaskWithSpawnTargetSilenced_collectionClassResultTakenAsTheInterface_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", LAMBDA_RESULTS_TAKEN_AS_MAPS));
  }

  @Test
  void collectionClassesRebuiltAsAnother_asTaskParametersResultsAndSpawnParameters_areTold() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", rebuiltCollectionsMarked()));
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::size` takes `ConcurrentHashMap<String, Integer>` as its parameter `counts`;"
                + " the process that runs it rebuilds each argument from bytes, and"
                + " `ConcurrentHashMap<String, Integer>` is rebuilt by the reading process as every"
                + " `Map` is, as `LinkedHashMap`, which cannot be cast to `ConcurrentHashMap`: the"
                + " call would fail there. Fix: declare `counts` as `Map<String, Integer>`.");
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::counts` returns the task's result as `ConcurrentHashMap<String, Integer>` at"
                + " this call; a result is rebuilt in this process from the bytes a worker wrote");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: declare `counts` to return `Map<String, Integer>`, or take the result as"
                + " `Map<String, Integer>`.");
  }

  /**
   * {@code Dictionary} is the one JDK supertype of a map class ({@code Hashtable}) that is no
   * {@code Map}: a spawn target that took one compiled clean, and the child failed with "argument
   * type mismatch" on the {@code LinkedHashMap} a {@code Hashtable} is rebuilt as. Found by
   * running generated programs. Its legal twin is the one above: the interface, {@code Map}.
   */
  @Test
  void dictionaryAsTaskParameterResultAndSpawnParameter_isToldAsTheMapItIsRebuiltAs() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Main", rebuiltCollectionsMarked("java.util.Dictionary<String, Integer>")));
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::child` takes `Dictionary<String, Integer>` as its parameter `counts`; the"
                + " process that runs it rebuilds each argument from bytes, and `Dictionary<String,"
                + " Integer>` is rebuilt by the reading process as every `Map` is, as"
                + " `LinkedHashMap`, which cannot be cast to `Dictionary`: the call would fail"
                + " there. Fix: declare `counts` as `Map<String, Integer>`.");
  }

  @Test
  void collectionClassesRebuiltAsAnother_twin_interfacesCompileClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", REBUILT_COLLECTIONS.formatted("Map<String, Integer>")));
  }

  @Test
  void collectionClassesRebuiltAsAnother_twin_classesTheReaderBuildsCompileClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", REBUILT_COLLECTIONS.formatted("java.util.ArrayList<String>")
            .replace("List.of(1, 2)).get(0).size()", "List.of(1, 2)).get(0).isEmpty()")));
  }

  @Test
  void collectionClassResult_takenAsTheClassOrAnotherInterface_isTold() {
    FerryCompiler.assertDiagnostics(source("test.Main", REBUILT_RESULTS_TAKEN_AS_CLASSES_MARKED));
  }

  @Test
  void collectionClassResult_takenAsTheInterface_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", REBUILT_RESULTS_TAKEN_AS_MAPS));
  }

  private static final String PROGRAM_HEAD =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int id) {}
        static int square(int x) { return x * x; }
        static Thread thread(int x) { return null; }
        static int useChannel(Channel<String> channel) { return 0; }
        static Job work(Job job) { return job; }
        static int any(Object value) { return 0; }
        static void init(Channel<String> channel) {}
      """;

  @Test
  void taskArgumentsAndResults_areReported() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static void use(ProcessPool pool, Channel<String> channel,
                          List<Channel<String>> channels) throws Exception {
                        pool.submit(x -> x * x, 3); // ferry:spawn-target @x
                        pool.submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                        pool.map(Main::useChannel, channels); // ferry:inherit-only-sent @channels
                        pool.submit(Main::thread, 3); // ferry:not-transferable @Main
                        pool.submit(() -> Thread.currentThread()); // ferry:spawn-target @()
                        record Local(int id) {}
                        pool.submit(Main::any, new Local(1)); // ferry:local-class @new
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `channel` is sent to another process, and `Channel` in its type"
                + " `Channel<String>` is @InheritOnly");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: pass the `Channel` to the workers when they start, through the pool's"
                + " initializer (`pool.initializer(Main::init, channel)`), instead of as a task"
                + " argument.");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `channels` gives `A` of `map` the type `Channel<String>`; a value of `A` is"
                + " sent to another process");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Main::thread` gives `R` of `submit` the type `Thread`; a value of `R` is sent"
                + " to another process, and `Thread` is a JDK type");
  }

  /**
   * A pool written as a call at the task's submit: the fix names the pool it returns, kept in a
   * variable; it used to repeat the call ({@code `Ferry.pool(2).initializer(Main::init,
   * channel)`}), which makes a second pool whose workers never run the task.
   */
  @Test
  void taskArgumentOfAPoolWrittenAsACall_fixNamesThePoolNotTheCall() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static void use(Channel<String> channel) throws Exception {
                        dev.ferry.Ferry.pool(2).submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: pass the `Channel` to the workers when they start, through the pool's"
                + " initializer (`pool.initializer(Main::init, channel)` on the pool"
                + " `dev.ferry.Ferry.pool(2)` returns, kept in a variable `pool`), instead of as a"
                + " task argument.");
  }

  /**
   * A task argument holding a channel in a value that cannot be a spawn argument either ({@code
   * Map.entry("a", channel)}: an {@code Entry} has no codec) is not offered to the initializer as it
   * is, which would only be refused there; a {@code List} of channels may be.
   */
  @Test
  void taskArgumentHoldingAChannelInAValueNoSpawnTakes_fixLeavesTheValueToTheUser() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static int entry(java.util.Map.Entry<String, Channel<String>> e) { return 0; }
                      static int list(List<Channel<String>> channels) { return 0; }
                      static void use(ProcessPool pool, Channel<String> channel) throws Exception {
                        pool.submit(Main::entry, java.util.Map.entry("a", channel)); // ferry:inherit-only-sent @("a",
                        pool.submit(Main::list, List.of(channel)); // ferry:inherit-only-sent @(channel)
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: pass the `Channel` to the workers when they start, through the pool's"
                + " initializer (`pool.initializer(Main::init, ...)`), instead of as a task"
                + " argument.");
    assertThat(compilation)
        .hadErrorContaining(
            "through the pool's initializer (`pool.initializer(Main::init, List.of(channel))`)");
  }

  /**
   * A constructor reference as a task names what it builds: javac's element for {@code int[]::new}
   * is a method of a class of its own, {@code Array}, which the fix named ("creates a `Array`").
   */
  @Test
  void constructorReferenceTasks_nameWhatTheyBuild() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static void use(ProcessPool pool, List<Integer> sizes) throws Exception {
                        pool.map(int[]::new, sizes); // ferry:spawn-target @int
                        pool.submit(Job::new, 3); // ferry:spawn-target @Job
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.tag()
                + " `int[]::new` is a constructor reference: a child process is a fresh JVM that"
                + " runs a static method it finds by class and name, and a constructor builds an"
                + " object in this process, not code the child runs. Fix: pass a reference to a"
                + " static method that creates an `int[]` in the child.");
    assertThat(compilation)
        .hadErrorContaining("Fix: pass a reference to a static method that creates a `Job` in");
  }

  /**
   * A task in parentheses or cast to its type is the reference, whose result the cast types: each
   * compiled clean under javac (and the cast under ECJ) and failed its {@code get()} with a
   * {@code ClassCastException} ({@code LinkedHashMap} to {@code ConcurrentHashMap}). Shared with
   * EcjCallSitesTest.
   */
  public static final String CAST_TASKS_RESULTS_REBUILT =
      """
      package test;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import java.util.List;
      import java.util.Map;
      import java.util.concurrent.ConcurrentHashMap;
      final class Main {
        static ConcurrentHashMap<String, Integer> counts(Integer id) { return null; }
        static void run(ProcessPool pool) throws Exception {
          ConcurrentHashMap<String, Integer> a = pool.submit((Ferry.Task1<Integer, ConcurrentHashMap<String, Integer>>) Main::counts, 1).get(); // ferry:not-transferable @(Ferry.Task1
          ConcurrentHashMap<String, Integer> b = pool.submit((Main::counts), 1).get(); // ferry:not-transferable @(Main::counts)
          List<ConcurrentHashMap<String, Integer>> c = pool.map(((Main::counts)), List.of(1)); // ferry:not-transferable @((Main::counts))
          Map<String, Integer> d = pool.submit((Ferry.Task1<Integer, Map<String, Integer>>) Main::counts, 1).get();
          List<Map<String, Integer>> e = pool.map((Ferry.Task1<Integer, Map<String, Integer>>) (Main::counts), List.of(1));
        }
      }
      """;

  @Test
  void castOrParenthesizedTask_resultRebuiltAsAnother_isTold() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", CAST_TASKS_RESULTS_REBUILT));
    assertThat(compilation)
        .hadErrorContaining(
            "`(Main::counts)` returns the task's result as `ConcurrentHashMap<String, Integer>` at"
                + " this call; a result is rebuilt in this process from the bytes a worker wrote");
  }

  @Test
  void castOrParenthesizedTask_twin_takenAsTheInterface_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            CAST_TASKS_RESULTS_REBUILT.lines()
                .filter(line -> !line.contains("ferry:"))
                .collect(java.util.stream.Collectors.joining("\n"))));
  }

  /**
   * A collection class the reader rebuilds as itself, inside a task's argument or result type: each
   * nested collection is written by its interface and read back as that interface's class, an
   * {@code ArrayList} or a {@code LinkedHashMap}, which is a {@code HashMap}. Each was refused as a
   * member would be, and ran clean; a {@code Vector}, read back as an {@code ArrayList}, stays told.
   */
  @Test
  void collectionClassReadBackAsItself_insideTaskTypes_isLegal() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.ProcessPool;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            import java.util.Vector;
            final class Main {
              static Map<String, ArrayList<String>> index(Integer id) { return null; }
              static Optional<HashMap<String, Integer>> counts(List<ArrayList<String>> lines) { return null; }
              static List<Vector<String>> rows(Integer id) { return null; }
              static void run(ProcessPool pool) throws Exception {
                Map<String, ArrayList<String>> index = pool.submit(Main::index, 1).get();
                ArrayList<String> names = index.get("k");
                List<Map<String, ArrayList<String>>> all = pool.map(Main::index, List.of(1, 2));
                Optional<HashMap<String, Integer>> counts =
                    pool.submit(Main::counts, List.of(new ArrayList<String>())).get();
                List<Vector<String>> rows = pool.submit(Main::rows, 1).get(); // ferry:not-transferable @Main::rows
              }
            }
            """));
  }

  /**
   * An array's {@code clone} is an instance method of the array, taken from the argument after it,
   * as {@code String::length} is: javac's element for it is a method of its class {@code Array},
   * which made {@code int[]::clone} a "bound method reference" whose receiver "lives in this
   * process". A static method of one's own that clones is the legal twin.
   */
  @Test
  void arrayCloneTask_isAnInstanceMethodOfTheArray() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static void use(ProcessPool pool, List<int[]> arrays) throws Exception {
                        pool.submit(int[]::clone, new int[] {1}); // ferry:spawn-target @int
                        pool.map(int[]::clone, arrays); // ferry:spawn-target @int
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.tag()
                + " `int[]::clone` is a reference to the instance method `clone`, to be called on"
                + " the argument after it, `new int[] {1}`: a child process is a fresh JVM that"
                + " runs a static method it finds by class and name, and it calls no method on an"
                + " object, not even one sent to it. Fix: write a static method of a top-level or"
                + " static nested class of yours that calls `clone` in the child, and pass the"
                + " data it needs from `new int[] {1}` as arguments of this call instead.");
    assertThat(compilation)
        .hadErrorContaining("to be called on each element of the argument after it, `arrays`");
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static int[] copy(int[] array) { return array.clone(); }
                  static void use(ProcessPool pool, List<int[]> arrays) throws Exception {
                    pool.submit(Main::copy, new int[] {1});
                    pool.map(Main::copy, arrays);
                  }
                }
                """));
  }

  /** Generic tasks: one whose result follows its argument, and one whose result is its own. */
  private static final String GENERIC_TASKS =
      """
        static <T> T id(T value) { return value; }
        static <T> List<T> many(T value) { return List.of(value); }
        static <T> Thread spin(T value) { return null; }
      """;

  /**
   * A generic task ({@code <T> T id(T t)}) returns what it is given, so its result type is the
   * argument's: a {@code Thread} argument is one mistake, told on the argument only. A result whose
   * type is the task's own choice is still told beside its argument.
   */
  @Test
  void genericTaskGivenABadArgument_isToldOnceOnTheArgument() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + GENERIC_TASKS
                + """
                  static Thread same(Thread thread) { return thread; }
                  static void use(ProcessPool pool, Thread worker, List<Thread> workers, Object any)
                      throws Exception {
                    pool.submit(Main::id, new Thread()); // ferry:not-transferable @new
                    pool.submit(Main::many, worker); // ferry:not-transferable @worker
                    pool.submit(Main::id, any); // ferry:not-transferable @any
                    pool.map(Main::id, workers); // ferry:not-transferable @workers
                    pool.submit(Main::same, // ferry:not-transferable @Main
                        new Thread()); // ferry:not-transferable @new
                    pool.submit(Main::spin, new Job(1)); // ferry:not-transferable @Main
                    pool.submit(Main::id, new Job(2));
                    pool.submit(Main::many, new Job(3));
                  }
                }
                """));
  }

  /**
   * A generic task given {@code null} (also cast) returns that null: {@code pool.submit(Main::id,
   * null)} used to be told "`Main::id` gives `R` of `submit` the type `Object`", though nothing
   * but the null crosses, and {@code pool.map(Main::id, (Iterable<Thread>) null)}, which maps
   * nothing, "... the type `Thread`". A task whose result is its own choice is still told.
   */
  @Test
  void genericTaskGivenNull_isLegal_aBadResultOfItsOwnIsStillTold() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + GENERIC_TASKS
                + """
                  static void use(ProcessPool pool) throws Exception {
                    pool.submit(Main::id, null);
                    pool.submit(Main::many, (Thread) null);
                    pool.map(Main::id, (Iterable<Thread>) null);
                    pool.submit(Main::spin, null); // ferry:not-transferable @Main
                  }
                }
                """));
  }

  /**
   * What crosses back is what the task returns, whatever type the call's target makes javac infer
   * for {@code R}: {@code CompletableFuture<Object> f = pool.submit(Main::square, 3)} infers {@code
   * Object}, but every result is an {@code Integer}. A task's own bad result is still told.
   */
  @Test
  void resultsReadAsAWiderType_compileClean_aBadResultIsStillTold() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static Integer boxed(Integer x) { return x; }
                  static String name() { return "n"; }
                  static void use(ProcessPool pool, List<Integer> xs, List<Job> jobs)
                      throws Exception {
                    java.util.concurrent.CompletableFuture<Object> f = pool.submit(Main::square, 3);
                    java.util.concurrent.CompletableFuture<? extends Number> g =
                        pool.submit(Main::boxed, 3);
                    java.util.concurrent.CompletableFuture<Object> h = pool.submit(Main::name);
                    List<Object> all = pool.map(Main::boxed, xs);
                    List<Number> numbers = pool.map(Main::boxed, xs);
                    java.util.Iterator<Object> done = pool.mapUnordered(Main::work, jobs);
                    java.util.concurrent.CompletableFuture<Object> t =
                        pool.submit(Main::thread, 3); // ferry:not-transferable @Main
                  }
                }
                """));
  }

  /**
   * A task a conditional or switch expression chooses from several references returns what the
   * chosen method returns: {@code pool.submit(flag ? Main::work : Main::square, 3)} made javac
   * infer {@code R} as {@code Object}, the common supertype of a {@code Job} and an {@code
   * Integer}, and was told "could hold any type", though each result has a codec. Each reference
   * is checked by its own result, and a bad one told where it is written.
   */
  @Test
  void taskChosenAmongReferences_isCheckedByEachResult() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static Job job(int x) { return null; }
                  static void use(ProcessPool pool, boolean flag, int k, List<Integer> xs)
                      throws Exception {
                    pool.submit(flag ? Main::thread : Main::square, 3); // ferry:not-transferable @Main::thread
                    pool.submit(flag ? Main::job : (k > 1 ? Main::thread : Main::square), 3); // ferry:not-transferable @Main::thread
                    pool.map(switch (k) { case 1 -> Main::job; default -> { yield Main::thread; } }, xs); // ferry:not-transferable @Main::thread
                    pool.submit(flag ? Main::square : x -> new Thread(), 3); // ferry:spawn-target @x
                  }
                }
                """));
  }

  @Test
  void taskChosenAmongReferences_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static Job job(int x) { return null; }
                  static String name(int x) { return null; }
                  static <T> T id(T value) { return value; }
                  static void use(ProcessPool pool, boolean flag, int k, List<Integer> xs)
                      throws Exception {
                    pool.submit(flag ? Main::job : Main::square, 3);
                    pool.map(flag ? Main::name : Main::square, xs);
                    pool.submit(switch (k) { case 1 -> Main::job; default -> Main::name; }, 3);
                    pool.submit(flag ? Main::job : (k > 1 ? Main::name : Main::square), 3);
                    pool.submit(flag ? Main::square : Main::<Integer>id, 3);
                  }
                }
                """));
  }

  /**
   * Inputs a conditional or switch expression chooses among lists ({@code pool.map(Main::any, flag ?
   * List.of(job) : List.of("x"))}) made javac infer {@code A} from every list at once, as {@code
   * Object}, and were told "could hold any type", though each list's elements have a codec. Each
   * result is checked by the type it gives {@code A} alone, and a bad one told where it is
   * written, as a conditional of plain values is.
   */
  @Test
  void inputsChosenAmongLists_areCheckedByEachList() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool, boolean flag, int k, Job job, Channel<String> c)
                      throws Exception {
                    pool.map(Main::any, flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @(new
                    pool.map(Main::any, flag ? List.of(job) : List.of(c)); // ferry:inherit-only-sent @(c)
                    pool.mapUnordered(Main::any, switch (k) { case 1 -> List.of(job); default -> List.of(Thread.currentThread()); }); // ferry:not-transferable @(Thread
                    pool.map(Main::any, flag ? List.of(job) : (k > 1 ? List.of("x") : List.of(job, new Thread()))); // ferry:not-transferable @(job,
                  }
                }
                """));
  }

  @Test
  void inputsChosenAmongLists_twin_compileClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool, boolean flag, int k, Job job, List<Job> jobs)
                      throws Exception {
                    pool.map(Main::any, flag ? List.of(job) : List.of("x"));
                    pool.map(Main::any, switch (k) { case 1 -> List.of(job); default -> java.util.Set.of("x", "y"); });
                    pool.map(Main::any, flag ? List.of(job) : (k > 1 ? List.of(3, 4) : List.of()));
                    pool.map(Main::any, flag ? jobs : null);
                    pool.mapUnordered(Main::any, flag ? jobs : List.of(job));
                  }
                }
                """));
  }

  /**
   * A task that returns its argument, given inputs chosen among lists ({@code pool.map(Main::id,
   * flag ? List.of(1) : List.of("x"))} for {@code <T> T id(T t)}), was told "`Main::id` gives `R`
   * of `map` the type `Serializable & Comparable<?> & ...`", the type javac infers from every list
   * at once, though what crosses back is each list's elements, each checked where written. A bad
   * list is told once, on itself.
   */
  @Test
  void identityTaskOverInputsChosenAmongLists_isToldOnTheBadListOnly() {
    FerryCompiler.assertDiagnostics(
        withIdentityTask(
            """
                    pool.map(Main::id, flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @(new
                    pool.mapUnordered(Main::id, switch (k) { case 1 -> List.of(1); default -> List.of(new StringBuilder()); }); // ferry:not-transferable @(new
            """));
  }

  @Test
  void identityTaskOverInputsChosenAmongLists_twin_compileClean() {
    FerryCompiler.assertCompilesClean(
        withIdentityTask(
            """
                    pool.map(Main::id, flag ? List.of(1) : List.of("x"));
                    pool.map(Main::id, flag ? List.of(job) : List.of("x"));
                    pool.mapUnordered(Main::id, switch (k) { case 1 -> List.of(1); default -> java.util.Set.of(2L); });
            """));
  }

  /**
   * A task that builds its result of its argument ({@code <T> Pair<T, T> twin(T t)}), given
   * inputs chosen among lists, was told "`Main::twin` gives `R` of `map` the type
   * `Pair<Serializable & Comparable<?> & ..., ...>`", built of the type javac infers from every
   * list at once, though what crosses back is a {@code Pair} of each list's elements, each checked
   * where written. What is left to check is the type around them, told on the task as it is for
   * each list's elements; a bad list is told once, on itself.
   */
  @Test
  void taskBuildingItsResultOverInputsChosenAmongLists_isToldOnceWhereTheMistakeIs() {
    FerryCompiler.assertDiagnostics(
        withBuildingTasks(
            """
                    pool.map(Main::twin, flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @(new
                    pool.map(Main::list, switch (k) { case 1 -> List.of(1); default -> List.of(new StringBuilder()); }); // ferry:not-transferable @(new
                    pool.map(Main::weak, flag ? List.of(1) : List.of("x")); // ferry:not-transferable @Main::weak
                    pool.map(Main::half, flag ? List.of(1) : (List.of("x"))); // ferry:not-transferable @Main::half
                    pool.map(Main::weak, flag ? List.of(1) : List.of(new Thread())); // ferry:not-transferable @(new
            """));
  }

  @Test
  void taskBuildingItsResultOverInputsChosenAmongLists_twin_compileClean() {
    FerryCompiler.assertCompilesClean(
        withBuildingTasks(
            """
                    pool.map(Main::twin, flag ? List.of(1) : List.of("x"));
                    pool.map(Main::twin, flag ? List.of(job) : k > 0 ? List.of("x") : null);
                    pool.map(Main::list, switch (k) { case 1 -> List.of(1); default -> java.util.Set.of(2L); });
                    pool.map(Main::maybe, flag ? List.of(job) : List.of());
                    pool.mapUnordered(Main::keyed, flag ? List.of(1) : List.of("x"));
                    pool.submit(Main::twin, flag ? new Pair<>(1, "a") : new Pair<>("b", 2));
            """));
  }

  /**
   * A task whose result type the user wrote as its method's type argument ({@code
   * pool.submit(Main::<Number>id, 1)}) was told on the method reference: told on the {@code
   * Number} written, where it is changed. A result refused around it ({@code WeakReference<T>})
   * stays told on the reference.
   */
  @Test
  void taskWithItsResultTypeWritten_isToldOnTheWrittenTypeArgument() {
    FerryCompiler.assertDiagnostics(
        withBuildingTasks(
            """
                    pool.submit(Main::<Number>id, 1); // ferry:not-transferable @Number
                    pool.map(Main::<Number>list, List.of(1, 2)); // ferry:not-transferable @Number
                    pool.submit(Main::<Integer>weak, 1); // ferry:not-transferable @Main::
            """));
  }

  @Test
  void taskWithItsResultTypeWritten_twin_compileClean() {
    FerryCompiler.assertCompilesClean(
        withBuildingTasks(
            """
                    pool.submit(Main::<Integer>id, 1);
                    pool.map(Main::<Job>twin, List.of(job));
            """));
  }

  /**
   * Inputs chosen among a helper's result and a list ({@code flag ? pick(flag, List.of(1),
   * List.of(2)) : List.of("y")} for {@code <T> List<T> pick(boolean f, List<T> a, List<T> b)})
   * were told that {@code pick(...)} gives {@code A} the intersection javac infers from every
   * result at once: the helper's own values are its arguments', {@code Integer}s. Its arguments of
   * different types stay told, as the compiler's common type of them, and a bad one once.
   */
  @Test
  void inputsChosenThroughAHelperHoldingTheirVariable_areCheckedByTheHelpersArguments() {
    FerryCompiler.assertDiagnostics(
        withBuildingTasks(
            """
                    pool.map(Main::twin, flag ? pick(flag, List.of(1), List.of("x")) : List.of("y")); // ferry:not-transferable @(flag
                    pool.map(Main::list, flag ? pick(flag, List.of(new Thread()), List.of(new Thread())) : List.of(job)); // ferry:not-transferable @(flag
            """));
  }

  @Test
  void inputsChosenThroughAHelperHoldingTheirVariable_twin_compileClean() {
    FerryCompiler.assertCompilesClean(
        withBuildingTasks(
            """
                    pool.map(Main::twin, flag ? pick(flag, List.of(1), List.of(2)) : List.of("y"));
                    pool.map(Main::any, switch (k) { case 1 -> pick(flag, List.of(job), List.of(job)); default -> List.of(2L); });
            """));
  }

  /**
   * Inputs chosen among lists into a local ({@code var in = flag ? List.of(1) : List.of("x")}) are
   * judged by the local's type, as any local sent by its name is (an argument whose type is an
   * intersection): only a conditional written at the call shows each list. The message printed the
   * local's element type as a bare `?`, leaving out the intersection it then blamed.
   */
  @Test
  void inputsChosenAmongListsIntoALocal_areToldOnTheLocalWithItsElementType() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            withBuildingTasks(
                """
                        var in = flag ? List.of(1) : List.of("x");
                        pool.map(Main::twin, in); // ferry:not-transferable @in)
                        pool.map(Main::list, in); // ferry:not-transferable @in)
                """));
    assertThat(compilation)
        .hadErrorContaining(INTERSECTION_IN_A_LOCAL);
  }

  /** The message on {@code in}, the same under ECJ (EcjCallSitesTest). */
  public static final String INTERSECTION_IN_A_LOCAL =
      "`in` gives `A` of `map` the type `? extends Serializable & Comparable<?> & Constable &"
          + " ConstantDesc`; a value of `A` is sent to another process, and `Serializable &"
          + " Comparable<?> & Constable & ConstantDesc` in `? extends Serializable &"
          + " Comparable<?> & Constable & ConstantDesc` is the intersection of types that `var`"
          + " inferred for the elements of `in` from lists of different element types, and a"
          + " process that reads the bytes must know which one class to rebuild. Fix: choose among"
          + " the lists where `in` is passed (`flag ? List.of(1) : List.of(\"x\")` written at the"
          + " call is checked list by list), or give them one @Transferable or built-in element"
          + " type, or a sealed @Transferable interface, and declare `in` with that element type in"
          + " place of `var`.";

  @Test
  void inputsChosenAmongListsIntoALocal_twin_oneElementTypeCompilesClean() {
    FerryCompiler.assertCompilesClean(
        withBuildingTasks(
            """
                    var in = flag ? List.of(1) : List.of(2);
                    pool.map(Main::twin, in);
                    pool.map(Main::list, in);
            """));
  }

  /** {@code Main} with tasks building their results of their argument, and {@code calls}. */
  private static Source withBuildingTasks(String calls) {
    return source(
        "test.Main",
        PROGRAM_HEAD
            + """
              @Transferable record Pair<A, B>(A a, B b) {}
              static <T> T id(T t) { return t; }
              static <T> Pair<T, T> twin(T t) { return new Pair<>(t, t); }
              static <T> List<T> list(T t) { return List.of(t); }
              static <T> java.util.Optional<T> maybe(T t) { return java.util.Optional.of(t); }
              static <T> java.util.Map<String, List<? extends T>> keyed(T t) { return null; }
              static <T> java.lang.ref.WeakReference<T> weak(T t) { return null; }
              static <T> Pair<T, Thread> half(T t) { return null; }
              static <T> List<T> pick(boolean f, List<T> a, List<T> b) { return f ? a : b; }
              static void use(ProcessPool pool, boolean flag, int k, Job job) throws Exception {
            """
            + calls
            + """
              }
            }
            """);
  }

  /** {@code Main} with a task {@code <T> T id(T t)} and a method holding {@code calls}. */
  private static Source withIdentityTask(String calls) {
    return source(
        "test.Main",
        PROGRAM_HEAD
            + """
              static <T> T id(T t) { return t; }
              static void use(ProcessPool pool, boolean flag, int k, Job job) throws Exception {
            """
            + calls
            + """
              }
            }
            """);
  }

  /**
   * A null task or a null list of inputs carries no value: {@code pool.submit(null)} and {@code
   * pool.map(Main::square, null)} compiled with "`null` gives `R` of `submit` the type `Object`"
   * (the variable javac infers from a null, checked on it as the argument that carries it), though
   * the rules leave a null target to the API and never report a null value. An argument beside a
   * null task is still checked by its own type.
   */
  @Test
  void nullTaskOrInputs_compileClean_aBadArgumentBesideOneIsStillTold() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool) throws Exception {
                    pool.submit(null, new Thread()); // ferry:not-transferable @new
                  }
                }
                """));
  }

  @Test
  void nullTaskOrInputs_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool, Job job) throws Exception {
                    pool.submit(null);
                    pool.submit((null), job);
                    pool.submit((dev.ferry.Ferry.Task0<Thread>) null);
                    pool.map(null, List.of(job));
                    pool.map(Main::square, null);
                    pool.mapUnordered(null, List.of(job));
                  }
                }
                """));
  }

  /**
   * The initializer the fix names must be one a child can run: inside a local or anonymous class
   * it named that class ({@code Local::init}), which spawn-target refuses; it now names the
   * innermost enclosing class that has a name the call can use ({@code Main::init}), and a static
   * nested class by a name that resolves there.
   */
  @Test
  void taskArgumentInsideALocalClass_initializerFixNamesAClassAChildCanRun() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static void use(ProcessPool pool, Channel<String> channel) {
                        class Local {
                          void go() {
                            pool.submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                          }
                        }
                        Runnable r = new Runnable() {
                          public void run() {
                            pool.submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                          }
                        };
                      }
                      static final class Nested {
                        static void use(ProcessPool pool, Channel<String> channel) {
                          Runnable r = () -> {
                            class Deep {
                              void go() {
                                pool.submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                              }
                            }
                          };
                        }
                      }
                    }
                    """));
    String main = "initializer (`pool.initializer(Main::init, channel)`)";
    String nested = "initializer (`pool.initializer(Nested::init, channel)`)";
    assertThat(
            compilation.errors().stream()
                .map(d -> d.getMessage(null))
                .map(m -> m.contains(main) ? "Main" : m.contains(nested) ? "Nested" : m)
                .toList())
        .containsExactly("Main", "Main", "Nested")
        .inOrder();
  }

  @Test
  void taskArgumentInsideALocalClass_twin_theFixCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool, Channel<String> channel) {
                    class Local {
                      void go() {
                        pool.initializer(Main::init, channel);
                        pool.submit(Main::square, 3);
                      }
                    }
                  }
                  static final class Nested {
                    static void init(Channel<String> channel) {}
                    static void use(ProcessPool pool, Channel<String> channel) {
                      Runnable r = () -> {
                        class Deep {
                          void go() {
                            pool.initializer(Nested::init, channel);
                          }
                        }
                      };
                    }
                  }
                }
                """));
  }

  /**
   * A pool, a child's handle or a task given as a value was told, like a user's class, "annotate
   * `ProcessPool` with @Transferable, or, if it is not yours to change, name it in
   * @TransferableImport or write its codec by hand", and an interface such as {@code Ferry.Task1}
   * "make `Task1` a sealed type": fixes that cannot be made to Ferry's own classes, or that lead
   * (for an import) only to errors on the runtime's private fields (found in the checker probe).
   * Ferry's runtime types are now told as what they are, with the fix a JDK type gets. {@code
   * ChildFailure}, a record of strings, keeps the words that let an import copy it.
   */
  @Test
  void ferrysRuntimeObjectsAsValues_areToldAsRuntimeTypes() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static void use(ProcessPool pool, dev.ferry.Child child) {
                        pool.submit(Main::any, pool); // ferry:not-transferable @pool);
                        pool.submit(Main::any, child); // ferry:not-transferable @child);
                        pool.submit(Main::any, (dev.ferry.Ferry.Task1<Integer, Integer>) Main::square); // ferry:not-transferable @(dev.ferry.Ferry.Task1<Integer,
                        pool.submit(Main::any, child.failure().get()); // ferry:not-transferable @());
                      }
                    }
                    """));
    String runtime =
        "is a type of Ferry's runtime, which works only in the process that made it (a pool, a"
            + " child, a task): it is not a plain value that another process could rebuild from"
            + " bytes. Fix: copy the data you need into a @Transferable type.";
    assertThat(compilation)
        .hadErrorContaining("`pool` is sent to another process, and its type `ProcessPool` " + runtime);
    assertThat(compilation)
        .hadErrorContaining("`child` is sent to another process, and its type `Child` " + runtime);
    assertThat(compilation).hadErrorContaining("`Task1` in its type `Task1<Integer, Integer>` " + runtime);
    assertThat(compilation)
        .hadErrorContaining(
            "its type `ChildFailure` is not @Transferable, so it has no codec, and only values with"
                + " a codec can be copied to another process. Fix: annotate `ChildFailure` with"
                + " @Transferable, or, if it is not yours to change, name it in @TransferableImport");
  }

  @Test
  void ferrysRuntimeObjectsAsValues_twin_theirDataCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool, dev.ferry.Child child) {
                    pool.submit(Main::any, child.pid());
                    pool.submit(Main::any, child.failure().get().message());
                  }
                }
                """));
  }

  /**
   * In a compact source file (Java 25: {@code void main()} with no class around it) the fixes
   * named its class, which no code can name: "through the pool's initializer
   * (`pool.initializer(Compact::init, channel)`)" and, for {@code pool.submit(this::inst, 3)},
   * "make `inst` static and pass `Compact::inst`", neither of which compiles ("cannot find
   * symbol"). Found in the checker probe, under javac 25 and ECJ alike. The initializer's fix now
   * names a static nested class to add, and the bound reference's says to make the method a static
   * method of a top-level or static nested class, as for a local class's.
   */
  @Test
  void taskInACompactSourceFile_fixesNameNoClassTheFileCannotName() {
    assumeTrue(Runtime.version().feature() >= 25, "compact source files need Java 25");
    Compilation compilation =
        FerryCompiler.ferry()
            .withOptions("--release", "25")
            .expectingMarked(
                source(
                    "Compact",
                    """
                    import dev.ferry.Channel;
                    import dev.ferry.ProcessPool;
                    static final class Tasks {
                      static int useChannel(Channel<String> channel) { return 0; }
                    }
                    int inst(int x) { return x; }
                    void main() throws Exception {
                      Channel<String> channel = Channel.create();
                      try (ProcessPool pool = dev.ferry.Ferry.pool(1)) {
                        pool.submit(Tasks::useChannel, channel); // ferry:inherit-only-sent @channel
                        pool.submit(this::inst, 3); // ferry:spawn-target @this
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            "through the pool's initializer (`pool.initializer(Workers::init, channel)`, with"
                + " `init` a static method of a static nested class `Workers` that you add: a"
                + " compact source file's class has no name a reference could use), instead of as"
                + " a task argument.");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: make `inst` a static method of a top-level or static nested class and pass a"
                + " reference to it, handing it the data it needs as arguments of this call.");
  }

  @Test
  void taskInACompactSourceFile_twin_theFixesCompileClean() {
    assumeTrue(Runtime.version().feature() >= 25, "compact source files need Java 25");
    FerryCompiler.ferry()
        .withOptions("--release", "25")
        .expectingClean(
            source(
                "Compact",
                """
                import dev.ferry.Channel;
                import dev.ferry.ProcessPool;
                static final class Tasks {
                  static int useChannel(Channel<String> channel) { return 0; }
                  static int inst(int x) { return x; }
                }
                static final class Workers {
                  static void init(Channel<String> channel) {}
                }
                void main() throws Exception {
                  Channel<String> channel = Channel.create();
                  try (ProcessPool pool = dev.ferry.Ferry.pool(1)) {
                    pool.initializer(Workers::init, channel);
                    pool.submit(Tasks::inst, 3);
                  }
                }
                """));
  }

  @Test
  void taskArgumentsAndResults_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void use(ProcessPool pool, Channel<String> channel, List<Integer> xs,
                      List<Job> jobs) throws Exception {
                    pool.initializer(Main::init, channel);
                    pool.submit(Main::square, 3).join();
                    List<Integer> squares = pool.map(Main::square, xs);
                    List<Job> done = pool.map(Main::work, jobs);
                    pool.mapUnordered(Main::work, jobs);
                    pool.submit(Main::work, new Job(1));
                  }
                }
                """));
  }

  /**
   * A task run for its effect returns {@code Void}, whose only value, null, a pool carries back; a
   * channel carries no null, so {@code Channel<Void>} stays an error, with its reason.
   */
  @Test
  void voidTaskResult_compilesClean_butAChannelOfVoidIsReported() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                PROGRAM_HEAD
                    + """
                      static Void log(Job job) { return null; }
                      static Void tick() { return null; }
                      static void use(ProcessPool pool, List<Job> jobs) throws Exception {
                        Void done = pool.submit(Main::log, new Job(1)).get();
                        List<Void> all = pool.map(Main::log, jobs);
                        pool.submit(Main::tick).join();
                        Channel<Void> signals = Channel.create(); // ferry:not-transferable @Void
                      }
                    }
                    """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Void` is a type argument of `Channel<Void>` whose values are sent to another"
                + " process, and it has no value but null");
  }
  /**
   * A {@code Void} variable holds null, which a spawn or a task carries as the literal {@code
   * null} is carried: passing one as a spawn argument or a task argument is as legal as a task
   * returning {@code Void}. Sent through a marked parameter of an API that takes no spawn target
   * (a channel's), it stays an error: a channel carries no null.
   */
  @Test
  void voidVariableAsSpawnOrTaskArgument_compilesClean_butSentThroughAChannelIsReported() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            PROGRAM_HEAD
                + """
                  static void begin(Void nothing) {}
                  static Void echo(Void nothing) { return nothing; }
                  static void use(ProcessPool pool, Channel<Job> jobs) throws Exception {
                    Void none = null;
                    dev.ferry.Ferry.spawn(Main::begin, none).join();
                    dev.ferry.Ferry.options().spawn(Main::begin, none).join();
                    Void back = pool.submit(Main::echo, none).get();
                    Sink.take(none); // ferry:not-transferable @none
                  }
                }
                final class Sink {
                  static void take(@dev.ferry.annotation.Sent Object value) {}
                }
                """));
  }
}
