package dev.ferry.processor.checker;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Loads, without linking or initializing them, every class of the jars (or folders) that hold
 * the given classes, while their class loader can still read them.
 *
 * <p>Why: ECJ's batch compiler closes the processor path's class loader once the last round is
 * over ({@code BatchAnnotationProcessorManager.cleanUp} calls {@code URLClassLoader.close}), and
 * the call-site checks run after that, as ECJ hands over each compiled unit. A class they needed
 * for the first time then failed with {@code NoClassDefFoundError}, and every unit went unchecked,
 * silently (tests that run ECJ with Ferry's classes on their own class path did not see it). The
 * processor and JavaPoet hold about 120 classes; loading them costs milliseconds, under ECJ only.
 */
final class OwnClasses {
  private OwnClasses() {}

  /** Loads every class beside each of {@code anchors}; what cannot be read is left to load lazily. */
  static void loadAll(Class<?>... anchors) {
    for (Class<?> anchor : anchors) {
      ClassLoader loader = anchor.getClassLoader();
      for (String name : classNamesBeside(anchor)) {
        try {
          Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          // an optional dependency missing: the class was never going to load
        }
      }
    }
  }

  private static List<String> classNamesBeside(Class<?> anchor) {
    try {
      CodeSource source = anchor.getProtectionDomain().getCodeSource();
      if (source == null) {
        return List.of();
      }
      Path location = Path.of(source.getLocation().toURI());
      return Files.isDirectory(location) ? classNamesIn(location) : classNamesInJar(location);
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return List.of();
    }
  }

  private static List<String> classNamesInJar(Path jar) throws IOException {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream().map(JarEntry::getName).map(OwnClasses::className)
          .filter(name -> name != null).toList();
    }
  }

  private static List<String> classNamesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.map(file -> className(folder.relativize(file).toString().replace('\\', '/')))
          .filter(name -> name != null).toList();
    }
  }

  /** {@code a/b/C$D.class} as {@code a.b.C$D}; null for anything else (resources, module-info). */
  private static String className(String entry) {
    if (!entry.endsWith(".class") || entry.startsWith("META-INF/")
        || entry.endsWith("module-info.class") || entry.endsWith("package-info.class")) {
      return null;
    }
    return entry.substring(0, entry.length() - ".class".length()).replace('/', '.');
  }
}
