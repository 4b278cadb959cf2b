package dev.ferry.benchmarks.channels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code name,value,unit,detail} lines the channel and spawn benchmarks wrote, prints one
 * line per comparison (Ferry's figure, the peer's, Ferry / peer, the target of issue 11 and whether it
 * was met) and writes the same as a Markdown table.
 *
 * <pre>
 * ChannelReport RESULTS.csv TABLE.md
 * </pre>
 */
public final class ChannelReport {
  private ChannelReport() {}

  /** One comparison: Ferry / peer, with a target (NaN: none) that is a floor or, for times, a ceiling. */
  record Comparison(String what, String ferry, String peer, double target, boolean lowerIsBetter) {}

  static final List<Comparison> COMPARISONS = new ArrayList<>();

  // Issue 11's targets (the "first" lines: the first million messages, or the first block, of a run).
  static {
    add("small msgs, msg/s", "ferry.small", "queue.small", 40, false);
    add("small msgs, first 1M, msg/s", "ferry.small.first", "queue.small.first", 40, false);
    add("small msgs, bounded (65,536), msg/s", "ferry.bounded", "bqueue.small", 40, false);
    add("small msgs, bounded, first 1M, msg/s", "ferry.bounded.first", "bqueue.small.first", 40, false);
    add("small msgs, msg/s", "ferry.small", "pipe.small", Double.NaN, false);
    add("small msgs, msg/s", "ferry.small", "raw.small", Double.NaN, false);
    add("small msgs, msg/s", "ferry.small", "raw.bytes", Double.NaN, false);
    add("1 MiB msgs, MB/s", "ferry.big", "raw.big", 0.9, false);
    add("1 MiB msgs, first block, MB/s", "ferry.big.first", "raw.big", 0.9, false);
    add("1 MiB msgs, MB/s", "ferry.big", "queue.big", Double.NaN, false);
    add("1 MiB msgs, MB/s", "ferry.big", "pipe.big", Double.NaN, false);
    add("round trip, us", "ferry.rtt", "target.rtt", 1.0, true);
    add("round trip, first block, us", "ferry.rtt.first", "target.rtt", 1.0, true);
    add("round trip, us", "ferry.rtt", "pipe.rtt", 0.4, true);
    add("round trip, mean, us", "ferry.rtt.mean", "target.rtt", 1.0, true);
    add("round trip, first block, mean, us", "ferry.rtt.first.mean", "target.rtt", 1.0, true);
    add("round trip, mean, us", "ferry.rtt.mean", "pipe.rtt.mean", 0.4, true);
    add("round trip, first block, mean, us", "ferry.rtt.first.mean", "pipe.rtt.first.mean", 0.4, true);
    add("round trip, us (JVM raw socket floor)", "ferry.rtt", "raw.rtt", Double.NaN, true);
    add("round trip, us", "ferry.rtt", "queue.rtt", Double.NaN, true);
    add("flushed alone, msg/s", "ferry.flushed", "target.flushed", 1.0, false);
    add("flushed alone, first block, msg/s", "ferry.flushed.first", "target.flushed", 1.0, false);
    add("flushed alone, msg/s", "ferry.flushed", "raw.flushed", Double.NaN, false);
    add("flushed alone, msg/s", "ferry.flushed", "pipe.small", Double.NaN, false);
    add("acked (1/round trip), msg/s", "ferry.acked", "pipe.acked", Double.NaN, false);
    add("spawn to first msg, ms", "spawn.ferry.default", "spawn.floor.default", 1.2, true);
    add("spawn to first msg, ms", "spawn.ferry.default", "python.spawn", Double.NaN, true);
    add("spawn to first msg, ms (no spare)", "spawn.ferry.nospare", "spawn.floor.nospare", Double.NaN, true);
    add("spawn to first msg, ms (1st of JVM)", "spawn.ferry.first", "spawn.floor.default", Double.NaN, true);
    add("spawn to first msg, ms", "spawn.ferry.fast+appcds", "python.spawn", Double.NaN, true);
    add("spawn to first msg, ms", "spawn.ferry.spare", "spawn.floor.default", Double.NaN, true);
    add("spawn to first msg, ms", "spawn.ferry.spare", "python.spawn", Double.NaN, true);
    add("pool map, tiny tasks, tasks/s", "ferry.pool.map", "python.pool.map", 1.5, false);
    add("pool map, tiny tasks, tasks/s", "ferry.pool.map.first", "python.pool.map", Double.NaN, false);
    add("pool map, tiny tasks, tasks/s", "ferry.pool.map", "python.pool.map1", Double.NaN, false);
    add("pool map, tiny tasks, tasks/s", "ferry.pool.map", "python.ppe.map", Double.NaN, false);
    add("pool submit one by one, tasks/s", "ferry.pool.submit", "target.pool.submit", 1.0, false);
    add("pool submit one by one, tasks/s", "ferry.pool.submit.first", "target.pool.submit", Double.NaN, false);
    add("pool submit one by one, tasks/s", "ferry.pool.submit", "python.pool.apply_async", Double.NaN, false);
    add("pool submit().join(), us", "ferry.pool.latency", "target.pool.latency", 1.0, true);
    add("pool submit().join(), us", "ferry.pool.latency.first", "target.pool.latency", Double.NaN, true);
    add("pool submit().join(), us", "ferry.pool.latency", "python.pool.latency", Double.NaN, true);
    add("pool submit().join(), us", "ferry.pool.latency", "python.ppe.latency", Double.NaN, true);
    add("pool started, 1 result, closed, ms", "ferry.pool.start", "python.pool.start", 1.0, true);
    add("pool started, 1 result, closed, ms", "ferry.pool.start.first", "python.pool.start", Double.NaN, true);
    add("pool started, 1 result, closed, 500 ms apart, ms", "ferry.pool.start.paused",
        "python.pool.start.paused", 1.0, true);
  }

