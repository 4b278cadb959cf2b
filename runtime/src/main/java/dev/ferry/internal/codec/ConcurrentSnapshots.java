package dev.ferry.internal.codec;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.Spliterator;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentMap;

/**
 * Copies, before it is written, a collection or map made to be changed by other threads while it
 * is read: one of {@code java.util.concurrent}'s (or a subclass of one), any {@link
 * ConcurrentMap}, or a view {@code java.util.Collections} makes of one ({@code newSetFromMap},
 * {@code unmodifiableMap}, {@code synchronizedSet}, ...). Writing one reads it more than once (its
 * size, then its elements), and its weakly consistent iteration may give a key twice (a {@code
 * ConcurrentHashMap} resized while it is iterated, a key removed and put again): the sender's
 * encode succeeded and the receiver refused the message ("a Map holds a key equal to an earlier
 * one"), or a generated codec refused the value for a size that had changed. The copy is made by one iteration into a collection of
 * the same kind that keeps each element once by the rule the reader applies ({@code equals}, or
 * the comparator of a sorted one), and it is what is written. Other collections are written as
 * they are: changing one while it is written is a race in the program, which the writer refuses
 * ({@link WrittenSizes}).
 *
 * <p>Cost: for the classes written most (the JDK's {@code ArrayList}, hash and linked hash sets
 * and maps, {@code List.of}'s lists), one comparison of the class; for others a cached per-class
 * lookup, and for a {@code Collections} view a spliterator; the copy (one iteration and its
 * allocation) only for a concurrent one. Another wrapper of a concurrent collection (a library's
 * forwarding map) is not recognised, and is written as it is.
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

  /**
   * Whether a class is one of the views {@code java.util.Collections} makes ({@code
   * newSetFromMap}, {@code unmodifiableMap}, {@code synchronizedSet}, {@code checkedMap}, ...): none
   * tells what it wraps, but each hands out the spliterator of what it wraps, whose {@link
   * Spliterator#CONCURRENT} says a concurrent one is behind it.
   */
  private static final ClassValue<Boolean> COLLECTIONS_VIEW =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          return type.getEnclosingClass() == Collections.class;
        }
      };

  private static final Class<?> LIST_OF_TWO = List.of(0, 1).getClass();
  /** The class of {@code Collections.newSetFromMap}'s sets, whatever map they are made over. */
  private static final Class<?> SET_FROM_MAP =
      Collections.newSetFromMap(new HashMap<Object, Boolean>()).getClass();
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
   * the original did. Every collection a codec writes passes here first, generated or dynamic, so
   * an identity set the reader could not rebuild is refused here too ({@link
   * RebuiltCollections#requireDistinctElements}).
   */
  @SuppressWarnings("unchecked") // the copy implements what the original did of C's interfaces
  public static <C extends Collection<?>> C of(C values) {
    Class<?> type = values.getClass();
    if (common(type)) {
      return values;
    }
    if (CONCURRENT.get(type) || COLLECTIONS_VIEW.get(type) && concurrentBehind(values)) {
      return (C) copy((Collection<?>) values);
    }
    if (type == SET_FROM_MAP) {
      // Every collection a codec writes passes here first: a set whose map tells its elements
      // apart by another rule than equals (an identity set) is refused before it is written.
      RebuiltCollections.requireDistinctElements((Set<?>) values);
    }
    return values;
  }

  /**
   * {@code map}, or a copy of it made at one moment if it is a concurrent map. Every map a codec
   * writes passes here first, generated or dynamic, so an {@code IdentityHashMap} the reader could
   * not rebuild is refused here too ({@link RebuiltCollections#requireDistinctKeys}).
   */
  @SuppressWarnings("unchecked") // a TreeMap is a NavigableMap, a LinkedHashMap any other Map
  public static <M extends Map<?, ?>> M of(M map) {
    Class<?> type = map.getClass();
    if (common(type)) {
      return map;
    }
    if (type == IdentityHashMap.class) {
      RebuiltCollections.requireDistinctKeys((IdentityHashMap<?, ?>) map);
      return map;
    }
    if (map instanceof ConcurrentMap || CONCURRENT.get(type)
        || COLLECTIONS_VIEW.get(type) && concurrentBehind(map.keySet())) {
      return (M) copy((Map<?, ?>) map);
    }
    return map;
  }

  /**
   * Whether the spliterator of {@code view}, a {@code Collections} view, is over a weakly
   * consistent concurrent collection: the views delegate {@code spliterator()} (a map view's {@code
   * keySet()} is the wrapped map's, wrapped), so it is the wrapped collection's at any depth of
   * wrapping. A copy-on-write one's is a snapshot, not {@code CONCURRENT}: behind a view it is
   * written as it is, and another thread changing its size while it is written makes the writer
   * refuse it ({@link WrittenSizes}), as for any collection.
   */
  private static boolean concurrentBehind(Collection<?> view) {
    return view.spliterator().hasCharacteristics(Spliterator.CONCURRENT);
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
