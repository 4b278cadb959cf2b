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
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codecs of a program in a named module, compiled as {@code javac --module-path} builds it (on
 * files: compile-testing's in-memory sources cannot hold a module). The codec is marked {@code
 * @javax.annotation.processing.Generated}, whose module {@code java.compiler} a named module reads
 * only if it requires it: a codec that named it anyway did not compile ("package
 * javax.annotation.processing is not visible").
 */
class NamedModuleCodecsTest {
  private static final String JOB =
      """
      package app;
      @dev.ferry.annotation.Transferable
      public record Job(String name, int attempts) {}
      """;

  @TempDir Path work;

  @Test
  void moduleNotReadingJavaCompiler_codecCompilesWithoutGenerated() throws IOException {
    String codec = compile("module app { requires dev.ferry.runtime; }");
    assertThat(codec).doesNotContain("@Generated");
  }

  @Test
  void moduleRequiringJavaSe_codecIsGenerated() throws IOException {
    String codec = compile("module app { requires dev.ferry.runtime; requires java.se; }");
    assertThat(codec).contains("@Generated(\"dev.ferry.processor.CodecProcessor\")");
  }

  /**
   * Compiles the module {@code app} of {@code moduleInfo} and {@code app.Job} with Ferry under
   * {@code -Xlint:all -Werror} (see LintCleanCodecsTest); returns the codec's source.
   */
  private String compile(String moduleInfo) throws IOException {
    Path src = Files.createDirectories(work.resolve("src/app"));
    Files.writeString(work.resolve("src/module-info.java"), moduleInfo);
    Files.writeString(src.resolve("Job.java"), JOB);
    Path classes = Files.createDirectories(work.resolve("classes"));
    Path generated = Files.createDirectories(work.resolve("generated"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter output = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      JavaCompiler.CompilationTask task =
          javac.getTask(
              output,
              files,
              null,
              List.of(
                  "-Xlint:all,-processing",
                  "-Werror",
                  "--module-path",
                  annotationsJar() + File.pathSeparator + runtimeJar(),
                  "-d",
                  classes.toString(),
                  "-s",
                  generated.toString()),
              null,
              files.getJavaFileObjects(
                  work.resolve("src/module-info.java"), src.resolve("Job.java")));
      task.setProcessors(
          List.of(new CodecProcessor(), new CheckerProcessor(), new CodecRegistryProcessor()));
      assertTrue(task.call(), output.toString());
    }
    assertThat(output.toString()).isEmpty();
    return Files.readString(generated.resolve("app/Job_FerryCodec.java"));
  }
}
