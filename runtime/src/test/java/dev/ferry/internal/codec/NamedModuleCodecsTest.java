package dev.ferry.internal.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.Codec;
import dev.ferry.annotation.Transferable;
import java.io.File;
import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A codec in a package of a named module that does not open it to Ferry's runtime: reflection
 * refuses its public {@code INSTANCE}, and {@code Codecs.of} said the codec had none ("is not a
 * usable Ferry codec (no public static INSTANCE field ...); rebuild it with ferry-processor"),
 * though the fix is one line of the module-info. The module runs in a layer of its own, beside
 * Ferry's runtime and annotations as modules.
 */
class NamedModuleCodecsTest {
  private static final String JOB = "package app; public record Job(int n) {}";
  private static final String CODEC =
      """
      package app;
      import dev.ferry.*;
      public final class Job_FerryCodec implements Codec<Job> {
        public static final Job_FerryCodec INSTANCE = new Job_FerryCodec();
        public void write(ByteOutput out, Job job) { out.writeVarInt(job.n()); }
        public Job read(ByteInput in) { return new Job(in.readVarInt()); }
        public long fingerprint() { return 1L; }
      }
      """;

  @TempDir Path work;

  @Test
  void codecInAPackageNotOpened_failsNamingTheOpensToAdd() throws Exception {
    Throwable failure =
        assertThrows(
            InvocationTargetException.class,
            () -> codecsOfJob("module app { requires dev.ferry.runtime; }"))
            .getCause();
    assertInstanceOf(IllegalStateException.class, failure);
    assertTrue(
        failure.getMessage().startsWith("the codec of app.Job cannot be used: app.Job_FerryCodec"
            + " is in package app of module app, which does not open it to dev.ferry.runtime,"),
        failure.getMessage());
    assertTrue(
        failure.getMessage().endsWith(
            "add 'opens app to dev.ferry.runtime;' to the module-info.java of app"),
        failure.getMessage());
  }

  @Test
  void codecInAnOpenedPackage_isFound() throws Exception {
    Object codec =
        codecsOfJob("module app { requires dev.ferry.runtime; opens app to dev.ferry.runtime; }");
    assertEquals("app.Job_FerryCodec", codec.getClass().getName());
  }

  /** Compiles the module {@code app} and calls {@code Codecs.of(Job.class)} in a layer. */
  private Object codecsOfJob(String moduleInfo) throws Exception {
    Path src = Files.createDirectories(work.resolve("src/app"));
    Files.writeString(work.resolve("src/module-info.java"), moduleInfo);
    Files.writeString(src.resolve("Job.java"), JOB);
    Files.writeString(src.resolve("Job_FerryCodec.java"), CODEC);
    Path classes = work.resolve("classes");
    Path runtime = codeSource(Codec.class);
    Path annotations = codeSource(Transferable.class);
    // javac as a process: this test runs in the runtime's module, which does not read
    // java.compiler.
    Process javac =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "javac").toString(),
                "--module-path",
                runtime + File.pathSeparator + annotations,
                "-d",
                classes.toString(),
                work.resolve("src/module-info.java").toString(),
                src.resolve("Job.java").toString(),
                src.resolve("Job_FerryCodec.java").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(javac.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean compiled = javac.waitFor() == 0;
    assertTrue(compiled, output);

    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration()
            .resolve(ModuleFinder.of(classes, runtime, annotations), ModuleFinder.of(), Set.of("app"));
    ModuleLayer layer =
        boot.defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    ClassLoader loader = layer.findLoader("app");
    Method of = loader.loadClass("dev.ferry.Codecs").getMethod("of", Class.class);
    return of.invoke(null, loader.loadClass("app.Job"));
  }

  private static Path codeSource(Class<?> type) throws URISyntaxException, IOException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
