package dev.ferry.processor.codegen.fuzz;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a decoded value is the value that was sent: the program's types field by field (they
 * need not define {@code equals}; a record holding an array does not compare it), arrays element by
 * element with the same component class, collections and maps in iteration order (the decoded
 * ones keep it), and JDK values by {@code equals} ({@code Double.equals} compares bits, so a NaN
 * equals itself and -0.0 differs from 0.0).
 */
final class DeepEquals {
  private DeepEquals() {}

  /** Null if equal, else the path to the first difference and what differs there. */
  static String difference(Object sent, Object received) {
    return difference(sent, received, "value", 0);
  }

  private static String difference(Object sent, Object received, String path, int depth) {
    if (sent == received) {
      return null;
    }
    if (sent == null || received == null) {
      return path + ": sent " + sent + ", received " + received;
    }
    if (depth > 200) {
      return path + ": nested deeper than 200";
    }
    if (sent.getClass().isArray()) {
      if (sent.getClass() != received.getClass()) {
        return path + ": sent a " + sent.getClass().getTypeName() + ", received a "
            + received.getClass().getTypeName();
      }
      int length = Array.getLength(sent);
      if (length != Array.getLength(received)) {
        return path + ": length " + length + " became " + Array.getLength(received);
      }
      for (int i = 0; i < length; i++) {
        String d = difference(Array.get(sent, i), Array.get(received, i), path + "[" + i + "]", depth + 1);
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (sent instanceof Collection<?> s && received instanceof Collection<?> r) {
      return sequence(s, r, path, depth);
    }
    if (sent instanceof Map<?, ?> s && received instanceof Map<?, ?> r) {
      String keys = sequence(s.keySet(), r.keySet(), path + ".keys", depth);
      return keys != null ? keys : sequence(s.values(), r.values(), path + ".values", depth);
    }
    if (sent instanceof Optional<?> s && received instanceof Optional<?> r) {
      return difference(s.orElse(null), r.orElse(null), path + ".get()", depth + 1);
    }
    if (sent.getClass() != received.getClass()) {
      return path + ": sent a " + sent.getClass().getName() + " (" + sent + "), received a "
          + received.getClass().getName() + " (" + received + ")";
    }
    if (isProgramType(sent.getClass()) && !sent.getClass().isEnum()
        && !sent.getClass().getSuperclass().isEnum()) {
      return fields(sent, received, path, depth);
    }
    return sent.equals(received) ? null : path + ": sent " + sent + ", received " + received;
  }

  private static boolean isProgramType(Class<?> type) {
    String name = type.getName();
    return name.startsWith(RandomProgram.PACKAGE + ".")
        || name.startsWith(RandomProgram.OTHER_PACKAGE + ".")
        || name.startsWith(RandomProgram.LIBRARY + ".");
  }

  private static String sequence(Collection<?> sent, Collection<?> received, String path, int depth) {
    if (sent.size() != received.size()) {
      return path + ": size " + sent.size() + " became " + received.size();
    }
    Iterator<?> r = received.iterator();
    int i = 0;
    for (Object s : sent) {
      String d = difference(s, r.next(), path + "<" + i++ + ">", depth + 1);
      if (d != null) {
        return d;
      }
    }
    return null;
  }

  private static String fields(Object sent, Object received, String path, int depth) {
    for (Field field : sent.getClass().getDeclaredFields()) {
      if (Modifier.isStatic(field.getModifiers())) {
        continue;
      }
      field.setAccessible(true);
      try {
        String d =
            difference(field.get(sent), field.get(received), path + "." + field.getName(), depth + 1);
        if (d != null) {
          return d;
        }
      } catch (IllegalAccessException e) {
        throw new AssertionError(e);
      }
    }
    return null;
  }
}
