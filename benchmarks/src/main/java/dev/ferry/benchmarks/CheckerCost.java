package dev.ferry.benchmarks;

import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * What Ferry's processors add to javac: compiles a generated project ({@link ProjectGenerator}) of
 * N types in-process through {@code javax.tools}, five ways, and reports medians.
 *
 * <ul>
 *   <li>{@code plain}: no processing at all ({@code -proc:none});
 *   <li>{@code noop}: a processor that does nothing but match one annotation, javac's floor for
 *       having any processor (see JAVAC-FACTS);
 *   <li>{@code codec}: only the codec generator (and javac compiling the codecs it writes);
 *   <li>{@code checker}: only the checker;
 *   <li>{@code both}: both, as a user's build runs them.
 * </ul>
 *
 * Runs are interleaved (every configuration once per repetition) so that drift in the machine hits
 * them alike, after a warm-up pass that lets the JIT compile javac. Each compile gets fresh output
 * directories and must succeed with no diagnostics at all; a separate compile with one illegal send
 * checks that the checker is really running.
 */
final class CheckerCost {
  private static final List<String> CONFIGS = List.of("plain", "noop", "codec", "checker", "both");

  /**
   * javac compiles on the calling thread, so that thread's CPU time is its cost. Wall time, kept
   * beside it in the raw results, also counts other processes on a shared machine.
   */
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private double lastWallMs;
  /** The checker's own CPU time in the last compile (see {@code OwnTime}), 0 without a checker. */
  private double lastOwnMs;

  private CheckerCost() {}

  /** The real-code case compiles no Ferry type, so only these three configurations matter. */
  private static final List<String> REAL_CONFIGS = List.of("plain", "noop", "checker");

