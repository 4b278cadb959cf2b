package dev.ferry.processor.validation;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * The instance fields of a JDK class that a compilation cannot see. With {@code --release N} on a
 * newer JDK, javac (and ECJ) read the JDK's classes from its record of release N's API
 * ({@code lib/ct.sym}), which leaves out private members: {@code java.util.Random} there has no
 * {@code seed}, and {@code java.lang.Thread} no field at all. An import of such a class then looks
 * like a class whose state is its public fields, or none, and its codec would copy nothing and
 * rebuild a blank value. The JDK the compiler runs on has the class itself, so its declared
 * fields, read by reflection (no class is initialized), show what the compilation's view lacks.
 * Without {@code --release}, or with the release of the JDK that compiles, the compilation sees
 * the class's private fields itself, and the class is left to the other rules.
 */
final class PlatformFields {
  private PlatformFields() {}

  /**
   * The instance fields of {@code type}, a class (not an enum, whose codec writes its ordinal, nor
   * a record, whose codec reads its components) of a JDK module, and of its superclasses, that
   * are not transient and that the compilation does not see, as {@code Class.field}; empty when
   * the compilation sees them all, or when {@code type} is not a JDK class.
   */
  static List<String> hiddenFrom(Elements elements, TypeElement type) {
    List<String> hidden = new ArrayList<>();
    if (type.getKind() == ElementKind.ENUM
        || type.getKind() == ElementKind.RECORD
        || !isInJdkModule(elements, type)) {
      return hidden;
    }
    Class<?> running = jdkClass(elements.getBinaryName(type).toString());
    for (Class<?> c = running; c != null && c != Object.class; c = c.getSuperclass()) {
      String canonical = c.getCanonicalName();
      TypeElement seen = canonical == null ? null : elements.getTypeElement(canonical);
      if (seen != null && declaresPrivateFields(seen)) {
        continue; // the compilation reads the class itself, of its own JDK, which may differ
      }
      for (Field field : declaredFields(c)) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
          continue;
        }
        if (seen == null || !declares(seen, field.getName())) {
          hidden.add(c.getSimpleName() + "." + field.getName());
        }
      }
    }
    return hidden;
  }

  /** A class of a named module of the platform ({@code java.base}, {@code java.desktop}, ...). */
  static boolean isInJdkModule(Elements elements, TypeElement type) {
    ModuleElement module = elements.getModuleOf(type);
    if (module == null || module.isUnnamed()) {
      return false;
    }
    String name = module.getQualifiedName().toString();
    return name.startsWith("java.") || name.startsWith("jdk.");
  }

  /** The running JDK's class of that binary name, not initialized; null if it has none. */
  static Class<?> jdkClass(String binaryName) {
    try {
      return Class.forName(binaryName, false, ClassLoader.getPlatformClassLoader());
    } catch (ClassNotFoundException | LinkageError absent) {
      return null; // a class of a later release than the compiler's JDK, or one it lacks
    }
  }

  static Field[] declaredFields(Class<?> c) {
    try {
      return c.getDeclaredFields();
    } catch (SecurityException | LinkageError unreadable) {
      return new Field[0];
    }
  }

  /**
   * Whether the compilation sees private fields in {@code seen}: then it reads the class itself
   * (another JDK's, maybe, as when an IDE runs on one JDK and compiles against another), not an
   * API that leaves them out, and a field only the running JDK's class has is no sign of one.
   */
  static boolean declaresPrivateFields(TypeElement seen) {
    for (VariableElement field : ElementFilter.fieldsIn(seen.getEnclosedElements())) {
      if (field.getModifiers().contains(javax.lang.model.element.Modifier.PRIVATE)) {
        return true;
      }
    }
    return false;
  }

  private static boolean declares(TypeElement seen, String name) {
    for (VariableElement field : ElementFilter.fieldsIn(seen.getEnclosedElements())) {
      if (field.getSimpleName().contentEquals(name)) {
        return true;
      }
    }
    return false;
  }
}
