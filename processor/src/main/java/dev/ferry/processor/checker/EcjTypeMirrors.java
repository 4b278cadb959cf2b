package dev.ferry.processor.checker;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.lookup.CaptureBinding;
import org.eclipse.jdt.internal.compiler.lookup.IntersectionTypeBinding18;
import org.eclipse.jdt.internal.compiler.lookup.ParameterizedTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeIds;
import org.eclipse.jdt.internal.compiler.lookup.TypeVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.WildcardBinding;

/**
 * The {@code javax.lang.model} type of an ECJ type binding, as the ECJ call-site checks read it:
 * ECJ's own mirror ({@link Factory#newTypeMirror}), except where that mirror says less than javac's
 * type would, and then one of ours in its place: an inferred intersection ({@link
 * EcjIntersection}), a capture whose bounds ECJ's mirror loses ({@link EcjCapture}), and a
 * parameterized type holding either ({@link EcjParameterized}).
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it is one job with no part in the walk: it reads
 * only ECJ's bindings, reports nothing and keeps no state but the factory, so every check of the
 * scan shares one answer for what a binding's type is.
 */
final class EcjTypeMirrors {
  private final Factory factory;

  EcjTypeMirrors(Factory factory) {
    this.factory = factory;
  }

  /** The mirror of {@code binding}, or null where it has none (unresolved, erroneous). */
  TypeMirror of(TypeBinding binding) {
    if (binding == null || !binding.isValidBinding()) {
      return null;
    }
    if (binding instanceof IntersectionTypeBinding18 intersection) {
      return EcjIntersection.of(factory, intersection);
    }
    TypeMirror type = factory.newTypeMirror(binding);
    if (type instanceof TypeVariable variable && isLowerBoundedCapture(binding)) {
      TypeMirror lower = of(((CaptureBinding) binding).lowerBound);
      return lower == null
          ? type
          : new EcjCapture(variable, lower, upperOfSuper(binding, variable));
    }
    if (type instanceof TypeVariable variable && isIntersectionBoundedCapture(binding)) {
      TypeMirror upper =
          EcjIntersection.of(
              factory, (IntersectionTypeBinding18) ((CaptureBinding) binding).firstBound);
      return upper == null
          ? type
          : new EcjCapture(variable, variable.getLowerBound(), upper);
    }
    if (type instanceof TypeVariable variable && isDoublyBoundedCapture(binding)) {
      TypeMirror upper = upperOfDoublyBounded((CaptureBinding) binding);
      return upper == null ? type : new EcjCapture(variable, variable.getLowerBound(), upper);
    }
    if (type instanceof DeclaredType declared && holdsOwnMirror(binding)) {
      return withOwnArguments(declared, (ParameterizedTypeBinding) binding);
    }
    return type == null || type.getKind() == TypeKind.ERROR ? null : type;
  }

  /**
   * The upper bound of the capture of a {@code ? super X}: its variable's declared bound, as javac
   * gives it ({@code Job} for the {@code J<? super Hire>} of {@code record J<T extends Job>(T
   * value)}), where ECJ's mirror answers {@code Object}, so such a value, which holds only {@code
   * Job}s and crosses, was refused as "could hold any type". A bound with type arguments ({@code
   * Comparable<T>}, which may name the capture itself) or a type variable keeps ECJ's mirror.
   */
  private TypeMirror upperOfSuper(TypeBinding binding, TypeVariable variable) {
    WildcardBinding wildcard = ((CaptureBinding) binding).wildcard;
    TypeVariableBinding[] declared =
        wildcard == null || wildcard.genericType == null
            ? null
            : wildcard.genericType.typeVariables();
    TypeBinding bound =
        declared == null || wildcard.rank < 0 || wildcard.rank >= declared.length
            ? null
            : declared[wildcard.rank].firstBound;
    if (bound == null
        || bound.isParameterizedType()
        || bound.isTypeVariable()
        || bound instanceof IntersectionTypeBinding18) {
      return variable.getUpperBound();
    }
    TypeMirror upper = of(bound);
    return upper == null ? variable.getUpperBound() : upper;
  }

