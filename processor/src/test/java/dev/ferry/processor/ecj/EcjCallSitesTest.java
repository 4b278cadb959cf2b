package dev.ferry.processor.ecj;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.ecj.EcjCompiler.Result;
import dev.ferry.processor.rules.InternalTest;
import dev.ferry.processor.rules.LocalClassTest;
import dev.ferry.processor.rules.callsite.CrossingTypeVariablesTest;
import dev.ferry.processor.rules.callsite.InheritOnlySentCallSiteTest;
import dev.ferry.processor.rules.callsite.LocalClassCallSiteTest;
import dev.ferry.processor.rules.callsite.NotTransferableCallSiteTest;
import dev.ferry.processor.rules.callsite.ProcessPoolTest;
import dev.ferry.processor.rules.callsite.SpawnTargetTest;
import dev.ferry.processor.testing.LaterRoundDeclarations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call-site rules under the Eclipse compiler, checked on ECJ's AST after it resolves each unit:
 * the same rules and words as under javac, each error at the file, line and expression ECJ
 * underlines, and legal twins that compile clean.
 */
class EcjCallSitesTest {
  @TempDir Path dir;

  @Test
  void channelSentThroughChannel_isReportedAtTheTypeArgumentAndTheSend() {
    String program =
        """
        package rejected;
        import dev.ferry.Channel;
        public final class ChannelThroughChannel {
          public static void main(String[] args) throws Exception {
            Channel<Channel<String>> control = Channel.create(); // ferry:inherit-only-sent @Channel
            Channel<String> replies = Channel.create();
            control.send(replies); // ferry:inherit-only-sent @replies
          }
        }
        """;
    Result result = assertAsMarked("rejected/ChannelThroughChannel.java", program);

    // The README's text for javac, word for word.
    assertThat(result.errors().get(0).message())
        .isEqualTo(
            "[ferry:inherit-only-sent] `Channel<String>` is a type argument of"
                + " `Channel<Channel<String>>` whose values are sent to another process, and"
                + " `Channel` is @InheritOnly: it holds process-local handles, which reach a child"
                + " only as a spawn argument, never through a channel or inside a copied value."
                + " Fix: give `Channel` a type argument whose values can be sent (plain data, a"
                + " @Transferable type): a `Channel` can never cross through a `Channel`; to hand a"
                + " `Channel` to a child, pass it as a spawn argument when the child starts"
                + " (`Ferry.spawn(target, ...)`). See docs/rules/inherit-only-sent.md");
    assertThat(result.errors().get(1).message())
        .isEqualTo(
            "[ferry:inherit-only-sent] `replies` is sent to another process, and `Channel` in its"
                + " type `Channel<String>` is @InheritOnly: it holds process-local handles, which"
                + " reach a child only as a spawn argument, never through a channel or inside a"
                + " copied value. Fix: pass the `Channel` to the child as a spawn argument when it"
                + " starts (`Ferry.spawn(target, ...)`) instead of sending it. See"
                + " docs/rules/inherit-only-sent.md");
  }

  /**
   * ECJ run through {@code javax.tools} ({@code EclipseCompiler}, as IntelliJ's Eclipse compiler
   * option runs it) tells its {@code DiagnosticListener} only of problems its own problem factory
   * made: Ferry's call-site errors, and its declaration errors on a record's members, were printed
   * but never heard, so such a build failed without saying why. Each is heard now, once, at its
   * line; the legal twin is heard of nothing.
   */
  @Test
  void errorsThroughTheToolsApi_reachTheDiagnosticListener() {
    String program =
        """
        package app;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public record Job(long id, Thread worker) {
          static void post(Channel<String> replies) throws Exception {
            Channel<Channel<String>> control = Channel.create();
            control.send(replies);
          }
        }
        """;
    List<EcjCompiler.Heard> heard =
        EcjCompiler.compileWithToolsApi(dir.resolve("bad"), Map.of("app/Job.java", program));
    List<String> ferry =
        heard.stream()
            .filter(d -> d.message().startsWith("[ferry:"))
            .map(d -> d.kind() + " " + d.file() + ":" + d.line() + " " + rule(d.message()))
            .toList();
    assertWithMessage(heard.toString())
        .that(ferry)
        .containsExactly(
            "ERROR Job.java:5 [ferry:not-transferable]",
            "ERROR Job.java:7 [ferry:inherit-only-sent]",
            "ERROR Job.java:8 [ferry:inherit-only-sent]");

    String legal =
        program
            .replace("Thread worker", "String worker")
            .replace("Channel<Channel<String>>", "Channel<String>")
            .replace("control.send(replies);", "control.send(\"job\");");
    List<EcjCompiler.Heard> clean =
        EcjCompiler.compileWithToolsApi(dir.resolve("good"), Map.of("app/Job.java", legal));
    assertWithMessage(clean.toString()).that(clean).isEmpty();
  }

  private static String rule(String message) {
    return message.substring(0, message.indexOf(']') + 1);
  }

  @Test
  void localClassHandedToChild_isReportedAtTheArgument() {
    String program =
        """
        package rejected;
        import dev.ferry.Ferry;
        public final class LocalClassToChild {
          public static void main(String[] args) throws Exception {
            record Task(String name) {}
            Ferry.spawn(LocalClassToChild::run, new Task("report")).join(); // ferry:local-class @new
          }
          private static void run(Object task) {
            System.out.println(task);
          }
        }
        """;
    Result result = assertAsMarked("rejected/LocalClassToChild.java", program);

    assertThat(result.errors().get(0).message())
        .isEqualTo(
            "[ferry:local-class] `new Task(\"report\")` is handed to a child process when it"
                + " starts, and its type `Task` is a local class: a child process rebuilds values"
                + " by class name, and such a class has no name outside its enclosing code. Fix:"
                + " move `Task` to a top-level or static nested class. See"
                + " docs/rules/local-class.md");
  }

  /**
   * As under javac (InheritOnlySentCallSiteTest): an enum marked {@code @InheritOnly} is held to
   * the marker, not sent by name as any other enum; at spawn it is legal.
   */
  @Test
  void inheritOnlyEnumSent_isReported() {
    assertAsMarked("test/Main.java", inheritOnlyEnumProgram(true));
  }

  @Test
  void inheritOnlyEnumSent_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(dir, Map.of("test/Main.java", inheritOnlyEnumProgram(false)));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  private static String inheritOnlyEnumProgram(boolean marked) {
    String program =
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.InheritOnly;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        final class Main {
          @InheritOnly enum Lock { A, B }
          static void post(@Sent Object value) {}
          static void child(Lock lock) {}
          static void start() {
            post(Lock.A); // ferry:inherit-only-sent @Lock.A
            post(List.of(Lock.B)); // ferry:inherit-only-sent @List.of
            Channel<Lock> locks = Channel.create(); // ferry:inherit-only-sent @Lock
            Ferry.spawn(Main::child, Lock.A);
          }
        }
        """;
    return marked
        ? program
        : program.replace("@InheritOnly enum", "enum").replaceAll(" // ferry:\\S+ @\\S+", "");
  }

  @Test
  void illegalSpawnTargets_areReportedAtTheTarget() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Ferry;
            import java.util.function.Consumer;
            final class Main {
              void work() {}
              static void run() {}
              final class Inner { static void go() {} }
              static void start(Main main, Ferry.Target0 target) {
                Ferry.spawn(() -> run()); // ferry:spawn-target @()
                Ferry.spawn(main::work); // ferry:spawn-target @main::work
                Ferry.spawn(target); // ferry:spawn-target @target
                class Local { static void go() {} }
                Ferry.spawn(Local::go); // ferry:spawn-target @Local::go
                Ferry.spawn(Inner::go); // a static method needs no Inner: legal, as under javac
                Consumer<Ferry.Target0> each = t -> Ferry.spawn(t); // ferry:spawn-target @t
              }
            }
            """);

