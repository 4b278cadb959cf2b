package dev.ferry.processor.checker;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * Finds javac's own {@link ProcessingEnvironment} behind the wrappers that build tools put around
 * it: {@code JavacTask.instance} and {@code Trees.instance} accept only javac's class.
 *
 * <p>Gradle's incremental-processing wrapper keeps the real one in a field named {@code delegate};
 * IntelliJ wraps it in a {@link Proxy} whose handler holds it in {@code val$delegateTo} (the same
 * two cases Lombok's {@code getJavacProcessingEnvironment} and the Checker Framework's
 * {@code unwrapProcessingEnvironment} handle).
 */
final class JavacEnvironment {
  private static final String JAVAC_ENVIRONMENT =
      "com.sun.tools.javac.processing.JavacProcessingEnvironment";

  private JavacEnvironment() {}

  /** javac's environment, or null when {@code env} is not javac's (the Eclipse compiler, say). */
  static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
    for (int depth = 0; env != null && depth < 8; depth++) {
      if (env.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
        return env;
      }
      env = delegateOf(env);
    }
    return null;
  }

  private static ProcessingEnvironment delegateOf(ProcessingEnvironment env) {
    Object holder = env;
    String field = "delegate";
    if (Proxy.isProxyClass(env.getClass())) {
      holder = Proxy.getInvocationHandler(env);
      field = "val$delegateTo";
    }
    Object inner = readField(holder, field);
    if (inner == null && holder instanceof InvocationHandler) {
      inner = readField(holder, "delegate");
    }
    return inner instanceof ProcessingEnvironment p ? p : null;
  }

  private static Object readField(Object holder, String name) {
    for (Class<?> c = holder.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field field = c.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(holder);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
