package dev.ferry.internal.process;

import java.io.File;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The {@code --add-opens}, {@code --add-exports} and {@code --enable-native-access} flags a child
 * needs to have the access this JVM got from its jar's manifest. {@code java -jar app.jar} applies
 * the manifest's {@code Add-Opens}, {@code Add-Exports} and (JDK 22+) {@code Enable-Native-Access}
 * to the program's JVM, but a child runs {@code java -cp app.jar ...ChildMain}, which ignores them,
 * so a target that worked in the parent (a library reflecting into {@code java.lang}) failed in the
 * child with {@code InaccessibleObjectException}, and one loading a native library printed JDK
 * 24+'s restricted-method warning there.
 *
 * <p>Only what is in effect here is passed on: an entry of the manifest whose package this JVM
 * opens (or exports) to the class path's unnamed module. So a program started with {@code -cp
 * app.jar}, which did not get them, gives its children none, and a child, which got them as flags,
 * gives them on to its own children. Computed once per class path.
 */
final class JarManifestAccess {
  private JarManifestAccess() {}

  private record Computed(String classPath, List<String> flags) {}

  private static volatile Computed last;

  /** The flags for a child given {@code classPath}, this JVM's {@code java.class.path}. */
  static List<String> flags(String classPath) {
    Computed known = last;
    if (known != null && known.classPath().equals(classPath)) {
      return known.flags();
    }
    List<String> flags = List.copyOf(compute(classPath));
    last = new Computed(classPath, flags);
    return flags;
  }

  private static List<String> compute(String classPath) {
    if (classPath.contains(File.pathSeparator) || !classPath.toLowerCase().endsWith(".jar")) {
      return List.of(); // java -jar puts the one jar on java.class.path
    }
    Attributes main;
    try (JarFile jar = new JarFile(classPath)) {
      main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
    } catch (IOException | SecurityException e) {
      return List.of(); // not a jar this JVM can read: no manifest gave it anything
    }
    if (main == null) {
      return List.of();
    }
    List<String> flags = new ArrayList<>();
    addInEffect(flags, main.getValue("Add-Opens"), "--add-opens", true);
    addInEffect(flags, main.getValue("Add-Exports"), "--add-exports", false);
    if ("ALL-UNNAMED".equals(trimmed(main.getValue("Enable-Native-Access")))
        && nativeAccessEnabled()) {
      flags.add("--enable-native-access=ALL-UNNAMED");
    }
    return flags;
  }

  private static String trimmed(String value) {
    return value == null ? null : value.trim();
  }

  /**
   * Whether the class path's unnamed module has native access here: {@code
   * Module.isNativeAccessEnabled()}, found by name since it came with JDK 22 and this code is built
   * for 17; false before 22, where the manifest's attribute gave nothing.
   */
  private static boolean nativeAccessEnabled() {
    try {
      MethodHandle enabled = MethodHandles.publicLookup().findVirtual(
          Module.class, "isNativeAccessEnabled", MethodType.methodType(boolean.class));
      return (boolean) enabled.invoke(ClassLoader.getSystemClassLoader().getUnnamedModule());
    } catch (NoSuchMethodException | IllegalAccessException e) {
      return false; // JDK 17 to 21
    } catch (Throwable e) {
      return false; // it cannot throw; if it did, the child runs as it would have without
    }
  }

  /**
   * Adds {@code flag module/package=ALL-UNNAMED} for each {@code module/package} of a manifest
   * attribute's {@code value} that this JVM opens (or exports) to the unnamed module and not to
   * every module anyway.
   */
  private static void addInEffect(List<String> flags, String value, String flag, boolean opens) {
    if (value == null) {
      return;
    }
    Module unnamed = ClassLoader.getSystemClassLoader().getUnnamedModule();
    for (String entry : value.trim().split("\\s+")) {
      int slash = entry.indexOf('/');
      if (slash <= 0) {
        continue;
      }
      String packageName = entry.substring(slash + 1);
      Optional<Module> module = ModuleLayer.boot().findModule(entry.substring(0, slash));
      if (module.isEmpty() || !module.get().getPackages().contains(packageName)) {
        continue;
      }
      Module m = module.get();
      boolean granted = opens ? m.isOpen(packageName, unnamed) : m.isExported(packageName, unnamed);
      boolean toAll = opens ? m.isOpen(packageName) : m.isExported(packageName);
      if (granted && !toAll) {
        flags.add(flag);
        flags.add(entry + "=ALL-UNNAMED");
      }
    }
  }
}