  private static void add(String what, String ferry, String peer, double target, boolean lowerIsBetter) {
    COMPARISONS.add(new Comparison(what, ferry, peer, target, lowerIsBetter));
  }

  public static void main(String[] args) throws IOException {
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> units = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] f = line.split(",", 4);
      values.put(f[0], Double.parseDouble(f[1]));
      units.put(f[0], f[2]);
    }
    values.put("target.flushed", 500e3);
    units.put("target.flushed", "msg/s");
    values.put("target.pool.submit", 100_000.0);
    units.put("target.pool.submit", "tasks/s");
    values.put("target.pool.latency", 25.0);
    units.put("target.pool.latency", "us");
    values.put("target.rtt", 20.0);
    units.put("target.rtt", "us");
    derive(values, units, "ferry.acked", "ferry.rtt");
    derive(values, units, "pipe.acked", "pipe.rtt");
    List<String> md = new ArrayList<>();
    md.add("| comparison | Ferry | peer | Ferry / peer | target | |");
    md.add("|---|---|---|---|---|---|");
    for (Comparison c : COMPARISONS) {
      Double ferry = values.get(c.ferry());
      Double peer = values.get(c.peer());
      if (ferry == null || peer == null) {
        continue;
      }
      double ratio = ferry / peer;
      String target = Double.isNaN(c.target()) ? "" : (c.lowerIsBetter() ? "<= " : ">= ") + fmt(c.target()) + "x";
      String verdict = Double.isNaN(c.target()) ? ""
          : (c.lowerIsBetter() ? ratio <= c.target() : ratio >= c.target()) ? "met" : "MISSED";
      System.out.printf(Locale.ROOT, "channels %-38s %-20s %8s %-5s  %-18s %8s %-5s  ratio %6sx  %s %s%n",
          c.what(), c.ferry(), fmt(ferry), units.get(c.ferry()), c.peer(), fmt(peer), units.get(c.peer()),
          fmt(ratio), target, verdict);
      md.add(String.format(Locale.ROOT, "| %s: `%s` vs `%s` | %s | %s | %sx | %s | %s |",
          c.what(), c.ferry(), c.peer(), fmt(ferry), fmt(peer), fmt(ratio), target, verdict));
    }
    md.add("");
    md.add("| spawn flags | Ferry spawn to first message, ms | `java Hello` floor, ms | Ferry / floor |");
    md.add("|---|---|---|---|");
    for (String variant : SpawnBenchmark.FLAGS.keySet()) {
      Double ferry = values.get("spawn.ferry." + variant);
      Double floor = values.get("spawn.floor." + variant);
      if (ferry == null || floor == null) {
        continue;
      }
      String flags = variant.equals("spare") ? "spare (default flags, `keepSpare(true)`: a JVM started by the previous spawn)"
          : variant.equals("default") ? "default (`Ferry.spawn` with default options)"
          : variant.equals("nospare") ? "nospare (default flags, `keepSpare(false)`: a new JVM per spawn)" : variant + (SpawnBenchmark.FLAGS.get(variant).isEmpty() ? "" : " (`" + String.join(" ", SpawnBenchmark.FLAGS.get(variant))
          + (variant.endsWith("+appcds") ? " -XX:SharedArchiveFile=...` from one run with `-XX:ArchiveClassesAtExit`)" : "`)"));
      System.out.printf(Locale.ROOT, "spawn    %-28s ferry %8s ms  floor %8s ms  ratio %6sx%n", variant, fmt(ferry), fmt(floor), fmt(ferry / floor));
      md.add(String.format(Locale.ROOT, "| %s | %s | %s | %sx |", flags, fmt(ferry), fmt(floor), fmt(ferry / floor)));
    }
    Files.write(Path.of(args[1]), md);
  }

  private static void derive(Map<String, Double> values, Map<String, String> units, String name, String rtt) {
    if (values.containsKey(rtt)) {
      values.put(name, 1e6 / values.get(rtt));
      units.put(name, "msg/s");
    }
  }

  static String fmt(double v) {
    if (v >= 1e6) {
      return String.format(Locale.ROOT, "%.2fM", v / 1e6);
    }
    if (v >= 1e4) {
      return String.format(Locale.ROOT, "%.0fk", v / 1e3);
    }
    if (v >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (v >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
