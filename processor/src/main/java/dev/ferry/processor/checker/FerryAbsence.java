package dev.ferry.processor.checker;

import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.util.Elements;

/**
 * Proves, for a whole compilation, that no code in it can reach Ferry, so that no unit needs a
 * walk (see {@link FerryReach}): on code that never uses Ferry, that walk would be nearly all of
 * the checker's cost.
 *
 * <p>Every way to reach Ferry ends at one of Ferry's annotations ({@code @Sent} on {@code
 * Channel.send}, {@code @Transferable} on a record, ...), read from a source file or a class file.
 * javac cannot read such an annotation, nor name any of Ferry's types, without entering the
 * package {@code dev.ferry} or one below it; and it enters no package without a reason (a name it
 * looks up, a type in a signature or an annotation of a class it reads). So when, after every
 * unit is attributed, javac has entered no package of Ferry's, nothing attributed names Ferry.
 * What javac has not read yet could: a class from a jar whose signature javac never needed (a
 * type of one of its fields, say) may still hold a {@code Channel}. Hence the proof also needs
 * every class javac knows outside the JDK to come from a source file of this compilation, whose
 * trees, attributed, are all read. The JDK's classes never reach Ferry.
 *
 * <p>Only javac's public model is used: the packages of a module are those javac has entered
 * ({@link ModuleElement#getEnclosedElements()} lists the entered packages that hold types), and a
 * class has a tree only when it comes from source. Anything else (a class from a jar, a
 * compilation without modules) means "not proven", and every unit is walked as before.
 */
final class FerryAbsence {
  private static final Set<String> JDK_MODULE_PREFIXES = Set.of("java.", "jdk.");

  private FerryAbsence() {}

  /**
   * Whether no package of Ferry's is entered and every class javac knows is the JDK's or comes
   * from a source file whose top-level class tree {@code read} accepts.
   *
   * @param sourcePackages the packages of this compilation's source files: any other package
   *     outside the JDK holds classes of a jar, and is not listed, since listing a package's
   *     classes makes javac read every one of them
   */
  static boolean proven(Elements elements, Trees trees, Set<String> sourcePackages, Predicate<Tree> read) {
    Set<? extends ModuleElement> modules = elements.getAllModuleElements();
    if (modules.isEmpty()) {
      return false; // javac without modules (source 8): its packages cannot be listed
    }
    for (ModuleElement module : modules) {
      if (isJdk(module)) {
        continue;
      }
      for (Element enclosed : module.getEnclosedElements()) {
        if (!(enclosed instanceof PackageElement pkg)
            || !fromSourceOrJdk(pkg, trees, sourcePackages, read)) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isJdk(ModuleElement module) {
    String name = module.getQualifiedName().toString();
    for (String prefix : JDK_MODULE_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean fromSourceOrJdk(
      PackageElement pkg, Trees trees, Set<String> sourcePackages, Predicate<Tree> read) {
    String name = pkg.getQualifiedName().toString();
    if (name.equals("dev.ferry") || name.startsWith("dev.ferry.")) {
      return false;
    }
    if (Markers.isJdkPackage(name)) {
      return true;
    }
    if (!sourcePackages.contains(name)) {
      return false; // classes of a jar only
    }
    for (Element type : pkg.getEnclosedElements()) {
      Tree tree = trees.getTree(type);
      if (tree == null || !read.test(tree)) {
        return false; // from a jar (or a source javac has not entered): not read, so not known
      }
    }
    return true;
  }
}
