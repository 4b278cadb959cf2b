package dev.ferry.processor.rules.callsite;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.GeneratedValueTypes;
import java.util.List;
import java.util.Locale;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:not-transferable} at call sites: a value with no codec passed to a {@code @Sent} or
 * {@code @SpawnArgument} parameter, or given as the type argument of a {@code @Sent} type
 * parameter, written or inferred. The API comes from the class path.
 */
public class NotTransferableCallSiteTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  /**
   * A raw JDK collection class handed over as a value: `new ArrayList()` was told "`List` in its
   * type `ArrayList` is raw ... Fix: give `List` its type arguments", naming the interface it is
   * written as, which appears nowhere in the code. Shared with EcjCallSitesTest: {@code %1$s} is
   * the type arguments of the `ArrayList`, {@code %2$s} those of the `HashMap` (none, or the
   * twin's).
   */
  public static final String RAW_COLLECTION_VALUES =
      """
      package test;
      import dev.ferry.Ferry;
      import java.util.ArrayList;
      import java.util.HashMap;
      final class Main {
        static void take(Object o) {}
        static void run(HashMap%2$s map) {
          Ferry.spawn(Main::take, new ArrayList%1$s());
          Ferry.spawn(Main::take, map);
        }
      }
      """;

  /**
   * A channel handed to a spawn through a local or cast of type {@code Object}: told "its type
   * `Object` could hold any type ... Fix: declare a @Transferable type", a fix that cannot apply to
   * a channel. Now told what it holds, as a send is. A local that may hold another value keeps the
   * words of its own type. A channel among other values of a list ({@code Object} of {@code
   * List<Object>}, a list of channels being legal) is told on the channel ({@link
   * #CHANNEL_AMONG_SPAWN_ELEMENTS}). Shared with EcjCallSitesTest.
   */
  public static final String HIDDEN_AT_SPAWN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Transferable;
      final class Main {
        @Transferable record Job(int id) {}
        static void child(Object o) {}
        static void start(Channel<Job> jobs, Job job, boolean now) throws Exception {
          Object hidden = jobs;
          Ferry.spawn(Main::child, hidden); // ferry:not-transferable @hidden
          Ferry.spawn(Main::child, (Object) jobs); // ferry:not-transferable @(Object)
          Object either = job;
          if (now) either = jobs;
          Ferry.spawn(Main::child, either); // ferry:not-transferable @either
          Ferry.spawn(Main::child, java.util.List.of(job, jobs)); // ferry:not-transferable @jobs
        }
      }
      """;

  /**
   * A spawn argument that gives a generic target's variable a type that cannot cross: one
   * mistake, told once, on the value. It was told twice, again on {@code Main::child} as the type
   * the reference gives {@code T} (checkerprobe54's C17). Shared with EcjCallSitesTest.
   */
  public static final String GENERIC_TARGET_GIVEN_A_BAD_VALUE =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      final class Main {
        @InheritOnly record Holder<T>(Channel<T> c, T first) {}
        static <T> void child(Holder<T> h) {}
        static void go() throws Exception {
          Ferry.spawn(Main::child, new Holder<>(Channel.create(), new StringBuilder())); // ferry:not-transferable @new
        }
      }
      """;

  @Test
  void genericTargetGivenABadValue_isToldOnceOnTheValue() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", GENERIC_TARGET_GIVEN_A_BAD_VALUE));
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void genericTargetGivenABadValue_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            GENERIC_TARGET_GIVEN_A_BAD_VALUE
                .replace("new StringBuilder()", "\"first\"")
                .replace(" // ferry:not-transferable @new", "")));
  }

  /**
   * A collection of a class of the program's: a subclass of {@code ArrayList} (sent, and as a
   * record's member) and a double-brace {@code HashMap} (an anonymous subclass). The one was told
   * to annotate its class, which then fails as a class that inherits the JDK class's fields; the
   * other to become a top-level class. Each is now told to send a plain collection (or, for the
   * class, to write its codec by hand). Shared with EcjCallSitesTest.
   */
  public static final String PROGRAM_COLLECTIONS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.ArrayList;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      final class Main {
        static final class Jobs extends ArrayList<String> {
          String owner;
        }
        @Transferable record Board(Jobs jobs, int size) {} // ferry:not-transferable @jobs
        static void send(Channel<List<String>> lists, Channel<Map<String, Integer>> maps, Jobs jobs)
            throws Exception {
          lists.send(jobs); // ferry:not-transferable @jobs
          maps.send(new HashMap<String, Integer>() {{ put("a", 1); }}); // ferry:local-class @new
        }
      }
      """;

  /** {@link #PROGRAM_COLLECTIONS} with the fixes it is told. */
  public static final String PROGRAM_COLLECTIONS_FIXED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.ArrayList;
      import java.util.HashMap;
      import java.util.List;
      import java.util.Map;
      final class Main {
        static final class Jobs extends ArrayList<String> {
          String owner;
        }
        @Transferable record Board(List<String> jobs, int size) {}
        static void send(Channel<List<String>> lists, Channel<Map<String, Integer>> maps, Jobs jobs)
            throws Exception {
          lists.send(new ArrayList<>(jobs));
          Map<String, Integer> counts = new HashMap<>();
          counts.put("a", 1);
          maps.send(counts);
        }
      }
      """;

  /** {@link #HIDDEN_AT_SPAWN} with the fix it is told: the channel passed as what it is. */
  public static final String HIDDEN_AT_SPAWN_FIXED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Transferable;
      final class Main {
        @Transferable record Job(int id) {}
        static void child(Object o) {}
        static void start(Channel<Job> jobs, Job job, boolean now) throws Exception {
          Channel<Job> hidden = jobs;
          Ferry.spawn(Main::child, hidden);
          Ferry.spawn(Main::child, jobs);
          Ferry.spawn(Main::child, now ? job : jobs);
          Ferry.spawn(Main::child, java.util.List.of(jobs, jobs));
        }
      }
      """;

  /**
   * A value of the class Immutables generates, {@code ImmutableFoo}, sent where {@code Foo} has a
   * hand-written codec: the runtime writes it by that codec, as it does the same value held in a
   * {@code Foo} variable, but the checker told it to annotate {@code ImmutableFoo}, so {@code
   * foos.send(ImmutableFoo.builder()...build())} did not compile. The twin is the next test.
   */
  @Test
  void generatedClassValue_crossesByItsValueTypesHandWrittenCodec() {
    FerryCompiler.assertCompilesClean(
        GeneratedValueTypes.with(
            GeneratedValueTypes.FOO_CODEC,
            source(
                "app.Main",
                """
                package app;
                import dev.ferry.Channel;
                import dev.ferry.Codecs;
                import dev.ferry.Ferry;
                import java.util.List;
                final class Main {
                  static void child(Foo foo) {}
                  static void use(Channel<Foo> foos, Channel<ImmutableFoo> immutables)
                      throws Exception {
                    foos.send(ImmutableFoo.of(1));
                    immutables.send(ImmutableFoo.of(1));
                    Codecs.encode(ImmutableFoo.of(2));
                    Codecs.encode(List.of(ImmutableFoo.of(3)));
                    Ferry.spawn(Main::child, ImmutableFoo.of(4));
                  }
                }
                """)));
  }

  /**
   * A member declared as the generated class is still told: a generated codec would call {@code
   * Foo}'s for it and read back a {@code Foo}, where the member's constructor wants an {@code
   * ImmutableFoo}.
   */
  @Test
  void generatedClassValue_twin_declaredAsTheGeneratedClassIsStillTold() {
    FerryCompiler.assertDiagnostics(
        GeneratedValueTypes.with(
            GeneratedValueTypes.FOO_CODEC,
            source(
                "app.Main",
                """
                package app;
                final class Main {
                  @dev.ferry.annotation.Transferable
                  record Order(ImmutableFoo foo) {} // ferry:not-transferable @foo
                }
                """)));
  }

  @Test
  void collectionsOfTheProgramsClasses_areToldToSendAPlainCollection() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", PROGRAM_COLLECTIONS));
    String reason =
        "is a class of the program's that is a `List`, and it has no codec: Ferry writes"
            + " collections only by the interfaces it rebuilds (a reader rebuilds a `List` as an"
            + " `ArrayList`), so what `Jobs` adds would not arrive";
    assertThat(compilation)
        .hadErrorContaining(
            "`Board.jobs` is `Jobs`, which " + reason + ". Fix: declare the member as `List` with"
                + " the same type arguments, or write the codec of `Jobs` by hand with"
                + " @TransferableCodec");
    assertThat(compilation)
        .hadErrorContaining(
            "its type `Jobs` " + reason + ". Fix: send a copy of its elements in a plain"
                + " `ArrayList` (`new ArrayList<>(...)`), or write the codec of `Jobs` by hand with"
                + " @TransferableCodec");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: build the `HashMap` without an anonymous class (double-brace initialization,"
                + " `new HashMap<>() {{ ... }}`, makes one): create a plain `new HashMap<>()` and"
                + " fill it with statements of its own");
  }

  @Test
  void collectionsOfTheProgramsClasses_twin_plainCollectionsCompileClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", PROGRAM_COLLECTIONS_FIXED));
  }

  @Test
  void channelHiddenByObjectAtSpawn_isToldWhatItHolds() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", HIDDEN_AT_SPAWN));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.format(
                dev.ferry.processor.diagnostic.CrossingMessages.hiddenSpawnValue(
                    "hidden",
                    "is handed to a child process when it starts",
                    "jobs",
                    "Channel<Job>",
                    "Object")));
    assertThat(compilation)
        .hadErrorContaining(
            "`(Object) jobs` is handed to a child process when it starts, and it holds `jobs`");
    assertThat(compilation)
        .hadErrorContaining("`either` is handed to a child process when it starts, and its type");
    assertThat(compilation)
        .hadErrorContaining(
            "`jobs` is handed to a child process when it starts inside `java.util.List.of(job,"
                + " jobs)`, of type `List<Object>`");
  }

  /**
   * A channel written among values of other classes in a collection a spawn argument builds
   * ({@code List.of(job, jobs)}, a {@code List<Object>}) was told as "`Object` in its type
   * `List<Object>` could hold any type ... Fix: declare a @Transferable type", advice that cannot
   * apply to a channel. Now told on the channel, with the fix a spawn allows: pass it as an
   * argument of its own, or inside an @InheritOnly record. Also for {@code Set.of}, {@code
   * Arrays.asList}, {@code Map.of}, nested, and a pool's initializer, and on a local written there
   * that holds the channel and nothing else ({@code Object held = jobs;}), told what it holds. A
   * list without a channel, and one whose channel a local may hold (it may hold another value, or
   * holds it through another local), keep the words of the {@code Object} they hold. Shared with
   * EcjCallSitesTest.
   */
  public static final String CHANNEL_AMONG_SPAWN_ELEMENTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.Arrays;
      import java.util.List;
      import java.util.Map;
      import java.util.Set;
      final class Main {
        @Transferable record Job(int id) {}
        static void child(Object o) {}
        static void init(Object o) {}
        static void start(Channel<Job> jobs, Job job, ProcessPool pool, boolean now)
            throws Exception {
          Ferry.spawn(Main::child, List.of(job, jobs)); // ferry:not-transferable @jobs
          Ferry.spawn(Main::child, Set.of(job, jobs)); // ferry:not-transferable @jobs
          Ferry.spawn(Main::child, Arrays.asList(job, jobs)); // ferry:not-transferable @jobs
          Ferry.spawn(Main::child, Map.of("a", job, "b", jobs)); // ferry:not-transferable @jobs
          Ferry.spawn(Main::child, List.of(List.of(job, jobs))); // ferry:not-transferable @jobs
          pool.initializer(Main::init, List.of(job, (Object) jobs)); // ferry:not-transferable @jobs
          Ferry.spawn(Main::child, List.of(job, "x")); // ferry:not-transferable @(job,
          Object held = jobs;
          Ferry.spawn(Main::child, List.of(job, held)); // ferry:not-transferable @held
          Object later;
          later = jobs;
          Ferry.spawn(Main::child, Set.of(job, later)); // ferry:not-transferable @later
          Object either = job;
          if (now) either = jobs;
          Ferry.spawn(Main::child, List.of(job, either)); // ferry:not-transferable @(job,
          Object chained = held;
          Ferry.spawn(Main::child, List.of(job, chained)); // ferry:not-transferable @(job,
          Ferry.spawn(Main::child, List.of(job, Map.entry("a", jobs))); // ferry:not-transferable @(job,
        }
      }
      """;

  /** {@link #CHANNEL_AMONG_SPAWN_ELEMENTS} with the fix it is told. */
  public static final String CHANNEL_AMONG_SPAWN_ELEMENTS_FIXED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.Arrays;
      import java.util.List;
      import java.util.Map;
      import java.util.Set;
      final class Main {
        @Transferable record Job(int id) {}
        static void child(Object o, Object p) {}
        static void init(Object o, Object p) {}
        static void start(Channel<Job> jobs, Job job, Job other, ProcessPool pool) throws Exception {
          Ferry.spawn(Main::child, List.of(job, other), jobs);
          Channel<Job> held = jobs;
          Ferry.spawn(Main::child, List.of(job, other), held);
          Ferry.spawn(Main::child, Set.of(job, other), jobs);
          Ferry.spawn(Main::child, Arrays.asList(job, other), jobs);
          Ferry.spawn(Main::child, Map.of("a", job, "b", other), Map.of("b", jobs));
          Ferry.spawn(Main::child, List.of(List.of(job, other)), List.of(jobs));
          pool.initializer(Main::init, List.of(job), jobs);
          Ferry.spawn(Main::child, List.of("y", "x"), List.of(jobs, jobs));
        }
      }
      """;

  @Test
  void channelAmongSpawnElementsOfOtherClasses_isToldOnTheChannelWithTheSpawnsFix() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", CHANNEL_AMONG_SPAWN_ELEMENTS));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.format(
                dev.ferry.processor.diagnostic.CrossingMessages.hiddenSpawnElement(
                    "jobs",
                    null,
                    "Channel<Job>",
                    "is handed to a child process when it starts",
                    "List.of(job, jobs)",
                    "List<Object>",
                    "Object",
                    "could hold any type, and a process that reads the bytes must know which"
                        + " class to rebuild")));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: pass `jobs` as an argument of its own, typed `Channel<Job>`, or inside an"
                + " @InheritOnly record, not among values of other classes.");
    assertThat(compilation)
        .hadErrorContaining(
            "`held`, which holds `jobs`, is handed to a child process when it starts inside"
                + " `List.of(job, held)`, of type `List<Object>`; a `Channel<Job>` may be handed to"
                + " a child only as what it is");
  }

  @Test
  void channelAmongSpawnElementsOfOtherClasses_twin_passedOnItsOwnCompilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", CHANNEL_AMONG_SPAWN_ELEMENTS_FIXED));
  }

  @Test
  void channelHiddenByObjectAtSpawn_twin_passedAsItselfCompilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", HIDDEN_AT_SPAWN_FIXED));
  }

  /** {@link #RAW_COLLECTION_VALUES} with its errors marked. */
  public static String rawCollectionValuesMarked() {
    return RAW_COLLECTION_VALUES
        .formatted("", "")
        .replace("ArrayList());", "ArrayList()); // ferry:not-transferable @new")
        .replace("take, map);", "take, map); // ferry:not-transferable @map");
  }

  /**
   * A type variable of a sealed type that names no state: {@code Command<R>}'s {@code R} is the
   * reply's type, and each permitted record gives it a type of its own, so a {@code Command<?>} or
   * a {@code Command<Thread>} crosses as any {@code Command} does; it was refused as "`?` could hold
   * any type". One a permitted subtype holds ({@code Ok<T>(T value) implements Result<T>}), also
   * through a sealed subtype ({@code Leaf<V>} of {@code Mid<U>} of {@code Top<T>}), is checked as
   * before. Shared with EcjCallSitesTest.
   */
  public static final String PHANTOM_TYPE_ARGUMENTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable sealed interface Command<R> permits Get, Put {}
        @Transferable record Get(String key) implements Command<String> {}
        @Transferable record Put(String key, int value) implements Command<Void> {}
        @Transferable record Batch(List<Command<?>> commands, Command<Thread> last) {}
        @Transferable sealed interface Result<T> permits Ok, Err {}
        @Transferable record Ok<T>(T value) implements Result<T> {}
        @Transferable record Err(String message) implements Result<Object> {}
        @Transferable sealed interface Top<T> permits Mid {}
        @Transferable sealed interface Mid<U> extends Top<U> permits Leaf {}
        @Transferable record Leaf<V>(List<V> values) implements Mid<V> {}
        @Transferable record Replies(Result<String> one, Top<Integer> two) {}
        @Transferable record AnyResult(Result<?> result) {}%s
        @Transferable record AnyTop(Top<?> top) {}%s
        static void send(
            Channel<Command<?>> commands, Command<?> any, Channel<Result<String>> results)
            throws InterruptedException {
          commands.send(new Get("k"));
          commands.send(any);
          results.send(new Ok<>("v"));
        }
      }
      """;

  public static String phantomTypeArgumentsMarked() {
    return PHANTOM_TYPE_ARGUMENTS.formatted(
        " // ferry:not-transferable @result", " // ferry:not-transferable @top");
  }

  @Test
  void typeVariableNoValueHolds_isNotChecked_oneAValueHoldsIs() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", phantomTypeArgumentsMarked()));
    assertThat(compilation)
        .hadErrorContaining("`AnyResult.result` is `Result<?>`, and `?` could hold any type");
  }

  @Test
  void typeVariableNoValueHolds_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            PHANTOM_TYPE_ARGUMENTS
                .formatted("", "")
                .replace("AnyResult(Result<?> result)", "AnyResult(Result<String> result)")
                .replace("AnyTop(Top<?> top)", "AnyTop(Top<String> top)")));
  }

  public static final String RAW_ARRAY_LIST_MESSAGE =
      "`new ArrayList()` is handed to a child process when it starts, and its type `ArrayList` is"
          + " raw: it does not say what it holds, so no codec can be generated for it. Fix: give"
          + " `ArrayList` its type arguments.";

  @Test
  void rawCollectionClassValue_isToldByItsOwnName() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", rawCollectionValuesMarked()));
    assertThat(compilation).hadErrorContaining(RAW_ARRAY_LIST_MESSAGE);
    assertThat(compilation).hadErrorContaining("give `HashMap` its type arguments");
  }

  @Test
  void rawCollectionClassValue_twin_withTypeArgumentsCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", RAW_COLLECTION_VALUES.formatted("<String>", "<String, Integer>")));
  }

  @Test
  void sentArgument_isReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                final class Main {
                  static void relay(Chan raw) {
                    raw.send(new Thread()); // ferry:not-transferable @new
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `new Thread()` is sent to another process, and its type `Thread` is a JDK type");
  }

  @Test
  void unannotatedClassHoldingHandles_handedAtSpawn_isToldToBeInheritOnly() {
    // @Transferable, the fix for any other unannotated class, would only give another error.
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                import lib.Chan;
                import lib.Spawner;
                final class Team {
                  final List<Ports> members;
                  Team(List<Ports> members) { this.members = members; }
                }
                final class Crew {
                  final String name = "";
                }
                final class Main {
                  static void lead(Team team) {}
                  static void crew(Crew crew) {}
                  static void start(List<Ports> members, Chan raw) {
                    Spawner.spawn1(Main::lead, new Team(members)); // ferry:not-transferable @new
                    Spawner.spawn1(Main::crew, new Crew()); // ferry:not-transferable @new
                    raw.send(new Team(members)); // ferry:inherit-only-sent @new
                    Spawner.spawn1(Main::squad, new Squad(members));
                  }
                  static void squad(Squad squad) {}
                }
                @dev.ferry.annotation.InheritOnly
                final class Squad {
                  final List<Ports> members;
                  Squad(List<Ports> members) { this.members = members; }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: annotate `Team` with @InheritOnly: it holds `Ports`, which is @InheritOnly, and"
                + " such a value reaches a child only as a spawn argument, as this one does.");
    assertThat(compilation).hadErrorContaining("Fix: annotate `Crew` with @Transferable");
    // Sent through a channel, it is told what it holds, in inherit-only-sent's words.
    assertThat(compilation)
        .hadErrorContaining(
            "`new Team(members)` is sent to another process, and its type `Team` holds `Ports`,"
                + " which is @InheritOnly: it holds process-local handles, which reach a child only"
                + " as a spawn argument, never through a channel or inside a copied value. Fix:"
                + " annotate `Team` with @InheritOnly too, then pass the `Team` to the child as a"
                + " spawn argument when it starts (`Ferry.spawn(target, ...)`) instead of sending"
                + " it.");
    assertThat(compilation).hadErrorCount(3);
  }

  /**
   * A type without a codec whose type arguments hold a handle, {@code Map.entry("a", replies)} (an
   * {@code Entry<String, Chan<String>>}): sent, the handle is the mistake, told as it is inside a
   * {@code Map} (a {@code @Transferable} record copied from the entry would hold it again); handed to
   * a child, where a handle may go, the fix names what can carry it, an {@code @InheritOnly} record
   * (a class of the program's, {@code Pair<Chan<String>>}: to be {@code @InheritOnly} itself).
   */
  @Test
  void typeWithoutACodecHoldingHandlesInItsTypeArguments_isToldInWordsThatFitThePlace() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.Map;
                import java.util.function.Supplier;
                import lib.Chan;
                import lib.Spawner;
                final class Pair<T> {
                  T value;
                }
                final class Main {
                  static void entry(Map.Entry<String, Chan<String>> entry) {}
                  static void supply(Supplier<Chan<String>> supplier) {}
                  static void pair(Pair<Chan<String>> pair) {}
                  static void use(Chan<String> replies, Chan raw) {
                    raw.send(Map.entry("a", replies)); // ferry:inherit-only-sent @("a",
                    Spawner.spawn1(Main::entry, Map.entry("a", replies)); // ferry:not-transferable @("a",
                    Spawner.spawn1(Main::supply, () -> replies); // ferry:not-transferable @()
                    Spawner.spawn1(Main::pair, new Pair<Chan<String>>()); // ferry:not-transferable @new
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `Map.entry(\"a\", replies)` is sent to another process, and `Chan` in its"
                + " type `Entry<String, Chan<String>>` is @InheritOnly: it holds process-local"
                + " handles");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Map.entry(\"a\", replies)` is handed to a child process when it starts, and"
                + " `Entry` in its type `Entry<String, Chan<String>>` is a JDK type Ferry has no"
                + " codec for: it is not a plain value that another process could rebuild from"
                + " bytes. Fix: copy the data you need into an @InheritOnly record: it holds"
                + " `Chan`, which is @InheritOnly, and such a value reaches a child only as a spawn"
                + " argument, as this one does.");
    assertThat(compilation)
        .hadErrorContaining("Fix: annotate `Pair` with @InheritOnly: it holds `Chan`");
  }

  @Test
  void typeWithoutACodecHoldingHandlesInItsTypeArguments_twin_theFixCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.Map;
            import lib.Chan;
            import lib.Spawner;
            @dev.ferry.annotation.InheritOnly
            record Named(String name, Chan<String> replies) {}
            final class Main {
              static void named(Named named) {}
              static void map(Map<String, Chan<String>> replies) {}
              static void use(Chan<String> replies, Chan<Map<String, String>> maps) throws Exception {
                Spawner.spawn1(Main::named, new Named("a", replies));
                Spawner.spawn1(Main::map, Map.of("a", replies));
                maps.send(Map.of("a", "b"));
              }
            }
            """));
  }

  /**
   * An {@code @InheritOnly} type's unbounded or captured wildcard is let through only where its
   * codec writes no value of that variable (a {@code Chan<?>}, a {@code Stage<?>} holding a {@code
   * Chan<I>}): a {@code Holder<?>}, {@code Holder<? extends Thread>} or raw {@code Holder} for
   * {@code record Holder<T>(T value, ...)} hands the child whatever its value is, as a {@code
   * Box<?>} would.
   */
  @Test
  void inheritOnlyTypeHoldingItsVariableAsAValue_withAWildcard_isCheckedByTheWildcard() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.InheritOnly;
                import lib.Chan;
                import lib.Spawner;
                @InheritOnly
                record Holder<T>(T value, Chan<String> replies) {}
                final class Main {
                  static void any(Holder<?> holder) {}
                  static void threads(Holder<? extends Thread> holder) {}
                  @SuppressWarnings("rawtypes")
                  static void raw(Holder holder) {}
                  @SuppressWarnings("rawtypes")
                  static void start(Holder<?> some, Holder<? extends Thread> bounded, Holder unsaid) {
                    Spawner.spawn1(Main::any, some); // ferry:not-transferable @some
                    Spawner.spawn1(Main::threads, bounded); // ferry:not-transferable @bounded
                    Spawner.spawn1(Main::raw, unsaid); // ferry:not-transferable @unsaid
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `bounded` is handed to a child process when it starts, and `Thread` in its type"
                + " `Holder<? extends Thread>` is a JDK type");
  }

  @Test
  void inheritOnlyTypeHoldingItsVariableAsAValue_twin_handlesOnlyCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import java.util.List;
            import lib.Chan;
            import lib.Spawner;
            @InheritOnly
            record Stage<I>(String name, Chan<I> in, List<Chan<I>> more) {}
            @InheritOnly
            record Holder<T>(T value, Chan<String> replies) {}
            final class Main {
              static void stage(Stage<?> stage) {}
              static void holder(Holder<? extends Job> holder) {}
              @SuppressWarnings("rawtypes")
              static void rawStage(Stage stage) {}
              @SuppressWarnings("rawtypes")
              static void start(Stage<?> some, List<Stage<?>> stages, Holder<Job> job, Stage raw) {
                Spawner.spawn1(Main::stage, some);
                Spawner.spawn1(Main::stage, stages.get(0));
                Spawner.spawn1(Main::holder, job);
                Spawner.spawn1(Main::rawStage, raw);
              }
            }
            """));
  }

  @Test
  void spawnArgument_threadObjectRunnable_areReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static void start(Thread worker, Object anything, Runnable task) {
                    Spawner.spawn1(Main::withThread, worker); // ferry:not-transferable @worker
                    Spawner.spawn1(Main::withObject, anything); // ferry:not-transferable @anything
                    Spawner.spawn1(Main::withTask, task); // ferry:not-transferable @task
                  }
                  static void withThread(Thread t) {}
                  static void withObject(Object o) {}
                  static void withTask(Runnable r) {}
                }
                """));
    assertThat(compilation)
        .hadErrorContaining("`worker` is handed to a child process when it starts");
  }

  @Test
  void spawnArgument_twin_transferableAndInheritOnlyCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Job job, Ports ports, Chan<Job> jobs) {
                Spawner.spawn1(Main::withJob, job);
                Spawner.spawn1(Main::withPorts, ports);
                Spawner.spawn1(Main::withJobs, jobs);
                Spawner.spawn1(Main::withList, List.of(job));
                Spawner.spawn1(Main::withNumber, 42);
              }
              static void withJob(Job job) {}
              static void withPorts(Ports ports) {}
              static void withJobs(Chan<Job> jobs) {}
              static void withList(List<Job> list) {}
              static void withNumber(Integer n) {}
            }
            """));
  }

  /**
   * A conditional or switch expression passed to a parameter of type {@code Object} (a raw
   * channel's {@code send}) has that type, as a poly expression: its results are checked, each by
   * its own type, where it is written.
   */
  @Test
  void conditionalAndSwitchArguments_areCheckedByTheirResults() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                final class Main {
                  static void relay(Chan raw, boolean flag, int kind, Chan<Job> jobs, Thread worker) {
                    raw.send(flag ? jobs : "none"); // ferry:inherit-only-sent @jobs
                    raw.send(flag ? "idle" : worker); // ferry:not-transferable @worker
                    raw.send(switch (kind) {
                      case 1 -> "one";
                      default -> {
                        if (flag) yield worker; // ferry:not-transferable @worker
                        yield "many";
                      }
                    });
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `worker` is sent to another process, and its type `Thread` is a JDK type");
  }

  @Test
  void conditionalAndSwitchArguments_twin_compileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void relay(Chan raw, boolean flag, int kind, Job job) {
                raw.send(flag ? "a" : "b");
                raw.send(flag ? job : null);
                raw.send((flag ? 1 : 2L));
                raw.send(switch (kind) { case 1 -> "one"; case 2 -> { yield "two"; } default -> job; });
              }
            }
            """));
  }

  /**
   * A sent type parameter's type argument types what the receiver gets back: a JDK implementation
   * the reader does not rebuild as itself fails the receiver's cast, and a sorted one is rebuilt in
   * natural order. A value of such a type is fine, unless it is sorted and its elements are not
   * comparable.
   */
  @Test
  void collectionImplementations_asTypeArgumentsAndSortedValues_areReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.Vector;
                import java.util.SortedSet;
                import java.util.TreeSet;
                import java.util.concurrent.ConcurrentHashMap;
                import lib.Chan;
                final class Main {
                  Chan<Vector<String>> queue; // ferry:not-transferable @Vector
                  Chan<ConcurrentHashMap<String, Job>> table; // ferry:not-transferable @ConcurrentHashMap
                  Chan<SortedSet<Job>> sorted; // ferry:not-transferable @SortedSet
                  static void relay(Chan raw, TreeSet<Job> jobs) {
                    raw.send(jobs); // ferry:not-transferable @jobs
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Vector<String>` is a type argument of `Chan<Vector<String>>` whose"
                + " values are sent to another process, and it is rebuilt by the reading process"
                + " as every `List` is, as `ArrayList`, which cannot be cast to `Vector`. Fix:"
                + " declare it as `List<String>`.");
    assertThat(compilation)
        .hadErrorContaining(
            "`jobs` is sent to another process, and `Job` in its type `TreeSet<Job>` is the"
                + " element type of a `SortedSet`");
  }

  @Test
  void collectionImplementations_twin_rebuiltAsThemselvesCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.ArrayDeque;
            import java.util.ArrayList;
            import java.util.HashMap;
            import java.util.HashSet;
            import java.util.LinkedList;
            import java.util.List;
            import java.util.TreeMap;
            import java.util.TreeSet;
            import java.util.concurrent.ConcurrentHashMap;
            import lib.Chan;
            final class Main {
              Chan<ArrayList<String>> list;
              Chan<HashSet<String>> set;
              Chan<TreeSet<String>> sorted;
              Chan<HashMap<String, Job>> map;
              Chan<TreeMap<String, Job>> sortedMap;
              Chan<ArrayDeque<Job>> deque;
              Chan<List<String>> asInterface;
              Chan<LinkedList<String>> listAndQueue; // a LinkedList is read back as one
              static void relay(Chan raw, LinkedList<String> names, ConcurrentHashMap<String, Job> jobs) {
                raw.send(names);
                raw.send(jobs);
              }
            }
            """));
  }

  /**
   * An anonymous class's creation passes its arguments to the superclass's constructor, through
   * one javac generates for the class (unmarked): they are checked at the creation, against the
   * superclass's, and the generated {@code super(label)} is not checked as if written.
   */
  @Test
  void anonymousClassCreation_argumentsAreCheckedAgainstTheSuperclassConstructor() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                class Envelope {
                  Envelope(@Sent Object label) {}
                }
                enum Priority {
                  HIGH(new Thread()) { }; // ferry:not-transferable @new
                  Priority(@Sent Object label) {}
                }
                final class Main {
                  static Object wrap(Thread worker) {
                    return new Envelope(worker) {}; // ferry:not-transferable @worker
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `worker` is sent to another process, and its type `Thread` is a JDK type");
  }

  @Test
  void anonymousClassCreation_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Sent;
            class Envelope {
              Envelope(@Sent Object label) {}
            }
            enum Priority {
              LOW("low") { };
              Priority(@Sent Object label) {}
            }
            final class Main {
              static Object wrap() {
                return new Envelope("x") {};
              }
            }
            """));
  }

  @Test
  void varargs_reportEachOffendingValueOnce() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Job job, Chan<Job> jobs, Thread worker, Object anything) {
                Spawner.spawn(
                    Main::child,
                    job,
                    worker, // ferry:not-transferable @worker
                    jobs,
                    anything); // ferry:not-transferable @anything
              }
              static void child() {}
            }
            """));
  }

  @Test
  void varargsPassedAsArray_isCheckedAsTheArray() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void start(Object[] values, Job[] jobs) {
                Spawner.spawn(Main::child, values); // ferry:not-transferable @values
                Spawner.spawn(Main::child, (Object[]) jobs); // ferry:not-transferable @(Object[])
                Spawner.spawn(Main::child, jobs); // the array itself, of Jobs
              }
              static void child() {}
            }
            """));
  }

  /**
   * javac's own advice for {@code spawn(target, null)} is to cast the null to {@code Object[]}: a
   * null crosses as null, whatever its cast says, where a typed value of the same type is wrong.
   */
  @Test
  void nullCastToAType_crossesNothing() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Chan raw, Object[] values) {
                Spawner.spawn(Main::child, (Object[]) null);
                Spawner.spawn(Main::child, ((Object[]) null));
                raw.send((Object) null);
                raw.send((Thread) null);
                Spawner.spawn(Main::child, values); // ferry:not-transferable @values
              }
              static void child() {}
            }
            """));
  }

  @Test
  void nullCastToAType_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Chan<String> names) {
                Spawner.spawn(Main::child, (Object[]) null);
                names.send((String) null);
              }
              static void child() {}
            }
            """));
  }

  /**
   * A sent value is written with its run-time class, which the runtime rebuilds for arrays of
   * primitives only: a `Chan<Job[]>` compiled and its send failed with not-transferable.
   */
  @Test
  void objectArraySent_isReported() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Chan<Job[]> jobs, Chan raw, Job[] batch) { // ferry:not-transferable @[]
                raw.send(batch); // ferry:not-transferable @batch
                List<Job[]> rows = List.of(batch, batch);
                raw.send(rows); // ferry:not-transferable @rows
                Spawner.spawn1(Main::child, new int[][] {{1}}); // ferry:not-transferable @new
              }
              static void child(int[][] grid) {}
            }
            """));
  }

  @Test
  void objectArraySent_twin_primitiveArraysAndListsCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Chan<int[]> ids, Chan<List<Job>> jobs, Chan raw, Job[] batch) {
                raw.send(new int[] {1});
                raw.send(List.of(batch));
              }
              static void child() {}
            }
            """));
  }

  @Test
  void typeArgumentWritten_isReportedInEveryPosition() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import java.util.Map;
            import lib.Chan;
            final class Main {
              Chan<Thread> field; // ferry:not-transferable @Thread
              List<Chan<List<Object>>> nested; // ferry:not-transferable @List<Object>
              Chan<Map<String, Runnable>> mapped; // ferry:not-transferable @Map

              Chan<Thread> returned() { // ferry:not-transferable @Thread
                return null;
              }

              void parameter(Chan<Object> c) {} // ferry:not-transferable @Object

              void body(Object o) {
                Chan<Thread> local = null; // ferry:not-transferable @Thread
                Object cast = (Chan<Thread>) o; // ferry:not-transferable @Thread
                Object created = new Chan<Thread>(); // ferry:not-transferable @Thread
                Chan.<Thread>typed(); // ferry:not-transferable @Thread
              }
            }
            """));
  }

  @Test
  void typeArgumentInferredForVar_isReportedOnTheInitializer() {
    // `Chan.create()` with nothing to infer T from makes a Chan<Object>.
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                import lib.Chan;
                final class Main {
                  void open() {
                    var c = Chan.create(); // ferry:not-transferable @(
                    var list = List.of(Chan.create()); // ferry:not-transferable @(
                    var d = new Chan<>(); // ferry:not-transferable @new
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining("`Object` is a type argument of `Chan<Object>` whose values are sent");
  }

  @Test
  void typeArgumentInferredWithoutVar_isNotReported() {
    // Pinned: with no type written and no `var`, an inferred Chan<Object> has no tree to report on;
    // the values sent through it are still checked by their own types.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Main {
              static void take(Chan<?> any) {}
              void open(Thread worker) {
                take(Chan.create());
                List.of(Chan.create()).size();
                Chan.create().send(worker); // ferry:not-transferable @worker
              }
            }
            """));
  }

  @Test
  void lambdaParameterTypes_areReportedOnlyWhereWritten() {
    // An implicit parameter takes the target type's, which is checked where it is written; an
    // explicitly typed one is a place the type is written, and may be the only one (it alone
    // decides `take`'s T). It was skipped with the implicit ones until the source told them apart.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.function.Consumer;
            import lib.Chan;
            final class Main {
              static <T> void take(Consumer<T> consumer) {}
              void use() {
                take((Chan<Thread> c) -> {}); // ferry:not-transferable @Thread
                Consumer<Chan<Thread>> k = c -> {}; // ferry:not-transferable @Thread
              }
            }
            """));
  }

  @Test
  void rawChannel_isCheckedByTheArgumentsType() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.ArrayList;
            import lib.Chan;
            final class Main {
              static void relay(Chan raw, Job job) {
                Chan alias = raw;
                raw.send(job);
                raw.send(new ArrayList<String>());
                raw.send(new Object()); // ferry:not-transferable @new
              }
            }
            """));
  }

  /**
   * A {@code ? super} bound is what a holder may send, so it is checked; through a {@code ?
   * extends} one, as through {@code ?}, nothing but null can be sent, so {@code Chan<? extends
   * Thread>} is legal (it was refused, as if a holder could send a {@code Thread}).
   */
  @Test
  void wildcardBound_isReadThroughItsSuperBound() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                final class Main {
                  Chan<? extends Thread> upper;
                  Chan<? super Thread> lower; // ferry:not-transferable @?
                  Chan<? extends Job> fine;
                  Chan<?> any;
                }
                """));
    // The type argument as written, not its bound as if written `Chan<Thread>`.
    assertThat(compilation)
        .hadErrorContaining(
            "`? super Thread` is a type argument of `Chan<? super Thread>` whose values are"
                + " sent to another process, and `Thread` is a JDK type");
  }

  @Test
  void sameRunApi_isReportedTheSameWay() {
    MarkedApi.sameRun()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                import lib.Spawner;
                final class Main {
                  Chan<Thread> field; // ferry:not-transferable @Thread
                  static void start(Chan<Job> jobs, Thread worker) {
                    jobs.send(new Job(1));
                    Spawner.spawn(Main::child, jobs, worker); // ferry:not-transferable @worker
                  }
                  static void child() {}
                }
                """));
  }

  @Test
  void intersectionTypedArgument_isPrintedReadablyWithAnArgumentFix() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Spawner;
                final class Main {
                  static void child(Object value) {}
                  static void start(boolean flag) {
                    var value = flag ? "text" : 1;
                    Spawner.spawn1(Main::child, value); // ferry:not-transferable @value)
                    Spawner.spawn1(Main::child, flag ? "text" : 1); // ferry:not-transferable @?
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`value` is handed to a child process when it starts, and its type `Serializable &"
                + " Comparable<?> & Constable & ConstantDesc` is the intersection of types that"
                + " `var` inferred for `value`");
    assertThat(compilation).hadErrorContaining(CONDITIONAL_INTERSECTION_FIX);
  }

  /**
   * A local whose type {@code var} inferred as an intersection, sent by its name, was told in the
   * words of a conditional written at the call ("make the branches ... the same type"), though the
   * value sent is the variable: the words now name the variable, what {@code var} did, and its
   * declaration as what to change. The verdict is the same. A conditional written at the call
   * keeps its words ({@link #intersectionTypedArgument_isPrintedReadablyWithAnArgumentFix}). Shared
   * with EcjCallSitesTest.
   */
  public static final String INFERRED_INTERSECTION_LOCAL =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.List;
      final class Main {
        static void use(Channel<Object> channel, boolean flag) // ferry:not-transferable @Object
            throws InterruptedException {
          var v = flag ? "a" : 1;
          channel.send(v); // ferry:not-transferable @v
          for (var each : List.of(1, "a")) {
            channel.send(each); // ferry:not-transferable @each
          }
        }
      }
      """;

  /** The message for {@code v} of {@link #INFERRED_INTERSECTION_LOCAL}, as both compilers say it. */
  public static final String INFERRED_INTERSECTION_MESSAGE =
      "[ferry:not-transferable] `v` is sent to another process, and its type `Serializable &"
          + " Comparable<?> & Constable & ConstantDesc` is the intersection of types that `var`"
          + " inferred for `v` from values of different classes, and a process that reads the"
          + " bytes must know which one class to rebuild. Fix: give the values `v` is set to one"
          + " @Transferable or built-in type, or a sealed @Transferable interface they all"
          + " implement, and declare `v` with that type in place of `var`. See"
          + " docs/rules/not-transferable.md";

  /**
   * A value cast to an intersection ({@code (Object & Serializable) name}) was told in the words of
   * an intersection javac infers ("the common supertype of values of different classes (a
   * conditional's branches, the elements of a List.of(1, "a"))", fix "make the branches or the
   * elements the same type"), which fit no cast. The words now name the cast, and the fix is the
   * cast. Shared with EcjCallSitesTest.
   */
  public static final String INTERSECTION_CAST =
      """
      package test;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.io.Serializable;
      @Transferable sealed interface Shape permits Circle {}
      @Transferable record Circle(int r) implements Shape, Serializable {}
      final class Main {
        static void post(@Sent Object value) {}
        static void child(Object value) {}
        static void use(String name, Shape shape) {
      CALLS
        }
      }
      """;

  /** The message for the first cast of {@link #INTERSECTION_CAST}, as both compilers say it. */
  public static final String INTERSECTION_CAST_MESSAGE =
      "[ferry:not-transferable] `(Object & Serializable) name` is sent to another process, and its"
          + " type `Serializable` is the intersection of types that the cast `(Object &"
          + " Serializable)` gives it, and a process that reads the bytes must know which one class"
          + " to rebuild. Fix: send `name` without the cast, or cast it to one @Transferable or"
          + " built-in type, or a sealed @Transferable interface. See docs/rules/not-transferable.md";

  /** The calls of {@link #INTERSECTION_CAST} that cannot cross, each marked. */
  public static final String INTERSECTION_CAST_ILLEGAL =
      INTERSECTION_CAST.replace(
          "CALLS",
          """
              post((Object & Serializable) name); // ferry:not-transferable @(Object
              Ferry.spawn(Main::child, ((CharSequence & Serializable) name)); // ferry:not-transferable @((CharSequence
          """);

  /** The legal twin of {@link #INTERSECTION_CAST_ILLEGAL}: an intersection with a bound that crosses. */
  public static final String INTERSECTION_CAST_LEGAL =
      INTERSECTION_CAST.replace(
          "CALLS",
          """
              post((Shape & Serializable) shape);
              Ferry.spawn(Main::child, (String) name);
          """);

  @Test
  void valueCastToAnIntersection_isToldInTheWordsOfTheCast() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", INTERSECTION_CAST_ILLEGAL));
    assertThat(compilation).hadErrorContaining(INTERSECTION_CAST_MESSAGE);
    assertThat(compilation)
        .hadErrorContaining(
            "its type `CharSequence & Serializable` is the intersection of types that the cast"
                + " `(CharSequence & Serializable)` gives it");
  }

  @Test
  void valueCastToAnIntersection_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", INTERSECTION_CAST_LEGAL));
  }

  /**
   * A conditional written at the call names its results and their types, and says to make the
   * call in each branch (the spawn takes one type for its argument, so no cast helps).
   */
  public static final String CONDITIONAL_INTERSECTION_FIX =
      "Fix: make the call in each branch (an `if` or a `switch` statement), so that each value"
          + " crosses with its own class, or give the results one @Transferable or built-in type,"
          + " or a sealed @Transferable interface they all implement.";

  /**
   * Values whose types the compiler met in an intersection: a conditional's results, a generic
   * call's arguments (one it returns, {@code first}; one it holds, {@code List.of}). They were told
   * as "an intersection of types, the common supertype of values of different classes", naming
   * neither the values nor the type argument to write ({@code Err<Object>} of a diamond hid behind
   * {@code Record & Result<? extends Object>}). Shared with EcjCallSitesTest.
   */
  public static final String MET_VALUES =
      """
      package test;
      import dev.ferry.Codecs;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      @Transferable enum Color { RED, GREEN }
      @Transferable sealed interface Result<T> permits Ok, Err {}
      @Transferable record Ok<T>(T value) implements Result<T> {}
      @Transferable record Err<T>(String message) implements Result<T> {}
      final class Main {
        static <T> void pick(@Sent T a, @Sent T b) {}
        static <T> T first(T a, T b) { return a; }
        static void child(Object value) {}
        static int size(Object value) { return 1; }
        static void use(boolean flag, ProcessPool pool) {
      CALLS
        }
      }
      """;

  /**
   * The calls of {@link #MET_VALUES} that cannot cross, each marked (javac puts a call's error at
   * its parenthesis, ECJ at its start: see EcjCallSitesTest).
   */
  public static final String MET_VALUES_ILLEGAL =
      MET_VALUES.replace(
          "CALLS",
          """
              pick(4, new StringBuilder()); // ferry:not-transferable @new
              Codecs.encode(List.of(new Ok<>("a"), new Err<>("b"))); // ferry:not-transferable @(new
              Ferry.spawn(Main::child, flag ? 4 : Color.RED); // ferry:not-transferable @?
              pool.submit(Main::size, flag ? 4 : Color.RED); // ferry:not-transferable @?
              Ferry.spawn(Main::child, first(4, Color.RED)); // ferry:not-transferable @(4,
              Codecs.encode(first(4, new StringBuilder())); // ferry:not-transferable @(4,
          """);

  /** The legal twin of {@link #MET_VALUES_ILLEGAL}: each fix its message gives. */
  public static final String MET_VALUES_LEGAL =
      MET_VALUES.replace(
          "CALLS",
          """
              pick(4, "x");
              Codecs.encode(List.<Result<String>>of(new Ok<>("a"), new Err<>("b")));
              Codecs.encode(List.of(new Ok<String>("a"), new Err<String>("b")));
              if (flag) {
                Ferry.spawn(Main::child, 4);
              } else {
                Ferry.spawn(Main::child, Color.RED);
              }
              Ferry.spawn(Main::child, Main.<Object>first(4, Color.RED));
              Codecs.encode(flag ? 4 : Color.RED);
          """);

  /** The words of {@link #MET_VALUES_ILLEGAL}'s messages, as both compilers say them. */
  public static final List<String> MET_VALUES_WORDS =
      List.of(
          "`new StringBuilder()` is sent to another process, and its type `StringBuilder`",
          "is the intersection of types that the compiler inferred from the arguments `new"
              + " Ok<>(\"a\")` (`Ok<String>`) and `new Err<>(\"b\")` (`Err<Object>`), which are of"
              + " different classes",
          "Fix: write the type argument for `E` of `of` (`List.<Type>of(...)`) as one"
              + " @Transferable or built-in type that every argument has, or a sealed"
              + " @Transferable interface they all implement, or write the type arguments of `new"
              + " Ok<>(\"a\")` and `new Err<>(\"b\")` in place of `<>`",
          "`flag ? 4 : Color.RED` is handed to a child process when it starts, and its type"
              + " `Serializable & Comparable<?> & Constable` is the intersection of types that the"
              + " compiler inferred from the results `4` (`Integer`) and `Color.RED` (`Color`)",
          CONDITIONAL_INTERSECTION_FIX,
          "`first(4, Color.RED)` is handed to a child process when it starts, and its type"
              + " `Serializable & Comparable<?> & Constable` is the intersection of types that the"
              + " compiler inferred from the arguments `4` (`Integer`) and `Color.RED` (`Color`)",
          "or as `Object` (`Main.<Object>first(...)`), since `first` returns one of its arguments"
              + " and each then crosses with its own class",
          "inferred from the arguments `4` (`Integer`) and `new StringBuilder()`"
              + " (`StringBuilder`), which are of different classes, and a process that reads the"
              + " bytes must know which one class to rebuild; `new StringBuilder()` could not"
              + " cross even on its own");

  @Test
  void valuesMetInAnIntersection_areNamedWithTheirTypes() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", MET_VALUES_ILLEGAL));
    for (String words : MET_VALUES_WORDS) {
      assertThat(compilation).hadErrorContaining(words);
    }
    // `Object` would compile, and the StringBuilder would then fail at run time instead
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(Locale.ROOT);
      assertFalse(message.contains("could not cross even on its own")
          && message.contains("<Object>first"), message);
    }
  }

  @Test
  void valuesMetInAnIntersection_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", MET_VALUES_LEGAL));
  }

  /**
   * Values that met in an intersection inside the value told, not as its own type argument's
   * values: a task's type argument a call gave ({@code pool.map(Main::size, List.of(4,
   * Color.RED))}), a {@code var} local's initializer ({@code l}, {@code m}, {@code o}), a call or
   * constructor around the call or conditional where they met ({@code Optional.of(flag ? "a" :
   * 1)}, {@code new ArrayList<>(List.of("a", 1))}, {@code Stream.of(4, "x").toList()}, {@code
   * Map.of("k", List.of(4, "x"))}). They were told in the intersection's general words. A call that
   * returns one of its arguments is not offered {@code Object} here: the outer value would then
   * hold an {@code Object} ({@code Optional<Object>}), which does not cross. Shared with
   * EcjCallSitesTest.
   */
  public static final String MET_INSIDE =
      """
      package test;
      import dev.ferry.Codecs;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import java.util.stream.Stream;
      @Transferable enum Color { RED, GREEN }
      @Transferable sealed interface Result<T> permits Ok, Err {}
      @Transferable record Ok<T>(T value) implements Result<T> {}
      @Transferable record Err<T>(String message) implements Result<T> {}
      final class Main {
        static <T> T first(T a, T b) { return a; }
        static void child(Object value) {}
        static int size(Object value) { return 1; }
        static void use(boolean flag, ProcessPool pool) throws InterruptedException {
      CALLS
        }
      }
      """;

  /**
   * The calls of {@link #MET_INSIDE} that cannot cross, each marked where javac puts the error
   * (ECJ puts a call's on its start: see EcjCallSitesTest).
   */
  public static final String MET_INSIDE_ILLEGAL =
      MET_INSIDE.replace(
          "CALLS",
          """
              pool.map(Main::size, List.of(4, Color.RED)); // ferry:not-transferable @(4,
              var l = List.of(new Ok<>("a"), new Err<>("b"));
              Codecs.encode(l); // ferry:not-transferable @l);
              Ferry.spawn(Main::child, l); // ferry:not-transferable @l);
              var m = List.of(4, Color.RED);
              pool.map(Main::size, m); // ferry:not-transferable @m);
              Codecs.encode(Optional.of(flag ? "a" : 1)); // ferry:not-transferable @(flag
              Codecs.encode(new ArrayList<>(List.of("a", 1))); // ferry:not-transferable @new
              Codecs.encode(Stream.of(4, "x").toList()); // ferry:not-transferable @());
              Codecs.encode(Map.of("k", List.of(4, "x"))); // ferry:not-transferable @("k",
              var o = Optional.of(flag ? "a" : 1);
              Codecs.encode(o); // ferry:not-transferable @o);
              Ferry.spawn(Main::child, Optional.of(first(4, Color.RED))); // ferry:not-transferable @(first
              Codecs.encode(Optional.of((flag ? 4 : "x"))); // ferry:not-transferable @((flag
          """);

  /** The legal twin of {@link #MET_INSIDE_ILLEGAL}: each fix its messages give. */
  public static final String MET_INSIDE_LEGAL =
      MET_INSIDE.replace(
          "CALLS",
          """
              pool.map(Main::size, List.<Color>of(Color.GREEN, Color.RED));
              List<Result<String>> l = List.of(new Ok<>("a"), new Err<>("b"));
              Codecs.encode(l);
              Ferry.spawn(Main::child, l);
              var l2 = List.<Result<String>>of(new Ok<>("a"), new Err<>("b"));
              Codecs.encode(l2);
              var l3 = List.of(new Ok<>("a"), new Err<String>("b"));
              Ferry.spawn(Main::child, l3);
              List<Result<String>> m = List.of(new Ok<>("a"), new Err<>("b"));
              pool.map(Main::size, m);
              Codecs.encode(Optional.of(flag ? "a" : "b"));
              if (flag) {
                Codecs.encode(Optional.of("a"));
              } else {
                Codecs.encode(Optional.of(1));
              }
              Codecs.encode(new ArrayList<>(List.<String>of("a", "b")));
              Codecs.encode(Stream.<Result<String>>of(new Ok<>("a"), new Err<>("b")).toList());
              Codecs.encode(Map.of("k", List.<Result<String>>of(new Ok<>("a"), new Err<>("b"))));
              Optional<String> o = Optional.of(flag ? "a" : "b");
              Codecs.encode(o);
              Ferry.spawn(Main::child, Optional.of(Main.<Color>first(Color.GREEN, Color.RED)));
          """);

  /** The words of {@link #MET_INSIDE_ILLEGAL}'s messages, as both compilers say them. */
  public static final List<String> MET_INSIDE_WORDS =
      List.of(
          "`List.of(4, Color.RED)` gives `A` of `map` the type `Serializable & Comparable<?> &"
              + " Constable`; a value of `A` is sent to another process, and `Serializable &"
              + " Comparable<?> & Constable` is the intersection of types that the compiler"
              + " inferred from the arguments `4` (`Integer`) and `Color.RED` (`Color`), which are"
              + " of different classes",
          "Fix: write the type argument for `E` of `of` (`List.<Type>of(...)`) as one"
              + " @Transferable or built-in type that every argument has",
          "`l` is written to bytes for another process to read, and `Record & Result<",
          "`l` is handed to a child process when it starts",
          "inferred from the arguments `new Ok<>(\"a\")` (`Ok<String>`) and `new Err<>(\"b\")`"
              + " (`Err<Object>`) in the initializer of `l`, which are of different classes",
          "Fix: declare `l` with its type (`List<Type> l = ...`) in place of `var`, or write the"
              + " type argument for `E` of `of` (`List.<Type>of(...)`), where `Type` is one"
              + " @Transferable or built-in type that every value has, or a sealed @Transferable"
              + " interface they all implement; or write the type arguments of `new Ok<>(\"a\")`"
              + " and `new Err<>(\"b\")` in place of `<>`",
          "`m` gives `A` of `map` the type `Serializable & Comparable<?> & Constable`",
          "inferred from the arguments `4` (`Integer`) and `Color.RED` (`Color`) in the"
              + " initializer of `m`",
          "Fix: declare `m` with its type (`List<Type> m = ...`) in place of `var`",
          "`Optional.of(flag ? \"a\" : 1)` is written to bytes for another process to read, and"
              + " `Serializable & Comparable<?> & Constable & ConstantDesc` in its type"
              + " `Optional<Serializable & Comparable<?> & Constable & ConstantDesc>` is the"
              + " intersection of types that the compiler inferred from the results `\"a\"`"
              + " (`String`) and `1` (`Integer`) in `flag ? \"a\" : 1`",
          "Fix: give the results one @Transferable or built-in type, or a sealed @Transferable"
              + " interface they all implement, or make the call in each branch (an `if` or a"
              + " `switch` statement) with the value built from that branch's result.",
          "`new ArrayList<>(List.of(\"a\", 1))` is written to bytes for another process to read",
          "inferred from the arguments `\"a\"` (`String`) and `1` (`Integer`) in `List.of(\"a\","
              + " 1)`",
          "inferred from the arguments `4` (`Integer`) and `\"x\"` (`String`) in `Stream.of(4,"
              + " \"x\")`",
          "Fix: write the type argument for `T` of `of` (`Stream.<Type>of(...)`)",
          "`Map.of(\"k\", List.of(4, \"x\"))` is written to bytes for another process to read",
          "inferred from the arguments `4` (`Integer`) and `\"x\"` (`String`) in `List.of(4,"
              + " \"x\")`",
          "inferred from the results `\"a\"` (`String`) and `1` (`Integer`) in the initializer of"
              + " `o`",
          "Fix: declare `o` with its type (`Optional<Type> o = ...`) in place of `var`, where"
              + " `Type` is one @Transferable or built-in type that every value has, or a sealed"
              + " @Transferable interface they all implement; or give the results one such type.",
          "inferred from the arguments `4` (`Integer`) and `Color.RED` (`Color`) in `first(4,"
              + " Color.RED)`",
          "inferred from the results `4` (`Integer`) and `\"x\"` (`String`) in `flag ? 4 :"
              + " \"x\"`, which",
          "Fix: write the type argument for `T` of `first` (`Main.<Type>first(...)`) as one"
              + " @Transferable or built-in type that every argument has, or a sealed"
              + " @Transferable interface they all implement.");

  @Test
  void valuesMetInsideTheValueSent_areNamedWithTheirTypes() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", MET_INSIDE_ILLEGAL));
    for (String words : MET_INSIDE_WORDS) {
      assertThat(compilation).hadErrorContaining(words);
    }
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(Locale.ROOT);
      // the general words are gone; and Optional<Object> would not cross either
      assertFalse(message.contains("is an intersection of types"), message);
      assertFalse(message.contains(".<Object>"), message);
    }
  }

  @Test
  void valuesMetInsideTheValueSent_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", MET_INSIDE_LEGAL));
  }

  @Test
  void localWhoseVarInferredAnIntersection_isToldInTheWordsOfItsDeclaration() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", INFERRED_INTERSECTION_LOCAL));
    assertThat(compilation).hadErrorContaining(INFERRED_INTERSECTION_MESSAGE);
  }

  @Test
  void localWhoseVarInferredAnIntersection_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Channel;
            final class Main {
              static void use(Channel<String> channel, boolean flag) throws InterruptedException {
                var v = flag ? "a" : "b";
                channel.send(v);
              }
            }
            """));
  }

  /**
   * Values of different classes that share a @Transferable supertype ({@code List.of(new Circle(1),
   * new Square(2))} is a {@code List<Record & Shape>}) are each a {@code Shape}: the intersection
   * crosses as that bound. One whose bounds are none transferable is still told.
   */
  @Test
  void intersectionWithATransferableBound_crossesAsThatBound() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              @Transferable sealed interface Shape permits Circle, Square {}
              @Transferable record Circle(double r) implements Shape {}
              @Transferable record Square(double side) implements Shape {}
              interface Marker {}
              @Transferable record Tagged(int x) implements Marker {}
              record Plain(int y) implements Marker {}
              static void child(Object value) {}
              static void start(boolean flag, Chan raw) {
                var shapes = List.of(new Circle(1), new Square(2));
                raw.send(shapes);
                var shape = flag ? new Circle(1) : new Square(2);
                raw.send(shape);
                Spawner.spawn1(Main::child, shape);
                var marked = List.of(new Tagged(1), new Plain(2));
                raw.send(marked); // ferry:not-transferable @marked
              }
            }
            """));
  }

  /**
   * A value of a wildcard type is checked by the wildcard, as a written one is: a {@code List<?>}
   * holds anything, as a {@code List<Object>} does, and a {@code List<? extends Number>} holds
   * {@code Number}s, which have no codec; javac and ECJ capture the wildcard, which had passed as a
   * type variable. {@code ? extends Job} is fine, and so is a channel of {@code ?} handed to a
   * child: nothing but null can be sent through it.
   */
  @Test
  void valueOfAWildcardType_isCheckedByTheWildcard() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                import java.util.Map;
                import java.util.Optional;
                import lib.Chan;
                import lib.Spawner;
                final class Main {
                  static void child(Chan<?> chan) {}
                  static void start(Chan raw, List<?> any, List<? extends Number> numbers,
                      Optional<?> maybe, List<? extends Job> jobs, Map<String, ? extends List<Job>> byName,
                      Chan<?> chan, List<? super Job> lower) {
                    raw.send(any); // ferry:not-transferable @any
                    raw.send(lower); // ferry:not-transferable @lower
                    raw.send(numbers); // ferry:not-transferable @numbers
                    raw.send(maybe); // ferry:not-transferable @maybe
                    raw.send(any.get(0)); // ferry:not-transferable @(0)
                    raw.send(jobs.get(0));
                    raw.send(jobs);
                    raw.send(byName);
                    Spawner.spawn1(Main::child, chan);
                    Object o = any;
                    if (o instanceof List<?> list) {
                      raw.send(list); // ferry:not-transferable @list
                    }
                  }
                }
                """));
    // The wildcard as written, not javac's capture of it.
    assertThat(compilation)
        .hadErrorContaining(
            "`any` is sent to another process, and `?` in its type `List<?>` could hold any type");
    assertThat(compilation)
        .hadErrorContaining(
            "`numbers` is sent to another process, and `Number` in its type `List<? extends"
                + " Number>`");
    // Not `?`: the wildcard the value's type was written with.
    assertThat(compilation)
        .hadErrorContaining(
            "`lower` is sent to another process, and `? super Job` in its type `List<? super"
                + " Job>` could hold any type");
  }

  /**
   * A capture of {@code Enum<?>} is bounded by {@code Enum} of itself: printing it threw {@code
   * StackOverflowError} out of the processor ("[ferry:internal]", found by an edit fuzzer swapping
   * types). It prints as the {@code ?} the user wrote.
   */
  @Test
  void captureOfARecursivelyBoundedWildcard_isPrintedAsWritten() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import java.util.function.Supplier;
                import lib.Chan;
                final class Main {
                  static <@Sent R> R call(Supplier<R> f) { return f.get(); }
                  static Enum<?> any() { return null; }
                  static void start(Chan raw, Enum<?> kind) {
                    call(() -> any()); // ferry:not-transferable @()
                    raw.send(kind.getDeclaringClass()); // ferry:not-transferable @()
                  }
                }
                """));
    assertThat(compilation).hadErrorContaining("gives `R` of `call` the type `Enum<?>`;");
    assertThat(compilation).hadErrorContaining("in its type `Class<?>`");
  }

  @Test
  void captureOfARecursivelyBoundedWildcard_twin_enumOfItsOwnCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.List;
            import java.util.function.Supplier;
            final class Main {
              @dev.ferry.annotation.Transferable
              enum Color { RED, GREEN }
              static <@Sent R> R call(Supplier<R> f) { return f.get(); }
              static void start(List<? extends Color> colors) {
                call(() -> colors.get(0));
              }
            }
            """));
  }

  @Test
  void intersectionTypedArgument_twin_oneTypeCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void child(Object value) {}
              static void start(boolean flag) {
                var value = flag ? "text" : "1";
                Spawner.spawn1(Main::child, value);
              }
            }
            """));
  }

  /**
   * A helper generic in its enum, in the shape of commons-lang's {@code EnumUtils}: {@code
   * out.send(EnumSet.allOf(type))} was refused ("the reading process must name the enum to build
   * one, which a type variable does not"), though a sent value is written by its run-time class,
   * the enum's name and all, and the same set typed {@code Set<E>} crossed. A generated codec
   * still must name the enum: a record's {@code EnumSet<E>} member stays refused.
   */
  public static final String GENERIC_ENUM_COLLECTIONS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Codecs;
      import dev.ferry.annotation.Transferable;
      import java.util.EnumMap;
      import java.util.EnumSet;
      import java.util.List;
      import java.util.Set;
      final class Main {
        @Transferable
        record Flags<E extends Enum<E>>(%s set) {}%s
        static <E extends Enum<E>> void all(Channel<Set<E>> out, Class<E> type) throws Exception {
          out.send(EnumSet.allOf(type));
        }
        static <E extends Enum<E>> void sets(Channel<EnumSet<E>> out, EnumSet<E> set) throws Exception {
          out.send(set);
        }
        static <K extends Enum<K>, V> byte[] table(Class<K> type, V value) {
          EnumMap<K, V> map = new EnumMap<>(type);
          map.put(type.getEnumConstants()[0], value);
          return Codecs.encode(List.of(map));
        }
      }
      """;

  @Test
  void enumSetOfATypeVariable_crossesAtACallSiteButIsNoMember() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                GENERIC_ENUM_COLLECTIONS.formatted(
                    "EnumSet<E>", " // ferry:not-transferable @set")));
    assertThat(compilation)
        .hadErrorContaining(
            "is the element type of an `EnumSet`, and the reading process must name the enum to"
                + " build one, which a type variable does not");
  }

  @Test
  void enumSetOfATypeVariable_twin_setMemberCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", GENERIC_ENUM_COLLECTIONS.formatted("Set<E>", "")));
  }
}
