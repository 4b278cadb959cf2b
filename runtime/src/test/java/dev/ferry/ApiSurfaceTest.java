package dev.ferry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runtime's boundary as users see it: package {@code dev.ferry} holds exactly the user API,
 * and the module exports only it and the support that generated code calls.
 */
class ApiSurfaceTest {
  private static final Set<String> USER_API =
      Set.of(
          "ByteInput",
          "ByteOutput",
          "Channel",
          "ChannelClosedException",
          "Child",
          "ChildFailure",
          "Codec",
          "Codecs",
          "Ferry",
          "ProcessPool",
          "SpawnOptions",
          "TransferException");

  @Test
  void apiPackage_holdsExactlyTheUserApi() throws Exception {
    Path api = classesRoot().resolve("dev/ferry");
    Set<String> topLevel;
    try (Stream<Path> files = Files.list(api)) {
      topLevel =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith(".class") && !n.contains("$"))
              .map(n -> n.substring(0, n.length() - ".class".length()))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(new TreeSet<>(USER_API), topLevel);
  }

  @Test
  void module_exportsTheApiAndTheGeneratedCodeSupportOnly() throws Exception {
    ModuleDescriptor descriptor;
    try (InputStream in = Files.newInputStream(classesRoot().resolve("module-info.class"))) {
      descriptor = ModuleDescriptor.read(in);
    }
    assertEquals("dev.ferry.runtime", descriptor.name());
    Set<String> exported =
        descriptor.exports().stream()
            .filter(e -> !e.isQualified())
            .map(ModuleDescriptor.Exports::source)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(new TreeSet<>(Set.of("dev.ferry", "dev.ferry.internal.codec")), exported);
  }

  /** The directory the runtime's main classes were compiled to (tests run on the class path). */
  private static Path classesRoot() throws URISyntaxException, IOException {
    Path root = Path.of(Ferry.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    if (!Files.isDirectory(root)) {
      throw new IOException("the runtime's classes are not a directory here: " + root);
    }
    return root;
  }
}