    // As under javac (SpawnTargetTest): a launcher's own parameter is told how to forward it.
    assertThat(result.errors().get(2).message())
        .isEqualTo(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.parameterTarget("target", "target", "start")));
    assertThat(result.errors().get(4).message())
        .isEqualTo(Rule.SPAWN_TARGET.format(SpawnTargetMessages.variableTarget("t")));
  }

  /**
   * As under javac (ProcessPoolTest): a channel given as a task's argument is told to go through
   * the pool's initializer, not to be passed "as a spawn argument", which a pool's task is not.
   */
  @Test
  void channelAsTaskArgument_isToldToGoThroughTheInitializer() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.Codecs;
            import dev.ferry.ProcessPool;
            import dev.ferry.annotation.InheritOnly;
            final class Main {
              @InheritOnly static class Lanes { Channel<String> a; }
              static class MoreLanes extends Lanes {}
              static int useChannel(Channel<String> channel) { return 0; }
              static void use(ProcessPool workers, Channel<String> channel, MoreLanes more) throws Exception {
                workers.submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                Runnable later = () -> workers.submit(Main::useChannel, channel); // ferry:inherit-only-sent @channel
                Codecs.encode(more); // ferry:inherit-only-sent @more
              }
            }
            """);
    for (int i = 0; i < 2; i++) {
      assertThat(result.errors().get(i).message())
          .contains(
              "Fix: pass the `Channel` to the workers when they start, through the pool's"
                  + " initializer (`workers.initializer(Main::init, channel)`), instead of as a task"
                  + " argument.");
    }
    // And, as under javac, an unannotated subclass of an @InheritOnly class is told to annotate.
    assertThat(result.errors().get(2).message())
        .contains("Fix: annotate `MoreLanes` with @InheritOnly too, then pass the `MoreLanes`");
  }

  /**
   * ECJ's leg of {@code ProcessPoolTest.taskArgumentInsideALocalClass_*}: inside a local or
   * anonymous class the initializer the fix names is the innermost enclosing class a child can run
   * ({@code Main::init}, {@code Nested::init}), not the local class ({@code Local::init}).
   */
  @Test
  void taskArgumentInsideALocalClass_initializerFixNamesAClassAChildCanRun() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.ProcessPool;
            final class Main {
              static int useChannel(Channel<String> channel) { return 0; }
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
            """);
    String[] owners = {"Main", "Main", "Nested"};
    for (int i = 0; i < owners.length; i++) {
      assertThat(result.errors().get(i).message())
          .contains("initializer (`pool.initializer(" + owners[i] + "::init, channel)`)");
    }
  }

  /** As under javac: ECJ's binding for {@code Job[]::new} is a method of the referring class. */
  @Test
  void arrayConstructorTask_namesTheArrayType() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.ProcessPool;
            import java.util.List;
            final class Main {
              static void use(ProcessPool pool, List<Integer> sizes) throws Exception {
                pool.map(int[]::new, sizes); // ferry:spawn-target @int[]::new
              }
            }
            """);
    assertThat(result.errors().get(0).message())
        .contains(
            "Fix: pass a reference to a static method that creates an `int[]` in the child.");
  }

  /** As under javac: a task cast to its type is the reference, its result typed by the cast. */
  @Test
  void castOrParenthesizedTask_resultRebuiltAsAnother_isTold() {
    assertAsMarked("test/Main.java", ProcessPoolTest.CAST_TASKS_RESULTS_REBUILT);
  }

  /**
   * As under javac: {@code int[]::clone} is an instance method of the array. Once ECJ has compiled
   * the file, its binding is the synthetic static method ECJ makes for it ({@code lambda$0}),
   * which passed for a static target.
   */
  @Test
  void arrayCloneTask_isAnInstanceMethodOfTheArray() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.ProcessPool;
            import java.util.List;
            final class Main {
              static int[] copy(int[] array) { return array.clone(); }
              static void use(ProcessPool pool, List<int[]> arrays, int[] one) throws Exception {
                pool.submit(int[]::clone, new int[] {1}); // ferry:spawn-target @int[]::clone
                pool.map(int[]::clone, arrays); // ferry:spawn-target @int[]::clone
                pool.submit(one::clone); // ferry:spawn-target @one::clone
                pool.submit(Main::copy, new int[] {1});
                pool.map(Main::copy, arrays);
              }
            }
            """);
    assertThat(result.errors().get(0).message())
        .contains(
            "`int[]::clone` is a reference to the instance method `clone`, to be called on the"
                + " argument after it, `new int[] {1}`");
    assertThat(result.errors().get(2).message())
        .contains(
            "Fix: write a static method of a top-level or static nested class of yours that calls"
                + " `clone` in the child and pass a reference to it");
  }

  @Test
  void generatedClass_isNotChecked_itsUnannotatedTwinIs() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.Ferry;
        import javax.annotation.processing.Generated;
        @Generated("another.Processor")
        final class Main {
          static void start() {
            Codecs.encode(new Thread());
            Ferry.spawn(() -> {});
            class Local {
              void send() { Codecs.encode(new Thread()); }
            }
          }
        }
        final class Written {
          static void start() {
            Codecs.encode(new Thread()); // ferry:not-transferable @new
            Ferry.spawn(() -> {}); // ferry:spawn-target @()
          }
        }
        """);
  }

  @Test
  void wrapperForwardingItsMarkedParameter_compilesClean_unlessTheMarkerAllowsLess() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        interface Outbox {
          default void put(@Sent Object value) { Codecs.encode((Object) value); }
          default void hand(@SpawnArgument Object value) { Codecs.encode(value); } // ferry:not-transferable @value
          static void plain(Object value) { Codecs.encode(value); } // ferry:not-transferable @value
          static void start(@SpawnArgument Object... values) {
            Ferry.spawn(Main::take, values); // ferry:not-transferable @values
          }
        }
        final class FileOutbox implements Outbox {
          @Override
          public void put(Object value) {
            Ferry.spawn(Main::one, value);
          }
        }
        final class Main {
          static void one(Object value) {}
          static void take(Object[] values) {}
          static void use(FileOutbox box, dev.ferry.Channel<String> lane) {
            box.put(lane); // ferry:inherit-only-sent @lane
            box.hand(lane);
          }
        }
        """);
  }

  /**
   * As {@code MarkedApiTest.compactConstructorForwardingItsMarkedComponents_compilesClean_unlessTheMarkerAllowsLess}:
   * ECJ's element for a compact constructor's parameter has no enclosing element, so its marker
   * was not found and {@code Pair { post(left); }} was told.
   */
  @Test
  void compactConstructorForwardingItsMarkedComponents_compilesClean_unlessTheMarkerAllowsLess() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        record Pair(@Sent Object left, @Sent Object right) {
          Pair { Codecs.encode(left); Object copy = right; Codecs.encode(copy); }
        }
        record Many(@Sent Object... values) {
          Many { for (Object value : values) Codecs.encode(value); }
        }
        record Start(@SpawnArgument Object argument) {
          Start { Ferry.spawn(Main::take, argument); }
        }
        record Sends(@SpawnArgument Object argument, Object plain) {
          Sends {
            Codecs.encode(argument); // ferry:not-transferable @argument
            Codecs.encode(plain); // ferry:not-transferable @plain
          }
        }
        final class Main {
          static void take(Object value) {}
          static void use(dev.ferry.Channel<String> lane) {
            new Pair(lane, "job"); // ferry:inherit-only-sent @lane
            new Start(lane);
          }
        }
        """);
  }

  @Test
  void elementsOfAMarkedVarargsParameterForwardedOneByOne_compileClean_unlessTheMarkerAllowsLess() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        interface Many { void putAll(@Sent Object... values); }
        interface Outbox {
          default void put(@Sent Object value) { Codecs.encode((Object) value); }
          default void putAll(@Sent Object... values) {
            for (Object value : values) Codecs.encode(value);
            for (final Object value : (values)) put(value);
            Codecs.encode(values[0]);
            put((values)[values.length - 1]);
          }
          default void handAll(@SpawnArgument Object... values) {
            for (Object value : values) Codecs.encode(value); // ferry:not-transferable @value
            Codecs.encode(values[0]); // ferry:not-transferable @values
          }
          static void plainAll(Object[] values) {
            for (Object value : values) Codecs.encode(value); // ferry:not-transferable @value
            Codecs.encode(values[0]); // ferry:not-transferable @values
          }
        }
        final class Main {
          static void use(Outbox box, dev.ferry.Channel<String> lane) {
            Many many = values -> { for (Object value : values) Codecs.encode(value); };
            Many each = values -> Codecs.encode(values[1]);
            box.putAll(1, lane); // ferry:inherit-only-sent @lane
          }
        }
        """);
  }

  @Test
  void elementsOfAMarkedCollectionParameterForwardedOneByOne_compileClean_unlessTheMarkerAllowsLess() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        import java.util.Collection;
        import java.util.List;
        import java.util.Set;
        interface Bag extends Iterable<Object> {}
        interface Outbox {
          default void postAll(@Sent List<?> values) {
            for (Object value : values) Codecs.encode(value);
          }
          default void postEach(@Sent Collection<? extends Object> values, @Sent Set<Object> more) {
            for (var value : values) Codecs.encode(value);
            for (Object value : (more)) Codecs.encode(value);
          }
          default void handAll(@SpawnArgument List<?> values) {
            for (Object value : values) Codecs.encode(value); // ferry:not-transferable @value
          }
          static void plainAll(List<?> values) {
            for (Object value : values) Codecs.encode(value); // ferry:not-transferable @value
          }
          default void bag(@Sent Bag values) {
            for (Object value : values) Codecs.encode(value); // ferry:not-transferable @value
          }
        }
        """);
  }

  @Test
  void localDeclaredWithAForwardedParameter_compilesClean_unlessAssignedAgain() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        interface Outbox {
          default void put(@Sent Object value) {
            Object copy = value;
            var same = (Object) copy;
            final Object last = (same);
            Codecs.encode(copy);
            Codecs.encode(same);
            Codecs.encode(last);
            Runnable later = () -> Codecs.encode(copy);
          }
          default void reassigned(@Sent Object value, Object other) {
            Object copy = value;
            if (other != null) copy = other;
            Codecs.encode(copy); // ferry:not-transferable @copy
          }
          default void blank(@Sent Object value, boolean now) {
            Object copy;
            copy = value;
            Codecs.encode(copy);
            Object later;
            if (now) { later = (Object) copy; Codecs.encode(later); }
          }
          default void blankAssignedTwice(@Sent Object value, Object other) {
            Object copy;
            copy = value;
            copy = other;
            Codecs.encode(copy); // ferry:not-transferable @copy
          }
          default void hand(@SpawnArgument Object value) {
            Object copy = value;
            Codecs.encode(copy); // ferry:not-transferable @copy
          }
        }
        final class Main {
          static void use(Outbox box, dev.ferry.Channel<String> lane) {
            box.put(lane); // ferry:inherit-only-sent @lane
          }
        }
        """);
  }

  @Test
  void localWhoseEveryValueIsAForwardedParameter_compilesClean_unlessOneIsNot() {
    // As under javac (MarkedApiTest).
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.annotation.Sent;
        interface Outbox {
          default void chained(@Sent Object value, Object other) {
            Object copy, two;
            copy = two = value;
            Codecs.encode(copy);
            Object three = copy = value;
            Codecs.encode(three);
            Codecs.encode(two = value);
            Object four, five;
            four = five = other;
            Codecs.encode(four); // ferry:not-transferable @four
          }
          default void branches(@Sent Object value, Object other, boolean now) {
            Object copy;
            if (now) copy = value; else copy = (Object) value;
            Codecs.encode(copy);
            Object mixed;
            if (now) mixed = value; else mixed = other;
            Codecs.encode(mixed); // ferry:not-transferable @mixed
          }
          default void pattern(@Sent Object value, Object other) {
            if (value instanceof CharSequence text) Codecs.encode(text);
            if (other instanceof CharSequence text) Codecs.encode(text); // ferry:not-transferable @text
            if (value instanceof CharSequence text) {
              text = (CharSequence) other;
              Codecs.encode(text); // ferry:not-transferable @text
            }
          }
        }
        """);
  }

  @Test
  void recordPatternComponentOfAForwardedParameter_compilesClean_unlessTheValueIsNot() {
    // As under javac (MarkedApiTest), at Java 21's level.
    Map<String, String> files =
        Map.of(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Codecs;
            import dev.ferry.annotation.Sent;
            record Box(Object inner) {}
            record Pair(Box left, Object right) {}
            interface Outbox {
              default void put(@Sent Object value, Object other) {
                if (value instanceof Box(Object inner)) Codecs.encode(inner);
                if (value instanceof Pair(Box(var inner), var right)) { Codecs.encode(inner); Codecs.encode(right); }
                if (other instanceof Box(Object inner)) Codecs.encode(inner); // ferry:not-transferable @inner
              }
            }
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files, List.of("-21")));
  }

  @Test
  void inheritOnlyRecordGivenToCodecs_isToldInTheWordsOfEachMethod() {
    // As under javac (CodecsApiTest), in the same words.
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Codecs;
            @dev.ferry.annotation.InheritOnly
            record Ports(dev.ferry.Channel<String> in) {}
            final class Main {
              static void use(byte[] bytes, Ports ports) {
                Codecs.encode(ports); // ferry:inherit-only-sent @ports
                Codecs.decode(bytes, Ports.class); // ferry:inherit-only-sent @Ports.class
                Codecs.of(Ports.class); // ferry:inherit-only-sent @Ports.class
              }
            }
            """);
    String handles =
        "`Ports` is @InheritOnly: it holds process-local handles, which reach a child only as a"
            + " spawn argument, never through a channel or inside a copied value. Fix: pass the"
            + " `Ports` to the child as a spawn argument when it starts (`Ferry.spawn(target,"
            + " ...)`) instead of ";
    assertThat(result.errors().get(0).message())
        .contains(
            "`ports` is written to bytes for another process to read, and its type " + handles
                + "encoding it.");
    assertThat(result.errors().get(1).message())
        .contains(
            "`Ports.class` gives `T` of `decode` the type `Ports`; a value of `T` is read from"
                + " bytes another process wrote, and " + handles + "decoding it.");
    assertThat(result.errors().get(2).message())
        .contains(
            "`Ports.class` gives `T` of `of` the type `Ports`; a value of `T` is written to bytes"
                + " and read back by the codec asked for, and " + handles
                + "asking for its codec.");
  }

  @Test
  void unannotatedSealedInterface_isToldToBeAnnotated() {
    // As under javac (NotTransferableTest), in the same words.
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Codecs;
            import dev.ferry.annotation.Transferable;
            sealed interface Shape permits Circle {}
            @Transferable
            record Circle(double radius) implements Shape {}
            final class Main {
              static void use(Circle circle) {
                Shape shape = circle;
                Codecs.encode(shape); // ferry:not-transferable @shape
              }
            }
            """);
    assertThat(result.errors().get(0).message())
        .contains(
            "its type `Shape` is a sealed interface that is not @Transferable, so it has no codec,"
                + " and a value declared as it is written and read only through a codec of `Shape`"
                + " itself. Fix: annotate `Shape` with @Transferable, as each of its permitted"
                + " subtypes must be.");
  }

  @Test
  void unmarkedParameterPassedOnWhereItCrosses_isToldToMarkIt() {
    // As under javac (MarkedApiTest), in the same words.
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import dev.ferry.annotation.SpawnArgument;
            interface Shape {}
            final class Main {
              static void plain(Object value) { Codecs.encode(value); } // ferry:not-transferable @value
              static void draw(Shape shape) { Codecs.encode(shape); } // ferry:not-transferable @shape
              static void start(Object argument) { Ferry.spawn(Main::take, argument); } // ferry:not-transferable @argument
              static void thread(Thread worker) { Codecs.encode(worker); } // ferry:not-transferable @worker
              static void widened(Thread worker) { Codecs.encode((Object) worker); } // ferry:not-transferable @(Object)
              static void hand(@SpawnArgument Object value) { Codecs.encode(value); } // ferry:not-transferable @value
              static void local(Object value) { Object copy = value; Codecs.encode(copy); } // ferry:not-transferable @copy
              static void take(Object value) {}
            }
            """);
    String anyType = "declare a @Transferable type, or a sealed interface of @Transferable types";
    assertThat(result.errors().get(0).message())
        .contains("Fix: " + CrossingMessages.markParameterFix("value", "plain", "Sent", anyType));
    assertThat(result.errors().get(1).message())
        .contains(
            "Fix: "
                + CrossingMessages.markParameterFix(
                    "shape",
                    "draw",
                    "Sent",
                    "make `Shape` a sealed type whose permitted subtypes are @Transferable, or use"
                        + " a concrete @Transferable type"));
    assertThat(result.errors().get(2).message())
        .contains(
            "Fix: " + CrossingMessages.markParameterFix("argument", "start", "SpawnArgument", anyType));
    for (int i = 3; i < 7; i++) {
      assertThat(result.errors().get(i).message()).doesNotContain("Fix: mark");
    }
  }

  @Test
  void typeArgumentOfAGenericClassOfSeveralVariables_isToldWithTheWholeType() {
    // As under javac (CrossingTypeVariablesTest); the message named `Stage<Thread>`.
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            final class Stage<I, O> {
              Channel<I> in;
              Channel<O> out;
            }
            final class Main {
              Stage<String, Thread> stage; // ferry:not-transferable @Thread
            }
            """);
    assertThat(result.errors().get(0).message())
        .contains("`Thread` is a type argument of `Stage<String, Thread>` whose values are sent");
  }

  @Test
  void typeArgumentWrittenInsideAValueToldWhereItCrosses_isToldOnce() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.InheritOnly;
        @InheritOnly
        record Bundle<T>(Channel<T> lane) {
          static <T> Bundle<T> of(Channel<T> lane) { return new Bundle<>(lane); }
        }
        final class Main {
          static void take(Object bundle) {}
          static void use() {
            Ferry.spawn(Main::take, new Bundle<Thread>(null)); // ferry:not-transferable @new
            Ferry.spawn(Main::take, Bundle.<Thread>of(null)); // ferry:not-transferable @Bundle
            Object kept = new Bundle<Thread>(null); // ferry:not-transferable @Thread
          }
        }
        """);
  }

  /** As CrossingTypeVariablesTest: the type written in a carrier is told once, on the carrier. */
  @Test
  void typeWrittenInsideTheCarrierOfACrossingVariable_isToldOnce() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static <T> Channel<T> same(Channel<T> c) { return c; }
          static <T> void drain(Channel<T> c) {}
          static void use() {
            same(Channel.<Thread>create()); // ferry:not-transferable @Channel
            drain(Channel.<Thread>create()); // ferry:not-transferable @Channel
            Object kept = same(Channel.<Thread>create()); // ferry:not-transferable @Channel
            same(Channel.<String>create());
          }
        }
        """);
  }

  @Test
  void unannotatedClassHoldingHandles_handedAtSpawn_isToldToBeInheritOnly() {
    // As under javac (NotTransferableCallSiteTest), in the same words.
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import java.util.List;
            final class Team {
              final List<Channel<String>> lanes;
              Team(List<Channel<String>> lanes) { this.lanes = lanes; }
            }
            final class Main {
              static void lead(Team team) {}
              static void start(List<Channel<String>> lanes) {
                Ferry.spawn(Main::lead, new Team(lanes)); // ferry:not-transferable @new
                Codecs.encode(new Team(lanes)); // ferry:inherit-only-sent @new
              }
            }
            """);
    assertThat(result.errors().get(0).message())
        .contains(
            "Fix: annotate `Team` with @InheritOnly: it holds `Channel`, which is @InheritOnly, and"
                + " such a value reaches a child only as a spawn argument, as this one does.");
    assertThat(result.errors().get(1).message())
        .contains(
            "`new Team(lanes)` is written to bytes for another process to read, and its type"
                + " `Team` holds `Channel`, which is @InheritOnly: it holds process-local handles,"
                + " which reach a child only as a spawn argument, never through a channel or inside"
                + " a copied value. Fix: annotate `Team` with @InheritOnly too, then pass the"
                + " `Team` to the child as a spawn argument when it starts (`Ferry.spawn(target,"
                + " ...)`) instead of encoding it.");
  }

  @Test
  void lambdaOrReferenceForwardingAMarkedInterfaceParameter_compilesClean_unlessTheMarkerAllowsLess() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        import dev.ferry.annotation.SpawnTarget;
        import java.util.function.Consumer;
        interface Outbox { void put(@Sent Object value); }
        interface FileOutbox extends Outbox {}
        interface Hand { void hand(@SpawnArgument Object value); }
        interface Many { void putAll(@Sent Object... values); }
        interface Launcher { void launch(@SpawnTarget Ferry.Target0 target); }
        final class Main {
          static void one(Object value) {}
          static void take(Object[] values) {}
          static void use(dev.ferry.Channel<String> lane) {
            Outbox a = value -> Codecs.encode(value);
            FileOutbox b = (Object value) -> { Runnable r = () -> Ferry.spawn(Main::one, value); };
            Outbox c = Codecs::encode;
            Hand d = value -> Ferry.spawn(Main::one, value);
            Launcher e = target -> Ferry.spawn(target);
            Hand f = value -> Codecs.encode(value); // ferry:not-transferable @value
            Hand g = Codecs::encode; // ferry:not-transferable @Codecs::encode
            Consumer<Object> h = value -> Codecs.encode(value); // ferry:not-transferable @value
            Many i = values -> Ferry.spawn(Main::take, values); // ferry:not-transferable @values
            Outbox j = value -> new Object() { void f(Object o) { Object value = o; Codecs.encode(value); } }; // ferry:not-transferable @value
            a.put(lane); // ferry:inherit-only-sent @lane
            d.hand(lane);
          }
        }
        """);
  }

  /**
   * ECJ compiles a file it finds on its source path once the code uses one of its types, and runs
   * the processors over it in a later round (javac does neither: SourcePathTest), so the type gets
   * its codec after the code using it was checked: that code is legal, and so is a codec calling
   * the later one.
   */
  @Test
  void typeFoundOnTheSourcePath_getsItsCodecAndCompilesClean() throws Exception {
    Path job = Files.createDirectories(dir.resolve("sourcepath/model")).resolve("Job.java");
    Files.writeString(
        job,
        """
        package model;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public record Job(int id) {}
        """);
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "app/Batch.java",
                """
                package app;
                import dev.ferry.annotation.Transferable;
                import java.util.List;
                import model.Job;
                @Transferable
                public record Batch(List<Job> jobs) {}
                """,
                "app/Main.java",
                """
                package app;
                import dev.ferry.Channel;
                import model.Job;
                final class Main {
                  static void use(Channel<Job> jobs, Channel<Batch> batches) throws Exception {
                    jobs.send(new Job(1));
                    batches.send(new Batch(java.util.List.of(new Job(2))));
                  }
                }
                """),
            List.of("-sourcepath", dir.resolve("sourcepath").toString()));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(Files.exists(dir.resolve("out/model/Job_FerryCodec.class"))).isTrue();
    assertThat(Files.exists(dir.resolve("out/app/Batch_FerryCodec.class"))).isTrue();
  }

  /**
   * As under javac (LaterRoundsTest): declarations another processor writes in later rounds count
   * for the code that uses them first. ECJ rebuilds its lookup environment after a round whose
   * code referred to a type not generated yet ({@code Late}), and then finds no earlier round's
   * generated class by name: the import of {@code Money} still counts.
   */
  @Test
  void typeUsingClassesDeclaredInLaterRounds_getsItsCodecAndCompilesClean() {
    Result result =
        EcjCompiler.compileWithProcessors(
            dir,
            withLaterRoundLibrary(LaterRoundDeclarations.LEGAL_USE),
            List.of(LaterRoundDeclarations.class));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    for (String codec : LaterRoundDeclarations.LEGAL_USE_CODECS) {
      assertThat(Files.exists(dir.resolve("out").resolve(codec))).isTrue();
    }
  }

  @Test
  void typeWithAMemberNoRoundDeclares_isStillTold() {
    Map<String, String> files =
        withLaterRoundLibrary(
            """
            package app;
            import dev.ferry.annotation.Transferable;
            import lib.Money;
            final class Main {
              @Transferable record Batch(Money money, Late late, Thread worker) {} // ferry:not-transferable @worker
            }
            """);
    EcjMarkers.assertErrorsAsMarked(
        files, EcjCompiler.compileWithProcessors(dir, files, List.of(LaterRoundDeclarations.class)));
  }

  /** {@code main} as {@code app/Main.java}, with the classes {@link LaterRoundDeclarations} declares. */
  private static Map<String, String> withLaterRoundLibrary(String main) {
    Map<String, String> files = new LinkedHashMap<>();
    LaterRoundDeclarations.LIBRARY.forEach(
        (name, text) -> files.put(name.replace('.', '/') + ".java", text));
    files.put("app/Main.java", main);
    return files;
  }

  @Test
  void conditionalOrSwitchOfTargets_isCheckedByItsResults() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Ferry;
        final class Main {
          static void x() {}
          static void y() {}
          void own() {}

          static void start(boolean a, boolean b, int k, Main self) {
            Ferry.spawn(a ? (b ? Main::x : Main::y) : Main::x);
            Ferry.spawn(switch (k) { case 1 -> Main::y; default -> { yield Main::x; } });
            Ferry.spawn(a ? (Main::x) : () -> {}); // ferry:spawn-target @()
            Ferry.spawn(switch (k) { case 1 -> self::own; default -> Main::y; }); // ferry:spawn-target @self::own
          }
        }
        """);
  }

  @Test
  void overrideForwardingItsInheritedTarget_compilesClean_callsThroughItAreChecked() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.SpawnTarget;
        class Launcher {
          void launch(@SpawnTarget Ferry.Target0 target) {
            Ferry.spawn(target);
          }
        }
        final class LoggingLauncher extends Launcher {
          @Override
          void launch(Ferry.Target0 target) {
            Ferry.spawn(target);
          }

          void other(Ferry.Target0 target) {
            Ferry.spawn(target); // ferry:spawn-target @target
          }

          static void run() {}

          static void start(LoggingLauncher launcher) {
            launcher.launch(LoggingLauncher::run);
            launcher.launch(() -> {}); // ferry:spawn-target @()
          }
        }
        """);
  }

  /**
   * ECJ prints a parameter whose type is not written as {@code <no type> job}, also inside another
   * expression, and adds parentheses: a message quotes the source, as under javac.
   */
  @Test
  void lambdaWithoutParameterTypes_isQuotedAsWritten() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import java.util.Optional;
            final class Main {
              static void work(String job) {}
              static void start() {
                Ferry.spawn(job -> work(job), "a"); // ferry:spawn-target @job
                Ferry.spawn((a, b) -> {}, "a", "b"); // ferry:spawn-target @(a, b)
                Ferry.spawn((String job) -> work(job), "a"); // ferry:spawn-target @(String
                Ferry.spawn(Main::work, "a");
                Codecs.encode(Optional.of(job()).map(j -> new Thread(j)).get()); // ferry:not-transferable @Optional
              }
              static String job() { return "a"; }
            }
            """);

    assertThat(result.errors().get(0).message())
        .startsWith("[ferry:spawn-target] `job -> work(job)` is a lambda:");
    assertThat(result.errors().get(0).message())
        .contains(SpawnTargetTest.LAMBDA_FIX_WITHOUT_AN_INVENTED_NAME);
    assertThat(result.errors().get(0).message()).doesNotContain("Worker::run");
    assertThat(result.errors().get(1).message())
        .startsWith("[ferry:spawn-target] `(a, b) -> {}` is a lambda:");
    assertThat(result.errors().get(2).message())
        .startsWith("[ferry:spawn-target] `(String job) -> work(job)` is a lambda:");
    assertThat(result.errors().get(3).message())
        .startsWith(
            "[ferry:not-transferable] `Optional.of(job()).map(j -> new Thread(j)).get()` is"
                + " written to bytes");
  }

  @Test
  void valuesSentOrSpawned_areReportedWhereverTheCallIs() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        final class Main {
          /** A marked API of the user's own, compiled in the same run. */
          static void post(@Sent Object value) {}
          final Runnable task = () -> post(Thread.currentThread()); // ferry:not-transferable @Thread
          Main(Channel<String> replies) {
            post(List.of(replies)); // ferry:inherit-only-sent @List
          }
          static void child(Object o) {}
          static void start() {
            Ferry.spawn(Main::child, new Object() {}); // ferry:local-class @new
          }
        }
        """);
  }

  /**
   * ECJ's own elements give its inference's intersection types no mirror, alone or as a type
   * argument: Ferry builds them. A JDK class holding one ({@code ArrayList}, {@code Optional}) is
   * checked too: ECJ's {@code Types.directSupertypes}, which finds what an {@code ArrayList} is
   * written as, threw on such a mirror, and the value went unchecked.
   */
  @Test
  void valuesOfAnIntersectionType_areReportedWithTheTypePrintedAsJavacDoes() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Ferry;
            import dev.ferry.annotation.Sent;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Optional;
            final class Main {
              static void post(@Sent Object value) {}
              static void child(Object o) {}
              static void start(boolean flag) throws Exception {
                var mixed = flag ? "a" : 1;
                post(mixed); // ferry:not-transferable @mixed
                Ferry.spawn(Main::child, flag ? "a" : 1); // ferry:not-transferable @flag
                post(List.of("a", 1)); // ferry:not-transferable @List
                post(new ArrayList<>(List.of("a", 1))); // ferry:not-transferable @new
                post(Optional.of(flag ? "a" : 1)); // ferry:not-transferable @Optional
                post(List.of("a", "b"));
                var same = flag ? "a" : "b";
                post(same);
                Ferry.spawn(Main::child, flag ? 1L : 2);
                var shapes = List.of(new Circle(1), new Square(2)); // each a Shape, as under javac
                post(shapes);
                post(new ArrayList<>(shapes));
                post(Optional.of(flag ? new Circle(1) : new Square(2)));
                post(flag ? new Circle(1) : new Square(2));
                var reversed = flag ? 1 : "a";
                post(reversed); // ferry:not-transferable @reversed
              }
              @dev.ferry.annotation.Transferable sealed interface Shape permits Circle, Square {}
              @dev.ferry.annotation.Transferable record Circle(double r) implements Shape {}
              @dev.ferry.annotation.Transferable record Square(double side) implements Shape {}
            }
            """);

    assertThat(result.errors().get(0).message())
        .startsWith(
            "[ferry:not-transferable] `mixed` is sent to another process, and its type"
                + " `Serializable & Comparable<?> & Constable & ConstantDesc` is the intersection"
                + " of types that `var` inferred for `mixed`");
    // Its bounds in javac's order, whichever operand comes first (ECJ's own order follows them).
    assertThat(result.output())
        .contains(
            "`reversed` is sent to another process, and its type `Serializable & Comparable<?> &"
                + " Constable & ConstantDesc` is the intersection");
    // Quoted as written, as javac quotes it: ECJ prints a conditional in parentheses of its own.
    assertThat(result.errors().get(1).message())
        .startsWith("[ferry:not-transferable] `flag ? \"a\" : 1` is handed to a child process");
    assertThat(result.errors().get(1).message())
        .contains(NotTransferableCallSiteTest.CONDITIONAL_INTERSECTION_FIX);
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.genericTargetGivenABadValue_*}. */
  @Test
  void genericTargetGivenABadValue_isToldOnceOnTheValue() {
    Result result =
        assertAsMarked("test/Main.java", NotTransferableCallSiteTest.GENERIC_TARGET_GIVEN_A_BAD_VALUE);
    assertThat(result.errors()).hasSize(1);
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.valueCastToAnIntersection_*}. */
  @Test
  void valueCastToAnIntersection_isToldInTheWordsOfTheCast() {
    Result result =
        assertAsMarked("test/Main.java", NotTransferableCallSiteTest.INTERSECTION_CAST_ILLEGAL);
    assertThat(result.output()).contains(NotTransferableCallSiteTest.INTERSECTION_CAST_MESSAGE);
  }

  @Test
  void valueCastToAnIntersection_twin_compilesClean() {
    assertNoErrors("test/Main.java", NotTransferableCallSiteTest.INTERSECTION_CAST_LEGAL);
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.valuesMetInAnIntersection_*}. */
  @Test
  void valuesMetInAnIntersection_areNamedWithTheirTypes() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            // ECJ puts an error on an expression's start, javac on its operator or parenthesis
            NotTransferableCallSiteTest.MET_VALUES_ILLEGAL
                .replace("@(new", "@List")
                .replace("@?", "@flag")
                .replace("@(4,", "@first"));
    for (String words : NotTransferableCallSiteTest.MET_VALUES_WORDS) {
      // ECJ prints the diamond's list as `Record & Result<?>`; the words name the values alike.
      assertThat(result.output()).contains(words);
    }
  }

  @Test
  void valuesMetInAnIntersection_twin_compilesClean() {
    assertNoErrors("test/Main.java", NotTransferableCallSiteTest.MET_VALUES_LEGAL);
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.valuesMetInsideTheValueSent_*}. */
  @Test
  void valuesMetInsideTheValueSent_areNamedWithTheirTypes() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            // ECJ puts an error on an expression's start, javac on its parenthesis
            NotTransferableCallSiteTest.MET_INSIDE_ILLEGAL
                .replace("@(4,", "@List")
                .replace("@(flag", "@Optional")
                .replace("@());", "@Stream")
                .replace("@(\"k\",", "@Map")
                .replace("@(first", "@Optional")
                .replace("@((flag", "@Optional")
                // ECJ's carets underline just the name; javac's column is the same
                .replace("@l);", "@l")
                .replace("@m);", "@m")
                .replace("@o);", "@o"));
    for (String words : NotTransferableCallSiteTest.MET_INSIDE_WORDS) {
      // ECJ prints the diamonds' list as `Record & Result<?>`; the words name the values alike.
      assertThat(result.output()).contains(words);
    }
    assertThat(result.output()).doesNotContain("is an intersection of types");
    assertThat(result.output()).doesNotContain(".<Object>");
  }

  @Test
  void valuesMetInsideTheValueSent_twin_compilesClean() {
    assertNoErrors("test/Main.java", NotTransferableCallSiteTest.MET_INSIDE_LEGAL);
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.localWhoseVarInferredAnIntersection_*}. */
  @Test
  void localWhoseVarInferredAnIntersection_isToldInTheWordsOfItsDeclaration() {
    Result result =
        assertAsMarked("test/Main.java", NotTransferableCallSiteTest.INFERRED_INTERSECTION_LOCAL);
    assertThat(result.output()).contains(NotTransferableCallSiteTest.INFERRED_INTERSECTION_MESSAGE);
  }

  /**
   * As under javac (NotTransferableCallSiteTest): a wildcard type argument is named as written; a
   * {@code ? extends Thread}, through which nothing but null can be sent, is legal.
   */
  @Test
  void wildcardTypeArgument_isNamedAsWritten() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            final class Main {
              Channel<? super Thread> lower; // ferry:not-transferable @?
              Channel<? extends Thread> upper;
              Channel<? extends String> fine;
            }
            """);
    assertThat(result.errors().get(0).message())
        .startsWith(
            "[ferry:not-transferable] `? super Thread` is a type argument of `Channel<? super"
                + " Thread>` whose values are sent to another process, and `Thread` is a JDK type");
  }

  /**
   * As under javac (NotTransferableCallSiteTest): a captured wildcard is the wildcard; an element of
   * a {@code List<?>} ({@code any.get(0)}), which ECJ types as the capture and javac as {@code
   * Object}, is an {@code Object}. A {@code ? super Job} is named as written, though ECJ's mirror
   * of its capture has no lower bound.
   */
  @Test
  void valueOfAWildcardType_isCheckedByTheWildcard() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import java.util.List;
            import java.util.Optional;
            final class Main {
              static void child(Channel<?> channel) {}
              static void start(List<?> any, List<? extends Number> numbers, Optional<?> maybe,
                  List<? extends String> names, Channel<?> channel, List<? super String> lower,
                  Optional<? super String> either) throws Exception {
                Codecs.encode(lower); // ferry:not-transferable @lower
                Codecs.encode(either); // ferry:not-transferable @either
                Codecs.encode(any); // ferry:not-transferable @any
                Codecs.encode(numbers); // ferry:not-transferable @numbers
                Codecs.encode(maybe); // ferry:not-transferable @maybe
                Codecs.encode(any.get(0)); // ferry:not-transferable @any
                Codecs.encode(maybe.get()); // ferry:not-transferable @maybe
                Codecs.encode(names.get(0));
                Codecs.encode(names);
                Ferry.spawn(Main::child, channel);
              }
            }
            """);
    assertThat(result.errors().get(0).message())
        .startsWith(
            "[ferry:not-transferable] `lower` is written to bytes for another process to read,"
                + " and `? super String` in its type `List<? super String>` could hold any type");
    assertThat(result.errors().get(1).message())
        .startsWith(
            "[ferry:not-transferable] `either` is written to bytes for another process to read,"
                + " and `? super String` in its type `Optional<? super String>` could hold any type");
  }

  /**
   * ECJ gives an anonymous class a constructor of its own, unmarked, that passes the arguments on
   * ({@code super($anonymous0)}, at no position): the arguments are checked at the creation,
   * against the superclass's constructor, once.
   */
  @Test
  void argumentsOfAnAnonymousClassCreation_areCheckedAgainstTheSuperclassConstructor() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.annotation.Sent;
        class Envelope {
          Envelope(@Sent Object value) {}
        }
        enum Priority {
          LOW("low") { },
          HIGH(new Thread()) { }; // ferry:not-transferable @new
          Priority(@Sent Object label) {}
        }
        final class Main {
          static Object wrap(Thread worker) {
            Object fine = new Envelope("x") {};
            return new Envelope(worker) {}; // ferry:not-transferable @worker
          }
        }
        """);
  }

  @Test
  void collectionImplementationsAsTypeArguments_areReportedWhereTheReaderRebuildsAnother() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import java.util.ArrayList;
        import java.util.LinkedList;
        import java.util.List;
        import java.util.SortedSet;
        import java.util.TreeSet;
        import java.util.Vector;
        final class Main {
          Channel<Vector<String>> queue; // ferry:not-transferable @Vector
          Channel<LinkedList<String>> listAndQueue; // a LinkedList is read back as one
          Channel<SortedSet<Thread.State>> states;
          Channel<ArrayList<String>> list;
          Channel<TreeSet<String>> sorted;
          static void send(Channel<List<String>> names, LinkedList<String> some) throws Exception {
            names.send(some);
          }
        }
        """);
  }

  /** ECJ calls {@code super::keep} through a synthetic accessor, which its binding then names. */
  @Test
  void superMethodReference_isCheckedAsTheMethodItNames() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        class Keeper {
          void keep(@Sent Object value) {}
        }
        final class Main extends Keeper {
          void run(List<Thread> threads, List<String> names) {
            threads.forEach(super::keep); // ferry:not-transferable @super
            names.forEach(super::keep);
          }
        }
        """);
  }

  @Test
  void crossingVariableOfAGenericConstructor_isReportedLikeAMethods() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
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
          static void use(Channel<String> replies, Thread worker, List<Thread> workers,
              List<String> names) {
            new Envelope(replies); // ferry:inherit-only-sent @replies
            new <Thread>Envelope(null); // ferry:not-transferable @Thread
            Object anonymous = new Envelope(worker) {}; // ferry:not-transferable @worker
            workers.forEach(Envelope::new); // ferry:not-transferable @Envelope
            new Batch(workers); // ferry:not-transferable @workers
            new Batch(List.of(replies)); // ferry:inherit-only-sent @List
            new Batch(() -> worker); // ferry:not-transferable @()
            Object batch = new Batch(workers) {}; // ferry:not-transferable @workers
            new Envelope("hello");
            new <Long>Envelope(null);
            Object fine = new Envelope(3) {};
            names.forEach(Envelope::new);
            new Batch(names);
            new Batch(List.of("job"));
            new Batch(() -> 3L);
            new Batch((List<String>) null);
            Object names2 = new Batch(names) {};
          }
        }
        """);
  }

  /** As {@code CrossingTypeVariablesTest.callThroughARawType_checksTheValuesOfItsClassVariable}. */
  @Test
  void callThroughARawType_checksTheValuesOfItsClassVariable() {
    assertAsMarked("test/Main.java", CrossingTypeVariablesTest.RAW_HOLDER_ILLEGAL);
  }

  @Test
  void callThroughARawType_twin_compilesClean() {
    assertNoErrors("test/Main.java", CrossingTypeVariablesTest.RAW_HOLDER_LEGAL);
  }

  /**
   * As {@code
   * CrossingTypeVariablesTest.callThroughARawType_checksWhatAnArgumentGivesItsClassVariableInsideAParameter}.
   */
  @Test
  void callThroughARawType_checksWhatAnArgumentGivesItsClassVariableInsideAParameter() {
    Result result =
        assertAsMarked("test/Main.java", CrossingTypeVariablesTest.RAW_MENTIONING_ILLEGAL);
    assertThat(result.errors().get(0).message())
        .contains(
            "`lanes` gives `T` of `Holder` the type `Channel<Job>`; a value of `T` is sent to"
                + " another process, and `Channel` in `Channel<Job>` is @InheritOnly");
  }

  @Test
  void callThroughARawType_parameterMentioningItsVariable_twin_compilesClean() {
    assertNoErrors("test/Main.java", CrossingTypeVariablesTest.RAW_MENTIONING_LEGAL);
  }

  /**
   * As {@code
   * CrossingTypeVariablesTest.callThroughARawType_classOrComparatorParameter_isCheckedByWhatItsArgumentGivesItsVariable}.
   */
  @Test
  void callThroughARawType_classOrComparatorParameter_isCheckedByWhatItsArgumentGivesItsVariable() {
    Result result = assertAsMarked("test/Main.java", CrossingTypeVariablesTest.rawNamingIllegalAtStart());
    assertThat(result.errors().get(0).message())
        .contains("`Thread.class` gives `T` of `Holder` the type `Thread`; a value of `T` is sent");
  }

  @Test
  void callThroughARawType_classOrComparatorParameter_twin_compilesClean() {
    assertNoErrors("test/Main.java", CrossingTypeVariablesTest.RAW_NAMING_LEGAL);
  }

  /** As {@code CrossingTypeVariablesTest.diamondWhoseClassVariablesCross_isCheckedOnTheArgumentsThatCarryThem}. */
  @Test
  void diamondWhoseClassVariablesCross_isCheckedOnTheArgumentsThatCarryThem() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        final class Sender<T> {
          Sender(Channel<T> channel, T value) throws InterruptedException { channel.send(value); }
        }
        class Holding<@Sent T> {
          Holding(T value) {}
        }
        final class Gather<T> {
          private final Channel<T> channel = Channel.create();
          Gather(List<T> values) { values.forEach(channel::offer); }
        }
        final class Main {
          final class Inner<T> {
            Inner(Channel<T> channel, T value) {}
          }
          static void take(Object value) {}
          static void use(Thread thread, Channel<String> replies, List<Thread> threads,
              List<String> names) throws InterruptedException {
            new Sender<>(Channel.create(), thread); // ferry:not-transferable @thread
            threads.forEach(Holding::new); // ferry:not-transferable @Holding
            names.forEach(Holding::new);
            Object hook = new Holding<>(thread) {}; // ferry:not-transferable @thread
            Object anonymous = new Holding<>("job") {};
            new Main().new Inner<>(Channel.create(), thread); // ferry:not-transferable @thread
            new Main().new Inner<>(Channel.create(), "job");
            Object held = new Holding<>(thread); // ferry:not-transferable @thread
            take(new Holding<>(replies)); // ferry:inherit-only-sent @replies
            var kept = new Holding<>(thread); // ferry:not-transferable @thread
            new Gather<>(List.of(thread)); // ferry:not-transferable @List
            Gather<Thread> typed = new Gather<>(List.of(thread)); // ferry:not-transferable @Thread
            new Sender<>(Channel.create(), "job");
            new Sender<>(replies, "job");
            Object fine = new Holding<>("job");
            var three = new Holding<>(3);
            new Gather<>(List.of("job"));
            new Gather<>(null);
            Gather<String> strings = new Gather<>(List.of());
          }
        }
        """);
  }

  /**
   * As {@code
   * CrossingTypeVariablesTest.referenceWhoseCrossingVariableSitsInsideAParameterType_isToldOnTheReference},
   * with its twin's lines.
   */
  @Test
  void referenceWhoseCrossingVariableSitsInsideAParameterType_isToldOnTheReference() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.Transferable;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.function.Consumer;
        import java.util.function.Function;
        final class Gather<@Sent T> {
          Gather(List<T> values) {}
        }
        final class Main {
          @Transferable record Job(long id) {}
          @Transferable record Box<T>(T value) {}
          static <@Sent T> void postAll(List<T> values) {}
          static <@Sent T> void postArray(T[] values) {}
          static <@Sent T> void postBox(Box<T> box) {}
          static <@Sent T> void postSome(List<? extends T> values) {}
          static <@Sent T> void postInto(List<? super T> sink) {}
          @SafeVarargs static <@Sent T> void postEach(List<T>... values) {}
          static <T> void unmarked(List<T> values) {}
          static <L extends List<Thread>> void bounded(List<L> lists) {
            lists.forEach(Main::postAll); // ferry:not-transferable @Main
          }
          static <L extends List<Job>> void boundedJobs(List<L> lists) {
            lists.forEach(Main::postAll);
          }
          static <E> void relayAll(List<List<E>> lists) { lists.forEach(Main::postAll); }
          static void use(List<List<Thread>> lists, List<Thread[]> arrays,
              List<Box<Channel<String>>> boxes, List<ArrayList<Thread>> arrayLists,
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
            lists.forEach(Main::unmarked);
            each.accept(null);
            make.apply(null);
          }
          static void twin(List<List<Job>> lists, List<Job[]> arrays, List<Box<String>> boxes,
              List<ArrayList<Job>> arrayLists, List<? extends List<Job>> some,
              List<List<Object>> objects) {
            lists.forEach(Main::postAll);
            arrays.forEach(Main::postArray);
            boxes.forEach(Main::postBox);
            lists.forEach(Main::postSome);
            arrayLists.forEach(Main::postAll);
            some.forEach(Main::postAll);
            objects.forEach(Main::postInto);
            lists.forEach(Main::postEach);
            lists.forEach(Gather::new);
            Consumer<List<Job>> each = Main::postAll;
            Function<List<Job>, Object> make = Gather::new;
            lists.forEach(Main::<Job>postAll);
            relayAll(lists);
            each.accept(null);
            make.apply(null);
          }
        }
        """);
  }

  @Test
  void conditionalAndSwitchArguments_areCheckedByTheirResults() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        final class Main {
          static void post(@Sent Object value) {}
          static void relay(boolean flag, int kind, Channel<String> jobs, Thread worker) {
            post(flag ? jobs : "none"); // ferry:inherit-only-sent @jobs
            post(flag ? "idle" : worker); // ferry:not-transferable @worker
            post(switch (kind) {
              case 1 -> "one";
              default -> {
                if (flag) yield worker; // ferry:not-transferable @worker
                yield "many";
              }
            });
            post(flag ? "a" : "b");
            post(flag ? "a" : null);
            post(switch (kind) { case 1 -> "one"; case 2 -> { yield "two"; } default -> 3L; });
          }
        }
        """);
  }

  @Test
  void callsThroughOverridesOfMarkedMethods_areReported() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        final class Main {
          interface Sink { void post(@Sent Object value); }
          static final class Printer implements Sink {
            @Override public void post(Object value) {} // the marker is inherited
          }
          static void run(Printer printer, Channel<String> replies) {
            printer.post(Thread.currentThread()); // ferry:not-transferable @Thread
            printer.post(replies); // ferry:inherit-only-sent @replies
            printer.post("fine");
          }
        }
        """);
  }

  @Test
  void methodReferencesToMarkedMethods_areCheckedWithTheValuesTheyReceive() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        import java.util.function.BiConsumer;
        final class Main {
          static void post(@Sent Object value) {}
          void keep(@Sent Object value) {}
          static void run(List<Channel<String>> lanes, List<Thread> threads, List<String> names,
              Main main) {
            lanes.forEach(Main::post); // ferry:inherit-only-sent @Main
            threads.forEach(main::keep); // ferry:not-transferable @main
            BiConsumer<Main, Thread> sink = Main::keep; // ferry:not-transferable @Main
            names.forEach(Main::post);
            BiConsumer<Main, String> fine = Main::keep;
          }
        }
        """);
  }

  @Test
  void annotatedLocalRecordAndExplicitMethodTypeArgument_areReported() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.Transferable;
        final class Main {
          static <@Sent T> void post(T value) {}
          static void run() {
            @Transferable
            record Step(int n, // ferry:local-class @Step
                Thread worker) {} // ferry:not-transferable @worker
            Main.<Thread>post(null); // ferry:not-transferable @Thread
          }
        }
        """);
  }

  private static final String JOB =
      """
      package test;
      import dev.ferry.annotation.Transferable;
      @Transferable
      public record Job(int id) {}
      """;

  /** Generic helpers whose bodies send, spawn or forward their {@code T}. */
  private static final String HELPERS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.Ferry;
      final class Helpers {
        static <T> void relay(Channel<T> channel, T value) {}

        static <T> void sendIt(T value) {
          Channel<T> channel = Channel.create();
          channel.offer(value);
        }

        static <T> void forward(T value) {
          sendIt(value);
        }

        static <T> void start(T argument) {
          Ferry.spawn(Helpers::child, argument);
        }

        static void child(Object argument) {}
      }
      """;

  @Test
  void valueToldForATypeVariable_isNotToldAgainOnTheOtherArgumentsCarryingIt() {
    // As under javac (CrossingTypeVariablesTest).
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        final class Main {
          static <M> void offerAll(Channel<M> channel, @Sent List<M> values) {}
          static void use(Channel<String> replies, Thread worker) {
            Helpers.relay(Channel.<Channel<String>>create(), replies); // ferry:inherit-only-sent @replies
            offerAll(Channel.create(), List.of(replies)); // ferry:inherit-only-sent @List
            Helpers.relay(Channel.<Thread>create(), worker); // ferry:not-transferable @worker
            offerAll(Channel.<Thread>create(), List.of()); // ferry:not-transferable @List
            Helpers.relay(Channel.<Thread>create(), null); // ferry:not-transferable @Thread
            offerAll(Channel.create(), List.of("text"));
          }
        }
        """);
    files.put("test/Helpers.java", HELPERS);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  /**
   * ECJ's {@code Elements.overrides} says a generic method does not override the generic method it
   * implements, so {@code outbox.typed(replies)} through {@code <U> void typed(U value)} of {@code
   * <@Sent T> void typed(T value)}, and {@code outbox.post(replies)} through {@code <T> void
   * post(T value)} of {@code <T> void post(@Sent T value)}, compiled clean: neither marker was
   * inherited. As under javac ({@code CrossingTypeVariablesTest}), both are told.
   */
  @Test
  void callThroughAnOverrideOfAGenericMethod_isCheckedByTheOverriddenMarkers() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Outbox.java",
        """
        package test;
        import dev.ferry.annotation.Sent;
        public interface Outbox {
          <@Sent T> void typed(T value);
          <T> void post(@Sent T value);
        }
        """);
    files.put(
        "test/FileOutbox.java",
        """
        package test;
        final class FileOutbox implements Outbox {
          @Override public <U> void typed(U value) {}
          @Override public <T> void post(T value) {}
        }
        """);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void use(FileOutbox outbox, Channel<String> replies) {
            outbox.typed(replies); // ferry:inherit-only-sent @replies
            outbox.post(replies); // ferry:inherit-only-sent @replies
            outbox.typed(new Job(1));
            outbox.post("text");
          }
        }
        """);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * ECJ's leg of {@code
   * CrossingTypeVariablesTest.callThroughAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_*}:
   * {@code both.put(replies)} for {@code Both extends Impl implements Outbox} compiled clean, as
   * under javac; {@code impl.put(...)} stays legal.
   */
  @Test
  void callThroughAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_isChecked() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Outbox.java", CrossingTypeVariablesTest.IMPLEMENTED_IN_SUBCLASS);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void use(Both both, Impl impl, Channel<String> replies) {
            both.put(replies); // ferry:inherit-only-sent @replies
            both.put(new Thread()); // ferry:not-transferable @new
            both.put(new Job(1));
            impl.put(new Thread());
          }
        }
        final class Again extends Impl implements Outbox {
          void relay(Channel<String> replies) {
            put(replies); // ferry:inherit-only-sent @replies
          }
        }
        """);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** ECJ's leg of {@code ProcessPoolTest.inputsOfAnUnboundedWildcardType_*}. */
  @Test
  void inputsOfAnUnboundedWildcardType_areToldAsObject() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Main.java", ProcessPoolTest.UNBOUNDED_WILDCARD_INPUTS);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * ECJ's leg of {@code
   * CrossingTypeVariablesTest.referenceToAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_*}.
   */
  @Test
  void referenceToAMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_isChecked() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Outbox.java", CrossingTypeVariablesTest.IMPLEMENTED_IN_SUBCLASS);
    files.put("test/Main.java", CrossingTypeVariablesTest.IMPLEMENTED_IN_SUBCLASS_REFERENCES);
    files.put(
        "test/Legal.java",
        """
        package test;
        import java.util.List;
        final class Legal {
          static void use(Both both, Impl impl, List<Job> jobs, List<Thread> threads) {
            jobs.forEach(both::put);
            threads.forEach(impl::put);
          }
        }
        """);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * ECJ's leg of {@code
   * CrossingTypeVariablesTest.genericMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_*}.
   */
  @Test
  void genericMethodThatImplementsAMarkedOneOnlyInTheReceiversClass_isChecked() {
    assertAsMarkedBesideBoth(CrossingTypeVariablesTest.IMPLEMENTED_IN_SUBCLASS_TYPED);
  }

  /**
   * ECJ's leg of {@code
   * CrossingTypeVariablesTest.typeArgumentOfAnImplementationOnlyInTheReceiversClass_*}.
   */
  @Test
  void typeArgumentOfAnImplementationOnlyInTheReceiversClass_isChecked() {
    assertAsMarkedBesideBoth(CrossingTypeVariablesTest.IMPLEMENTED_IN_SUBCLASS_WRITTEN);
  }

  /** Compiles {@code main} as test.Main beside {@code Outbox}, {@code Impl} and {@code Both}. */
  private void assertAsMarkedBesideBoth(String main) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Outbox.java", CrossingTypeVariablesTest.IMPLEMENTED_IN_SUBCLASS);
    files.put("test/Main.java", main);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * A package-private generic method of a class, overridden in a subclass beside it: ECJ's {@code
   * Elements.overrides} answers false for the pair, and the look-up that stands in for it took
   * only public and protected methods, so {@code sub.post(new Thread())} through {@code <U> void
   * post(U value)} of {@code <T> void post(@Sent T value)} compiled clean under ECJ (javac told
   * it). Told now; a call through a method of another name that merely resembles it is not.
   */
  @Test
  void callThroughAPackagePrivateOverrideOfAGenericMethod_isCheckedByTheOverriddenMarker() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Base.java",
        """
        package test;
        import dev.ferry.annotation.Sent;
        class Base {
          <T> void post(@Sent T value) {}
        }
        """);
    files.put(
        "test/Sub.java",
        """
        package test;
        final class Sub extends Base {
          @Override <U> void post(U value) {}
          <U> void postLater(U value) {}
        }
        """);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void use(Sub sub, Channel<String> replies) {
            sub.post(new Thread()); // ferry:not-transferable @new
            sub.post(replies); // ferry:inherit-only-sent @replies
            sub.post(new Job(1));
            sub.postLater(new Thread());
          }
        }
        """);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * ECJ's leg of {@code CrossingTypeVariablesTest.callThroughAnErasureOverrideOfAGenericMethod_*}:
   * {@code outbox.typed(replies)} through {@code void typed(Object value)}, which implements
   * {@code <@Sent T> void typed(T value)} by erasure, compiled clean, as under javac.
   */
  @Test
  void callThroughAnErasureOverrideOfAGenericMethod_isCheckedByTheOverriddenMarker() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Outbox.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        public interface Outbox {
          <@Sent T> void typed(T value);
          <@Sent T> void via(Channel<T> channel);
        }
        """);
    files.put(
        "test/FileOutbox.java",
        """
        package test;
        import dev.ferry.Channel;
        final class FileOutbox implements Outbox {
          @Override public void typed(Object value) {}
          @Override @SuppressWarnings("rawtypes") public void via(Channel channel) {}
        }
        """);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void use(FileOutbox outbox, Channel<String> replies) {
            outbox.typed(replies); // ferry:inherit-only-sent @replies
            outbox.typed(new Job(1));
            outbox.via(replies);
          }
        }
        """);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * ECJ's leg of {@code InheritOnlySentCallSiteTest.inheritOnlyValueCastToObject_*}: a channel cast
   * to {@code Object} is told as the channel it is, on the value cast, not as an {@code Object}.
   */
  @Test
  void inheritOnlyValueCastToObject_isReportedOnTheValueCast() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Codecs;
        import dev.ferry.Channel;
        final class Main {
          @SuppressWarnings({"rawtypes", "unchecked"})
          static void use(Channel raw, Channel<String> replies, Thread worker) throws Exception {
            raw.send((Object) replies); // ferry:inherit-only-sent @replies
            Codecs.encode((Object) replies); // ferry:inherit-only-sent @replies
            raw.send((Object) worker); // ferry:not-transferable @(Object)
            raw.send((Job) new Job(1));
          }
        }
        """);
    files.put("test/Job.java", JOB);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /**
   * ECJ's leg of {@code SpawnTargetTest.instanceMethodTaskWithItsReceiverPassed_*}: an instance
   * method reference as a task is one error, on the reference, naming the argument it would be
   * called on, not a second not-transferable on that argument.
   */
  @Test
  void instanceMethodTaskWithItsReceiverPassed_isOneErrorNamingTheReceiver() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Ferry;
            import dev.ferry.ProcessPool;
            import java.util.List;
            final class Main {
              int inst(int n) { return n; }
              int noArgs() { return 0; }
              void run() {}
              void use(ProcessPool pool, List<Main> mains) throws Exception {
                pool.submit(Main::inst, this, 3); // ferry:spawn-target @Main
                pool.map(Main::noArgs, mains); // ferry:spawn-target @Main
                Ferry.spawn(Main::run, this); // ferry:spawn-target @Main
                pool.submit(Main::inst, (Main) null, 5); // ferry:spawn-target @Main
              }
            }
            """);
    assertThat(result.errors().get(3).message())
        .contains("`Main::inst` is a reference to the instance method `inst`: a child process");
    assertThat(result.errors().get(0).message())
        .contains(
            "`Main::inst` is a reference to the instance method `inst`, to be called on the"
                + " argument after it, `this`: a child process is a fresh JVM");
    assertThat(result.errors().get(1).message())
        .contains("to be called on each element of the argument after it, `mains`");
  }

  @Test
  void instanceMethodTaskWithSpawnTargetSuppressed_itsReceiverIsStillCheckedAsAValue() {
    assertAsMarked(
        "test/Main.java",
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
        """);
  }

  /**
   * ECJ's leg of {@code InheritOnlySentCallSiteTest.inheritOnlyValueHiddenByObject_*}: a channel
   * an inferred {@code Object} hides ({@code pick(job, ch)}) is told on the channel, a local that
   * holds only channels on the local, naming what it holds; a local that may hold another value
   * stays not-transferable; a call that returns one of its arguments is checked by them.
   */
  @Test
  void inheritOnlyValueHiddenByObject_isReportedAsTheValueItHolds() {
    Result result =
        assertAsMarked(
            "test/Main.java",
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
                put(firstOr(java.util.List.of(worker), job)); // ferry:not-transferable @firstOr
              }
            }
            """);
    assertThat(result.errors().get(3).message())
        .contains(
            " `o` is sent to another process, and it holds `ch`, of type `Channel<String>`,"
                + " and `Channel` is @InheritOnly: it holds process-local handles");
  }

  /** As under javac: a channel among a collection's elements of other classes is told on it. */
  @Test
  void channelAmongElementsOfOtherClasses_isToldOnTheChannel() {
    // ECJ places a call's error at its start, javac at its parenthesis.
    Result result =
        assertAsMarked(
            "test/Main.java",
            InheritOnlySentCallSiteTest.CHANNEL_AMONG_ELEMENTS.replace("@(job,", "@List.of(job,"));
    assertThat(result.errors().get(0).message())
        .contains("`jobs` is sent to another process, and `Channel` in its type `Channel<Job>`");
  }

  @Test
  void channelAmongElementsOfOtherClasses_twin_elementsOfOneClassCompileClean() {
    assertNoErrors("test/Main.java", InheritOnlySentCallSiteTest.CHANNEL_AMONG_ELEMENTS_FIXED);
  }

  /** As under javac: a channel among a spawned collection's values of other classes. */
  @Test
  void channelAmongSpawnElementsOfOtherClasses_isToldOnTheChannelWithTheSpawnsFix() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            // ECJ places a call's error at its start, javac at its parenthesis.
            NotTransferableCallSiteTest.CHANNEL_AMONG_SPAWN_ELEMENTS.replace("@(job,", "@List.of(job,"));
    assertThat(result.errors().get(0).message())
        .contains(
            "`jobs` is handed to a child process when it starts inside `List.of(job, jobs)`, of type"
                + " `List<Object>`; a `Channel<Job>` may be handed to a child only as what it is");
    assertThat(result.errors().get(0).message())
        .contains("Fix: pass `jobs` as an argument of its own, typed `Channel<Job>`");
    assertThat(result.output())
        .contains(
            "`held`, which holds `jobs`, is handed to a child process when it starts inside"
                + " `List.of(job, held)`");
  }

  @Test
  void channelAmongSpawnElementsOfOtherClasses_twin_passedOnItsOwnCompilesClean() {
    assertNoErrors(
        "test/Main.java", NotTransferableCallSiteTest.CHANNEL_AMONG_SPAWN_ELEMENTS_FIXED);
  }

  /** As under javac: a channel among a mapped collection's values of other classes. */
  @Test
  void channelAmongTaskElementsOfOtherClasses_isToldOnTheChannelAsATasksArgument() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            InheritOnlySentCallSiteTest.CHANNEL_AMONG_TASK_ELEMENTS.replace("@(job,", "@List.of(job,"));
    assertThat(result.errors().get(0).message())
        .contains(
            "Fix: pass the `Channel` to the workers when they start, through the pool's initializer"
                + " (`pool.initializer(Main::init, jobs)`), instead of as a task argument.");
  }

  @Test
  void channelAmongTaskElementsOfOtherClasses_twin_elementsOfOneClassCompileClean() {
    assertNoErrors(
        "test/Main.java", InheritOnlySentCallSiteTest.CHANNEL_AMONG_TASK_ELEMENTS_FIXED);
  }

  /** As under javac: a channel handed to a spawn as an {@code Object} is told what it holds. */
  @Test
  void channelHiddenByObjectAtSpawn_isToldWhatItHolds() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            NotTransferableCallSiteTest.HIDDEN_AT_SPAWN);
    assertThat(result.errors().get(0).message())
        .contains(
            "`hidden` is handed to a child process when it starts, and it holds `jobs`, of type"
                + " `Channel<Job>`, which a child may be handed only as what it is");
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.enumSetOfATypeVariable_*}. */
  @Test
  void enumSetOfATypeVariable_crossesAtACallSiteButIsNoMember() {
    assertAsMarked(
        "test/Main.java",
        NotTransferableCallSiteTest.GENERIC_ENUM_COLLECTIONS.formatted(
            "EnumSet<E>", " // ferry:not-transferable @set"));
  }

  @Test
  void enumSetOfATypeVariable_twin_setMemberCompilesClean() {
    assertNoErrors(
        "test/Main.java",
        NotTransferableCallSiteTest.GENERIC_ENUM_COLLECTIONS.formatted("Set<E>", ""));
  }

  /** ECJ's leg of {@code NotTransferableCallSiteTest.collectionsOfTheProgramsClasses_*}. */
  @Test
  void collectionsOfTheProgramsClasses_areToldToSendAPlainCollection() {
    Result result =
        assertAsMarked("test/Main.java", NotTransferableCallSiteTest.PROGRAM_COLLECTIONS);
    assertThat(result.output())
        .contains("Fix: send a copy of its elements in a plain `ArrayList` (`new ArrayList<>(...)`)");
    assertThat(result.output())
        .contains("Fix: build the `HashMap` without an anonymous class (double-brace");
  }

  @Test
  void collectionsOfTheProgramsClasses_twin_plainCollectionsCompileClean() {
    assertNoErrors("test/Main.java", NotTransferableCallSiteTest.PROGRAM_COLLECTIONS_FIXED);
  }

  @Test
  void channelHiddenByObjectAtSpawn_twin_passedAsItselfCompilesClean() {
    assertNoErrors("test/Main.java", NotTransferableCallSiteTest.HIDDEN_AT_SPAWN_FIXED);
  }

  @Test
  void inheritOnlyValueHiddenByObject_twin_theFixCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of("test/Main.java", InheritOnlySentCallSiteTest.HIDDEN_BY_OBJECT_FIXED));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * ECJ's leg of {@code SpawnTargetTest.boundReferenceToAMethodOfANestedClass_*}: the fix names
   * {@code Tasks.E::abs} from another class ("pass `E::abs`" did not resolve there), and an
   * anonymous class's method is told to move ("pass `::run`" before).
   */
  @Test
  void boundReferenceToAMethodOfANestedClass_fixNamesAReferenceThatCompilesAtTheCall() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Tasks.java",
        """
        package test;
        public final class Tasks {
          public static final class E {
            public void abs() {}
          }
        }
        """);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Ferry;
        final class Main {
          static void start(Tasks.E task) throws Exception {
            Ferry.spawn(task::abs); // ferry:spawn-target @task::abs
            var anonymous = new Object() { void run() {} };
            Ferry.spawn(anonymous::run); // ferry:spawn-target @anonymous::run
          }
        }
        """);
    EcjCompiler.Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("make `abs` static and pass `Tasks.E::abs`, handing it");
    assertThat(result.output())
        .contains("make `run` a static method of a top-level or static nested class and pass a"
            + " reference to it, handing it");
  }

  @Test
  void inferredTypeArguments_areReportedOnTheArgumentThatCarriesThem() {
    // Helpers comes after Main: ECJ has not resolved its bodies when Main is checked, and is made
    // to compile it first.
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.ProcessPool;
        import java.util.List;
        final class Main {
          static Thread thread(int x) { return null; }
          static int square(int x) { return x * x; }
          static void use(Channel<String> replies, Thread worker, ProcessPool pool,
              List<Thread> threads, List<String> names) throws Exception {
            Helpers.relay(Channel.create(), replies); // ferry:inherit-only-sent @replies
            Helpers.sendIt(replies); // ferry:inherit-only-sent @replies
            Helpers.forward(replies); // ferry:inherit-only-sent @replies
            Helpers.sendIt(worker); // ferry:not-transferable @worker
            record Local(int id) {}
            Helpers.start(new Local(1)); // ferry:local-class @new
            pool.submit(Main::thread, 3); // ferry:not-transferable @Main
            threads.forEach(Helpers::sendIt); // ferry:not-transferable @Helpers
            Helpers.relay(Channel.create(), "text");
            Helpers.sendIt(new Job(1));
            Helpers.forward("text");
            Helpers.start(replies); // a channel may be handed to a child at spawn
            Helpers.start(new Job(2));
            pool.submit(Main::square, 3);
            names.forEach(Helpers::sendIt);
          }
        }
        """);
    files.put("test/Job.java", JOB);
    files.put("test/Helpers.java", HELPERS);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);

    assertThat(result.errors().stream().map(p -> p.message()).toList())
        .contains(
            "[ferry:not-transferable] `Main::thread` gives `R` of `submit` the type `Thread`; a"
                + " value of `R` is sent to another process, and `Thread` is a JDK type Ferry has"
                + " no codec for: it is not a plain value that another process could rebuild from"
                + " bytes. Fix: copy the data you need into a @Transferable type. See"
                + " docs/rules/not-transferable.md");
  }

  /** A program head with generic tasks, as ProcessPoolTest's. */
  private static final String GENERIC_TASKS =
      """
      package test;
      import dev.ferry.ProcessPool;
      import java.util.List;
      final class Main {
        static <T> T id(T value) { return value; }
        static <T> List<T> many(T value) { return List.of(value); }
        static <T> Thread spin(T value) { return null; }
      """;

  /** As under javac (ProcessPoolTest): a generic task's result follows its argument, told once. */
  @Test
  void genericTaskGivenABadArgument_isToldOnceOnTheArgument() {
    assertAsMarked(
        "test/Main.java",
        GENERIC_TASKS
            + """
          static Thread same(Thread thread) { return thread; }
          static void use(ProcessPool pool, Thread worker, List<Thread> workers, Object any)
              throws Exception {
            pool.submit(Main::id, new Thread()); // ferry:not-transferable @new
            pool.submit(Main::many, worker); // ferry:not-transferable @worker
            pool.submit(Main::id, any); // ferry:not-transferable @any
            pool.map(Main::id, workers); // ferry:not-transferable @workers
            pool.submit(Main::same, new Thread()); // ferry:not-transferable @Main::same ferry:not-transferable @new
            pool.submit(Main::spin, "text"); // ferry:not-transferable @Main::spin
            pool.submit(Main::id, "text");
            pool.submit(Main::many, "text");
          }
        }
        """);
  }

  /** As under javac (ProcessPoolTest): a generic task given null returns that null. */
  @Test
  void genericTaskGivenNull_isLegal_aBadResultOfItsOwnIsStillTold() {
    assertAsMarked(
        "test/Main.java",
        GENERIC_TASKS
            + """
          static void use(ProcessPool pool) throws Exception {
            pool.submit(Main::id, null);
            pool.submit(Main::many, (Thread) null);
            pool.map(Main::id, (Iterable<Thread>) null);
            pool.submit(Main::spin, null); // ferry:not-transferable @Main::spin
          }
        }
        """);
  }

  /** As under javac (ProcessPoolTest): a task chosen among references is checked by each result. */
  @Test
  void taskChosenAmongReferences_isCheckedByEachResult() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.ProcessPool;
        import dev.ferry.annotation.Transferable;
        import java.util.List;
        final class Main {
          @Transferable record Job(int id) {}
          static int square(int x) { return x * x; }
          static Thread thread(int x) { return null; }
          static Job job(int x) { return null; }
          static String name(int x) { return null; }
          static <T> T id(T value) { return value; }
          static void use(ProcessPool pool, boolean flag, int k, List<Integer> xs)
              throws Exception {
            pool.submit(flag ? Main::thread : Main::square, 3); // ferry:not-transferable @Main::thread
            pool.submit(flag ? Main::job : (k > 1 ? Main::thread : Main::square), 3); // ferry:not-transferable @Main::thread
            pool.map(switch (k) { case 1 -> Main::job; default -> { yield Main::thread; } }, xs); // ferry:not-transferable @Main::thread
            pool.submit(flag ? Main::square : x -> new Thread(), 3); // ferry:spawn-target @x
            pool.submit(flag ? Main::job : Main::square, 3);
            pool.map(flag ? Main::name : Main::square, xs);
            pool.submit(switch (k) { case 1 -> Main::job; default -> Main::name; }, 3);
            pool.submit(flag ? Main::job : (k > 1 ? Main::name : Main::square), 3);
            pool.submit(flag ? Main::square : Main::<Integer>id, 3);
          }
        }
        """);
  }

  /** As under javac (CrossingTypeVariablesTest): lists chosen for a helper's variable. */
  @Test
  void listsChosenForAHelpersVariable_areCheckedByEachList() {
    assertAsMarked(
        "test/Main.java",
        CrossingTypeVariablesTest.CHOSEN_LISTS.replace(
            "CALLS",
            """
                all(Channel.create(), flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @List.of(new
                all(Channel.create(), switch (k) { case 1 -> List.of(job); default -> List.of(lane); }); // ferry:inherit-only-sent @List.of(lane)
            """));
  }

  @Test
  void listsChosenForAHelpersVariable_twin_compileClean() {
    assertNoErrors("test/Main.java", CrossingTypeVariablesTest.CHOSEN_LISTS_LEGAL);
  }

  /** As under javac (CrossingTypeVariablesTest): told on the argument that brings the type. */
  @Test
  void variableCarriedByTwoArguments_isToldOnTheOneThatBringsItsType() {
    assertAsMarked(
        "test/Main.java",
        CrossingTypeVariablesTest.BROUGHT_BY_ONE.replace(
            "CALLS",
            """
                all(Channel.create(), List.of(new Thread())); // ferry:not-transferable @List.of(new
                rev(List.of(new Thread()), Channel.create()); // ferry:not-transferable @List.of(new
                all(Channel.create(), threads); // ferry:not-transferable @threads
                rev(threads, Channel.create()); // ferry:not-transferable @threads
                all(Channel.create(), List.of(Channel.create())); // ferry:inherit-only-sent @List.of(Channel
                pair(threads, List.of(new Thread())); // ferry:not-transferable @threads
                pair(List.of(new Thread()), threads); // ferry:not-transferable @List.of(new
            """));
  }

  @Test
  void variableCarriedByTwoArguments_twin_compileClean() {
    assertNoErrors("test/Main.java", CrossingTypeVariablesTest.BROUGHT_BY_ONE_LEGAL);
  }

  /** As under javac (ProcessPoolTest): inputs chosen among lists are checked by each list. */
  @Test
  void inputsChosenAmongLists_areCheckedByEachList() {
    assertAsMarked(
        "test/Main.java",
        POOL_LISTS
            .replace("LISTS", """
                pool.map(Main::any, flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @List.of(new
                pool.map(Main::any, flag ? List.of(job) : List.of(c)); // ferry:inherit-only-sent @List.of(c)
                pool.mapUnordered(Main::any, switch (k) { case 1 -> List.of(job); default -> List.of(Thread.currentThread()); }); // ferry:not-transferable @List.of(Thread
                pool.map(Main::any, flag ? List.of(job) : (k > 1 ? List.of("x") : List.of(job, new Thread()))); // ferry:not-transferable @List.of(job,
            """));
  }

  @Test
  void inputsChosenAmongLists_twin_compileClean() {
    assertNoErrors(
        "test/Main.java",
        POOL_LISTS
            .replace("LISTS", """
                pool.map(Main::any, flag ? List.of(job) : List.of("x"));
                pool.map(Main::any, switch (k) { case 1 -> List.of(job); default -> java.util.Set.of("x", "y"); });
                pool.map(Main::any, flag ? List.of(job) : (k > 1 ? List.of(3, 4) : List.of()));
                pool.map(Main::any, flag ? jobs : null);
                pool.mapUnordered(Main::any, flag ? jobs : List.of(job));
            """));
  }

  /** As under javac (ProcessPoolTest): a task returning its argument over lists chosen among. */
  @Test
  void identityTaskOverInputsChosenAmongLists_isToldOnTheBadListOnly() {
    assertAsMarked(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", "static <T> T id(T t) { return t; }\n  static int any")
            .replace("LISTS", """
                pool.map(Main::id, flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @List.of(new
                pool.mapUnordered(Main::id, switch (k) { case 1 -> List.of(1); default -> List.of(new StringBuilder()); }); // ferry:not-transferable @List.of(new
            """));
  }

  @Test
  void identityTaskOverInputsChosenAmongLists_twin_compileClean() {
    assertNoErrors(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", "static <T> T id(T t) { return t; }\n  static int any")
            .replace("LISTS", """
                pool.map(Main::id, flag ? List.of(1) : List.of("x"));
                pool.map(Main::id, flag ? List.of(job) : List.of("x"));
                pool.mapUnordered(Main::id, switch (k) { case 1 -> List.of(1); default -> java.util.Set.of(2L); });
            """));
  }

  /** As under javac (ProcessPoolTest): a task building its result of its argument, over lists. */
  @Test
  void taskBuildingItsResultOverInputsChosenAmongLists_isToldOnceWhereTheMistakeIs() {
    assertAsMarked(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                pool.map(Main::twin, flag ? List.of(job) : List.of(new Thread())); // ferry:not-transferable @List.of(new
                pool.map(Main::list, switch (k) { case 1 -> List.of(1); default -> List.of(new StringBuilder()); }); // ferry:not-transferable @List.of(new
                pool.map(Main::weak, flag ? List.of(1) : List.of("x")); // ferry:not-transferable @Main::weak
                pool.map(Main::half, flag ? List.of(1) : (List.of("x"))); // ferry:not-transferable @Main::half
                pool.map(Main::weak, flag ? List.of(1) : List.of(new Thread())); // ferry:not-transferable @List.of(new
            """));
  }

  @Test
  void taskBuildingItsResultOverInputsChosenAmongLists_twin_compileClean() {
    assertNoErrors(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                pool.map(Main::twin, flag ? List.of(1) : List.of("x"));
                pool.map(Main::twin, flag ? List.of(job) : k > 0 ? List.of("x") : null);
                pool.map(Main::list, switch (k) { case 1 -> List.of(1); default -> java.util.Set.of(2L); });
                pool.map(Main::maybe, flag ? List.of(job) : List.of());
                pool.mapUnordered(Main::keyed, flag ? List.of(1) : List.of("x"));
                pool.submit(Main::twin, flag ? new Pair<>(1, "a") : new Pair<>("b", 2));
            """));
  }

  /** As under javac (ProcessPoolTest): a task's result type written is told where written. */
  @Test
  void taskWithItsResultTypeWritten_isToldOnTheWrittenTypeArgument() {
    assertAsMarked(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                pool.submit(Main::<Number>id, 1); // ferry:not-transferable @Number
                pool.map(Main::<Number>list, List.of(1, 2)); // ferry:not-transferable @Number
                pool.submit(Main::<Integer>weak, 1); // ferry:not-transferable @Main::
            """));
  }

  @Test
  void taskWithItsResultTypeWritten_twin_compileClean() {
    assertNoErrors(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                pool.submit(Main::<Integer>id, 1);
                pool.map(Main::<Job>twin, List.of(job));
            """));
  }

  /** As under javac (ProcessPoolTest): inputs chosen through a helper holding their variable. */
  @Test
  void inputsChosenThroughAHelperHoldingTheirVariable_areCheckedByTheHelpersArguments() {
    assertAsMarked(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                pool.map(Main::twin, flag ? pick(flag, List.of(1), List.of("x")) : List.of("y")); // ferry:not-transferable @pick
                pool.map(Main::list, flag ? pick(flag, List.of(new Thread()), List.of(new Thread())) : List.of(job)); // ferry:not-transferable @pick
            """));
  }

  @Test
  void inputsChosenThroughAHelperHoldingTheirVariable_twin_compileClean() {
    assertNoErrors(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                pool.map(Main::twin, flag ? pick(flag, List.of(1), List.of(2)) : List.of("y"));
                pool.map(Main::any, switch (k) { case 1 -> pick(flag, List.of(job), List.of(job)); default -> List.of(2L); });
            """));
  }

  /**
   * As under javac (ProcessPoolTest): inputs chosen among lists into a local are judged by the
   * local's type, told on it. ECJ's mirror of the capture of its element type had no bound a
   * checker could read: {@code pool.map(Main::list, in)} compiled clean, and {@code
   * pool.map(Main::twin, in)} was told on {@code Main::twin} as a {@code Pair<?, ?>}.
   */
  @Test
  void inputsChosenAmongListsIntoALocal_areToldOnTheLocalWithItsElementType() {
    var result =
        assertAsMarked(
            "test/Main.java",
            POOL_LISTS
                .replace("static int any", BUILDING_TASKS + "  static int any")
                .replace("LISTS", """
                    var in = flag ? List.of(1) : List.of("x");
                    pool.map(Main::twin, in); // ferry:not-transferable @in
                    pool.map(Main::list, in); // ferry:not-transferable @in
                """));
    assertThat(result.errors().get(0).message())
        .contains(ProcessPoolTest.INTERSECTION_IN_A_LOCAL);
  }

  @Test
  void inputsChosenAmongListsIntoALocal_twin_oneElementTypeCompilesClean() {
    assertNoErrors(
        "test/Main.java",
        POOL_LISTS
            .replace("static int any", BUILDING_TASKS + "  static int any")
            .replace("LISTS", """
                var in = flag ? List.of(1) : List.of(2);
                pool.map(Main::twin, in);
                pool.map(Main::list, in);
            """));
  }

  private static final String BUILDING_TASKS =
      """
      @Transferable record Pair<A, B>(A a, B b) {}
        static <T> T id(T t) { return t; }
        static <T> Pair<T, T> twin(T t) { return new Pair<>(t, t); }
        static <T> List<T> list(T t) { return List.of(t); }
        static <T> java.util.Optional<T> maybe(T t) { return java.util.Optional.of(t); }
        static <T> java.util.Map<String, List<? extends T>> keyed(T t) { return null; }
        static <T> java.lang.ref.WeakReference<T> weak(T t) { return null; }
        static <T> Pair<T, Thread> half(T t) { return null; }
        static <T> List<T> pick(boolean f, List<T> a, List<T> b) { return f ? a : b; }
      """;

  private static final String POOL_LISTS =
      """
      package test;
      import dev.ferry.Channel;
      import dev.ferry.ProcessPool;
      import dev.ferry.annotation.Transferable;
      import java.util.List;
      final class Main {
        @Transferable record Job(int id) {}
        static int any(Object value) { return 0; }
        static void use(
            ProcessPool pool, boolean flag, int k, Job job, List<Job> jobs, Channel<String> c)
            throws Exception {
      LISTS
        }
      }
      """;

  /** As under javac (ProcessPoolTest): what crosses back is what the task returns. */
  @Test
  void taskResultsReadAsAWiderType_compileClean_aBadResultIsStillTold() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.ProcessPool;
        import java.util.Iterator;
        import java.util.List;
        import java.util.concurrent.CompletableFuture;
        final class Main {
          static int square(int x) { return x * x; }
          static Integer boxed(Integer x) { return x; }
          static String name() { return "n"; }
          static Thread thread(int x) { return null; }
          static void use(ProcessPool pool, List<Integer> xs) throws Exception {
            CompletableFuture<Object> f = pool.submit(Main::square, 3);
            CompletableFuture<? extends Number> g = pool.submit(Main::boxed, 3);
            CompletableFuture<Object> h = pool.submit(Main::name);
            List<Object> all = pool.map(Main::boxed, xs);
            List<Number> numbers = pool.map(Main::boxed, xs);
            Iterator<Object> each = pool.mapUnordered(Main::boxed, xs);
            CompletableFuture<Object> t = pool.submit(Main::thread, 3); // ferry:not-transferable @Main::thread
          }
        }
        """);
  }

  /** As under javac (InheritOnlySentCallSiteTest): unbounded channels, and one error a member. */
  @Test
  void unboundedChannelWritten_compilesCleanWhereAChannelMayGo() {
    assertAsMarked(
        "test/Main.java",
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
        """);
  }

  /** As under javac (InheritOnlySentCallSiteTest): a channel's {@code ? extends} is a handle. */
  @Test
  void channelOfAnExtendsWildcard_compilesCleanWhereAChannelMayGo() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Lib.java", InheritOnlySentCallSiteTest.EXTENDS_WILDCARD_LIB,
                "test/Main.java", InheritOnlySentCallSiteTest.EXTENDS_WILDCARD_MAIN));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /**
   * As under javac (InheritOnlySentCallSiteTest): a channel of a collection class the reader
   * rebuilds as itself reaches a child, held or handed over; one of a class it rebuilds as another
   * is told on the member.
   */
  @Test
  void channelOfACollectionClass_isJudgedAsAChannelsTypeArgumentWhereItIsHeld() {
    assertAsMarked(
        "test/Main.java",
        InheritOnlySentCallSiteTest.CHANNEL_OF_A_COLLECTION_CLASS_MAIN.formatted(
            "ferry:not-transferable @names"));
  }

  /** As under javac: {@code ? super Thread}, and a holder that writes its variable's values. */
  @Test
  void channelOfASuperWildcard_andAHolderOfAnExtendsWildcard_areStillReported() {
    Map<String, String> files =
        Map.of(
            "test/Lib.java", InheritOnlySentCallSiteTest.SUPER_WILDCARD_LIB,
            "test/Main.java", InheritOnlySentCallSiteTest.SUPER_WILDCARD_MAIN);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** As under javac: a captured {@code Channel<? super Thread>} is checked by its lower bound. */
  @Test
  void capturedChannelOfASuperWildcard_isCheckedByItsLowerBound() {
    Map<String, String> files =
        Map.of("test/Main.java", InheritOnlySentCallSiteTest.CAPTURED_SUPER_WILDCARD_MAIN);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** As under javac: a written channel type, told where written, is not told again at a spawn. */
  @Test
  void writtenChannelTypeSpawned_isToldOnceWhereWritten() {
    Map<String, String> files =
        Map.of("test/Main.java", InheritOnlySentCallSiteTest.WRITTEN_CHANNEL_SPAWNED);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** As under javac: a channel type told where declared is not told again at each spawn. */
  @Test
  void channelTypeToldWhereDeclared_isNotToldAgainWhereItsValuesAreSpawned() {
    Map<String, String> files =
        Map.of(
            "test/Main.java", InheritOnlySentCallSiteTest.CHANNEL_TYPE_TOLD_WHERE_DECLARED);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  @Test
  void channelTypeToldWhereDeclared_twin_compilesClean() {
    assertNoErrors(
        "test/Main.java", InheritOnlySentCallSiteTest.channelTypeToldWhereDeclaredTwin());
  }

  /** As under javac: collection classes a reader rebuilds as another, as tasks' types. */
  @Test
  void collectionClassesRebuiltAsAnother_asTaskParametersResultsAndSpawnParameters_areTold() {
    Map<String, String> files =
        Map.of("test/Main.java", ProcessPoolTest.rebuiltCollectionsMarked());
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("Fix: declare `counts` as `Map<String, Integer>`.");
  }

  /** As ProcessPoolTest's: a {@code Dictionary} is no {@code Map}, which its values arrive as. */
  @Test
  void dictionaryAsTaskParameterResultAndSpawnParameter_isToldAsTheMapItIsRebuiltAs() {
    Map<String, String> files =
        Map.of(
            "test/Main.java",
            ProcessPoolTest.rebuiltCollectionsMarked("java.util.Dictionary<String, Integer>"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains("which cannot be cast to `Dictionary`: the call would fail there.");
  }

  @Test
  void collectionClassResult_takenAsTheClassOrAnotherInterface_isTold() {
    Map<String, String> files =
        Map.of("test/Main.java", ProcessPoolTest.REBUILT_RESULTS_TAKEN_AS_CLASSES_MARKED);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  /** As under javac: a lambda task's result, where spawn-target is silenced. */
  @Test
  void lambdaTaskWithSpawnTargetSilenced_collectionClassResultTakenAsTheClass_isTold() {
    Map<String, String> files =
        Map.of("test/Main.java", ProcessPoolTest.LAMBDA_RESULTS_TAKEN_AS_CLASSES_MARKED);
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains("Fix: take the result as `Map<String, Integer>`, or cast the lambda's result");
  }

  @Test
  void collectionClassesRebuiltAsAnother_twins_compileClean() {
    for (String source :
        List.of(
            ProcessPoolTest.REBUILT_COLLECTIONS.formatted("Map<String, Integer>"),
            ProcessPoolTest.REBUILT_RESULTS_TAKEN_AS_MAPS,
            ProcessPoolTest.LAMBDA_RESULTS_TAKEN_AS_MAPS)) {
      Result result = EcjCompiler.compile(dir, Map.of("test/Main.java", source));
      assertWithMessage(result.output()).that(result.succeeded()).isTrue();
      assertWithMessage(result.output()).that(result.errors()).isEmpty(); // unused-local warnings
    }
  }

  /** As under javac: a task returning an @InheritOnly type is told to return plain data. */
  @Test
  void taskResultOfAnInheritOnlyType_isToldToReturnPlainData() {
    Map<String, String> files = Map.of("test/Main.java", ProcessPoolTest.inheritOnlyResultMarked());
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains(ProcessPoolTest.INHERIT_ONLY_RESULT_FIX);
    assertThat(result.output()).doesNotContain("initializer");
  }

  @Test
  void taskResultOfAnInheritOnlyType_twin_plainDataCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Main.java", ProcessPoolTest.INHERIT_ONLY_RESULT.formatted("Job")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a type variable that no value of a sealed type holds is not checked. */
  @Test
  void typeVariableNoValueHolds_isNotChecked_oneAValueHoldsIs() {
    Map<String, String> files =
        Map.of("test/Main.java", NotTransferableCallSiteTest.phantomTypeArgumentsMarked());
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  /** As under javac: a raw collection class handed over is told by its own name. */
  @Test
  void rawCollectionClassValue_isToldByItsOwnName() {
    Map<String, String> files =
        Map.of("test/Main.java", NotTransferableCallSiteTest.rawCollectionValuesMarked());
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains(NotTransferableCallSiteTest.RAW_ARRAY_LIST_MESSAGE);
    assertThat(result.output()).contains("give `HashMap` its type arguments");
  }

  @Test
  void rawCollectionClassValue_twin_withTypeArgumentsCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                NotTransferableCallSiteTest.RAW_COLLECTION_VALUES.formatted(
                    "<String>", "<String, Integer>")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a JDK method as a target is told to be called from a static method. */
  @Test
  void instanceMethodOfAClassFile_isToldToCallItFromAStaticMethod() {
    Map<String, String> files =
        Map.of(
            "test/Main.java",
            SpawnTargetTest.CLASS_FILE_METHOD_TARGETS.formatted(SpawnTargetTest.CLASS_FILE_METHODS));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    for (String message : SpawnTargetTest.classFileMethodMessages()) {
      assertThat(result.output()).contains(message);
    }
  }

  @Test
  void instanceMethodOfAClassFile_twin_calledFromAStaticMethodCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                SpawnTargetTest.CLASS_FILE_METHOD_TARGETS.formatted(
                    "    Ferry.spawn(Main::print, \"x\");")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a type written for a method's crossing variable is told to change. */
  @Test
  void writtenMethodTypeArgument_isToldToChangeIt() {
    Map<String, String> files =
        Map.of("test/Main.java", InheritOnlySentCallSiteTest.writtenMethodTypeArgumentsMarked());
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    for (String fix : InheritOnlySentCallSiteTest.WRITTEN_METHOD_TYPE_ARGUMENT_FIXES) {
      assertThat(result.output()).contains(fix);
    }
    assertThat(result.output()).doesNotContain("instead of sending it");
  }

  @Test
  void writtenMethodTypeArgument_twin_ofATransferableTypeCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                InheritOnlySentCallSiteTest.WRITTEN_METHOD_TYPE_ARGUMENTS.formatted("Job")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  @Test
  void writtenChannelParameter_isToldToChangeItsTypeArgument() {
    Map<String, String> files =
        Map.of(
            "test/Main.java",
            InheritOnlySentCallSiteTest.WRITTEN_CHANNEL_PARAMETER
                .formatted("Ports")
                .replace("Ports ports) {}", "Ports ports) {} // ferry:inherit-only-sent @Ports")
                .replace(
                    "work, Ports ports) throws InterruptedException {",
                    "work, Ports ports) throws InterruptedException { // ferry:inherit-only-sent"
                        + " @Ports"));
    Result result = EcjCompiler.compile(dir, files);

    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains(InheritOnlySentCallSiteTest.WRITTEN_CHANNEL_FIX);
    assertThat(result.output()).doesNotContain("instead of sending it");
  }

  @Test
  void writtenChannelParameter_twin_ofATransferableTypeCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                InheritOnlySentCallSiteTest.WRITTEN_CHANNEL_PARAMETER.formatted("Job")));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  @Test
  void returnedChannelOfAnInheritOnlyType_isToldAtTheSpawn() {
    Map<String, String> files =
        Map.of(
            "test/Main.java",
            InheritOnlySentCallSiteTest.RETURNED_CHANNEL_OF_INHERIT_ONLY_MAIN.formatted("Lib"));
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output())
        .contains(
            "`Lib.ports()` is handed to a child process when it starts, and `Ports` in its type"
                + " `Channel<Ports>` is @InheritOnly");
    assertThat(result.output()).contains(InheritOnlySentCallSiteTest.RETURNED_CHANNEL_FIX);
    for (String line : result.output().split("\n")) {
      if (line.contains("is handed to a child process when it starts")) {
        assertThat(line).doesNotContain("instead of sending it");
      }
    }
  }

  @Test
  void returnedChannelThatCannotSendAnInheritOnlyType_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of("test/Main.java", InheritOnlySentCallSiteTest.RETURNED_CHANNEL_OF_INHERIT_ONLY_LEGAL));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  /** As under javac: a channel's {@code ? super Integer} is legal where a channel may go. */
  @Test
  void channelOfASuperWildcardOfATypeWithACodec_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir, Map.of("test/Main.java", InheritOnlySentCallSiteTest.SUPER_WILDCARD_OF_A_CODEC_MAIN));
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.problems()).isEmpty();
  }

  @Test
  void helpersCompiledBeforeTheirCallers_areCheckedToo() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Helpers.java", HELPERS);
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        final class Main {
          static void use(Thread worker) throws Exception {
            Helpers.forward(worker); // ferry:not-transferable @worker
            Helpers.forward(new Job(1));
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  @Test
  void genericClassWhoseVariableReachesASentPosition_isReportedWhereItBecomesConcrete() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Relay.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Relay<T> {
          Channel<T> out;
        }
        """);
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          Relay<Channel<Job>> relay; // ferry:inherit-only-sent @Channel
          Poster<Thread> poster; // ferry:not-transferable @Thread
          Object posting = new Poster<Thread>(); // ferry:not-transferable @Thread
          Object made = new Relay<Thread>(); // ferry:not-transferable @Thread
          Relay<Job> fine = new Relay<>();
          Poster<String> alsoFine = new Poster<String>();
        }
        """);
    // After Main: its body (which makes T cross) is not resolved when Main is checked.
    files.put(
        "test/Poster.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Poster<T> {
          void post(T value) throws Exception {
            Channel<T> channel = Channel.create();
            channel.send(value);
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  /**
   * A type argument written for an enclosing class, {@code Outer<Thread>.Inner}, gives {@code
   * Outer}'s variable the type {@code Thread} as {@code Outer<Thread>} does. ECJ's reference for it
   * holds one array of arguments per name, and only the last name's were checked: fields,
   * parameters, casts, arrays and {@code List<Outer<Thread>.Inner>} passed without a word under
   * ECJ where javac told each (found in the checker probe).
   */
  @Test
  void typeArgumentOfAnEnclosingType_isReportedWhereWritten() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Outer.java", OUTER);
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import java.util.List;
        final class Main {
          Outer<Thread>.Inner inner; // ferry:not-transferable @Thread
          List<Outer<Channel<Job>>.Inner> inners; // ferry:inherit-only-sent @Channel
          Outer<Job>.Typed<Thread> typed; // ferry:not-transferable @Thread
          Outer<Thread>.Typed<Thread> both; // ferry:not-transferable @Thread ferry:not-transferable @Thread
          Outer<Job>.Inner fine;
          Outer.Nested<Job> nested;
          Outer<Thread>.Inner pass(test.Outer<Thread>.Inner given) { // ferry:not-transferable @Thread ferry:not-transferable @Thread
            Object cast = (Outer<Thread>.Inner) null; // ferry:not-transferable @Thread
            Outer<Thread>.Inner[] array = null; // ferry:not-transferable @Thread
            return given;
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors().get(0).message())
        .contains("`Thread` is a type argument of `Outer<Thread>` whose values are sent");
  }

  @Test
  void typeArgumentOfAnEnclosingType_twin_compilesClean() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Outer.java", OUTER);
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        import java.util.List;
        final class Main {
          Outer<Job>.Inner inner;
          List<Outer<String>.Inner> inners;
          Outer<Job>.Typed<String> typed;
          Outer.Nested<Job> nested;
          Outer<Job>.Inner pass(test.Outer<Job>.Inner given) {
            Object cast = (Outer<Job>.Inner) null;
            Outer<Job>.Inner[] array = null;
            return given;
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    assertWithMessage(result.output()).that(result.succeeded()).isTrue();
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /**
   * As InheritOnlySentCallSiteTest's: a lambda parameter's written type is told where written,
   * also where it is the only place ({@code with((Channel<Ports> c) -> {})}); implicit parameters
   * are not told again. ECJ told these already; javac's checker did not.
   */
  @Test
  void typeArgumentWrittenForALambdaParameter_isReported() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import java.util.List;
        import java.util.function.BiConsumer;
        import java.util.function.Consumer;
        final class Main {
          static <T> void with(Consumer<T> action) {}
          static <A, B> void with2(BiConsumer<A, B> action) {}
          @SuppressWarnings("ferry:not-transferable")
          static List<Channel<Thread>> list;

          void use() {
            with((Channel<Thread> c) -> {}); // ferry:not-transferable @Thread
            with2((String s, Channel<Channel<Job>> c) -> {}); // ferry:inherit-only-sent @Channel
            with((Channel<Job> c) -> {});
            list.forEach(c -> {});
            list.forEach((var c) -> {});
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  /**
   * As SpawnTargetTest's and ProcessPoolTest's: fixes that named what cannot be named or is
   * refused next. A method of a class nested in a local class ("a method of nested in a local
   * class"), an instance method of a local class ("make `work` static", a static method of a local
   * class, refused too), and in a compact source file (ECJ's -25 needs no JDK 25) the file's class
   * ("`pool.initializer(Compact::init, channel)`", "pass `Compact::inst`"), which no code can name.
   */
  @Test
  void fixesOfTargetsInUnnamedClasses_leadToANamedClass() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Ferry;
        final class Main {
          static void start() {
            class Local {
              record Nested() {
                static void run() {}
              }
              void work() {}
            }
            Ferry.spawn(Local.Nested::run); // ferry:spawn-target @Local
            Ferry.spawn(Local::work, new Local()); // ferry:spawn-target @Local
          }
        }
        """);
    files.put(
        "Compact.java",
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
        """);
    Result result = EcjCompiler.compile(dir, files, List.of("-25"));
    EcjMarkers.assertErrorsAsMarked(files, result);
    String all = result.output();
    assertThat(all).contains(
        "`Local.Nested::run` is a method of a class nested in a local class (`Nested`)");
    assertThat(all).contains(
        "Fix: make `work` a static method of a top-level or static nested class, and pass the"
            + " data it needs from `new Local()` as arguments of this call instead.");
    assertThat(all).contains(
        "through the pool's initializer (`pool.initializer(Workers::init, channel)`, with `init`"
            + " a static method of a static nested class `Workers` that you add: a compact source"
            + " file's class has no name a reference could use), instead of as a task argument.");
    assertThat(all).contains(
        "Fix: make `inst` a static method of a top-level or static nested class and pass a"
            + " reference to it, handing it the data it needs as arguments of this call.");
  }

  /** As under javac: a value of a compact source file's type is told to move the type. */
  @Test
  void valueOfATypeInCompactSourceFile_isToldToMoveIt() {
    Map<String, String> files = Map.of("Main.java", LocalClassTest.COMPACT_FILE_VALUE_SENT);
    Result result = EcjCompiler.compile(dir, files, List.of("-25"));
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.output()).contains("Fix: move `Local` to a file of its own and annotate it");
  }

  @Test
  void fixesOfTargetsInUnnamedClasses_twin_theFixesCompileClean() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Ferry;
        final class Main {
          static final class Nested {
            static void run() {}
            static void work(int data) {}
          }
          static void start() {
            Ferry.spawn(Nested::run);
            Ferry.spawn(Nested::work, 3);
          }
        }
        """);
    files.put(
        "Compact.java",
        """
        import dev.ferry.Channel;
        import dev.ferry.ProcessPool;
        static final class Tasks {
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
        """);
    Result result = EcjCompiler.compile(dir, files, List.of("-25"));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /** As ProcessPoolTest's: Ferry's runtime objects sent as values are told as runtime types. */
  @Test
  void ferrysRuntimeObjectsAsValues_areToldAsRuntimeTypes() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Child;
        import dev.ferry.ProcessPool;
        final class Main {
          static int any(Object value) { return 0; }
          static void use(ProcessPool pool, Child child) {
            pool.submit(Main::any, pool); // ferry:not-transferable @pool
            pool.submit(Main::any, child); // ferry:not-transferable @child
            pool.submit(Main::any, child.pid());
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors().get(0).message())
        .contains(
            "`pool` is sent to another process, and its type `ProcessPool` is a type of Ferry's"
                + " runtime, which works only in the process that made it (a pool, a child, a"
                + " task): it is not a plain value that another process could rebuild from bytes."
                + " Fix: copy the data you need into a @Transferable type.");
  }

  /**
   * A generic constructor reached by {@code this(...)} or {@code super(...)}: its variables went
   * unchecked under ECJ, written ({@code <Thread>super(null)}) or carried by an argument ({@code
   * super(worker)} for {@code <@Sent T> Envelope(T value)}), where javac told each (found in the
   * checker probe). They are checked as at a creation.
   */
  @Test
  void crossingVariableOfAConstructorCalledByThisOrSuper_isReported() {
    Map<String, String> files =
        Map.of(
            "test/Letter.java",
            """
            package test;
            import dev.ferry.annotation.Sent;
            import java.util.List;
            import dev.ferry.Channel;
            class Envelope {
              <@Sent T> Envelope(T value) {}
              <T> Envelope(List<T> values, Channel<T> channel) {}
              Envelope() {}
            }
            final class Letter extends Envelope {
              <T> Letter(Channel<T> channel, int copies) {}
              Letter() {
                <Thread>this(null, 1); // ferry:not-transferable @Thread
              }
              Letter(Thread worker) {
                super(worker); // ferry:not-transferable @worker
              }
              Letter(List<Thread> workers) {
                super(workers, Channel.create()); // ferry:not-transferable @workers
              }
              Letter(Object any) {
                <Thread>super(null); // ferry:not-transferable @Thread
              }
            }
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  @Test
  void crossingVariableOfAConstructorCalledByThisOrSuper_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Letter.java",
                """
                package test;
                import dev.ferry.annotation.Sent;
                import java.util.List;
                import dev.ferry.Channel;
                class Envelope {
                  <@Sent T> Envelope(T value) {}
                  <T> Envelope(List<T> values, Channel<T> channel) {}
                  Envelope() {}
                }
                final class Letter extends Envelope {
                  <T> Letter(Channel<T> channel, int copies) {}
                  Letter() {
                    <String>this(null, 1);
                  }
                  Letter(String name) {
                    super(name);
                  }
                  Letter(List<String> names) {
                    super(names, Channel.create());
                  }
                  Letter(Object any) {
                    <Long>super(null);
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /**
   * A local enum's values sent, handed to a child or given to a task are local-class errors as a
   * local record's are. ECJ's element of a local enum throws when asked for its enclosing element
   * once the unit is compiled ("local.scope is null"); a check that asked it, to tell a member of a
   * local class from the local class itself, dropped every such error (the scan of the call is
   * abandoned on an exception), found by the checker probe before it was merged.
   */
  @Test
  void localEnumValues_areReportedAsLocalClasses() {
    Map<String, String> files =
        Map.of(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import dev.ferry.ProcessPool;
            import java.util.List;
            final class Main {
              static <T> int any(T value) { return 0; }
              static void child(Object value) {}
              static void use(ProcessPool pool) throws InterruptedException {
                enum Mode { FAST, SLOW { } }
                Mode mode = Mode.FAST;
                Codecs.encode(mode); // ferry:local-class @mode
                Codecs.encode(Mode.SLOW); // ferry:local-class @Mode
                pool.submit(Main::any, Mode.FAST); // ferry:local-class @Mode
                pool.map(Main::any, List.of(mode)); // ferry:local-class @List
                Ferry.spawn(Main::child, mode); // ferry:local-class @mode
              }
            }
            """);
    EcjMarkers.assertErrorsAsMarked(files, EcjCompiler.compile(dir, files));
  }

  @Test
  void localEnumValues_twin_unsentCompileClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                """
                package test;
                import dev.ferry.Codecs;
                final class Main {
                  static void use() {
                    enum Mode { FAST, SLOW { } }
                    System.out.println(Mode.SLOW);
                    Codecs.encode(Mode.FAST.name());
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /** A generic class whose inner class sends its variable; a static nested class of its own. */
  private static final String OUTER =
      """
      package test;
      import dev.ferry.Channel;
      final class Outer<T> {
        final class Inner {
          Channel<T> out;
        }
        final class Typed<V> {
          Channel<V> out;
        }
        static final class Nested<U> {
          Channel<U> out;
        }
      }
      """;

  @Test
  void typeArgumentsInferredForVar_areReportedOnTheInitializer() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import java.util.List;
        final class Main {
          static <T> Channel<T> make() { return null; }
          void open() {
            var c = Channel.create(); // ferry:not-transferable @Channel.create()
            var list = List.of(Channel.create()); // ferry:not-transferable @List.of(
            var made = make(); // ferry:not-transferable @make()
            var written = Channel.<Thread>create(); // ferry:not-transferable @Thread
            var jobs = Channel.<Job>create();
            var lists = List.of(Channel.<Job>create());
            Channel<Job> typed = Channel.create();
            var element = lists.get(0);
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors().get(0).message())
        .contains("`Object` is a type argument of `Channel<Object>` whose values are sent");
  }

  @Test
  void explicitTypeArgumentsOfAMethodReference_areReported() {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("test/Job.java", JOB);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import java.util.function.Supplier;
        final class Main {
          static <T> void sendIt(T value) {
            Channel.<T>create().offer(value);
          }
          interface Sender<T> { void accept(T value); }
          Supplier<?> threads = Channel::<Thread>create; // ferry:not-transferable @Thread
          Supplier<?> jobs = Channel::<Job>create;
          // One mistake, told on the type argument written, not again for the values it takes.
          Sender<Thread> any = Main::<Thread>sendIt; // ferry:not-transferable @Thread
          Sender<Job> some = Main::<Job>sendIt;
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  @Test
  void legalPrograms_compileClean() {
    String job =
        """
        package test;
        import dev.ferry.annotation.Transferable;
        @Transferable
        public record Job(long id, String url) {}
        """;
    String main =
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Ferry;
        import java.util.List;
        final class Main {
          static void work(Job job) {}
          static void serve(Channel<Job> jobs) {}
          public static void main(String[] args) throws Exception {
            Channel<Job> jobs = Channel.create();
            Channel<List<String>> lines = Channel.create();
            jobs.send(new Job(1, "a"));
            lines.send(List.of("x"));
            Ferry.spawn(Main::work, new Job(2, "b")).join();
            Ferry.spawn((Main::serve), jobs).join();
            Ferry.spawn((Ferry.Target1<Job>) Main::work, new Job(3, "c")).join();
            Channel<?> any = jobs;
            jobs.send(null);
          }
          @SuppressWarnings("ferry:inherit-only-sent")
          static void tolerated(Channel<Channel<String>> control, Channel<String> replies)
              throws InterruptedException {
            control.send(replies);
          }
        }
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Job.java", job, "test/Main.java", main));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /** ECJ's element of a local or a parameter does not lead to its method: each is asked. */
  @Test
  void suppressedOnLocalVariableOrParameter_silencesItOnly() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void open(@SuppressWarnings("ferry") Channel<Thread> quietParameter,
              Channel<Thread> loudParameter) { // ferry:not-transferable @Thread
            @SuppressWarnings("ferry:not-transferable")
            Channel<Thread> quiet = Channel.<Thread>create();
            @SuppressWarnings("ferry")
            var alsoQuiet = Channel.create();
            @SuppressWarnings("ferry:local-class")
            Channel<Object> otherRule = null; // ferry:not-transferable @Object
            Channel<Thread> loud = null; // ferry:not-transferable @Thread
          }
          @SuppressWarnings("ferry")
          static void quietMethod() {
            Channel<Thread> local = null;
          }
        }
        """);
  }

  @Test
  void nullCastToAType_crossesNothing() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.annotation.SpawnArgument;
        import dev.ferry.annotation.Sent;
        final class Main {
          static void launch(@SpawnArgument Object... arguments) {}
          static void post(@Sent Object value) {}
          static void start(Object[] values) {
            launch((Object[]) null);
            launch(((Object[]) null));
            post((Object) null);
            post((Thread) null);
            launch(values); // ferry:not-transferable @values
          }
        }
        """);
  }

  /** Propagated to the record's field, as javac reads it: the annotation does not target components. */
  @Test
  void suppressedOnRecordComponent_silencesItOnly() {
    assertAsMarked(
        "test/Wiring.java",
        """
        package test;
        import dev.ferry.Channel;
        record Wiring(@SuppressWarnings("ferry") Channel<Thread> quiet,
            @SuppressWarnings("ferry:local-class") Channel<Object> otherRule, // ferry:not-transferable @Object
            Channel<Thread> loud) {} // ferry:not-transferable @Thread
        """);
  }

  @Test
  void typesFromUnitsEcjHasAlreadyCompiled_areCheckedToo() {
    // ECJ compiles the files in order and cleans each up before the next: Color and Meta are
    // done with when Main is checked.
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Color.java",
        """
        package test;
        enum Color { RED, GREEN }
        """);
    files.put(
        "test/Meta.java",
        """
        package test;
        record Meta(int version) {}
        """);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import java.util.List;
        import java.util.Map;
        final class Main {
          static void send(Channel<Color> colors, Channel<List<Color>> lists) throws Exception {
            colors.send(Color.RED);
            lists.send(List.of(Color.GREEN));
          }
          static void meta(Channel<Meta> metas) {} // ferry:not-transferable @Meta
          static void mixed(Channel<Map<Color, Thread>> c) {} // ferry:not-transferable @Map
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
  }

  /**
   * An enum constant's body is an anonymous class that ECJ has cleaned up by the time the unit is
   * scanned: its element needs the scope back to find its enclosing element, as every error's
   * suppression check asks.
   */
  @Test
  void enumConstantBodies_areChecked() {
    assertAsMarked(
        "test/Mode.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        enum Mode {
          FAST {
            @Override void go(Channel<String> replies) {
              post(replies); // ferry:inherit-only-sent @replies
            }
          },
          @SuppressWarnings("ferry")
          QUIET {
            @Override void go(Channel<String> replies) {
              post(replies);
            }
          };
          abstract void go(Channel<String> replies);
          static void post(@Sent Object value) {}
        }
        """);
  }

  @Test
  void enumConstantBodies_twin_compileClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Mode.java",
                """
                package test;
                import dev.ferry.Channel;
                enum Mode {
                  FAST {
                    @Override void go(Channel<String> replies) throws InterruptedException {
                      replies.send("fast");
                    }
                  };
                  abstract void go(Channel<String> replies) throws InterruptedException;
                }
                """));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  @Test
  void unitWithCompilerErrors_getsNoFerryError() {
    String main =
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void send(Channel<Channel<String>> control, Channel<String> replies)
              throws InterruptedException {
            control.send(replies);
            Unknown u = null;
          }
        }
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Main.java", main));

    assertWithMessage(result.output()).that(result.errors()).hasSize(1);
    assertThat(result.errors().get(0).message()).doesNotContain("[ferry:");
  }

  @Test
  void codecsApi_checksItsValueAndClass_butNotAGenericClassLiteral() {
    // A class literal names what reading builds: Codecs.of(Vector.class) compiled clean, and
    // its codec read an ArrayList back.
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "test/Box.java",
        """
        package test;
        @dev.ferry.annotation.Transferable
        public record Box<T>(T value) {}
        """);
    files.put(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Codec;
        import dev.ferry.Codecs;
        import java.util.List;
        final class Main {
          static void use(byte[] bytes) {
            Codecs.encode(new Thread()); // ferry:not-transferable @new
            Codecs.of(Channel.class); // ferry:inherit-only-sent @Channel
            Codec<Box> boxes = Codecs.of(Box.class);
            Box<?> box = Codecs.decode(Codecs.encode(new Box<>("text")), Box.class);
            List<?> list = Codecs.decode(Codecs.encode(List.of("a")), List.class);
            String text = Codecs.decode(Codecs.encode("text"), String.class);
            Codecs.of(java.util.Vector.class); // ferry:not-transferable @java
            Codec<java.util.LinkedList> linked = Codecs.of(java.util.LinkedList.class);
            Codecs.decode(bytes, java.util.concurrent.ConcurrentHashMap.class); // ferry:not-transferable @java
            java.util.ArrayList<?> arrayList = Codecs.decode(bytes, java.util.ArrayList.class);
            Codec<java.util.ArrayDeque> queues = Codecs.of(java.util.ArrayDeque.class);
            Codec<java.util.TreeSet> sorted = Codecs.of(java.util.TreeSet.class);
            java.util.EnumMap<?, ?> byEnum = Codecs.decode(bytes, java.util.EnumMap.class);
            // The literals send no value of Box's or TreeSet's own variable: these are no errors.
            Box<Object> kept = new Box<>(new StringBuilder());
            java.util.TreeSet<Object> keptSorted = new java.util.TreeSet<>();
          }
        }
        """);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    assertThat(result.errors().get(2).message())
        .contains(
            "`java.util.Vector.class` gives `T` of `of` the type `Vector`; a value of `T`"
                + " is written to bytes and read back by the codec asked for, and `Vector` is rebuilt by the reading process"
                + " as every `List` is, as `ArrayList`, which cannot be cast to `Vector`. Fix:"
                + " name `List.class` instead.");
  }

  @Test
  void unitWithATypeMismatchOrAMissingMemberType_getsNoFerryError() {
    String main =
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          static void send(Channel<Thread> threads) throws InterruptedException {
            threads.send(new Thread());
            int count = "three";
          }
        }
        """;
    String priced =
        """
        package test;
        @dev.ferry.annotation.Transferable
        record Priced(long id, Money price, java.util.List<Money> history) {}
        """;
    Result result =
        EcjCompiler.compile(dir, Map.of("test/Main.java", main, "test/Priced.java", priced));

    assertWithMessage(result.output()).that(result.errors()).hasSize(3);
    for (EcjCompiler.Problem error : result.errors()) {
      assertWithMessage(result.output()).that(error.message()).doesNotContain("[ferry:");
    }
  }

  @Test
  void voidTaskResult_isLegal_butAChannelOfVoidIsReported() {
    String program =
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.ProcessPool;
        import java.util.List;
        final class Main {
          static Void log(String line) { return null; }
          static void use(ProcessPool pool, List<String> lines) throws Exception {
            Void done = pool.submit(Main::log, "one").get();
            List<Void> all = pool.map(Main::log, lines);
            Channel<Void> signals = Channel.create(); // ferry:not-transferable @Void
          }
        }
        """;
    assertAsMarked("test/Main.java", program);
  }

  @Test
  void voidVariableAsSpawnOrTaskArgument_isLegal_butSentThroughAChannelIsReported() {
    String program =
        """
        package test;
        import dev.ferry.Ferry;
        import dev.ferry.ProcessPool;
        import dev.ferry.annotation.Sent;
        final class Main {
          static void begin(Void nothing) {}
          static Void echo(Void nothing) { return nothing; }
          static void take(@Sent Object value) {}
          static void use(ProcessPool pool) throws Exception {
            Void none = null;
            Ferry.spawn(Main::begin, none).join();
            Void back = pool.submit(Main::echo, none).get();
            take(none); // ferry:not-transferable @none
          }
        }
        """;
    assertAsMarked("test/Main.java", program);
  }

  /**
   * {@code @SuppressWarnings} does not target packages: javac rejects it in a {@code package-info},
   * ECJ accepts it (with a warning). It must not silence the package's Ferry errors under ECJ
   * alone; on a class it does.
   */
  @Test
  void suppressionInPackageInfo_silencesNothing_onAClassItDoes() {
    Map<String, String> files =
        Map.of(
            "test/package-info.java",
            """
            @SuppressWarnings("ferry")
            package test;
            """,
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.annotation.Transferable;
            final class Main {
              @Transferable
              record Job(Thread worker) {} // ferry:not-transferable @worker
              static void use() {
                Channel<Thread> threads = Channel.create(); // ferry:not-transferable @Thread
              }
            }
            @SuppressWarnings("ferry")
            final class Quiet {
              @Transferable
              record Job(Thread worker) {}
              static void use() {
                Channel<Thread> threads = Channel.create();
              }
            }
            """);
    Result result = EcjCompiler.compile(dir, files);
    // ECJ on JDK 17 also rejects the annotation there ("disallowed for this location"); on JDK 25
    // it only warns. Either way the Ferry errors are the marked ones.
    List<EcjCompiler.Problem> ferry =
        result.errors().stream().filter(e -> e.message().startsWith("[ferry:")).toList();
    assertWithMessage(result.output()).that(ferry).hasSize(2);
    assertWithMessage(result.output())
        .that(ferry.stream().map(e -> e.file() + ":" + e.line() + ":" + e.pointed()).toList())
        .containsExactly("test/Main.java:6:worker", "test/Main.java:8:Thread");
  }

  /** As under javac: a call initializing a declaration whose written type is reported is quiet. */
  @Test
  void callInitializingAReportedDeclaration_isToldOnceWhereTheTypeIsWritten() {
    String program =
        """
        package test;
        import dev.ferry.Channel;
        import java.util.function.Function;
        import java.util.function.Supplier;
        final class Main {
          static <R> Channel<R> pipe(Supplier<R> source) { return Channel.create(); }
          static <A, R> Channel<R> map(A input, Function<A, R> f) { return Channel.create(); }
          static <R> Channel<R> of(R first) { return Channel.create(); }
          static Channel<Thread> field = pipe(() -> new Thread()); // ferry:not-transferable @Thread
          static void use() {
            Channel<Thread> piped = pipe(() -> new Thread()); // ferry:not-transferable @Thread
            Channel<Thread> mapped = (map("x", j -> new Thread())); // ferry:not-transferable @Thread
            Channel<Thread> held = of(new Thread()); // ferry:not-transferable @Thread
            Object untyped = pipe(() -> new Thread()); // ferry:not-transferable @()
            Channel<String> fine = map("x", j -> j + "!");
          }
        }
        """;
    assertAsMarked("test/Main.java", program);
  }

  /** As under javac: a call returned or assigned to a reported written type is told once, there. */
  @Test
  void callReturnedOrAssignedToAReportedType_isToldOnceWhereTheTypeIsWritten() {
    String program =
        """
        package test;
        import dev.ferry.Channel;
        import java.util.function.Supplier;
        final class Main {
          static <R> Channel<R> pipe(Supplier<R> source) { return Channel.create(); }
          static Channel<Thread> field; // ferry:not-transferable @Thread
          static Channel<Thread> made() { // ferry:not-transferable @Thread
            return pipe(() -> new Thread());
          }
          static Channel<Thread> madeInParentheses() { // ferry:not-transferable @Thread
            return (pipe(() -> new Thread()));
          }
          static Object untyped() {
            return pipe(() -> new Thread()); // ferry:not-transferable @()
          }
          static Channel<Thread> viaLambda() { // ferry:not-transferable @Thread
            Supplier<Object> later = () -> {
              return pipe(() -> new Thread()); // ferry:not-transferable @()
            };
            return null;
          }
          static void use() {
            Channel<Thread> local; // ferry:not-transferable @Thread
            local = pipe(() -> new Thread());
            field = pipe(() -> new Thread());
            Main.field = pipe(() -> new Thread());
            Object any;
            any = pipe(() -> new Thread()); // ferry:not-transferable @()
          }
          static Channel<String> fine() {
            return pipe(() -> "x");
          }
        }
        """;
    assertAsMarked("test/Main.java", program);
  }

  /** As under javac: a captured wildcard's value is checked by the wildcard's bound. */
  @Test
  void capturedWildcard_isCheckedByItsBound() {
    String program =
        """
        package test;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        import dev.ferry.Channel;
        final class Main {
          static void post(@Sent Object value) {}
          static <T> void relay(Channel<T> channel, T value) { channel.offer(value); }
          static <T> void echo(Channel<T> channel) { relay(channel, channel.poll().orElseThrow()); }
          static void use(List<? extends Channel<String>> lanes, List<? extends String> names,
              Channel<?> any, List<?> unknown) {
            lanes.forEach(Main::post); // ferry:inherit-only-sent @Main::post
            post(lanes.get(0)); // ferry:inherit-only-sent @lanes
            names.forEach(Main::post);
            post(names.get(0));
            echo(any);
            unknown.forEach(System.out::println);
          }
        }
        """;
    assertAsMarked("test/Main.java", program);
  }

  /**
   * As under javac (ProcessPoolTest): a null task or a null list of inputs carries no value, so the
   * type ECJ infers from it for the task's variables is not checked; an argument beside a null task
   * still is.
   */
  @Test
  void nullTaskOrInputs_areNotChecked_aBadArgumentBesideOneIs() {
    String program =
        """
        package test;
        import dev.ferry.Ferry;
        import dev.ferry.ProcessPool;
        import java.util.List;
        final class Main {
          static int square(int x) { return x * x; }
          static void use(ProcessPool pool) throws Exception {
            pool.submit(null);
            pool.submit((Ferry.Task0<Thread>) null);
            pool.map(null, List.of(1));
            pool.map(Main::square, null);
            pool.submit(null, new Thread()); // ferry:not-transferable @new
          }
        }
        """;
    assertAsMarked("test/Main.java", program);
  }

  /** A class whose {@code T} crosses, and a generic method that makes one, for both tests. */
  private static final String INFERRED_RECEIVER_HEAD =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.List;
      final class Main {
        static final class Batch<T> {
          private final Channel<T> channel = Channel.create();
          void post(T value) throws InterruptedException { channel.send(value); }
          void postAll(List<T> values) throws InterruptedException { for (T v : values) channel.send(v); }
          void flush() {}
        }
        static <T> Batch<T> batch() { return new Batch<>(); }
      """;

  /** As under javac (CrossingTypeVariablesTest): a receiver whose type arguments were inferred. */
  @Test
  void receiverWhoseTypeArgumentsAreInferred_isCheckedOnTheValuesItTakes() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            INFERRED_RECEIVER_HEAD
                + """
              static void use(Thread thread) throws InterruptedException {
                new Batch<>().post(thread); // ferry:not-transferable @thread
                new Batch<>().postAll(List.of(thread)); // ferry:not-transferable @new
                batch().postAll(List.of("job")); // ferry:not-transferable @batch
              }
            }
            """);
    // The rest of the text is javac's, held word for word by CrossingTypeVariablesTest.
    assertThat(result.errors().get(1).message())
        .startsWith(
            "[ferry:not-transferable] `new Batch<>()` gives `T` of `Batch` the type `Object`; a"
                + " value of `T` is sent to another process");
  }

  /**
   * As under javac (CrossingTypeVariablesTest): a method reference bound to a receiver whose type
   * arguments were inferred, with its twin's lines.
   */
  @Test
  void referenceOnAReceiverWhoseTypeArgumentsAreInferred_isCheckedOnTheValuesItTakes() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.annotation.Sent;
        import java.util.List;
        import java.util.function.Consumer;
        final class Main {
          static final class Poster<@Sent T> {
            void post(T value) {}
            void postAll(List<T> values) {}
          }
          static <T> Poster<T> poster() { return new Poster<>(); }
          static void use(List<Thread> threads, List<List<Object>> lists, List<String> names,
              List<List<String>> nameLists, Poster<String> written) {
            threads.forEach(new Poster<>()::post); // ferry:not-transferable @new
            threads.forEach(poster()::post); // ferry:not-transferable @poster
            threads.forEach((new Poster<>())::post); // ferry:not-transferable @(new
            Consumer<Thread> each = new Poster<>()::post; // ferry:not-transferable @new
            lists.forEach(new Poster<>()::postAll); // ferry:not-transferable @new
            names.forEach(new Poster<>()::post);
            names.forEach(poster()::post);
            names.forEach(written::post);
            names.forEach(new Poster<String>()::post);
            nameLists.forEach(new Poster<String>()::postAll);
            Consumer<String> fine = new Poster<>()::post;
            Runnable describe = new Poster<>()::toString;
          }
        }
        """);
  }

  /**
   * As under javac: {@code Map.entry("a", replies)} sent is told by the channel it holds; handed to
   * a child, by the entry, with a fix that can carry the channel; so is a member of that type.
   */
  @Test
  void typeWithoutACodecHoldingHandlesInItsTypeArguments_isToldInWordsThatFitThePlace() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            """
            package test;
            import dev.ferry.Channel;
            import dev.ferry.Codecs;
            import dev.ferry.Ferry;
            import dev.ferry.annotation.InheritOnly;
            import dev.ferry.annotation.Transferable;
            import java.util.Map;
            import java.util.function.Supplier;
            final class Main {
              @Transferable
              record Job(Map.Entry<String, Channel<String>> entry) {} // ferry:inherit-only-sent @entry
              @InheritOnly
              record Lane(Map.Entry<String, Channel<String>> entry) {} // ferry:not-transferable @entry
              static void entry(Map.Entry<String, Channel<String>> entry) {}
              static void supply(Supplier<Channel<String>> supplier) {}
              static int task(Map.Entry<String, Channel<String>> entry) { return 0; }
              static void use(Channel<String> replies) throws Exception {
                Codecs.encode(Map.entry("a", replies)); // ferry:inherit-only-sent @Map
                Ferry.spawn(Main::entry, Map.entry("a", replies)); // ferry:not-transferable @Map
                Ferry.spawn(Main::supply, () -> replies); // ferry:not-transferable @()
                Ferry.pool(2).submit(Main::task, Map.entry("a", replies)); // ferry:inherit-only-sent @Map
              }
            }
            """);
    assertThat(result.output())
        .contains(
            "through the pool's initializer (`pool.initializer(Main::init, ...)` on the pool"
                + " `Ferry.pool(2)` returns, kept in a variable `pool`), instead of as a task"
                + " argument");
    assertThat(result.output())
        .contains(
            "`Map.entry(\"a\", replies)` is handed to a child process when it starts, and `Entry`"
                + " in its type `Entry<String, Channel<String>>` is a JDK type Ferry has no codec"
                + " for: it is not a plain value that another process could rebuild from bytes."
                + " Fix: copy the data you need into an @InheritOnly record: it holds `Channel`,"
                + " which is @InheritOnly");
    assertThat(result.output())
        .contains(
            "`Map.entry(\"a\", replies)` is written to bytes for another process to read, and"
                + " `Channel` in its type `Entry<String, Channel<String>>` is @InheritOnly");
  }

  @Test
  void typeWithoutACodecHoldingHandlesInItsTypeArguments_twin_theFixCompilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.Ferry;
                import dev.ferry.annotation.InheritOnly;
                import java.util.Map;
                final class Main {
                  @InheritOnly
                  record Named(String name, Channel<String> replies) {}
                  static void named(Named named) {}
                  static void map(Map<String, Channel<String>> replies) {}
                  static void use(Channel<String> replies) throws Exception {
                    Ferry.spawn(Main::named, new Named("a", replies));
                    Ferry.spawn(Main::map, Map.of("a", replies));
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /**
   * As under javac: a wildcard of an {@code @InheritOnly} type whose codec writes that variable's
   * values ({@code T value}) is checked; one it only holds in a channel ({@code Chan<I>}) is not.
   */
  @Test
  void inheritOnlyTypeHoldingItsVariableAsAValue_withAWildcard_isCheckedByTheWildcard() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.Ferry;
        import dev.ferry.annotation.InheritOnly;
        final class Main {
          @InheritOnly
          record Holder<T>(T value, Channel<String> replies) {}
          @InheritOnly
          record Stage<I>(String name, Channel<I> in) {}
          static void any(Holder<?> holder) {}
          static void threads(Holder<? extends Thread> holder) {}
          static void stage(Stage<?> stage) {}
          @SuppressWarnings("rawtypes")
          static void raw(Holder holder) {}
          @SuppressWarnings("rawtypes")
          static void rawStage(Stage stage) {}
          @SuppressWarnings("rawtypes")
          static void start(Holder<?> some, Holder<? extends Thread> bounded,
              java.util.List<Stage<?>> stages, Holder unsaid, Stage rawStage) throws Exception {
            Ferry.spawn(Main::any, some); // ferry:not-transferable @some
            Ferry.spawn(Main::threads, bounded); // ferry:not-transferable @bounded
            Ferry.spawn(Main::raw, unsaid); // ferry:not-transferable @unsaid
            Ferry.spawn(Main::stage, stages.get(0));
            Ferry.spawn(Main::rawStage, rawStage);
          }
        }
        """);
  }

  /** ECJ's leg of {@code CrossingTypeVariablesTest.referenceWithItsMethodTypeArgumentWritten_*}. */
  @Test
  void referenceWithItsMethodTypeArgumentWritten_isToldOnceWhereWritten() {
    assertAsMarked(
        "test/Main.java", CrossingTypeVariablesTest.REFERENCE_WITH_ITS_METHOD_TYPE_ARGUMENT_WRITTEN);
  }

  /** As under javac: {@code BiPredicate<Channel<Thread>, Thread> f = Channel::offer} is told once. */
  @Test
  void unboundReferenceGoingToAWrittenType_isToldOnceWhereWritten() {
    assertAsMarked("test/Main.java", CrossingTypeVariablesTest.REFERENCE_TO_A_WRITTEN_TARGET);
  }

  /** As under javac: a call inside a spawned value that was told is not told again. */
  @Test
  void callInsideAToldSpawnedValue_isToldOnceOnTheValue() {
    assertAsMarked(
        "test/Main.java", CrossingTypeVariablesTest.CALL_INSIDE_A_TOLD_VALUE.formatted("Lib", "Thread.class"));
  }

  /** As under javac: {@code Channel<Thread>::offer} is told once, on the type argument written. */
  @Test
  void unboundReferenceWithItsClassTypeArgumentWritten_isToldOnceWhereWritten() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        import dev.ferry.annotation.Sent;
        import java.util.function.BiPredicate;
        final class Main {
          static final class Box<@Sent T> {
            @SafeVarargs final void putAll(T... values) {}
          }
          @SuppressWarnings("ferry:not-transferable") // told where each is used
          interface Spread { void put(Box<Thread> box, Thread first, Thread second); }
          @SuppressWarnings("ferry:not-transferable")
          interface Whole { void put(Box<Runnable> box, Runnable[] values); }
          static <C, V> void each(BiPredicate<C, V> offer) {}
          static void use() {
            each(Channel<Thread>::offer); // ferry:not-transferable @Thread
            Spread spread = Box<Thread>::putAll; // ferry:not-transferable @Thread
            Whole whole = Box<Runnable>::putAll; // ferry:not-transferable @Runnable
          }
        }
        """);
  }

  @Test
  void unboundReferenceWithItsClassTypeArgumentWritten_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                """
                package test;
                import dev.ferry.Channel;
                import java.util.function.BiPredicate;
                final class Main {
                  static <C, V> void each(BiPredicate<C, V> offer) {}
                  static void use() {
                    each(Channel<String>::offer);
                    BiPredicate<Channel<String>, String> kept = Channel<String>::offer;
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  @Test
  void receiverWhoseTypeArgumentsAreInferred_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                INFERRED_RECEIVER_HEAD
                    + """
                  static void use() throws InterruptedException {
                    new Batch<>().post("job");
                    new Batch<String>().postAll(List.of("job"));
                    Main.<String>batch().postAll(List.of("job"));
                    new Batch<>().flush();
                    batch().flush();
                    Channel.create().send("job");
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /**
   * As under javac (LegalProgramsTest): a unit with the compiler's errors in a class's declaration
   * (an anonymous target whose run() returns int, one with no run(), an override of an unfitting
   * return type) gets the compiler's errors only, not Ferry's beside them.
   */
  @Test
  void compilerDeclarationErrorsBesideIllegalTargets_getTheCompilersErrorsOnly() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.Ferry;
                final class Main {
                  static class Base { Object value() { return null; } }
                  static class Sub extends Base { int value() { return 1; } }
                  static void start(Channel<Object> raw) throws Exception {
                    Ferry.spawn(new Ferry.Target0() { public int run() { return 1; } });
                    Ferry.spawn(new Ferry.Target0() {});
                    raw.send(new Thread());
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isNotEmpty();
    for (EcjCompiler.Problem error : result.errors()) {
      assertWithMessage(result.output()).that(error.message()).doesNotContain("[ferry:");
    }
  }

  /** A class whose varargs are its crossing {@code T}, for both tests. */
  private static final String SPREAD_HEAD =
      """
      package test;
      import dev.ferry.Channel;
      final class Main {
        static final class Spread<T> {
          private final Channel<T> channel = Channel.create();
          @SafeVarargs
          final void postAll(T... values) throws InterruptedException {
            for (T value : values) channel.send(value);
          }
          @SafeVarargs
          final void tagged(String tag, T... values) throws InterruptedException { postAll(values); }
        }
        static <T> Spread<T> spread() { return new Spread<>(); }
      """;

  /** As under javac (CrossingTypeVariablesTest): varargs of a receiver's inferred variable. */
  @Test
  void receiverWhoseVarargsAreItsVariable_isCheckedOnEachValue() {
    assertAsMarked(
        "test/Main.java",
        SPREAD_HEAD
            + """
          static void use(Thread thread, Thread worker, Thread[] threads) throws InterruptedException {
            new Spread<>().postAll(thread, // ferry:not-transferable @thread
                worker); // ferry:not-transferable @worker
            spread().postAll(thread); // ferry:not-transferable @thread
            new Spread<>().postAll(threads); // ferry:not-transferable @threads
            new Spread<>().tagged("job", "job", worker); // ferry:not-transferable @worker
          }
        }
        """);
  }

  @Test
  void receiverWhoseVarargsAreItsVariable_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                SPREAD_HEAD
                    + """
                  static void use(String[] jobs) throws InterruptedException {
                    new Spread<>().postAll("a", "b");
                    spread().postAll();
                    new Spread<>().postAll(jobs);
                    new Spread<>().postAll(new Integer[] {1, 2});
                    new Spread<>().tagged("job", "job", "job");
                    new Spread<>().postAll((Object[]) null);
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /** A class whose methods return its own type or a channel of its {@code T}, for both tests. */
  private static final String FLUENT_HEAD =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.ArrayList;
      import java.util.List;
      final class Main {
        static final class Fluent<T> {
          private final Channel<T> channel = Channel.create();
          void post(T value) throws InterruptedException { channel.send(value); }
          Fluent<T> self() { return this; }
          Fluent<T> with(T value) throws InterruptedException { post(value); return this; }
          Channel<T> channel() { return channel; }
          int size() { return 0; }
          final Channel<T> open = Channel.create();
          final Fluent<T> me = this;
          final Channel<String> names = Channel.create();
          int count;
        }
      """;

  /** As under javac (CrossingTypeVariablesTest): a result typed by an inferred receiver. */
  @Test
  void resultTypedByAnInferredReceiver_isCheckedAsTheReceiver() {
    assertAsMarked(
        "test/Main.java",
        FLUENT_HEAD
            + """
          static void use(Thread thread) throws InterruptedException {
            var f = new Fluent<>().self(); // ferry:not-transferable @new
            f.post(thread);
            var c = new Fluent<>().self().channel(); // ferry:not-transferable @new
            new Fluent<>().self().post(thread); // ferry:not-transferable @thread
            var w = new Fluent<>().with(thread); // ferry:not-transferable @thread
          }
        }
        """);
  }

  @Test
  void resultTypedByAnInferredReceiver_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                FLUENT_HEAD
                    + """
                  static void use() throws InterruptedException {
                    var f = new Fluent<String>().self();
                    f.post("job");
                    new Fluent<>().self().post("job");
                    var w = new Fluent<>().with("job").size();
                    var first = List.of("job").get(0);
                    var copy = new ArrayList<>().subList(0, 0);
                    var value = Channel.create().hashCode();
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /** As under javac (CrossingTypeVariablesTest): a field typed by an inferred receiver. */
  @Test
  void fieldTypedByAnInferredReceiver_isCheckedAsTheReceiver() {
    assertAsMarked(
        "test/Main.java",
        FLUENT_HEAD
            + """
          static void use(Thread thread) throws InterruptedException {
            var c = new Fluent<>().open; // ferry:not-transferable @new
            var f = new Fluent<>().self().me; // ferry:not-transferable @new
            new Fluent<>().me.post(thread); // ferry:not-transferable @thread
            new Fluent<>().me.with(thread).size(); // ferry:not-transferable @thread
          }
        }
        """);
  }

  @Test
  void fieldTypedByAnInferredReceiver_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                FLUENT_HEAD
                    + """
                  static void use() throws InterruptedException {
                    var c = new Fluent<String>().open;
                    var f = new Fluent<String>().me;
                    new Fluent<>().me.post("job");
                    var names = new Fluent<>().names;
                    var count = new Fluent<>().count;
                    var size = new Fluent<>().me.size();
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /** Classes that inherit a method whose class's {@code T} crosses, for both tests. */
  private static final String INHERITED_HEAD =
      """
      package test;
      import dev.ferry.Channel;
      import java.util.List;
      final class Main {
        static class Base<T> {
          private final Channel<T> channel = Channel.create();
          void post(T value) throws InterruptedException { channel.send(value); }
          <R> R echo(R value) { return value; }
        }
        static class Sub<T> extends Base<T> {}
        static class Renamed<U> extends Base<U> {}
        static class Deep<A, B> extends Renamed<B> {}
        static class Wide<U> extends Base<List<U>> {}
        interface Outbox<T> {
          Channel<T> channel();
          default void post(T value) throws InterruptedException { channel().send(value); }
        }
        static final class Mailbox<V> implements Outbox<V> {
          public Channel<V> channel() { return Channel.create(); }
        }
        static <T> Sub<T> sub() { return new Sub<>(); }
      """;

  /** As under javac (CrossingTypeVariablesTest): a receiver at a method its class inherits. */
  @Test
  void receiverOfAnInheritedMethod_isCheckedOnTheValuesItTakes() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            INHERITED_HEAD
                + """
              static class Fixed extends Base<Thread> {} // ferry:not-transferable @Thread
              static void use(Thread thread, Thread worker) throws InterruptedException {
                new Sub<>().post(worker); // ferry:not-transferable @worker
                new Renamed<>().post(thread); // ferry:not-transferable @thread
                new Deep<>().post(thread); // ferry:not-transferable @thread
                sub().post(thread); // ferry:not-transferable @thread
                new Mailbox<>().post(thread); // ferry:not-transferable @thread
                new Wide<>().post(List.of(thread)); // ferry:not-transferable @new
                new Fixed().post(thread);
              }
            }
            """);
    assertThat(result.errors().get(6).message())
        .startsWith(
            "[ferry:not-transferable] `new Wide<>()` gives `U` of `Wide` the type `Object`; a"
                + " value of `U` is sent to another process");
  }

  @Test
  void receiverOfAnInheritedMethod_twin_compilesClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/Main.java",
                INHERITED_HEAD
                    + """
                  static class Fixed extends Base<String> {}
                  static void use() throws InterruptedException {
                    new Sub<>().post("job");
                    new Renamed<>().post("job");
                    new Deep<Thread, String>().post("job");
                    new Sub<>().echo(new Thread());
                    new Mailbox<>().post("job");
                    new Mailbox<>().hashCode();
                    new Wide<String>().post(List.of("job"));
                    new Fixed().post("job");
                  }
                }
                """));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /**
   * An array of a parameterized type is one type reference whose resolved type is the array's,
   * so the arguments of {@code Channel<Thread>[]} went unchecked under ECJ (javac told them).
   */
  @Test
  void typeArgumentsOfArraysOfChannels_areReported() {
    assertAsMarked(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          Channel<Thread>[] outs; // ferry:not-transferable @Thread
          dev.ferry.Channel<Runnable>[][] grid; // ferry:not-transferable @Runnable
          static void run() {
            Channel<Channel<String>>[] relays = null; // ferry:inherit-only-sent @Channel
          }
        }
        """);
  }

  @Test
  void typeArgumentsOfArraysOfChannels_twin_transferableArgumentsCompileClean() {
    String program =
        """
        package test;
        import dev.ferry.Channel;
        final class Main {
          Channel<String>[] outs;
          dev.ferry.Channel<Integer>[][] grid;
          static void run() {
            Channel<java.util.List<String>>[] relays = null;
          }
        }
        """;
    Result result = EcjCompiler.compile(dir, Map.of("test/Main.java", program));

    assertWithMessage(result.output()).that(result.errors()).isEmpty();
    assertThat(result.succeeded()).isTrue();
  }

  /** As LocalClassCallSiteTest: an enum constant's {@code this} crosses by its enum. */
  @Test
  void enumConstantBodySendsItself_isLegalWhileAnAnonymousValueIsNot() {
    assertAsMarked("test/Op.java", LocalClassCallSiteTest.ENUM_CONSTANT_SENDS_ITSELF);
  }

  /** As under javac (SpawnTargetTest): told on the parameter's type, and its calls not again. */
  @Test
  void targetMarkerOnATypeNoReferenceCanBe_isToldAtTheParameterNotAtItsCalls() {
    Result result = assertAsMarked("test/Main.java", SpawnTargetTest.targetMarkersOnTypesMarked());
    assertThat(result.errors().get(0).message())
        .isEqualTo(Rule.SPAWN_TARGET.format(SpawnTargetMessages.targetMarkerOnType("name", "String")));
  }

  /** As under javac (SpawnTargetTest): an interface of several methods holds no reference. */
  @Test
  void targetMarkerOnAnInterfaceOfSeveralMethods_isToldAtTheParameterNotAtItsCalls() {
    Result result =
        assertAsMarked(
            "test/Main.java",
            SpawnTargetTest.TARGET_MARKERS_ON_INTERFACES.replace("@LIST", "@List")
                .replace("@MAP", "@Map"));
    assertThat(result.errors().get(0).message())
        .isEqualTo(
            Rule.SPAWN_TARGET.format(SpawnTargetMessages.targetMarkerOnType("names", "List<String>")));
  }

  @Test
  void targetMarkerOnAnInterfaceOfSeveralMethods_twin_functionalInterfacesCompileClean() {
    assertNoErrors("test/Main.java", SpawnTargetTest.TARGET_MARKERS_ON_FUNCTIONAL_INTERFACES);
  }

  /** As under javac (SpawnTargetTest): a lambda's own marker counts only on its interface. */
  @Test
  void lambdaParameterMarkedItself_isToldTheMarkerCountsOnlyOnTheInterfacesMethod() {
    Result result =
        assertAsMarked("test/Main.java", SpawnTargetTest.lambdaOwnMarkersMarked());
    assertThat(result.errors().get(0).message())
        .contains(
            "Fix: " + SpawnTargetMessages.lambdaMarkedParameterFix("value", "Sent", "declare a @Transferable"));
    assertThat(result.errors().get(1).message())
        .isEqualTo(Rule.SPAWN_TARGET.format(SpawnTargetMessages.lambdaParameterTarget("target", "target")));
  }

  @Test
  void lambdaParameterMarkedItself_twin_interfaceMethodsMarkedCompileClean() {
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of("test/Main.java",
                SpawnTargetTest.LAMBDA_OWN_MARKERS.formatted("Marked", "Marked")));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  /**
   * A capture of a wildcard whose variable is bounded by itself ({@code Ranked<?>} for {@code
   * record Ranked<T extends Comparable<T>>}) is bounded by {@code Comparable} of itself. ECJ hands
   * out a new {@code TypeVariable} for the same capture each time it is asked, so the message's
   * printer never saw it again and printed its bound until the stack overflowed: the scan of the
   * file was dropped, and every call site in it went unchecked (the {@code Thread} too). Found by
   * running generated programs (javac refused the spawn, ECJ said nothing).
   */
  @Test
  void captureOfARecursivelyBoundedWildcard_leavesTheFileChecked() {
    String program =
        """
        package test;
        import dev.ferry.Ferry;
        public final class Main {
          @dev.ferry.annotation.Transferable
          public record Ranked<T extends Comparable<T>>(T value) {}
          static void child(Object v) {}
          static void start(Ranked<?> ranked, Enum<?> kind) {
            Ferry.spawn(Main::child, ranked); // ferry:not-transferable @ranked
            Ferry.spawn(Main::child, new Thread()); // ferry:not-transferable @new
          }
        }
        """;
    Result result = assertAsMarked("test/Main.java", program);
    assertThat(result.errors().get(0).message()).contains("in its type `Ranked<?>`");
  }

  @Test
  void captureOfARecursivelyBoundedWildcard_twin_rankedOfStringCompilesClean() {
    assertNoErrors(
        "test/Main.java",
        """
        package test;
        import dev.ferry.Ferry;
        public final class Main {
          @dev.ferry.annotation.Transferable
          public record Ranked<T extends Comparable<T>>(T value) {}
          static void child(Object v) {}
          static void start(Ranked<String> ranked) {
            Ferry.spawn(Main::child, ranked);
          }
        }
        """);
  }

  /**
   * As under javac: the capture of a {@code ? extends Comparable<?>} for {@code record Ranked<T
   * extends Comparable<T>>} is bounded by {@code Comparable}, a JDK type with no codec (such a value
   * may be a {@code Ranked<StringBuilder>}, which fails when written). ECJ's capture is bounded by
   * the wildcard's bound and the variable's at once, and the value was spawned, submitted, mapped
   * and encoded unchecked. Found by running generated programs (javac refused, ECJ was clean).
   */
  @Test
  void captureOfAComparableWildcardOfARecursiveBound_isRefusedAtEachCallSite() {
    Result result = assertAsMarked("test/Main.java", RANKED_COMPARABLES);
    assertThat(result.errors().get(0).message()).contains("`Comparable`");
  }

  @Test
  void captureOfAComparableWildcardOfARecursiveBound_twin_rankedOfStringCompilesClean() {
    assertNoErrors(
        "test/Main.java",
        RANKED_COMPARABLES
            .replace("Ranked<? extends Comparable<?>> ranked", "Ranked<? extends String> ranked")
            .replace("List<Ranked<? extends Comparable<?>>>", "List<Ranked<String>>"));
  }

  private static final String RANKED_COMPARABLES =
      """
      package test;
      import dev.ferry.Codecs;
      import dev.ferry.Ferry;
      import dev.ferry.ProcessPool;
      import java.util.List;
      public final class Main {
        @dev.ferry.annotation.Transferable
        public record Ranked<T extends Comparable<T>>(T value) {}
        static void child(Object v) {}
        static int size(Object v) { return 1; }
        static void start(Ranked<? extends Comparable<?>> ranked, ProcessPool pool,
            List<Ranked<? extends Comparable<?>>> all) throws Exception {
          Ferry.spawn(Main::child, ranked); // ferry:not-transferable @ranked
          pool.submit(Main::size, ranked); // ferry:not-transferable @ranked
          pool.map(Main::size, all); // ferry:not-transferable @all
          Codecs.encode(ranked); // ferry:not-transferable @ranked
        }
      }
      """;

  /**
   * A call-site scan that throws never breaks ECJ, and is no longer silent: the file gets the
   * same {@code [ferry:internal]} warning as under javac, on its first type; its codecs are
   * generated; another file's call sites are checked as ever.
   */
  @Test
  void callSiteScanThatThrows_warnsOnItsFile_andCodecsAreStillGenerated() {
    Result result;
    System.setProperty(InternalTest.FAIL_SCAN_OF, "Main.java");
    try {
      result =
          EcjCompiler.compile(
              dir,
              Map.of(
                  "test/Main.java", InternalTest.MAIN,
                  "test/Other.java", InternalTest.MAIN.replace("class Main", "class Other")));
    } finally {
      System.clearProperty(InternalTest.FAIL_SCAN_OF);
    }
    List<EcjCompiler.Problem> warnings =
        result.problems().stream().filter(p -> p.kind().equals("WARNING")).toList();
    assertWithMessage(result.output()).that(warnings).hasSize(1);
    assertThat(warnings.get(0).file()).isEqualTo("test/Main.java");
    assertThat(warnings.get(0).line()).isEqualTo(4);
    assertThat(warnings.get(0).pointed()).isEqualTo("Main");
    assertThat(warnings.get(0).message()).startsWith(InternalTest.MAIN_UNCHECKED);
    assertThat(result.errors()).hasSize(2);
    result.errors().forEach(error -> assertThat(error.file()).isEqualTo("test/Other.java"));
    assertThat(Files.exists(dir.resolve("generated/test/Main_Job_FerryCodec.java"))).isTrue();
  }

  /** Compiles {@code program} alone and asserts that ECJ reported no error. */
  private void assertNoErrors(String path, String program) {
    Result result = EcjCompiler.compile(dir, Map.of(path, program));
    assertWithMessage(result.output()).that(result.errors()).isEmpty();
  }

  private Result assertAsMarked(String path, String program) {
    Map<String, String> files = Map.of(path, program);
    Result result = EcjCompiler.compile(dir, files);
    EcjMarkers.assertErrorsAsMarked(files, result);
    return result;
  }

  /**
   * While a codec names {@code Codec} before its import is written, its value type cannot be read:
   * a record holding the type it is for, a {@code Channel<Temp>} and a send of a {@code Temp} in
   * another file each got "is not @Transferable, so it has no codec" beside ECJ's error.
   */
  @Test
  void codecOfAnUnknownType_leavesItsUsesQuiet() {
    String codec =
        """
        package test;
        import dev.ferry.ByteInput;
        import dev.ferry.ByteOutput;
        @dev.ferry.annotation.TransferableCodec
        public final class TempCodec implements Codec<Temp> {
          public static final TempCodec INSTANCE = new TempCodec();
          public void write(ByteOutput out, Temp t) { out.writeDouble(t.k()); }
          public Temp read(ByteInput in) { return new Temp(in.readDouble()); }
          public long fingerprint() { return 1L; }
        }
        """;
    String reading =
        """
        package test;
        import dev.ferry.Channel;
        @dev.ferry.annotation.Transferable
        record Reading(String sensor, Temp value) {
          static void send(Channel<Temp> c, Temp t) throws InterruptedException { c.send(t); }
        }
        """;
    Result result =
        EcjCompiler.compile(
            dir,
            Map.of(
                "test/TempCodec.java", codec,
                "test/Reading.java", reading,
                "test/Temp.java", "package test;\npublic record Temp(double k) {}\n"));

    assertWithMessage(result.output()).that(result.errors()).isNotEmpty();
    for (EcjCompiler.Problem error : result.errors()) {
      assertWithMessage(result.output()).that(error.message()).doesNotContain("[ferry:");
    }
  }
}
