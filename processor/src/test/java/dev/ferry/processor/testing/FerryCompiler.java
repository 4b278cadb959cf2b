package dev.ferry.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import dev.ferry.processor.CodecRegistryProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles inline sources with Ferry's processors, as a user's build runs them, and checks the
 * result against the sources' marker comments (see {@link ExpectedDiagnostics}).
 *
 * <pre>{@code
 * assertDiagnostics(source("test.Job", """
 *     package test;
 *     @dev.ferry.annotation.Transferable
 *     record Job(Thread worker) {} // ferry:not-transferable @worker
 *     """));
 * }</pre>
 */
public final class FerryCompiler {
  private static final FerryCompiler BOTH =
      new FerryCompiler(
          () ->
              List.of(new CodecProcessor(), new CheckerProcessor(), new CodecRegistryProcessor()));
  private static final FerryCompiler CHECKER_ONLY =
      new FerryCompiler(() -> List.of(new CheckerProcessor()));
  private static final FerryCompiler JAVAC_ONLY = new FerryCompiler(List::of);

  private final Supplier<List<Processor>> processors;
  /** The class path to compile against, or null for the test JVM's own. */
  private final List<File> classpath;
  /** javac's options, such as {@code -Xlint:all}. */
  private final List<String> options;

  private FerryCompiler(Supplier<List<Processor>> processors) {
    this(processors, null, List.of());
  }

  private FerryCompiler(
      Supplier<List<Processor>> processors, List<File> classpath, List<String> options) {
    this.processors = processors;
    this.classpath = classpath;
    this.options = options;
  }

  /**
   * Custom processors, e.g. a wrapper around Ferry's checker as a build tool installs it. The
   * supplier is called once per compilation, so each gets fresh instances.
   */
  public static FerryCompiler withProcessors(Supplier<List<Processor>> processors) {
    if (processors == null) {
      throw new NullPointerException("processors == null");
    }
    return new FerryCompiler(processors);
  }

  /**
   * The same processors, compiling against {@code entries} (class directories or jars, such as
   * one from {@link #compileLibrary}) plus Ferry's annotations and runtime, and nothing else: the
   * class path of a user's build that depends on a marked library.
   */
  public FerryCompiler withClasspath(List<Path> entries) {
    if (entries == null) {
      throw new NullPointerException("entries == null");
    }
    List<File> files = new ArrayList<>();
    entries.forEach(entry -> files.add(entry.toFile()));
    files.add(codeSource(dev.ferry.annotation.Sent.class));
    files.add(codeSource(dev.ferry.Codec.class));
    return new FerryCompiler(processors, List.copyOf(files), options);
  }

  /**
   * The same processors, compiling against exactly {@code entries}: without Ferry's annotations
   * or runtime unless listed ({@link #annotationsJar}, {@link #runtimeJar}).
   */
  public FerryCompiler withOnlyClasspath(List<Path> entries) {
    List<File> files = new ArrayList<>();
    entries.forEach(entry -> files.add(entry.toFile()));
    return new FerryCompiler(processors, List.copyOf(files), options);
  }

  /** Where Ferry's annotations are: their jar, or the class directory of the module's build. */
  public static Path annotationsJar() {
    return codeSource(dev.ferry.annotation.Sent.class).toPath();
  }

  /** Where Ferry's runtime is: its jar, or the class directory of the module's build. */
  public static Path runtimeJar() {
    return codeSource(dev.ferry.Codec.class).toPath();
  }

