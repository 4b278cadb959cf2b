package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Whether a type, wherever it is written in source, is told there by {@code rule}: both scanners
 * tell a written type argument of a generic type whose values cross, refused as such ({@code
 * Vector<String>} of {@code Channel<Vector<String>>}), where it is written. A value whose type
 * was taken from such a declaration in this compilation (the result of a method declared to
 * return it, a value handed to a spawn target's parameter declared with it) is the same mistake,
 * told once, at the declaration, where the user changes the type; a declaration only in a class
 * file is told nowhere, so its values are told where they cross.
 */
final class WrittenTypes {
  private WrittenTypes() {}

  static boolean toldWhereWritten(
      TypeMirror type, Rule rule, SentVariables sentVariables, MemberTypes memberTypes) {
    return toldWhereWritten(type, rule, sentVariables, memberTypes, 0);
  }

  private static boolean toldWhereWritten(
      TypeMirror type, Rule rule, SentVariables sentVariables, MemberTypes memberTypes,
      int depth) {
    if (depth > MAX_DEPTH) {
      return false;
    }
    switch (type.getKind()) {
      case ARRAY:
        return toldWhereWritten(
            ((ArrayType) type).getComponentType(), rule, sentVariables, memberTypes, depth + 1);
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound != null
            && toldWhereWritten(bound, rule, sentVariables, memberTypes, depth + 1);
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (!(declared.asElement() instanceof TypeElement generic)) {
          return false;
        }
        Crossing[] crossings =
            declared.getTypeArguments().isEmpty() ? new Crossing[0] : sentVariables.of(generic);
        for (int i = 0; i < declared.getTypeArguments().size(); i++) {
          TypeMirror argument = declared.getTypeArguments().get(i);
          if ((i < crossings.length
                  && crossings[i] != null
                  && refused(argument, crossings[i], rule, memberTypes))
              || toldWhereWritten(argument, rule, sentVariables, memberTypes, depth + 1)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  /** Whether a type argument written for a variable whose values cross so is refused by rule. */
  private static boolean refused(
      TypeMirror argument, Crossing crossing, Rule rule, MemberTypes memberTypes) {
    TypeMirror sent = CrossingTypes.sentTypeOf(argument);
    if (sent == null) {
      return false;
    }
    Resolution resolution = memberTypes.resolveTypeArgument(sent, crossing.allowsInheritOnly());
    return !resolution.unresolved()
        && resolution.violation() != null
        && resolution.violation().rule() == rule;
  }

  private static final int MAX_DEPTH = 32;
}
