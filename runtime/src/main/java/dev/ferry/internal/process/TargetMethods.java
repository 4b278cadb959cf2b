package dev.ferry.internal.process;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodHandles.Lookup;
import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;

/**
 * Finds, in a child, the static method a parent named by class, name and descriptor (a spawn
 * target, a pool's task or initializer), and makes it callable even if it is private.
 */
public final class TargetMethods {
  private TargetMethods() {}

  public static TargetMethod find(String className, String methodName, String descriptor)
      throws ClassNotFoundException, NoSuchMethodException {
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    Class<?> type = Class.forName(className, false, loader);
    Method[] methods;
    try {
      methods = type.getDeclaredMethods();
    } catch (LinkageError e) {
      // Reflection resolves the types every method of the class names: one this process lacks
      // (a class path that differs from the parent's) made every method of the class unusable
      return byHandle(type, methodName, descriptor, e);
    }
    for (Method candidate : methods) {
      if (candidate.getName().equals(methodName) && descriptor.equals(descriptorOf(candidate))) {
        try {
          candidate.setAccessible(true);
        } catch (InaccessibleObjectException e) {
          throw notOpen(type, methodName, e);
        }
        return new TargetMethod(candidate);
      }
    }
    throw new NoSuchMethodException(
        className + "::" + methodName + descriptor + " (the child's class path holds a different"
            + " version of the class than the parent's)");
  }

  /**
   * Finds the method through a method handle, which resolves only the types it names itself, when
   * reflection could not list the methods of its class ({@code listing} says why). Not the rule:
   * a fresh JVM's first method handle costs it tens of milliseconds of {@code java.lang.invoke}
   * set-up. A type the method itself names that this process lacks is told naming the method.
   */
  private static TargetMethod byHandle(
      Class<?> type, String methodName, String descriptor, LinkageError listing)
      throws NoSuchMethodException {
    String target = type.getName() + "::" + methodName;
    MethodType methodType;
    try {
      methodType = MethodType.fromMethodDescriptorString(descriptor, type.getClassLoader());
    } catch (TypeNotPresentException e) {
      NoSuchMethodException told = new NoSuchMethodException(target + descriptor + " names "
          + e.typeName() + ", which is not on this process's class path (the child's class path"
          + " holds different classes than the parent's)");
      told.initCause(e);
      throw told;
    }
    TargetMethods.class.getModule().addReads(type.getModule()); // as reflection needs not
    Lookup lookup;
    try {
      lookup = MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      throw notOpen(type, methodName, e);
    }
    try {
      return new TargetMethod(type, methodName, lookup.findStatic(type, methodName, methodType));
    } catch (NoSuchMethodException e) {
      NoSuchMethodException told = new NoSuchMethodException(target + descriptor + " (the"
          + " child's class path holds a different version of the class than the parent's)");
      told.initCause(e);
      told.addSuppressed(listing);
      throw told;
    } catch (IllegalAccessException e) {
      throw notOpen(type, methodName, e);
    }
  }

  private static IllegalStateException notOpen(Class<?> type, String methodName, Exception e) {
    return new IllegalStateException(
        "Ferry cannot call " + type.getName() + "::" + methodName + " in module "
            + type.getModule().getName() + ": add 'opens " + type.getPackageName()
            + " to " + Launcher.moduleName() + ";' to its module-info.java", e);
  }

  private static String descriptorOf(Method method) {
    return MethodType.methodType(method.getReturnType(), method.getParameterTypes())
        .toMethodDescriptorString();
  }
}
