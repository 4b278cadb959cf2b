package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import org.junit.jupiter.api.Test;

/**
 * Crossings that reach a marked parameter through a type variable: the type a call infers (or is
 * given) for a generic method's variable that reaches a {@code @Sent} or {@code @SpawnArgument}
 * position, a user's generic class whose variable reaches one, explicit type arguments of a method
 * reference, method references that hand values to marked parameters, overrides of marked
 * methods. Each with its legal twin.
 */
public class CrossingTypeVariablesTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  /** Generic helpers declared in a file compiled after their callers (not attributed yet). */
  private static final Source HELPERS =
      source(
          "test.Helpers",
          """
          package test;
          import lib.Chan;
          import lib.Spawner;
          final class Helpers {
            static <T> void relay(Chan<T> channel, T value) {}

            static <T> void sendIt(T value) {
              Chan<T> channel = Chan.create();
              channel.send(value);
            }

            static <T> void forward(T value) {
              sendIt(value);
            }

            static <T> void start(T argument) {
              Spawner.spawn1(Helpers::child, argument);
            }

            static void child(Object argument) {}
          }
          """);

  /**
   * A generic helper given lists a conditional or switch expression chooses ({@code
   * all(Channel.create(), flag ? List.of(job) : List.of("x"))} for {@code <T> void all(Channel<T>
   * c, List<T> values)}): javac infers {@code T} from every list at once, as {@code Object}, and
   * the first argument carrying it, {@code Channel.create()}, was told "gives `T` of `all` the type
   * `Object`", though each list's elements have a codec. The chosen lists are what crosses: each
   * is checked by the type it gives {@code T} alone, and a bad one told where it is written.
   * Shared with EcjCallSitesTest.
   */
  public static final String CHOSEN_LISTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int id) {}
        static <T> void all(Channel<T> c, List<T> values) throws Exception {
          for (T value : values) c.send(value);
        }
        static void use(boolean flag, int k, Job job, Channel<String> lane) throws Exception {
      CALLS
        }
      }
      """;

  @Test
  void listsChosenForAHelpersVariable_areCheckedByEachList() {
    FerryCompiler.ferry()
        .expectingMarked(
            source(
                "test.Main",
                CHOSEN_LISTS.replace(
                    "CALLS",
                    """
                        all(Channel.create(), flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @(new
                        all(Channel.create(), switch (k) { case 1 -> List.of(job); default -> List.of(lane); }); // ferry:inherit-only-sent @(lane)
                    """)));
  }

  /** The legal twin, shared with EcjCallSitesTest. */
  public static final String CHOSEN_LISTS_LEGAL =
      CHOSEN_LISTS.replace(
          "CALLS",
          """
              all(Channel.create(), flag ? List.of(job) : List.of("x"));
              all(Channel.create(), switch (k) { case 1 -> List.of(job); default -> List.of(3); });
          """);

  @Test
  void listsChosenForAHelpersVariable_twin_compileClean() {
    FerryCompiler.ferry().expectingClean(source("test.Main", CHOSEN_LISTS_LEGAL));
  }

  /**
   * A generic helper whose variable two arguments carry inside wider types ({@code <T> void
   * all(Channel<T> c, List<T> values)}): {@code all(Channel.create(), List.of(new Thread()))} was
   * told on {@code Channel.create()}, the first argument carrying {@code T}, though that one only
   * takes the type the list gives; swapping the parameters moved the error. It is told on the
   * argument that brings the type on its own, in either order; where both bring it, on the first.
   * Shared with EcjCallSitesTest.
   */
  public static final String BROUGHT_BY_ONE =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int id) {}
        static <T> void all(Channel<T> c, List<T> values) throws Exception {
          for (T value : values) c.send(value);
        }
        static <T> void rev(List<T> values, Channel<T> c) throws Exception {
          for (T value : values) c.send(value);
        }
        static <T> void pair(List<T> first, List<T> second) throws Exception {
          Channel<T> c = Channel.create();
          for (T value : first) c.send(value);
          for (T value : second) c.send(value);
        }
        static void use(List<Thread> threads, Job job) throws Exception {
      CALLS
        }
      }
      """;

  @Test
  void variableCarriedByTwoArguments_isToldOnTheOneThatBringsItsType() {
    FerryCompiler.ferry()
        .expectingMarked(
            source(
                "test.Main",
                BROUGHT_BY_ONE.replace(
                    "CALLS",
                    """
                        all(Channel.create(), List.of(new Thread())); // ferry:not-transferable @(new
                        rev(List.of(new Thread()), Channel.create()); // ferry:not-transferable @(new
                        all(Channel.create(), threads); // ferry:not-transferable @threads
                        rev(threads, Channel.create()); // ferry:not-transferable @threads
                        all(Channel.create(), List.of(Channel.create())); // ferry:inherit-only-sent @(Channel.create()))
                        pair(threads, List.of(new Thread())); // ferry:not-transferable @threads
                        pair(List.of(new Thread()), threads); // ferry:not-transferable @(new
                    """)));
  }

  /** The legal twin, shared with EcjCallSitesTest. */
  public static final String BROUGHT_BY_ONE_LEGAL =
      BROUGHT_BY_ONE.replace(
          "CALLS",
          """
              all(Channel.create(), List.of(job));
              rev(List.of(job), Channel.create());
              pair(List.of(job), List.of(new Job(2)));
          """);

  @Test
  void variableCarriedByTwoArguments_twin_compileClean() {
    FerryCompiler.ferry().expectingClean(source("test.Main", BROUGHT_BY_ONE_LEGAL));
  }

  @Test
  void inferredTypeArguments_areReportedOnTheArgumentThatCarriesThem() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                final class Main {
                  static void use(Chan<String> replies, Thread worker) {
                    Helpers.relay(Chan.create(), replies); // ferry:inherit-only-sent @replies
                    Helpers.sendIt(replies); // ferry:inherit-only-sent @replies
                    Helpers.forward(replies); // ferry:inherit-only-sent @replies
                    Helpers.sendIt(worker); // ferry:not-transferable @worker
                    record Local(int id) {}
                    Helpers.start(new Local(1)); // ferry:local-class @new
                  }
                }
                """),
            HELPERS);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `replies` is sent to another process, and `Chan` in its type `Chan<String>`"
                + " is @InheritOnly");
  }

  @Test
  void inferredTypeArguments_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void use(Chan<String> replies) {
                Helpers.relay(Chan.create(), "text");
                Helpers.sendIt(new Job(1));
                Helpers.forward("text");
                Helpers.start(replies); // a channel may be handed to a child at spawn
                Helpers.start(new Job(2));
              }
            }
            """),
        HELPERS);
  }

  @Test
  void callerThatNamesNoFerryType_isStillChecked() {
    // The caller's unit reaches Ferry only through a helper whose body sends its argument: the
    // checker must not skip it as code that has nothing to do with Ferry.
    api.assertDiagnostics(
        source(
            "test.Caller",
            """
            package test;
            final class Caller {
              static void use(Thread worker) {
                Helpers.sendIt(worker); // ferry:not-transferable @worker
                Helpers.sendIt("text");
              }
            }
            """),
        HELPERS);
  }

  @Test
  void valueToldForATypeVariable_isNotToldAgainOnTheOtherArgumentsCarryingIt() {
    // One mistake: the value's message names the type; the channel argument, whose type the call
    // gives the same variable, is not told again (where the type is written in it, or inferred).
    // With no value told, the type written is told where written.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.List;
            import lib.Chan;
            final class Main {
              static <M> void offerAll(Chan<M> channel, @Sent List<M> values) {}
              static void use(Chan<String> replies, Thread worker) {
                Helpers.relay(Chan.<Chan<String>>create(), replies); // ferry:inherit-only-sent @replies
                offerAll(Chan.create(), List.of(replies)); // ferry:inherit-only-sent @(replies)
                Helpers.relay(Chan.<Thread>create(), worker); // ferry:not-transferable @worker
                offerAll(Chan.<Thread>create(), List.of()); // ferry:not-transferable @());
                Helpers.relay(Chan.<Thread>create(), null); // ferry:not-transferable @Thread
                offerAll(Chan.create(), List.of("text"));
              }
            }
            """),
        HELPERS);
  }

  @Test
  void explicitTypeArgumentsOfAHelper_areReportedWhereWritten() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use() {
                Helpers.<Thread>sendIt(null); // ferry:not-transferable @Thread
                Helpers.<String>sendIt(null);
              }
            }
            """),
        HELPERS);
  }

  private static final Source RELAY =
      source(
          "test.Relay",
          """
          package test;
          import lib.Chan;
          final class Relay<T> {
            Chan<T> out;
          }
          """);

  private static final Source POSTER =
      source(
          "test.Poster",
          """
          package test;
          import lib.Chan;
          final class Poster<T> {
            void post(T value) {
              Chan<T> channel = Chan.create();
              channel.send(value);
            }
          }
          """);

  @Test
  void genericClassWhoseVariableReachesASentPosition_isReportedWhereItBecomesConcrete() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              Relay<Chan<Job>> relay; // ferry:inherit-only-sent @Chan<Job>
              Poster<Thread> poster; // ferry:not-transferable @Thread
              Object posting = new Poster<Thread>(); // ferry:not-transferable @Thread
              Object made = new Relay<Thread>(); // ferry:not-transferable @Thread
            }
            """),
        RELAY,
        POSTER);
  }

  @Test
  void genericClassWhoseVariableReachesASentPosition_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              Relay<Job> relay = new Relay<>();
              Poster<String> poster = new Poster<String>();
            }
            """),
        RELAY,
        POSTER);
  }

  private static final Source OUTER =
      source(
          "test.Outer",
          """
          package test;
          import lib.Chan;
          final class Outer<T> {
            final class Inner {
              Chan<T> out;
            }
            static final class Nested<U> {
              Chan<U> out;
            }
          }
          """);

  /**
   * A type argument written for an enclosing class, {@code Outer<Thread>.Inner}, gives {@code
   * Outer}'s variable its type as {@code Outer<Thread>} does (EcjCallSitesTest has the same
   * program: ECJ checked only the last name's arguments).
   */
  @Test
  void typeArgumentOfAnEnclosingType_isReportedWhereWritten() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Main {
              Outer<Thread>.Inner inner; // ferry:not-transferable @Thread
              List<Outer<Chan<Job>>.Inner> inners; // ferry:inherit-only-sent @Chan<Job>
              Object cast(Object o) {
                return (test.Outer<Thread>.Inner[]) o; // ferry:not-transferable @Thread
              }
            }
            """),
        OUTER);
  }

  @Test
  void typeArgumentOfAnEnclosingType_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            final class Main {
              Outer<Job>.Inner inner;
              List<Outer<String>.Inner> inners;
              Outer.Nested<Job> nested;
              Object cast(Object o) {
                return (test.Outer<Job>.Inner[]) o;
              }
            }
            """),
        OUTER);
  }

  /**
   * A diamond or a generic method's call used at once as a receiver is typed alone, {@code
   * Poster<Object>}, with no type written anywhere: only {@code var p = new Poster<>()} was told,
   * and {@code new Poster<>().post(new Thread())} sent a Thread unreported. A value passed for the
   * variable itself is checked by its own type (as {@code Channel.create().send(job)} is); a
   * variable only a wider parameter carries is told on the receiver, once.
   */
  @Test
  void receiverWhoseTypeArgumentsAreInferred_isCheckedOnTheValuesItTakes() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                final class Main {
                  static <T> Batch<T> batch() { return new Batch<>(); }
                  static void use(Thread thread) {
                    new Poster<>().post(thread); // ferry:not-transferable @thread
                    Helpers2.poster().post(thread); // ferry:not-transferable @thread
                    new Batch<>().postAll(List.of(thread)); // ferry:not-transferable @new
                    batch().postAll(List.of("job")); // ferry:not-transferable @(
                    (new Batch<>()).postAll(List.of(thread), List.of(thread)); // ferry:not-transferable @new
                  }
                }
                """),
            source(
                "test.Helpers2",
                """
                package test;
                final class Helpers2 {
                  static <T> Poster<T> poster() { return new Poster<>(); }
                }
                """),
            BATCH,
            POSTER);
    assertThat(compilation.errors().get(2).getMessage(java.util.Locale.ROOT))
        .isEqualTo(
            "[ferry:not-transferable] `new Batch<>()` gives `T` of `Batch` the type `Object`; a"
                + " value of `T` is sent to another process, and `Object` could hold any type, and a"
                + " process that reads the bytes must know which class to rebuild. Fix: write the"
                + " type argument for `T` of `Batch`, a type that can cross, instead of leaving it"
                + " to inference; declare a @Transferable type, or a sealed interface of"
                + " @Transferable types. See docs/rules/not-transferable.md");
  }

  @Test
  void receiverWhoseTypeArgumentsAreInferred_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            final class Main {
              static <T> Batch<T> batch() { return new Batch<>(); }
              static void use() {
                new Poster<>().post("job");
                new Batch<String>().postAll(List.of("job"));
                Main.<String>batch().postAll(List.of("job"));
                new Batch<>().flush();
                batch().flush();
                lib.Chan.create().send("job");
              }
            }
            """),
        BATCH,
        POSTER);
  }

  /**
   * A method reference bound to such a receiver is a call on it made later: {@code
   * threads.forEach(new Poster<>()::post)} handed each {@code Thread} to a {@code Poster<Object>}
   * that sends it, and compiled clean under javac and ECJ, while {@code t -> new
   * Poster<>().post(t)} is told. Each value is checked by its own type, told on the reference; a
   * variable only a wider parameter carries, by the type inferred, on the receiver.
   */
  @Test
  void referenceOnAReceiverWhoseTypeArgumentsAreInferred_isCheckedOnTheValuesItTakes() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                import java.util.function.Consumer;
                final class Main {
                  static <T> Poster<T> poster() { return new Poster<>(); }
                  static void use(List<Thread> threads, List<List<Object>> lists) {
                    threads.forEach(new Poster<>()::post); // ferry:not-transferable @new
                    threads.forEach(poster()::post); // ferry:not-transferable @poster
                    threads.forEach((new Poster<>())::post); // ferry:not-transferable @(new
                    Consumer<Thread> each = new Poster<>()::post; // ferry:not-transferable @new
                    lists.forEach(new Batch<>()::postAll); // ferry:not-transferable @new
                  }
                }
                """),
            BATCH,
            POSTER);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `new Poster<>()::post` hands each `Thread` it receives to `post`, whose"
                + " argument is sent to another process");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `new Batch<>()` gives `T` of `Batch` the type `Object`; a value of `T` is sent"
                + " to another process");
  }

  /**
   * {@code Chan<Thread>::send} is one mistake, the type argument written, told there: the Threads
   * the reference then takes are the same mistake, not a second error on the reference (also for
   * varargs, spread or as their array).
   */
  @Test
  void unboundReferenceWithItsClassTypeArgumentWritten_isToldOnceWhereWritten() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.function.BiConsumer;
                import lib.Chan;
                @SuppressWarnings("ferry:not-transferable") // told where each is used
                interface Spread { void put(Chan<Thread> chan, Thread first, Thread second); }
                @SuppressWarnings("ferry:not-transferable")
                interface Whole { void put(Chan<Runnable> chan, Runnable[] values); }
                final class Main {
                  static <C, V> void each(BiConsumer<C, V> send) {}
                  static void use() {
                    each(Chan<Thread>::send); // ferry:not-transferable @Thread
                    Spread spread = Chan<Thread>::sendAll; // ferry:not-transferable @Thread
                    Whole whole = Chan<Runnable>::sendAll; // ferry:not-transferable @Runnable
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Thread` is a type argument of `Chan<Thread>` whose values are sent to another"
                + " process");
  }

  /**
   * A reference that writes its method's type argument, {@code H::<Thread>sendIt}, is one mistake
   * as well: the {@code Thread} written is told, and the {@code Thread}s the reference then takes
   * for that variable were told again on the reference. (A value of another type than the one
   * written, a subtype the interface names, is still told on the reference, as for a class's.)
   * Shared with EcjCallSitesTest.
   */
  public static final String REFERENCE_WITH_ITS_METHOD_TYPE_ARGUMENT_WRITTEN =
      """
      package test;
      import dev.ferry.annotation.Sent;
      import java.util.function.BiConsumer;
      import java.util.function.Consumer;
      final class H {
        static <T> void sendIt(@Sent T value) {}
        static <@Sent T> void typed(T value) {}
        @SafeVarargs static <@Sent T> void all(T... values) {}
        static <@Sent T> void two(T value, Object other) {}
      }
      final class Take {
        static void one(Consumer<Thread> each) {}
        static void two(BiConsumer<Thread, Thread> each) {}
      }
      final class Main {
        static void use() {
          Take.one(H::<Thread>sendIt); // ferry:not-transferable @Thread
          Take.one(H::<Thread>typed); // ferry:not-transferable @Thread
          Take.two(H::<Thread>all); // ferry:not-transferable @Thread
          Take.two(H::<Thread>two); // ferry:not-transferable @Thread
        }
      }
      """;

  @Test
  void referenceWithItsMethodTypeArgumentWritten_isToldOnceWhereWritten() {
    FerryCompiler.assertDiagnostics(
        source("test.Main", REFERENCE_WITH_ITS_METHOD_TYPE_ARGUMENT_WRITTEN));
  }

  @Test
  void referenceWithItsMethodTypeArgumentWritten_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(
        source(
            "test.Main",
            REFERENCE_WITH_ITS_METHOD_TYPE_ARGUMENT_WRITTEN
                .replace("Thread", "Job")
                .replaceAll(" // ferry:.*", "")),
        source(
            "test.Job",
            """
            package test;
            @dev.ferry.annotation.Transferable
            record Job(long id) {}
            """));
  }

  /**
   * {@code BiPredicate<Channel<Thread>, Thread> f = Channel::offer} is one mistake too: the
   * receiver's type argument is written in the type of the place the reference goes to (a
   * declaration, an assignment, a return), told there, and the reference hands {@code offer}
   * values of exactly that type. A value of another type than the channel's is still told on the
   * reference. Shared with EcjCallSitesTest.
   */
  public static final String REFERENCE_TO_A_WRITTEN_TARGET =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.function.BiPredicate;
      final class Main {
        static BiPredicate<Channel<Thread>, Thread> field; // ferry:not-transferable @Thread
        static BiPredicate<Channel<Thread>, Thread> made() { // ferry:not-transferable @Thread
          return Channel::offer;
        }
        static void use() {
          BiPredicate<Channel<Thread>, Thread> f = Channel::offer; // ferry:not-transferable @Thread
          field = Channel::offer;
          BiPredicate<Channel<Object>, Thread> wide = // ferry:not-transferable @Object
              Channel::offer; // ferry:not-transferable @Channel::offer
          BiPredicate<Channel<String>, String> kept = Channel::offer;
        }
      }
      """;

  @Test
  void unboundReferenceGoingToAWrittenType_isToldOnceWhereWritten() {
    FerryCompiler.assertDiagnostics(source("test.Main", REFERENCE_TO_A_WRITTEN_TARGET));
  }

  /**
   * A generic call inside a spawned value that was told gives its crossing variable the culprit
   * the value's type names: {@code Ferry.spawn(Main::child, Lib.sinks(Thread.class))} for {@code
   * <T> List<Channel<? super T>> sinks(Class<T> type)} is one mistake, told on the value, not again
   * as "`Thread.class` gives `T` of `sinks` the type `Thread`" (also for a channel of an
   * {@code @InheritOnly} type). The call alone is still told on its argument. {@code %1$s} and
   * {@code %2$s}: the text an error on a call and on a class literal begins at, {@code (} and
   * {@code .class} under javac, {@code Lib} and {@code Thread.class} under ECJ. Shared with
   * EcjCallSitesTest.
   */
  public static final String CALL_INSIDE_A_TOLD_VALUE =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.List;
      final class Lib {
        static <T> List<Channel<? super T>> sinks(Class<T> type) { return List.of(); }
        static <T> Channel<T> of(Class<T> type) { return null; }
      }
      final class Main {
        @InheritOnly record Ports(Channel<String> replies) {}
        static <X> void child(X x) {}
        static void start() {
          Ferry.spawn(Main::child,
              Lib.sinks(Thread.class)); // ferry:not-transferable @%1$s
          Ferry.spawn(Main::child,
              Lib.of(Ports.class)); // ferry:inherit-only-sent @%1$s
          var kept = Lib.sinks(Thread.class); // ferry:not-transferable @%2$s
          Ferry.spawn(Main::child, Lib.sinks(Integer.class));
        }
      }
      """;

  @Test
  void callInsideAToldSpawnedValue_isToldOnceOnTheValue() {
    FerryCompiler.assertDiagnostics(source("test.Main", CALL_INSIDE_A_TOLD_VALUE.formatted("(", ".class")));
  }

  @Test
  void unboundReferenceWithItsClassTypeArgumentWritten_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.function.BiConsumer;
            import lib.Chan;
            interface Spread { void put(Chan<Long> chan, Long first, Long second); }
            final class Main {
              static <C, V> void each(BiConsumer<C, V> send) {}
              static void use() {
                each(Chan<String>::send);
                Spread spread = Chan<Long>::sendAll;
                BiConsumer<Chan<String>, String> kept = Chan<String>::send;
              }
            }
            """));
  }

  @Test
  void referenceOnAReceiverWhoseTypeArgumentsAreInferred_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import java.util.function.Consumer;
            final class Main {
              static <T> Poster<T> poster() { return new Poster<>(); }
              static void use(List<String> names, List<List<String>> lists, Poster<String> written) {
                names.forEach(new Poster<>()::post);
                names.forEach(poster()::post);
                names.forEach(written::post);
                names.forEach(new Poster<String>()::post);
                lists.forEach(new Batch<String>()::postAll);
                Consumer<String> each = new Poster<>()::post;
                Runnable describe = new Poster<>()::toString;
              }
            }
            """),
        BATCH,
        POSTER);
  }

  /**
   * The same receiver at a method its class inherits: {@code new Sub<>().post(new Thread())} for
   * {@code Sub<T> extends Base<T>} compiled clean while {@code new Base<>().post(new Thread())} was
   * told, since only a method of the receiver's class itself was followed. Also through another
   * variable's name, two classes up, an interface's default method, and a supertype that takes the
   * variable inside a wider type (told on the receiver, naming the subclass's variable). A
   * subclass that fixes the type argument is told where it writes it, and its calls are not
   * told again.
   */
  @Test
  void receiverOfAnInheritedMethod_isCheckedOnTheValuesItTakes() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                final class Main {
                  static <T> Sub<T> sub() { return new Sub<>(); }
                  static void use(Thread thread, Thread worker) {
                    new Sub<>().post(worker); // ferry:not-transferable @worker
                    new Renamed<>().post(thread); // ferry:not-transferable @thread
                    new Deep<>().post(thread); // ferry:not-transferable @thread
                    sub().post(thread); // ferry:not-transferable @thread
                    new Mailbox<>().post(thread); // ferry:not-transferable @thread
                    new Wide<>().post(List.of(thread)); // ferry:not-transferable @new
                    new Fixed().post(thread);
                  }
                }
                """),
            INHERITED,
            source(
                "test.Fixed",
                """
                package test;
                final class Fixed extends Base<Thread> {} // ferry:not-transferable @Thread
                """));
    assertThat(compilation.errors().get(5).getMessage(java.util.Locale.ROOT))
        .startsWith(
            "[ferry:not-transferable] `new Wide<>()` gives `U` of `Wide` the type `Object`; a"
                + " value of `U` is sent to another process");
  }

  @Test
  void receiverOfAnInheritedMethod_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            final class Main {
              static <T> Sub<T> sub() { return new Sub<>(); }
              static void use() {
                new Sub<>().post("job");
                new Renamed<>().post("job");
                new Deep<Thread, String>().post("job");
                sub().flush();
                new Sub<>().echo(new Thread()); // a variable of its own method, which sends none
                new Mailbox<>().post("job");
                new Mailbox<>().hashCode();
                new Wide<String>().post(List.of("job"));
                new Fixed().post("job");
              }
            }
            """),
        INHERITED,
        source(
            "test.Fixed",
            """
            package test;
            final class Fixed extends Base<String> {}
            """));
  }

  /**
   * Varargs of the receiver's variable, {@code postAll(T... values)}: {@code new
   * Spread<>().postAll(thread, worker)} was told once on the receiver ("gives `T` of `Spread` the
   * type `Object`"), as if only a wider parameter carried {@code T}, and so was the legal {@code new
   * Spread<>().postAll("a", "b")}. Each value is told as a plain {@code T} parameter's is, and an
   * array passed in their place by its elements.
   */
  @Test
  void receiverWhoseVarargsAreItsVariable_isCheckedOnEachValue() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static <T> Spread<T> spread() { return new Spread<>(); }
              static void use(Thread thread, Thread worker, Thread[] threads) {
                new Spread<>().postAll(thread, // ferry:not-transferable @thread
                    worker); // ferry:not-transferable @worker
                spread().postAll(thread); // ferry:not-transferable @thread
                new Spread<>().postAll(threads); // ferry:not-transferable @threads
                new Spread<>().tagged("job", "job", worker); // ferry:not-transferable @worker
              }
            }
            """),
        SPREAD);
  }

  @Test
  void receiverWhoseVarargsAreItsVariable_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static <T> Spread<T> spread() { return new Spread<>(); }
              static void use() {
                new Spread<>().postAll("a", "b");
                spread().postAll();
                new Spread<>().tagged("job", "job", "job");
                new Spread<>().postAll((Object[]) null);
              }
            }
            """),
        SPREAD);
  }

  private static final Source SPREAD =
      source(
          "test.Spread",
          """
          package test;
          import lib.Chan;
          final class Spread<T> {
            private final Chan<T> channel = Chan.create();
            @SafeVarargs
            final void postAll(T... values) { for (T value : values) channel.send(value); }
            @SafeVarargs
            final void tagged(String tag, T... values) { postAll(values); }
          }
          """);

  /**
   * A call on such a receiver whose result its class's variables type, {@code Fluent<T> self()}:
   * {@code var f = new Fluent<>().self()} compiled clean, a {@code Fluent<Object>} named nowhere,
   * while {@code var f = new Fluent<>()} was told, and {@code f.post(thread)} sent a Thread
   * unreported. The result has the types inference gave the receiver: the {@code var} is told as
   * the diamond's is, a receiver chained through it is checked as the diamond itself, and a value
   * told in the initializer is the one mistake ({@code var w = new Fluent<>().with(thread)}).
   */
  @Test
  void resultTypedByAnInferredReceiver_isCheckedAsTheReceiver() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(Thread thread) {
                var f = new Fluent<>().self(); // ferry:not-transferable @();
                f.post(thread);
                var c = new Fluent<>().self().channel(); // ferry:not-transferable @();
                new Fluent<>().self().post(thread); // ferry:not-transferable @thread
                var w = new Fluent<>().with(thread); // ferry:not-transferable @thread
              }
            }
            """),
        FLUENT);
  }

  @Test
  void resultTypedByAnInferredReceiver_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.ArrayList;
            import java.util.List;
            final class Main {
              static void use() {
                var f = new Fluent<String>().self();
                f.post("job");
                new Fluent<>().self().post("job");
                var w = new Fluent<>().with("job").size();
                var first = List.of("job").get(0);
                var copy = new ArrayList<>().subList(0, 0);
                var value = lib.Chan.create().hashCode();
              }
            }
            """),
        FLUENT);
  }

  /**
   * A read of a field its class's variables type, on such a receiver: {@code var c = new
   * Fluent<>().open} for {@code final Chan<T> open} compiled clean, a {@code Chan<Object>} named
   * nowhere, and {@code new Fluent<>().me.post(List.of(thread))} sent through a {@code
   * Fluent<Object>} unreported. The field has the types inference gave the receiver, as a call's
   * result does: told once, as {@code var c = new Fluent<>().channel()} is.
   */
  @Test
  void fieldTypedByAnInferredReceiver_isCheckedAsTheReceiver() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(Thread thread) {
                var c = new Fluent<>().open; // ferry:not-transferable @.open;
                var f = new Fluent<>().self().me; // ferry:not-transferable @.me;
                new Fluent<>().me.post(thread); // ferry:not-transferable @thread
                new Fluent<>().me.with(thread).size(); // ferry:not-transferable @thread
              }
            }
            """),
        FLUENT);
  }

  @Test
  void fieldTypedByAnInferredReceiver_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use() {
                var c = new Fluent<String>().open;
                var f = new Fluent<String>().me;
                new Fluent<>().me.post("job");
                var names = new Fluent<>().names;
                var count = new Fluent<>().count;
                var size = new Fluent<>().me.size();
              }
            }
            """),
        FLUENT);
  }

  private static final Source FLUENT =
      source(
          "test.Fluent",
          """
          package test;
          import lib.Chan;
          final class Fluent<T> {
            private final Chan<T> channel = Chan.create();
            void post(T value) { channel.send(value); }
            Fluent<T> self() { return this; }
            Fluent<T> with(T value) { post(value); return this; }
            Chan<T> channel() { return channel; }
            int size() { return 0; }
            final Chan<T> open = Chan.create();
            final Fluent<T> me = this;
            final Chan<String> names = Chan.create();
            int count;
          }
          """);

  /** A class whose {@code T} crosses through a method, and classes that inherit that method. */
  private static final Source INHERITED =
      source(
          "test.Base",
          """
          package test;
          import java.util.List;
          import lib.Chan;
          class Base<T> {
            private final Chan<T> channel = Chan.create();
            void post(T value) { channel.send(value); }
            <R> R echo(R value) { return value; }
            void flush() {}
          }
          class Sub<T> extends Base<T> {}
          class Renamed<U> extends Base<U> {}
          class Deep<A, B> extends Renamed<B> {}
          class Wide<U> extends Base<List<U>> {}
          interface Outbox<T> {
            Chan<T> channel();
            default void post(T value) { channel().send(value); }
          }
          final class Mailbox<V> implements Outbox<V> {
            public Chan<V> channel() { return Chan.create(); }
          }
          """);

  private static final Source BATCH =
      source(
          "test.Batch",
          """
          package test;
          import java.util.List;
          import lib.Chan;
          final class Batch<T> {
            private final Chan<T> channel = Chan.create();
            void postAll(List<T> values) { values.forEach(channel::send); }
            void postAll(List<T> values, List<T> more) { postAll(values); postAll(more); }
            void flush() {}
          }
          """);

  @Test
  void typeArgumentOfAGenericClassOfSeveralVariables_isToldWithTheWholeType() {
    // The message named `Stage<Thread>`, a type the program does not have.
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Stage",
                """
                package test;
                import lib.Chan;
                final class Stage<I, O> {
                  Chan<I> in;
                  Chan<O> out;
                }
                """),
            source(
                "test.Main",
                """
                package test;
                final class Main {
                  Stage<Job, Thread> stage; // ferry:not-transferable @Thread
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Thread` is a type argument of `Stage<Job, Thread>` whose values are sent");
  }

  @Test
  void typeArgumentWrittenInsideAValueToldWhereItCrosses_isToldOnce() {
    // One mistake: the value's message names the type argument at fault already.
    api.assertDiagnostics(
        source(
            "test.Bundle",
            """
            package test;
            import dev.ferry.annotation.InheritOnly;
            import lib.Chan;
            @InheritOnly
            record Bundle<T>(Chan<T> lane) {
              static <T> Bundle<T> of(Chan<T> lane) { return new Bundle<>(lane); }
            }
            """),
        source(
            "test.Main",
            """
            package test;
            import lib.Spawner;
            final class Main {
              static void take(Object bundle) {}
              static void use() {
                Spawner.spawn1(Main::take, new Bundle<Thread>(null)); // ferry:not-transferable @new
                Spawner.spawn1(Main::take, Bundle.<Thread>of(null)); // ferry:not-transferable @(null)
                Object kept = new Bundle<Thread>(null); // ferry:not-transferable @Thread
              }
            }
            """));
  }

  /**
   * The reverse: a type written inside the argument that carries a crossing variable is the type
   * the call gives the variable, one mistake told once, on the argument. {@code
   * same(Chan.<Thread>create())} used to be told twice on its line, "`Chan.<Thread>create()` gives
   * `T` of `same` the type `Thread`" and "`Thread` is given for `T` of `create`".
   */
  @Test
  void typeWrittenInsideTheCarrierOfACrossingVariable_isToldOnce() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static <T> Chan<T> same(Chan<T> c) { return c; }
              static <T> void drain(Chan<T> c) {}
              static void use() {
                same(Chan.<Thread>create()); // ferry:not-transferable @()
                drain(Chan.<Thread>create()); // ferry:not-transferable @()
                Object kept = same(Chan.<Thread>create()); // ferry:not-transferable @()
                same(Chan.<String>create());
              }
            }
            """));
  }

  /**
   * A generic constructor's {@code <@Sent T>}: written, carried by an argument, referenced; also
   * carried inside an argument's type ({@code new Batch(workers)} for {@code <@Sent T>
   * Batch(List<T> values)}), which compiled clean under javac, told under ECJ.
   */
  @Test
  void crossingVariableOfAGenericConstructor_isReportedLikeAMethods() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import java.util.List;
                import lib.Chan;
                class Envelope {
                  <@Sent T> Envelope(T value) {}
                }
                class Batch {
                  <@Sent T> Batch(List<T> values) {}
                  <@Sent T> Batch(java.util.function.Supplier<T> make) {}
                }
                final class Main {
                  static void use(Chan<String> replies, Thread worker, List<Thread> workers) {
                    new Envelope(replies); // ferry:inherit-only-sent @replies
                    new <Thread>Envelope(null); // ferry:not-transferable @Thread
                    Object anonymous = new Envelope(worker) {}; // ferry:not-transferable @worker
                    workers.forEach(Envelope::new); // ferry:not-transferable @Envelope
                    new Batch(workers); // ferry:not-transferable @workers
                    new Batch(List.of(replies)); // ferry:inherit-only-sent @(replies)
                    new Batch(() -> worker); // ferry:not-transferable @()
                    Object batch = new Batch(workers) {}; // ferry:not-transferable @workers
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Envelope::new` hands each `Thread` it receives to `Envelope`, whose argument"
                + " is sent to another process");
    // The constructor is no type: not `Envelope<Thread>`, which would read as a generic class.
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Thread` is given for `T` of `Envelope`; a value of `T` is sent to another"
                + " process, and `Thread` is a JDK type Ferry has no codec for");
  }

  @Test
  void crossingVariableOfAGenericConstructor_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.List;
            class Envelope {
              <@Sent T> Envelope(T value) {}
            }
            class Batch {
              <@Sent T> Batch(List<T> values) {}
              <@Sent T> Batch(java.util.function.Supplier<T> make) {}
            }
            final class Main {
              static void use(List<String> names) {
                new Envelope("hello");
                new <Long>Envelope(null);
                Object anonymous = new Envelope(3) {};
                names.forEach(Envelope::new);
                new Batch(names);
                new Batch(List.of("job"));
                new Batch(() -> 3L);
                new Batch((List<String>) null);
                Object batch = new Batch(names) {};
              }
            }
            """));
  }

  /**
   * A generic constructor reached by {@code this(...)} or {@code super(...)}: its variables are
   * checked as at a creation, written ({@code <Thread>super(null)}) or carried by an argument
   * (EcjCallSitesTest has the same program: ECJ checked none of them).
   */
  @Test
  void crossingVariableOfAConstructorCalledByThisOrSuper_isReported() {
    api.assertDiagnostics(
        source(
            "test.Letter",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.List;
            import lib.Chan;
            class Envelope {
              <@Sent T> Envelope(T value) {}
              <T> Envelope(List<T> values, Chan<T> channel) {}
              Envelope() {}
            }
            final class Letter extends Envelope {
              <T> Letter(Chan<T> channel, int copies) {}
              Letter() {
                <Thread>this(null, 1); // ferry:not-transferable @Thread
              }
              Letter(Thread worker) {
                super(worker); // ferry:not-transferable @worker
              }
              Letter(List<Thread> workers) {
                super(workers, Chan.create()); // ferry:not-transferable @workers
              }
              Letter(Object any) {
                <Thread>super(null); // ferry:not-transferable @Thread
              }
            }
            """));
  }

  @Test
  void crossingVariableOfAConstructorCalledByThisOrSuper_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Letter",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.List;
            import lib.Chan;
            class Envelope {
              <@Sent T> Envelope(T value) {}
              <T> Envelope(List<T> values, Chan<T> channel) {}
              Envelope() {}
            }
            final class Letter extends Envelope {
              <T> Letter(Chan<T> channel, int copies) {}
              Letter() {
                <String>this(null, 1);
              }
              Letter(String name) {
                super(name);
              }
              Letter(List<String> names) {
                super(names, Chan.create());
              }
              Letter(Object any) {
                <Long>super(null);
              }
            }
            """));
  }

  /**
   * A method reference whose crossing variable sits inside a parameter's type gives it the type
   * that stands there in what it receives: {@code lists.forEach(Main::postAll)} for {@code <@Sent
   * T> void postAll(List<T> values)} makes {@code T} a {@code Thread}, as its lambda {@code l ->
   * postAll(l)} does, and compiled clean; so did a constructor reference's class variable ({@code
   * Gather(List<T> values)}), an array's element, a generic record's argument, a wildcard's bound,
   * a subtype's, a capture's, a varargs element's. Told on the reference; a type variable of the
   * caller's given there crosses too, told where it becomes concrete ({@code relayAll(lists)}).
   */
  @Test
  void referenceWhoseCrossingVariableSitsInsideAParameterType_isToldOnTheReference() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import java.util.ArrayList;
                import java.util.List;
                import java.util.function.Consumer;
                import java.util.function.Function;
                import lib.Chan;
                final class Main {
                  record Box<T>(T value) {}
                  static <@Sent T> void postAll(List<T> values) {}
                  static <@Sent T> void postArray(T[] values) {}
                  static <@Sent T> void postBox(Box<T> box) {}
                  static <@Sent T> void postSome(List<? extends T> values) {}
                  @SafeVarargs static <@Sent T> void postEach(List<T>... values) {}
                  static <L extends List<Thread>> void bounded(List<L> lists) {
                    lists.forEach(Main::postAll); // ferry:not-transferable @Main
                  }
                  static <E> void relayAll(List<List<E>> lists) { lists.forEach(Main::postAll); }
                  static void use(List<List<Thread>> lists, List<Thread[]> arrays,
                      List<Box<Chan<String>>> boxes, List<ArrayList<Thread>> arrayLists,
                      List<? extends List<Thread>> some) {
                    lists.forEach(Main::postAll); // ferry:not-transferable @Main
                    arrays.forEach(Main::postArray); // ferry:not-transferable @Main
                    boxes.forEach(Main::postBox); // ferry:inherit-only-sent @Main
                    lists.forEach(Main::postSome); // ferry:not-transferable @Main
                    arrayLists.forEach(Main::postAll); // ferry:not-transferable @Main
                    some.forEach(Main::postAll); // ferry:not-transferable @Main
                    lists.forEach(Main::postEach); // ferry:not-transferable @Main
                    lists.forEach(Gather::new); // ferry:not-transferable @Gather
                    Consumer<List<Thread>> each = Main::postAll; // ferry:not-transferable @Main
                    Function<List<Thread>, Object> make = Gather::new; // ferry:not-transferable @Gather
                    lists.forEach(Main::<Thread>postAll); // ferry:not-transferable @Thread
                    relayAll(lists); // ferry:not-transferable @lists
                  }
                }
                """),
            DIAMONDS);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Main::postAll` gives `T` of `postAll` the type `Thread`; a value of `T` is"
                + " sent to another process, and `Thread` is a JDK type Ferry has no codec for");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `Main::postBox` gives `T` of `postBox` the type `Chan<String>`; a value of `T`"
                + " is sent to another process");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Gather::new` gives `T` of `Gather` the type `Thread`; a value of `T` is sent"
                + " to another process");
  }

  @Test
  void referenceWhoseCrossingVariableSitsInsideAParameterType_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.function.Consumer;
            import java.util.function.Function;
            final class Main {
              record Box<T>(T value) {}
              static <@Sent T> void postAll(List<T> values) {}
              static <@Sent T> void postArray(T[] values) {}
              static <@Sent T> void postBox(Box<T> box) {}
              static <@Sent T> void postSome(List<? extends T> values) {}
              static <@Sent T> void postInto(List<? super T> sink) {}
              @SafeVarargs static <@Sent T> void postEach(List<T>... values) {}
              static <T> void unmarked(List<T> values) {}
              static <L extends List<Job>> void bounded(List<L> lists) {
                lists.forEach(Main::postAll);
              }
              static <E> void relayAll(List<List<E>> lists) { lists.forEach(Main::postAll); }
              static void use(List<List<Job>> lists, List<Job[]> arrays, List<Box<String>> boxes,
                  List<ArrayList<Job>> arrayLists, List<? extends List<Job>> some,
                  List<List<Object>> objects, List<List<Thread>> threads) {
                lists.forEach(Main::postAll);
                arrays.forEach(Main::postArray);
                boxes.forEach(Main::postBox);
                lists.forEach(Main::postSome);
                arrayLists.forEach(Main::postAll);
                some.forEach(Main::postAll);
                objects.forEach(Main::postInto);
                lists.forEach(Main::postEach);
                lists.forEach(Gather::new);
                threads.forEach(Main::unmarked);
                Consumer<List<Job>> each = Main::postAll;
                Function<List<Job>, Object> make = Gather::new;
                lists.forEach(Main::<Job>postAll);
                relayAll(lists);
              }
            }
            """),
        DIAMONDS);
  }

  /**
   * A diamond's class variables are inferred from the constructor's arguments, as a generic
   * method's are: {@code new Sender<>(Chan.create(), thread)} for {@code Sender(Chan<T> channel, T
   * value)}, which sends its {@code value}, made a {@code Sender<Thread>} and compiled clean, as
   * did {@code Object held = new Holding<>(thread)} for {@code Holding<@Sent T>}, where only a
   * {@code var} or a call on the creation was told. Each is told on the argument that carries the
   * variable, once: not again where the result goes to a type written and told. So is a
   * constructor reference of the raw class, {@code threads.forEach(Holding::new)}, as its lambda
   * {@code t -> new Holding<>(t)} is, and an anonymous class's diamond, {@code new
   * Holding<>(thread) {}}.
   */
  @Test
  void diamondWhoseClassVariablesCross_isCheckedOnTheArgumentsThatCarryThem() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                import lib.Chan;
                final class Main {
                  final class Inner<T> {
                    Inner(Chan<T> channel, T value) {}
                  }
                  static void take(Object value) {}
                  static void use(Thread thread, Chan<String> replies, List<Thread> threads) {
                    new Sender<>(Chan.create(), thread); // ferry:not-transferable @thread
                    threads.forEach(Holding::new); // ferry:not-transferable @Holding
                    Object hook = new Holding<>(thread) {}; // ferry:not-transferable @thread
                    new Main().new Inner<>(Chan.create(), thread); // ferry:not-transferable @thread
                    Object held = new Holding<>(thread); // ferry:not-transferable @thread
                    take(new Holding<>(replies)); // ferry:inherit-only-sent @replies
                    var kept = new Holding<>(thread); // ferry:not-transferable @thread
                    new Gather<>(List.of(thread)); // ferry:not-transferable @(thread)
                    Gather<Thread> typed = new Gather<>(List.of(thread)); // ferry:not-transferable @Thread
                  }
                }
                """),
            DIAMONDS);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `List.of(thread)` gives `T` of `Gather` the type `Thread`; a value of `T` is"
                + " sent to another process");
  }

  @Test
  void diamondWhoseClassVariablesCross_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Main {
              static void use(Chan<String> replies, List<String> names) {
                new Sender<>(Chan.create(), "job");
                names.forEach(Holding::new);
                Object hook = new Holding<>("job") {};
                new Sender<>(replies, "job");
                Object held = new Holding<>("job");
                var kept = new Holding<>(3);
                new Gather<>(List.of("job"));
                new Gather<>(null);
                Gather<String> typed = new Gather<>(List.of());
              }
            }
            """),
        DIAMONDS);
  }

  /**
   * A raw type of a class whose variable crosses ({@code class Holder<@Sent T>} with {@code
   * set(T value)}) leaves no type argument to check where the variable becomes concrete, and the
   * compiler erases the parameter to {@code Object}: {@code new Holder(channel)}, {@code
   * raw.set(channel)}, {@code super(channel)} in a class extending the raw type, {@code
   * lanes.forEach(raw::set)} compiled without a word under javac and ECJ. A value passed for the
   * variable itself (or its varargs) is checked by its own type, as a raw {@code Channel}'s {@code
   * send(@Sent T)} is, and a reference's by the type it receives. Shared with EcjCallSitesTest.
   */
  public static final String RAW_HOLDER =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      import java.util.function.BiConsumer;
      @Transferable record Job(int id) {}
      class Holder<@Sent T> {
        Holder() {}
        Holder(T value) {}
        void set(T value) {}
        @SafeVarargs final void all(T... values) {}
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      class Sub extends Holder {
      SUB
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      final class Main {
        static <H extends Holder> void use(
            Holder raw, H bounded, Holder<Job> typed, Sub sub, Channel<Job> jobs, Thread worker,
            Job job, List<Channel<Job>> lanes, List<Job> done) {
      CALLS
        }
      }
      """;

  /** The lines of {@link #RAW_HOLDER} that send what cannot cross, each marked. */
  public static final String RAW_HOLDER_ILLEGAL =
      RAW_HOLDER
          .replace(
              "SUB",
              """
                Sub(Channel<Job> c) {
                  super(c); // ferry:inherit-only-sent @c
                }
                void again(Channel<Job> c) {
                  set(c); // ferry:inherit-only-sent @c
                }
                void third(Thread w) {
                  super.set(w); // ferry:not-transferable @w
                }
              """)
          .replace(
              "CALLS",
              """
                  new Holder(jobs); // ferry:inherit-only-sent @jobs
                  new Holder(worker); // ferry:not-transferable @worker
                  raw.set(jobs); // ferry:inherit-only-sent @jobs
                  bounded.set(worker); // ferry:not-transferable @worker
                  ((Holder) typed).set(jobs); // ferry:inherit-only-sent @jobs
                  raw.all(job, jobs); // ferry:inherit-only-sent @jobs
                  Object hook = new Holder(worker) {}; // ferry:not-transferable @worker
                  sub.set(jobs); // ferry:inherit-only-sent @jobs
                  lanes.forEach(raw::set); // ferry:inherit-only-sent @raw::set
                  BiConsumer<Holder, Channel<Job>> unbound = Holder::set; // ferry:inherit-only-sent @Holder::set
              """);

  /** The legal twin of {@link #RAW_HOLDER_ILLEGAL}. */
  public static final String RAW_HOLDER_LEGAL =
      RAW_HOLDER
          .replace(
              "SUB",
              """
                Sub(Job c) {
                  super(c);
                }
                void again(Job c) {
                  set(c);
                }
                void third(String w) {
                  super.set(w);
                }
              """)
          .replace(
              "CALLS",
              """
                  new Holder(job);
                  new Holder("x");
                  raw.set(job);
                  bounded.set(3);
                  ((Holder) typed).set(job);
                  raw.all(job, "x");
                  Object hook = new Holder(job) {};
                  sub.set(job);
                  raw.set(null);
                  done.forEach(raw::set);
                  BiConsumer<Holder, Job> unbound = Holder::set;
              """);

  @Test
  void callThroughARawType_checksTheValuesOfItsClassVariable() {
    FerryCompiler.ferry().expectingMarked(source("test.Main", RAW_HOLDER_ILLEGAL));
  }

  @Test
  void callThroughARawType_twin_compilesClean() {
    FerryCompiler.ferry().expectingClean(source("test.Main", RAW_HOLDER_LEGAL));
  }

  /**
   * Through a raw type, a parameter that only mentions the crossing variable ({@code List<T>
   * values}) is erased with it, so {@code raw.setAll(lanes)} for a {@code List<Channel<Job>>}
   * compiled clean while {@code Holder<Channel<Job>>} is told. What the argument's type gives the
   * variable there (through supertypes, a wildcard's bound, an array) is checked as that type
   * argument would be, on the argument (on a reference, {@code raw::setAll}, by the values it
   * receives); an argument whose type gives it nothing (a raw {@code
   * List}) or a type that crosses ({@code Iterator<Job>}: only the {@code Job}s are values of
   * {@code T}) is legal. Shared with EcjCallSitesTest.
   */
  public static final String RAW_MENTIONING =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.util.ArrayList;
      import java.util.Iterator;
      import java.util.List;
      import java.util.Map;
      import java.util.Optional;
      import java.util.function.Supplier;
      @Transferable record Job(int id) {}
      class Holder<@Sent T> {
        Holder() {}
        Holder(List<T> values) {}
        void setAll(List<T> values) {}
        void put(Map<String, T> values) {}
        void take(Supplier<? extends T> values) {}
        void array(T[] values) {}
        void walk(Iterator<T> values) {}
        void other(Optional<String> unrelated) {}
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      class Sub extends Holder {
      SUB
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      final class Main {
        static void use(Holder raw, Sub sub, Job job, Iterator<Job> each, List untyped) {
      CALLS
        }
      }
      """;

  /** The lines of {@link #RAW_MENTIONING} that send what cannot cross, each marked. */
  public static final String RAW_MENTIONING_ILLEGAL =
      RAW_MENTIONING
          .replace(
              "SUB",
              """
                Sub(List<Channel<Job>> lanes) {
                  super(lanes); // ferry:inherit-only-sent @lanes
                }
              """)
          .replace(
              "CALLS",
              """
                  List<Channel<Job>> lanes = new ArrayList<>();
                  raw.setAll(lanes); // ferry:inherit-only-sent @lanes
                  new Holder(lanes); // ferry:inherit-only-sent @lanes
                  raw.setAll(new ArrayList<Thread>()); // ferry:not-transferable @new
                  Map<String, Channel<Job>> byName = Map.of();
                  raw.put(byName); // ferry:inherit-only-sent @byName
                  Supplier<Channel<Job>> next = () -> null;
                  raw.take(next); // ferry:inherit-only-sent @next
                  Channel<Job>[] all = new Channel[0];
                  raw.array(all); // ferry:inherit-only-sent @all
                  List<? extends Thread> workers = List.of();
                  sub.setAll(workers); // ferry:not-transferable @workers
                  List<List<Channel<Job>>> batches = List.of();
                  batches.forEach(raw::setAll); // ferry:inherit-only-sent @raw::setAll
              """);

  /** The legal twin of {@link #RAW_MENTIONING_ILLEGAL}. */
  public static final String RAW_MENTIONING_LEGAL =
      RAW_MENTIONING
          .replace(
              "SUB",
              """
                Sub(List<Job> done) {
                  super(done);
                }
              """)
          .replace(
              "CALLS",
              """
                  List<Job> lanes = new ArrayList<>();
                  raw.setAll(lanes);
                  new Holder(lanes);
                  raw.setAll(new ArrayList<String>());
                  Map<String, Job> byName = Map.of();
                  raw.put(byName);
                  Supplier<Job> next = () -> job;
                  raw.take(next);
                  Job[] all = new Job[0];
                  raw.array(all);
                  raw.walk(each);
                  raw.setAll(untyped);
                  new Holder(untyped);
                  raw.setAll(null);
                  raw.other(Optional.of("x"));
                  List<? extends Job> workers = List.of();
                  sub.setAll(workers);
                  List<List<Job>> batches = List.of();
                  batches.forEach(raw::setAll);
              """);

  @Test
  void callThroughARawType_checksWhatAnArgumentGivesItsClassVariableInsideAParameter() {
    Compilation compilation =
        FerryCompiler.ferry().expectingMarked(source("test.Main", RAW_MENTIONING_ILLEGAL));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `lanes` gives `T` of `Holder` the type `Channel<Job>`; a value of `T` is sent"
                + " to another process, and `Channel` in `Channel<Job>` is @InheritOnly");
  }

  @Test
  void callThroughARawType_parameterMentioningItsVariable_twin_compilesClean() {
    FerryCompiler.ferry().expectingClean(source("test.Main", RAW_MENTIONING_LEGAL));
  }

  /**
   * Through a raw type, a parameter that names the crossing variable's values without holding one
   * ({@code Class<T>}, {@code Comparator<T>}) gives it the type its argument does: {@code
   * raw.register(Thread.class)} is told as {@code Holder<Thread>} is, since a holder registered so
   * sends {@code Thread}s, and {@code raw.sortBy(any)} for a {@code Comparator<Object>} as {@code
   * Holder<Object>} is, the type the compiler infers for such a call on a {@code Holder<T>}. A
   * {@code ? super T} parameter gives it nothing: a comparator of any supertype fits, {@code
   * Object}'s too. Shared with EcjCallSitesTest, whose markers are on a literal's start where
   * javac's are on its {@code .class} ({@link #rawNamingIllegalAtStart}).
   */
  public static final String RAW_NAMING =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.util.Comparator;
      @Transferable record Job(int id) {}
      class Holder<@Sent T> {
        void register(Class<T> type) {}
        void sortBy(Comparator<T> order) {}
        void sortWider(Comparator<? super T> order) {}
      }
      @SuppressWarnings({"rawtypes", "unchecked"})
      final class Main {
        static void use(Holder raw, Comparator<Object> any) {
      CALLS
        }
      }
      """;

  /** The lines of {@link #RAW_NAMING} that name what cannot cross, each marked. */
  public static final String RAW_NAMING_ILLEGAL =
      RAW_NAMING.replace(
          "CALLS",
          """
              raw.register(Thread.class); // ferry:not-transferable @.class
              raw.register(Channel.class); // ferry:inherit-only-sent @.class
              Class<? extends Thread> kind = Thread.class;
              raw.register(kind); // ferry:not-transferable @kind
              Comparator<Thread> byName = Comparator.comparing(Thread::getName);
              raw.sortBy(byName); // ferry:not-transferable @byName
              raw.sortBy(any); // ferry:not-transferable @any
          """);

  /** {@link #RAW_NAMING_ILLEGAL} with its literals marked where ECJ underlines them, at the start. */
  public static String rawNamingIllegalAtStart() {
    return RAW_NAMING_ILLEGAL
        .replace("(Thread.class); // ferry:not-transferable @.class",
            "(Thread.class); // ferry:not-transferable @Thread")
        .replace("(Channel.class); // ferry:inherit-only-sent @.class",
            "(Channel.class); // ferry:inherit-only-sent @Channel");
  }

  /** The legal twin of {@link #RAW_NAMING_ILLEGAL}. */
  public static final String RAW_NAMING_LEGAL =
      RAW_NAMING.replace(
          "CALLS",
          """
              raw.register(Job.class);
              Class<? extends Job> kind = Job.class;
              raw.register(kind);
              Comparator<Job> byId = Comparator.comparingInt(Job::id);
              raw.sortBy(byId);
              Comparator<Thread> byName = Comparator.comparing(Thread::getName);
              raw.sortWider(byName);
              raw.sortWider(any);
          """);

  @Test
  void callThroughARawType_classOrComparatorParameter_isCheckedByWhatItsArgumentGivesItsVariable() {
    Compilation compilation =
        FerryCompiler.ferry().expectingMarked(source("test.Main", RAW_NAMING_ILLEGAL));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Thread.class` gives `T` of `Holder` the type `Thread`; a value of `T` is sent"
                + " to another process");
  }

  @Test
  void callThroughARawType_classOrComparatorParameter_twin_compilesClean() {
    FerryCompiler.ferry().expectingClean(source("test.Main", RAW_NAMING_LEGAL));
  }

  /** Generic classes whose constructors take their crossing variable's values. */
  private static final Source DIAMONDS =
      source(
          "test.Sender",
          """
          package test;
          import dev.ferry.annotation.Sent;
          import java.util.List;
          import lib.Chan;
          final class Sender<T> {
            Sender(Chan<T> channel, T value) { channel.send(value); }
          }
          class Holding<@Sent T> {
            Holding(T value) {}
          }
          final class Gather<T> {
            private final Chan<T> channel = Chan.create();
            Gather(List<T> values) { values.forEach(channel::send); }
          }
          """);

  @Test
  void explicitTypeArgumentsOfAMethodReference_areReported() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.function.Supplier;
            import lib.Chan;
            final class Main {
              Supplier<?> threads = Chan::<Thread>create; // ferry:not-transferable @Thread
              Supplier<?> jobs = Chan::<Job>create;
            }
            """));
  }

  private static final Source DISPATCHER =
      source(
          "test.Dispatcher",
          """
          package test;
          import dev.ferry.annotation.Sent;
          final class Dispatcher {
            static void post(@Sent Object value) {}
            static <T> void postTyped(@Sent T value) {}
          }
          """);

  @Test
  void methodReferenceHandingValuesToAMarkedParameter_isCheckedAsItsLambda() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import java.util.List;
                import lib.Chan;
                final class Main {
                  static void use(List<Chan<Job>> lanes, List<Thread> threads) {
                    lanes.forEach(Dispatcher::post); // ferry:inherit-only-sent @Dispatcher
                    lanes.forEach(Dispatcher::postTyped); // ferry:inherit-only-sent @Dispatcher
                    lanes.forEach(lane -> Dispatcher.post(lane)); // ferry:inherit-only-sent @lane)
                    threads.forEach(Helpers::sendIt); // ferry:not-transferable @Helpers
                  }
                }
                """),
            DISPATCHER,
            HELPERS);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `Dispatcher::post` hands each `Chan<Job>` it receives to `post`, whose"
                + " argument is sent to another process, and `Chan` in `Chan<Job>` is"
                + " @InheritOnly");
  }

  @Test
  void methodReferenceHandingValuesToAMarkedParameter_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import java.util.function.BiConsumer;
            import lib.Chan;
            import lib.Sink;
            final class Main {
              static void use(List<Job> jobs, Chan<Job> out, List<Chan<Job>> lanes) {
                jobs.forEach(Dispatcher::post);
                jobs.forEach(Dispatcher::postTyped);
                jobs.forEach(out::send);
                jobs.forEach(Helpers::sendIt);
                lanes.forEach(Helpers::start);
                BiConsumer<Sink<Job>, Job> accept = Sink::accept;
              }
            }
            """),
        DISPATCHER,
        HELPERS);
  }

  private static final Source OUTBOX =
      source(
          "test.Outbox",
          """
          package test;
          import dev.ferry.annotation.Sent;
          abstract class Outbox {
            abstract void put(@Sent Object value);
          }
          """);

  private static final Source FILE_OUTBOX =
      source(
          "test.FileOutbox",
          """
          package test;
          final class FileOutbox extends Outbox {
            @Override
            void put(Object value) {}
          }
          """);

  @Test
  void callThroughAnOverride_isCheckedByTheOverriddenMarker() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void use(FileOutbox outbox, Chan<Job> jobs) {
                outbox.put(jobs); // ferry:inherit-only-sent @jobs
                outbox.put(new Job(1));
              }
            }
            """),
        OUTBOX,
        FILE_OUTBOX);
  }

  private static final Source GENERIC_OUTBOX =
      source(
          "test.GenericOutbox",
          """
          package test;
          import dev.ferry.annotation.Sent;
          public interface GenericOutbox {
            <@Sent T> void typed(T value);
            <T> void post(@Sent T value);
          }
          """);

  private static final Source GENERIC_FILE_OUTBOX =
      source(
          "test.GenericFileOutbox",
          """
          package test;
          final class GenericFileOutbox implements GenericOutbox {
            @Override
            public <U> void typed(U value) {}
            @Override
            public <T> void post(T value) {}
          }
          """);

  /**
   * An override of a generic method takes the marker of the type variable in its place, as it
   * takes its parameters' markers: {@code outbox.typed(jobs)} through {@code <U> void typed(U
   * value)}, which implements {@code <@Sent T> void typed(T value)}, compiled clean under javac and
   * ECJ, though the value is sent just the same (see {@code EcjCallSitesTest} for ECJ, whose
   * {@code Elements.overrides} also said no for the parameter's marker of {@code post}).
   */
  @Test
  void callThroughAnOverrideOfAGenericMethod_isCheckedByTheOverriddenTypeVariablesMarker() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void use(GenericFileOutbox outbox, Chan<Job> jobs) {
                outbox.typed(jobs); // ferry:inherit-only-sent @jobs
                outbox.post(jobs); // ferry:inherit-only-sent @jobs
              }
            }
            """),
        GENERIC_OUTBOX,
        GENERIC_FILE_OUTBOX);
  }

  @Test
  void callThroughAnOverrideOfAGenericMethod_twin_transferableValuesCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(GenericFileOutbox outbox) {
                outbox.typed(new Job(1));
                outbox.post(new Job(2));
              }
            }
            """),
        GENERIC_OUTBOX,
        GENERIC_FILE_OUTBOX);
  }

  /**
   * A class whose inherited method implements a marked interface method only in it: in {@code
   * final class Both extends Impl implements Outbox}, {@code Impl}'s {@code put(Object value)}
   * implements {@code Outbox}'s {@code put(@Sent Object value)} (JLS 8.4.8), so {@code
   * both.put(jobs)} sends as {@code outbox.put(jobs)} does, and so does {@code put(jobs)} written
   * in such a class; they compiled clean, since {@code Impl.put} overrides nothing in {@code Impl}.
   * {@code impl.put(...)} itself sends nothing. Shared with EcjCallSitesTest.
   */
  public static final String IMPLEMENTED_IN_SUBCLASS =
      """
      package test;
      import dev.ferry.annotation.Sent;
      public interface Outbox {
        void put(@Sent Object value);
        <@Sent T> void typed(T value);
      }
      class Impl {
        public void put(Object value) {}
        public <U> void typed(U value) {}
      }
      final class Both extends Impl implements Outbox {}
      """;

  @Test
  void callThroughAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_isChecked() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void use(Both both, Chan<Job> jobs) {
                both.put(jobs); // ferry:inherit-only-sent @jobs
                both.put(new Thread()); // ferry:not-transferable @new
              }
            }
            final class Again extends Impl implements Outbox {
              void relay(Chan<Job> jobs) {
                put(jobs); // ferry:inherit-only-sent @jobs
              }
            }
            """),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  @Test
  void callThroughAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(Both both, Impl impl) {
                both.put(new Job(1));
                impl.put(new Thread()); // Impl's own method sends nothing
              }
            }
            """),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  /**
   * The same through a method reference, bound ({@code threads.forEach(both::put)}) or unbound
   * ({@code Both::put} as a {@code BiConsumer<Both, Thread>}), and through a receiver typed by a
   * type variable ({@code <B extends Both>}): each compiled clean. Shared with EcjCallSitesTest.
   */
  public static final String IMPLEMENTED_IN_SUBCLASS_REFERENCES =
      """
      package test;
      import java.util.List;
      import java.util.function.BiConsumer;
      final class Main {
        static void use(Both both, List<Thread> threads) {
          threads.forEach(both::put); // ferry:not-transferable @both
          BiConsumer<Both, Thread> put;
          put = Both::put; // ferry:not-transferable @Both
        }
        static <B extends Both> void use(B both) {
          both.put(new Thread()); // ferry:not-transferable @new
        }
      }
      """;

  @Test
  void referenceToAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_isChecked() {
    api.assertDiagnostics(
        source("test.Main", IMPLEMENTED_IN_SUBCLASS_REFERENCES),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  @Test
  void referenceToAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            final class Main {
              static <B extends Both> void use(Both both, Impl impl, B typed, List<Job> jobs,
                  List<Thread> threads) {
                jobs.forEach(both::put);
                threads.forEach(impl::put);
                typed.put(new Job(1));
              }
            }
            """),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  /**
   * The same for a type variable's marker: {@code both.typed(jobs)} through {@code Impl}'s {@code
   * <U> void typed(U value)}, which implements {@code <@Sent T> void typed(T value)} only in {@code
   * Both}, compiled clean. Shared with EcjCallSitesTest.
   */
  public static final String IMPLEMENTED_IN_SUBCLASS_TYPED =
      """
      package test;
      import dev.ferry.Channel;
      final class Main {
        static void use(Both both, Impl impl, Channel<String> replies) {
          both.typed(replies); // ferry:inherit-only-sent @replies
          both.typed(new Thread()); // ferry:not-transferable @new
          both.typed(new Job(1));
          impl.typed(new Thread());
        }
      }
      """;

  @Test
  void genericMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_isChecked() {
    api.assertDiagnostics(
        source("test.Main", IMPLEMENTED_IN_SUBCLASS_TYPED),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  @Test
  void genericMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            final class Main {
              static void use(Both both, Impl impl) {
                both.typed(new Job(1));
                both.typed("text");
                impl.typed(new Thread());
              }
            }
            """),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  /**
   * The same with the type argument written, or the method referenced: {@code
   * both.<Thread>typed(null)}, {@code threads.forEach(both::typed)} (and {@code both::<Thread>typed})
   * compiled clean, since written type arguments and a reference's values were checked by {@code
   * Impl.typed}'s own markers, not by those it takes in {@code Both}. Shared with EcjCallSitesTest.
   */
  public static final String IMPLEMENTED_IN_SUBCLASS_WRITTEN =
      """
      package test;
      import java.util.List;
      import java.util.function.BiConsumer;
      import java.util.function.Consumer;
      final class Main {
        static void use(Both both, Impl impl, List<Thread> threads) {
          both.<Thread>typed(null); // ferry:not-transferable @Thread
          threads.forEach(both::typed); // ferry:not-transferable @both
          BiConsumer<Both, Thread> d = Both::typed; // ferry:not-transferable @Both::
          impl.<Thread>typed(null);
          threads.forEach(impl::typed);
          Consumer<Thread> e = impl::<Thread>typed;
        }
      }
      """;

  @Test
  void typeArgumentOfAnImplementationOnlyInTheReceiversClass_isChecked() {
    api.assertDiagnostics(
        source("test.Main", IMPLEMENTED_IN_SUBCLASS_WRITTEN),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  @Test
  void typeArgumentOfAnImplementationOnlyInTheReceiversClass_twin_compilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import java.util.function.Consumer;
            final class Main {
              static void use(Both both, List<Job> jobs) {
                both.<Job>typed(new Job(1));
                both.<String>typed("text");
                jobs.forEach(both::typed);
                Consumer<Job> c = both::<Job>typed;
              }
            }
            """),
        source("test.Outbox", IMPLEMENTED_IN_SUBCLASS));
  }

  /**
   * A package-private generic method of a class overridden beside it, {@code <U> void post(U
   * value)} of {@code <T> void post(@Sent T value)}: javac's leg of {@code
   * EcjCallSitesTest.callThroughAPackagePrivateOverrideOfAGenericMethod_*}.
   */
  @Test
  void callThroughAPackagePrivateOverrideOfAGenericMethod_isCheckedByTheOverriddenMarker() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import lib.Chan;
            class Base {
              <T> void post(@Sent T value) {}
            }
            final class Sub extends Base {
              @Override <U> void post(U value) {}
              <U> void postLater(U value) {}
            }
            final class Main {
              static void use(Sub sub, Chan<Job> jobs) {
                sub.post(jobs); // ferry:inherit-only-sent @jobs
                sub.post(new Job(1));
                sub.postLater(jobs);
              }
            }
            """));
  }

  private static final Source ERASED_FILE_OUTBOX =
      source(
          "test.ErasedFileOutbox",
          """
          package test;
          import lib.Chan;
          final class ErasedFileOutbox extends ErasedBase implements GenericOutbox {
            @Override
            public void typed(Object value) {}
            @Override
            public void post(Object value) {}
            @Override
            public void put(Object value, int times) {}
            @Override
            public void all(Object... values) {}
            @Override
            @SuppressWarnings("rawtypes")
            public void via(Chan channel) {}
          }
          """);

  private static final Source ERASED_BASE =
      source(
          "test.ErasedBase",
          """
          package test;
          import dev.ferry.annotation.Sent;
          import lib.Chan;
          abstract class ErasedBase {
            public abstract <@Sent T> void put(T value, int times);
            @SuppressWarnings("unchecked")
            public abstract <@Sent T> void all(T... values);
            public abstract <@Sent T> void via(Chan<T> channel);
          }
          """);

  /**
   * An override that is not generic, of a generic method, by erasure (JLS 8.4.2: {@code void
   * typed(Object value)} implements {@code <@Sent T> void typed(T value)}), sends its argument just
   * the same, though it has no type variable left to carry the marker: {@code outbox.typed(jobs)}
   * through it compiled clean under javac 17, javac 25 and ECJ (see {@code EcjCallSitesTest}),
   * where the same call through the interface is told. A parameter that only mentions the variable
   * ({@code Chan<T> channel}, erased to a raw {@code Chan}) is not what is sent: its twin is clean.
   */
  @Test
  void callThroughAnErasureOverrideOfAGenericMethod_isCheckedByTheOverriddenTypeVariablesMarker() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void use(ErasedFileOutbox outbox, Chan<Job> jobs, Thread worker) {
                outbox.typed(jobs); // ferry:inherit-only-sent @jobs
                outbox.post(jobs); // ferry:inherit-only-sent @jobs
                outbox.put(jobs, 2); // ferry:inherit-only-sent @jobs
                outbox.all(new Job(1), jobs); // ferry:inherit-only-sent @jobs
                outbox.typed(worker); // ferry:not-transferable @worker
              }
            }
            """),
        GENERIC_OUTBOX,
        ERASED_BASE,
        ERASED_FILE_OUTBOX);
  }

  @Test
  void callThroughAnErasureOverrideOfAGenericMethod_twin_transferableValuesCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void use(ErasedFileOutbox outbox, Chan<Job> jobs) {
                outbox.typed(new Job(1));
                outbox.post("text");
                outbox.put(new Job(2), 2);
                outbox.all(new Job(3), new Job(4));
                outbox.via(jobs);
              }
            }
            """),
        GENERIC_OUTBOX,
        ERASED_BASE,
        ERASED_FILE_OUTBOX);
  }

  @Test
  void rawGenericTransferableMember_isReportedLikeBoxOfObject() {
    api.assertDiagnostics(
        source(
            "test.Box",
            """
            package test;
            @dev.ferry.annotation.Transferable
            record Box<T>(T value) {}
            """),
        source(
            "test.Holder",
            """
            package test;
            @dev.ferry.annotation.Transferable
            record Holder(Box box, Box<String> typed) {} // ferry:not-transferable @box
            """));
  }

  /**
   * Two units that call each other's generic helpers, the first compiled first: while the
   * checker finds out whether the first touches Ferry, it asks about the second, which asks about
   * the first again. The second's provisional "no" must not stick once the first turns out "yes".
   */
  private static final Source PINGER =
      source(
          "test.Pinger",
          """
          package test;
          import lib.Chan;
          final class Pinger {
            static <T> void ping(T value) {
              Ponger.pong(value);
            }

            static <T> void sendIt(T value) {
              Chan<T> channel = Chan.create();
              channel.send(value);
            }
          }
          """);

  @Test
  void helperReachedThroughACycleOfUnits_isChecked() {
    api.assertDiagnostics(
        PINGER,
        source(
            "test.Ponger",
            """
            package test;
            final class Ponger {
              static <T> void pong(T value) {}

              static void use(Thread worker) {
                Pinger.sendIt(worker); // ferry:not-transferable @worker
              }
            }
            """));
  }

  @Test
  void helperReachedThroughACycleOfUnits_twin_compilesClean() {
    api.assertCompilesClean(
        PINGER,
        source(
            "test.Ponger",
            """
            package test;
            final class Ponger {
              static <T> void pong(T value) {}

              static void use(String name) {
                Pinger.sendIt(name);
              }
            }
            """));
  }
  /**
   * A call that initializes a declaration takes the type of a variable its result carries from the
   * declaration's written type as much as from its arguments: {@code Chan<Thread> c = pipe(() ->
   * new Thread())} is one mistake, told once, where the type is written. Where the declared type
   * says nothing of it ({@code Object}), the call's argument is told.
   */
  @Test
  void callInitializingAReportedDeclaration_isToldOnceWhereTheTypeIsWritten() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import java.util.function.Function;
            import java.util.function.Supplier;
            final class Main {
              static <R> Chan<R> pipe(Supplier<R> source) { return Chan.create(); }
              static <A, R> Chan<R> map(A input, Function<A, R> f) { return Chan.create(); }
              static <R> Chan<R> of(R first) { return Chan.create(); }
              static Chan<Thread> field = pipe(() -> new Thread()); // ferry:not-transferable @Thread
              static void use() {
                Chan<Thread> piped = pipe(() -> new Thread()); // ferry:not-transferable @Thread
                Chan<Thread> mapped = (map("x", j -> new Thread())); // ferry:not-transferable @Thread
                Chan<Thread> held = of(new Thread()); // ferry:not-transferable @Thread
                Object untyped = pipe(() -> new Thread()); // ferry:not-transferable @()
                Chan<String> fine = map("x", j -> j + "!");
              }
            }
            """));
  }
  /**
   * As for a declaration, a call whose result is returned from a method, or assigned to a variable,
   * whose written type is reported is told once, there; returned from a lambda (whose type is
   * inferred) or into a place whose type says nothing of it, the call's argument is told.
   */
  @Test
  void callReturnedOrAssignedToAReportedType_isToldOnceWhereTheTypeIsWritten() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import java.util.function.Supplier;
            final class Main {
              static <R> Chan<R> pipe(Supplier<R> source) { return Chan.create(); }
              static Chan<Thread> field; // ferry:not-transferable @Thread
              static Chan<Thread> made() { // ferry:not-transferable @Thread
                return pipe(() -> new Thread());
              }
              static Chan<Thread> madeInParentheses() { // ferry:not-transferable @Thread
                return (pipe(() -> new Thread()));
              }
              static Object untyped() {
                return pipe(() -> new Thread()); // ferry:not-transferable @()
              }
              static Chan<Thread> viaLambda() { // ferry:not-transferable @Thread
                Supplier<Object> later = () -> {
                  return pipe(() -> new Thread()); // ferry:not-transferable @()
                };
                return null;
              }
              static void use() {
                Chan<Thread> local; // ferry:not-transferable @Thread
                local = pipe(() -> new Thread());
                field = pipe(() -> new Thread());
                Main.field = pipe(() -> new Thread());
                Object any;
                any = pipe(() -> new Thread()); // ferry:not-transferable @()
              }
              static Chan<String> fine() {
                return pipe(() -> "x");
              }
            }
            """));
  }

  /**
   * A value whose type is a captured wildcard ({@code lanes.forEach(Main::post)} for a {@code List<?
   * extends Chan<String>> lanes} hands each lane as a {@code capture of ? extends Chan<String>}) is
   * checked by the wildcard's bound; an unbounded wildcard's capture says nothing, and stays quiet.
   */
  @Test
  void capturedWildcard_isCheckedByItsBound() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import java.util.List;
                import lib.Chan;
                final class Main {
                  static void post(@Sent Object value) {}
                  static <T> void relay(Chan<T> channel, T value) { channel.send(value); }
                  static <T> void echo(Chan<T> channel) { relay(channel, channel.receive()); }
                  static void use(List<? extends Chan<String>> lanes, List<? extends String> names,
                      Chan<?> any, List<?> unknown) {
                    lanes.forEach(Main::post); // ferry:inherit-only-sent @Main::post
                    post(lanes.get(0)); // ferry:inherit-only-sent @(0)
                    names.forEach(Main::post);
                    post(names.get(0));
                    echo(any);
                    unknown.forEach(System.out::println);
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            "`Main::post` hands each `Chan<String>` it receives to `post`, whose argument is sent");
  }
}
