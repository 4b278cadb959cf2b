package dev.ferry.benchmarks.channels;

import dev.ferry.Channel;
import dev.ferry.Child;
import dev.ferry.Ferry;
import dev.ferry.SpawnOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Time from {@code Ferry.spawn} to the child's first message in this process (the child sends one
 * String on a channel handed to it at spawn), against the floor: {@code java -cp ... Hello} started
 * with a {@code ProcessBuilder}, timed until this process has read the line it prints. Both run with
 * the same class path (the benchmarks jar) and, per variant, the same JVM flags. Every run waits for
 * the previous child to exit; two runs of each kind warm this process up before the timed ones.
 *
 * <pre>
 * SpawnBenchmark RESULTS.csv RUNS VARIANT...     variants: see FLAGS
 * </pre>
 */
public final class SpawnBenchmark {
  static final Map<String, List<String>> FLAGS = new LinkedHashMap<>();

  static {
    String fast = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xss512k";
    FLAGS.put("default", List.of()); // Ferry.spawn's default options, whatever they are
    FLAGS.put("nospare", List.of()); // default flags, SpawnOptions.keepSpare(false)
    FLAGS.put("c1", List.of("-XX:TieredStopAtLevel=1"));
    FLAGS.put("serialgc", List.of("-XX:+UseSerialGC"));
    FLAGS.put("c1-1thread", List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1"));
    FLAGS.put("noperfdata", List.of("-XX:-UsePerfData"));
    FLAGS.put("xshare-off", List.of("-Xshare:off"));
    FLAGS.put("fast", List.of(fast.split(" ")));
    FLAGS.put("fast+appcds", List.of(fast.split(" "))); // plus -XX:SharedArchiveFile, see archive()
    FLAGS.put("spare", List.of()); // default flags, SpawnOptions.keepSpare(true)
  }

  private SpawnBenchmark() {}

  public static void main(String[] args) throws Exception {
    Results results = new Results(Path.of(args[0]));
    int runs = Integer.parseInt(args[1]);
    Path archives = Files.createTempDirectory("spawn-cds");
    boolean first = true;
    for (int a = 2; a < args.length; a++) {
      String variant = args[a];
      List<String> ferryFlags = new ArrayList<>(FLAGS.get(variant));
      List<String> helloFlags = new ArrayList<>(FLAGS.get(variant));
      if (variant.endsWith("+appcds")) {
        ferryFlags.add(archive(archives.resolve("ferry.jsa"), ferryFlags, true));
        helloFlags.add(archive(archives.resolve("hello.jsa"), helloFlags, false));
      }
      if (first) {
        results.add("spawn.ferry.first", ferry(ferryFlags, Boolean.FALSE) / 1e6, "ms", "the first spawn of this JVM");
        first = false;
      }
      Boolean spare = variant.equals("default") ? null : (Boolean) variant.equals("spare");
      ferry(ferryFlags, spare); // with a spare: starts the first spare
      hello(helloFlags);
      double[] ferry = new double[runs];
      double[] hello = new double[runs];
      for (int i = 0; i < runs; i++) { // alternating, so that drift in the machine hits both alike
        settle(spare);
        ferry[i] = ferry(ferryFlags, spare) / 1e6;
        settle(spare);
        hello[i] = hello(helloFlags) / 1e6;
      }
      String detail = "flags " + String.join(" ", FLAGS.get(variant)) + (variant.endsWith("+appcds") ? " +SharedArchiveFile" : "")
          + (spare == null ? " default options" : spare ? " keepSpare(true)" : " keepSpare(false)");
      results.add("spawn.ferry." + variant, Results.median(ferry), "ms", detail + "; runs " + Results.list(ferry));
      results.add("spawn.floor." + variant, Results.median(hello), "ms", detail + "; runs " + Results.list(hello));
    }
    System.exit(0);
  }

  /**
   * Nanoseconds from spawn to the first message received here; with {@code spare}, the child is the
   * spare JVM the previous spawn with the same options left ready ({@code keepSpare}); with
   * {@code spare == null}, the options' default.
   */
  static long ferry(List<String> flags, Boolean spare) throws Exception {
    try (Channel<String> channel = Channel.create()) {
      SpawnOptions options = Ferry.options().jvmFlags(flags.toArray(String[]::new));
      if (spare != null) {
        options = options.keepSpare(spare);
      }
      long start = System.nanoTime();
      Child child = options.spawn(SpawnBenchmark::hello, channel);
      String message = channel.receive();
      long nanos = System.nanoTime() - start;
      if (child.join() != 0 || !message.equals("hello")) {
        throw new IllegalStateException("the child failed: " + child.failure());
      }
      return nanos;
    }
  }

  /**
   * Where a spawn may leave a spare JVM starting in the background, waits until it has started, so
   * that neither the next spawn nor the next {@code Hello} competes with its start-up for the CPU.
   */
  private static void settle(Boolean spare) throws InterruptedException {
    if (Boolean.FALSE.equals(spare)) {
      return;
    }
    // Until no child of this process (the spare) used more CPU over the last 100 ms; at most 10 s.
    long deadline = System.nanoTime() + 10_000_000_000L;
    long before = childCpuNanos();
    do {
      Thread.sleep(100);
      long now = childCpuNanos();
      if (now == before) {
        return;
      }
      before = now;
    } while (System.nanoTime() < deadline);
  }

  private static long childCpuNanos() {
    return ProcessHandle.current().children()
        .mapToLong(p -> p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L))
        .sum();
  }

  /** Nanoseconds from ProcessBuilder.start to the line Hello prints, read here. */
  static long hello(List<String> flags) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Hello.class.getName()));
    long start = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    long nanos = System.nanoTime() - start;
    if (process.waitFor() != 0 || !"hello".equals(line)) {
      throw new IllegalStateException("Hello failed: " + line);
    }
    return nanos;
  }

  /** Dumps a dynamic CDS archive with one run of the child (Ferry's or Hello), and returns the flag that uses it. */
  private static String archive(Path archive, List<String> flags, boolean ferry) throws Exception {
    List<String> dump = new ArrayList<>(flags);
    dump.add("-XX:ArchiveClassesAtExit=" + archive);
    dump.add("-Xlog:cds=off");
    for (int i = 0; i < 1; i++) {
      if (ferry) {
        ferry(dump, Boolean.FALSE);
      } else {
        hello(dump);
      }
    }
    if (!Files.exists(archive)) {
      throw new IllegalStateException("no archive was written at " + archive);
    }
    return "-XX:SharedArchiveFile=" + archive;
  }

  private static void hello(Channel<String> channel) throws InterruptedException {
    channel.send("hello");
  }
}
