package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import java.util.Arrays;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * The names generated code writes for a type: the codec an annotated type gets, and a member's or
 * a type variable's type as a codec (which is not generic) can declare it. They are the same in
 * every codec and in the checks that foresee one, so one place makes them; a name the compiler
 * would refuse here is a generated codec that does not compile.
 */
public final class GeneratedTypeNames {
  private GeneratedTypeNames() {}

  private static final String CHANNEL = "dev.ferry.Channel";

  private static final ClassName CHANNEL_CODEC =
      ClassName.get("dev.ferry.internal.codec", "Channel_FerryCodec");

  /**
   * The generated codec of an annotated type: {@code pkg.Outer_Inner_FerryCodec}. The runtime's
   * {@code Channel} is the one exception: its codec lives in the runtime's support package, since
   * {@code dev.ferry} holds only the user API.
   */
  public static ClassName codecName(TypeElement element) {
    if (element.getQualifiedName().contentEquals(CHANNEL)) {
      return CHANNEL_CODEC;
    }
    return CodecDeclarations.importCodecName(element, ClassName.get(element).packageName());
  }

  /**
   * A type argument for generated code: {@code ?} where it mentions a type variable, since the
   * codec is not generic and {@code Object} may be outside the variable's bounds ({@code
   * Box<Object>} for {@code Box<T extends Number>} does not compile).
   */
  private static TypeName typeArgumentName(TypeMirror argument) {
    return mentionsTypeVariable(argument)
        ? WildcardTypeName.subtypeOf(Object.class)
        : declaredTypeName(argument);
  }

  private static boolean mentionsTypeVariable(TypeMirror type) {
    switch (type.getKind()) {
      case TYPEVAR:
        return true;
      case ARRAY:
        return mentionsTypeVariable(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && mentionsTypeVariable(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && mentionsTypeVariable(wildcard.getSuperBound()));
      case DECLARED:
        return ((DeclaredType) type).getTypeArguments().stream()
            .anyMatch(GeneratedTypeNames::mentionsTypeVariable);
      default:
        return false;
    }
  }

  /** The member's type for generated code: type variables become {@code Object}. */
  static TypeName declaredTypeName(TypeMirror type) {
    switch (type.getKind()) {
      case TYPEVAR:
        return ClassName.OBJECT;
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return WildcardTypeName.subtypeOf(declaredTypeName(wildcard.getExtendsBound()));
        }
        if (wildcard.getSuperBound() != null) {
          return WildcardTypeName.supertypeOf(declaredTypeName(wildcard.getSuperBound()));
        }
        return WildcardTypeName.subtypeOf(Object.class);
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        ClassName raw = ClassName.get((TypeElement) declared.asElement());
        if (declared.getTypeArguments().isEmpty()) {
          return raw;
        }
        TypeName[] arguments =
            declared.getTypeArguments().stream()
                .map(GeneratedTypeNames::typeArgumentName)
                .toArray(TypeName[]::new);
        return ParameterizedTypeName.get(raw, arguments);
      default:
        return TypeName.get(type);
    }
  }

  /**
   * The type generated code declares a type variable's values with: its erasure, with {@code ?}
   * for each type parameter of a generic bound ({@code Comparable<?>} for {@code T extends
   * Comparable<T>}), since a raw type there would need a {@code rawtypes} suppression that javac
   * and ECJ do not agree on.
   */
  static TypeName boundView(TypeMirror erasure) {
    TypeName name = TypeName.get(erasure);
    if (!(erasure instanceof DeclaredType declared) || !(name instanceof ClassName raw)) {
      return name;
    }
    int parameters = ((TypeElement) declared.asElement()).getTypeParameters().size();
    if (parameters == 0) {
      return name;
    }
    TypeName[] wildcards = new TypeName[parameters];
    Arrays.fill(wildcards, WildcardTypeName.subtypeOf(Object.class));
    return ParameterizedTypeName.get(raw, wildcards);
  }
}
