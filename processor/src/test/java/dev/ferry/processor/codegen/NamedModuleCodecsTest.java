package dev.ferry.processor.codegen;

import static com.google.common.truth.Truth.assertThat;
import static dev.ferry.processor.testing.FerryCompiler.annotationsJar;
import static dev.ferry.processor.testing.FerryCompiler.runtimeJar;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.processor.CheckerProcessor;
import dev.ferry.processor.CodecProcessor;
import dev.ferry.processor.CodecRegistryProcessor;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codecs of programs in named modules, compiled as {@code javac --module-path} builds them (on
 * files: compile-testing's in-memory sources cannot hold a module).
 */
class NamedModuleCodecsTest {
  private static final String JOB =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public record Job(String name, int attempts) {}
      """;
  private static final String MONEY = "package m; public record Money(long cents, String currency) {}";
  private static final String IMPORTS =
      """
      package la;
      @dev.ferry.annotation.TransferableImport(m.Money.class)
      public final class Imports { private Imports() {} }
      """;
  private static final String BILL =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public record Bill(m.Money amount) {}
      """;

  private static final String SEND =
      """
      package app;
      import dev.ferry.Codecs;
      import java.util.List;
      public final class Send {
        private Send() {}
        public static byte[] one(m.Money money) { return Codecs.encode(money); }
        public static byte[] many(List<m.Money> money) { return Codecs.encode(money); }
        public static m.Money back(byte[] bytes) { return Codecs.decode(bytes, m.Money.class); }
      }
      """;

  @TempDir Path work;

  /**
   * A codec is marked {@code @javax.annotation.processing.Generated}, whose module {@code
   * java.compiler} a named module reads only if it requires it: a codec that named it anyway did
   * not compile ("package javax.annotation.processing is not visible").
   */
  @Test
  void moduleNotReadingJavaCompiler_codecCompilesWithoutGenerated() throws IOException {
    Path app = compile("app", "module app { requires dev.ferry.runtime; }", Map.of("app/Job", JOB));
    assertThat(codec(app, "app/Job_FerryCodec")).doesNotContain("@Generated");
  }

  @Test
  void moduleRequiringJavaSe_codecIsGenerated() throws IOException {
    Path app =
        compile(
            "app",
            "module app { requires dev.ferry.runtime; requires java.se; }",
            Map.of("app/Job", JOB));
    assertThat(codec(app, "app/Job_FerryCodec"))
        .contains("@Generated(\"dev.ferry.processor.CodecProcessor\")");
  }

  /**
   * A library module that imports Money and exports the importing package: a module that uses
   * Money as a member was told Money had no codec, since the library's index of its codecs was
   * looked for on the class path only. Its codec now calls the library's.
   */
  @Test
  void importFromAModuleThatExportsIt_isAMemberTypeInAnotherModule() throws IOException {
    compileLibraries("exports la;");
    StringWriter output = new StringWriter();
    assertTrue(compileBill(output), output.toString());
    assertThat(output.toString()).isEmpty();
    assertThat(codec(work.resolve("app"), "app/Bill_FerryCodec"))
        .contains("Money_FerryCodec.INSTANCE");
  }

  /**
   * A library module that does not export the importing package: a codec of another module could
   * not call its codec, so Money stays without one there (no codec that does not compile), and
   * the error says to export the package, not to import Money, which the library does.
   */
  @Test
  void importFromAModuleThatDoesNotExportIt_isNoCodecForAnotherModule() throws IOException {
    compileLibraries("opens la to dev.ferry.runtime;");
    StringWriter output = new StringWriter();
    assertTrue(!compileBill(output), "compiled: " + output);
    assertThat(output.toString())
        .contains(
            "Bill.java:3: error: [ferry:not-transferable] `Bill.amount` is `Money`, which has its"
                + " codec `la.Money_FerryCodec` in package `la`, and the module holding it does not"
                + " export that package: the runtime finds the codec for a `Money` sent on its"
                + " own, but the codec generated for this member calls it directly. Fix: export"
                + " the package from the module that holds the codec (`exports la;` in its"
                + " module-info.java). See docs/rules/not-transferable.md");
    assertThat(output.toString()).doesNotContain("Bill_FerryCodec.java");
  }

  /**
   * A library module that only opens the importing package to Ferry's runtime: a Money sent as a
   * whole value, or in a List, is written by the codec the runtime finds in the library's registry
   * by reflection, which the opens allows; the checker said Money had no codec.
   */
  @Test
  void importFromAModuleThatOpensItToTheRuntime_isSentAsAWholeValue() throws IOException {
    compileLibraries("opens la to dev.ferry.runtime;");
    StringWriter output = new StringWriter();
    assertTrue(compileApp(Map.of("app/Send", SEND), output), output.toString());
    assertThat(output.toString()).isEmpty();
  }

  /**
   * A module that requires Ferry's annotations but not its runtime: the codec generated there
   * implements {@code dev.ferry.Codec}, which it cannot name, and did not compile ("package
   * dev.ferry is not visible", four errors in Job_FerryCodec.java). The type is told instead, and
   * gets no codec.
   */
  @Test
  void moduleNotReadingTheRuntime_isToldToRequireIt() throws IOException {
    StringWriter output = new StringWriter();
    boolean compiled =
        run("app", "module app { requires dev.ferry.annotation; }", Map.of("app/Job", JOB), output);
    assertTrue(!compiled, "compiled: " + output);
    assertThat(output.toString())
        .contains(
            "Job.java:3: error: [ferry:transferable-shape] `Job` is in package `app` of module"
                + " `app`, which does not read `dev.ferry.runtime`, and the codec `Job_FerryCodec`"
                + " that Ferry generates there implements `dev.ferry.Codec` of that module, so it"
                + " could not compile and `Job` would have no codec. Fix: add `requires"
                + " dev.ferry.runtime;` to the module-info.java of `app`, with ferry-runtime on the"
                + " module path. See docs/rules/transferable-shape.md\n"
                + "public record Job(String name, int attempts) {}\n"
                + "       ^");
    assertThat(output.toString()).doesNotContain("Job_FerryCodec.java");
    assertThat(output.toString()).contains("1 error");
  }

  /** The same for an import, told on its class literal: its codec is generated in the module. */
  @Test
  void importInAModuleNotReadingTheRuntime_isToldOnItsLiteral() throws IOException {
    compile("money", "module money { exports m; }", Map.of("m/Money", MONEY));
    StringWriter output = new StringWriter();
    boolean compiled =
        run(
            "la",
            "module la { requires dev.ferry.annotation; requires money; }",
            Map.of("la/Imports", IMPORTS),
            output,
            work.resolve("money"));
    assertTrue(!compiled, "compiled: " + output);
    assertThat(output.toString())
        .contains(
            "Imports.java:2: error: [ferry:transferable-shape] `Money` is imported into package"
                + " `la` of module `la`, which does not read `dev.ferry.runtime`, and the codec"
                + " `Money_FerryCodec` that Ferry generates there implements `dev.ferry.Codec` of"
                + " that module, so it could not compile and `Money` would have no codec. Fix: add"
                + " `requires dev.ferry.runtime;` to the module-info.java of `la`, with"
                + " ferry-runtime on the module path. See docs/rules/transferable-shape.md\n"
                + "@dev.ferry.annotation.TransferableImport(m.Money.class)\n"
                + "                                                ^");
    assertThat(output.toString()).doesNotContain("Money_FerryCodec.java");
  }

  /** A module reads the runtime through a module it requires that requires it transitively. */
  @Test
  void moduleReadingTheRuntimeThroughALibrary_compilesClean() throws IOException {
    compileLibraries("exports la;");
    Path app =
        compile("app", "module app { requires la; }", Map.of("app/Job", JOB), work.resolve("money"),
            work.resolve("la"));
    assertThat(codec(app, "app/Job_FerryCodec")).contains("implements Codec<Job>");
  }

  private static final String SEND_JOB =
      """
      package app.send;
      import app.Job;
      import dev.ferry.Codecs;
      public final class SendJob {
        private SendJob() {}
        public static byte[] one(Job job) { return Codecs.encode(job); }
      }
      """;

  /**
   * A value sent on its own whose type's package the module neither opens nor exports to Ferry's
   * runtime: the runtime reads its codec's INSTANCE by reflection, which the module refuses, and
   * the program compiled clean and failed at run time ('the codec of app.Job cannot be used ...
   * add 'opens app to dev.ferry.runtime;''). The call site is told the line to add.
   */
  @Test
  void valueSentFromAPackageTheModuleDoesNotOpen_isToldTheOpensToAdd() throws IOException {
    StringWriter output = new StringWriter();
    boolean compiled =
        run(
            "app",
            "module app { requires dev.ferry.runtime; }",
            Map.of("app/Job", JOB, "app/send/SendJob", SEND_JOB),
            output);
    assertTrue(!compiled, "compiled: " + output);
    assertThat(output.toString())
        .contains(
            "SendJob.java:6: error: [ferry:not-transferable] `job` is written to bytes for another"
                + " process to read, and its type `Job` has its codec in package `app` of module"
                + " `app`, which neither opens nor exports that package to `dev.ferry.runtime`, and"
                + " the runtime reads the codec of a value sent on its own by reflection, which the"
                + " module refuses. Fix: add `opens app to dev.ferry.runtime;` to the"
                + " module-info.java of `app`. See docs/rules/not-transferable.md\n"
                + "  public static byte[] one(Job job) { return Codecs.encode(job); }\n"
                + "                                                           ^");
    assertThat(output.toString()).contains("1 error");
  }

  @Test
  void valueSentFromAPackageOpenedOrExportedToTheRuntime_compilesClean() throws IOException {
    for (String moduleInfo :
        List.of(
            "module app { requires dev.ferry.runtime; opens app to dev.ferry.runtime; }",
            // transitive: -Xlint:all warns of an exported API naming a module not required so
            "module app { requires transitive dev.ferry.runtime; exports app; }",
            "open module app { requires dev.ferry.runtime; }")) {
      compile("app", moduleInfo, Map.of("app/Job", JOB, "app/send/SendJob", SEND_JOB));
    }
  }

  /** A member needs no opens: the codec of the type holding it calls its codec directly. */
  @Test
  void memberFromAPackageTheModuleDoesNotOpen_compilesClean() throws IOException {
    compile(
        "app",
        "module app { requires dev.ferry.runtime; opens app.send to dev.ferry.runtime; }",
        Map.of(
            "app/Job",
            JOB,
            "app/send/Batch",
            """
            package app.send;
            import dev.ferry.Codecs;
            @dev.ferry.annotation.Transferable
            public record Batch(app.Job job) {
              public byte[] bytes() { return Codecs.encode(this); }
            }
            """));
  }

  /**
   * A library module exporting the package that imports Money, requiring Ferry's runtime and
   * Money's module without {@code transitive}: its own code puts neither in its API (the importer
   * is package-private), but the generated public codec does, and javac's -Xlint:exports warned
   * four times in Money_FerryCodec.java ("interface Codec in module dev.ferry.runtime is not
   * indirectly exported using requires transitive", "class Money in module money ..."), which
   * -Werror turns into a failed build of a clean program.
   */
  @Test
  void importInAnExportedPackage_codecCompilesWithoutExportsWarnings() throws IOException {
    compile("money", "module money { exports m; }", Map.of("m/Money", MONEY));
    Path la =
        compile(
            "la",
            "module la { requires dev.ferry.runtime; requires money; exports la; }",
            Map.of("la/Imports", IMPORTS.replace("public final class", "final class")),
            work.resolve("money"));
    assertThat(codec(la, "la/Money_FerryCodec")).contains("@SuppressWarnings(\"exports\")");
  }

  private void compileLibraries(String laDirective) throws IOException {
    compile("money", "module money { exports m; }", Map.of("m/Money", MONEY));
    compile(
        "la",
        "module la { requires transitive dev.ferry.runtime; requires transitive money; "
            + laDirective
            + " }",
        Map.of("la/Imports", IMPORTS),
        work.resolve("money"));
  }

  /**
   * Compiles the module {@code name} of {@code moduleInfo} and {@code sources} (by path without
   * {@code .java}) with Ferry under {@code -Xlint:all -Werror} (see LintCleanCodecsTest) into
   * {@code work/name}, with Ferry and {@code modules} on the module path; returns that directory.
   */
  private Path compile(String name, String moduleInfo, Map<String, String> sources, Path... modules)
      throws IOException {
    StringWriter output = new StringWriter();
    assertTrue(run(name, moduleInfo, sources, output, modules), output.toString());
    assertThat(output.toString()).isEmpty();
    return work.resolve(name);
  }

  /** Compiles the module {@code app} holding {@code Bill}, against {@code money} and {@code la}. */
  private boolean compileBill(StringWriter output) throws IOException {
    return compileApp(Map.of("app/Bill", BILL), output);
  }

  /** Compiles the module {@code app} of {@code sources}, against {@code money} and {@code la}. */
  private boolean compileApp(Map<String, String> sources, StringWriter output) throws IOException {
    return run(
        "app",
        "module app { requires dev.ferry.runtime; requires money; requires la; }",
        sources,
        output,
        work.resolve("money"),
        work.resolve("la"));
  }

  private boolean run(
      String name,
      String moduleInfo,
      Map<String, String> sources,
      StringWriter output,
      Path... modules)
      throws IOException {
    Path src = work.resolve("src-" + name);
    List<Path> files = new ArrayList<>();
    files.add(Files.writeString(Files.createDirectories(src).resolve("module-info.java"), moduleInfo));
    for (Map.Entry<String, String> source : sources.entrySet()) {
      Path file = src.resolve(source.getKey() + ".java");
      Files.createDirectories(file.getParent());
      files.add(Files.writeString(file, source.getValue()));
    }
    StringBuilder modulePath = new StringBuilder(annotationsJar() + File.pathSeparator + runtimeJar());
    for (Path module : modules) {
      modulePath.append(File.pathSeparator).append(module);
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              output,
              fileManager,
              null,
              List.of(
                  "-Xlint:all,-processing",
                  "-Werror",
                  "--module-path",
                  modulePath.toString(),
                  "-d",
                  Files.createDirectories(work.resolve(name)).toString(),
                  "-s",
                  Files.createDirectories(work.resolve("generated-" + name)).toString()),
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      task.setProcessors(
          List.of(new CodecProcessor(), new CheckerProcessor(), new CodecRegistryProcessor()));
      return task.call();
    }
  }

  private String codec(Path classes, String path) throws IOException {
    return Files.readString(
        classes.resolveSibling("generated-" + classes.getFileName()).resolve(path + ".java"));
  }
}
