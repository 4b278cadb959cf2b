package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The entry point of {@code benchmarks.jar}: runs one part of the comparison and prints one line
 * per comparison, Ferry's figure, the peer's, and the ratio, checked against the targets of issue 5.
 *
 * <pre>
 * java -jar benchmarks.jar sizes   RESULTS_DIR                 bytes per value (and a round-trip check)
 * java -jar benchmarks.jar codec   RESULTS_DIR [JMH options]   serialize / deserialize / round trip
 * java -jar benchmarks.jar cold    RESULTS_DIR [JMH options]   first round trip in a fresh JVM
 * java -jar benchmarks.jar engines RESULTS_DIR [JMH options]   Kafka serdes: Ferry, Jackson, Kryo
 * java -jar benchmarks.jar checker RESULTS_DIR [options]       javac with and without the processors
 * java -jar benchmarks.jar jmh     [JMH options]               plain JMH
 * </pre>
 *
 * Each part writes its raw results (JMH JSON, or text) and a Markdown table into RESULTS_DIR.
 */
public final class Suite {
  /** Round trip: Ferry must be at least this many times as fast as each peer. */
  static final Map<String, Double> ROUND_TRIP_TARGETS =
      Map.of("fory", 1.10, "kryo", 3.0, "jdk", 60.0);

  private static final List<String> OPERATIONS = List.of("serialize", "deserialize", "roundTrip");

  /** Engines (issue 12): Ferry's serde must be at least this many times as fast as Jackson's... */
  static final double JACKSON_SPEED_TARGET = 5.0;

  /** ...and write at most this share of Jackson's bytes. */
  static final double JACKSON_BYTES_TARGET = 0.4;

