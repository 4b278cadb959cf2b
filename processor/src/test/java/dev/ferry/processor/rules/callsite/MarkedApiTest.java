package dev.ferry.processor.rules.callsite;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The markers are read the same whether the marked API is compiled with the user's code or read
 * from class files (they have CLASS retention), and whether or not the library's own build ran
 * Ferry's processors.
 */
class MarkedApiTest {
  /** Every kind of call-site position, once. */
  private static final Source EVERY_POSITION =
      source(
          "test.Main",
          """
          package test;
          import java.util.List;
          import lib.Chan;
          import lib.Sink;
          import lib.Spawner;
          final class Main {
            Chan<Thread> field; // ferry:not-transferable @Thread
            List<Chan<Chan<String>>> nested; // ferry:inherit-only-sent @Chan<String>

            static final class Threads implements Sink<Thread> { // ferry:not-transferable @Thread>
              public void accept(Thread t) {}
            }

            static void child() {}

            void start(Chan raw, Chan<Job> jobs, Ports ports, Thread worker) {
              raw.send(ports); // ferry:inherit-only-sent @ports
              jobs.sendAll(new Job(1), null);
              var open = Chan.create(); // ferry:not-transferable @(
              var typed = Chan.<Ports>typed(); // ferry:inherit-only-sent @Ports
              Object cast = (Chan<Object>) null; // ferry:not-transferable @Object>
              Spawner.spawn(Main::child, jobs, ports);
              Spawner.spawn(Main::child, worker); // ferry:not-transferable @worker
              Spawner.spawn(this::toString); // ferry:spawn-target @this
              class Local {}
              Spawner.spawn1(Main::withAnything, new Local()); // ferry:local-class @new
            }

            static void withAnything(Object o) {}
          }
          """);

