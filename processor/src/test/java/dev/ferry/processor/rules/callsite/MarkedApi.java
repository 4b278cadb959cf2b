package dev.ferry.processor.rules.callsite;

import static dev.ferry.processor.testing.FerryCompiler.source;

import com.google.testing.compile.Compilation;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A marked API as a library author would write one (package {@code lib}): a channel whose values
 * are sent, a spawner, its target interfaces; and a user's own types (package {@code test}) that
 * programs under test use. Nothing here is named like Ferry's runtime: the checker reads markers,
 * not names.
 *
 * <p>A user usually gets such an API from a jar: {@link #fromClassPath()} compiles it once, with
 * no processor, and puts its class files on the class path of the compilation under test. {@link
 * #sameRun()} compiles it together with the user's code instead.
 */
final class MarkedApi {
  static final Source CHAN =
      source(
          "lib.Chan",
          """
          package lib;
          import dev.ferry.annotation.InheritOnly;
          import dev.ferry.annotation.Sent;
          @InheritOnly
          public final class Chan<@Sent T> {
            public Chan() {}
            public static <T> Chan<T> create() { return new Chan<>(); }
            public static <@Sent T> Chan<T> typed() { return new Chan<>(); }
            public void send(@Sent T value) {}
            @SafeVarargs
            public final void sendAll(@Sent T... values) {}
            public T receive() { return null; }
          }
          """);

  /** A marked interface that users implement. */
  static final Source SINK =
      source(
          "lib.Sink",
          """
          package lib;
          import dev.ferry.annotation.Sent;
          public interface Sink<@Sent T> {
            void accept(@Sent T value);
          }
          """);

  static final Source TARGET =
      source(
          "lib.Target",
          """
          package lib;
          public interface Target extends java.io.Serializable {
            void run() throws Exception;
          }
          """);

  static final Source TARGET1 =
      source(
          "lib.Target1",
          """
          package lib;
          public interface Target1<A> extends java.io.Serializable {
            void run(A argument) throws Exception;
          }
          """);

  static final Source SPAWNER =
      source(
          "lib.Spawner",
          """
          package lib;
          import dev.ferry.annotation.SpawnArgument;
          import dev.ferry.annotation.SpawnTarget;
          public final class Spawner {
            private Spawner() {}
            public static void spawn(@SpawnTarget Target target, @SpawnArgument Object... arguments) {}
            public static <A> void spawn1(@SpawnTarget Target1<A> target, @SpawnArgument A argument) {}
          }
          """);

  /** The user's bundle of handles: crosses only at spawn. */
  static final Source PORTS =
      source(
          "test.Ports",
          """
          package test;
          import dev.ferry.annotation.InheritOnly;
          import lib.Chan;
          @InheritOnly
          public record Ports(Chan<Job> jobs) {}
          """);

  /** The user's plain value: may be sent. */
  static final Source JOB =
      source(
          "test.Job",
          """
          package test;
          import dev.ferry.annotation.Transferable;
          @Transferable
          public record Job(long id) {}
          """);

  static final List<Source> LIBRARY = List.of(CHAN, SINK, TARGET, TARGET1, SPAWNER);
  private static final List<Source> USER_TYPES = List.of(PORTS, JOB);

  /** Compiled once per test JVM: the library's class files, as a jar would hold them. */
  private static Path libraryClasses;

  private final FerryCompiler compiler;
  private final List<Source> alongside;

  private MarkedApi(FerryCompiler compiler, List<Source> alongside) {
    this.compiler = compiler;
    this.alongside = alongside;
  }

  /** The library on the class path, as a user's build gets it from a jar: the usual case. */
  static MarkedApi fromClassPath() {
    return fromClassPath(FerryCompiler.ferry());
  }

  /** The library on the class path of a compilation with {@code compiler}'s processors. */
  static MarkedApi fromClassPath(FerryCompiler compiler) {
    return new MarkedApi(compiler.withClasspath(List.of(library())), USER_TYPES);
  }

  /** The library's sources compiled in the same run as the user's code. */
  static MarkedApi sameRun() {
    List<Source> all = new ArrayList<>(LIBRARY);
    all.addAll(USER_TYPES);
    return new MarkedApi(FerryCompiler.ferry(), List.copyOf(all));
  }

  private static synchronized Path library() {
    if (libraryClasses == null) {
      // Compiled with Ferry's processors, as the author of a library with @InheritOnly types
      // must (users' codecs refer to the generated Chan_FerryCodec).
      libraryClasses = FerryCompiler.ferry().compileLibrary(LIBRARY.toArray(Source[]::new));
    }
    return libraryClasses;
  }

  /** Compiles {@code sources} with the API and asserts exactly their markers were reported. */
  Compilation assertDiagnostics(Source... sources) {
    return compiler.expectingMarked(with(sources));
  }

  /** Compiles {@code sources} with the API and asserts nothing at all was reported. */
  Compilation assertCompilesClean(Source... sources) {
    return compiler.expectingClean(with(sources));
  }

  /** Compiles {@code sources} with the API, asserting nothing. */
  Compilation compile(Source... sources) {
    return compiler.compiling(with(sources));
  }

  private Source[] with(Source... sources) {
    List<Source> all = new ArrayList<>(alongside);
    all.addAll(List.of(sources));
    return all.toArray(Source[]::new);
  }
}
