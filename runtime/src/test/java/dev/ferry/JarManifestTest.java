package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Programs started with {@code java -jar}, whose jar's manifest gives their JVM more. */
@Timeout(60)
public class JarManifestTest {

  /** Makes String's private field accessible, which needs java.base to open java.lang to it. */
  static void peeks() throws Exception {
    String.class.getDeclaredField("value").setAccessible(true);
  }

  /** Peeks, then spawns a grandchild that peeks. */
  static void peeksAndSpawns() throws Exception {
    peeks();
    Child grandchild = Ferry.options().keepSpare(false).spawn(JarManifestTest::peeks);
    if (grandchild.join() != 0) {
      throw new IllegalStateException("the grandchild failed: " + grandchild.failure());
    }
  }

  /** A whole program, run from a jar whose manifest says Add-Opens: java.base/java.lang. */
  public static final class OpensProgram {
    public static void main(String[] args) throws Exception {
      peeks(); // the manifest opened java.lang to this JVM
      Child child = Ferry.options().keepSpare(false).spawn(JarManifestTest::peeksAndSpawns);
      System.out.println("exit " + child.join() + child.failure().map(f -> ": " + f).orElse(""));
    }
  }

  /** A whole program, run from a jar whose manifest says Enable-Native-Access: ALL-UNNAMED. */
  public static final class NativeProgram {
    public static void main(String[] args) throws Exception {
      Child child = Ferry.options().keepSpare(false).spawn(JarManifestTest::loadsALibrary);
      System.out.println("exit " + child.join());
    }
  }

  /** Calls a restricted method, System.load, which JDK 24+ warns of without native access. */
  static void loadsALibrary() {
    try {
      System.load("/nonexistent/libferry-test.so");
    } catch (UnsatisfiedLinkError expected) {
      // the warning, if any, comes before the library is looked for
    }
  }

  /**
   * A child runs java -cp app.jar, which ignores the manifest's Add-Opens that java -jar app.jar
   * applied to the parent: a target that reflected into java.lang, as the parent could, failed in
   * the child with InaccessibleObjectException. Now children and theirs get it as a flag.
   */
  @Test
  void childrenOfAJarsProgram_getTheAccessItsManifestGave(@TempDir Path dir) throws Exception {
    String output = runJar(dir, OpensProgram.class, "Add-Opens", "java.base/java.lang");
    assertTrue(output.contains("exit 0"), output);
  }

  /**
   * The same for Enable-Native-Access (JDK 22+): a child loading a library printed JDK 24+'s
   * 'WARNING: A restricted method in java.lang.System has been called', which the parent did not.
   */
  @Test
  void childrenOfAJarsProgram_getTheNativeAccessItsManifestGave(@TempDir Path dir)
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 24,
        "JDK 24 and later warn of restricted methods");
    String output = runJar(dir, NativeProgram.class, "Enable-Native-Access", "ALL-UNNAMED");
    assertTrue(output.contains("exit 0"), output);
    assertFalse(output.contains("WARNING: A restricted method"), output);
  }

  /**
   * Runs {@code java -jar} on a jar in {@code dir} whose manifest names {@code program} its main
   * class, sets {@code attribute} to {@code value}, and names this JVM's class path as its own;
   * what it printed.
   */
  private static String runJar(Path dir, Class<?> program, String attribute, String value)
      throws Exception {
    Path jar = dir.resolve("app.jar");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.put(Attributes.Name.MAIN_CLASS, program.getName());
    main.putValue(attribute, value);
    main.put(Attributes.Name.CLASS_PATH,
        Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
            .map(entry -> Path.of(entry).toAbsolutePath().toUri().toString())
            .collect(Collectors.joining(" ")));
    try (OutputStream out = Files.newOutputStream(jar);
        JarOutputStream unused = new JarOutputStream(out, manifest)) {
      // the manifest is all it holds: its classes come from the class path it names
    }
    return Children.outputOf(new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-jar", jar.toString()), 30);
  }
}
