package dev.ferry.benchmarks.channels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Locale;

/** Appends {@code name,value,unit,detail} lines to a CSV file shared by every part, and prints them. */
final class Results {
  private final Path file;

  Results(Path file) {
    this.file = file;
  }

  void add(String name, double value, String unit, String detail) throws IOException {
    String line = String.format(Locale.ROOT, "%s,%.4f,%s,%s%n", name, value, unit, detail.replace(',', ';'));
    System.out.print("result " + line);
    Files.writeString(file, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** The median of {@code values[from..]}. */
  static double median(double[] values, int from) {
    return median(Arrays.copyOfRange(values, from, values.length));
  }

  static String list(double[] values, int from) {
    return list(Arrays.copyOfRange(values, from, values.length));
  }

  static String list(double[] values) {
    StringBuilder s = new StringBuilder();
    for (double v : values) {
      s.append(s.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.4g", v));
    }
    return s.toString();
  }
}
