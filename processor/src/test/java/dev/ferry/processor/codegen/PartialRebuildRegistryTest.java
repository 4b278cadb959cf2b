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
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build that compiles only the files that changed (maven-compiler-plugin with {@code
 * useIncrementalCompilation} off, an IDE's make) compiles them into the classes of the last build,
 * with those classes on its class path. The codec list {@code META-INF/ferry/codecs} it writes
 * must still name the codecs of the files it did not compile: it held only the recompiled file's
 * types, so a class imported with {@code @TransferableImport} in another file lost its codec at run
 * time ("ext.Point has no codec").
 */
class PartialRebuildRegistryTest {
  private static final String POINT =
      """
      package ext;
      public final class Point {
        private final int x;
        public Point(int x) { this.x = x; }
        public int x() { return x; }
      }
      """;

  private static final String IMPORTS =
      """
      package app;
      @dev.ferry.annotation.TransferableImport(ext.Point.class)
      final class Imports {}
      """;

  private static final String JOB =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public record Job(int id) {}
      """;

  private static final String ORDER =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public record Order(Job job, String name) {}
      """;

  @TempDir Path work;

  @Test
  void oneChangedFileCompiledAlone_keepsTheOtherFilesCodecsListed() throws IOException {
    compile(List.of("ext/Point", POINT, "app/Imports", IMPORTS, "app/Job", JOB, "app/Order", ORDER));
    String everything =
        """
        app.Job app.Job_FerryCodec
        app.Order app.Order_FerryCodec
        ext.Point app.Point_FerryCodec
        """;
    assertThat(registry()).isEqualTo(everything);

    compile(List.of("app/Order", ORDER.replace("String name", "String name, int quantity")));

    assertThat(registry()).isEqualTo(everything);
  }

  @Test
  void oneChangedFileCompiledAlone_dropsWhatItNoLongerDeclares() throws IOException {
    compile(List.of("ext/Point", POINT, "app/Imports", IMPORTS, "app/Job", JOB, "app/Order", ORDER));

    compile(
        List.of(
            "app/Job", JOB.replace("@dev.ferry.annotation.Transferable\n", ""),
            "app/Order", ORDER.replace("Job job", "int job")));

    assertThat(registry())
        .isEqualTo(
            """
            app.Order app.Order_FerryCodec
            ext.Point app.Point_FerryCodec
            """);
  }

  /**
   * The file that imported Point compiled alone without its import, the only annotation of Ferry's
   * left in it: the registry processor did not run (javac runs a processor only for annotations it
   * supports), and had it run, the earlier list's line for Point was kept, its type and the stale
   * codec beside it both resolving, so Codecs.of found a codec the sources no longer declare.
   */
  @Test
  void importRemovedFromAFileCompiledAlone_dropsItsLineAndIndex() throws IOException {
    compile(List.of("ext/Point", POINT, "app/Imports", IMPORTS, "app/Job", JOB, "app/Order", ORDER));
    assertThat(index("ext.Point")).startsWith("app.Point_FerryCodec\n");

    compile(List.of("app/Imports", "package app;\nfinal class Imports {}\n"));

    assertThat(registry())
        .isEqualTo(
            """
            app.Job app.Job_FerryCodec
            app.Order app.Order_FerryCodec
            """);
    assertThat(index("ext.Point")).isEmpty();
  }

  /** The same for an import on a package-info.java, compiled again beside a changed type. */
  @Test
  void importRemovedFromAPackageInfoCompiledAgain_dropsItsLine() throws IOException {
    String packageInfo = "@dev.ferry.annotation.TransferableImport(ext.Point.class)\npackage app;\n";
    compile(List.of("ext/Point", POINT, "app/package-info", packageInfo, "app/Job", JOB));
    assertThat(registry()).contains("ext.Point app.Point_FerryCodec\n");

    compile(List.of("app/package-info", "package app;\n", "app/Job", JOB.replace("int id", "long id")));

    assertThat(registry()).isEqualTo("app.Job app.Job_FerryCodec\n");
    assertThat(index("ext.Point")).isEmpty();
  }

  /** An import whose file is compiled again with the import kept stays listed. */
  @Test
  void importKeptInAFileCompiledAgain_staysListed() throws IOException {
    compile(List.of("ext/Point", POINT, "app/Imports", IMPORTS, "app/Job", JOB));

    compile(List.of("app/Imports", IMPORTS.replace("final class", "public final class")));

    assertThat(registry())
        .isEqualTo(
            """
            app.Job app.Job_FerryCodec
            ext.Point app.Point_FerryCodec
            """);
    assertThat(index("ext.Point")).startsWith("app.Point_FerryCodec\n");
  }

  private static final String POINT_CODEC =
      """
      package app;
      import dev.ferry.ByteInput;
      import dev.ferry.ByteOutput;
      import dev.ferry.Codec;
      @dev.ferry.annotation.TransferableCodec
      public final class PointCodec implements Codec<ext.Point> {
        public static final PointCodec INSTANCE = new PointCodec();
        @Override public void write(ByteOutput out, ext.Point p) { out.writeVarInt(p.x()); }
        @Override public ext.Point read(ByteInput in) { return new ext.Point(in.readVarInt()); }
        @Override public long fingerprint() { return 1; }
      }
      """;

  /**
   * A hand-written codec of a class another file still imports, compiled alone, is two codecs of
   * one class, as when both files are compiled. It compiled clean: the registry writer put its
   * own index in place of the import's in the classes this build compiles into, before the
   * checker read the index from them (the class path), and the list named the hand-written codec
   * while codecs compiled before went on calling the import's.
   */
  @Test
  void codecAddedAloneForAClassAnotherFileImports_isTwoCodecs() throws IOException {
    compile(List.of("ext/Point", POINT, "app/Imports", IMPORTS, "app/Job", JOB));

    String output = compileFailing(List.of("app/PointCodec", POINT_CODEC));

    assertThat(output).contains("[ferry:transferable-shape] `Point` gets a codec from the"
        + " hand-written codec `PointCodec` and another from `app.Point_FerryCodec` (declared by"
        + " `app.Imports`), which an earlier compile left in the output directory `"
        + work.resolve("classes") + "` this one compiles into");
    // Not "in a jar": the other codec is the user's own, in a file not compiled again.
    assertThat(output).contains("Fix: keep one of them: remove the other from `app.Imports`, or"
        + " remove this one; if the other is gone from your sources already, build clean");
    assertThat(index("ext.Point")).startsWith("app.Point_FerryCodec\n");
    assertThat(registry()).contains("ext.Point app.Point_FerryCodec\n");
  }

  /** Its twin: the import removed from the file compiled with it, the codec replaces it. */
  @Test
  void codecAddedWithTheImportRemoved_replacesIt() throws IOException {
    compile(List.of("ext/Point", POINT, "app/Imports", IMPORTS, "app/Job", JOB));

    compile(
        List.of("app/PointCodec", POINT_CODEC, "app/Imports", "package app;\nfinal class Imports {}\n"));

    assertThat(index("ext.Point")).startsWith("app.PointCodec\n");
    assertThat(registry())
        .isEqualTo(
            """
            app.Job app.Job_FerryCodec
            ext.Point app.PointCodec
            """);
  }

  private String index(String type) throws IOException {
    return Files.readString(work.resolve("classes/const/ferry/types/" + type));
  }

  private String registry() throws IOException {
    return Files.readString(work.resolve("classes/META-INF/ferry/codecs"));
  }

  /**
   * Compiles {@code sources} (path without {@code .java}, then text, in turn) with Ferry into
   * {@code work/classes}, with that directory on the class path, as such a build does.
   */
  private void compile(List<String> sources) throws IOException {
    StringWriter output = new StringWriter();
    assertTrue(run(sources, output), output.toString());
  }

  /** As {@link #compile}, for sources that must not compile; the compiler's output. */
  private String compileFailing(List<String> sources) throws IOException {
    StringWriter output = new StringWriter();
    assertTrue(!run(sources, output), "compiled clean");
    return output.toString();
  }

  private boolean run(List<String> sources, StringWriter output) throws IOException {
    Path classes = Files.createDirectories(work.resolve("classes"));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < sources.size(); i += 2) {
      Path file = work.resolve("src").resolve(sources.get(i) + ".java");
      Files.createDirectories(file.getParent());
      files.add(Files.writeString(file, sources.get(i + 1)));
    }
    String classPath =
        String.join(
            File.pathSeparator,
            classes.toString(),
            annotationsJar().toString(),
            runtimeJar().toString());
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    try (StandardJavaFileManager fileManager = javac.getStandardFileManager(null, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              output,
              fileManager,
              null,
              List.of(
                  "-classpath", classPath,
                  "-d", classes.toString(),
                  "-s", Files.createDirectories(work.resolve("generated")).toString(),
                  "-implicit:none"),
              null,
              fileManager.getJavaFileObjectsFromPaths(files));
      task.setProcessors(
          List.of(new CodecProcessor(), new CheckerProcessor(), new CodecRegistryProcessor()));
      return task.call();
    }
  }
}
