package dev.ferry.internal.codec;

import java.util.Collection;
import java.util.Comparator;
import java.util.Queue;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Refuses, in the writing process, the sorted collections and queues that {@link DynamicCodec}'s
 * reader would refuse whatever bytes they made: it rebuilds a {@code SortedSet} or {@code
 * SortedMap} as a {@code TreeSet} or {@code TreeMap} in natural order and a {@code Queue} as an
 * {@code ArrayDeque}, which hold no null, take only mutually comparable elements, and keep once
 * what natural order takes for one. Such a value used to be sent (a channel's {@code send}
 * returned) and then refused by the receiver's {@code receive}, which lost the message.
 *
 * <p>A collection sorted in natural order already holds only what its copy can; one sorted by a
 * comparator, which does not cross, is sorted again in natural order to find out, so only such a
 * collection costs a second sort.
 */
final class RebuiltCollections {
  private RebuiltCollections() {}

  /** Refuses a queue that holds null, which an {@code ArrayDeque} cannot. */
  static void requireNoNull(Queue<?> queue) {
    boolean holdsNull;
    try {
      holdsNull = queue.contains(null); // at once for the queues that refuse null themselves
    } catch (NullPointerException refusesNull) {
      holdsNull = false;
    }
    if (holdsNull) {
      throw new IllegalArgumentException(
          "a " + queue.getClass().getName() + " holds null, which the receiving process cannot"
              + " rebuild: it reads a Queue as an ArrayDeque, which holds no nulls; leave the null"
              + " out, or send a List");
    }
  }

  static void requireNaturalOrder(SortedSet<?> set) {
    requireNaturalOrder(set, set.comparator(), "SortedSet", "TreeSet", "element");
  }

  static void requireNaturalOrder(SortedMap<?, ?> map) {
    requireNaturalOrder(map.keySet(), map.comparator(), "SortedMap", "TreeMap", "key");
  }

  private static void requireNaturalOrder(
      Collection<?> elements, Comparator<?> comparator, String kind, String rebuilt, String element) {
    if (comparator == null) {
      return;
    }
    TreeSet<Object> natural = new TreeSet<>();
    for (Object each : elements) {
      if (each == null) {
        throw new IllegalArgumentException(
            "a " + kind + " sorted by a comparator holds a null " + element + ", which the"
                + " receiving process cannot rebuild: it reads a " + kind + " as a " + rebuilt
                + " in natural order (a comparator does not cross), which holds no nulls; leave"
                + " the null out, or send a " + (kind.equals("SortedSet") ? "List" : "Map"));
      }
      boolean added;
      try {
        added = natural.add(each);
      } catch (RuntimeException e) { // a ClassCastException, or what an element's compareTo threw
        throw new IllegalArgumentException(
            "a " + kind + " sorted by a comparator holds " + element + "s of "
                + each.getClass().getName() + " that the receiving process cannot rebuild: it"
                + " reads a " + kind + " as a " + rebuilt + " in natural order (a comparator does"
                + " not cross), and ordering them so threw " + e + "; send " + element + "s that"
                + " are Comparable with each other, or a " + (kind.equals("SortedSet") ? "List" : "Map"),
            e);
      }
      if (!added) {
        throw new IllegalArgumentException(
            "a " + kind + " sorted by a comparator holds two " + element + "s of "
                + each.getClass().getName() + " equal in their natural order, which the "
                + rebuilt + " the receiving process reads it into would keep once: a comparator"
                + " does not cross. Keep its " + element + "s distinct in natural order, or send a "
                + (kind.equals("SortedSet") ? "List" : "Map"));
      }
    }
  }
}
