package dev.ferry.processor.checker;

import dev.ferry.processor.validation.CollectionViews;
import java.util.List;
import java.util.function.Supplier;
import javax.lang.model.element.Element;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVisitor;

/**
 * ECJ's mirror of a parameterized type with the type arguments Ferry gives it: those ECJ has no
 * mirror for, the intersections of its inference ({@code List.of("a", 1)} is a {@code
 * List<Serializable & Comparable<?> & ...>}, whose argument ECJ's own mirror lists as null), are
 * {@link EcjIntersection}s, and the captures of a {@code ? super} wildcard, whose bound ECJ's
 * mirror drops, are {@link EcjCapture}s. Everything else is ECJ's.
 */
final class EcjParameterized extends EcjOverlay<DeclaredType>
    implements DeclaredType, CollectionViews.OwnSupertypes {
  private final List<TypeMirror> arguments;
  private final Supplier<List<TypeMirror>> supertypes;

  /** {@code supertypes}: the direct supertypes, as ECJ substitutes them, with mirrors of ours. */
  EcjParameterized(
      DeclaredType ecj, List<TypeMirror> arguments, Supplier<List<TypeMirror>> supertypes) {
    super(ecj);
    this.arguments = List.copyOf(arguments);
    this.supertypes = supertypes;
  }

  /** ECJ's {@code Types.directSupertypes} takes only its own mirrors: it throws on this one. */
  @Override
  public List<? extends TypeMirror> directSupertypes() {
    return supertypes.get();
  }

  @Override
  public List<? extends TypeMirror> getTypeArguments() {
    return arguments;
  }

  @Override
  public Element asElement() {
    return ecj.asElement();
  }

  @Override
  public TypeMirror getEnclosingType() {
    return ecj.getEnclosingType();
  }

  @Override
  public TypeKind getKind() {
    return TypeKind.DECLARED;
  }

  @Override
  public <R, P> R accept(TypeVisitor<R, P> visitor, P parameter) {
    return visitor.visitDeclared(this, parameter);
  }

  @Override
  public String toString() {
    return ecj.asElement() + "<" + String.join(",", arguments.stream().map(String::valueOf).toList())
        + ">";
  }
}
