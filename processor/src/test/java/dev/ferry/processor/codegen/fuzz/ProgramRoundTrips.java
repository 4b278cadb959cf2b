package dev.ferry.processor.codegen.fuzz;

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

/**
 * Round-trips the values of a compiled {@link RandomProgram}: loads its classes in a class loader of
 * their own, encodes each value with {@link Codecs#encode}, decodes it as the class the program
 * names, and compares ({@link DeepEquals}); shared by the javac and ECJ fuzz tests.
 */
public final class ProgramRoundTrips {
  private ProgramRoundTrips() {}

  /**
   * Prints how many programs and values {@code test} tried and how many failed; fails with every
   * failure's first lines and the first one's whole program.
   */
  public static void assertNone(String test, int programs, int values, List<String> failures) {
    System.out.printf(
        "%s: %d programs, %d values, %d failures%n", test, programs, values, failures.size());
    if (failures.isEmpty()) {
      return;
    }
    StringBuilder message = new StringBuilder(failures.size() + " failures\n");
    for (String failure : failures) {
      failure.lines().limit(12).forEach(line -> message.append(line).append('\n'));
      message.append("...\n");
    }
    throw new AssertionError(message + "\n" + failures.get(0));
  }

  /**
   * Compiles {@code program} with javac and Ferry's processors (its library first, when it is
   * compiled apart) and returns the class path of its classes; or adds a failure and returns null.
   */
  public static List<Path> compileWithJavac(RandomProgram program, List<String> failures) {
    List<Path> classPath = new ArrayList<>();
    if (!program.librarySources.isEmpty()) {
      try {
        classPath.add(javac().compileLibrary(sources(program.librarySources)));
      } catch (IllegalStateException e) {
        failures.add(failure(program, "its library " + e.getMessage()));
        return null;
      }
    }
    try {
      classPath.add(0, javac().withClasspath(classPath).compileLibrary(sources(program.sources)));
    } catch (IllegalStateException e) {
      failures.add(failure(program, e.getMessage()));
      return null;
    }
    return classPath;
  }

  /**
   * Ferry's processors under every lint but javac's processing and auxiliaryclass ones, as errors:
   * README promises codecs that compile so (the programs themselves are written to).
   */
  private static FerryCompiler javac() {
    return FerryCompiler.ferry().withOptions("-Xlint:all,-processing,-auxiliaryclass", "-Werror");
  }

  private static Source[] sources(Map<String, String> texts) {
    return texts.entrySet().stream()
        .map(e -> FerryCompiler.source(e.getKey(), e.getValue()))
        .toArray(Source[]::new);
  }

  /**
   * Loads the program's classes from {@code classPath} and round-trips each of its values; adds
   * each value's bytes (null if it could not be written) to {@code encodings} unless that is null.
   */
  public static int check(
      RandomProgram program, List<Path> classPath, List<String> failures, List<byte[]> encodings)
      throws Exception {
    URL[] urls = new URL[classPath.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = classPath.get(i).toUri().toURL();
    }
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(urls, ProgramRoundTrips.class.getClassLoader())) {
      Class<?> values = Class.forName(RandomProgram.VALUES, true, loader);
      // Ferry reads a class named in the bytes (a T's value) through the context class loader, as
      // a process whose class path holds the program would.
      Thread.currentThread().setContextClassLoader(loader);
      for (int k = 0; k < program.valueCount; k++) {
        Object[] pair;
        try {
          pair = (Object[]) values.getMethod("v" + k).invoke(null);
        } catch (InvocationTargetException e) {
          failures.add(
              failure(program, "value v" + k + " cannot be made: " + stackTrace(e.getCause())));
          if (encodings != null) {
            encodings.add(null);
          }
          continue;
        }
        if (encodings != null) {
          encodings.add(encodeOrNull(pair[1]));
        }
        String problem = roundTrip((Class<?>) pair[0], pair[1]);
        if (problem != null) {
          failures.add(failure(program, "value v" + k + " " + problem));
        }
      }
    } finally {
      Thread.currentThread().setContextClassLoader(context);
    }
    return program.valueCount;
  }

  @SuppressWarnings("ferry:not-transferable") // the program's classes are known only as Object
  private static byte[] encodeOrNull(Object value) {
    try {
      return Codecs.encode(value);
    } catch (RuntimeException e) {
      return null;
    }
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

  /**
   * A failure's message: the seed, what went wrong and the program. Also written to {@code
   * DIR/seed-SEED.txt} when {@code -Dferry.fuzz.dump=DIR} is given.
   */
  public static String failure(RandomProgram program, String what) {
    String dump = System.getProperty("ferry.fuzz.dump");
    if (dump != null) {
      try {
        java.nio.file.Files.createDirectories(Path.of(dump));
        java.nio.file.Files.writeString(
            Path.of(dump, "seed-" + program.seed + ".txt"),
            "seed " + program.seed + ": " + what + "\n" + program.listing(),
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return "seed " + program.seed + ": " + what + "\n" + program.listing();
  }

  public static String stackTrace(Throwable t) {
    java.io.StringWriter out = new java.io.StringWriter();
    t.printStackTrace(new java.io.PrintWriter(out));
    String text = out.toString();
    return text.length() > 3000 ? text.substring(0, 3000) + "..." : text;
  }
}
