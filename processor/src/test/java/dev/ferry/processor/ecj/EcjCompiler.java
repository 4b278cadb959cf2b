package dev.ferry.processor.ecj;

import com.palantir.javapoet.ClassName;
import dev.ferry.Codec;
import dev.ferry.annotation.Transferable;
import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import dev.ferry.processor.CodecRegistryProcessor;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import org.eclipse.jdt.internal.compiler.batch.Main;

/**
 * Runs the Eclipse compiler (ECJ) in-process on source files in a directory, with Ferry's
 * processors on its processor path, as Eclipse and VS Code run them.
 *
 * <p>ECJ 3.46 takes {@code -processorpath} and discovers processors there through {@code
 * META-INF/services}; it knows {@code -proc:only} and {@code -proc:none} but not javac's {@code
 * -proc:full}, and processing is on by default. Jars are found from the classes the test itself
 * loads, not from {@code java.class.path}, which under Surefire is a manifest-only jar. ECJ runs
 * in a class loader of its own (see {@link #runMain}).
 */
final class EcjCompiler {
  private EcjCompiler() {}

  /**
   * The class loader that holds ECJ alone, shared by every compile of the test run, as a build
   * tool's in-process compiler keeps one: each compile still makes its own {@code Main} and ECJ its
   * own processor class loader, but ECJ's classes are loaded and warmed once (a fresh loader per
   * compile made each of the ~300 compiles of a test run load ECJ's classes cold, about a second
   * each).
   */
  private static final URLClassLoader ECJ_ONLY = ecjOnlyLoader();

