package dev.ferry.kafka.it;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Another version of a test type, as a producer or consumer built from different sources would
 * have it: the source is compiled with Ferry's processor into a directory, and a class loader that
 * looks there first for exactly that type and its codec loads it beside the test's own version.
 */
final class ChangedTypes {
  private ChangedTypes() {}

  /** Compiles {@code source} (the new version of {@code binaryName}) and loads that version. */
  static Class<?> compile(String binaryName, String source, Path dir) throws IOException {
    Path src = dir.resolve("src").resolve(binaryName.replace('.', '/') + ".java");
    Path classes = dir.resolve("classes");
    Files.createDirectories(src.getParent());
    Files.createDirectories(classes);
    Files.writeString(src, source);
    String classPath = System.getProperty("java.class.path");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter log = new StringWriter();
    boolean ok =
        javac
            .getTask(
                log, null, null,
                List.of("--release", "17", "-classpath", classPath, "-processorpath", classPath,
                    "-processor", "dev.ferry.processor.CodecProcessor", "-d", classes.toString()),
                null,
                javac.getStandardFileManager(null, null, null).getJavaFileObjects(src.toFile()))
            .call();
    if (!ok) {
      throw new AssertionError("the changed type did not compile:\n" + log);
    }
    String codec = binaryName + "_FerryCodec";
    ClassLoader loader =
        new ChildFirst(new URL[] {classes.toUri().toURL()}, Set.of(binaryName, codec));
    try {
      return Class.forName(binaryName, true, loader);
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  /** Loads the named classes from its own URLs before asking its parent, and nothing else. */
  private static final class ChildFirst extends URLClassLoader {
    private final Set<String> own;

    ChildFirst(URL[] urls, Set<String> own) {
      super(urls, ChangedTypes.class.getClassLoader());
      this.own = own;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!own.contains(name)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }
  }
}