  private Suite() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: benchmarks.jar sizes|codec|cold|engines|checker|jmh RESULTS_DIR [options]");
      System.exit(2);
    }
    String part = args[0];
    if (part.equals("jmh")) {
      org.openjdk.jmh.Main.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    Path results = Path.of(args[1]);
    Files.createDirectories(results);
    String[] rest = Arrays.copyOfRange(args, 2, args.length);
    switch (part) {
      case "sizes" -> sizes(results);
      case "codec" -> codec(results, rest);
      case "cold" -> cold(results, rest);
      case "engines" -> engines(results, rest);
      case "checker" -> CheckerCost.main(results, rest);
      default -> throw new IllegalArgumentException("unknown part " + part);
    }
  }

  /** Bytes per value for every peer and model; fails if a peer does not read back an equal value. */
  static void sizes(Path results) throws IOException {
    Map<Model, Map<String, Integer>> bytes = new LinkedHashMap<>();
    for (Model model : Model.values()) {
      Map<String, Integer> row = new LinkedHashMap<>();
      for (String name : Peer.NAMES) {
        Peer peer = Peer.create(name, model);
        Object value = model.value();
        int n = peer.serialize(value);
        Object copy = peer.deserialize(Arrays.copyOf(peer.buffer(), n), n);
        if (!value.equals(copy)) {
          throw new AssertionError(name + " did not round-trip " + model.id + ": " + copy);
        }
        row.put(name, n);
      }
      bytes.put(model, row);
    }
    StringBuilder md = new StringBuilder();
    md.append("| Bytes per value | Ferry | Kryo | Fory | JDK |\n|---|---:|---:|---:|---:|\n");
    StringBuilder raw = new StringBuilder("model peer bytes\n");
    for (var entry : bytes.entrySet()) {
      Model model = entry.getKey();
      Map<String, Integer> row = entry.getValue();
      int ferry = row.get("ferry");
      md.append("| ").append(model.id).append(" | ").append(ferry);
      for (String peer : Peer.NAMES.subList(1, Peer.NAMES.size())) {
        int other = row.get(peer);
        String verdict = peer.equals("kryo") ? (ferry <= other ? "met" : "MISSED") : null;
        line(
            "bytes  %-12s ferry %7d B  %-5s %7d B  ferry/%s %.2f%s",
            model.id, ferry, peer, other, peer, (double) ferry / other,
            verdict == null ? "" : "  (target <= 1.00: " + verdict + ")");
        md.append(String.format(Locale.ROOT, " | %d (%.2f)", other, (double) ferry / other));
      }
      md.append(" |\n");
      row.forEach((peer, n) -> raw.append(model.id).append(' ').append(peer).append(' ').append(n).append('\n'));
    }
    md.append(
        "\nFerry's figure is the codec's body, as a channel would write it; `Codecs.encode` adds an"
            + " 8-byte schema fingerprint. In brackets: Ferry's bytes over the peer's.\n");
    Files.writeString(results.resolve("bytes.txt"), raw);
    Files.writeString(results.resolve("bytes.md"), md);
  }

  static void codec(Path results, String[] jmhArgs) throws Exception {
    Path json = results.resolve("codec.json");
    CommandLineOptions given = new CommandLineOptions(jmhArgs);
    // A benchmark pattern among the options (e.g. "CodecBenchmark.roundTrip") narrows the run.
    String include =
        given.getIncludes().isEmpty() ? CodecBenchmark.class.getName() + "\\." : given.getIncludes().get(0);
    Options options =
        new OptionsBuilder()
            .parent(given)
            .include(include)
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();
    Collection<RunResult> runs = new Runner(options).run();
    // model -> peer -> operation -> [ns/op, B/op]
    Map<String, Map<String, Map<String, double[]>>> table = new LinkedHashMap<>();
    for (RunResult run : runs) {
      var params = run.getParams();
      String operation = params.getBenchmark().substring(params.getBenchmark().lastIndexOf('.') + 1);
      Result<?> alloc = run.getSecondaryResults().get("gc.alloc.rate.norm");
      String harness = params.getParam("harness");
      String model = params.getParam("model") + (harness == null ? "" : "/" + harness);
      table
          .computeIfAbsent(model, k -> new LinkedHashMap<>())
          .computeIfAbsent(params.getParam("peer"), k -> new LinkedHashMap<>())
          .put(
              operation,
              new double[] {run.getPrimaryResult().getScore(), alloc == null ? Double.NaN : alloc.getScore()});
    }
    StringBuilder time = new StringBuilder();
    time.append("| Model | Operation | Ferry ns/op | Kryo ns/op (×) | Fory ns/op (×) | JDK ns/op (×) |\n")
        .append("|---|---|---:|---:|---:|---:|\n");
    StringBuilder alloc = new StringBuilder();
    alloc.append("| Model | Operation | Ferry B/op | Kryo B/op | Fory B/op | JDK B/op |\n")
        .append("|---|---|---:|---:|---:|---:|\n");
    for (var byModel : table.entrySet()) {
      String model = byModel.getKey();
      Map<String, Map<String, double[]>> peers = byModel.getValue();
      for (String operation : OPERATIONS) {
        double[] ferry = figure(peers, "ferry", operation);
        if (ferry == null) {
          continue;
        }
        time.append(String.format(Locale.ROOT, "| %s | %s | %s", model, operation, ns(ferry[0])));
        alloc.append(String.format(Locale.ROOT, "| %s | %s | %.0f", model, operation, ferry[1]));
        for (String peer : Peer.NAMES.subList(1, Peer.NAMES.size())) {
          double[] other = figure(peers, peer, operation);
          if (other == null) {
            time.append(" | –");
            alloc.append(" | –");
            continue;
          }
          double speedup = other[0] / ferry[0];
          String verdict = "";
          if (operation.equals("roundTrip")) {
            double target = ROUND_TRIP_TARGETS.get(peer);
            verdict =
                String.format(
                    Locale.ROOT, "  (target >= %.2fx: %s)", target, speedup >= target ? "met" : "MISSED");
          }
          line(
              "time   %-19s %-11s ferry %10s ns  %-5s %10s ns  %s/ferry %6.2fx  [alloc B/op ferry %.0f, %s %.0f]%s",
              model, operation, ns(ferry[0]), peer, ns(other[0]), peer, speedup, ferry[1], peer, other[1], verdict);
          time.append(String.format(Locale.ROOT, " | %s (%.2f×)", ns(other[0]), speedup));
          alloc.append(String.format(Locale.ROOT, " | %.0f", other[1]));
        }
        time.append(" |\n");
        alloc.append(" |\n");
      }
    }
    time.append("\n(×) is the peer's time over Ferry's: above 1, Ferry is faster.\n\n");
    Files.writeString(results.resolve("codec.md"), time.append(alloc));
  }

  static void cold(Path results, String[] jmhArgs) throws Exception {
    Path json = results.resolve("cold.json");
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(jmhArgs))
            .include(ColdStartBenchmark.class.getName() + "\\.")
            .resultFormat(ResultFormatType.JSON)
            .result(json.toString())
            .build();
    Map<String, double[]> byPeer = new LinkedHashMap<>();
    for (RunResult run : new Runner(options).run()) {
      Result<?> r = run.getPrimaryResult();
      byPeer.put(run.getParams().getParam("peer"), new double[] {r.getScore(), r.getScoreError()});
    }
    double[] ferry = byPeer.get("ferry");
    StringBuilder md = new StringBuilder("| First round trip in a fresh JVM | µs | × Ferry |\n|---|---:|---:|\n");
    for (String peer : Peer.NAMES) {
      double[] other = byPeer.get(peer);
      if (other == null) {
        continue;
      }
      md.append(String.format(Locale.ROOT, "| %s | %.0f ± %.0f | %.2f |\n", peer, other[0], other[1], other[0] / ferry[0]));
      if (!peer.equals("ferry")) {
        line(
            "cold   media-record firstRoundTrip ferry %8.0f µs  %-5s %8.0f µs  %s/ferry %6.2fx",
            ferry[0], peer, other[0], peer, other[0] / ferry[0]);
      }
    }
    Files.writeString(results.resolve("cold.md"), md);
  }

  /**
   * Ferry's Kafka serde against Jackson JSON and Kryo on {@code media-record}: bytes per record
   * (checked to read back equal), then the median serialize and deserialize times of JMH's
   * samples.
   */
  static void engines(Path results, String[] jmhArgs) throws Exception {
    Model model = Model.MEDIA_RECORD;
    Map<String, Integer> bytes = new LinkedHashMap<>();
    for (String name : RecordSerde.NAMES) {
      RecordSerde serde = RecordSerde.create(name, model.type, Model.TYPES);
      Object value = model.value();
      byte[] record = serde.serialize(value);
      if (!value.equals(serde.deserialize(record))) {
        throw new AssertionError(name + " did not round-trip " + model.id);
      }
      bytes.put(name, record.length);
    }
    Options options =
        new OptionsBuilder()
            .parent(new CommandLineOptions(jmhArgs))
            .include(SerdeBenchmark.class.getName() + "\\.")
            .addProfiler(GCProfiler.class)
            .resultFormat(ResultFormatType.JSON)
            .result(results.resolve("engines.json").toString())
            .build();
    // serde -> operation -> median ns/op
    Map<String, Map<String, Double>> time = new LinkedHashMap<>();
    for (RunResult run : new Runner(options).run()) {
      String benchmark = run.getParams().getBenchmark();
      time.computeIfAbsent(run.getParams().getParam("serde"), k -> new LinkedHashMap<>())
          .put(
              benchmark.substring(benchmark.lastIndexOf('.') + 1),
              run.getPrimaryResult().getStatistics().getPercentile(50));
    }
    int ferryBytes = bytes.get("ferry");
    StringBuilder md =
        new StringBuilder(
            "| Kafka serde, media-record | Bytes per record | serialize ns (median) | deserialize ns (median) |\n"
                + "|---|---:|---:|---:|\n");
    for (String name : RecordSerde.NAMES) {
      Map<String, Double> ops = time.getOrDefault(name, Map.of());
      md.append(
          String.format(
              Locale.ROOT, "| %s | %d | %s | %s |\n", name, bytes.get(name),
              ns(ops.getOrDefault("serialize", Double.NaN)),
              ns(ops.getOrDefault("deserialize", Double.NaN))));
      if (name.equals("ferry")) {
        continue;
      }
      double ratio = (double) ferryBytes / bytes.get(name);
      String verdict =
          name.equals("jackson")
              ? String.format(
                  Locale.ROOT, "  (target <= %.2f: %s)", JACKSON_BYTES_TARGET,
                  ratio <= JACKSON_BYTES_TARGET ? "met" : "MISSED")
              : "";
      line("serde  bytes       ferry %7d B  %-7s %7d B  ferry/%s %.2f%s", ferryBytes, name, bytes.get(name), name, ratio, verdict);
      for (String operation : List.of("serialize", "deserialize")) {
        double ferry = time.getOrDefault("ferry", Map.of()).getOrDefault(operation, Double.NaN);
        double other = ops.getOrDefault(operation, Double.NaN);
        double speedup = other / ferry;
        String target =
            name.equals("jackson")
                ? String.format(
                    Locale.ROOT, "  (target >= %.1fx: %s)", JACKSON_SPEED_TARGET,
                    speedup >= JACKSON_SPEED_TARGET ? "met" : "MISSED")
                : "";
        line("serde  %-11s ferry %10s ns  %-7s %10s ns  %s/ferry %6.2fx%s", operation, ns(ferry), name, ns(other), name, speedup, target);
      }
    }
    md.append(
        "\nEach serde returns a fresh array of exactly the record's bytes, as a Kafka serializer must;"
            + " Ferry's include the 8-byte codec fingerprint.\n");
    Files.writeString(results.resolve("engines.md"), md);
  }

  private static double[] figure(Map<String, Map<String, double[]>> peers, String peer, String op) {
    Map<String, double[]> ops = peers.get(peer);
    return ops == null ? null : ops.get(op);
  }

  private static String ns(double value) {
    return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
  }

  static void line(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  static void writeLines(Path file, List<String> lines) {
    try {
      Files.write(file, new ArrayList<>(lines));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