  /**
   * Whether {@code binding} is the capture of a {@code ? extends} wildcard bounded by an interface
   * other than its variable's: the {@code Ranked<? extends Comparable<?>>} of {@code record
   * Ranked<T extends Comparable<T>>}, bounded by {@code Comparable<?>} and {@code
   * Comparable<capture>}. ECJ's mirror answers such a capture itself for its upper bound, so the
   * checker followed it until the stack overflowed, and the scan of the file was dropped: every
   * call site in it went unchecked, where javac refuses the value (it may be a {@code
   * Ranked<StringBuilder>}, which fails when written).
   */
  private static boolean isDoublyBoundedCapture(TypeBinding binding) {
    return binding instanceof CaptureBinding capture
        && capture.lowerBound == null
        && capture.firstBound instanceof ReferenceBinding first
        && !(first instanceof IntersectionTypeBinding18)
        && capture.superInterfaces != null
        && capture.superInterfaces.length == 1
        && !TypeBinding.equalsEquals(capture.superInterfaces[0], first)
        && (capture.superclass == null || capture.superclass.id == TypeIds.T_JavaLangObject);
  }

  /**
   * The upper bound javac gives a {@linkplain #isDoublyBoundedCapture doubly bounded capture}: the
   * greatest lower bound of its two bounds, the one that is a subtype of the other ({@code
   * Comparable<capture>}), else both as an intersection. A bound is ECJ's own mirror, not {@link
   * #of}'s: it may name the capture, whose upper bound it is.
   */
  private TypeMirror upperOfDoublyBounded(CaptureBinding capture) {
    ReferenceBinding first = (ReferenceBinding) capture.firstBound;
    ReferenceBinding other = capture.superInterfaces[0];
    if (other.isCompatibleWith(first)) {
      return factory.newTypeMirror(other);
    }
    if (first.isCompatibleWith(other)) {
      return factory.newTypeMirror(first);
    }
    return EcjIntersection.of(factory, new ReferenceBinding[] {first, other});
  }

  private static boolean isLowerBoundedCapture(TypeBinding binding) {
    return binding instanceof CaptureBinding capture && capture.lowerBound != null;
  }

  /**
   * Whether {@code binding} is the capture of a wildcard bounded by an intersection: an element of
   * {@code var in = flag ? List.of(1) : List.of("x")}, a {@code List<? extends Object &
   * Serializable & Comparable<?> & ...>}. ECJ's mirror of its upper bound says nothing a checker
   * can read, so {@code pool.map(Main::id, in)} crossed unchecked where javac tells {@code in}.
   */
  private static boolean isIntersectionBoundedCapture(TypeBinding binding) {
    return binding instanceof CaptureBinding capture
        && capture.firstBound instanceof IntersectionTypeBinding18;
  }

  /**
   * Whether an argument of a parameterized type, at any depth, needs a mirror of ours: an inferred
   * intersection ({@link EcjIntersection}) or the capture of a {@code ? super} ({@link
   * EcjCapture}).
   */
  private static boolean holdsOwnMirror(TypeBinding binding) {
    if (!(binding instanceof ParameterizedTypeBinding parameterized)
        || parameterized.arguments == null) {
      return false;
    }
    for (TypeBinding argument : parameterized.arguments) {
      if (argument instanceof IntersectionTypeBinding18
          || isLowerBoundedCapture(argument)
          || isIntersectionBoundedCapture(argument)
          || isDoublyBoundedCapture(argument)
          || holdsOwnMirror(argument)) {
        return true;
      }
    }
    return false;
  }

  /** {@code declared} with each type argument's mirror from {@link #of}, or null. */
  private TypeMirror withOwnArguments(DeclaredType declared, ParameterizedTypeBinding binding) {
    List<TypeMirror> arguments = new ArrayList<>();
    for (TypeBinding argument : binding.arguments) {
      TypeMirror mirror = of(argument);
      if (mirror == null) {
        return null;
      }
      arguments.add(mirror);
    }
    return new EcjParameterized(declared, arguments, () -> directSupertypes(binding));
  }

  /**
   * The direct supertypes of {@code binding} as ECJ substitutes them ({@code AbstractList<X>} and
   * {@code List<X>} of an {@code ArrayList<X>}), each through {@link #of}.
   */
  private List<TypeMirror> directSupertypes(ParameterizedTypeBinding binding) {
    List<TypeMirror> supertypes = new ArrayList<>();
    List<ReferenceBinding> bindings = new ArrayList<>();
    if (binding.superclass() != null) {
      bindings.add(binding.superclass());
    }
    bindings.addAll(List.of(binding.superInterfaces()));
    for (ReferenceBinding supertype : bindings) {
      TypeMirror mirror = of(supertype);
      if (mirror != null) {
        supertypes.add(mirror);
      }
    }
    return supertypes;
  }
}
