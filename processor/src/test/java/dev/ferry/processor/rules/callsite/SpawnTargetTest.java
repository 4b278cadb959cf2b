package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;

import dev.ferry.processor.diagnostic.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:spawn-target}: the argument of a {@code @SpawnTarget} parameter must be a reference
 * to a static method of a top-level or static nested class, which a fresh JVM can find by name.
 */
public class SpawnTargetTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  /**
   * Instance methods of classes this code does not compile, as targets: each was told "make
   * `println` static and pass `PrintStream::println`" (`length`, `add` alike), a change to the JDK
   * no one can make. A record's accessor (`Job::id`, implicit, or `Named::name`, written) cannot
   * be made static either, and was told so under ECJ (javac: the written one). Methods of the program's own (`this::own`) keep that fix. Shared with
   * EcjCallSitesTest; {@code %s} is the spawn of the twin, or the four targets.
   */
  public static final String CLASS_FILE_METHOD_TARGETS =
      """
      package test;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import java.util.List;
      final class Main {
        @dev.ferry.annotation.Transferable record Job(long id) {}
        @dev.ferry.annotation.Transferable record Named(String name) {
          public String name() { return name; }
        }
        void own() {}
        static void print(String s) { System.out.println(s); }
        void run(ProcessPool pool, List<String> list, List<Job> jobs, List<Named> names)
            throws Exception {
      %s
        }
      }
      """;

  public static final String CLASS_FILE_METHODS =
      """
          Ferry.spawn(System.out::println, "x"); // ferry:spawn-target @System
          pool.submit(list::add, "y"); // ferry:spawn-target @list
          pool.submit(String::length, "abc"); // ferry:spawn-target @String
          Ferry.spawn(this::own); // ferry:spawn-target @this
          pool.map(Job::id, jobs); // ferry:spawn-target @Job
          pool.map(Named::name, names); // ferry:spawn-target @Named""";

  /** What each of {@link #CLASS_FILE_METHODS} is told, javac and ECJ alike. */
  public static List<String> classFileMethodMessages() {
    return List.of(
        SpawnTargetMessages.boundReferenceTarget("System.out::println", "PrintStream", "println", false),
        SpawnTargetMessages.boundReferenceTarget("list::add", "List", "add", false),
        SpawnTargetMessages.instanceMethodTarget(
            "String::length", "String", "length", "\"abc\"", false, true, false),
        SpawnTargetMessages.boundReferenceTarget("this::own", "Main", "own"),
        SpawnTargetMessages.instanceMethodTarget("Job::id", "Job", "id", "jobs", true, true, false),
        SpawnTargetMessages.instanceMethodTarget("Named::name", "Named", "name", "names", true, true, false));
  }

  @Test
  void instanceMethodOfAClassFile_isToldToCallItFromAStaticMethod() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Main", CLASS_FILE_METHOD_TARGETS.formatted(CLASS_FILE_METHODS)));
    for (String message : classFileMethodMessages()) {
      assertThat(compilation).hadErrorContaining(Rule.SPAWN_TARGET.format(message));
    }
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: write a static method of a top-level or static nested class of yours that calls"
                + " `println` in the child and pass a reference to it");
  }

  @Test
  void instanceMethodOfAClassFile_twin_calledFromAStaticMethodCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            CLASS_FILE_METHOD_TARGETS.formatted("    Ferry.spawn(Main::print, \"x\");")));
  }

  @Test
  void lambda_isReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static void start(int n) {
                    Spawner.spawn(() -> System.out.println(n)); // ferry:spawn-target @()
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(
                SpawnTargetMessages.lambdaTarget("() -> System.out.println(n)")));
    assertThat(compilation).hadErrorContaining(LAMBDA_FIX_WITHOUT_AN_INVENTED_NAME);
    assertThat(compilation.errors().get(0).getMessage(null)).doesNotContain("Worker::run");
  }

  /**
   * A lambda's fix says what to write in words: "such as `Worker::run`" named a class and method
   * the user's code does not have. Shared with EcjCallSitesTest.
   */
  public static final String LAMBDA_FIX_WITHOUT_AN_INVENTED_NAME =
      "move the lambda's body into a static method of a top-level or static nested class, and pass"
          + " a reference to that method: the class's name, `::`, and the method's name.";

  @Test
  void boundConstructorAndUnboundInstanceReferences_areReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  void work() {}
                  static void take(Job job) {}

                  void start(Main other) {
                    Spawner.spawn(this::work); // ferry:spawn-target @this
                    Spawner.spawn(other::work); // ferry:spawn-target @other
                    Spawner.spawn(Main::new); // ferry:spawn-target @Main
                    Spawner.spawn1(Job::toString, new Job(1)); // ferry:spawn-target @Job
                  }
                }
                """));
    assertThat(compilation).hadErrorContaining("`this::work` is a bound method reference");
    // The same words fit a spawn's arguments and a pool task's (a worker is not spawned with them).
    assertThat(compilation)
        .hadErrorContaining("pass `Main::work`, handing it the data it needs as arguments of this call");
    assertThat(compilation).hadErrorContaining("`Main::new` is a constructor reference");
    assertThat(compilation)
        .hadErrorContaining("`Job::toString` is a reference to the instance method `toString`");
  }

  /**
   * A bound reference's fix names the reference to pass as code that compiles at the call: {@code
   * e::abs} for an {@code E} nested in {@code Tasks}, called from another class, said "pass
   * `E::abs`", which does not resolve there; it says {@code Tasks.E::abs}, and {@code E::abs} only
   * where {@code E} is found by its simple name (in {@code Tasks}, in a subclass that inherits it,
   * under {@code import test.Tasks.E}). A local or anonymous class has no such name: "pass `::run`"
   * for an anonymous one; its fix says to move the method instead.
   */
  @Test
  void boundReferenceToAMethodOfANestedClass_fixNamesAReferenceThatCompilesAtTheCall() {
    Source main =
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void start(Tasks.E task) {
                Spawner.spawn(task::abs); // ferry:spawn-target @task
                var anonymous = new Object() { void run() {} };
                Spawner.spawn(anonymous::run); // ferry:spawn-target @anonymous
              }
            }
            """);
    Source tasks =
        source(
            "test.Tasks",
            """
            package test;
            import lib.Spawner;
            public class Tasks {
              public static final class E {
                public void abs() {}
              }
              static void start(E task) {
                Spawner.spawn(task::abs); // ferry:spawn-target @task
              }
            }
            """);
    Source sub =
        source(
            "test.Sub",
            """
            package test;
            import lib.Spawner;
            final class Sub extends Tasks {
              static void begin(E task) {
                Spawner.spawn(task::abs); // ferry:spawn-target @task
              }
            }
            """);
    Source imported =
        source(
            "test.Imported",
            """
            package test;
            import lib.Spawner;
            import test.Tasks.E;
            final class Imported {
              static void start(E task) {
                Spawner.spawn(task::abs); // ferry:spawn-target @task
              }
            }
            """);
    Compilation compilation = api.assertDiagnostics(main, tasks, sub, imported);
    String fix = "make `abs` static and pass `%s::abs`, handing it";
    assertThat(compilation).hadErrorContaining(String.format(fix, "Tasks.E")).inFile(main.file());
    assertThat(compilation).hadErrorContaining(String.format(fix, "E")).inFile(tasks.file());
    assertThat(compilation).hadErrorContaining(String.format(fix, "E")).inFile(sub.file());
    assertThat(compilation).hadErrorContaining(String.format(fix, "E")).inFile(imported.file());
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.boundReferenceTarget("anonymous::run", null, "run")));
    assertThat(compilation)
        .hadErrorContaining(
            "make `run` a static method of a top-level or static nested class and pass a reference"
                + " to it");
  }

  /** The twin: the fix done as it says, {@code Tasks.E::abs} with {@code abs} static, compiles. */
  @Test
  void boundReferenceToAMethodOfANestedClass_twin_theSuggestedReferenceCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void start() {
                Spawner.spawn(Tasks.E::abs);
              }
            }
            """),
        source(
            "test.Tasks",
            """
            package test;
            public final class Tasks {
              public static final class E {
                public static void abs() {}
              }
            }
            """));
  }

  @Test
  void methodOfLocalClass_isReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static void start() {
                    class Local {
                      static void run() {}
                    }
                    Spawner.spawn(Local::run); // ferry:spawn-target @Local
                  }
                }
                """));
    assertThat(compilation).hadErrorContaining("`Local::run` is a method of a local class");
  }

  /**
   * A method of a class nested in a local class was told "`Loc.Nested::run` is a method of nested
   * in a local class (`Nested`)"; and an instance method of a local class given with the object to
   * call it on was told to "make `run` static", which leaves a static method of a local class, the
   * next spawn-target error (found in the checker probe). The first now reads "a method of a class
   * nested in a local class"; the second says to make it a static method of a top-level or static
   * nested class.
   */
  @Test
  void methodsOfClassesInALocalClass_fixesLeadToANamedClass() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static void start() {
                    class Local {
                      record Nested() {
                        static void run() {}
                      }
                      void work() {}
                    }
                    Spawner.spawn(Local.Nested::run); // ferry:spawn-target @Local
                    Spawner.spawn1(Local::work, new Local()); // ferry:spawn-target @Local
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(
                SpawnTargetMessages.unnameableTarget(
                    "Local.Nested::run", "a class nested in a local class", "Nested")));
    assertThat(compilation)
        .hadErrorContaining(
            "`Local.Nested::run` is a method of a class nested in a local class (`Nested`)");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: make `work` a static method of a top-level or static nested class, and pass the"
                + " data it needs from `new Local()` as arguments of this call instead.");
  }

  @Test
  void methodsOfClassesInALocalClass_twin_theFixesCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static final class Nested {
                static void run() {}
                static void work(int data) {}
              }
              static void start() {
                Spawner.spawn(Nested::run);
                Spawner.spawn1(Nested::work, 3);
              }
            }
            """));
  }

  /**
   * The twin: a static method of an inner (non-static) class needs no instance of it, and a child
   * finds it by its class's name, {@code test.Main$Inner}, as it finds any other.
   */
  @Test
  void staticMethodOfInnerClass_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              final class Inner {
                static void run() {}
                final class Deeper {
                  static void run() {}
                }
              }

              static void start() {
                Spawner.spawn(Inner::run);
                Spawner.spawn(Main.Inner.Deeper::run);
              }
            }
            """));
  }

  @Test
  void variable_isReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.function.Consumer;
                import lib.Spawner;
                import lib.Target;
                final class Main {
                  static final Target TARGET = Main::child;
                  static void child() {}

                  static void start(Target given) {
                    Target local = Main::child;
                    Spawner.spawn(local); // ferry:spawn-target @local
                    Spawner.spawn(TARGET); // ferry:spawn-target @TARGET
                    Spawner.spawn(given); // ferry:spawn-target @given
                    Spawner.spawn(pick()); // ferry:spawn-target @()
                    Consumer<Target> each = t -> Spawner.spawn(t); // ferry:spawn-target @t)
                  }
                  static Target pick() { return Main::child; }
                }
                """));
    // A launcher wrapper's own parameter is told how to forward it; other variables are not.
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.parameterTarget("given", "given", "start")));
    assertThat(compilation)
        .hadErrorContaining(Rule.SPAWN_TARGET.format(SpawnTargetMessages.variableTarget("local")));
    assertThat(compilation)
        .hadErrorContaining(Rule.SPAWN_TARGET.format(SpawnTargetMessages.variableTarget("t")));
  }

  /**
   * A parameter marked {@code @SpawnTarget} whose type no method reference can be ({@code String},
   * {@code int}, a type variable bounded by a class) was not told where it is written, and each
   * call was told to "pass a reference to a static method", which cannot compile there. Now it is
   * told once, on the parameter's type, and its calls not again. Shared with EcjCallSitesTest.
   */
  public static final String TARGET_MARKERS_ON_TYPES =
      """
      package test;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.SpawnTarget;
      final class Main {
        static void named(@SpawnTarget String name) {}
        static void counted(@SpawnTarget int count) {}
        static <N extends Number> void numbered(
            @SpawnTarget
            N number) {}
        static void any(@SpawnTarget Object target) {}
        static void all(@SpawnTarget Ferry.Target0... targets) {}
        static <T extends Ferry.Target0> void typed(@SpawnTarget T target) {}
        static void serial(@SpawnTarget java.io.Serializable target) {}
        static void run() {}
        static void use() {
          named("x");
          counted(3);
          numbered(4);
          any((Ferry.Target0) Main::run);
          all(Main::run, Main::run);
          typed((Ferry.Target0) Main::run);
          serial((Ferry.Target0) Main::run);
        }
      }
      """;

  /** {@link #TARGET_MARKERS_ON_TYPES} with its errors marked. */
  public static String targetMarkersOnTypesMarked() {
    return TARGET_MARKERS_ON_TYPES
        .replace("String name) {}", "String name) {} // ferry:spawn-target @String")
        .replace("int count) {}", "int count) {} // ferry:spawn-target @int")
        .replace("N number) {}", "N number) {} // ferry:spawn-target @N");
  }

  @Test
  void targetMarkerOnATypeNoReferenceCanBe_isToldAtTheParameterNotAtItsCalls() {
    Compilation compilation =
        FerryCompiler.ferry().expectingMarked(source("test.Main", targetMarkersOnTypesMarked()));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.targetMarkerOnType("name", "String")));
  }

  /**
   * The twin: types a reference can be (Object, an interface, a type variable bounded by one,
   * varargs of targets) are not told, nor are their calls with references.
   */
  @Test
  void targetMarkerOnATypeNoReferenceCanBe_twin_typesThatCanHoldOneCompileClean() {
    FerryCompiler.ferry()
        .expectingClean(
            source(
                "test.Main",
                TARGET_MARKERS_ON_TYPES
                    .replace("static void named(@SpawnTarget String name) {}", "")
                    .replace("static void counted(@SpawnTarget int count) {}", "")
                    .replace("named(\"x\");", "")
                    .replace("counted(3);", "")
                    .replace("@SpawnTarget\n", "\n")));
  }

  /**
   * An interface with more than one abstract method ({@code List<String>}, {@code Map}, a type
   * variable bounded by one) can hold no method reference either, not even through a cast, whose
   * intersection keeps every abstract method; such a marker was taken as fine, and its calls told
   * "pass a reference to a static method", which cannot compile there. Shared with
   * EcjCallSitesTest, whose markers name where ECJ's underline begins.
   */
  public static final String TARGET_MARKERS_ON_INTERFACES =
      """
      package test;
      import dev.ferry.annotation.SpawnTarget;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      final class Main {
        static void listed(@SpawnTarget List<String> names) {} // ferry:spawn-target @LIST
        static void mapped(@SpawnTarget Map<String, Integer> counts) {} // ferry:spawn-target @MAP
        static <L extends List<String>> void typed(
            @SpawnTarget
            L list) {} // ferry:spawn-target @L
        static void use() {
          listed(List.of("x"));
          mapped(Map.of());
          typed(new ArrayList<String>());
        }
      }
      """;

  @Test
  void targetMarkerOnAnInterfaceOfSeveralMethods_isToldAtTheParameterNotAtItsCalls() {
    Compilation compilation =
        FerryCompiler.ferry()
            .expectingMarked(
                source(
                    "test.Main",
                    TARGET_MARKERS_ON_INTERFACES.replace("@LIST", "@<String>")
                        .replace("@MAP", "@<String,")));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.targetMarkerOnType("names", "List<String>")));
  }

  /**
   * The twin: interfaces that are functional, or become so once a default method implements all
   * but one of their abstract methods or an abstract method is {@code Object}'s, hold references.
   */
  public static final String TARGET_MARKERS_ON_FUNCTIONAL_INTERFACES =
      """
      package test;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.SpawnTarget;
      import java.util.Comparator;
      import java.util.Iterator;
      import java.util.function.Supplier;
      interface Once extends Ferry.Target0 { default void twice() throws Exception { run(); run(); } }
      interface Narrow extends Supplier<String>, Runnable { default void run() {} }
      interface Redeclared extends Comparator<String> { boolean equals(Object other); }
      final class Main {
        static void supplied(@SpawnTarget Supplier<String> s) {}
        static void compared(@SpawnTarget Comparator<String> c) {}
        static void iterated(@SpawnTarget Iterable<String> i) {}
        static void once(@SpawnTarget Once o) {}
        static void narrow(@SpawnTarget Narrow n) {}
        static void redeclared(@SpawnTarget Redeclared r) {}
        static String name() { return ""; }
        static int cmp(String a, String b) { return 0; }
        static Iterator<String> iter() { return null; }
        static void run() {}
        static void use() {
          supplied(Main::name);
          compared(Main::cmp);
          iterated(Main::iter);
          once(Main::run);
          narrow(Main::name);
          redeclared(Main::cmp);
        }
      }
      """;

  @Test
  void targetMarkerOnAnInterfaceOfSeveralMethods_twin_functionalInterfacesCompileClean() {
    FerryCompiler.ferry()
        .expectingClean(source("test.Main", TARGET_MARKERS_ON_FUNCTIONAL_INTERFACES));
  }

  /**
   * Such a marker in a class that names nothing else of Ferry's, on a method nobody calls, was not
   * told under javac (ECJ told it): javac's checker skips a compilation unit that cannot reach
   * Ferry, and a {@code @SpawnTarget} no reference can be, which checks no call, did not make its
   * class count as reaching it. Now it does, and the marker is told where it is written.
   */
  @Test
  void targetMarkerOnATypeNoReferenceCanBe_isToldInAClassThatUsesNothingElseOfFerrys() {
    FerryCompiler.ferry()
        .expectingMarked(
            source(
                "test.Names",
                """
                package test;
                import dev.ferry.annotation.SpawnTarget;
                final class Names {
                  static void named(@SpawnTarget String name) {} // ferry:spawn-target @String
                }
                """));
  }

  @Test
  void targetMarkerOnATypeNoReferenceCanBe_twin_aTypeThatCanHoldOneIsNotTold() {
    FerryCompiler.ferry()
        .expectingClean(
            source(
                "test.Names",
                """
                package test;
                import dev.ferry.annotation.SpawnTarget;
                final class Names {
                  static void named(@SpawnTarget Runnable name) {}
                }
                """));
  }

  /**
   * A marker on a lambda's own parameter, {@code (@SpawnTarget Target0 target) -> spawn(target)} or
   * {@code (@Sent Object value) -> encode(value)}, moves no check to the calls, which call the
   * interface's method; the refusal said only "a variable" or "declare a @Transferable type", so
   * the marker looked ignored by mistake. Now the fix says it counts only on the interface's
   * method. Shared with EcjCallSitesTest; {@code %s} is the interface each lambda implements.
   */
  public static final String LAMBDA_OWN_MARKERS =
      """
      package test;
      import dev.ferry.Codecs;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.SpawnTarget;
      final class Main {
        interface Post { void post(Object value); }
        interface Launch { void launch(Ferry.Target0 target); }
        interface MarkedPost { void post(@Sent Object value); }
        interface MarkedLaunch { void launch(@SpawnTarget Ferry.Target0 target); }
        static void use() {
          %sPost post = (@Sent Object value) ->
              Codecs.encode(value);
          %sLaunch launch = (@SpawnTarget Ferry.Target0 target) ->
              Ferry.spawn(target);
        }
      }
      """;

  /** {@link #LAMBDA_OWN_MARKERS} for interfaces whose methods carry no marker, errors marked. */
  public static String lambdaOwnMarkersMarked() {
    return LAMBDA_OWN_MARKERS.formatted("", "")
        .replace("encode(value);", "encode(value); // ferry:not-transferable @value")
        .replace("spawn(target);", "spawn(target); // ferry:spawn-target @target");
  }

  @Test
  void lambdaParameterMarkedItself_isToldTheMarkerCountsOnlyOnTheInterfacesMethod() {
    Compilation compilation =
        FerryCompiler.ferry().expectingMarked(source("test.Main", lambdaOwnMarkersMarked()));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: " + SpawnTargetMessages.lambdaMarkedParameterFix("value", "Sent", "declare a @Transferable"));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.lambdaParameterTarget("target", "target")));
  }

  /** The twin: the interfaces' methods carry the markers, so the lambdas forward them. */
  @Test
  void lambdaParameterMarkedItself_twin_interfaceMethodsMarkedCompileClean() {
    FerryCompiler.ferry()
        .expectingClean(source("test.Main", LAMBDA_OWN_MARKERS.formatted("Marked", "Marked")));
  }

  @Test
  void staticMethods_twin_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.SpawnTarget;
            import lib.Spawner;
            import lib.Target;
            final class Main {
              static final class Workers {
                static void run() {}
              }

              private static void secret() {}
              static void child() {}
              static void withJob(Job job) {}

              static void forward(@SpawnTarget Target target) {
                Spawner.spawn(target); // checked where forward is called
              }

              static void start(Job job, Ports ports) {
                Spawner.spawn(Main::child);
                Spawner.spawn(Workers::run);
                Spawner.spawn(Main::secret);
                Spawner.spawn(test.Main::child, ports);
                Spawner.spawn(null);
                Spawner.spawn1(Main::withJob, job);
                forward(Main::child);
              }
            }
            """));
  }

  @Test
  void forwardedParameter_isCheckedAtItsOwnCallSites() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.SpawnTarget;
            import lib.Spawner;
            import lib.Target;
            final class Main {
              static void forward(@SpawnTarget Target target) {
                Spawner.spawn(target);
              }

              static void start() {
                forward(() -> {}); // ferry:spawn-target @()
              }
            }
            """));
  }

  @Test
  void conditionalOrSwitchOfTargets_isCheckedByItsResults() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void fast() {}
              static void slow() {}
              void bound() {}

              static void start(boolean quick, int mode, Main main) {
                Spawner.spawn(quick ? Main::fast : Main::slow);
                Spawner.spawn(switch (mode) { case 0 -> Main::fast; default -> { yield Main::slow; } });
                Spawner.spawn(quick ? null : (Main::slow));
                Spawner.spawn(quick ? Main::fast : () -> {}); // ferry:spawn-target @()
                Spawner.spawn(switch (mode) { case 0 -> main::bound; default -> Main::slow; }); // ferry:spawn-target @main::bound
              }
            }
            """));
  }

  @Test
  void overrideForwardingItsInheritedTarget_compilesClean_callsThroughItAreChecked() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.SpawnTarget;
            import lib.Spawner;
            import lib.Target;
            class Launcher {
              void launch(@SpawnTarget Target target) {
                Spawner.spawn(target);
              }
            }
            final class LoggingLauncher extends Launcher {
              @Override
              void launch(Target target) {
                Spawner.spawn(target);
              }

              void other(Target target) {
                Spawner.spawn(target); // ferry:spawn-target @target
              }

              static void run() {}

              static void start(LoggingLauncher launcher) {
                launcher.launch(LoggingLauncher::run);
                launcher.launch(() -> {}); // ferry:spawn-target @()
              }
            }
            """));
  }

  @Test
  void badTargetAndBadArgument_getOneErrorEach() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void start(Thread worker) {
                Spawner.spawn(
                    () -> {}, // ferry:spawn-target @()
                    worker); // ferry:not-transferable @worker
              }
            }
            """));
  }

  @Test
  void parenthesizedAndCastStaticReferences_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            import lib.Target;
            import lib.Target1;
            final class Main {
              static void child() {}
              static void take(Job job) {}

              static void start() {
                Spawner.spawn((Main::child));
                Spawner.spawn((Target) Main::child);
                Spawner.spawn(((Target) (Main::child)));
                Spawner.spawn1((Target1<Job>) Main::take, new Job(1));
              }
            }
            """));
  }

  @Test
  void parenthesizedLambda_isStillReported() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            import lib.Target;
            final class Main {
              static void start() {
                Spawner.spawn((Target) () -> {}); // ferry:spawn-target @(Target)
              }
            }
            """));
  }

  @Test
  void unboundInstanceReference_fixDoesNotSuggestTheRejectedExpression() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  @dev.ferry.annotation.Transferable
                  record Task(int id) {
                    void run() {}
                  }
                  static void start() {
                    Spawner.spawn1(Task::run, new Task(1)); // ferry:spawn-target @Task
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.SPAWN_TARGET.format(
                SpawnTargetMessages.instanceMethodTarget("Task::run", "Task", "run", "new Task(1)", false)));
    assertThat(compilation)
        .hadErrorContaining(
            "`Task::run` is a reference to the instance method `run`, to be called on the argument"
                + " after it, `new Task(1)`: a child process is a fresh JVM that runs a static"
                + " method it finds by class and name, and it calls no method on an object, not"
                + " even one sent to it. Fix: make `run` static, and pass the data it needs from"
                + " `new Task(1)` as arguments of this call instead.");
  }

  /**
   * An instance method reference as a pool task or spawn target takes the object to call it on as
   * the argument after it: {@code pool.submit(Main::inst, this, 3)} was told twice, spawn-target
   * on the reference ("the child has no `Main` object to call it on", though one is passed) and
   * not-transferable on {@code this}, a follow-on the fix (make {@code inst} static) removes. It
   * is one error, on the reference, naming the argument; for {@code pool.map(Main::noArgs, mains)}
   * the inputs it would be called on ("gives `A` of `map` the type `Main`" was the follow-on).
   */
  @Test
  void instanceMethodTaskWithItsReceiverPassed_isOneErrorNamingTheReceiver() {
    Compilation compilation =
        dev.ferry.processor.testing.FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.Ferry;
                import dev.ferry.ProcessPool;
                final class Main {
                  int inst(int n) { return n; }
                  int noArgs() { return 0; }
                  void run() {}
                  void use(ProcessPool pool, java.util.List<Main> mains) throws Exception {
                    pool.submit(Main::inst, this, 3); // ferry:spawn-target @Main
                    pool.map(Main::noArgs, mains); // ferry:spawn-target @Main
                    Ferry.spawn(Main::run, this); // ferry:spawn-target @Main
                    pool.submit((Main::inst), new Main(), 3); // ferry:spawn-target @(Main
                    pool.submit(Main::inst, (Main) null, 5); // ferry:spawn-target @Main
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::inst` is a reference to the instance method `inst`, to be called on the"
                + " argument after it, `this`: a child process is a fresh JVM that runs a static"
                + " method it finds by class and name, and it calls no method on an object, not even"
                + " one sent to it. Fix: make `inst` static, and pass the data it needs from `this`"
                + " as arguments of this call instead.");
    // null is no object: told as a reference with nothing to call it on
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::inst` is a reference to the instance method `inst`: a child process is a"
                + " fresh JVM that runs a static method it finds by class and name, and the child"
                + " has no `Main` object to call it on.");
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::noArgs` is a reference to the instance method `noArgs`, to be called on each"
                + " element of the argument after it, `mains`: a child process is a fresh JVM that"
                + " runs a static method it finds by class and name, and it calls no method on an"
                + " object, not even one sent to it. Fix: make `noArgs` static, and pass the data it"
                + " needs from each element of `mains` as arguments of this call instead.");
  }

  @Test
  void instanceMethodTaskWithSpawnTargetSuppressed_itsReceiverIsStillCheckedAsAValue() {
    // A suppression silences one rule: with spawn-target silenced, `this` is a value sent to the
    // child like any other, and Main has no codec.
    dev.ferry.processor.testing.FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.ProcessPool;
            final class Main {
              int inst(int n) { return n; }
              @SuppressWarnings("ferry:spawn-target")
              void use(ProcessPool pool) throws Exception {
                pool.submit(Main::inst, this, 3); // ferry:not-transferable @this
              }
            }
            """));
  }

  @Test
  void instanceMethodTaskWithSpawnTargetSuppressed_twin_bothSilencedCompilesClean() {
    dev.ferry.processor.testing.FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.ProcessPool;
            final class Main {
              int inst(int n) { return n; }
              @SuppressWarnings({"ferry:spawn-target", "ferry:not-transferable"})
              void use(ProcessPool pool) throws Exception {
                pool.submit(Main::inst, this, 3);
              }
            }
            """));
  }

  @Test
  void instanceMethodTaskWithItsReceiverPassed_twin_theFixCompilesClean() {
    dev.ferry.processor.testing.FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Ferry;
            import dev.ferry.ProcessPool;
            final class Main {
              static int inst(int n) { return n; }
              static void run() {}
              void use(ProcessPool pool) throws Exception {
                pool.submit(Main::inst, 3);
                Ferry.spawn(Main::run);
              }
            }
            """));
  }
}
