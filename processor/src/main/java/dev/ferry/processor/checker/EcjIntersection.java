package dev.ferry.processor.checker;

import java.lang.annotation.Annotation;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVisitor;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.lookup.IntersectionTypeBinding18;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;

/**
 * The type ECJ infers for a value of several classes ({@code flag ? "a" : 1}, {@code var v} of
 * such a conditional, {@code List.of("a", 1)}), as a {@link IntersectionType} mirror.
 *
 * <p>Why our own: ECJ's {@link Factory#newTypeMirror} has no mirror for its inference's {@link
 * IntersectionTypeBinding18} (it returns null; ECJ builds intersection mirrors only for a type
 * variable's bounds), so such a value looked like one of unknown type and crossed unchecked, where
 * javac reports it. The checker reads only its kind and bounds, as javac's.
 */
final class EcjIntersection implements IntersectionType {
  private final List<TypeMirror> bounds;

  private EcjIntersection(List<TypeMirror> bounds) {
    this.bounds = List.copyOf(bounds);
  }

  /**
   * The mirror of {@code binding}, or null when a bound has none. Its bounds are in javac's order
   * (classes, then interfaces; deeper in the hierarchy first; then by qualified name: javac's
   * {@code Types.closureMin} and {@code TypeSymbol.precedes}), so that a message prints the type
   * as under javac: ECJ's own order follows the operands ({@code flag ? 1 : "a"} gave {@code
   * Comparable<?> & Constable & ConstantDesc & Serializable}, javac's is {@code Serializable &
   * Comparable<?> & Constable & ConstantDesc} whichever comes first).
   */
  static TypeMirror of(Factory factory, IntersectionTypeBinding18 binding) {
    return of(factory, binding.intersectingTypes);
  }

  /**
   * The mirror of the intersection of {@code types}, in javac's order as {@link #of(Factory,
   * IntersectionTypeBinding18)}, or null when one has none.
   */
  static TypeMirror of(Factory factory, ReferenceBinding[] types) {
    List<ReferenceBinding> ordered = new ArrayList<>(List.of(types));
    ordered.sort(
        Comparator.comparing(ReferenceBinding::isInterface)
            .thenComparing(Comparator.comparingInt(EcjIntersection::rank).reversed())
            .thenComparing(b -> new String(((ReferenceBinding) b.erasure()).readableName())));
    List<TypeMirror> bounds = new ArrayList<>();
    for (ReferenceBinding bound : ordered) {
      TypeMirror mirror = factory.newTypeMirror(bound);
      if (mirror == null) {
        return null;
      }
      bounds.add(mirror);
    }
    return new EcjIntersection(bounds);
  }

  /** The length of the longest path from {@code type} up to {@code Object}, as javac ranks it. */
  private static int rank(ReferenceBinding type) {
    int rank = 0;
    ReferenceBinding superclass = type.superclass();
    if (superclass != null) {
      rank = rank(superclass) + 1;
    }
    ReferenceBinding[] interfaces = type.superInterfaces();
    for (ReferenceBinding superinterface : interfaces == null ? new ReferenceBinding[0] : interfaces) {
      rank = Math.max(rank, rank(superinterface) + 1);
    }
    return type.isInterface() ? Math.max(rank, 1) : rank;
  }

  @Override
  public List<? extends TypeMirror> getBounds() {
    return bounds;
  }

  @Override
  public TypeKind getKind() {
    return TypeKind.INTERSECTION;
  }

  @Override
  public <R, P> R accept(TypeVisitor<R, P> visitor, P parameter) {
    return visitor.visitIntersection(this, parameter);
  }

  @Override
  public List<? extends AnnotationMirror> getAnnotationMirrors() {
    return List.of();
  }

  @Override
  public <A extends Annotation> A getAnnotation(Class<A> annotationType) {
    return null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <A extends Annotation> A[] getAnnotationsByType(Class<A> annotationType) {
    return (A[]) Array.newInstance(annotationType, 0);
  }

  @Override
  public String toString() {
    return bounds.stream().map(TypeMirror::toString).collect(Collectors.joining("&"));
  }
}
