package dev.ferry.internal.pool;

import dev.ferry.TransferException;
import dev.ferry.internal.process.Launcher;
import dev.ferry.internal.process.TargetMethod;
import dev.ferry.internal.process.TargetMethods;
import java.io.Serializable;
import java.lang.invoke.SerializedLambda;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.Map;
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
  /**
   * The class of what the method returns, boxed, as the pool's process loads it; null where not
   * known (a worker's copy, which never reads a result) or where any object will do.
   */
  private final Class<?> returns;

  MethodRef(int id, String className, String methodName, String descriptor) {
    this(id, className, methodName, descriptor, null);
  }

  private MethodRef(
      int id, String className, String methodName, String descriptor, Class<?> returns) {
    this.id = id;
    this.className = className;
    this.methodName = methodName;
    this.descriptor = descriptor;
    this.returns = returns;
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
    String descriptor = lambda.getImplMethodSignature();
    MethodRef ref =
        new MethodRef(
            IDS.incrementAndGet(),
            lambda.getImplClass().replace('/', '.'),
            lambda.getImplMethodName(),
            descriptor,
            returnedClass(descriptor, task.getClass().getClassLoader()));
    MethodRef raced = BY_LAMBDA_CLASS.putIfAbsent(task.getClass(), ref);
    return raced != null ? raced : ref;
  }

  /**
   * The class a method of {@code descriptor} returns, boxed if primitive, loaded (not initialized)
   * by {@code loader}; null for {@code Object} and {@code void}, and for a class that cannot be
   * loaded, whose results are then not checked.
   */
  private static Class<?> returnedClass(String descriptor, ClassLoader loader) {
    String type = descriptor.substring(descriptor.indexOf(')') + 1);
    switch (type.charAt(0)) {
      case 'Z': return Boolean.class;
      case 'B': return Byte.class;
      case 'C': return Character.class;
      case 'S': return Short.class;
      case 'I': return Integer.class;
      case 'J': return Long.class;
      case 'F': return Float.class;
      case 'D': return Double.class;
      case 'V': return null;
      default: break;
    }
    String name = type.charAt(0) == 'L' ? type.substring(1, type.length() - 1) : type;
    try {
      Class<?> returned = Class.forName(name.replace('/', '.'), false, loader);
      return returned == Object.class ? null : returned;
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /**
   * Refuses a worker's result that the method cannot return: a worker returns what the method
   * returned, so another class comes only from bytes a worker did not write as they arrived (a
   * corrupt stream, or a process that holds the pool's token). The future used to complete with
   * it, and the caller's {@code get()} threw a {@code ClassCastException} in its own code, naming
   * neither the task nor the pool.
   */
  void checkReturned(Object value) {
    if (value != null && returns != null && !returns.isInstance(value) && !rebuilt(value)) {
      throw new TransferException(
          "the worker answered with a " + value.getClass().getName() + ", which " + this
              + " cannot return (it returns " + returns.getName() + "): the stream is corrupt or"
              + " was not written by a Ferry worker");
    }
  }

  /**
   * Whether {@code value} may be what the method returned, rebuilt by the wire as a class of its
   * own: a JDK collection or map comes back as the class its kind is read as (a {@code
   * ConcurrentHashMap} as a {@code LinkedHashMap}, see docs/wire-format.md), and a subclass of
   * {@code BigDecimal}, {@code BigInteger} or {@code Path} without a codec as that class. Those
   * are let through, as before this check; only a class the method cannot have returned is not.
   */
  private boolean rebuilt(Object value) {
    return Collection.class.isAssignableFrom(returns) || Map.class.isAssignableFrom(returns)
        || value.getClass().isAssignableFrom(returns);
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
  TargetMethod resolve() throws ReflectiveOperationException {
    return TargetMethods.find(className, methodName, descriptor);
  }

  /** Calls a method from {@link #resolve} with {@code args}; what the method throws, unwrapped. */
  static Object invoke(TargetMethod method, Object[] args) throws Throwable {
    try {
      return method.invoke(args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
