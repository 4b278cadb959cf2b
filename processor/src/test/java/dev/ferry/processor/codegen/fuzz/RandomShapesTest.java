package dev.ferry.processor.codegen.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import dev.ferry.Codecs;
import dev.ferry.processor.testing.FerryCompiler;
import dev.ferry.processor.testing.Source;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Random legal programs of {@code @Transferable} types ({@link RandomProgram}) compile with Ferry's
 * processors, with no error, and random values of their types round-trip through {@link
 * Codecs#encode} and {@link Codecs#decode} equal ({@link DeepEquals}) and re-encode to the same
 * bytes. A legal program the processor refuses, a generated codec that does not compile, a
 * compiler crash and a value that comes back different all fail the test, each with its seed and
 * the program.
 *
 * <p>CI runs the seeds {@code 0} to {@code 11} (a few seconds). To fuzz locally, give more seeds,
 * or another first seed, with system properties; the test then prints how many programs and
 * values it tried and every failure, with the program's source:
 *
 * <pre>
 * mvn -o -q -B test -pl processor -am -Dtest=RandomShapesTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dferry.fuzz.seeds=2000 -Dferry.fuzz.first=100000
 * </pre>
 *
 * Run it on JDK 25 too ({@code JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64}): the programs are
 * then compiled by javac 25. {@code EcjRandomShapesTest} compiles them with ECJ. To look at one
 * program, {@code -Dferry.fuzz.first=SEED -Dferry.fuzz.seeds=1 -Dferry.fuzz.print=true}.
 */
class RandomShapesTest {
  /** How many seeds, from {@link #FIRST}: 12 in CI. */
  static final int SEEDS = Integer.getInteger("ferry.fuzz.seeds", 12);
  static final long FIRST = Long.getLong("ferry.fuzz.first", 0L);
  private static final boolean PRINT = Boolean.getBoolean("ferry.fuzz.print");

  @Test
  void randomPrograms_compileAndTheirValuesRoundTrip() {
    List<String> failures = new ArrayList<>();
    int values = 0;
    for (long seed = FIRST; seed < FIRST + SEEDS; seed++) {
      RandomProgram program = new RandomProgram(seed);
      if (PRINT) {
        System.out.println(program.listing());
      }
      try {
        values += check(program, failures);
      } catch (Throwable t) {
        failures.add(failure(program, "crashed: " + stackTrace(t)));
      }
    }
    System.out.printf(
        "RandomShapesTest: %d programs, %d values, %d failures%n", SEEDS, values, failures.size());
    if (!failures.isEmpty()) {
      // Every failure's first lines, then the first one's whole program.
      StringBuilder message = new StringBuilder(failures.size() + " failures\n");
      failures.forEach(f -> message.append(f.lines().limit(12).reduce((a, b) -> a + "\n" + b).get())
          .append("\n...\n"));
      fail(message + "\n" + failures.get(0));
    }
  }

  /** Compiles {@code program}, round-trips its values; returns how many values it tried. */
  static int check(RandomProgram program, List<String> failures) throws Exception {
    List<Path> classPath = new ArrayList<>();
    if (!program.librarySources.isEmpty()) {
      Path library;
      try {
        library = FerryCompiler.ferry().compileLibrary(sources(program.librarySources));
      } catch (IllegalStateException e) {
        failures.add(failure(program, "its library " + e.getMessage()));
        return 0;
      }
      classPath.add(library);
    }
    Path classes;
    try {
      classes =
          FerryCompiler.ferry().withClasspath(classPath).compileLibrary(sources(program.sources));
    } catch (IllegalStateException e) {
      failures.add(failure(program, e.getMessage()));
      return 0;
    }
    classPath.add(0, classes);
    return roundTrip(program, classPath, failures);
  }

  /** Loads the program's classes from {@code classPath} and round-trips each of its values. */
  static int roundTrip(RandomProgram program, List<Path> classPath, List<String> failures)
      throws Exception {
    URL[] urls = new URL[classPath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = classPath.get(i).toUri().toURL();
    }
    try (URLClassLoader loader =
        new URLClassLoader(urls, RandomShapesTest.class.getClassLoader())) {
      Class<?> values = Class.forName(RandomProgram.VALUES, true, loader);
      for (int k = 0; k < program.valueCount; k++) {
        Object[] pair;
        try {
          pair = (Object[]) values.getMethod("v" + k).invoke(null);
        } catch (InvocationTargetException e) {
          failures.add(failure(program, "value v" + k + " cannot be made: " + stackTrace(e.getCause())));
          continue;
        }
        String problem = roundTrip((Class<?>) pair[0], pair[1]);
        if (problem != null) {
          failures.add(failure(program, "value v" + k + " " + problem));
        }
      }
    }
    return program.valueCount;
  }

  /** Null if {@code value} comes back equal, decoded as {@code type}, else what went wrong. */
  @SuppressWarnings("ferry:not-transferable") // the program's classes are known only as Object
  private static String roundTrip(Class<?> type, Object value) {
    byte[] bytes;
    Object back;
    try {
      bytes = Codecs.encode(value);
    } catch (RuntimeException e) {
      return "cannot be encoded: " + stackTrace(e);
    }
    try {
      back = Codecs.decode(bytes, type);
    } catch (RuntimeException e) {
      return "cannot be decoded as " + type.getName() + ": " + stackTrace(e);
    }
    String difference = DeepEquals.difference(value, back);
    if (difference != null) {
      return "came back different: " + difference;
    }
    byte[] again = Codecs.encode(back);
    return Arrays.equals(bytes, again) ? null : "came back equal but encodes to other bytes";
  }

  static Source[] sources(Map<String, String> texts) {
    return texts.entrySet().stream()
        .map(e -> FerryCompiler.source(e.getKey(), e.getValue()))
        .toArray(Source[]::new);
  }

  static String failure(RandomProgram program, String what) {
    return "seed " + program.seed + ": " + what + "\n" + program.listing();
  }

  static String stackTrace(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    String text = out.toString();
    return text.length() > 3000 ? text.substring(0, 3000) + "..." : text;
  }
}
