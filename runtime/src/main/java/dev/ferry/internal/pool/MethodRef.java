package dev.ferry.internal.pool;

import dev.ferry.internal.process.Launcher;
import dev.ferry.internal.process.TargetMethods;
import java.io.Serializable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A static method named by class, name and descriptor: a task or an initializer as it crosses to a
 * worker. In the pool's process each method reference class maps to one {@code MethodRef} with a
 * process-wide id, which connections announce before first use; a worker resolves it to a
 * {@link MethodHandle} once.
 */
final class MethodRef {
  private static final ConcurrentHashMap<Class<?>, MethodRef> BY_LAMBDA_CLASS =
      new ConcurrentHashMap<>();
  private static final AtomicInteger IDS = new AtomicInteger();

  final int id;
  final String className;
  final String methodName;
  final String descriptor;

  MethodRef(int id, String className, String methodName, String descriptor) {
    this.id = id;
    this.className = className;
    this.methodName = methodName;
    this.descriptor = descriptor;
  }

  /**
   * The method a task's method reference points to; refuses lambdas that capture and references
   * to instance methods ({@code [ferry:spawn-target]}). A non-capturing method reference's class
   * stands for one method, so the answer is cached per class.
   */
  static MethodRef of(Serializable task) {
    if (task == null) {
      throw new NullPointerException("task == null");
    }
    MethodRef known = BY_LAMBDA_CLASS.get(task.getClass());
    if (known != null) {
      return known;
    }
    SerializedLambda lambda = Launcher.targetMethod(task);
    MethodRef ref =
        new MethodRef(
            IDS.incrementAndGet(),
            lambda.getImplClass().replace('/', '.'),
            lambda.getImplMethodName(),
            lambda.getImplMethodSignature());
    MethodRef raced = BY_LAMBDA_CLASS.putIfAbsent(task.getClass(), ref);
    return raced != null ? raced : ref;
  }

  /** {@code Simple::method}, as messages name the task. */
  @Override
  public String toString() {
    String simple = className.substring(className.lastIndexOf('.') + 1);
    return simple + "::" + methodName;
  }

  /**
   * The method as a handle taking and returning {@code Object}s, found in this (worker) process.
   */
  MethodHandle resolve() throws ReflectiveOperationException {
    Method method = TargetMethods.find(className, methodName, descriptor);
    return MethodHandles.lookup()
        .unreflect(method)
        .asType(MethodType.genericMethodType(method.getParameterCount()));
  }

  /** Calls a handle from {@link #resolve} with {@code count} arguments. */
  static Object invoke(MethodHandle handle, Object[] args, int count) throws Throwable {
    switch (count) {
      case 0:
        return (Object) handle.invokeExact();
      case 1:
        return (Object) handle.invokeExact(args[0]);
      case 2:
        return (Object) handle.invokeExact(args[0], args[1]);
      case 3:
        return (Object) handle.invokeExact(args[0], args[1], args[2]);
      case 4:
        return (Object) handle.invokeExact(args[0], args[1], args[2], args[3]);
      default:
        throw new IllegalArgumentException("a task takes at most 4 arguments, not " + count);
    }
  }
}
