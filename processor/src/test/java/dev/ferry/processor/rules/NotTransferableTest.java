package dev.ferry.processor.rules;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static dev.ferry.processor.testing.FerryCompiler.assertCompilesClean;
import static dev.ferry.processor.testing.FerryCompiler.assertDiagnostics;
import static dev.ferry.processor.testing.FerryCompiler.checkerOnly;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.GeneratedValueTypes;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code ferry:not-transferable}: a member of a type that has no codec, at any depth. */
public class NotTransferableTest {

  @Test
  void threadComponent_isReportedOnTheComponent() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Job(long id, Thread worker) {} // ferry:not-transferable @worker
                """));
    assertThat(compilation)
        .hadErrorContaining(Rule.NOT_TRANSFERABLE.tag() + " `Job.worker` is `Thread`, which is");
    // A record component cannot be transient: the fix must not suggest it.
    assertThat(compilation)
        .hadErrorContaining("Fix: copy the data you need into a @Transferable type. See docs/");
  }

  @Test
  void threadField_isToldItMayBeTransient() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Job",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                final class Job {
                  Thread worker; // ferry:not-transferable @worker
                }
                """));
    assertThat(compilation).hadErrorContaining(", or mark the member transient.");
  }

  @Test
  void threadComponent_twin_idCompilesClean() {
    assertCompilesClean(
        source(
            "test.Job",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Job(long id, long workerId) {}
            """));
  }

  /**
   * A package that declares types named as JDK types are (a record {@code Object}, {@code String},
   * {@code Class}, {@code List}) read every message's JDK names as its own: "`Box.any` is
   * `Object`, which could hold any type" named the package's record, which can cross, and "declare
   * the member as `List`" the wrong type. A JDK type whose simple name means another type where
   * the message is read is printed by its qualified name, in declarations and at call sites, also
   * where a member type of the enclosing class takes the name; elsewhere the simple name stays.
   * The article goes with the name printed: "as a `java.util.ArrayList`", not "as an" (checkerprobe68).
   */
  @Test
  void jdkTypeNamedLikeATypeOfThePackage_isPrintedByItsQualifiedName() {
    Compilation compilation =
        assertDiagnostics(
            source("p.Object", OWN_NAMED.formatted("Object")),
            source("p.String", OWN_NAMED.formatted("String")),
            source("p.Class", OWN_NAMED.formatted("Class")),
            source("p.List", OWN_NAMED.formatted("List")),
            source("p.ArrayList", OWN_NAMED.formatted("ArrayList")),
            source(
                "p.Box",
                """
                package p;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record Box(
                    Object own,
                    java.lang.Object any, // ferry:not-transferable @any
                    java.lang.Class<?> type, // ferry:not-transferable @type
                    java.util.ArrayList<java.lang.String> names, // ferry:not-transferable @names
                    Thread worker) {} // ferry:not-transferable @worker
                """),
            source(
                "q.Main",
                """
                package q;
                import dev.ferry.Channel;
                final class Main {
                  record Object(int x) {}
                  static void use(Channel<java.lang.Object> c) {} // ferry:not-transferable @.Object>
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag() + " `Box.any` is `java.lang.Object`, which could hold any"
                + " type");
    assertThat(compilation)
        .hadErrorContaining(
            " `Box.type` is `java.lang.Class<?>`, and `java.lang.Class` is a JDK type Ferry has no"
                + " codec for");
    assertThat(compilation)
        .hadErrorContaining(
            " `Box.names` is `java.util.ArrayList<java.lang.String>`, and `java.util.ArrayList`"
                + " is a JDK collection class: Ferry writes collections only by the interfaces it"
                + " rebuilds, as a member is declared (a reader rebuilds a `java.util.List` as a"
                + " `java.util.ArrayList`). Fix: declare the member as `java.util.List` with the"
                + " same type arguments.");
    assertThat(compilation).hadErrorContaining(" `Box.worker` is `Thread`, which is a JDK type");
    assertThat(compilation)
        .hadErrorContaining(
            " `java.lang.Object` is a type argument of `Channel<java.lang.Object>` whose values");
  }

  @Test
  void jdkTypeNamedLikeATypeOfThePackage_twin_compilesClean() {
    assertCompilesClean(
        source("p.Object", OWN_NAMED.formatted("Object")),
        source("p.String", OWN_NAMED.formatted("String")),
        source(
            "p.Box",
            """
            package p;
            import dev.ferry.annotation.Transferable;
            @Transferable
            public record Box(Object own, String text, java.lang.String jdkText) {}
            """),
        source(
            "q.Main",
            """
            package q;
            import dev.ferry.Channel;
            final class Main {
              record Object(int x) {}
              static void use(Channel<p.Object> c, Channel<java.lang.String> d) {}
            }
            """));
  }

  /**
   * A single-type import hides the package's types and {@code java.lang}'s: in {@code package r;
   * import p.Object; import p.List;}, {@code Object} means {@code p.Object}, so a JDK type is
   * printed by its qualified name there, in declarations and at call sites (it printed as {@code
   * Object}, which names the imported record, and the fix said {@code java.util.List} as just
   * {@code List}).
   */
  @Test
  void jdkTypeNamedLikeASingleTypeImport_isPrintedByItsQualifiedName() {
    Compilation compilation =
        assertDiagnostics(
            source("p.Object", OWN_NAMED.formatted("Object")),
            source("p.List", OWN_NAMED.formatted("List")),
            source(
                "r.Box",
                """
                package r;
                import dev.ferry.Channel;
                import dev.ferry.annotation.Transferable;
                import p.List;
                import p.Object;
                @Transferable
                public record Box(
                    Object own,
                    List list,
                    java.lang.Object any, // ferry:not-transferable @any
                    java.util.ArrayList<String> names) { // ferry:not-transferable @names
                  static void use(Channel<java.lang.Object> c) {} // ferry:not-transferable @.Object>
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag() + " `Box.any` is `java.lang.Object`, which could hold any"
                + " type");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: declare the member as `java.util.List` with the same type arguments.");
    assertThat(compilation)
        .hadErrorContaining(
            " `java.lang.Object` is a type argument of `Channel<java.lang.Object>` whose values");
  }

  /** Also the twin of {@link #memberTypeStaticallyImported_isReadAsTheImportSaysIt}: {@code s.Box}. */
  @Test
  void jdkTypeNamedLikeASingleTypeImport_twin_compilesClean() {
    assertCompilesClean(
        source("p.Object", OWN_NAMED.formatted("Object")),
        source("p.Holder", HOLDER),
        source(
            "s.Box",
            """
            package s;
            import static p.Holder.Object;
            import dev.ferry.Channel;
            @dev.ferry.annotation.Transferable
            public record Box(Object own) {
              static void use(Channel<Object> c, Channel<java.lang.String> d) {}
            }
            """),
        source(
            "r.Box",
            """
            package r;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            import p.Object;
            @Transferable
            public record Box(Object own, java.util.List<String> names) {
              static void use(Channel<Object> c, Channel<java.lang.String> d) {}
            }
            """));
  }

  /**
   * A single static import of a member type hides the package's types and {@code java.lang}'s as
   * a single-type import does: in {@code package r; import static p.Holder.Object; import static
   * java.util.Map.Entry;} beside the package's own {@code r.Entry}, {@code Object} means {@code
   * p.Holder.Object} and {@code Entry} means {@code Map.Entry} (printed {@code Object} and {@code
   * java.util.Map.Entry}, each naming the other type there). A static import of a field only,
   * {@code import static p.Limits.List;}, imports no type.
   */
  @Test
  void memberTypeStaticallyImported_isReadAsTheImportSaysIt() {
    Compilation compilation =
        assertDiagnostics(
            source("p.Holder", HOLDER),
            source("p.Limits", "package p;\npublic final class Limits { public static final int List = 3; }\n"),
            source("r.Entry", "package r;\npublic final class Entry {}\n"),
            source(
                "r.Box",
                """
                package r;
                import static java.util.Map.Entry;
                import static p.Holder.Object;
                import static p.Limits.List;
                import dev.ferry.Channel;
                import dev.ferry.annotation.Transferable;
                @Transferable
                public record Box(
                    Object own,
                    java.lang.Object any, // ferry:not-transferable @any
                    java.util.ArrayList<String> names) { // ferry:not-transferable @names
                  static void use(Channel<Entry<String, String>> c) {} // ferry:not-transferable @Entry<
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag() + " `Box.any` is `java.lang.Object`, which could hold any"
                + " type");
    assertThat(compilation)
        .hadErrorContaining("Fix: declare the member as `List` with the same type arguments.");
    assertThat(compilation)
        .hadErrorContaining(
            " `Entry<String, String>` is a type argument of `Channel<Entry<String, String>>` whose"
                + " values");
  }

  /** A class holding a @Transferable record named as a JDK type is. */
  private static final String HOLDER =
      """
      package p;
      import dev.ferry.annotation.Transferable;
      public final class Holder {
        @Transferable
        public record Object(int value) {}
      }
      """;

  /** A @Transferable record of the package p named as a JDK type is: formatted with its name. */
  private static final String OWN_NAMED =
      """
      package p;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public record %s(int value) {}
      """;

  @Test
  void concreteCollectionClasses_areToldTheInterfaceToDeclare() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Roster",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.*;
                @Transferable
                record Roster(
                    ArrayList<String> names, // ferry:not-transferable @names
                    TreeMap<String, Integer> ranks, // ferry:not-transferable @ranks
                    ArrayDeque<Integer> queue) {} // ferry:not-transferable @queue
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Roster.names` is `ArrayList<String>`, and `ArrayList` is a JDK collection class:"
                + " Ferry writes collections only by the interfaces it rebuilds, as a member is"
                + " declared (a reader rebuilds a `List` as an `ArrayList`).");
    assertThat(compilation)
        .hadErrorContaining("Fix: declare the member as `List` with the same type arguments.");
    assertThat(compilation)
        .hadErrorContaining("Fix: declare the member as `NavigableMap` with the same type arguments.");
    assertThat(compilation)
        .hadErrorContaining("Fix: declare the member as `Deque` with the same type arguments.");
  }

  /**
   * A JDK collection interface Ferry has no codec for ({@code java.util.concurrent}'s) is told the
   * interface to declare instead, and as an interface, not as a class.
   */
  @Test
  void concurrentCollectionInterfaces_areToldTheInterfaceToDeclare() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Roster",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.concurrent.*;
                @Transferable
                record Roster(
                    BlockingQueue<String> names, // ferry:not-transferable @names
                    ConcurrentMap<String, Integer> ranks) {} // ferry:not-transferable @ranks
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Roster.names` is `BlockingQueue<String>`, and `BlockingQueue` is a JDK collection"
                + " interface Ferry has no codec for: Ferry writes collections only by the"
                + " interfaces it rebuilds, as a member is declared (a reader rebuilds a `Queue` as"
                + " an `ArrayDeque`).");
    assertThat(compilation)
        .hadErrorContaining("Fix: declare the member as `Map` with the same type arguments.");
  }

  /**
   * Java 21's sequenced collection interfaces are members as their supertypes are, written in
   * iteration order and read back as a class that is one ({@code ArrayList}, {@code
   * LinkedHashSet}, {@code LinkedHashMap}): they were refused, told to declare {@code Collection},
   * {@code Set} or {@code Map}, though a channel of them was legal. Round trips:
   * SequencedCollectionsRoundTripTest.
   */
  @Test
  void sequencedCollectionInterfaces_areMembersAsTheirSupertypesAre() {
    assumeTrue(Runtime.version().feature() >= 21, "sequenced collections need Java 21");
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingClean(
            source(
                "test.Roster",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.*;
                @Transferable
                record Roster(
                    SequencedCollection<String> names,
                    SequencedSet<String> seen,
                    SequencedMap<String, Integer> ranks,
                    Map<String, SequencedSet<Long>> nested,
                    Optional<SequencedMap<Integer, SequencedCollection<String>>> maybe) {}
                """));
  }

  /**
   * A JDK collection class inside a member's type, or in a type at a call site, is not the member
   * to declare again: the fix said "declare the member as `List`" for the `ArrayList` deep in
   * `A.m`'s `Map<String, Map<String, ArrayList<String>>>`, and for a channel's type argument or a
   * spawned value's type, where there is no member. It names what to write in its place; a member
   * whose whole type is the class keeps "declare the member as". In a value that crosses, a class
   * the reader rebuilds as itself ({@code ArrayList} in a channel's {@code Map<String,
   * ArrayList<String>>}, a spawned {@code List<ArrayList<String>>}) is legal, as it is as the value
   * itself: the runtime writes every collection a sent value holds by its interface and reads an
   * {@code ArrayList} back (a pool task returning such a map ran clean, refused). Shared with
   * EcjDeclarationRulesTest.
   */
  public static final String NESTED_COLLECTION_CLASSES =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Transferable;
      import java.util.ArrayList;
      import java.util.List;
      import java.util.Map;
      import java.util.Vector;
      final class Main {
        @Transferable record A(Map<String, Map<String, ArrayList<String>>> m) {} // ferry:not-transferable @m
        @Transferable record B(ArrayList<String> names) {} // ferry:not-transferable @names
        static <X> void child(X x) {}
        static void use(Channel<Map<String, Vector<String>>> c) {} // ferry:not-transferable @Map
        static void kept(Channel<Map<String, ArrayList<String>>> c) {}
        static void start(List<Vector<String>> lists, List<ArrayList<String>> kept) {
          Ferry.spawn(Main::child, lists); // ferry:not-transferable @lists
          Ferry.spawn(Main::child, kept);
        }
      }
      """;

  /**
   * Inside a value that crosses (a channel's message, a spawn argument, a {@code Box}'s value) a
   * collection is written by its run-time class and rebuilt as its interface's class, which for
   * these is the class itself: a {@code TreeSet} in a {@code List} arrives as a {@code TreeSet}.
   * They were refused ("write `NavigableSet` in place of `TreeSet`") though such programs ran
   * correctly (found by running generated programs). Shared with EcjDeclarationRulesTest.
   */
  public static final String NESTED_CLASSES_REBUILT_AS_THEMSELVES =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Transferable;
      import java.util.ArrayDeque;
      import java.util.ArrayList;
      import java.util.HashMap;
      import java.util.LinkedList;
      import java.util.List;
      import java.util.Map;
      import java.util.TreeMap;
      import java.util.TreeSet;
      final class Main {
        @Transferable record Box<T>(T value) {}
        static <X> void child(X x) {}
        static void use(Channel<Map<String, ArrayList<String>>> c, Channel<List<TreeSet<String>>> d,
            Channel<Box<TreeMap<String, Integer>>> e) {}
        static void start(List<LinkedList<String>> lists, Map<String, ArrayDeque<String>> queues,
            Box<HashMap<String, Integer>> box) {
          Ferry.spawn(Main::child, lists);
          Ferry.spawn(Main::child, queues);
          Ferry.spawn(Main::child, box);
        }
      }
      """;

  @Test
  void collectionClassInsideAType_isToldWhatToWriteInItsPlace() {
    Compilation compilation =
        assertDiagnostics(source("test.Main", NESTED_COLLECTION_CLASSES));
    assertThat(compilation)
        .hadErrorContaining(
            "`A.m` is `Map<String, Map<String, ArrayList<String>>>`, and `ArrayList` is a JDK"
                + " collection class: Ferry writes collections only by the interfaces it rebuilds,"
                + " as a member is declared (a reader rebuilds a `List` as an `ArrayList`). Fix:"
                + " write `List` in place of `ArrayList`, with the same type arguments.");
    assertThat(compilation)
        .hadErrorContaining(
            "`B.names` is `ArrayList<String>`, and `ArrayList` is a JDK collection class: Ferry"
                + " writes collections only by the interfaces it rebuilds, as a member is declared"
                + " (a reader rebuilds a `List` as an `ArrayList`). Fix: declare the member as"
                + " `List` with the same type arguments.");
    assertThat(compilation)
        .hadErrorContaining(
            "`lists` is handed to a child process when it starts, and `Vector<String>` in its type"
                + " `List<Vector<String>>` is rebuilt by the reading process as every `List` is, as"
                + " `ArrayList`, which cannot be cast to `Vector`. Fix: write `List` in place of"
                + " `Vector`, with the same type arguments.");
    assertThat(compilation).hadErrorCount(4);
  }

  @Test
  void collectionClassInsideAType_twin_interfacesCompileClean() {
    assertCompilesClean(
        source(
            "test.Main",
            NESTED_COLLECTION_CLASSES
                .replace("ArrayList<String>", "List<String>")
                .replace("Vector<String>", "List<String>")
                .replaceAll(" // ferry:not-transferable @\\S+", "")));
  }

  @Test
  void collectionClassInsideASentValue_twin_classesTheReaderRebuildsAsThemselvesCompileClean() {
    assertCompilesClean(source("test.Main", NESTED_CLASSES_REBUILT_AS_THEMSELVES));
  }

  /**
   * A {@code ?} for a type variable with a bound holds only values of the bound: for {@code record
   * Node<N extends Node<N>>(String name, List<N> kids)}, {@code Node<?>} (the only way to write the
   * type) holds {@code Node}s, and was refused as "`?` could hold any type". A bound that does not
   * cross ({@code Comparable<T>}) or none ({@code Box<?>}) still is. Shared with
   * EcjDeclarationRulesTest.
   */
  public static final String WILDCARDS_OF_BOUNDED_VARIABLES =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Node<N extends Node<N>>(String name, List<N> kids) {}
        @Transferable record Tree(Node<?> root, List<Node<?>> all) {}
        @Transferable record Ranked<T extends Comparable<T>>(T value) {}
        @Transferable record Box<T>(T value) {}
        @Transferable record Mixed(Ranked<?> ranked, Box<?> box) {} // ferry:not-transferable @ranked ferry:not-transferable @box
        static void use(Channel<Node<?>> nodes) {}
      }
      """;

  @Test
  void wildcardOfABoundedVariable_isCheckedByTheBound() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Main",
                // javac's markers: one a line
                WILDCARDS_OF_BOUNDED_VARIABLES.replace(
                    "Ranked<?> ranked, Box<?> box) {} // ferry:not-transferable @ranked"
                        + " ferry:not-transferable @box",
                    "Ranked<?> ranked, // ferry:not-transferable @ranked\n"
                        + "      Box<?> box) {} // ferry:not-transferable @box")));
    assertThat(compilation)
        .hadErrorContaining(
            "`Mixed.ranked` is `Ranked<?>`, and `?` could hold any `Comparable<T>`, the bound of"
                + " `T`, and `Comparable` is a JDK type Ferry has no codec for");
  }

  @Test
  void wildcardOfABoundedVariable_twin_nodesCompileClean() {
    assertCompilesClean(
        source(
            "test.Main",
            WILDCARDS_OF_BOUNDED_VARIABLES.replaceAll("(?m)^.*record Mixed.*\n", "")));
  }

  /**
   * A wildcard or a raw type of a type variable whose bound crosses holds only values of the
   * bound, whatever else it says: for {@code record Of<T extends Job>(T value)}, an {@code Of<?
   * super Hire>} holds an {@code Of<Hire>} or an {@code Of<Job>}, an {@code Of<? extends Object>}
   * and a raw {@code Of} (whose constructor takes a {@code Job}) an {@code Of} of some {@code Job};
   * each crossed when run, and each was refused ("`? super Hire` could hold any type", "is raw").
   * Still refused: the bound of {@code Two}'s other variable does not bound {@code B} (it did: a
   * {@code Two<Hire, ?>} holding a {@code Thread} compiled clean and failed when written), nor does
   * a bound with no codec ({@code Number}: a {@code Num<? super Integer>} may be a {@code
   * Num<Number>} holding an {@code AtomicInteger}). Shared with EcjDeclarationRulesTest, where a
   * value typed {@code Of<? super Hire>} handed to a child was refused too (ECJ's capture of it has
   * no upper bound but {@code Object}).
   */
  public static final String WILDCARDS_HOLDING_ONLY_THE_BOUND =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      import java.util.Map;
      final class Main {
        @Transferable sealed interface Job permits Hire, Fire {}
        @Transferable record Hire(String who) implements Job {}
        @Transferable record Fire(int id) implements Job {}
        @Transferable record Of<T extends Job>(T value) {}
        @Transferable record Two<A extends Job, B>(B value) {}
        @Transferable record Num<T extends Number>(T value) {}
        @Transferable record Box<T>(T value) {}
        @Transferable record Jobs(
            Of raw,
            Of<? super Hire> hires,
            Of<? extends Object> any,
            List<Of<?>> all,
            Map<String, Of<? super Fire>> byName) {}
        @Transferable record Wrong(
            Two<Hire, ?> two, // ferry:not-transferable @two
            Num<? super Integer> num, // ferry:not-transferable @num
            Box box) {} // ferry:not-transferable @box
        static void child(Of<? super Hire> of, Of raw) {}
        static void run() throws InterruptedException {
          Channel<Of<? super Hire>> hires = Channel.create();
          Channel<Of> raws = Channel.create();
          Channel<Two<Hire, ?>> twos = Channel.create(); // ferry:not-transferable @Two
          Of<? super Hire> some = new Of<Job>(new Fire(2));
          Ferry.spawn(Main::child, some, new Of(new Fire(1)));
        }
      }
      """;

  @Test
  void wildcardOfACrossingBound_holdsOnlyTheBound() {
    Compilation compilation = assertDiagnostics(source("test.Main", WILDCARDS_HOLDING_ONLY_THE_BOUND));
    assertThat(compilation)
        .hadErrorContaining("`Wrong.two` is `Two<Hire, ?>`, and `?` could hold any type");
    assertThat(compilation).hadErrorContaining("`Wrong.box` is `Box`, which is raw");
    // told what the wildcard could hold, the bound's values, not "any type"
    assertThat(compilation)
        .hadErrorContaining(
            "`Wrong.num` is `Num<? super Integer>`, and `? super Integer` could hold any `Number`,"
                + " the bound of `T`, and `Number` is a JDK type Ferry has no codec for");
  }

  @Test
  void wildcardOfACrossingBound_twin_jobsCompileClean() {
    assertCompilesClean(
        source(
            "test.Main",
            WILDCARDS_HOLDING_ONLY_THE_BOUND
                .replaceAll("(?ms)^  @Transferable record Wrong.*?\\{\\}[^\n]*\n", "")
                .replaceAll("(?m)^.*Two<Hire, \\?>> twos.*\n", "")));
  }

  /**
   * A {@code ? super X} of a variable whose bound names the variable itself stands only for the
   * supertypes of {@code X} that meet the bound: for {@code record K<T extends Comparable<T>>(T
   * value)}, {@code K<? super Integer>} is always a {@code K<Integer>} ({@code Number}, {@code
   * Comparable<Integer>} and {@code Integer}'s other supertypes are no {@code Comparable} of
   * themselves), and it crosses as one; it was refused as "could hold any `Comparable<T>`", as a
   * channel's element type and as a spawn argument alike. Where what it stands for does not cross,
   * the words name that type: {@code ? super Plain} stands only for {@code Plain}, which is not
   * transferable; {@code ? super LocalDate} only for {@code ChronoLocalDate}, a JDK interface.
   * Shared with EcjDeclarationRulesTest.
   */
  public static final String SUPERS_OF_A_SELF_BOUND =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Transferable;
      import java.time.LocalDate;
      import java.util.List;
      final class Main {
        @Transferable record K<T extends Comparable<T>>(T value) {}
        @Transferable record E<T extends Enum<T>>(T value) {}
        @Transferable record Hire(String who) implements Comparable<Hire> {
          public int compareTo(Hire o) { return who.compareTo(o.who); }
        }
        enum Color { RED, GREEN }
        record Plain(String s) implements Comparable<Plain> {
          public int compareTo(Plain o) { return 0; }
        }
        @Transferable record Held(K<? super Integer> number, List<K<? super Hire>> hires,
            E<? super Color> color) {}
        @Transferable record Wrong(K<? super Plain> plain) {} // ferry:not-transferable @plain
        static void child(K<? super Integer> number, Channel<K<? super Integer>> numbers) {}
        static void other(K<? super Plain> plain) {}
        static void run(K<? super Plain> plain) throws InterruptedException {
          Channel<K<? super Integer>> numbers = Channel.create();
          K<? super Integer> number = new K<Integer>(1);
          numbers.send(number);
          Ferry.spawn(Main::child, number, numbers);
          Channel<E<? super Color>> colors = Channel.create();
          Channel<K<? super LocalDate>> dates = Channel.create(); // ferry:not-transferable @K
          Ferry.spawn(Main::other, plain); // ferry:not-transferable @plain
        }
      }
      """;

  @Test
  void superWildcardOfASelfBound_isJudgedByWhatItStandsFor() {
    Compilation compilation = assertDiagnostics(source("test.Main", SUPERS_OF_A_SELF_BOUND));
    assertThat(compilation)
        .hadErrorContaining(
            "`Wrong.plain` is `K<? super Plain>`, and `? super Plain` stands only for `Plain`, the"
                + " one supertype of `Plain` that meets the bound of `T` (`Comparable<T>`), and"
                + " `Plain` is not @Transferable");
    assertThat(compilation)
        .hadErrorContaining(
            "`? super LocalDate` stands only for `ChronoLocalDate`, the one supertype of"
                + " `LocalDate` that meets the bound of `T` (`Comparable<T>`), and"
                + " `ChronoLocalDate` is a JDK type Ferry has no codec for");
    assertThat(compilation)
        .hadErrorContaining(
            "`plain` is handed to a child process when it starts, and `? super Plain` in its type");
  }

  @Test
  void superWildcardOfASelfBound_twin_whatCrossesCompilesClean() {
    assertCompilesClean(source("test.Main", superWildcardsThatCross()));
  }

  /** {@link #SUPERS_OF_A_SELF_BOUND} without the lines that are refused. */
  public static String superWildcardsThatCross() {
    return SUPERS_OF_A_SELF_BOUND
        .replaceAll("(?m)^.*(Wrong|LocalDate>>|Main::other).*\n", "")
        .replaceAll("(?m)^.*static void other.*\n", "");
  }

  @Test
  void concreteCollectionClasses_twin_interfacesCompileClean() {
    assertCompilesClean(
        source(
            "test.Roster",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.*;
            @Transferable
            record Roster(List<String> names, NavigableMap<String, Integer> ranks, Deque<Integer> queue) {}
            """));
  }

  @Test
  void sortedSetOfIncomparableElements_isReportedOnTheComponent() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Board",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.SortedSet;
                @Transferable
                record Board(SortedSet<Tag> tags) {} // ferry:not-transferable @tags
                @Transferable
                record Tag(String name) {}
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "is the element type of a `SortedSet`, which the reading process rebuilds sorted in"
                + " natural order (a TreeSet or TreeMap), and it is not Comparable");
  }

  @Test
  void sortedSetOfIncomparableElements_twin_comparableElementsAndNewJdkTypesCompileClean() {
    assertCompilesClean(
        source(
            "test.Board",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.*;
            import java.time.*;
            @Transferable
            record Board(
                SortedSet<Tag> tags, NavigableMap<String, Tag> byName, Deque<Tag> recent,
                Queue<String> queue, EnumSet<Color> colors, EnumMap<Color, Tag> byColor,
                java.net.URI uri, java.nio.file.Path path, Locale locale, Currency currency,
                OptionalInt oi, OptionalLong ol, OptionalDouble od, BitSet bits, Period period,
                Year year, YearMonth yearMonth, MonthDay monthDay, OffsetTime offsetTime,
                ZoneOffset offset) {}
            @Transferable
            record Tag(String name) implements Comparable<Tag> {
              public int compareTo(Tag other) {
                return name.compareTo(other.name);
              }
            }
            enum Color { RED, GREEN }
            """));
  }

  @Test
  void enumSetOfATypeVariable_isReportedOnTheComponent() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Flags",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.EnumSet;
                @Transferable
                record Flags<E extends Enum<E>>(EnumSet<E> set) {} // ferry:not-transferable @set
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "is the element type of an `EnumSet`, and the reading process must name the enum to"
                + " build one, which a type variable does not");
  }

  @Test
  void enumSetOfATypeVariable_twin_concreteEnumCompilesClean() {
    assertCompilesClean(
        source(
            "test.Flags",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.EnumSet;
            @Transferable
            record Flags(EnumSet<java.util.concurrent.TimeUnit> set) {}
            """));
  }

  @Test
  void inputStreamClassField_isReportedOnTheField() {
    assertDiagnostics(
        source(
            "test.Upload",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.io.InputStream;
            @Transferable
            final class Upload {
              final String name;
              final InputStream body; // ferry:not-transferable @body
              Upload(String name, InputStream body) {
                this.name = name;
                this.body = body;
              }
            }
            """));
  }

  @Test
  void inputStreamClassField_twin_bytesCompileClean() {
    assertCompilesClean(
        source(
            "test.Upload",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Upload {
              final String name;
              final byte[] body;
              Upload(String name, byte[] body) {
                this.name = name;
                this.body = body;
              }
            }
            """));
  }

  /**
   * A type argument of a generic type is written with its run-time class, which the runtime
   * rebuilds for arrays of primitives only: `Box<String[]>` compiled and failed when sent.
   */
  @Test
  void objectArrayAsTypeArgument_isReportedOnTheComponent() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Holder",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                record Box<T>(T value) {}
                @Transferable
                record Holder(
                    Box<String[]> names, // ferry:not-transferable @names
                    Box<List<int[][]>> grids) {} // ferry:not-transferable @grids
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Holder.names` is `Box<String[]>`, and `String[]` is an array of objects");
    assertThat(compilation).hadErrorContaining("`Holder.grids` is `Box<List<int[][]>>`");
  }

  @Test
  void objectArrayAsTypeArgument_twin_primitiveArraysAndArrayMembersCompileClean() {
    assertCompilesClean(
        source(
            "test.Holder",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Box<T>(T value) {}
            @Transferable
            record Holder(Box<int[]> ids, String[] names, List<String[]> rows, Box<List<String>> list) {}
            """));
  }

  @Test
  void object_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Envelope",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Envelope(Object payload) {} // ferry:not-transferable @payload
                """));
    assertThat(compilation).hadErrorContaining("`Envelope.payload` is `Object`, which could hold");
  }

  @Test
  void object_twin_stringCompilesClean() {
    assertCompilesClean(
        source(
            "test.Envelope",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Envelope(String payload) {}
            """));
  }

  @Test
  void jdkInterface_isReported() {
    assertDiagnostics(
        source(
            "test.Task",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Task(Runnable body) {} // ferry:not-transferable @body
            """));
  }

  @Test
  void unannotatedInterface_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Drawing",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                interface Shape {}
                @Transferable
                record Drawing(Shape shape) {} // ferry:not-transferable @shape
                """));
    assertThat(compilation).hadErrorContaining("`Drawing.shape` is `Shape`, which is an interface that is not sealed");
  }

  @Test
  void autoValueMemberAndChannel_areReportedWithAHandWrittenCodecAsTheFix() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "com.google.auto.value.AutoValue",
                """
                package com.google.auto.value;
                public @interface AutoValue {}
                """),
            source(
                "test.Line",
                """
                package test;
                import com.google.auto.value.AutoValue;
                import dev.ferry.Channel;
                import dev.ferry.annotation.Transferable;
                @AutoValue
                abstract class Price {
                  abstract long cents();
                }
                @Transferable
                record Line(Price price) {} // ferry:not-transferable @price
                final class Use {
                  static void use(Channel<Price> prices) {} // ferry:not-transferable @Price
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Line.price` is `Price`, which is annotated @AutoValue, so its values are of a class"
                + " that AutoValue generates, and the process that reads the bytes cannot know"
                + " which class to rebuild. Fix: write the codec of `Price` by hand with"
                + " @TransferableCodec (a `Codec<Price>` that builds values through the factory of"
                + " `Price`).");
  }

  /**
   * A member or channel declared as the class another processor generates for a value type: it
   * was told to annotate that class with @Transferable or import it, which cannot be done (the
   * class is generated, its constructor private). The legal twin is {@code
   * TransferableImportTest.generatedValueTypeWithAHandWrittenCodec_twin_compilesClean}.
   */
  @Test
  void generatedClassAsMemberOrChannel_isToldToDeclareTheValueType() {
    Compilation compilation =
        assertDiagnostics(
            GeneratedValueTypes.with(
                source(
                    "app.Order",
                    """
                    package app;
                    import dev.ferry.Channel;
                    @dev.ferry.annotation.Transferable
                    record Order(ImmutableFoo foo) { // ferry:not-transferable @foo
                      static void use(Channel<ImmutableFoo> foos) {} // ferry:not-transferable @ImmutableFoo
                    }
                    """)));
    String codec = Messages.valueTypeCodec("Foo");
    assertThat(compilation)
        .hadErrorContaining(
            "`Order.foo` is `ImmutableFoo`, which is the class Immutables generates for `Foo`"
                + " (@Value.Immutable), and it has no codec. Fix: declare the member as `Foo` and "
                + codec + ".");
    assertThat(compilation)
        .hadErrorContaining("Fix: write `Foo` in place of `ImmutableFoo` and " + codec + ".");
  }

  @Test
  void unannotatedNonSealedInterface_isReported() {
    assertDiagnostics(
        source(
            "test.Drawing",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            sealed interface Shape permits Open {}
            non-sealed interface Open extends Shape {}
            @Transferable
            record Drawing(Open shape) {} // ferry:not-transferable @shape
            """));
  }

  /**
   * A sealed type whose permitted subtypes are @Transferable, itself unannotated: it was told it
   * "is an interface that is not sealed", with the fix to make it sealed, which it was.
   */
  @Test
  void unannotatedSealedInterfaceAndAbstractClass_areToldToBeAnnotated() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Drawing",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                sealed interface Shape permits Circle {}
                @Transferable
                record Circle(double radius) implements Shape {}
                abstract sealed class Base permits Leaf {}
                @Transferable
                final class Leaf extends Base {}
                @Transferable
                record Drawing(
                    Shape shape, // ferry:not-transferable @shape
                    Base base) {} // ferry:not-transferable @base
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Drawing.shape` is `Shape`, which is a sealed interface that is not @Transferable, so"
                + " it has no codec, and a value declared as it is written and read only through a"
                + " codec of `Shape` itself. Fix: annotate `Shape` with @Transferable, as each of"
                + " its permitted subtypes must be.");
    assertThat(compilation)
        .hadErrorContaining(
            "`Drawing.base` is `Base`, which is a sealed abstract class that is not"
                + " @Transferable");
  }

  @Test
  void unannotatedInterface_twin_sealedTransferableCompilesClean() {
    assertCompilesClean(
        source(
            "test.Drawing",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Circle, Square {}
            @Transferable
            record Circle(double radius) implements Shape {}
            @Transferable
            record Square(double side) implements Shape {}
            @Transferable
            record Drawing(Shape shape) {}
            """));
  }

  @Test
  void unannotatedAbstractClass_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Zoo",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                abstract class Animal {}
                @Transferable
                record Zoo(Animal star) {} // ferry:not-transferable @star
                """));
    assertThat(compilation).hadErrorContaining("`Zoo.star` is `Animal`, which is an abstract class that is not sealed");
  }

  @Test
  void annotationTypeMember_isCalledAnAnnotationType() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Tagged",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @interface Tag { String value(); }
                @Transferable
                record Tagged(
                    Tag tag, // ferry:not-transferable @tag
                    Override marker) {} // ferry:not-transferable @marker
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Tagged.tag` is `Tag`, which is an annotation type: its values are objects the JVM"
                + " makes for an annotated element, not plain values that another process could"
                + " rebuild from bytes. Fix: copy the values you need into a @Transferable"
                + " record.");
    assertThat(compilation).hadErrorContaining("`Tagged.marker` is `Override`, which is an annotation type");
  }

  @Test
  void voidMember_saysWhyNullDoesNotCross() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Done",
                """
                package test;
                @dev.ferry.annotation.Transferable
                record Done(Void nothing) {} // ferry:not-transferable @nothing
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Done.nothing` is `Void`, which has no value but null, and a channel or a copied"
                + " value carries values, never null (`send(null)` throws). Fix: send a value that"
                + " says what happened, such as an enum constant or a @Transferable record.");
  }

  @Test
  void unannotatedAbstractClass_twin_sealedTransferableCompilesClean() {
    assertCompilesClean(
        source(
            "test.Zoo",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            abstract sealed class Animal permits Dog {}
            @Transferable
            final class Dog extends Animal {
              String name;
              Dog() {}
            }
            @Transferable
            record Zoo(Animal star) {}
            """));
  }

  @Test
  void unannotatedClass_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Route",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                record Point(int x, int y) {}
                @Transferable
                record Route(
                    Point from, // ferry:not-transferable @from
                    Point to) {} // ferry:not-transferable @to
                """));
    assertThat(compilation).hadErrorContaining("`Route.to` is `Point`, which is not @Transferable");
    // A class the user cannot annotate (a library's) has two ways out, and the fix names both.
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: annotate `Point` with @Transferable, or, if it is not yours to change, name it in"
                + " @TransferableImport or write its codec by hand with @TransferableCodec.");
  }

  @Test
  void unannotatedClass_twin_annotatedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Route",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            record Point(int x, int y) {}
            @Transferable
            record Route(Point from, Point to) {}
            """));
  }

  // ---- at depth: the message names the member's whole type and the culprit inside it ----

  @Test
  void listOfThread_isReportedWithItsPath() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Pool",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                record Pool(List<Thread> workers) {} // ferry:not-transferable @workers
                """));
    assertThat(compilation)
        .hadErrorContaining("`Pool.workers` is `List<Thread>`, and `Thread` is a JDK type");
  }

  @Test
  void mapOfObject_isReportedWithItsPath() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Settings",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.Map;
                @Transferable
                record Settings(Map<String, Object> values) {} // ferry:not-transferable @values
                """));
    assertThat(compilation)
        .hadErrorContaining("`Settings.values` is `Map<String, Object>`, and `Object` could hold");
  }

  @Test
  void optionalListOfRunnable_isReportedWithItsPath() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Hooks",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                import java.util.Optional;
                @Transferable
                final class Hooks {
                  Optional<List<Runnable>> onExit; // ferry:not-transferable @onExit
                  Hooks() {}
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Hooks.onExit` is `Optional<List<Runnable>>`, and `Runnable` is a JDK type");
  }

  @Test
  void arrayOfThread_isReportedWithItsPath() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Pool",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Pool(Thread[][] grid) {} // ferry:not-transferable @grid
                """));
    assertThat(compilation).hadErrorContaining("`Pool.grid` is `Thread[][]`, and `Thread` is");
  }

  @Test
  void atDepth_twin_builtInsCompileClean() {
    assertCompilesClean(
        source(
            "test.Pool",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            import java.util.Optional;
            @Transferable
            record Pool(
                List<Long> workerIds,
                Map<String, String> values,
                Optional<List<String>> onExit,
                long[][] grid) {}
            """));
  }

  @Test
  void rawList_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Bag",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                record Bag(@SuppressWarnings("rawtypes") List items) {} // ferry:not-transferable @items
                """));
    assertThat(compilation).hadErrorContaining("`Bag.items` is `List`, which is raw");
  }

  @Test
  void unboundedWildcard_isReported() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Bag",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                record Bag(List<?> items) {} // ferry:not-transferable @items
                """));
    assertThat(compilation).hadErrorContaining("`Bag.items` is `List<?>`, and `?` could hold");
  }

  @Test
  void superBoundedWildcard_isReportedInTheUsersNames() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Bag",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.Map;
                @Transferable
                record Bag(Map<String, ? super Integer> weights) {} // ferry:not-transferable @weights
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Bag.weights` is `Map<String, ? super Integer>`, and `? super Integer` could hold");
  }

  @Test
  void superBoundedWildcard_twin_extendsBoundCompilesClean() {
    assertCompilesClean(
        source(
            "test.Bag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.Map;
            @Transferable
            record Bag(Map<String, ? extends Integer> weights) {}
            """));
  }

  @Test
  void rawAndWildcard_twin_typedListCompilesClean() {
    assertCompilesClean(
        source(
            "test.Bag",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            @Transferable
            record Bag(List<String> items, List<String> names) {}
            """));
  }

  // ---- generics ----
  // The generator's code for a type-variable member calls dev.ferry.internal.codec.DynamicCodec, which the
  // runtime does not have yet (see CodegenGapTest), so these run the checker alone.

  @Test
  void genericRecord_isLegal() {
    checkerOnly()
        .expectingClean(
            source(
                "test.Box",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                record Box<T>(T value, String label) {}
                """),
            source(
                "test.Shelf",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                @Transferable
                record Shelf(Box<String> top, List<Box<Integer>> rest) {}
                """));
  }

  @Test
  void boxOfThread_isReportedOnTheMember() {
    Compilation compilation =
        checkerOnly()
            .expectingMarked(
                source(
                    "test.Box",
                    """
                    package test;
                    import dev.ferry.annotation.Transferable;
                    @Transferable
                    record Box<T>(T value, String label) {}
                    """),
                source(
                    "test.Shelf",
                    """
                    package test;
                    import dev.ferry.annotation.Transferable;
                    @Transferable
                    record Shelf(Box<Thread> top) {} // ferry:not-transferable @top
                    """));
    assertThat(compilation).hadErrorContaining("`Shelf.top` is `Box<Thread>`, and `Thread` is");
  }

  // ---- sealed types ----

  @Test
  void sealedPermittingUnannotatedSubtype_isReportedOnTheSealedType() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Shape",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                sealed interface Shape permits Circle, Square {} // ferry:not-transferable @interface
                @Transferable
                record Circle(double radius) implements Shape {}
                record Square(double side) implements Shape {}
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.format(
                Messages.unannotatedSubtype("Shape", List.of("Square"), "Transferable")));
  }

  /**
   * The twin of {@link #sealedPermittingUnannotatedSubtype_isReportedOnTheSealedType}: a permitted
   * subtype with a codec of its own given another way, written by hand or imported, needs no
   * annotation; the sealed type's codec writes it with that codec. The docs read as refusing every
   * unannotated subtype. Found by checkerfuzz59's generated sealed hierarchies.
   */
  @Test
  void sealedPermittingSubtypesWithHandWrittenOrImportedCodecs_twin_compilesClean() {
    assertCompilesClean(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import dev.ferry.annotation.TransferableImport;
            @Transferable
            sealed interface Shape permits Circle, Square, Tri {}
            @Transferable
            record Circle(double radius) implements Shape {}
            record Square(int side) implements Shape {}
            record Tri(int a, String b) implements Shape {}
            @TransferableImport(Tri.class)
            final class Imports {}
            """),
        source(
            "test.SquareCodec",
            """
            package test;
            import dev.ferry.ByteInput;
            import dev.ferry.ByteOutput;
            import dev.ferry.Codec;
            import dev.ferry.annotation.TransferableCodec;
            @TransferableCodec
            public final class SquareCodec implements Codec<Square> {
              public static final SquareCodec INSTANCE = new SquareCodec();
              @Override public void write(ByteOutput out, Square value) { out.writeVarInt(value.side()); }
              @Override public Square read(ByteInput in) { return new Square(in.readVarInt()); }
              @Override public long fingerprint() { return 11L; }
            }
            """));
  }

  /**
   * A permitted subtype that is non-sealed (Java 17's sealed hierarchies, written more since Java
   * 21's pattern switch): the fix was "annotate `Open` with @Transferable", which only drew the
   * next error, on `Open`, "an interface that is not sealed". The fix now says to seal it (or make
   * a class final) as well as annotate it. Found probing Java 21-25 programs.
   */
  /** Shared with EcjDeclarationRulesTest. */
  public static final String SEALED_PERMITTING_NON_SEALED =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      sealed interface Shape permits Circle, Open, Base, Square {} // ferry:not-transferable @interface
      @Transferable
      record Circle(double radius) implements Shape {}
      non-sealed interface Open extends Shape {}
      abstract non-sealed class Base implements Shape {}
      record Square(double side) implements Shape {}
      """;

  public static final String NON_SEALED_SUBTYPES_MESSAGE =
      "`Shape` permits `Square`, not @Transferable, and `Open` and `Base`, non-sealed and"
          + " not @Transferable: a value of those subtypes has no codec and could not be"
          + " copied, and any class may extend a non-sealed one, so the process that reads a"
          + " `Shape` could not know which class to rebuild. Fix: annotate `Square` with"
          + " @Transferable; make `Open` and `Base` sealed, permitting only @Transferable"
          + " types, or a final class, and annotate them with @Transferable.";

  @Test
  void sealedPermittingNonSealedSubtypes_isToldToSealThem() {
    Compilation compilation =
        assertDiagnostics(source("test.Shape", SEALED_PERMITTING_NON_SEALED));
    assertThat(compilation).hadErrorContaining(NON_SEALED_SUBTYPES_MESSAGE);
  }

  @Test
  void sealedPermittingANonSealedSubtype_isToldToSealIt() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Shape",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                @Transferable
                sealed interface Shape permits Circle, Open {} // ferry:not-transferable @interface
                @Transferable
                record Circle(double radius) implements Shape {}
                non-sealed interface Open extends Shape {}
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Shape` permits `Open`, which is non-sealed and not @Transferable: any class may"
                + " extend it, so the process that reads a `Shape` cannot know which class to"
                + " rebuild. Fix: make `Open` sealed, permitting only @Transferable types, or a"
                + " final class, and annotate it with @Transferable.");
  }

  @Test
  void sealedPermittingNonSealedSubtypes_twin_sealedAndFinalCompileClean() {
    assertCompilesClean(
        source(
            "test.Shape",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            sealed interface Shape permits Circle, Open, Base {}
            @Transferable
            record Circle(double radius) implements Shape {}
            @Transferable
            sealed interface Open extends Shape permits Dot {}
            @Transferable
            record Dot() implements Open {}
            @Transferable
            final class Base implements Shape {}
            """));
  }

  /**
   * Several permitted subtypes without a codec: each was its own error on the sealed type, and
   * javac prints only the first error at a position, so the user saw one subtype named per build
   * (ECJ printed them all). One error now names them all. Shared with EcjDeclarationRulesTest.
   */
  public static final String SEALED_PERMITTING_SEVERAL_UNANNOTATED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.InheritOnly;
      import dev.ferry.annotation.Transferable;
      @Transferable
      sealed interface Shape permits Circle, Square, Line, Dot {} // ferry:not-transferable @interface
      @Transferable
      record Circle(double radius) implements Shape {}
      record Square(double side) implements Shape {}
      record Line(double length) implements Shape {}
      record Dot() implements Shape {}
      @Transferable
      sealed interface Event permits Started, Piped, Teed {} // ferry:inherit-only-sent @interface
      @Transferable
      record Started(long at) implements Event {}
      @InheritOnly
      record Piped(Channel<String> out) implements Event {}
      @InheritOnly
      record Teed(Channel<String> out) implements Event {}
      """;

  @Test
  void sealedPermittingSeveralUnannotatedSubtypes_namesThemAllInOneError() {
    Compilation compilation =
        assertDiagnostics(source("test.Shape", SEALED_PERMITTING_SEVERAL_UNANNOTATED));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Shape` permits `Square`, `Line` and `Dot`, which are not @Transferable, so a"
                + " value of those subtypes has no codec and could not be copied. Fix: annotate"
                + " `Square`, `Line` and `Dot` with @Transferable.");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `Event` permits `Piped` and `Teed`, which are @InheritOnly: they hold"
                + " process-local handles");
  }

  @Test
  void sealedPermittingSeveralUnannotatedSubtypes_twin_allAnnotatedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Shape",
            SEALED_PERMITTING_SEVERAL_UNANNOTATED
                .replaceAll(" // ferry:[a-z-]+ @interface", "")
                .replace("record Square", "@Transferable record Square")
                .replace("record Line", "@Transferable record Line")
                .replace("record Dot", "@Transferable record Dot")
                .replace("@InheritOnly\nrecord Piped(Channel<String>", "@Transferable\nrecord Piped(String")
                .replace("@InheritOnly\nrecord Teed(Channel<String>", "@Transferable\nrecord Teed(String")));
  }

  // ---- several problems, one compilation ----

  @Test
  void severalMembers_allReportedInOneCompilation() {
    assertDiagnostics(
        source(
            "test.Mess",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            import java.util.Map;
            @Transferable
            record Mess(
                Thread worker, // ferry:not-transferable @worker
                long id,
                List<Object> items, // ferry:not-transferable @items
                Map<String, Runnable> hooks) {} // ferry:not-transferable @hooks
            """),
        source(
            "test.Other",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            @Transferable
            final class Other {
              Object payload; // ferry:not-transferable @payload
              Other() {}
            }
            """));
  }

  /**
   * A private class without a codec was told to be annotated @Transferable, which only moved the
   * error: no codec in the package can name a private type (javapoet's {@code CodeWriter} holds a
   * {@code private static final class Multiset<T>}). The fix names both steps, and the private
   * type around a nested one.
   */
  @Test
  void privateClassWithoutCodec_isToldToBePackagePrivateAndAnnotated() {
    Compilation compilation =
        assertDiagnostics(
            source(
                "test.Writer",
                """
                package test;
                import dev.ferry.annotation.Transferable;
                final class Writer {
                  @Transferable
                  record Holder(
                      Bag<String> bag, // ferry:not-transferable @bag
                      Hidden.Item item) {} // ferry:not-transferable @item
                  private static final class Bag<T> {
                    int size;
                  }
                  private static final class Hidden {
                    static final class Item {
                      int size;
                    }
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag() + " `Holder.bag` is `Bag<String>`, and `Bag` is not"
                + " @Transferable, so it has no codec, and `Bag` is private, so no codec in the"
                + " package could name it. Fix: make `Bag` package-private and annotate `Bag` with"
                + " @Transferable. See docs/");
    assertThat(compilation)
        .hadErrorContaining(
            "`Hidden` is private, so no codec in the package could name it. Fix: make `Hidden`"
                + " package-private and annotate `Item` with @Transferable.");
  }

  @Test
  void privateClassWithoutCodec_twin_packagePrivateAndAnnotatedCompilesClean() {
    assertCompilesClean(
        source(
            "test.Writer",
            """
            package test;
            import dev.ferry.annotation.Transferable;
            final class Writer {
              @Transferable
              record Holder(Bag<String> bag, Hidden.Item item) {}
              @Transferable
              static final class Bag<T> {
                int size;
              }
              static final class Hidden {
                @Transferable
                static final class Item {
                  int size;
                }
              }
            }
            """));
  }

  private static final dev.ferry.processor.testing.Source SHAPE =
      source(
          "sh.Shape",
          """
          package sh;
          import dev.ferry.annotation.Transferable;
          @Transferable
          public sealed interface Shape permits Circle, Square {}
          """);
  private static final dev.ferry.processor.testing.Source CIRCLE =
      source(
          "sh.Circle",
          """
          package sh;
          import dev.ferry.annotation.Transferable;
          @Transferable
          public record Circle(double r) implements Shape {}
          """);

  private static dev.ferry.processor.testing.Source square(String annotation, String marker) {
    return source(
        "sh.Square",
        """
        package sh;
        %s
        public record Square(double side) implements Shape {} %s
        """
            .formatted(annotation, marker));
  }

  /** The output of a full build of Shape, Circle and a @Transferable Square, as a later one reads it. */
  private static java.nio.file.Path earlierBuild() {
    return FerryCompiler.ferry()
        .compileLibrary(SHAPE, CIRCLE, square("@dev.ferry.annotation.Transferable", ""));
  }

  /**
   * A build that compiles only the changed file of a sealed type's subtype (an IDE's make), the
   * sealed type's class from the earlier build on its class path, was told nothing when the
   * subtype lost its @Transferable: the sealed type, which a full build tells, is not analyzed, and
   * the earlier build's codec of the subtype stayed in the output.
   */
  @Test
  void subtypeCompiledAlone_losingItsAnnotation_isToldOnTheSubtype() {
    Compilation compilation =
        FerryCompiler.ferry()
            .withClasspath(List.of(earlierBuild()))
            .expectingMarked(square("", "// ferry:not-transferable @record"));
    assertThat(compilation)
        .hadErrorContaining(Messages.unannotatedSubtypeOfCompiled("Square", "Shape"));
  }

  @Test
  void subtypeCompiledAlone_stillAnnotated_compilesClean() {
    FerryCompiler.ferry()
        .withClasspath(List.of(earlierBuild()))
        .expectingClean(square("@dev.ferry.annotation.Transferable", ""));
  }

  @Test
  void subtypeCompiledAlone_withAHandWrittenCodecInTheSameFile_compilesClean() {
    FerryCompiler.ferry()
        .withClasspath(List.of(earlierBuild()))
        .expectingClean(
            source(
                "sh.Square",
                """
                package sh;
                import dev.ferry.ByteInput;
                import dev.ferry.ByteOutput;
                import dev.ferry.Codec;
                import dev.ferry.annotation.TransferableCodec;
                public record Square(double side) implements Shape {
                  @TransferableCodec
                  public static final class SquareCodec implements Codec<Square> {
                    public static final SquareCodec INSTANCE = new SquareCodec();
                    public void write(ByteOutput out, Square s) { out.writeDouble(s.side()); }
                    public Square read(ByteInput in) { return new Square(in.readDouble()); }
                    public long fingerprint() { return 7; }
                  }
                }
                """));
  }
}
