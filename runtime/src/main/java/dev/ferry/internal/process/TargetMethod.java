package dev.ferry.internal.process;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A static method a parent named (a spawn target, a pool's task or initializer), found in this
 * process by {@link TargetMethods#find} and callable even if private: a {@link Method} as a rule,
 * or a method handle when reflection cannot list its class's methods (another method of the class
 * names a class this process lacks).
 */
public final class TargetMethod {
  private final Class<?> owner;
  private final String name;
  private final MethodType type;
  private final Method method; // null when found as a handle
  private final MethodHandle spread; // (Object[])Object, when method is null

  TargetMethod(Method method) {
    this.owner = method.getDeclaringClass();
    this.name = method.getName();
    this.type = MethodType.methodType(method.getReturnType(), method.getParameterTypes());
    this.method = method;
    this.spread = null;
  }

  TargetMethod(Class<?> owner, String name, MethodHandle handle) {
    this.owner = owner;
    this.name = name;
    this.type = handle.type();
    this.method = null;
    this.spread = handle.asType(handle.type().generic())
        .asSpreader(Object[].class, handle.type().parameterCount());
  }

  /** The class that declares the method. */
  public Class<?> owner() {
    return owner;
  }

  /**
   * Calls the method with {@code args}. An argument its parameter cannot take (a null for an
   * {@code int}: a {@code Task1<Integer, Integer>} that names {@code int inc(int)} compiles, and so
   * does a null passed for it; a value of another class, through a raw type) is told naming the
   * method, the argument and the parameter: reflection said only {@code
   * IllegalArgumentException}, with no message on JDK 17. A null for a primitive is a {@code
   * NullPointerException}, as in the call {@code inc(null)} in the same process. What the method
   * itself throws comes as an {@code InvocationTargetException}, as from {@code Method.invoke}.
   */
  public Object invoke(Object[] args) throws IllegalAccessException, InvocationTargetException {
    if (method != null) {
      try {
        return method.invoke(null, args);
      } catch (IllegalArgumentException e) {
        RuntimeException told = refusal(args, e);
        throw told != null ? told : e;
      }
    }
    if (args.length != type.parameterCount()) {
      throw new IllegalArgumentException(
          "wrong number of arguments: " + args.length + " expected: " + type.parameterCount());
    }
    RuntimeException told = refusal(args, null); // checked first: the handle would throw them
    if (told != null) {
      throw told;
    }
    try {
      return (Object) spread.invokeExact(args);
    } catch (Throwable e) {
      throw new InvocationTargetException(e);
    }
  }

  /** Why the method cannot take {@code args}, or null if it can. */
  private RuntimeException refusal(Object[] args, IllegalArgumentException refusal) {
    if (args.length != type.parameterCount()) {
      return null;
    }
    String target = owner.getSimpleName() + "::" + name;
    for (int i = 0; i < args.length; i++) {
      Class<?> parameter = type.parameterType(i);
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
    return null;
  }
}
