package dev.ferry.internal.process;

import java.lang.invoke.MethodType;
import java.lang.reflect.InaccessibleObjectException;
import java.lang.reflect.InvocationTargetException;
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

  /**
   * Calls {@code method}, found by {@link #find}, with {@code args}. An argument its parameter
   * cannot take (a null for an {@code int}: a {@code Task1<Integer, Integer>} that names {@code
   * int inc(int)} compiles, and so does a null passed for it; a value of another class, through a
   * raw type) is told naming the method, the argument and the parameter: reflection said only
   * {@code IllegalArgumentException}, with no message on JDK 17. A null for a primitive is a
   * {@code NullPointerException}, as in the call {@code inc(null)} in the same process. What the
   * method itself throws comes as an {@code InvocationTargetException}, as from {@code invoke}.
   */
  public static Object invoke(Method method, Object[] args)
      throws IllegalAccessException, InvocationTargetException {
    try {
      return method.invoke(null, args);
    } catch (IllegalArgumentException e) {
      throw explained(method, args, e);
    }
  }

  /** Why {@code method} refused {@code args}, or {@code refusal} itself if none is found. */
  private static RuntimeException explained(
      Method method, Object[] args, IllegalArgumentException refusal) {
    Class<?>[] parameters = method.getParameterTypes();
    if (args.length != parameters.length) {
      return refusal;
    }
    String target = method.getDeclaringClass().getSimpleName() + "::" + method.getName();
    for (int i = 0; i < parameters.length; i++) {
      Class<?> parameter = parameters[i];
      String which = "argument " + (i + 1) + " of " + target;
      if (args[i] == null && parameter.isPrimitive()) {
        NullPointerException told = new NullPointerException(which + " is null, which its"
            + " parameter's type, " + parameter.getName() + ", cannot hold: pass a value, or declare"
            + " the parameter as " + MethodType.methodType(parameter).wrap().returnType().getSimpleName());
        told.initCause(refusal);
        return told;
      }
      Class<?> taken = MethodType.methodType(parameter).wrap().returnType();
      if (args[i] != null && !taken.isInstance(args[i])) {
        return new IllegalArgumentException(which + " is a " + args[i].getClass().getTypeName()
            + ", which its parameter's type, " + parameter.getTypeName() + ", cannot hold (it was"
            + " passed through a raw or unchecked type)", refusal);
      }
    }
    return refusal;
  }

  private static String descriptorOf(Method method) {
    return MethodType.methodType(method.getReturnType(), method.getParameterTypes())
        .toMethodDescriptorString();
  }
}
