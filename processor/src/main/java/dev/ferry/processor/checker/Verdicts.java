package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.CollectionViews;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import java.util.HashMap;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Whether values of a type may cross, decided once per type for the whole compilation rather
 * than at every argument that carries one: a project sends the same few record types at hundreds
 * of call sites. Only types that mean the same wherever they occur are cached: a declared type of
 * a class that has no type parameters and no enclosing instance type. The rest (generic types,
 * arrays, type variables) are resolved at each use, as their arguments differ. A verdict's message
 * names types as the code it is read in does ({@link TypePrinter#context}), so it is kept per
 * class that reads it.
 */
final class Verdicts {
  /** A plain type's verdict as read in {@code reader}'s code (null: no context). */
  private record Key(TypeElement reader, TypeElement type) {}

  private final MemberTypes memberTypes;
  private final Map<Key, Resolution> sent = new HashMap<>();
  private final Map<Key, Resolution> spawned = new HashMap<>();

  Verdicts(MemberTypes memberTypes) {
    this.memberTypes = memberTypes;
  }

  /** {@link MemberTypes#resolveValue}, cached for plain declared types. */
  Resolution resolveValue(TypeMirror type, boolean inheritOnlyAllowed) {
    TypeElement plain = plainType(type);
    if (plain == null) {
      return memberTypes.resolveValue(type, inheritOnlyAllowed);
    }
    Map<Key, Resolution> cache = inheritOnlyAllowed ? spawned : sent;
    Key key = new Key(TypePrinter.context(), plain);
    Resolution known = cache.get(key);
    if (known == null) {
      known = memberTypes.resolveValue(type, inheritOnlyAllowed);
      cache.put(key, known);
    }
    return known;
  }

  /** {@link MemberTypes#resolveTypeArgument}, its value part cached as {@link #resolveValue}. */
  Resolution resolveTypeArgument(TypeMirror type, boolean inheritOnlyAllowed) {
    return memberTypes.collectionViews().readBack(type, resolveValue(type, inheritOnlyAllowed));
  }

  /**
   * The class {@code named} by a class literal (raw, {@code LinkedList}) as reading builds it,
   * its values checked as {@link #namedByClassLiteral} declares them.
   */
  Resolution readBackOfLiteral(TypeMirror named, boolean inheritOnlyAllowed) {
    return memberTypes.collectionViews().readBackOfLiteral(
        named, resolveValue(literalAsValue(named), inheritOnlyAllowed));
  }

  /** {@link #literalAsValue(MemberTypes, TypeMirror)} with this checker's type table. */
  TypeMirror literalAsValue(TypeMirror named) {
    return literalAsValue(memberTypes, named);
  }

  /**
   * What a class literal gives a crossing type variable, checked as a value: a JDK collection or
   * map class as {@link CollectionViews#literalCollection}, any other class as {@link
   * #namedByClassLiteral}.
   */
  static TypeMirror literalAsValue(MemberTypes memberTypes, TypeMirror named) {
    TypeMirror collection = memberTypes.collectionViews().literalCollection(named);
    return collection != null ? collection : namedByClassLiteral(named);
  }

  /** {@link MemberTypes#resolveElements}: an array passed as a varargs parameter's values. */
  Resolution resolveElements(ArrayType type, boolean inheritOnlyAllowed) {
    return memberTypes.resolveElements(type, inheritOnlyAllowed);
  }

  /**
   * The type a class literal gives a type variable, as it crosses: {@code Box.class} of a generic
   * class is a {@code Class<Box>}, raw, since a literal can say no more (the only way to name the
   * class to {@code Codecs.of}); it is checked as declared, {@code Box<T>}, whose variables the
   * codec writes by their values' run-time classes and which are checked where values are sent.
   */
  static TypeMirror namedByClassLiteral(TypeMirror type) {
    if (type instanceof DeclaredType declared
        && declared.getTypeArguments().isEmpty()
        && declared.asElement() instanceof TypeElement element
        && !element.getTypeParameters().isEmpty()) {
      return element.asType();
    }
    return type;
  }

  /**
   * Whether {@code type}, given to a crossing type variable of {@code method}, is {@code Void} at a
   * call that takes a spawn target (a pool's {@code submit} or {@code map}, {@code Ferry.spawn}):
   * its only value, null, crosses there (a task's arguments and result, a spawn's arguments carry
   * null), so {@code static Void work(Job job)}, the usual task run for its effect, is legal. A
   * channel carries no null ({@code send(null)} throws): {@code Channel<Void>} stays an error.
   */
  static boolean isVoidWhereNullCrosses(
      TypeMirror type, ExecutableElement method, Markers markers) {
    return type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element
        && element.getQualifiedName().contentEquals("java.lang.Void")
        && markers.takesTarget(method);
  }

  private static TypeElement plainType(TypeMirror type) {
    if (type.getKind() != TypeKind.DECLARED) {
      return null;
    }
    DeclaredType declared = (DeclaredType) type;
    if (!(declared.asElement() instanceof TypeElement element)
        || !element.getTypeParameters().isEmpty()
        || !declared.getTypeArguments().isEmpty()
        || declared.getEnclosingType().getKind() != TypeKind.NONE) {
      return null;
    }
    return element;
  }
}
