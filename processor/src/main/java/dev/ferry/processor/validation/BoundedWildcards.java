package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.isInheritOnly;
import static dev.ferry.processor.validation.HeldTypes.carriesValuesOf;
import static dev.ferry.processor.validation.HeldTypes.lowerBoundOf;

import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * What a wildcard type argument of a {@code @Transferable} generic type stands for, by its type
 * variable's declared bound: a {@code ?} or {@code ? super Hire} of {@code J<T extends Job>} holds
 * only {@code Job}s, and a {@code ? super X} of a self-bounded variable only the supertypes of
 * {@code X} that meet the bound ({@link SelfBoundedSupers}). A wildcard is resolved as its bound
 * where the bound crosses, and a refusal is told by the bound where it does not ("could hold any
 * {@code Number}", not "any type"). Apart from {@link MemberTypes}, whose resolution it asks of each
 * bound, since these rules change only what a wildcard is taken to be.
 */
final class BoundedWildcards {
  private final MemberTypes memberTypes;
  private final Types types;

  BoundedWildcards(MemberTypes memberTypes, Types types) {
    this.memberTypes = memberTypes;
    this.types = types;
  }

  /**
   * {@code arguments}, each wildcard replaced by its type variable's declared bound when that bound
   * crosses and the wildcard says no more: a {@code ?}, a {@code ? super Hire} or a {@code ? extends
   * Object} holds only values of the bound, so for {@code record J<T extends Job>(T value)} a {@code
   * J<? super Hire>} holds {@code Job}s, and for {@code record Node<N extends Node<N>>(String name,
   * List<N> kids)} a {@code Node<?>}, the only way to write the type, holds {@code Node}s; they were
   * refused as "`?` could hold any type". A {@code ? extends X} whose {@code X} crosses is kept, as
   * is any wildcard whose bound does not cross ({@code Comparable<T>}): it is told as it is written,
   * unless it is a {@code ? super X} that stands only for types that cross ({@link
   * #onlySupersThatCross}).
   */
  List<? extends TypeMirror> bounded(
      TypeElement element, List<? extends TypeMirror> arguments, boolean inheritOnlyAllowed) {
    List<? extends TypeParameterElement> variables = element.getTypeParameters();
    List<TypeMirror> bounded = new ArrayList<>(arguments);
    for (int i = 0; i < arguments.size() && i < variables.size(); i++) {
      TypeMirror bound = null;
      if (arguments.get(i) instanceof WildcardType wildcard
          && saysNoMoreThanItsBound(wildcard, inheritOnlyAllowed)) {
        bound = crossingBound(variables.get(i), inheritOnlyAllowed);
      }
      if (bound == null) {
        bound = onlySupersThatCross(variables.get(i), arguments.get(i), inheritOnlyAllowed);
      }
      if (bound != null) {
        bounded.set(i, bound);
      }
    }
    return bounded;
  }

  /**
   * For a {@code ? super X}, written or captured, of a variable whose bound names the variable
   * itself, the first of the types it can stand for ({@link SelfBoundedSupers}) when each of them
   * crosses; else null. For {@code record K<T extends Comparable<T>>(T value)}, {@code K<? super
   * Integer>} stands only for {@code K<Integer>}, which crosses; it was refused as "could hold any
   * {@code Comparable<T>}", though no value of it holds anything but an {@code Integer}.
   */
  private TypeMirror onlySupersThatCross(
      TypeParameterElement variable, TypeMirror argument, boolean inheritOnlyAllowed) {
    List<TypeMirror> candidates = supersItStandsFor(variable, argument);
    if (candidates == null) {
      return null;
    }
    for (TypeMirror candidate : candidates) {
      if (!memberTypes.resolve(candidate, inheritOnlyAllowed).ok()) {
        return null;
      }
    }
    return candidates.get(0);
  }

  /**
   * {@code resolved}, told by the bound where its culprit is a wildcard that says no more than its
   * variable's bound, which does not cross: {@code ?} of {@code Num<?>} for {@code record Num<T
   * extends Number>(T value)} could hold any {@code Number}, not any type, as it was told.
   */
  Resolution toldByBound(
      TypeElement element,
      List<? extends TypeMirror> bounded,
      Resolution resolved,
      boolean inheritOnlyAllowed) {
    Violation violation = resolved.violation();
    List<? extends TypeParameterElement> variables = element.getTypeParameters();
    for (int i = 0; violation != null && i < bounded.size() && i < variables.size(); i++) {
      TypeParameterElement variable = variables.get(i);
      Violation ofSupers = supersThatDoNotCross(variable, bounded.get(i), inheritOnlyAllowed);
      if (ofSupers != null) {
        return Resolution.violated(ofSupers);
      }
      if (!(bounded.get(i) instanceof WildcardType wildcard)
          || !TypePrinter.print(wildcard).equals(violation.culprit())
          || !saysNoMoreThanItsBound(wildcard, inheritOnlyAllowed)
          || variable.getBounds().size() != 1
          || isObject(variable.getBounds().get(0))) {
        continue;
      }
      TypeMirror bound = variable.getBounds().get(0);
      Violation ofBound = memberTypes.resolve(bound, inheritOnlyAllowed).violation();
      if (ofBound != null) {
        return Resolution.violated(
            new Violation(
                ofBound.rule(),
                violation.culprit(),
                "could hold any `" + TypePrinter.print(bound) + "`, the bound of `"
                    + variable.getSimpleName() + "`, and `" + ofBound.culprit() + "` "
                    + ofBound.reason(),
                ofBound.fix()));
      }
    }
    return resolved;
  }

  /**
   * Where a {@code ? super X} (written or captured) of a variable whose bound names the variable
   * itself stands for a type that does not cross, that type's violation, told as what the wildcard
   * stands for: {@code ? super Plain} of {@code K<T extends Comparable<T>>} stands only for {@code
   * Plain}, and it is {@code Plain} that is not transferable, where the words were "could hold any
   * {@code Comparable<T>}"; else null.
   */
  private Violation supersThatDoNotCross(
      TypeParameterElement variable, TypeMirror argument, boolean inheritOnlyAllowed) {
    List<TypeMirror> candidates = supersItStandsFor(variable, argument);
    if (candidates == null) {
      return null;
    }
    TypeMirror lower = lowerBoundOf(argument);
    for (TypeMirror candidate : candidates) {
      Violation failed = memberTypes.resolve(candidate, inheritOnlyAllowed).violation();
      if (failed != null) {
        String lowerName = TypePrinter.print(lower);
        String stands =
            candidates.size() == 1
                ? "stands only for `" + TypePrinter.print(candidate) + "`, the one supertype of `"
                    + lowerName + "`"
                : "could stand for any of " + quotedTypes(candidates) + ", the supertypes of `"
                    + lowerName + "`";
        return new Violation(
            failed.rule(),
            "? super " + lowerName,
            stands + " that meets the bound of `" + variable.getSimpleName() + "` ("
                + boundsOf(variable) + "), and `" + failed.culprit() + "` " + failed.reason(),
            failed.fix());
      }
    }
    return null;
  }

  /**
   * What {@code argument}, a {@code ? super X} written or captured, stands for as the argument of
   * {@code variable} ({@link SelfBoundedSupers}); null for another argument, or where that cannot
   * be judged or nothing meets the bound.
   */
  private List<TypeMirror> supersItStandsFor(TypeParameterElement variable, TypeMirror argument) {
    TypeMirror lower = lowerBoundOf(argument);
    if (lower == null
        || (argument instanceof WildcardType wildcard && wildcard.getExtendsBound() != null)) {
      return null;
    }
    List<TypeMirror> candidates = SelfBoundedSupers.candidates(types, variable, lower);
    return candidates == null || candidates.isEmpty() ? null : candidates;
  }

  private static String quotedTypes(List<TypeMirror> types) {
    List<String> quoted = new ArrayList<>();
    types.forEach(type -> quoted.add("`" + TypePrinter.print(type) + "`"));
    return String.join(", ", quoted);
  }

  private static String boundsOf(TypeParameterElement variable) {
    List<String> bounds = new ArrayList<>();
    variable.getBounds().forEach(bound -> bounds.add("`" + TypePrinter.print(bound) + "`"));
    return String.join(" & ", bounds);
  }

  private static boolean isObject(TypeMirror type) {
    return type instanceof DeclaredType declared
        && ((TypeElement) declared.asElement())
            .getQualifiedName()
            .contentEquals("java.lang.Object");
  }

  /** Whether {@code wildcard} has no upper bound that crosses, nor one still to resolve. */
  private boolean saysNoMoreThanItsBound(WildcardType wildcard, boolean inheritOnlyAllowed) {
    if (wildcard.getExtendsBound() == null) {
      return true;
    }
    Resolution upper = memberTypes.resolve(wildcard.getExtendsBound(), inheritOnlyAllowed);
    return !upper.ok() && !upper.unresolved();
  }

  /**
   * The one declared bound of {@code variable} when it crosses, or null: {@code Job} for {@code T
   * extends Job}; null for {@code T}, {@code T extends Comparable<T>} or {@code T extends Number &
   * Runnable}.
   */
  private TypeMirror crossingBound(TypeParameterElement variable, boolean inheritOnlyAllowed) {
    if (variable.getBounds().size() != 1) {
      return null;
    }
    TypeMirror bound = variable.getBounds().get(0);
    return !isObject(bound) && memberTypes.resolve(bound, inheritOnlyAllowed).ok() ? bound : null;
  }

  /**
   * Whether each type variable of {@code element} a value holds has a bound that crosses, so that
   * its raw type holds only values of the bounds: a raw {@code J} for {@code record J<T extends
   * Job>(T value)} is a {@code J<Job>} (its constructor takes a {@code Job}), where a raw {@code
   * Box} for {@code record Box<T>(T value)} could hold anything.
   */
  boolean rawHoldsOnlyBounds(TypeElement element, boolean inheritOnlyAllowed) {
    if (!FerryAnnotations.isTransferable(element) || isInheritOnly(element)) {
      return false;
    }
    for (TypeParameterElement variable : element.getTypeParameters()) {
      if (carriesValuesOf(element, variable, 0)
          && crossingBound(variable, inheritOnlyAllowed) == null) {
        return false;
      }
    }
    return true;
  }
}
