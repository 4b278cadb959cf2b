package dev.ferry.processor.checker;

import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.TypeVisitor;

/**
 * ECJ's capture of a {@code ? super X} wildcard, with its lower bound, or of a wildcard bounded by
 * an intersection, with that bound.
 *
 * <p>Why our own: ECJ's mirror of a capture ({@code TypeVariableImpl.getLowerBound}) always
 * answers the null type, so a {@code List<? super Job>} value printed as {@code List<?>} in a
 * message, where javac's capture keeps {@code Job}; and its upper bound has no mirror for an
 * intersection its inference made ({@link EcjIntersection}), so an element of {@code var in = flag
 * ? List.of(1) : List.of("x")} crossed unchecked. Everything but the bounds is ECJ's.
 */
final class EcjCapture extends EcjOverlay<TypeVariable> implements TypeVariable {
  private final TypeMirror lower;
  private final TypeMirror upper;

  EcjCapture(TypeVariable ecj, TypeMirror lower, TypeMirror upper) {
    super(ecj);
    this.lower = lower;
    this.upper = upper;
  }

  @Override
  public TypeMirror getLowerBound() {
    return lower;
  }

  @Override
  public TypeMirror getUpperBound() {
    return upper;
  }

  @Override
  public Element asElement() {
    return ecj.asElement();
  }

  @Override
  public TypeKind getKind() {
    return TypeKind.TYPEVAR;
  }

  @Override
  public <R, P> R accept(TypeVisitor<R, P> visitor, P parameter) {
    return visitor.visitTypeVariable(this, parameter);
  }

  @Override
  public String toString() {
    return ecj.toString();
  }
}
