package dev.ferry.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The collection interfaces a member may be declared as, and what decoding builds for each. */
public enum CollectionKind {
  LIST(List.class, ArrayList.class),
  SET(Set.class, LinkedHashSet.class),
  COLLECTION(Collection.class, ArrayList.class);

  private final ClassName interfaceName;
  private final ClassName implementation;

  CollectionKind(Class<?> interfaceType, Class<?> implementation) {
    this.interfaceName = ClassName.get(interfaceType);
    this.implementation = ClassName.get(implementation);
  }

  public ClassName interfaceName() {
    return interfaceName;
  }

  /** The class decoding builds: it keeps the written order. */
  public ClassName implementation() {
    return implementation;
  }
}