  /**
   * {@code codeSource} as ECJ's {@code --module-path} takes a module: a jar as it is; a class
   * directory (Maven's {@code target/classes} when a module's tests run without the jars packaged,
   * as {@code mvn test -pl processor -am} does) packed into a jar under {@code scratch}. ECJ reads
   * a directory on the module path as a directory of modules, not as one exploded module, and so
   * found no {@code dev.ferry.annotation} there.
   */
  static Path asModuleJar(Path codeSource, Path scratch) throws IOException {
    if (!Files.isDirectory(codeSource)) {
      return codeSource;
    }
    Path jar = Files.createTempFile(scratch, "module", ".jar");
    try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
        var files = Files.walk(codeSource)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new java.util.jar.JarEntry(
            codeSource.relativize(file).toString().replace(File.separatorChar, '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    }
    return jar;
  }

  private static URLClassLoader ecjOnlyLoader() {
    try {
      return new URLClassLoader(
          new URL[] {locationOf(Main.class).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One problem as ECJ prints it: {@code 1. ERROR in /abs/src/test/Job.java (at line 6)}, the
   * source line, a line of carets, the message; or {@code 2. ERROR: message} when the element had
   * no source position.
   *
   * @param file the path relative to the source root, e.g. {@code test/Job.java}, or null
   * @param line 1-based, or 0 when there is no position
   * @param pointed the source text above the carets, e.g. {@code worker}, or null
   */
  record Problem(String kind, String file, int line, String message, String pointed) {}

  /** The result of one run: whether it succeeded, what ECJ printed, and its problems parsed. */
  record Result(boolean succeeded, String output, List<Problem> problems) {
    List<Problem> errors() {
      return problems.stream().filter(p -> p.kind().equals("ERROR")).toList();
    }
  }

  private static final Pattern POSITIONED =
      Pattern.compile("^\\d+\\. (ERROR|WARNING|INFO) in (.+) \\(at line (\\d+)\\)$");
  private static final Pattern UNPOSITIONED =
      Pattern.compile("^\\d+\\. (ERROR|WARNING|INFO): (.*)$");

  static List<Problem> parse(String output, Path sourceRoot) {
    List<Problem> problems = new ArrayList<>();
    List<String> lines = output.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher positioned = POSITIONED.matcher(lines.get(i));
      if (positioned.matches() && i + 3 < lines.size()) {
        String file = sourceRoot.relativize(Path.of(positioned.group(2))).toString();
        int line = Integer.parseInt(positioned.group(3));
        String pointed = pointed(lines.get(i + 1), lines.get(i + 2));
        problems.add(new Problem(positioned.group(1), file, line, lines.get(i + 3), pointed));
        i += 3;
        continue;
      }
      Matcher unpositioned = UNPOSITIONED.matcher(lines.get(i));
      if (unpositioned.matches()) {
        problems.add(new Problem(unpositioned.group(1), null, 0, unpositioned.group(2), null));
      }
    }
    return problems;
  }

  /** The part of the quoted source line that the caret line underlines (they share indentation). */
  private static String pointed(String source, String carets) {
    int start = carets.indexOf('^');
    if (start < 0 || start >= source.length()) {
      return null;
    }
    int end = carets.lastIndexOf('^') + 1;
    return source.substring(start, Math.min(end, source.length()));
  }

  /** Writes {@code sources} (path relative to {@code root} to text) and compiles them. */
  static Result compile(Path root, Map<String, String> sources) {
    return compile(root, sources, List.of());
  }

  /**
   * As {@link #compile(Path, Map)}, with {@code options} (e.g. {@code -proc:only}) added; a {@code
   * -classpath} among them is added to the class path of Ferry's jars.
   */
  static Result compile(Path root, Map<String, String> sources, List<String> options) {
    return compile(root, sources, options, List.of());
  }

  /**
   * As {@link #compile(Path, Map)}, with other processors of the user's build run after Ferry's,
   * loaded from the test's own classes (named with {@code -processor}, which ECJ then runs instead
   * of those it discovers).
   */
  static Result compileWithProcessors(
      Path root, Map<String, String> sources, List<Class<? extends Processor>> others) {
    List<String> names =
        new ArrayList<>(
            List.of(
                CheckerProcessor.class.getName(),
                CodecProcessor.class.getName(),
                CodecRegistryProcessor.class.getName()));
    others.forEach(other -> names.add(other.getName()));
    return compile(root, sources, List.of("-processor", String.join(",", names)), others);
  }

  private static Result compile(
      Path root,
      Map<String, String> sources,
      List<String> options,
      List<Class<? extends Processor>> others) {
    List<Path> processorPath =
        new ArrayList<>(List.of(locationOf(CodecProcessor.class), locationOf(ClassName.class)));
    others.forEach(other -> processorPath.add(locationOf(other)));
    try {
      Path src = Files.createDirectories(root.resolve("src"));
      Path out = Files.createDirectories(root.resolve("out"));
      // A -classpath among the options joins Ferry's jars: ECJ runs no processor when one comes
      // after -processorpath (docs/ecj.md).
      List<String> extra = new ArrayList<>(options);
      List<Path> classPath =
          new ArrayList<>(List.of(locationOf(Transferable.class), locationOf(Codec.class)));
      int given = extra.indexOf("-classpath");
      if (given >= 0) {
        classPath.add(Path.of(extra.remove(given + 1)));
        extra.remove(given);
      }
      // So must a --module-path: after -processorpath, ECJ runs no processor either.
      List<String> modulePath = new ArrayList<>();
      int modules = extra.indexOf("--module-path");
      if (modules >= 0) {
        modulePath.add(extra.remove(modules));
        modulePath.add(extra.remove(modules));
      }
      List<String> args = new ArrayList<>();
      if (options.stream().noneMatch(option -> option.matches("-\\d+|--release"))) {
        args.add("-17"); // unless a test asks for another compliance (-25, --release 11)
      }
      if (!extra.contains("-d")) {
        args.addAll(List.of("-d", out.toString())); // unless a test gives its own (-d none)
      }
      args.addAll(
          List.of(
              "-encoding", "UTF-8",
              "-s", Files.createDirectories(root.resolve("generated")).toString(),
              "-classpath", path(classPath.toArray(Path[]::new))));
      args.addAll(modulePath);
      args.addAll(List.of("-processorpath", path(processorPath.toArray(Path[]::new))));
      args.addAll(extra);
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        args.add(file.toString());
      }
      StringWriter output = new StringWriter();
      PrintWriter writer = new PrintWriter(output);
      boolean succeeded = runMain(writer, args.toArray(String[]::new));
      writer.flush();
      return new Result(succeeded, output.toString(), parse(output.toString(), src));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * One diagnostic as a {@code javax.tools} listener hears it: {@code ERROR Main.java:12
   * [ferry:...] ...}.
   */
  record Heard(String kind, String file, long line, String message) {}

  /**
   * Compiles {@code sources} with Ferry's processors through ECJ's {@code javax.tools} API
   * ({@code EclipseCompiler}, as IntelliJ's Eclipse compiler option runs ECJ),
   * with a {@code DiagnosticListener}, and returns what the listener heard; ECJ's printed output
   * is dropped, since a build that runs ECJ so reads the listener only.
   */
  static List<Heard> compileWithToolsApi(Path root, Map<String, String> sources) {
    try {
      Path src = Files.createDirectories(root.resolve("src"));
      List<File> files = new ArrayList<>();
      for (Map.Entry<String, String> source : sources.entrySet()) {
        Path file = src.resolve(source.getKey());
        Files.createDirectories(file.getParent());
        Files.writeString(file, source.getValue());
        files.add(file.toFile());
      }
      JavaCompiler ecj =
          (JavaCompiler)
              Class.forName(
                      "org.eclipse.jdt.internal.compiler.tool.EclipseCompiler", true, ECJ_ONLY)
                  .getConstructor()
                  .newInstance();
      DiagnosticCollector<JavaFileObject> heard = new DiagnosticCollector<>();
      StandardJavaFileManager fileManager = ecj.getStandardFileManager(heard, Locale.ROOT, null);
      List<String> options =
          List.of(
              "-17",
              "-encoding", "UTF-8",
              "-d", Files.createDirectories(root.resolve("out")).toString(),
              "-s", Files.createDirectories(root.resolve("generated")).toString(),
              "-classpath", path(locationOf(Transferable.class), locationOf(Codec.class)),
              "-processorpath",
              path(locationOf(CodecProcessor.class), locationOf(ClassName.class)));
      ecj.getTask(
              new PrintWriter(Writer.nullWriter()),
              fileManager,
              heard,
              options,
              null,
              fileManager.getJavaFileObjectsFromFiles(files))
          .call();
      fileManager.close();
      List<Heard> out = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : heard.getDiagnostics()) {
        String file =
            d.getSource() == null ? null : Path.of(d.getSource().toUri()).getFileName().toString();
        out.add(new Heard(d.getKind().name(), file, d.getLineNumber(), d.getMessage(Locale.ROOT)));
      }
      return out;
    } catch (ReflectiveOperationException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs ECJ's batch {@link Main} loaded by a class loader that holds ECJ alone, as {@code java
   * -jar ecj.jar} or a build tool runs it: Ferry's processors then come from the processor path
   * only, through the class loader ECJ makes for it (and closes after the last round), not from
   * the test's class path, which would hide what that class loader cannot do.
   */
  private static boolean runMain(PrintWriter writer, String[] args) {
    try {
      Class<?> main = Class.forName(Main.class.getName(), true, ECJ_ONLY);
      Object compiler =
          main.getConstructor(PrintWriter.class, PrintWriter.class, boolean.class)
              .newInstance(writer, writer, false);
      return (Boolean) main.getMethod("compile", String[].class).invoke(compiler, (Object) args);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("ECJ failed", e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String path(Path... entries) {
    return String.join(File.pathSeparator, List.of(entries).stream().map(Path::toString).toList());
  }

  private static Path locationOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
