package dev.ferry.internal.process;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code --add-opens} flags a child needs to open to Ferry the packages of the program's
 * named modules that this JVM opens to it beyond what their {@code module-info} says: a program
 * run with {@code java --add-opens app/app=dev.ferry.runtime -p mods -m app/app.Main}, whose
 * module does not open {@code app}, had its spawn target accepted here (this JVM lets Ferry read
 * it), and then its child, started without that flag, failed at once: {@code Ferry cannot call
 * app.Main::child in module app: add 'opens app to dev.ferry.runtime;' to its module-info.java},
 * though the user had opened it, as the docs allow, on the command line.
 *
 * <p>Only modules of the module path are looked at (not the JDK's, whose opens a child's target
 * gets with {@code jvmFlags}), and only openness in effect here: what the module's own descriptor
 * grants the child has anyway. Computed once, the first time a child is started: the boot layer
 * does not change, and a program that opens a package at run time ({@code Module.addOpens}) before
 * its first spawn gives it to its children too.
 */
final class CommandLineOpens {
  private CommandLineOpens() {}

  private static volatile List<String> flags;

  /** The flags, empty where Ferry is not in a named module or nothing was opened so. */
  static List<String> flags() {
    List<String> known = flags;
    if (known == null) {
      known = List.copyOf(compute());
      flags = known;
    }
    return known;
  }

  private static List<String> compute() {
    Module ferry = CommandLineOpens.class.getModule();
    if (!ferry.isNamed() || ferry.getLayer() != ModuleLayer.boot()) {
      return List.of(); // on the class path, Ferry reads an unnamed module's packages anyway
    }
    List<String> flags = new ArrayList<>();
    for (Module module : ModuleLayer.boot().modules()) {
      ModuleDescriptor descriptor = module.getDescriptor();
      if (module == ferry || descriptor.isOpen() || descriptor.isAutomatic()
          || isJdkModule(module)) {
        continue; // opens everything already, or not the program's
      }
      for (String packageName : module.getPackages()) {
        if (module.isOpen(packageName, ferry) && !openedByDescriptor(descriptor, packageName,
            ferry.getName())) {
          flags.add("--add-opens");
          flags.add(module.getName() + "/" + packageName + "=" + ferry.getName());
        }
      }
    }
    return flags;
  }

  private static boolean openedByDescriptor(
      ModuleDescriptor descriptor, String packageName, String to) {
    for (ModuleDescriptor.Opens opens : descriptor.opens()) {
      if (opens.source().equals(packageName)
          && (!opens.isQualified() || opens.targets().contains(to))) {
        return true;
      }
    }
    return false;
  }

  /** A module of the JDK (java.base, jdk.compiler), rather than of the program. */
  private static boolean isJdkModule(Module module) {
    ClassLoader loader = module.getClassLoader();
    String name = module.getName();
    return loader == null || loader == ClassLoader.getPlatformClassLoader()
        || name.startsWith("java.") || name.startsWith("jdk.");
  }
}
