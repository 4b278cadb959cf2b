package dev.ferry.internal.pool;

import dev.ferry.internal.process.Launcher;
import dev.ferry.internal.process.TargetMethods;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A static method named by class, name and descriptor: a task or an initializer as it crosses to a
 * worker. In the pool's process each method reference class maps to one {@code MethodRef} with a
 * process-wide id, which connections announce before first use; a worker resolves it once.
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
    return of(task, "pool task");
  }

  /** {@link #of(Serializable)} of a method the user passed as {@code role}, named so if refused. */
  static MethodRef of(Serializable task, String role) {
    if (task == null) {
      throw new NullPointerException("task == null");
    }
    MethodRef known = BY_LAMBDA_CLASS.get(task.getClass());
    if (known != null) {
      return known;
    }
    SerializedLambda lambda = Launcher.targetMethod(task, role);
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
   * The method, found in this (worker) process and made callable. Called by reflection rather
   * than through a method handle: a child already calls its spawn target that way, while the
   * first method handle of a fresh JVM costs it tens of milliseconds of {@code java.lang.invoke}
   * set-up.
   */
  Method resolve() throws ReflectiveOperationException {
    return TargetMethods.find(className, methodName, descriptor);
  }

  /** Calls a method from {@link #resolve} with {@code count} arguments. */
  static Object invoke(Method method, Object[] args) throws Throwable {
    try {
      return TargetMethods.invoke(method, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
