package dev.ferry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Ferry's round trips from two or more builds of {@code benchmarks.jar}, and Fory's, in turns in
 * one JVM ({@link Turns#medians}): an A/B of a code change that holds on a loaded machine, where
 * two {@link Alternate} runs of the same jar a minute apart differ by more than most changes.
 *
 * <pre>
 * java -cp benchmarks.jar dev.ferry.benchmarks.Compare MODEL HARNESS SECONDS BEFORE.jar AFTER.jar...
 * </pre>
 *
 * <p>Each jar gets a class loader of its own under the platform loader, so each build's runtime,
 * generated codecs and peers are separate classes with separate JIT profiles; {@link Turns} is
 * defined in each from this jar's copy (older builds lack it) and driven through {@link
 * IntUnaryOperator}. Copy the jars first: a build overwrites {@code benchmarks/target}. Naming the
 * same jar twice shows the noise floor of the run (within 3% at a load average of 5–10).
 */
public final class Compare {
  private Compare() {}

  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: Compare MODEL reused|fresh SECONDS BEFORE.jar AFTER.jar...");
      System.exit(2);
    }
    String model = args[0];
    String harness = args[1];
    double seconds = Double.parseDouble(args[2]);
    List<String> labels = new ArrayList<>();
    List<IntUnaryOperator> turns = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      labels.add(Path.of(args[i]).getFileName().toString());
      turns.add(ferryOf(Path.of(args[i]), model, harness));
    }
    labels.add("fory");
    turns.add(new Turns("fory", model, harness));
    double[] medians = Turns.medians(turns, seconds);
    StringBuilder line = new StringBuilder(String.format("cmp %-12s %-6s", model, harness));
    for (int k = 0; k < labels.size(); k++) {
      line.append(String.format("  %s %.1f ns", labels.get(k), medians[k]));
      if (k > 0) {
        line.append(String.format(" (%.3fx)", medians[k] / medians[0]));
      }
    }
    line.append("   [time / first's; fory / ferry:");
    for (int k = 0; k < labels.size() - 1; k++) {
      line.append(String.format(" %.2fx", medians[labels.size() - 1] / medians[k]));
    }
    System.out.println(line.append(']'));
  }

  /** Ferry's turns in the build {@code jar}, loaded apart from every other build. */
  private static IntUnaryOperator ferryOf(Path jar, String model, String harness) {
    try {
      Class<?> turns = Class.forName(Turns.class.getName(), true, new BuildLoader(jar));
      return (IntUnaryOperator)
          turns.getConstructor(String.class, String.class, String.class)
              .newInstance("ferry", model, harness);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot run Ferry from " + jar, e);
    }
  }

  /** Loads one build's classes, and {@link Turns} from this jar's bytes. */
  private static final class BuildLoader extends URLClassLoader {
    BuildLoader(Path jar) {
      super(new URL[] {url(jar)}, ClassLoader.getPlatformClassLoader());
    }

    private static URL url(Path jar) {
      try {
        return jar.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException(jar.toString(), e);
      }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.equals(Turns.class.getName())) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = Turns.class.getResourceAsStream("Turns.class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
