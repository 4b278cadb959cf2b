package dev.ferry.internal.process;

import java.lang.module.ResolvedModule;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

/**
 * The program's modules that this JVM's runtime image holds, as {@code jlink --add-modules
 * app,dev.ferry.runtime} links them in, which a child must be told to resolve: a child runs
 * {@code java -m dev.ferry.runtime/...ChildMain}, whose boot layer resolves only Ferry's module and
 * what it requires, so a program run from such an image ({@code image/bin/app}, {@code
 * image/bin/java -m app/app.Main}) had every child fail at once with a bare {@code
 * ClassNotFoundException: app.Main}, and its channel closed. Modules on the module path need no
 * such word: the child gets {@code --add-modules ALL-MODULE-PATH}. The JDK's own modules are left
 * out: the program's modules require those they need.
 */
final class LinkedModules {
  private LinkedModules() {}

  private static volatile String names;

  /** The modules' names joined by commas, empty if there are none (a JDK's own image). */
  static String names() {
    String known = names;
    if (known == null) {
      known = String.join(",", compute());
      names = known;
    }
    return known;
  }

  private static Set<String> compute() {
    Set<String> linked = new TreeSet<>();
    for (ResolvedModule module : ModuleLayer.boot().configuration().modules()) {
      String name = module.name();
      boolean inImage = module.reference().location().map(URI::getScheme)
          .filter("jrt"::equals).isPresent();
      if (inImage && !name.startsWith("java.") && !name.startsWith("jdk.")
          && !name.startsWith("javafx.")) {
        linked.add(name);
      }
    }
    return linked;
  }
}
