package dev.ferry.processor.diagnostic;

import java.util.stream.Collectors;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/** Prints a type as a user writes it: simple names, e.g. {@code List<Channel<String>>}. */
public final class TypePrinter {
  private TypePrinter() {}

  public static String print(TypeMirror type) {
    switch (type.getKind()) {
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        String name = declared.asElement().getSimpleName().toString();
        if (declared.getTypeArguments().isEmpty()) {
          return name;
        }
        return name
            + declared.getTypeArguments().stream()
                .map(TypePrinter::print)
                .collect(Collectors.joining(", ", "<", ">"));
      case ARRAY:
        return print(((ArrayType) type).getComponentType()) + "[]";
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        if (wildcard.getExtendsBound() != null) {
          return "? extends " + print(wildcard.getExtendsBound());
        }
        if (wildcard.getSuperBound() != null) {
          return "? super " + print(wildcard.getSuperBound());
        }
        return "?";
      default:
        return type.toString();
    }
  }
}
