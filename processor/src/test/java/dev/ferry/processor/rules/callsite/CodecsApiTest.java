package dev.ferry.processor.rules.callsite;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.testing.FerryCompiler;
import org.junit.jupiter.api.Test;

/**
 * {@code dev.ferry.Codecs} is marked like a channel: {@code encode(@Sent Object)} checks the
 * argument's static type, and {@code <@Sent T> decode(byte[], Class<T>)} and {@code <@Sent T>
 * of(Class<T>)} the class the literal names, so {@code Codecs.encode(Thread.currentThread())} or
 * {@code Codecs.of(Channel.class)} is a compile error instead of a failure at run time. What a
 * channel carries, {@code Codecs} encodes (a record, a {@code String}, a {@code List} of records).
 */
class CodecsApiTest {
  private static final String JOB =
      """
      package test;
      @dev.ferry.annotation.Transferable
      public record Job(int id) {}
      """;

  @Test
  void threadChannelAndObject_areReported() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source("test.Job", JOB),
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Channel;
                import dev.ferry.Codecs;
                final class Main {
                  static void use(byte[] bytes, Channel<String> replies, Object anything) {
                    Codecs.encode(new Thread()); // ferry:not-transferable @new
                    Codecs.encode(replies); // ferry:inherit-only-sent @replies
                    Codecs.encode(anything); // ferry:not-transferable @anything
                    Codecs.decode(bytes, Thread.class); // ferry:not-transferable @.class
                    Codecs.of(Channel.class); // ferry:inherit-only-sent @.class
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `new Thread()` is written to bytes for another process to read, and its type"
                + " `Thread`"
                + " is a JDK type Ferry has no codec for");
    assertThat(compilation)
        .hadErrorContaining(
            Rule.INHERIT_ONLY_SENT.tag()
                + " `Channel.class` gives `T` of `of` the type `Channel`; a value of `T` is written"
                + " to bytes and read back by the codec asked for, and `Channel` is @InheritOnly");
  }