  /**
   * Options: {@code --sizes 250,1000,4000 --reps 3 --classpath CP --real DIR}. {@code --sizes none}
   * skips the generated project; {@code --real DIR} adds the real-code case: every {@code .java}
   * file under DIR (the run script unpacks the sources of commons-lang3 and commons-collections4
   * there), code that names no Ferry type.
   */
  static void main(Path results, String[] args) throws IOException {
    List<Integer> sizes = List.of(250, 1000, 4000);
    int reps = 3;
    String classpath = System.getProperty("java.class.path");
    Path real = null;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--sizes" -> sizes = args[i + 1].equals("none")
            ? List.of()
            : Arrays.stream(args[i + 1].split(",")).map(Integer::valueOf).toList();
        case "--reps" -> reps = Integer.parseInt(args[i + 1]);
        case "--classpath" -> classpath = args[i + 1];
        case "--real" -> real = Path.of(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    // The checker then also counts the CPU time of its own code: javac's total varies on a shared
    // machine by more than the checker costs.
    System.setProperty("ferry.checker.timing", "true");
    Path work = Files.createTempDirectory("ferry-checker-cost");
    try {
      CheckerCost cost = new CheckerCost();
      StringBuilder md = new StringBuilder();
      if (real != null) {
        // Twice: a module that has Ferry on its class path and does not use it, and a module of a
        // build that puts Ferry's processor on every module's processor path but Ferry on this
        // one's class path not at all (the checker then has nothing to check: CheckerProcessor).
        cost.runReal(results, work, real, reps, classpath, "real", md);
        Path empty = Files.createDirectories(work.resolve("empty-classpath"));
        cost.runReal(results, work, real, reps, empty.toString(), "real, no Ferry on the class path", md);
      }
      if (!sizes.isEmpty()) {
        cost.run(results, work, sizes, reps, classpath, md);
      }
      Files.writeString(results.resolve("checker.md"), md);
    } finally {
      delete(work);
    }
  }

  /**
   * The real-code case: library sources that name no Ferry type, where the checker's cost over a
   * no-op processor must stay within 1%. Interleaved like the generated project, after a warm-up.
   */
  private void runReal(
      Path results, Path work, Path root, int reps, String classpath, String label, StringBuilder md)
      throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root)) {
      sources = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().equals("module-info.java"))
          .filter(p -> !p.getFileName().toString().equals("package-info.java"))
          .sorted().toList();
    }
    if (sources.isEmpty()) {
      throw new IllegalArgumentException("no .java files under " + root);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    System.out.println("checker: " + label + ", " + sources.size() + " files under " + root + ", class path " + classpath);
    for (String config : REAL_CONFIGS) {
      double ms = compile(javac, sources, config, work, classpath, true);
      System.out.printf(Locale.ROOT, "checker: warm-up real %s %.1f %.1f%n", config, ms, lastWallMs);
    }
    Map<String, List<Double>> byConfig = new LinkedHashMap<>();
    List<Double> own = new ArrayList<>();
    StringBuilder raw = new StringBuilder("case config rep cpu_ms wall_ms own_ms\n");
    for (int rep = 0; rep < reps; rep++) {
      for (String config : REAL_CONFIGS) {
        double ms = compile(javac, sources, config, work, classpath, true);
        byConfig.computeIfAbsent(config, k -> new ArrayList<>()).add(ms);
        if (config.equals("checker")) {
          own.add(lastOwnMs);
        }
        String row = String.format(Locale.ROOT, "real %s %d %.1f %.1f %.1f", config, rep, ms, lastWallMs, lastOwnMs);
        raw.append(row).append('\n');
        System.out.println("checker: " + row);
      }
    }
    Files.writeString(
        results.resolve(label.equals("real") ? "checker-real.txt" : "checker-real-without-ferry.txt"), raw);
    double plain = median(byConfig.get("plain"));
    double noop = median(byConfig.get("noop"));
    double checker = median(byConfig.get("checker"));
    double fastestNoop = byConfig.get("noop").stream().min(Double::compare).orElseThrow();
    double fastestChecker = byConfig.get("checker").stream().min(Double::compare).orElseThrow();
    Suite.line("javac  %s (%d files) checker %8.0f ms  no-op   %8.0f ms  checker/no-op %.3f  (target <= 1.01: %s)",
        label, sources.size(), checker, noop, checker / noop, checker / noop <= 1.01 ? "met" : "MISSED");
    Suite.line("javac  %s (%d files) checker %8.0f ms  plain   %8.0f ms  checker/plain %.3f  no-op/plain %.3f",
        label, sources.size(), checker, plain, checker / plain, noop / plain);
    double ownMs = median(own);
    Suite.line("javac  %s (%d files) checker's own code %6.1f ms  no-op %8.0f ms  own/no-op %.4f  (target <= 0.01: %s)",
        label, sources.size(), ownMs, noop, ownMs / noop, ownMs / noop <= 0.01 ? "met" : "MISSED");
    md.append("| Real code (files) | plain javac | no-op processor | checker | checker / no-op |"
        + " checker / plain | fastest checker / fastest no-op | checker's own code | own / no-op |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    md.append(String.format(Locale.ROOT, "| commons-lang3 3.17.0 + commons-collections4 4.4, " + label + " (%d) | %.0f | %.0f | %.0f | %.3f | %.3f | %.3f | %.1f | %.4f |\n",
        sources.size(), plain, noop, checker, checker / noop, checker / plain, fastestChecker / fastestNoop,
        ownMs, ownMs / noop));
    md.append("\nMedians of ").append(reps).append(" interleaved compiles, javac's CPU time in ms.\n\n");
  }

  private void run(Path results, Path work, List<Integer> sizes, int reps, String classpath,
      StringBuilder md) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    checkTheCheckerRuns(javac, work, classpath);

    Map<Integer, List<Path>> projects = new LinkedHashMap<>();
    for (int n : sizes) {
      projects.put(n, ProjectGenerator.write(work.resolve("src-" + n), n));
    }
    int warmUp = sizes.get(0);
    System.out.println("checker: warming javac up on N = " + warmUp);
    for (int pass = 0; pass < 1; pass++) {
      for (String config : CONFIGS) {
        double ms = compile(javac, projects.get(warmUp), config, work, classpath, false);
        System.out.printf(Locale.ROOT, "checker: warm-up %s %.1f %.1f%n", config, ms, lastWallMs);
      }
    }

    // n -> config -> times in ms
    Map<Integer, Map<String, List<Double>>> times = new LinkedHashMap<>();
    Map<Integer, List<Double>> own = new LinkedHashMap<>();
    StringBuilder raw = new StringBuilder("n config rep cpu_ms wall_ms own_ms\n");
    for (int n : sizes) {
      Map<String, List<Double>> byConfig = new LinkedHashMap<>();
      for (int rep = 0; rep < reps; rep++) {
        for (String config : CONFIGS) {
          double ms = compile(javac, projects.get(n), config, work, classpath, false);
          byConfig.computeIfAbsent(config, k -> new ArrayList<>()).add(ms);
          if (config.equals("checker")) {
            own.computeIfAbsent(n, k -> new ArrayList<>()).add(lastOwnMs);
          }
          String row = String.format(Locale.ROOT, "%d %s %d %.1f %.1f %.1f", n, config, rep, ms, lastWallMs, lastOwnMs);
          raw.append(row).append('\n');
          System.out.println("checker: " + row);
        }
      }
      times.put(n, byConfig);
      System.out.printf(Locale.ROOT, "checker: N = %d done (%d files)%n", n, projects.get(n).size());
    }
    Files.writeString(results.resolve("checker.txt"), raw);
    report(times, reps, md);
    md.append("| N types | checker's own code, ms | no-op processor, ms | own / no-op |\n|---:|---:|---:|---:|\n");
    for (int n : sizes) {
      double ownMs = median(own.get(n));
      double noop = median(times.get(n).get("noop"));
      Suite.line("javac  N=%-5d checker's own code %6.1f ms  no-op %8.0f ms  own/no-op %.4f  (target <= 0.05: %s)",
          n, ownMs, noop, ownMs / noop, ownMs / noop <= 0.05 ? "met" : "MISSED");
      md.append(String.format(Locale.ROOT, "| %d | %.1f | %.0f | %.4f |\n", n, ownMs, noop, ownMs / noop));
    }
    md.append("\nThe checker's own code: the CPU time inside its processing rounds and its scans after"
        + " attribution (`-Dferry.checker.timing=true`), median of the same compiles.\n\n");
  }

  private void report(Map<Integer, Map<String, List<Double>>> times, int reps, StringBuilder md) {
    md.append("| N types | plain javac | no-op processor | codec (generation) | checker | both |"
        + " checker / plain | checker / no-op | codec / plain | codec / no-op | both / plain |\n");
    md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    Map<Integer, Map<String, Double>> medians = new LinkedHashMap<>();
    for (var entry : times.entrySet()) {
      int n = entry.getKey();
      Map<String, Double> m = new LinkedHashMap<>();
      entry.getValue().forEach((config, list) -> m.put(config, median(list)));
      medians.put(n, m);
      double plain = m.get("plain");
      double noop = m.get("noop");
      double codec = m.get("codec");
      double checker = m.get("checker");
      double both = m.get("both");
      Suite.line("javac  N=%-5d checker %8.0f ms  plain   %8.0f ms  checker/plain %.3f  (target <= 1.10: %s)",
          n, checker, plain, checker / plain, checker / plain <= 1.10 ? "met" : "MISSED");
      Suite.line("javac  N=%-5d checker %8.0f ms  no-op   %8.0f ms  checker/no-op %.3f  (target <= 1.05: %s)",
          n, checker, noop, checker / noop, checker / noop <= 1.05 ? "met" : "MISSED");
      Suite.line("javac  N=%-5d no-op   %8.0f ms  plain   %8.0f ms  no-op/plain   %.3f  (javac's floor for any processor)",
          n, noop, plain, noop / plain);
      Suite.line("javac  N=%-5d codec   %8.0f ms  plain   %8.0f ms  codec/plain   %.3f  codec/no-op %.3f  (generation, incl. compiling %d codecs)",
          n, codec, plain, codec / plain, codec / noop, n);
      Suite.line("javac  N=%-5d both    %8.0f ms  plain   %8.0f ms  both/plain    %.3f  both/no-op %.3f",
          n, both, plain, both / plain, both / noop);
      md.append(String.format(Locale.ROOT,
          "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.3f | %.3f | %.3f | %.3f | %.3f |\n",
          n, plain, noop, codec, checker, both, checker / plain, checker / noop, codec / plain,
          codec / noop, both / plain));
    }
    md.append("\nMedians of ").append(reps).append(" interleaved compiles, javac's CPU time in ms.\n\n");
    md.append("| N types | fastest plain | fastest no-op | fastest codec | fastest checker | fastest both |"
        + " checker / plain | checker / no-op |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (var entry : times.entrySet()) {
      Map<String, Double> m = new LinkedHashMap<>();
      entry.getValue().forEach((config, list) -> m.put(config, list.stream().min(Double::compare).orElseThrow()));
      md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.3f | %.3f |\n",
          entry.getKey(), m.get("plain"), m.get("noop"), m.get("codec"), m.get("checker"), m.get("both"),
          m.get("checker") / m.get("plain"), m.get("checker") / m.get("noop")));
    }
    md.append("\nThe fastest of the same compiles: on a shared machine, the least disturbed run.\n\n");

    // Linearity: the cost per type, of javac and of each processor's own part, at each N.
    md.append("| N types | plain ms/type | checker − no-op, ms/type | codec − no-op, ms/type | both − plain, ms/type |\n");
    md.append("|---:|---:|---:|---:|---:|\n");
    Integer first = null;
    for (var entry : medians.entrySet()) {
      int n = entry.getKey();
      Map<String, Double> m = entry.getValue();
      md.append(String.format(Locale.ROOT, "| %d | %.3f | %.3f | %.3f | %.3f |\n", n,
          m.get("plain") / n, (m.get("checker") - m.get("noop")) / n,
          (m.get("codec") - m.get("noop")) / n, (m.get("both") - m.get("plain")) / n));
      if (first == null) {
        first = n;
        continue;
      }
      Map<String, Double> f = medians.get(first);
      for (String config : List.of("plain", "checker", "codec", "both")) {
        double growth = m.get(config) / f.get(config);
        double sizeRatio = (double) n / first;
        Suite.line("linear %-7s N=%d/N=%d  time x%.2f for size x%.0f  (per type x%.2f; linear if ~1)",
            config, n, first, growth, sizeRatio, growth / sizeRatio);
      }
    }
  }

  /**
   * Compiles {@code sources} one way and returns javac's CPU time in milliseconds. The generated
   * project must compile with no diagnostic at all; real code ({@code real}) may have its own
   * warnings and notes, but must compile and get nothing from Ferry.
   */
  private double compile(JavaCompiler javac, List<Path> sources, String config, Path work, String classpath,
      boolean real) throws IOException {
    Path out = Files.createDirectories(work.resolve("out"));
    Path generated = Files.createDirectories(work.resolve("generated"));
    List<String> options = new ArrayList<>(List.of(
        "-d", out.toString(), "-s", generated.toString(), "-classpath", classpath,
        "--release", "17", "-implicit:none"));
    if (real) {
      options.addAll(List.of("-nowarn", "-Xlint:none", "-encoding", "UTF-8"));
    }
    List<Processor> processors = processors(config);
    if (processors.isEmpty()) {
      options.add("-proc:none");
    }
    System.gc();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    long start = THREADS.getCurrentThreadCpuTime();
    long wallStart = System.nanoTime();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources));
      if (!processors.isEmpty()) {
        task.setProcessors(processors);
      }
      boolean ok = task.call();
      long elapsed = THREADS.getCurrentThreadCpuTime() - start;
      lastWallMs = (System.nanoTime() - wallStart) / 1e6;
      lastOwnMs = processors.stream()
          .filter(p -> p instanceof CheckerProcessor)
          .mapToLong(p -> ((CheckerProcessor) p).ownCpuNanos())
          .sum() / 1e6;
      boolean spoke = diagnostics.getDiagnostics().stream()
          .anyMatch(d -> !real || d.getMessage(Locale.ROOT).contains("[ferry:"));
      if (!ok || spoke) {
        throw new IllegalStateException(config + " compile failed or warned: " + describe(diagnostics));
      }
      return elapsed / 1e6;
    } finally {
      delete(out);
      delete(generated);
    }
  }

  private static List<Processor> processors(String config) {
    Map<String, Supplier<List<Processor>>> byName = Map.of(
        "plain", List::of,
        "noop", () -> List.of(new NoopProcessor()),
        "codec", () -> List.of(new CodecProcessor()),
        "checker", () -> List.of(new CheckerProcessor()),
        "both", () -> List.of(new CodecProcessor(), new CheckerProcessor()));
    return byName.get(config).get();
  }

  /** Fails unless the checker reports an illegal send: a benchmark of a checker that is off is worthless. */
  private void checkTheCheckerRuns(JavaCompiler javac, Path work, String classpath) throws IOException {
    Path root = work.resolve("src-illegal");
    List<Path> sources = new ArrayList<>(ProjectGenerator.write(root, 1));
    Path bad = root.resolve("gen/p0/Bad.java");
    Files.writeString(bad, """
        package gen.p0;

        final class Bad {
          void send(gen.api.Chan<Object> channel) {
            channel.send(new Object());
          }
        }
        """);
    sources.add(bad);
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path out = Files.createDirectories(work.resolve("out"));
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics,
          List.of("-d", out.toString(), "-classpath", classpath, "--release", "17"), null,
          files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(List.of(new CheckerProcessor()));
      task.call();
    } finally {
      delete(out);
    }
    boolean reported = diagnostics.getDiagnostics().stream()
        .anyMatch(d -> d.getKind() == Diagnostic.Kind.ERROR && d.getMessage(Locale.ROOT).contains("[ferry:"));
    if (!reported) {
      throw new IllegalStateException("the checker did not report an illegal send: " + describe(diagnostics));
    }
  }

  private static String describe(DiagnosticCollector<JavaFileObject> diagnostics) {
    StringBuilder text = new StringBuilder();
    for (var d : diagnostics.getDiagnostics()) {
      text.append('\n').append(d.getKind()).append(' ').append(d.getSource() == null ? "" : d.getSource().getName())
          .append(':').append(d.getLineNumber()).append(' ').append(d.getMessage(Locale.ROOT));
      if (text.length() > 4000) {
        break;
      }
    }
    return text.toString();
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
