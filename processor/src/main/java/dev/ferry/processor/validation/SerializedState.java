package dev.ferry.processor.validation;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The transient fields of an imported class that are state all the same: those of a class that
 * writes its serialized form itself ({@code writeObject}, {@code writeReplace}, or {@code
 * Externalizable}). A generated codec copies the fields that are not transient, as Java
 * serialization's default form does, and a class that marks its state transient and writes it in
 * a method of its own relies on that method: {@code java.util.Date} holds its time in {@code
 * transient long fastTime}, so its import compiled clean to a codec that wrote nothing and read
 * back {@code new Date()}, the reading process's clock. A transient field of a class that leaves
 * its serialized form to the default (a cached hash) is no state, and is skipped as before.
 * {@code writeObject} writes the fields of the class that declares it; {@code writeReplace} and
 * {@code Externalizable} stand for the whole object, superclasses' fields too ({@code LongAdder}
 * keeps its count in {@code Striped64}'s transient fields).
 *
 * <p>A JDK class read as its public API (under {@code --release}, see {@link PlatformFields})
 * shows neither its private fields nor its private {@code writeObject}; the running JDK's class
 * is read for it then.
 */
final class SerializedState {
  private SerializedState() {}

  /**
   * The transient instance fields of {@code type} and its superclasses, as {@code Class.field},
   * that a class among them writes itself; empty for a record or an enum, whose codecs read their
   * components or write their names.
   */
  static List<String> droppedBy(Elements elements, Types types, TypeElement type) {
    if (type.getKind() == ElementKind.ENUM || type.getKind() == ElementKind.RECORD) {
      return List.of();
    }
    if (!PlatformFields.declaresPrivateFields(type) && PlatformFields.isInJdkModule(elements, type)) {
      Class<?> running = PlatformFields.jdkClass(elements.getBinaryName(type).toString());
      if (running != null) {
        return droppedBy(running);
      }
    }
    List<String> dropped = new ArrayList<>();
    boolean replaced = isExternalizable(elements, types, type);
    for (TypeElement t = type; t != null && !replaced; t = superclassOf(t)) {
      replaced = replacesItself(t);
    }
    for (TypeElement t = type; t != null; t = superclassOf(t)) {
      if (replaced || writesItself(t)) {
        for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
          if (field.getModifiers().contains(Modifier.TRANSIENT)
              && !field.getModifiers().contains(Modifier.STATIC)) {
            dropped.add(t.getSimpleName() + "." + field.getSimpleName());
          }
        }
      }
    }
    return dropped;
  }

  /**
   * Whether {@code t} declares {@code writeObject(ObjectOutputStream)}, which writes the fields
   * {@code t} declares (each class of a hierarchy writes its own).
   */
  private static boolean writesItself(TypeElement t) {
    for (ExecutableElement method : ElementFilter.methodsIn(t.getEnclosedElements())) {
      List<? extends VariableElement> parameters = method.getParameters();
      if (!method.getModifiers().contains(Modifier.STATIC)
          && method.getSimpleName().contentEquals("writeObject")
          && parameters.size() == 1
          && isObjectOutputStream(parameters.get(0).asType())) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code t} declares {@code writeReplace()}, which stands for the whole object,
   * superclasses' fields too ({@code LongAdder}'s, whose count is in {@code Striped64}).
   */
  private static boolean replacesItself(TypeElement t) {
    for (ExecutableElement method : ElementFilter.methodsIn(t.getEnclosedElements())) {
      if (!method.getModifiers().contains(Modifier.STATIC)
          && method.getSimpleName().contentEquals("writeReplace")
          && method.getParameters().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isObjectOutputStream(TypeMirror type) {
    return type.getKind() == TypeKind.DECLARED
        && ((TypeElement) ((DeclaredType) type).asElement())
            .getQualifiedName()
            .contentEquals("java.io.ObjectOutputStream");
  }

  private static boolean isExternalizable(Elements elements, Types types, TypeElement type) {
    TypeElement externalizable = elements.getTypeElement("java.io.Externalizable");
    return externalizable != null
        && types.isSubtype(types.erasure(type.asType()), types.erasure(externalizable.asType()));
  }

  private static TypeElement superclassOf(TypeElement t) {
    TypeMirror s = t.getSuperclass();
    if (s.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement parent = (TypeElement) ((DeclaredType) s).asElement();
    return parent.getQualifiedName().contentEquals("java.lang.Object") ? null : parent;
  }

  /** The same, read from the running JDK's class. */
  private static List<String> droppedBy(Class<?> running) {
    List<String> dropped = new ArrayList<>();
    boolean replaced = java.io.Externalizable.class.isAssignableFrom(running);
    for (Class<?> c = running; c != null && !replaced; c = c.getSuperclass()) {
      replaced = declares(c, "writeReplace");
    }
    for (Class<?> c = running; c != null && c != Object.class; c = c.getSuperclass()) {
      if (!replaced && !declares(c, "writeObject", java.io.ObjectOutputStream.class)) {
        continue;
      }
      for (Field field : PlatformFields.declaredFields(c)) {
        int modifiers = field.getModifiers();
        if (java.lang.reflect.Modifier.isTransient(modifiers)
            && !java.lang.reflect.Modifier.isStatic(modifiers)) {
          dropped.add(c.getSimpleName() + "." + field.getName());
        }
      }
    }
    return dropped;
  }

  /** Whether {@code c} declares an instance method of that name and those parameters. */
  private static boolean declares(Class<?> c, String name, Class<?>... parameters) {
    try {
      for (Method method : c.getDeclaredMethods()) {
        if (!java.lang.reflect.Modifier.isStatic(method.getModifiers())
            && method.getName().equals(name)
            && java.util.Arrays.equals(method.getParameterTypes(), parameters)) {
          return true;
        }
      }
    } catch (SecurityException | LinkageError unreadable) {
      return false;
    }
    return false;
  }
}
