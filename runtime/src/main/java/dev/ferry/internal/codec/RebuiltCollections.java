package dev.ferry.internal.codec;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Queue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Refuses, in the writing process, the sorted collections and queues that the reader would refuse
 * whatever bytes they made: it rebuilds a {@code SortedSet} or {@code SortedMap} as a {@code
 * TreeSet} or {@code TreeMap} in natural order and a {@code Queue} as an {@code ArrayDeque}, which
 * hold no null, take only mutually comparable elements, and keep once what natural order takes for
 * one. Such a value used to be sent (a channel's {@code send} returned) and then refused by the
 * receiver's {@code receive}, which lost the message. Used by {@link DynamicCodec} and by generated
 * codecs, for their members declared {@code SortedSet}, {@code NavigableSet}, {@code SortedMap} or
 * {@code NavigableMap}.
 *
 * <p>A collection sorted in natural order already holds only what its copy can; one sorted by a
 * comparator, which does not cross, is sorted again in natural order to find out, so only such a
 * collection costs a second sort.
 */
public final class RebuiltCollections {
  private RebuiltCollections() {}

  /** Refuses a queue written dynamically that holds null, which an {@code ArrayDeque} cannot. */
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

  /**
   * Refuses an {@code IdentityHashMap} holding two keys equal by {@code equals}, which it tells
   * apart by identity alone: the reader rebuilds every {@code Map} as a {@code LinkedHashMap},
   * which would keep one of them, so it refuses the bytes. Any other map holds no such keys.
   */
  static void requireDistinctKeys(IdentityHashMap<?, ?> map) {
    Object twice = equalTwice(map.keySet());
    if (twice != NONE) {
      throw new IllegalArgumentException(
          "an IdentityHashMap holds two keys equal to " + describe(twice) + ", which the"
              + " receiving process cannot rebuild: it reads a Map as a LinkedHashMap, whose"
              + " keys are told apart by equals(), not by identity; send a List of the"
              + " entries, or keys that are not equal");
    }
  }

  /**
   * Refuses a set made by {@code Collections.newSetFromMap} holding two elements equal by {@code
   * equals}, which its map told apart by another rule (an {@code IdentityHashMap}'s identity): the
   * reader rebuilds every {@code Set} as a {@code LinkedHashSet}, which would keep one of them, so
   * it refuses the bytes.
   */
  static void requireDistinctElements(Set<?> set) {
    Object twice = equalTwice(set);
    if (twice != NONE) {
      throw new IllegalArgumentException(
          "a set made by Collections.newSetFromMap holds two elements equal to "
              + describe(twice) + ", which the receiving process cannot rebuild: it reads a"
              + " Set as a LinkedHashSet, whose elements are told apart by equals(), not by the"
              + " rule of the set's map; send a List, or elements that are not equal");
    }
  }

  /** What {@link #equalTwice} returns when no two elements are equal (null may be one). */
  private static final Object NONE = new Object();

  /** The first of {@code elements} equal to an earlier one by {@code equals}, else {@link #NONE}. */
  private static Object equalTwice(Set<?> elements) {
    HashSet<Object> seen = new HashSet<>(elements.size() * 2);
    for (Object element : elements) {
      if (!seen.add(element)) {
        return element;
      }
    }
    return NONE;
  }

  /** A key or element as a message names it: its class, and its text where that is short. */
  private static String describe(Object key) {
    if (key == null) {
      return "null";
    }
    String text;
    try {
      text = String.valueOf(key);
    } catch (RuntimeException e) {
      text = null; // a key's toString() may fail; the class still says what it is
    }
    return text != null && text.length() <= 60
        ? "`" + text + "` (" + key.getClass().getName() + ")"
        : "a " + key.getClass().getName();
  }

  /** For a sorted set written dynamically. */
  static void requireNaturalOrder(SortedSet<?> set) {
    check(set, set.comparator(), "SortedSet", false, false);
  }

  /** For a sorted map written dynamically. */
  static void requireNaturalOrder(SortedMap<?, ?> map) {
    check(map.keySet(), map.comparator(), "SortedMap", true, false);
  }

  /**
   * For a generated codec's member declared {@code declared} ({@code SortedSet} or {@code
   * NavigableSet}); its null elements are left to the codec, which refuses them in its own words.
   */
  public static void requireMemberInNaturalOrder(SortedSet<?> set, String declared) {
    check(set, set.comparator(), declared, false, true);
  }

  /** For a generated codec's member declared {@code SortedMap} or {@code NavigableMap}. */
  public static void requireMemberInNaturalOrder(SortedMap<?, ?> map, String declared) {
    check(map.keySet(), map.comparator(), declared, true, true);
  }

  /**
   * Sorts {@code elements} (a map's keys when {@code keys}) again in natural order when {@code
   * comparator} sorted them, for a value declared {@code kind}, written dynamically or as a
   * generated codec's {@code member}. A generated codec refuses null elements itself as it writes
   * them, so a member's are skipped here.
   */
  private static void check(
      Collection<?> elements, Comparator<?> comparator, String kind, boolean keys, boolean member) {
    if (comparator == null) {
      return;
    }
    String subject = "a " + kind + (member ? " member" : "");
    String rebuilt = keys ? "TreeMap" : "TreeSet";
    String element = keys ? "key" : "element";
    String orElse; // the other fix the messages offer, if any
    if (member) {
      orElse = keys ? "" : ", or declare the member a List";
    } else {
      orElse = keys ? ", or send a Map" : ", or send a List";
    }
    TreeSet<Object> natural = new TreeSet<>();
    for (Object each : elements) {
      if (each == null) {
        if (member) {
          continue;
        }
        throw new IllegalArgumentException(
            subject + " sorted by a comparator holds a null " + element + ", which the receiving"
                + " process cannot rebuild: it reads a " + kind + " as a " + rebuilt + " in natural"
                + " order (a comparator does not cross), which holds no nulls; leave the null out"
                + orElse);
      }
      boolean added;
      try {
        added = natural.add(each);
      } catch (RuntimeException e) { // a ClassCastException, or what an element's compareTo threw
        throw new IllegalArgumentException(
            subject + " sorted by a comparator holds " + element + "s of "
                + each.getClass().getName() + " that the receiving process cannot rebuild: it"
                + " reads a " + kind + " as a " + rebuilt + " in natural order (a comparator does"
                + " not cross), and ordering them so threw " + e + "; send " + element + "s that"
                + " are Comparable with each other" + orElse,
            e);
      }
      if (!added) {
        throw new IllegalArgumentException(
            subject + " sorted by a comparator holds two " + element + "s of "
                + each.getClass().getName() + " equal in their natural order, which the " + rebuilt
                + " the receiving process reads it into would keep once: a comparator does not"
                + " cross. Keep its " + element + "s distinct in natural order" + orElse);
      }
    }
  }
}
