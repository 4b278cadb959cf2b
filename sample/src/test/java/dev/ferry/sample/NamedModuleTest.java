package dev.ferry.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's program in a named module, with Ferry on the module path as the named module
 * {@code dev.ferry.runtime} (its module-info), spawns a child and hears from it, as docs/runtime.md ("Named modules")
 * says; without the {@code opens} the docs ask for, the spawn fails with a message naming it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NamedModuleTest {
  private static final String MAIN =
      """
      package demo.app;

      import dev.ferry.Channel;
      import dev.ferry.Child;
      import dev.ferry.Ferry;

      public final class Main {
        public static void main(String[] args) throws Exception {
          try (Channel<String> replies = Channel.create()) {
            Child child;
            try {
              child = Ferry.spawn(Main::reply, replies);
            } catch (RuntimeException e) {
              System.out.println("spawn failed: " + e.getMessage());
              return;
            }
            System.out.println("received: " + replies.receive());
            System.out.println("child exited with " + child.join());
          }
        }

        private static void reply(Channel<String> replies) throws Exception {
          replies.send("hello from " + Main.class.getModule().getName());
        }
      }
      """;

  @TempDir Path work;

  @Test
  void aProgramInANamedModule_spawnsAChildThatRunsInTheSameModule() throws Exception {
    String out = compileAndRun("opens demo.app to dev.ferry.runtime;");
    assertTrue(out.contains("received: hello from demo.app"), out);
    assertTrue(out.contains("child exited with 0"), out);
  }

  @Test
  void withoutOpens_theSpawnFailsWithTheOpensToAdd() throws Exception {
    String out = compileAndRun("");
    assertTrue(
        out.contains("spawn failed: ") && out.contains("'opens demo.app to dev.ferry.runtime;'"),
        out);
  }

  /**
   * The opens given on the command line instead, as java's --add-opens: the parent accepted the
   * target, and its child, started without the flag, failed at once saying to add the opens to
   * module-info.java. The child gets the flag now.
   */
  @Test
  void opensGivenOnTheCommandLine_reachTheChild() throws Exception {
    String out = compileAndRun("", "--add-opens", "demo.app/demo.app=dev.ferry.runtime");
    assertTrue(out.contains("received: hello from demo.app"), out);
    assertTrue(out.contains("child exited with 0"), out);
  }

  /**
   * The program linked with Ferry into a runtime image (jlink), and run from it: its modules are
   * in the image, not on a module path, and every child failed at once with a bare
   * ClassNotFoundException: demo.app.Main, since its java -m dev.ferry.runtime/... did not resolve
   * them.
   */
  @Test
  void aProgramLinkedIntoARuntimeImage_spawnsAChild() throws Exception {
    compileAndRun("opens demo.app to dev.ferry.runtime;");
    Path image = work.resolve("image");
    int linked = java.util.spi.ToolProvider.findFirst("jlink").orElseThrow().run(
        System.out, System.err, "--module-path", modulePath + java.io.File.pathSeparator + classes,
        "--add-modules", "demo.app", "--output", image.toString(), "--no-header-files",
        "--no-man-pages");
    assertEquals(0, linked, "jlink");
    String out = run(List.of(image.resolve("bin").resolve("java").toString(),
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-m", "demo.app/demo.app.Main"));
    assertTrue(out.contains("received: hello from demo.app"), out);
    assertTrue(out.contains("child exited with 0"), out);
  }

  private String modulePath;
  private Path classes;

  private String compileAndRun(String opens, String... javaFlags) throws Exception {
    Path runtime = moduleJar("ferry-runtime", "dev.ferry.runtime");
    Path annotations = moduleJar("ferry-annotations", "ferry.annotations");
    Path src = work.resolve("src");
    Files.createDirectories(src.resolve("demo/app"));
    Files.writeString(
        src.resolve("module-info.java"),
        "module demo.app { requires dev.ferry.runtime; " + opens + " }");
    Files.writeString(src.resolve("demo/app/Main.java"), MAIN);
    classes = work.resolve("classes");
    modulePath = runtime + java.io.File.pathSeparator + annotations;
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int compiled =
        javac.run(
            null,
            null,
            null,
            "--module-path", modulePath,
            "-d", classes.toString(),
            src.resolve("module-info.java").toString(),
            src.resolve("demo/app/Main.java").toString());
    assertEquals(0, compiled, "the named-module program must compile");

    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    command.addAll(List.of(javaFlags));
    command.addAll(
        List.of(
            "--module-path", classes + java.io.File.pathSeparator + modulePath,
            "-m", "demo.app/demo.app.Main"));
    return run(command);
  }

  private static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out;
    try (InputStream stdout = process.getInputStream()) {
      out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the program did not end: " + out);
    assertEquals(0, process.exitValue(), out);
    return out;
  }

  /**
   * The jar of {@code artifact} on this test's class path, as a module: in a reactor build that
   * ran {@code package} it is the jar itself; otherwise (e.g. {@code mvn test}) its classes
   * directory, which is jarred here with the module name in the manifest.
   */
  private Path moduleJar(String artifact, String moduleName) throws IOException {
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path path = Path.of(entry);
      boolean jar = path.getFileName().toString().startsWith(artifact + "-") && entry.endsWith(".jar");
      boolean classes =
          Files.isDirectory(path)
              && path.getParent() != null
              && path.getParent().getParent() != null
              && path.getParent().getParent().getFileName().toString().equals(artifact.substring("ferry-".length()));
      if (jar) {
        return path;
      }
      if (classes) {
        return jar(path, work.resolve(artifact + ".jar"), moduleName);
      }
    }
    throw new IllegalStateException(artifact + " is not on the class path: " + System.getProperty("java.class.path"));
  }

  private static Path jar(Path classes, Path jar, String moduleName) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(new Attributes.Name("Automatic-Module-Name"), moduleName);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
    return jar;
  }
}
