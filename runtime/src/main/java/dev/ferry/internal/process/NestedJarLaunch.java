package dev.ferry.internal.process;

import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * How to run a program started with {@code java -jar app.jar} whose launcher loads the
 * application's classes from inside that jar, as a Spring Boot jar does ({@code
 * BOOT-INF/classes/} and the jars in {@code BOOT-INF/lib/}, loaded by its own class loader): a
 * child JVM's class path can name {@code app.jar} but not a directory or a jar inside it, so such
 * a program's spawn targets were refused with the fix to put the class on the class path, which
 * the user had done as far as they could tell. The fix here says to run the jar unpacked.
 */
final class NestedJarLaunch {
  private NestedJarLaunch() {}

  /**
   * The fix for a class {@code className} that a class loader of this process found in the jar
   * this JVM was started with ({@code java -jar}, whose jar is the whole {@code classPath}) under
   * a folder of it, {@code BOOT-INF/classes/app/Main.class}; null if it is not in such a jar.
   */
  static String fix(String classPath, String className) {
    if (classPath == null || classPath.contains(File.pathSeparator)
        || !classPath.toLowerCase().endsWith(".jar")) {
      return null; // java -jar puts the one jar on java.class.path
    }
    String classFile = "/" + className.replace('.', '/') + ".class";
    try (JarFile jar = new JarFile(classPath)) {
      String classes = null;
      String libs = null;
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (classes == null && name.endsWith(classFile)) {
          classes = name.substring(0, name.length() - classFile.length() + 1);
        } else if (libs == null && name.endsWith(".jar") && name.lastIndexOf('/') > 0) {
          libs = name.substring(0, name.lastIndexOf('/') + 1);
        }
      }
      if (classes == null) {
        return null;
      }
      Attributes main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
      String start = main == null ? null : main.getValue("Start-Class");
      String launcher = main == null ? null : main.getValue("Main-Class");
      if (main != null && main.getValue("Spring-Boot-Lib") != null) {
        libs = main.getValue("Spring-Boot-Lib");
      }
      String jarName = new File(classPath).getName();
      String unpacked = jarName.substring(0, jarName.length() - ".jar".length());
      String path = unpacked + "/" + classes
          + (libs == null ? "" : File.pathSeparator + unpacked + "/" + libs + "*");
      return "this program was started with java -jar " + classPath + ", whose launcher"
          + (launcher == null ? "" : " (" + launcher.trim() + ")") + " loads " + className
          + " from " + classes + " inside that jar, where no class path of a child JVM can reach"
          + " it: run the program from the jar unpacked (unzip " + classPath + " -d " + unpacked
          + "; java -cp " + path + " " + (start == null ? "<main class>" : start.trim()) + ")"
          + (main != null && main.getValue("Spring-Boot-Version") != null
              ? ", or from Spring Boot's extracted layout (java -Djarmode=tools -jar " + classPath
                  + " extract; java -jar " + unpacked + "/" + jarName + ")"
              : "");
    } catch (IOException | SecurityException | IllegalStateException e) {
      return null; // not a jar this JVM can read: no launcher loaded classes from inside it
    }
  }
}