  /**
   * Compiles {@code sources}, files under {@code work}, with javac's own file manager and Ferry's
   * processors, to {@code work/classes} (generated sources to {@code work/generated}), with
   * {@code options} first; returns the errors. For what compile-testing's in-memory files hide:
   * file names on disk, the encoding the Filer writes in.
   */
  public static List<Diagnostic<? extends JavaFileObject>> compileToDisk(
      Path work, List<Path> sources, String... options) throws IOException {
    List<String> all = new ArrayList<>(List.of(options));
    all.addAll(
        List.of(
            "-classpath", annotationsJar() + File.pathSeparator + runtimeJar(),
            "-d", Files.createDirectories(work.resolve("classes")).toString(),
            "-s", Files.createDirectories(work.resolve("generated")).toString()));
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              null, files, diagnostics, all, null, files.getJavaFileObjectsFromPaths(sources));
      task.setProcessors(
          List.of(new CodecProcessor(), new CheckerProcessor(), new CodecRegistryProcessor()));
      task.call();
    }
    return diagnostics.getDiagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
        .toList();
  }

  /** The same processors, with these javac options, e.g. {@code -Xlint:all -Werror}. */
  public FerryCompiler withOptions(String... options) {
    return new FerryCompiler(processors, classpath, List.of(options));
  }

  /**
   * Compiles a library on its own with these processors, as its author's build would, and writes
   * its class files to a new temporary directory, which it returns: put it on a user's class path
   * with {@link #withClasspath}. Throws if the library does not compile.
   */
  public Path compileLibrary(Source... sources) {
    Compilation library = compiling(sources);
    if (library.status() != Compilation.Status.SUCCESS) {
      throw new IllegalStateException(
          "library does not compile\n" + ExpectedDiagnostics.describe(library));
    }
    try {
      Path directory = Files.createTempDirectory("ferry-library");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(directory)));
      for (JavaFileObject file : library.generatedFiles()) {
        if (file.getKind() == JavaFileObject.Kind.CLASS || isResource(file)) {
          write(file, directory);
        }
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compiles a library as {@link #compileLibrary} does and packs it into a jar, as its author's
   * build ships it: javac reads a jar's resources differently from a directory's.
   */
  public Path compileLibraryJar(Source... sources) {
    Path directory = compileLibrary(sources);
    Path jar = directory.resolveSibling(directory.getFileName() + ".jar");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> jar.toFile().delete()));
    try (var paths = Files.walk(directory);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (Path file : (Iterable<Path>) paths.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(directory.relativize(file).toString().replace('\\', '/')));
        Files.copy(file, out);
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return jar;
  }

  /** A resource a processor wrote beside the classes, such as {@code META-INF/ferry/codecs}. */
  private static boolean isResource(JavaFileObject file) {
    return file.getKind() == JavaFileObject.Kind.OTHER
        && file.toUri().getPath().contains("/CLASS_OUTPUT/");
  }

  /** Writes a class file under its package's folders: {@code /CLASS_OUTPUT/lib/Chan.class}. */
  private static void write(JavaFileObject file, Path directory) throws IOException {
    String name = file.toUri().getPath();
    String marker = "/CLASS_OUTPUT/";
    int start = name.indexOf(marker);
    String relative = start < 0 ? name.substring(1) : name.substring(start + marker.length());
    Path target = directory.resolve(relative);
    InputStream in;
    try {
      in = file.openInputStream();
    } catch (java.io.FileNotFoundException lookedUpOnly) {
      // compile-testing lists a file a processor only looked for (the registry writer asks the
      // class output for an earlier list) and never wrote: there is nothing to copy.
      return;
    }
    Files.createDirectories(target.getParent());
    try (in) {
      Files.copy(in, target);
    }
  }

  private static void deleteTree(Path directory) {
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // a temporary directory left behind is harmless
    }
  }

  private static File codeSource(Class<?> type) {
    try {
      return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every processor, generator, checker and registry writer: what a user's build runs. */
  public static FerryCompiler ferry() {
    return BOTH;
  }

  /**
   * The checker alone, for declaration rules on inputs whose generated code would not compile for
   * reasons that are not the rule under test.
   */
  public static FerryCompiler checkerOnly() {
    return CHECKER_ONLY;
  }

  /** Plain javac with no processor: a library whose author does not use Ferry's processors. */
  public static FerryCompiler javacOnly() {
    return JAVAC_ONLY;
  }

  /** Shorthand for {@link Source#of}. */
  public static Source source(String qualifiedName, String text) {
    return Source.of(qualifiedName, text);
  }

  public static Compilation compile(Source... sources) {
    return BOTH.compiling(sources);
  }

  /** {@link #expectingMarked} with both processors. */
  public static Compilation assertDiagnostics(Source... sources) {
    return BOTH.expectingMarked(sources);
  }

  /** {@link #expectingClean} with both processors. */
  public static Compilation assertCompilesClean(Source... sources) {
    return BOTH.expectingClean(sources);
  }

  public Compilation compiling(Source... sources) {
    Compiler javac = Compiler.javac().withProcessors(processors.get()).withOptions(options);
    if (classpath != null) {
      javac = javac.withClasspath(classpath);
    }
    return javac.compile(List.of(sources).stream().map(Source::file).toList());
  }

  /**
   * Compiles sources that carry at least one marker and asserts that exactly the marked errors
   * were reported.
   */
  public Compilation expectingMarked(Source... sources) {
    ExpectedDiagnostics expected = ExpectedDiagnostics.in(List.of(sources));
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("no marker in " + List.of(sources));
    }
    Compilation compilation = compiling(sources);
    expected.assertMatch(compilation);
    return compilation;
  }

  /** Compiles marker-free sources and asserts they compile with no error or warning at all. */
  public Compilation expectingClean(Source... sources) {
    if (!ExpectedDiagnostics.in(List.of(sources)).isEmpty()) {
      throw new IllegalArgumentException("a legal twin carries a marker: " + List.of(sources));
    }
    Compilation compilation = compiling(sources);
    ExpectedDiagnostics.assertClean(compilation);
    return compilation;
  }
}
