package dev.ferry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a project of {@code n} {@code @Transferable} records and as many call sites for the
 * checker-cost benchmark.
 *
 * <p>The project declares its own small marked API, {@code gen.api.Chan}, an {@code @InheritOnly}
 * channel with a {@code @Sent} type parameter, a {@code @Sent} {@code send} and a {@code spawn} with
 * a {@code @SpawnTarget} and {@code @SpawnArgument}s. Each record {@code gen.pK.Ti} gets a user
 * class {@code gen.pK.Ui} with a channel declaration, a send and a spawn, all legal. Records are
 * grouped by ten: the first of a group is a leaf and the nine others refer to it, so members nest
 * (a codec calls another codec, the checker looks one level down) but no chain grows with {@code
 * n}: a chain would make the cost per type depend on {@code n}, and real projects are not chains.
 *
 * <pre>java -cp benchmarks.jar dev.ferry.benchmarks.ProjectGenerator DIR N</pre>
 */
public final class ProjectGenerator {
  /** Types per package, so that packages stay the size of a real project's. */
  static final int PACKAGE_SIZE = 100;

  private ProjectGenerator() {}

  public static void main(String[] args) throws IOException {
    List<Path> files = write(Path.of(args[0]), Integer.parseInt(args[1]));
    System.out.println(files.size() + " files written to " + args[0]);
  }

  /** Writes the project under {@code root} and returns its source files. */
  static List<Path> write(Path root, int n) throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(write(root, "gen.api", "Chan", chan()));
    files.add(write(root, "gen.api", "Kind", "public enum Kind { SMALL, MEDIUM, LARGE }\n"));
    for (int i = 0; i < n; i++) {
      String pkg = "gen.p" + (i / PACKAGE_SIZE);
      files.add(write(root, pkg, "T" + i, record(i)));
      files.add(write(root, pkg, "U" + i, user(i)));
    }
    return files;
  }

  private static Path write(Path root, String pkg, String name, String body) throws IOException {
    Path dir = root.resolve(pkg.replace('.', '/'));
    Files.createDirectories(dir);
    Path file = dir.resolve(name + ".java");
    Files.writeString(file, "package " + pkg + ";\n\n" + body);
    return file;
  }

  private static String chan() {
    return """
        import dev.ferry.annotation.InheritOnly;
        import dev.ferry.annotation.Sent;
        import dev.ferry.annotation.SpawnArgument;
        import dev.ferry.annotation.SpawnTarget;

        /** A process-local channel: it may reach a child only as a spawn argument. */
        @InheritOnly
        public final class Chan<@Sent T> {
          public void send(@Sent T value) {}

          public static void spawn(@SpawnTarget Runnable target, @SpawnArgument Object... arguments) {}
        }
        """;
  }

  /** The package of type {@code i}, for references across packages. */
  private static String packageOf(int i) {
    return "gen.p" + (i / PACKAGE_SIZE);
  }

  private static String record(int i) {
    int leaf = i - i % 10;
    String reference = i == leaf ? "" : ", " + packageOf(leaf) + ".T" + leaf + " parent";
    return """
        import dev.ferry.annotation.Transferable;
        import gen.api.Kind;
        import java.util.List;
        import java.util.Map;

        @Transferable
        public record T%d(
            long id, String name, int count, double weight, Kind kind, List<String> tags,
            Map<String, Long> counters%s) {}
        """
        .formatted(i, reference);
  }

  private static String user(int i) {
    return """
        import gen.api.Chan;

        public final class U%1$d {
          private final Chan<T%1$d> channel = new Chan<>();

          public static void work() {}

          public void send(T%1$d value) {
            channel.send(value);
          }

          public void start(T%1$d value) {
            Chan.spawn(U%1$d::work, value, channel);
          }
        }
        """
        .formatted(i);
  }
}
