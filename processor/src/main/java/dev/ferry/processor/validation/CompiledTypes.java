package dev.ferry.processor.validation;

import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * The top-level types this compilation compiles from source, gathered from every processing
 * round, so that an annotated type from a library whose codec was never generated (its build did
 * not run Ferry's processor) can be told from one whose codec this compilation generates.
 */
public final class CompiledTypes {
  private final Elements elements;
  private final Set<String> topLevel = new HashSet<>();

  public CompiledTypes(Elements elements) {
    this.elements = elements;
  }

  /** Notes the root elements of a round: its top-level types. */
  public void add(Set<? extends Element> roots) {
    for (Element root : roots) {
      if (root instanceof TypeElement type) {
        topLevel.add(type.getQualifiedName().toString());
      }
    }
  }

  /**
   * Whether the annotated {@code type} comes from another compilation and its codec is not on
   * the class path. Types of this compilation are never asked about their codec, which may not
   * exist yet (it is generated in a later round, or not at all when the type has errors of its
   * own, which are reported on it).
   */
  boolean codecMissing(TypeElement type) {
    if (topLevel.contains(outermost(type).getQualifiedName().toString())) {
      return false;
    }
    return elements.getTypeElement(MemberTypes.codecName(type).canonicalName()) == null;
  }

  private static TypeElement outermost(TypeElement type) {
    TypeElement outer = type;
    while (outer.getEnclosingElement() instanceof TypeElement enclosing) {
      outer = enclosing;
    }
    return outer;
  }
}
