package dev.ferry.internal.process;

import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.Method;

/**
 * Finds, in a child, the static method a parent named by class, name and descriptor (a spawn
 * target, a pool's task or initializer), and makes it callable even if it is private.
 */
public final class TargetMethods {
  private TargetMethods() {}

  public static Method find(String className, String methodName, String descriptor)
      throws ClassNotFoundException, NoSuchMethodException {
    ClassLoader loader = ClassLoader.getSystemClassLoader();
    Class<?> type = Class.forName(className, false, loader);
    for (Method candidate : type.getDeclaredMethods()) {
      if (candidate.getName().equals(methodName) && descriptor.equals(descriptorOf(candidate))) {
        try {
          candidate.setAccessible(true);
        } catch (InaccessibleObjectException e) {
          throw new IllegalStateException(
              "Ferry cannot call " + className + "::" + methodName + " in module "
                  + type.getModule().getName() + ": add 'opens " + type.getPackageName()
                  + " to " + Launcher.moduleName() + ";' to its module-info.java", e);
        }
        return candidate;
      }
    }
    throw new NoSuchMethodException(
        className + "::" + methodName + descriptor + " (the child's class path holds a different"
            + " version of the class than the parent's)");
  }

  private static String descriptorOf(Method method) {
    return MethodType.methodType(method.getReturnType(), method.getParameterTypes())
        .toMethodDescriptorString();
  }
}
