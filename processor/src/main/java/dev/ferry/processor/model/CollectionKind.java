package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableSet;
import java.util.Queue;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** The collection interfaces a member may be declared as, and what decoding builds for each. */
public enum CollectionKind {
  LIST(List.class, ArrayList.class, Build.SIZED),
  SET(Set.class, LinkedHashSet.class, Build.SIZED),
  COLLECTION(Collection.class, ArrayList.class, Build.SIZED),
  /**
   * Java 21's {@code SequencedCollection}, named (the processor runs on Java 17): written as a
   * {@code Collection} is, in iteration order, and rebuilt as an {@code ArrayList}, which is one.
   */
  SEQUENCED_COLLECTION("SequencedCollection", ArrayList.class, Build.SIZED),
  /** Java 21's {@code SequencedSet}: a {@code Set}, rebuilt as a {@code LinkedHashSet} in order. */
  SEQUENCED_SET("SequencedSet", LinkedHashSet.class, Build.SIZED),
  SORTED_SET(SortedSet.class, TreeSet.class, Build.SORTED),
  NAVIGABLE_SET(NavigableSet.class, TreeSet.class, Build.SORTED),
  QUEUE(Queue.class, ArrayDeque.class, Build.NO_NULLS),
  DEQUE(Deque.class, ArrayDeque.class, Build.NO_NULLS),
  ENUM_SET(EnumSet.class, EnumSet.class, Build.ENUMS);

  /** How decoding creates the collection, and which elements it cannot hold. */
  public enum Build {
    /** {@code new Impl<>(size)}; any element. */
    SIZED,
    /** {@code new TreeSet<>()} in natural order: no nulls, elements must be comparable. */
    SORTED,
    /** {@code new ArrayDeque<>(size)}: no nulls. */
    NO_NULLS,
    /** {@code EnumSet.noneOf(E.class)}: no nulls. */
    ENUMS;

    /** Whether the collection refuses null elements, so writing one must fail at the sender. */
    public boolean refusesNull() {
      return this != SIZED;
    }
  }

  private final ClassName interfaceName;
  private final ClassName implementation;
  private final Build build;

  CollectionKind(Class<?> interfaceType, Class<?> implementation, Build build) {
    this(ClassName.get(interfaceType), implementation, build);
  }

  CollectionKind(String javaUtilInterface, Class<?> implementation, Build build) {
    this(ClassName.get("java.util", javaUtilInterface), implementation, build);
  }

  CollectionKind(ClassName interfaceName, Class<?> implementation, Build build) {
    this.interfaceName = interfaceName;
    this.implementation = ClassName.get(implementation);
    this.build = build;
  }

  /**
   * Whether decoding adds to a {@code LinkedHashSet}, which keeps one of two elements equal by
   * {@code equals}: such an element read from forged bytes is refused, and building it runs the
   * elements' {@code hashCode} and {@code equals}.
   */
  public boolean isHashSet() {
    return this == SET || this == SEQUENCED_SET;
  }

  public ClassName interfaceName() {
    return interfaceName;
  }

  /** The class decoding builds: it keeps the written order, or sorts naturally. */
  public ClassName implementation() {
    return implementation;
  }

  public Build build() {
    return build;
  }
}