  /**
   * Codecs sends nothing: encode writes a value to bytes, decode reads one from bytes another
   * process wrote, of gives the codec that does both. An @InheritOnly record given to each is told
   * so, and its fix says what not to do there (it said "is sent to another process" and "instead
   * of sending it" at all three).
   */
  @Test
  void inheritOnlyRecord_isToldInTheWordsOfEachMethod() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Ports",
                """
                package test;
                @dev.ferry.annotation.InheritOnly
                public record Ports(dev.ferry.Channel<String> in) {}
                """),
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Codecs;
                final class Main {
                  static void use(byte[] bytes, Ports ports) {
                    Codecs.encode(ports); // ferry:inherit-only-sent @ports
                    Codecs.decode(bytes, Ports.class); // ferry:inherit-only-sent @.class
                    Codecs.of(Ports.class); // ferry:inherit-only-sent @.class
                  }
                }
                """));
    String handles =
        "`Ports` is @InheritOnly: it holds process-local handles, which reach a child only as a"
            + " spawn argument, never through a channel or inside a copied value. Fix: pass the"
            + " `Ports` to the child as a spawn argument when it starts (`Ferry.spawn(target,"
            + " ...)`) instead of ";
    assertThat(compilation)
        .hadErrorContaining(
            "`ports` is written to bytes for another process to read, and its type " + handles
                + "encoding it.");
    assertThat(compilation)
        .hadErrorContaining(
            "`Ports.class` gives `T` of `decode` the type `Ports`; a value of `T` is read from"
                + " bytes another process wrote, and " + handles + "decoding it.");
    assertThat(compilation)
        .hadErrorContaining(
            "`Ports.class` gives `T` of `of` the type `Ports`; a value of `T` is written to bytes"
                + " and read back by the codec asked for, and " + handles
                + "asking for its codec.");
  }

  /**
   * A class literal names the class reading is asked to build: Codecs.of(Vector.class)
   * compiled clean and its codec's read returned an ArrayList, failing a cast in the caller.
   */
  @Test
  void collectionClassesReadBackAsAnother_areReported() {
    Compilation compilation =
        FerryCompiler.assertDiagnostics(
            source(
                "test.Main",
                """
                package test;
                import dev.ferry.Codec;
                import dev.ferry.Codecs;
                import java.util.Vector;
                import java.util.PriorityQueue;
                import java.util.concurrent.ConcurrentHashMap;
                final class Main {
                  static void use(byte[] bytes) {
                    Codec<Vector> lists = Codecs.of(Vector.class); // ferry:not-transferable @.class
                    Codecs.decode(bytes, ConcurrentHashMap.class); // ferry:not-transferable @.class
                    Codecs.of(PriorityQueue.class); // ferry:not-transferable @.class
                  }
                }
                """));
    assertThat(compilation)
        .hadErrorContaining(
            Rule.NOT_TRANSFERABLE.tag()
                + " `Vector.class` gives `T` of `of` the type `Vector`; a value of `T` is"
                + " written to bytes and read back by the codec asked for, and `Vector` is rebuilt by the reading process as"
                + " every `List` is, as `ArrayList`, which cannot be cast to `Vector`. Fix:"
                + " name `List.class` instead.");
  }

  @Test
  void recordStringAndListOfRecords_twin_compileClean() {
    FerryCompiler.assertCompilesClean(
        source("test.Job", JOB),
        source(
            "test.Box",
            """
            package test;
            @dev.ferry.annotation.Transferable
            public record Box<T>(T value) {}
            """),
        source(
            "test.Main",
            """
            package test;
            import dev.ferry.Codec;
            import dev.ferry.Codecs;
            import java.util.List;
            final class Main {
              static void use(Job job, List<Job> jobs) {
                Job copy = Codecs.decode(Codecs.encode(job), Job.class);
                String text = Codecs.decode(Codecs.encode("text"), String.class);
                byte[] list = Codecs.encode(jobs);
                byte[] ofList = Codecs.encode(List.of(job));
                Codec<Job> codec = Codecs.of(Job.class);
                Codec<String> strings = Codecs.of(String.class);
                // A class literal of a generic type is raw, and the codec writes T by its class.
                Codec<Box> boxes = Codecs.of(Box.class);
                Box<?> box = Codecs.decode(Codecs.encode(new Box<>(job)), Box.class);
                List<?> decoded = Codecs.decode(list, List.class);
                // The classes reading builds, and their interfaces, are read back as themselves.
                java.util.ArrayList<?> arrayList = Codecs.decode(list, java.util.ArrayList.class);
                // A List that is also a Queue is read back as a LinkedList.
                java.util.LinkedList<?> linked = Codecs.decode(list, java.util.LinkedList.class);
                Codec<java.util.HashMap> maps = Codecs.of(java.util.HashMap.class);
                Codec<java.util.Deque> deques = Codecs.of(java.util.Deque.class);
                Codec<java.util.ArrayDeque> queues = Codecs.of(java.util.ArrayDeque.class);
                // Sorted and enum collections: their elements are checked as they are read.
                Codec<java.util.TreeSet> sorted = Codecs.of(java.util.TreeSet.class);
                java.util.SortedMap<?, ?> byKey = Codecs.decode(list, java.util.SortedMap.class);
                java.util.EnumSet<?> flags = Codecs.decode(list, java.util.EnumSet.class);
                Codec<java.util.EnumMap> enumMaps = Codecs.of(java.util.EnumMap.class);
                // The literals send no value of Box's or TreeSet's own variable: these, written
                // after them, are no values sent (they were errors: the literal noted T as sent).
                Box<Object> kept = new Box<>(new StringBuilder());
                java.util.TreeSet<Object> keptSorted = new java.util.TreeSet<>();
              }
              static <T> T generic(byte[] bytes, Class<T> type) {
                return Codecs.decode(bytes, type);
              }
            }
            """));
  }
}