  static Stream<Arguments> legs() {
    return Stream.of(
        Arguments.of("class path", (Supplier<MarkedApi>) MarkedApi::fromClassPath),
        Arguments.of("same run", (Supplier<MarkedApi>) MarkedApi::sameRun));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legs")
  void everyPosition_reportedAlike(String leg, Supplier<MarkedApi> api) {
    api.get().assertDiagnostics(EVERY_POSITION);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("legs")
  void legalUse_compilesClean(String leg, Supplier<MarkedApi> api) {
    api.get()
        .assertCompilesClean(
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                import lib.Sink;
                import lib.Spawner;
                final class Main {
                  static final class Jobs implements Sink<Job> {
                    public void accept(Job job) {}
                  }

                  static void child() {}

                  static void start(Chan<Job> jobs, Ports ports) {
                    jobs.send(new Job(1));
                    var typed = Chan.<Job>typed();
                    Spawner.spawn(Main::child, jobs, ports);
                  }
                }
                """));
  }

  @Test
  void wrapperForwardingItsMarkedParameter_compilesClean_unlessTheMarkerAllowsLess() {
    // A value of a @Sent parameter was checked where its method is called, so passing it on is
    // fine; one of a @SpawnArgument may hold handles, so it may not be sent; a varargs array,
    // checked element by element, is not one value that crosses.
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.SpawnArgument;
                import lib.Chan;
                import lib.Spawner;
                class Outbox {
                  final Chan raw = null;
                  void put(@Sent Object value) { raw.send((Object) value); }
                  void hand(@SpawnArgument Object value) { raw.send(value); } // ferry:not-transferable @value);
                  void plain(Object value) { raw.send(value); } // ferry:not-transferable @value);
                  void start(@SpawnArgument Object... values) {
                    Spawner.spawn(Main::run, values);
                    Spawner.spawn1(Main::take, values); // ferry:not-transferable @values
                  }
                }
                class FileOutbox extends Outbox {
                  @Override
                  void put(Object value) {
                    raw.send(value);
                    Spawner.spawn(Main::run, value);
                  }
                }
                final class Main {
                  static void run() {}
                  static void take(Object[] values) {}
                  static void use(FileOutbox box, Ports ports) {
                    box.put(ports); // ferry:inherit-only-sent @ports
                    box.hand(ports);
                  }
                }
                """));
  }

  /**
   * A record component marked {@code @Sent} marks the parameter of the record's compact canonical
   * constructor: its calls are checked, and its body may pass the value on, as a marked method's
   * may; a {@code @SpawnArgument} component's value may not be sent, nor an unmarked one's.
   */
  @Test
  void compactConstructorForwardingItsMarkedComponents_compilesClean_unlessTheMarkerAllowsLess() {
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.SpawnArgument;
                import lib.Chan;
                import lib.Spawner;
                record Pair(@Sent Object left, @Sent Object right) {
                  Pair { Main.RAW.send(left); Object copy = right; Main.RAW.send(copy); }
                }
                record Many(@Sent Object... values) {
                  Many { for (Object value : values) Main.RAW.send(value); }
                }
                record Start(@SpawnArgument Object argument) {
                  Start { Spawner.spawn1(Main::take, argument); }
                }
                record Sends(@SpawnArgument Object argument, Object plain) {
                  Sends {
                    Main.RAW.send(argument); // ferry:not-transferable @argument
                    Main.RAW.send(plain); // ferry:not-transferable @plain
                  }
                }
                final class Main {
                  static final Chan RAW = null;
                  static void take(Object value) {}
                  static void use(Ports ports) {
                    new Pair(ports, "job"); // ferry:inherit-only-sent @ports
                    new Start(ports);
                  }
                }
                """));
  }

  @Test
  void elementsOfAMarkedVarargsParameterForwardedOneByOne_compileClean_unlessTheMarkerAllowsLess() {
    // Each value of a @Sent varargs parameter was checked where its method is called, so passing
    // the values on one by one, by index or from an enhanced for, is fine, as passing on a @Sent
    // parameter is; those of a @SpawnArgument or an unmarked array are not.
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.SpawnArgument;
                import lib.Chan;
                interface Many { void putAll(@Sent Object... values); }
                class Outbox {
                  final Chan raw = null;
                  void put(@Sent Object value) { raw.send(value); }
                  void putAll(@Sent Object... values) {
                    for (Object value : values) raw.send(value);
                    for (final Object value : (values)) put(value);
                    raw.send(values[0]);
                    put((values)[values.length - 1]);
                  }
                  void handAll(@SpawnArgument Object... values) {
                    for (Object value : values) raw.send(value); // ferry:not-transferable @value);
                    raw.send(values[0]); // ferry:not-transferable @[0]
                  }
                  void plainAll(Object[] values) {
                    for (Object value : values) raw.send(value); // ferry:not-transferable @value);
                    raw.send(values[0]); // ferry:not-transferable @[0]
                  }
                }
                final class Main {
                  static void use(Outbox box, Chan raw, Ports ports) {
                    Many many = values -> { for (Object value : values) raw.send(value); };
                    Many each = values -> raw.send(values[1]);
                    box.putAll(new Job(1), ports); // ferry:inherit-only-sent @ports
                  }
                }
                """));
  }

  @Test
  void elementsOfAMarkedCollectionParameterForwardedOneByOne_compileClean_unlessTheMarkerAllowsLess() {
    // A @Sent List was checked with its elements where its method is called, as a varargs array's
    // elements are; a collection of the program's own, which may iterate over anything, is not.
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.SpawnArgument;
                import java.util.Collection;
                import java.util.List;
                import java.util.Set;
                import lib.Chan;
                interface Bag extends Iterable<Object> {}
                class Outbox {
                  final Chan raw = null;
                  void postAll(@Sent List<?> values) {
                    for (Object value : values) raw.send(value);
                  }
                  void postEach(@Sent Collection<? extends Object> values, @Sent Set<Object> more) {
                    for (var value : values) raw.send(value);
                    for (Object value : (more)) raw.send(value);
                  }
                  void handAll(@SpawnArgument List<?> values) {
                    for (Object value : values) raw.send(value); // ferry:not-transferable @value);
                  }
                  void plainAll(List<?> values) {
                    for (Object value : values) raw.send(value); // ferry:not-transferable @value);
                  }
                  void bag(@Sent Bag values) {
                    for (Object value : values) raw.send(value); // ferry:not-transferable @value);
                  }
                }
                final class Main {
                  static void use(Outbox box, Ports ports) {
                    box.postAll(List.of(ports)); // ferry:inherit-only-sent @(ports)
                  }
                }
                """));
  }

  @Test
  void localDeclaredWithAForwardedParameter_compilesClean_unlessAssignedAgain() {
    // A local declared with a @Sent parameter's value (or another such local's) and never
    // assigned again, or declared without a value and assigned it once, holds only that value,
    // checked at each call as the parameter is; one assigned again may hold anything, and one
    // declared with a @SpawnArgument may hold handles.
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.SpawnArgument;
                import lib.Chan;
                class Outbox {
                  final Chan raw = null;
                  void put(@Sent Object value) {
                    Object copy = value;
                    var same = (Object) copy;
                    final Object last = (same);
                    raw.send(copy);
                    raw.send(same);
                    raw.send(last);
                    Runnable later = () -> raw.send(copy);
                  }
                  void reassigned(@Sent Object value, Object other) {
                    Object copy = value;
                    if (other != null) copy = other;
                    raw.send(copy); // ferry:not-transferable @copy);
                  }
                  void blank(@Sent Object value, boolean now) {
                    Object copy;
                    copy = value;
                    raw.send(copy);
                    Object later;
                    if (now) { later = (Object) copy; raw.send(later); }
                  }
                  void blankAssignedTwice(@Sent Object value, Object other) {
                    Object copy;
                    copy = value;
                    copy = other;
                    raw.send(copy); // ferry:not-transferable @copy);
                  }
                  void hand(@SpawnArgument Object value) {
                    Object copy = value;
                    raw.send(copy); // ferry:not-transferable @copy);
                  }
                }
                final class Main {
                  static void use(Outbox box, Ports ports) {
                    box.put(ports); // ferry:inherit-only-sent @ports
                  }
                }
                """));
  }

  @Test
  void localWhoseEveryValueIsAForwardedParameter_compilesClean_unlessOneIsNot() {
    // A local holds only what its declaration, its assignments and its pattern give it: a chained
    // assignment (copy = two = value), an assignment in each branch, an assignment written as the
    // argument, and a pattern variable of instanceof all give the @Sent parameter's value.
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import lib.Chan;
                class Outbox {
                  final Chan raw = null;
                  void chained(@Sent Object value, Object other) {
                    Object copy, two;
                    copy = two = value;
                    raw.send(copy);
                    Object three = copy = value;
                    raw.send(three);
                    raw.send(two = value);
                    Object four, five;
                    four = five = other;
                    raw.send(four); // ferry:not-transferable @four);
                  }
                  void branches(@Sent Object value, Object other, boolean now) {
                    Object copy;
                    if (now) copy = value; else copy = (Object) value;
                    raw.send(copy);
                    Object mixed;
                    if (now) mixed = value; else mixed = other;
                    raw.send(mixed); // ferry:not-transferable @mixed);
                  }
                  void pattern(@Sent Object value, Object other) {
                    if (value instanceof CharSequence text) raw.send(text);
                    if (other instanceof CharSequence text) raw.send(text); // ferry:not-transferable @text);
                    if (value instanceof CharSequence text) {
                      text = (CharSequence) other;
                      raw.send(text); // ferry:not-transferable @text);
                    }
                  }
                }
                """));
  }

  @Test
  void recordPatternComponentOfAForwardedParameter_compilesClean_unlessTheValueIsNot() {
    // A component of the @Sent value was checked with it at each call; one of another value is
    // checked by its type.
    assumeTrue(Runtime.version().feature() >= 21, "record patterns need Java 21");
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import lib.Chan;
                record Box(Object inner) {}
                record Pair(Box left, Object right) {}
                class Outbox {
                  final Chan raw = null;
                  void put(@Sent Object value, Object other) {
                    if (value instanceof Box(Object inner)) raw.send(inner);
                    if (value instanceof Pair(Box(var inner), var right)) { raw.send(inner); raw.send(right); }
                    if (other instanceof Box(Object inner)) raw.send(inner); // ferry:not-transferable @inner);
                  }
                }
                """));
  }

  @Test
  void unmarkedParameterPassedOnWhereItCrosses_isToldToMarkIt() {
    // Its callers choose the value, and may pass ones that can cross: marking it moves the check
    // to each call. A type no caller can fill so (Thread, also widened by a cast: this was told to
    // mark `worker`), a local, and a @SpawnArgument sent on keep their type's own fix.
    Compilation compilation =
        MarkedApi.fromClassPath()
            .assertDiagnostics(
                source(
                    "test.Main",
                    """
                    package test;
                    import dev.ferry.annotation.SpawnArgument;
                    import lib.Chan;
                    import lib.Spawner;
                    interface Shape {}
                    class Outbox {
                      final Chan raw = null;
                      void plain(Object value) { raw.send(value); } // ferry:not-transferable @value);
                      void draw(Shape shape) { raw.send(shape); } // ferry:not-transferable @shape);
                      void start(Object argument) { Spawner.spawn1(Main::take, argument); } // ferry:not-transferable @argument);
                      void thread(Thread worker) { raw.send(worker); } // ferry:not-transferable @worker);
                      void widened(Thread worker) { raw.send((Object) worker); } // ferry:not-transferable @(Object)
                      void hand(@SpawnArgument Object value) { raw.send(value); } // ferry:not-transferable @value);
                      void local(Object value) { Object copy = value; raw.send(copy); } // ferry:not-transferable @copy);
                    }
                    final class Main {
                      static void take(Object value) {}
                    }
                    """));
    String anyType = "declare a @Transferable type, or a sealed interface of @Transferable types";
    assertThat(compilation)
        .hadErrorContaining("Fix: " + CrossingMessages.markParameterFix("value", "plain", "Sent", anyType));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: "
                + CrossingMessages.markParameterFix(
                    "shape",
                    "draw",
                    "Sent",
                    "make `Shape` a sealed type whose permitted subtypes are @Transferable, or use"
                        + " a concrete @Transferable type"));
    assertThat(compilation)
        .hadErrorContaining(
            "Fix: " + CrossingMessages.markParameterFix("argument", "start", "SpawnArgument", anyType));
    assertThat(compilation.errors().stream().filter(e -> e.getMessage(null).contains("Fix: mark")))
        .hasSize(3);
  }

  @Test
  void lambdaOrReferenceForwardingAMarkedInterfaceParameter_compilesClean_unlessTheMarkerAllowsLess() {
    // A lambda's parameter stands for its interface method's: calls through the interface check
    // their arguments by that method's markers, as calls of a wrapper method do, and so do the
    // values a method reference receives.
    MarkedApi.fromClassPath()
        .assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import dev.ferry.annotation.SpawnArgument;
                import dev.ferry.annotation.SpawnTarget;
                import java.util.function.Consumer;
                import lib.Chan;
                import lib.Spawner;
                import lib.Target;
                interface Outbox { void put(@Sent Object value); }
                interface FileOutbox extends Outbox {}
                interface Hand { void hand(@SpawnArgument Object value); }
                interface Many { void putAll(@Sent Object... values); }
                interface Launcher { void launch(@SpawnTarget Target target); }
                final class Main {
                  static void run() {}
                  static void use(Chan raw, Ports ports) {
                    Outbox a = value -> raw.send(value);
                    FileOutbox b = (Object value) -> { Runnable r = () -> Spawner.spawn(Main::run, value); };
                    Outbox c = raw::send;
                    Hand d = value -> Spawner.spawn(Main::run, value);
                    Launcher e = target -> Spawner.spawn(target);
                    Hand f = value -> raw.send(value); // ferry:not-transferable @value);
                    Hand g = raw::send; // ferry:not-transferable @raw
                    Consumer<Object> h = value -> raw.send(value); // ferry:not-transferable @value);
                    Many i = values -> Spawner.spawn1(Main::take, values); // ferry:not-transferable @values)
                    Outbox j = value -> new Object() { void f(Object o) { Object value = o; raw.send(value); } }; // ferry:not-transferable @value);
                    a.put(ports); // ferry:inherit-only-sent @ports
                    d.hand(ports);
                  }
                  static void take(Object[] values) {}
                }
                """));
  }

  @Test
  void libraryBuiltWithoutFerry_markersStillRead() {
    Path library = FerryCompiler.javacOnly().compileLibrary(MarkedApi.LIBRARY.toArray(Source[]::new));
    FerryCompiler.ferry()
        .withClasspath(List.of(library))
        .expectingMarked(
            MarkedApi.JOB,
            source(
                "test.Main",
                """
                package test;
                import lib.Chan;
                import lib.Spawner;
                final class Main {
                  static void child() {}
                  static void start(Chan<Job> jobs, Thread worker) {
                    jobs.send(new Job(1));
                    Chan<Thread> threads = null; // ferry:not-transferable @Thread
                    Spawner.spawn(() -> {}, new Job(2)); // ferry:spawn-target @()
                    Spawner.spawn(Main::child, jobs); // ferry:not-transferable @jobs
                  }
                }
                """));
  }

  @Test
  void libraryBuiltWithoutFerry_userTypeHoldingItsChannel_isToldWhichBuildLacksTheProcessor() {
    // The library's @InheritOnly Chan has no generated codec, so no codec of the user's Ports can
    // call it: exactly one error, ferry's, on the member (none from a generated codec).
    Path library = FerryCompiler.javacOnly().compileLibrary(MarkedApi.LIBRARY.toArray(Source[]::new));
    Compilation compilation =
        FerryCompiler.ferry()
            .withClasspath(List.of(library))
            .expectingMarked(
                MarkedApi.JOB,
                source(
                    "test.Ports",
                    """
                    package test;
                    import dev.ferry.annotation.InheritOnly;
                    import lib.Chan;
                    @InheritOnly
                    public record Ports(Chan<Job> jobs) {} // ferry:not-transferable @jobs
                    """));
    assertThat(compilation.errors().get(0).getMessage(null))
        .contains("its codec `lib.Chan_FerryCodec` is not on the class path");
  }

}
