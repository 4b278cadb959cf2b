package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.SortedMap;
import java.util.TreeMap;

/** The map interfaces a member may be declared as, and what decoding builds for each. */
public enum MapKind {
  MAP(Map.class, LinkedHashMap.class),
  /**
   * Java 21's {@code SequencedMap}, named (the processor runs on Java 17): written as a {@code
   * Map} is, in iteration order, and rebuilt as a {@code LinkedHashMap}, which is one.
   */
  SEQUENCED_MAP(ClassName.get("java.util", "SequencedMap"), LinkedHashMap.class),
  SORTED_MAP(SortedMap.class, TreeMap.class),
  NAVIGABLE_MAP(NavigableMap.class, TreeMap.class),
  ENUM_MAP(EnumMap.class, EnumMap.class);

  private final ClassName interfaceName;
  private final ClassName implementation;

  MapKind(Class<?> interfaceType, Class<?> implementation) {
    this(ClassName.get(interfaceType), implementation);
  }

  MapKind(ClassName interfaceName, Class<?> implementation) {
    this.interfaceName = interfaceName;
    this.implementation = ClassName.get(implementation);
  }

  /**
   * Whether decoding puts into a {@code LinkedHashMap}, which takes any key, null too, and tells
   * keys apart by {@code equals}.
   */
  public boolean isHashMap() {
    return this == MAP || this == SEQUENCED_MAP;
  }

  public ClassName interfaceName() {
    return interfaceName;
  }

  /** The class decoding builds: a {@code LinkedHashMap} keeps the written order. */
  public ClassName implementation() {
    return implementation;
  }

  /** Whether keys are sorted in natural order, so that a null key or an incomparable one fails. */
  public boolean sorted() {
    return implementation.simpleName().equals("TreeMap");
  }
}
