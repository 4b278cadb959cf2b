package dev.ferry.internal.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;

/**
 * Copies, before it is written, a collection or map made to be changed by other threads while it
 * is read: one of {@code java.util.concurrent}'s (or a subclass of one), or any {@link
 * ConcurrentMap}. Writing one reads it more than once (its size, then its elements), and its
 * weakly consistent iteration may give a key twice (a {@code ConcurrentHashMap} resized while it
 * is iterated, a key removed and put again): the sender's encode succeeded and the receiver
 * refused the message ("a Map holds a key equal to an earlier one"), or a generated codec refused
 * the value for a size that had changed. The copy is made by one iteration into a collection of
 * the same kind that keeps each element once by the rule the reader applies ({@code equals}, or
 * the comparator of a sorted one), and it is what is written. Other collections are written as
 * they are: changing one while it is written is a race in the program, which the writer refuses
 * ({@link WrittenSizes}).
 *
 * <p>Cost: for the classes written most (the JDK's {@code ArrayList}, hash and linked hash sets
 * and maps, {@code List.of}'s lists), one comparison of the class; for others a cached per-class
 * lookup; the copy (one iteration and its allocation) only for a concurrent one.
 */
public final class ConcurrentSnapshots {
  private static final String CONCURRENT_PACKAGE = "java.util.concurrent";

  /** Whether a class or one of its superclasses is {@code java.util.concurrent}'s. */
  private static final ClassValue<Boolean> CONCURRENT =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getPackageName().equals(CONCURRENT_PACKAGE)) {
              return true;
            }
          }
          return false;
        }
      };

  private static final Class<?> LIST_OF_TWO = List.of(0, 1).getClass();
  private static final Class<?> LIST_OF_MORE = List.of(0, 1, 2).getClass();

  private ConcurrentSnapshots() {}

  /**
   * Whether {@code type} is one of the collection classes written most, none of them concurrent:
   * a comparison each, before the per-class lookup (a few nanoseconds on every collection member
   * of every value written).
   */
  private static boolean common(Class<?> type) {
    return type == ArrayList.class || type == LIST_OF_TWO || type == LIST_OF_MORE
        || type == HashMap.class || type == LinkedHashMap.class || type == HashSet.class
        || type == LinkedHashSet.class;
  }

  /**
   * {@code values}, or a copy of it made at one moment if it is a concurrent collection. The copy
   * has the kind of the original (sorted set, set, list, queue), so it fits any declared type
   * the original did.
   */
  @SuppressWarnings("unchecked") // the copy implements what the original did of C's interfaces
  public static <C extends Collection<?>> C of(C values) {
    Class<?> type = values.getClass();
    if (common(type) || !CONCURRENT.get(type)) {
      return values;
    }
    return (C) copy((Collection<?>) values);
  }

  /** {@code map}, or a copy of it made at one moment if it is a concurrent map. */
  @SuppressWarnings("unchecked") // a TreeMap is a NavigableMap, a LinkedHashMap any other Map
  public static <M extends Map<?, ?>> M of(M map) {
    Class<?> type = map.getClass();
    if (common(type) || !(map instanceof ConcurrentMap) && !CONCURRENT.get(type)) {
      return map;
    }
    return (M) copy((Map<?, ?>) map);
  }

  private static <E> Collection<E> copy(Collection<E> values) {
    if (values instanceof SortedSet<E> sorted) {
      // Element by element: new TreeSet<>(sorted) and addAll trust size(), which may have changed.
      TreeSet<E> copy = new TreeSet<>(sorted.comparator());
      for (E element : sorted) {
        copy.add(element);
      }
      return copy;
    }
    if (values instanceof Set) {
      return new LinkedHashSet<>(values);
    }
    if (values instanceof Queue && !(values instanceof List)) {
      return new ArrayDeque<>(values); // a concurrent queue or deque holds no null
    }
    return new ArrayList<>(values);
  }

  private static <K, V> Map<K, V> copy(Map<K, V> map) {
    if (map instanceof SortedMap<K, V> sorted) {
      // Entry by entry: new TreeMap<>(sorted) and putAll trust size(), which may have changed.
      TreeMap<K, V> copy = new TreeMap<>(sorted.comparator());
      for (Map.Entry<K, V> entry : sorted.entrySet()) {
        copy.put(entry.getKey(), entry.getValue());
      }
      return copy;
    }
    return new LinkedHashMap<>(map);
  }
}
