package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import dev.ferry.processor.diagnostic.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ferry:inherit-only-sent} at call sites: an {@code @InheritOnly} value (a channel, the
 * user's {@code Ports}) passed to a {@code @Sent} parameter, or given as the type argument of a
 * {@code @Sent} type parameter, written or inferred. The API comes from the class path.
 */
public class InheritOnlySentCallSiteTest {
  private final MarkedApi api = MarkedApi.fromClassPath();

  @Test
  void userInheritOnlyRecordSent_isReported() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                final class Main {
                  static void hello(Chan<Ports> meta, Ports ports) { // ferry:inherit-only-sent @Ports
                    meta.send(ports); // ferry:inherit-only-sent @ports
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `ports` is sent to another process, and its type `Ports` is @InheritOnly");
  }

  /**
   * Any enum crosses by name, but one its author marked {@code @InheritOnly} (a singleton that
   * holds a connection) is held to the marker like a record or class: sent alone, inside a
   * collection, or as a channel's type argument, it is told; at spawn it is legal.
   */
  @Test
  void inheritOnlyEnumSent_isReported() {
    FerryCompiler.assertDiagnostics(source("test.Main", inheritOnlyEnumProgram(true)));
  }

  @Test
  void inheritOnlyEnumSent_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", inheritOnlyEnumProgram(false)));
  }

  private static String inheritOnlyEnumProgram(boolean marked) {
    String program =
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.InheritOnly;
        import dev.ferry.annotation.Sent;
        import java.util.EnumSet;
        import java.util.List;
        final class Main {
          @InheritOnly enum Lock { A, B }
          @InheritOnly record Setup(Lock lock, Channel<String> names) {}
          static void post(@Sent Object value) {}
          static void child(Setup setup) {}
          static void start(Channel<String> names) {
            post(Lock.A); // ferry:inherit-only-sent @.
            post(List.of(Lock.B)); // ferry:inherit-only-sent @(Lock.B)
            post(EnumSet.of(Lock.A)); // ferry:inherit-only-sent @(Lock.A)
            Channel<Lock> locks = Channel.create(); // ferry:inherit-only-sent @Lock>
            Ferry.spawn(Main::child, new Setup(Lock.A, names));
          }
        }
        """;
    return marked
        ? program
        : program.replace("@InheritOnly enum", "enum").replaceAll(" // ferry:\\S+ @\\S+", "");
  }

  /**
   * A {@code Channel<?>} (or {@code Channel<? extends Object>}, the same type, which javac alone
   * refused: ECJ gives it no bound) carries nothing its holder could send but null, whether it is a value
   * handed to a child or written as a member of an {@code @InheritOnly} type or inside a spawn
   * argument's type; a channel is still no member of a copied value, and {@code ? super Thread}
   * still lets a holder send a {@code Thread}. A member's mistake is told once, on the member,
   * not again on the type argument written in its type.
   */
  @Test
  void unboundedChannelWritten_compilesCleanWhereAChannelMayGo() {
    FerryCompiler.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.Ferry;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            import java.util.List;
            final class Main {
              @InheritOnly record Ports(Channel<?> any, Channel<? extends Object> also, Channel<String> names) {}
              @InheritOnly record Open(Channel<? super Thread> any) {} // ferry:not-transferable @any
              @Transferable record Copied(Channel<?> lane) {} // ferry:inherit-only-sent @lane
              @InheritOnly record Typed(Channel<Thread> lane) {} // ferry:not-transferable @lane
              @Transferable record Held(Channel<Thread> lane) {} // ferry:inherit-only-sent @lane
              @InheritOnly static final class Kept {
                final Channel<Thread> lane; // ferry:not-transferable @lane
                Kept(Channel<Thread> lane) { // ferry:not-transferable @Thread
                  this.lane = lane;
                }
              }
              static void child(Ports ports) {}
              static void lanes(List<Channel<?>> lanes) {}
              static void objects(List<Channel<? extends Object>> lanes) {}
              static void start(Channel<String> names, List<Channel<?>> lanes) {
                Ferry.spawn(Main::child, new Ports(names, names, names));
                Ferry.spawn(Main::lanes, lanes);
                Channel<? extends Object> any = names;
                Ferry.spawn(Main::objects, List.<Channel<? extends Object>>of(any));
              }
            }
            """));
  }

  /**
   * A {@code Channel<? extends Number>}, like a {@code Channel<?>}, carries nothing its holder
   * could send but null, and what it receives was checked where it was sent: written as a
   * parameter, a local, a member of an {@code @InheritOnly} type or inside a spawn argument's type,
   * or given by a method's return type (captured, inferred for a {@code var}), it is a handle. So is
   * an {@code @InheritOnly} type holding its variable only in channels, {@code Stage<? extends
   * Thread>}. Before, each written form was refused ("`Number` is a JDK type Ferry has no codec
   * for") and the captured one was not. Shared with EcjCallSitesTest.
   */
  public static final String EXTENDS_WILDCARD_LIB =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.List;
      final class Lib {
        static Channel<? extends Number> numbers() { return null; }
        static List<Channel<? extends Enum<?>>> states() { return List.of(); }
        static Main.Stage<? extends Thread> stage() { return null; }
      }
      """;

  public static final String EXTENDS_WILDCARD_MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.List;
      final class Main {
        @InheritOnly record Lanes(Channel<? extends Number> numbers, Channel<? extends Enum<?>> states) {}
        @InheritOnly record Stage<I>(Channel<I> in) {}
        @InheritOnly record Staged(Stage<? extends Thread> stage) {}
        static void numbers(Channel<? extends Number> numbers) {}
        static void lanes(List<Channel<? extends Number>> lanes) {}
        static void states(List<Channel<? extends Enum<?>>> states) {}
        static void child(Lanes lanes) {}
        static void staged(Stage<? extends Thread> stage) {}
        static void portsOut(Channel<? extends Staged> out) {}
        static void start(Channel<Integer> ints, List<Channel<? extends Number>> lanes) {
          Channel<? extends Number> numbers = ints;
          Ferry.spawn(Main::numbers, numbers);
          Ferry.spawn(Main::numbers, Lib.numbers());
          var inferred = Lib.numbers();
          Ferry.spawn(Main::numbers, inferred);
          Ferry.spawn(Main::lanes, lanes);
          Ferry.spawn(Main::lanes, List.<Channel<? extends Number>>of(ints));
          Ferry.spawn(Main::states, Lib.states());
          Ferry.spawn(Main::child, new Lanes(ints, Lib.states().get(0)));
          Ferry.spawn(Main::staged, Lib.stage());
        }
      }
      """;

  /**
   * A channel of a JDK collection class the reader rebuilds as itself ({@code
   * Channel<ArrayList<String>>}, legal as a local or a parameter) held by an {@code @InheritOnly}
   * record or handed to a child, alone or in a {@code List}: each was refused as a member would be
   * ("write `List` in place of `ArrayList`"), so the channel could not reach the only process it
   * was for. Shared with EcjCallSitesTest.
   */
  public static final String CHANNEL_OF_A_COLLECTION_CLASS_MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.ArrayList;
      import java.util.HashMap;
      import java.util.LinkedList;
      import java.util.List;
      import java.util.TreeSet;
      import java.util.Vector;
      final class Main {
        @InheritOnly record Lanes(Channel<ArrayList<String>> names, Channel<TreeSet<String>> sorted) {}
        @InheritOnly record Wrong(Channel<Vector<String>> names) {} // %s
        static void lanes(Lanes lanes) {}
        static void names(Channel<LinkedList<String>> names) {}
        static void all(List<Channel<HashMap<String, Integer>>> all) {}
        static void start(Channel<ArrayList<String>> names, Channel<TreeSet<String>> sorted) {
          Channel<LinkedList<String>> queue = Channel.create();
          Ferry.spawn(Main::lanes, new Lanes(names, sorted));
          Ferry.spawn(Main::names, queue);
          Ferry.spawn(Main::all, List.of(Channel.<HashMap<String, Integer>>create()));
        }
      }
      """;

  /**
   * The twin: a {@code ? super Thread} lets its holder send a {@code Thread}, and a {@code
   * Holder<? extends Thread>} writes one (its codec writes {@code T value}): both stay refused,
   * written, returned by a method or inferred for a {@code var}; a value of a type told where it
   * is written (the {@code open} spawned to {@code lanes}, whose parameter and {@code Lib.open}
   * are told) is not told again (CHANNEL_TYPE_TOLD_WHERE_DECLARED). Shared with EcjCallSitesTest.
   */
  public static final String SUPER_WILDCARD_LIB =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.List;
      final class Lib {
        static List<Channel<? super Thread>> open() { return List.of(); } // ferry:not-transferable @?
        static Main.Holder<? extends Thread> holder() { return null; }
      }
      """;

  public static final String SUPER_WILDCARD_MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.List;
      final class Main {
        @InheritOnly record Open(Channel<? super Thread> any) {} // ferry:not-transferable @any
        @InheritOnly record Holder<T>(T value, Channel<String> replies) {}
        @InheritOnly record Held(Holder<? extends Thread> holder) {} // ferry:not-transferable @holder
        static void lanes(List<Channel<? super Thread>> lanes) {} // ferry:not-transferable @?
        static void held(Holder<? extends Thread> holder) {}
        static void portsIn(Channel<? super Held> in) {} // ferry:inherit-only-sent @?
        static void start() {
          var open = Lib.open();
          Ferry.spawn(Main::lanes, open);
          var holder = Lib.holder();
          Ferry.spawn(Main::held, holder); // ferry:not-transferable @holder
        }
      }
      """;

  /**
   * A {@code Channel<? super Thread>} that reaches a spawn as a captured value (a method's result
   * in a {@code var}) lets its holder send a {@code Thread} as the written type does:
   * checked by its lower bound, also inside a {@code List}. The methods are suppressed, as an
   * unchecked library's would be. Shared with EcjCallSitesTest.
   */
  public static final String CAPTURED_SUPER_WILDCARD_MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import java.util.List;
      @SuppressWarnings("ferry:not-transferable")
      final class Lib {
        static Channel<? super Thread> threads() { return null; }
        static List<Channel<? super Thread>> lanes() { return List.of(); }
      }
      final class Main {
        static <X> void child(X x) {}
        static void start() {
          var held = Lib.threads();
          Ferry.spawn(Main::child, held); // ferry:not-transferable @held
          var lanes = Lib.lanes();
          Ferry.spawn(Main::child, lanes); // ferry:not-transferable @lanes
        }
      }
      """;

  /**
   * The twin: a channel's {@code ? super Integer} takes only {@code Integer}s, which cross, so it
   * is legal where a channel may go, written (a member of an {@code @InheritOnly} record, inside a
   * spawn argument's {@code List}) or captured; it was refused inside a type ("`? super Integer`
   * could hold any type"). Shared with EcjCallSitesTest.
   */
  public static final String SUPER_WILDCARD_OF_A_CODEC_MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.List;
      final class Main {
        @InheritOnly record Sinks(Channel<? super Integer> one, List<Channel<? super Integer>> all) {}
        static Channel<? super Integer> ints() { return null; }
        static List<Channel<? super Integer>> lanes() { return List.of(); }
        static <X> void child(X x) {}
        static void start(Channel<? super Integer> one, List<Channel<? super Integer>> all) {
          Ferry.spawn(Main::child, one);
          Ferry.spawn(Main::child, all);
          Ferry.spawn(Main::child, ints());
          var held = ints();
          Ferry.spawn(Main::child, held);
          Ferry.spawn(Main::child, lanes());
          Ferry.spawn(Main::child, new Sinks(one, all));
        }
      }
      """;

  /**
   * A channel of an {@code @InheritOnly} type that reaches a spawn as a library's method returns
   * it (the library suppressed, or compiled apart) lets its holder send a {@code Ports}, which can
   * never cross: told on the value, as a written {@code Channel<Ports>} is told where written (and
   * only there: {@code meta} is not told again at the spawn). A holder whose variable stands only in
   * a channel ({@code Stage<I>(Channel<I> in)}) too. {@code %1$s}: the text an error on a call
   * begins at, {@code (} under javac, {@code Lib} under ECJ. Shared with EcjCallSitesTest.
   */
  public static final String RETURNED_CHANNEL_OF_INHERIT_ONLY_MAIN =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.List;
      @SuppressWarnings("ferry")
      final class Lib {
        static Channel<Main.Ports> ports() { return null; }
        static List<Channel<Main.Ports>> lanes() { return List.of(); }
        static Channel<? super Main.Ports> wider() { return null; }
        static Main.Stage<Main.Ports> stage() { return null; }
      }
      final class Main {
        @InheritOnly record Ports(Channel<String> replies) {}
        @InheritOnly record Stage<I>(Channel<I> in) {}
        static <X> void child(X x) {}
        static void start(Channel<Ports> meta) { // ferry:inherit-only-sent @Ports
          Ferry.spawn(Main::child,
              Lib.ports()); // ferry:inherit-only-sent @%1$s
          var held = Lib.ports();
          Ferry.spawn(Main::child, held); // ferry:inherit-only-sent @held
          Ferry.spawn(Main::child,
              Lib.lanes()); // ferry:inherit-only-sent @%1$s
          Ferry.spawn(Main::child,
              Lib.wider()); // ferry:inherit-only-sent @%1$s
          var stage = Lib.stage();
          Ferry.spawn(Main::child, stage); // ferry:inherit-only-sent @stage
          Ferry.spawn(Main::child, meta);
        }
      }
      """;

  /**
   * The twin: what a library returns that its holder can send nothing through but null ({@code
   * Channel<? extends Ports>}, {@code Channel<?>}), channels of types with a codec, and an {@code
   * @InheritOnly} holder whose codec writes its {@code Ports} at spawn ({@code Holder<T>(T value,
   * ...)}), are legal spawn arguments, written in a library or returned by it. Shared with
   * EcjCallSitesTest.
   */
  public static final String RETURNED_CHANNEL_OF_INHERIT_ONLY_LEGAL =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import java.util.List;
      final class Lib {
        static Channel<? extends Main.Ports> readOnly() { return null; }
        static Channel<?> any() { return null; }
        static Main.Holder<Main.Ports> holder() { return null; }
        static List<Channel<Integer>> ints() { return List.of(); }
      }
      final class Main {
        @InheritOnly record Ports(Channel<String> replies) {}
        @InheritOnly record Holder<T>(T value, Channel<String> replies) {}
        static <X> void child(X x) {}
        static void start() {
          Ferry.spawn(Main::child, Lib.readOnly());
          Ferry.spawn(Main::child, Lib.any());
          var holder = Lib.holder();
          Ferry.spawn(Main::child, holder);
          Ferry.spawn(Main::child, Lib.ints());
        }
      }
      """;

  /**
   * A local or parameter whose written channel type was told, handed to a child, is the same
   * mistake: told once, where the type is written, by either rule (a {@code Channel<Thread>} was
   * told again at each spawn, "`p` is handed to a child process when it starts, and `Thread` in
   * its type ..."). Shared with EcjCallSitesTest.
   */
  public static final String WRITTEN_CHANNEL_SPAWNED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      final class Main {
        @InheritOnly record Ports(Channel<String> replies) {}
        static <X> void child(X x) {}
        static void start(Channel<Thread> threads, // ferry:not-transferable @Thread
            Channel<? super Thread> wider, // ferry:not-transferable @?
            Channel<Ports> ports) { // ferry:inherit-only-sent @Ports
          Channel<Thread> local = Channel.create(); // ferry:not-transferable @Thread
          Ferry.spawn(Main::child, threads);
          Ferry.spawn(Main::child, wider);
          Ferry.spawn(Main::child, ports);
          Ferry.spawn(Main::child, local);
        }
      }
      """;

  @Test
  void writtenChannelTypeSpawned_isToldOnceWhereWritten() {
    FerryCompiler.assertDiagnostics(source("test.Main", WRITTEN_CHANNEL_SPAWNED));
  }

  /**
   * A channel type told where it is written, as a method's result or a spawn target's parameter,
   * was told again at each spawn of a value that took its type from there: `lib()` for {@code
   * Channel<Vector<String>> lib()}, `List.of(lib())`, and `Channel.create()` or `make()` handed to
   * {@code child(Channel<StringBuilder> c)}, once per branch of a conditional or switch. One
   * mistake, told once where the type is written, which is where the user changes it (a declaration
   * silenced, or only in a class file, leaves its values told at the spawn:
   * RETURNED_CHANNEL_OF_INHERIT_ONLY_MAIN). Shared with EcjCallSitesTest; the twin writes types
   * whose values can be sent.
   */
  public static final String CHANNEL_TYPE_TOLD_WHERE_DECLARED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import java.util.List;
      import java.util.Vector;
      final class Main {
        static <T> Channel<T> make() { return Channel.create(); }
        static <X> void any(X x) {}
        static void child(Channel<StringBuilder> c) {} // ferry:not-transferable @StringBuilder
        static void w(Channel<Vector<String>> c) {} // ferry:not-transferable @Vector
        static void x(List<Channel<Vector<String>>> l) {} // ferry:not-transferable @Vector
        static Channel<Vector<String>> lib() { return null; } // ferry:not-transferable @Vector
        static void start(boolean flag, int k) throws InterruptedException {
          Ferry.spawn(Main::child, Channel.create());
          Ferry.spawn(Main::child, make());
          Ferry.spawn(Main::child, flag ? make() : Channel.create());
          Ferry.spawn(Main::child, switch (k) { case 1 -> make(); default -> Channel.create(); });
          Ferry.spawn(Main::w, lib());
          Ferry.spawn(Main::any, lib());
          Ferry.spawn(Main::x, List.of(lib()));
          Ferry.spawn(Main::w, flag ? lib() : Channel.create());
        }
      }
      """;

  /** {@link #CHANNEL_TYPE_TOLD_WHERE_DECLARED} with types whose values can be sent. */
  public static String channelTypeToldWhereDeclaredTwin() {
    return CHANNEL_TYPE_TOLD_WHERE_DECLARED
        .replaceAll(" // ferry:.*", "")
        .replace("StringBuilder", "String")
        .replace("Vector<String>", "List<String>");
  }

  @Test
  void channelTypeToldWhereDeclared_isNotToldAgainWhereItsValuesAreSpawned() {
    FerryCompiler.assertDiagnostics(source("test.Main", CHANNEL_TYPE_TOLD_WHERE_DECLARED));
  }

  @Test
  void channelTypeToldWhereDeclared_twin_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", channelTypeToldWhereDeclaredTwin()));
  }

  /**
   * A channel of an {@code @InheritOnly} type written as a parameter's type, of a method then
   * called and spawned: its one error, where written, said "Fix: pass the `Ports` to the child as a
   * spawn argument when it starts (`Ferry.spawn(target, ...)`) instead of sending it", though
   * nothing is sent there; the type argument is what to change. Shared with EcjCallSitesTest:
   * {@code %s} is the channel's type argument; the twin's is {@code Job}.
   */
  public static final String WRITTEN_CHANNEL_PARAMETER =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.InheritOnly;
      import dev.ferry.annotation.Transferable;
      final class Main {
        @InheritOnly record Ports(Channel<String> replies) {}
        @Transferable record Job(long id) {}
        static void child(Channel<%1$s> work, Ports ports) {}
        static void start(Channel<%1$s> work, Ports ports) throws InterruptedException {
          Ferry.spawn(Main::child, work, ports);
        }
        static void run(Ports ports) throws InterruptedException {
          start(Channel.create(), ports);
        }
      }
      """;

  public static final String WRITTEN_CHANNEL_FIX =
      "Fix: give `Channel` a type argument whose values can be sent (plain data, a @Transferable"
          + " type): a `Ports` can never cross through a `Channel`; to hand a `Ports` to a child,"
          + " pass it as a spawn argument when the child starts (`Ferry.spawn(target, ...)`).";

  /**
   * Type arguments written for a generic method's crossing variables: `pool.<Ports,
   * Integer>submit(...)` was told under javac "Fix: pass the `Ports` to the workers when they
   * start, through the pool's initializer (`pool.initializer(Main::init, Ports)`) ...", a type
   * given as a value, and under ECJ "... as a spawn argument ... instead of sending it"; the result
   * `R` (`pool.<Integer, Ports>submit(...)`) got the initializer too; `Channel.<Ports>create()`
   * "instead of sending it". Shared with EcjCallSitesTest; {@code %s} is the type written.
   */
  public static final String WRITTEN_METHOD_TYPE_ARGUMENTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.InheritOnly;
      import dev.ferry.annotation.Transferable;
      final class Main {
        @Transferable record Job(long id) {}
        @InheritOnly record Ports(Channel<Job> jobs) {}
        static int take(%1$s p) { return 0; }
        static %1$s make(int i) { return null; }
        static Channel<?> channel() { return Channel.<%1$s>create(); }
        static void run(ProcessPool pool) throws Exception {
          pool.<%1$s, Integer>submit(Main::take, null);
          pool.<Integer, %1$s>submit(Main::make, 1);
        }
      }
      """;

  /** {@link #WRITTEN_METHOD_TYPE_ARGUMENTS} of `Ports`, marked, and each error's fix. */
  public static String writtenMethodTypeArgumentsMarked() {
    return WRITTEN_METHOD_TYPE_ARGUMENTS
        .formatted("Ports")
        .replace("take, null);", "take, null); // ferry:inherit-only-sent @Ports")
        .replace("make, 1);", "make, 1); // ferry:inherit-only-sent @Ports")
        .replace("create(); }", "create(); } // ferry:inherit-only-sent @Ports");
  }

  public static final List<String> WRITTEN_METHOD_TYPE_ARGUMENT_FIXES =
      List.of(
          "Fix: give `A` of `submit` a type whose values can be sent (plain data, a @Transferable"
              + " type): a `Ports` can never cross that way; to hand a `Ports` to the workers, pass"
              + " it to the pool's initializer, which gives it to each worker when it starts.",
          "Fix: make the task return plain data instead",
          "Fix: give `T` of `create` a type whose values can be sent (plain data, a @Transferable"
              + " type): a `Ports` can never cross that way; to hand a `Ports` to a child, pass it"
              + " as a spawn argument when the child starts (`Ferry.spawn(target, ...)`).");

  @Test
  void writtenMethodTypeArgument_isToldToChangeIt() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", writtenMethodTypeArgumentsMarked()));
    for (String fix : WRITTEN_METHOD_TYPE_ARGUMENT_FIXES) {
      assertThat(compilation).hadErrorContaining(fix);
    }
    for (var error : compilation.errors()) {
      assertThat(error.getMessage(null)).doesNotContain("Main::init, Ports");
      assertThat(error.getMessage(null)).doesNotContain("instead of sending it");
    }
  }

  @Test
  void writtenMethodTypeArgument_twin_ofATransferableTypeCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", WRITTEN_METHOD_TYPE_ARGUMENTS.formatted("Job")));
  }

  @Test
  void writtenChannelParameter_isToldToChangeItsTypeArgument() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                WRITTEN_CHANNEL_PARAMETER
                    .formatted("Ports")
                    .replace(
                        "Ports ports) {}", "Ports ports) {} // ferry:inherit-only-sent @Ports")
                    .replace(
                        "work, Ports ports) throws InterruptedException {",
                        "work, Ports ports) throws InterruptedException { // ferry:inherit-only-sent"
                            + " @Ports")));
    assertThat(compilation).hadErrorContaining(WRITTEN_CHANNEL_FIX);
    for (var error : compilation.errors()) {
      assertThat(error.getMessage(null)).doesNotContain("instead of sending it");
    }
  }

  @Test
  void writtenChannelParameter_twin_ofATransferableTypeCompilesClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", WRITTEN_CHANNEL_PARAMETER.formatted("Job")));
  }

  /**
   * The fix of a channel of an {@code @InheritOnly} type handed to a child at spawn: it read "pass
   * the `Ports` to the child as a spawn argument ... instead of sending it", though this value is
   * passed at spawn already; what cannot cross is a `Ports` sent through it. Shared with
   * EcjCallSitesTest.
   */
  public static final String RETURNED_CHANNEL_FIX =
      "Fix: give the child channels of a type that can be sent instead, such as a @Transferable"
          + " record of the plain data in `Ports`: a channel of `Ports` would carry a `Ports`"
          + " between processes, which it never can; if the child needs the `Ports` itself, pass"
          + " it as a spawn argument.";

  @Test
  void returnedChannelOfAnInheritOnlyType_isToldAtTheSpawn() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Main", RETURNED_CHANNEL_OF_INHERIT_ONLY_MAIN.formatted("(")));
    assertThat(compilation)
        .hadErrorContaining(
            "`Lib.ports()` is handed to a child process when it starts, and `Ports` in its type"
                + " `Channel<Ports>` is @InheritOnly");
    assertThat(compilation).hadErrorContaining(RETURNED_CHANNEL_FIX);
    for (var error : compilation.errors()) {
      if (error.getMessage(null).contains("is handed to a child process when it starts")) {
        assertThat(error.getMessage(null)).doesNotContain("instead of sending it");
      }
    }
  }

  @Test
  void returnedChannelThatCannotSendAnInheritOnlyType_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", RETURNED_CHANNEL_OF_INHERIT_ONLY_LEGAL));
  }

  @Test
  void capturedChannelOfASuperWildcard_isCheckedByItsLowerBound() {
    FerryCompiler.assertDiagnostics(source("test.Main", CAPTURED_SUPER_WILDCARD_MAIN));
  }

  @Test
  void channelOfASuperWildcardOfATypeWithACodec_compilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", SUPER_WILDCARD_OF_A_CODEC_MAIN));
  }

  @Test
  void channelOfAnExtendsWildcard_compilesCleanWhereAChannelMayGo() {
    FerryCompiler.assertCompilesClean(
        source("test.Lib", EXTENDS_WILDCARD_LIB), source("test.Main", EXTENDS_WILDCARD_MAIN));
  }

  @Test
  void channelOfACollectionClassReadBackAsItself_reachesAChild() {
    FerryCompiler.assertCompilesClean(
        source("test.Main", CHANNEL_OF_A_COLLECTION_CLASS_MAIN.formatted("")
            .replace("  @InheritOnly record Wrong(Channel<Vector<String>> names) {} // \n", "")));
  }

  /** The twin: a channel of a class the reader rebuilds as another is still told, as a member. */
  @Test
  void channelOfACollectionClassReadBackAsAnother_isStillReportedAsAMember() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Main",
                CHANNEL_OF_A_COLLECTION_CLASS_MAIN.formatted("ferry:not-transferable @names")));
    assertThat(compilation)
        .hadErrorContaining(
            "`Wrong.names` is `Channel<Vector<String>>`, and `Vector<String>` is rebuilt by the"
                + " reading process as every `List` is, as `ArrayList`, which cannot be cast to"
                + " `Vector`. Fix: declare it as `List<String>`.");
  }

  /**
   * Java 21's sequenced interfaces as a channel's type argument: a reader rebuilds every value as a
   * class that is one ({@code ArrayList}, {@code LinkedHashSet}, {@code LinkedHashMap}, ...), so a
   * {@code Channel<SequencedCollection<String>>} is legal as a local, and was refused once held or
   * handed to a child. As a member's own type, which decides what its codec writes, it is still
   * refused (NotTransferableTest).
   */
  @Test
  void channelOfASequencedInterface_reachesAChild() {
    assumeTrue(Runtime.version().feature() >= 21, "sequenced collections need Java 21");
    FerryCompiler.ferry()
        .withOptions("--release", "21")
        .expectingClean(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.Ferry;
                import dev.ferry.annotation.InheritOnly;
                import java.util.List;
                import java.util.SequencedCollection;
                import java.util.SequencedMap;
                import java.util.SequencedSet;
                final class Main {
                  @InheritOnly record Lanes(Channel<SequencedSet<String>> set, Channel<SequencedMap<String, Long>> map) {}
                  static void lanes(Lanes lanes) {}
                  static void all(List<Channel<SequencedCollection<String>>> all) {}
                  static void start(Channel<SequencedSet<String>> set, Channel<SequencedMap<String, Long>> map) {
                    Channel<SequencedCollection<String>> any = Channel.create();
                    Ferry.spawn(Main::lanes, new Lanes(set, map));
                    Ferry.spawn(Main::all, List.of(any));
                  }
                }
                """));
  }

  @Test
  void channelOfASuperWildcard_andAHolderOfAnExtendsWildcard_areStillReported() {
    FerryCompiler.assertDiagnostics(
        source("test.Lib", SUPER_WILDCARD_LIB), source("test.Main", SUPER_WILDCARD_MAIN));
  }

  @Test
  void channelSentThroughChannel_isReportedWithItsPath() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                final class Main {
                  static void relay(Chan raw, Chan<Job> jobs) {
                    raw.send(jobs); // ferry:inherit-only-sent @jobs
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `jobs` is sent to another process, and `Chan` in its type `Chan<Job>` is"
                + " @InheritOnly");
  }

  @Test
  void sent_twin_spawnArgumentCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Chan<Job> jobs, Ports ports) {
                Spawner.spawn(Main::child, jobs, ports);
                Spawner.spawn1(Main::withPorts, ports);
              }
              static void child() {}
              static void withPorts(Ports ports) {}
            }
            """));
  }

  @Test
  void varargsSent_reportsEachOffendingValue() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              @SuppressWarnings("ferry:inherit-only-sent")
              static Chan<Ports> meta() { return null; }

              static void hello(Ports first, Ports second) {
                meta().sendAll(
                    first, // ferry:inherit-only-sent @first
                    second); // ferry:inherit-only-sent @second
              }
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
            import lib.Chan;
            final class Main {
              Chan<Ports> field; // ferry:inherit-only-sent @Ports
              List<Chan<Chan<String>>> nested; // ferry:inherit-only-sent @Chan<String>

              Chan<Ports> returned() { // ferry:inherit-only-sent @Ports
                return null;
              }

              void parameter(Chan<Ports> meta) {} // ferry:inherit-only-sent @Ports

              void body(Object o) {
                Chan<Ports> local = null; // ferry:inherit-only-sent @Ports
                Object cast = (Chan<Ports>) o; // ferry:inherit-only-sent @Ports
                Object created = new Chan<Ports>(); // ferry:inherit-only-sent @Ports
              }
            }
            """));
  }

  @Test
  void typeArgumentWritten_twin_plainValuesCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Main {
              Chan<Job> field;
              List<Chan<List<String>>> nested;

              Chan<Job> returned() {
                return null;
              }

              void parameter(Chan<Job> jobs) {}

              void body(Object o) {
                Chan<Job> local = null;
                Object cast = (Chan<Job>) o;
                Object created = new Chan<Job>();
              }
            }
            """));
  }

  @Test
  void explicitTypeArgumentOfSentTypeParameter_isReported() {
    // `create`'s T is not @Sent, but it reaches one: it is the T of the `Chan<T>` it returns.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              void open() {
                Chan.<Ports>typed(); // ferry:inherit-only-sent @Ports
                Chan.<Ports>create(); // ferry:inherit-only-sent @Ports
              }
            }
            """));
  }

  @Test
  void typeArgumentInferredForVar_isReportedOnTheInitializer() {
    // javac puts a method call's diagnostics at its opening parenthesis.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static <T> Chan<T> make() { return null; }
              void open() {
                var c = make(); // ferry:not-transferable @(
              }
            }
            """));
  }

  @Test
  void typeArgumentWrittenInAVarInitializer_isReportedWhereWrittenOnly() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              void open() {
                var c = Chan.<Chan<String>>create(); // ferry:inherit-only-sent @Chan<String>
              }
            }
            """));
  }

  @Test
  void typeArgumentInferredForVar_explicitSentTypeArgument_isReportedOnce() {
    // `typed`'s T is @Sent: the written type argument is the finer position, and the inferred type
    // of `c` and `list` is not reported again.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Main {
              void open() {
                var c = Chan.<Ports>typed(); // ferry:inherit-only-sent @Ports
                var list = List.of(Chan.<Ports>typed()); // ferry:inherit-only-sent @Ports
                var created = new Chan<Ports>(); // ferry:inherit-only-sent @Ports
              }
            }
            """));
  }

  @Test
  void typeArgumentInferredForVar_twin_plainValueCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import lib.Chan;
            final class Main {
              void open() {
                var c = Chan.<Job>create();
                var d = Chan.<Job>typed();
                var list = List.of(Chan.<Job>create());
                Chan<Job> e = new Chan<>();
              }
            }
            """));
  }

  @Test
  void typeFlowingFromADeclaration_isReportedOnlyWhereWritten() {
    // `var c = list.get(0)`, `for (var c : list)` and lambda parameters take a type written
    // elsewhere: reporting it again at each use would pile on.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import java.util.function.Consumer;
            import lib.Chan;
            final class Main {
              void use(List<Chan<Ports>> list) { // ferry:inherit-only-sent @Ports
                var c = list.get(0);
                for (var d : list) {}
                list.forEach(e -> {});
                Consumer<Chan<Ports>> k = (var f) -> {}; // ferry:inherit-only-sent @Ports
              }
            }
            """));
  }

  /**
   * A lambda's parameter whose type is written, {@code (Chan<Ports> c) -> ...}, is a place the
   * type is written like any parameter, and may be the only one: for {@code <T> void
   * with(Consumer<T> action)}, {@code with((Chan<Ports> c) -> {})} gives {@code T} the type only
   * there. javac's checker passed over every lambda parameter (it fills in an implicit one's type
   * with a tree of its own), so it compiled clean where ECJ told it (found in the checker probe).
   * Implicit and {@code var} parameters take the type from elsewhere, told there, not again.
   */
  @Test
  void typeArgumentWrittenForALambdaParameter_isReported() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import java.util.function.BiConsumer;
            import java.util.function.Consumer;
            import lib.Chan;
            final class Main {
              static <T> void with(Consumer<T> action) {}
              static <A, B> void with2(BiConsumer<A, B> action) {}

              void use() {
                with((Chan<Ports> c) -> {}); // ferry:inherit-only-sent @Ports
                with((final Chan<Ports> c) -> {}); // ferry:inherit-only-sent @Ports
                with2((String s, Chan<Ports> c) -> {}); // ferry:inherit-only-sent @Ports
                with((lib.Chan<Ports>[] c) -> {}); // ferry:inherit-only-sent @Ports
              }
            }
            """));
  }

  @Test
  void typeArgumentWrittenForALambdaParameter_twin_implicitParametersCompileClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import java.util.List;
            import java.util.Map;
            import java.util.function.Consumer;
            import lib.Chan;
            final class Main {
              static <T> void with(Consumer<T> action) {}

              // Told here, where written, and suppressed: the lambdas below are not told again.
              @SuppressWarnings("ferry:inherit-only-sent")
              static Map<String, Chan<Ports>> map;
              @SuppressWarnings("ferry:inherit-only-sent")
              static List<Chan<Ports>> list;

              void use() {
                with((Chan<Job> c) -> {});
                map.forEach((k, v) -> {});
                map.forEach((k /* key */, v) -> {});
                map.forEach((
                    k,
                    v) -> {});
                list.forEach(c -> {});
                list.forEach(c->{});
                list.forEach((c) -> {});
                list.forEach(Chan -> {});
                list.forEach((var c) -> {});
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
            import lib.Chan;
            final class Main {
              static void relay(Chan raw, Ports ports, Job job) {
                raw.send(ports); // ferry:inherit-only-sent @ports
                raw.send(job);
              }
            }
            """));
  }

  /**
   * A cast hides a value's type, not the handles it holds: {@code raw.send((Object) ports)} sends
   * the {@code Ports} all the same. It was told as {@code not-transferable} ("its type `Object`
   * could hold any type ... Fix: declare a @Transferable type"), a fix that cannot work for a
   * channel; it is told by this rule, on the value cast, as {@code raw.send(ports)} is. A cast of a
   * value that has no codec stays {@code not-transferable} on the cast.
   */
  @Test
  void inheritOnlyValueCastToObject_isReportedOnTheValueCast() {
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            final class Main {
              static void relay(Chan raw, Ports ports, Chan<Job> jobs, Thread worker) {
                raw.send((Object) ports); // ferry:inherit-only-sent @ports
                raw.send((Object) (jobs)); // ferry:inherit-only-sent @jobs
                raw.send((Object) worker); // ferry:not-transferable @(Object)
              }
            }
            """));
  }

  @Test
  void inheritOnlyValueCastToObject_twin_plainValueCastCompilesClean() {
    api.assertCompilesClean(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void child() {}
              static void relay(Chan raw, Ports ports, Job job) {
                Spawner.spawn(Main::child, ports);
                raw.send((Job) job);
              }
            }
            """));
  }

  /**
   * A channel hidden by an inferred or declared {@code Object} is told as the channel it is: an
   * argument a generic method may return ({@code pick(job, ch)} for {@code <T> T pick(T a, T b)},
   * where {@code T} is inferred as {@code Object}), on that argument; a local that holds nothing
   * but channels ({@code Object o = ch}), on the local, naming what it holds. A local that may hold
   * another value (assigned again, in a branch, or from a call) stays not-transferable on its own
   * type, as does a generic call that may return a value its arguments' types do not show
   * ({@code firstOr(List<T>, T)}). One that returns one of its arguments is checked by them, as a
   * conditional is by its results: {@code pick(job, worker)} on {@code worker}, and {@code
   * pick(job, "x")} is legal.
   */
  @Test
  void inheritOnlyValueHiddenByObject_isReportedAsTheValueItHolds() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.Transferable;
                final class Main {
                  @Transferable record Job(int n) {}
                  static void put(@Sent Object o) {}
                  static <T> T pick(T a, T b) { return a; }
                  @SafeVarargs static <T> T first(T... values) { return values[0]; }
                  static <T> T firstOr(java.util.List<T> values, T other) { return other; }
                  @SuppressWarnings({"rawtypes", "unchecked"})
                  static void use(Channel raw, Job job, Channel<String> ch, Thread worker, boolean now)
                      throws Exception {
                    raw.send(pick(job, ch)); // ferry:inherit-only-sent @ch
                    put(first(job, job, (Object) ch)); // ferry:inherit-only-sent @ch
                    raw.send(pick(job, worker)); // ferry:not-transferable @worker
                    Object o = ch;
                    put(o); // ferry:inherit-only-sent @o
                    Object both = now ? ch : (Object) ch;
                    Object copy;
                    copy = both;
                    raw.send(copy); // ferry:inherit-only-sent @copy
                    Object either = job;
                    if (now) either = ch;
                    put(either); // ferry:not-transferable @either
                    Object later = ch;
                    later = job;
                    put(later); // ferry:not-transferable @later
                    Object fromCall = pick(job, ch);
                    put(fromCall); // ferry:not-transferable @fromCall
                    put(firstOr(java.util.List.of(worker), job)); // ferry:not-transferable @(java
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `ch` is sent to another process, and `Channel` in its type `Channel<String>` is"
                + " @InheritOnly");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `o` is sent to another process, and it holds `ch`, of type `Channel<String>`,"
                + " and `Channel` is @InheritOnly: it holds process-local handles");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: pass the `Channel` to the child as a spawn argument when it starts"
                + " (`Ferry.spawn(target, ...)`) instead of");
  }

  /**
   * A channel among values of other classes in a collection a generic factory builds ({@code
   * List.of(job, jobs)}, inferred as a {@code List<Object>}): told as a {@code List<Object>} that
   * "could hold any type", without naming the channel. Now told on the channel, as {@code pick(job,
   * ch)} is; a list without one stays told as the {@code Object} it holds. Shared with ECJ's leg.
   */
  public static final String CHANNEL_AMONG_ELEMENTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.util.Arrays;
      import java.util.List;
      import java.util.Set;
      final class Main {
        @Transferable record Job(int n) {}
        static void put(@Sent Object o) {}
        static void use(Job job, Channel<Job> jobs) {
          put(List.of(job, jobs)); // ferry:inherit-only-sent @jobs
          put(Set.of(job, jobs)); // ferry:inherit-only-sent @jobs
          put(Arrays.asList(job, jobs)); // ferry:inherit-only-sent @jobs
          put(List.of(job, "x")); // ferry:not-transferable @(job,
        }
      }
      """;

  /** {@link #CHANNEL_AMONG_ELEMENTS} with values of one class. */
  public static final String CHANNEL_AMONG_ELEMENTS_FIXED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      import java.util.Arrays;
      import java.util.List;
      import java.util.Set;
      final class Main {
        @Transferable record Job(int n) {}
        static void put(@Sent Object o) {}
        static void use(Job job, Job other) {
          put(List.of(job, other));
          put(Set.of(job, other));
          put(Arrays.asList(job, other));
          put(List.of("y", "x"));
        }
      }
      """;

  @Test
  void channelAmongElementsOfOtherClasses_isToldOnTheChannel() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", CHANNEL_AMONG_ELEMENTS));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `jobs` is sent to another process, and `Channel` in its type `Channel<Job>` is"
                + " @InheritOnly");
  }

  @Test
  void channelAmongElementsOfOtherClasses_twin_elementsOfOneClassCompileClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", CHANNEL_AMONG_ELEMENTS_FIXED));
  }

  /**
   * A channel among values of other classes in a collection a pool maps over ({@code
   * pool.map(Main::work, List.of(job, jobs))}) was told as "gives `A` of `map` the type `Object`
   * ... declare a @Transferable type", without naming the channel. Now told on the channel, with
   * the words for a channel given to a task (its initializer), as {@code pool.submit(Main::work,
   * List.of(job, jobs))} is. A list without a channel stays told as the {@code Object} it gives.
   * Shared with ECJ's leg.
   */
  public static final String CHANNEL_AMONG_TASK_ELEMENTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int n) {}
        static int work(Object o) { return 0; }
        static void use(ProcessPool pool, Job job, Channel<Job> jobs) throws Exception {
          pool.map(Main::work, List.of(job, jobs)); // ferry:inherit-only-sent @jobs
          pool.submit(Main::work, List.of(job, jobs)); // ferry:inherit-only-sent @jobs
          pool.map(Main::work, List.of(job, "x")); // ferry:not-transferable @(job,
        }
      }
      """;

  /** {@link #CHANNEL_AMONG_TASK_ELEMENTS} with values of one class. */
  public static final String CHANNEL_AMONG_TASK_ELEMENTS_FIXED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int n) {}
        static int work(Object o) { return 0; }
        static void use(ProcessPool pool, Job job, Job other) throws Exception {
          pool.map(Main::work, List.of(job, other));
          pool.submit(Main::work, List.of(job, other));
          pool.map(Main::work, List.of("y", "x"));
        }
      }
      """;

  @Test
  void channelAmongTaskElementsOfOtherClasses_isToldOnTheChannelAsATasksArgument() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(source("test.Main", CHANNEL_AMONG_TASK_ELEMENTS));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `jobs` is sent to another process, and `Channel` in its type `Channel<Job>` is"
                + " @InheritOnly");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: pass the `Channel` to the workers when they start, through the pool's initializer"
                + " (`pool.initializer(Main::init, jobs)`), instead of as a task argument.");
  }

  @Test
  void channelAmongTaskElementsOfOtherClasses_twin_elementsOfOneClassCompileClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", CHANNEL_AMONG_TASK_ELEMENTS_FIXED));
  }

  /** The legal twin of {@code inheritOnlyValueHiddenByObject_*}, shared with ECJ's leg. */
  public static final String HIDDEN_BY_OBJECT_FIXED =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      import dev.ferry.annotation.Sent;
      import dev.ferry.annotation.Transferable;
      final class Main {
        @Transferable record Job(int n) {}
        static void put(@Sent Object o) {}
        static <T> T pick(T a, T b) { return a; }
        static void child(Channel<String> ch) {}
        static void any(Object value) {}
        @SuppressWarnings({"rawtypes", "unchecked"})
        static void use(Channel raw, Job job, Job other, Channel<String> ch, boolean now)
            throws Exception {
          raw.send(pick(job, other));
          put(pick(job, other));
          raw.send(pick(job, "x"));
          Ferry.spawn(Main::any, pick(job, "x"));
          Ferry.spawn(Main::any, now ? job : "x");
          Ferry.spawn(Main::child, pick(ch, ch));
          Object o = ch;
          Ferry.spawn(Main::child, (Channel<String>) o);
        }
      }
      """;

  @Test
  void inheritOnlyValueHiddenByObject_twin_theFixCompilesClean() {
    FerryCompiler.assertCompilesClean(source("test.Main", HIDDEN_BY_OBJECT_FIXED));
  }

  @Test
  void sentTypeArgumentInsideSpawnArgument_isReported() {
    // A spawn argument may be @InheritOnly, but the channel it is still carries only what it sends.
    api.assertDiagnostics(
        source(
            "test.Main",
            """
            package test;
            import lib.Chan;
            import lib.Spawner;
            final class Main {
              static void start(Chan<Ports> meta) { // ferry:inherit-only-sent @Ports
                Spawner.spawn(Main::child, meta);
              }
              static void child() {}
            }
            """));
  }

  private static final Source HANDLES =
      source(
          "test.Handles",
          """
          package test;
          import dev.ferry.annotation.InheritOnly;
          import lib.Chan;
          @InheritOnly
          public class Handles {
            final Chan<Job> jobs;
            public Handles(Chan<Job> jobs) {
              this.jobs = jobs;
            }
          }
          """);

  private static final Source MORE_HANDLES =
      source(
          "test.MoreHandles",
          """
          package test;
          import lib.Chan;
          public class MoreHandles extends Handles {
            public MoreHandles(Chan<Job> jobs) {
              super(jobs);
            }
          }
          """);

  @Test
  void unannotatedSubclassOfInheritOnly_sent_isInheritOnlySent() {
    Compilation compilation =
        api.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import lib.Sink;
                final class Main {
                  static void hello(Sink<Object> out, MoreHandles handles) { // ferry:not-transferable @Object
                    out.accept(handles); // ferry:inherit-only-sent @handles
                  }
                }
                """),
            HANDLES,
            MORE_HANDLES);
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `handles` is sent to another process, and its type `MoreHandles` extends"
                + " `Handles`, which is @InheritOnly");
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: annotate `MoreHandles` with @InheritOnly too, then pass the `MoreHandles` to the"
                + " child as a spawn argument when it starts");
  }
}
