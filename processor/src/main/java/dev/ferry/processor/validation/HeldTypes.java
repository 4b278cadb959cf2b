package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.isInheritOnly;

import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Which types a type's values hold, read from its declaration: the type variables a generic type's
 * codec writes values of (a copied field's, or a sealed type's permitted subtype's), so that only
 * their type arguments must cross; the type arguments an {@code @InheritOnly} holder sends through
 * (a channel's, by what may be sent into it); and the {@code @InheritOnly} handles an unannotated
 * class's fields hold. {@link MemberTypes} resolves the arguments these pick; what a value holds
 * depends on no resolution, so it is answered apart.
 */
public final class HeldTypes {
  private HeldTypes() {}

  /**
   * The arguments of an {@code @InheritOnly} type to check, for a type variable whose values the
   * type's codec never writes (a channel's): not its read-only wildcards ({@link
   * #isReadOnlyWildcard}), written ({@code Channel<?>}, {@code Channel<? extends Number>} as a
   * member, or in a spawn argument's {@code List<Channel<? extends Number>>}) or captured (a value
   * of that type), since such a channel carries nothing its holder could send but null, and what it
   * receives was checked where it was sent; and a {@code ? super Thread}, written or captured, by
   * its lower bound, which is what its holder may send ({@code Channel<? super Integer>} is fine).
   * A variable a copied field holds as a value ({@code T value} of {@code @InheritOnly record
   * Holder<T>(T value, Channel<String> replies)}) keeps its argument as it is: a {@code Holder<?>}
   * handed to a child writes whatever its value is, and a {@code Holder<? extends Thread>} a {@code
   * Thread}.
   */
  static List<HolderArgument> sentByHolder(
      TypeElement element, List<? extends TypeMirror> arguments) {
    List<? extends TypeParameterElement> variables = element.getTypeParameters();
    List<HolderArgument> kept = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      TypeMirror argument = arguments.get(i);
      TypeMirror lower = lowerBoundOf(argument);
      if (i < variables.size() && writesValuesOf(element, variables.get(i), 0)) {
        kept.add(new HolderArgument(argument, true));
      } else if (lower != null) {
        kept.add(new HolderArgument(lower, false));
      } else if (!isReadOnlyWildcard(argument)
          && !(argument instanceof TypeVariable variable && MemberTypes.isCapture(variable))) {
        kept.add(new HolderArgument(argument, false));
      }
    }
    return kept;
  }

  /**
   * A type argument of an {@code @InheritOnly} type to check: {@code written} when the type's codec
   * writes values of it at spawn, else it stands for what the holder may send through a channel.
   */
  record HolderArgument(TypeMirror type, boolean written) {}

  /**
   * The lower bound of a {@code ? super X} type argument, written or the compiler's capture of it
   * (under ECJ, a capture the checker gave its lower bound), or null.
   */
  static TypeMirror lowerBoundOf(TypeMirror argument) {
    TypeMirror lower = null;
    if (argument instanceof WildcardType wildcard) {
      lower = wildcard.getSuperBound();
    } else if (argument instanceof TypeVariable variable && MemberTypes.isCapture(variable)) {
      lower = variable.getLowerBound();
    }
    return lower == null || lower.getKind() == TypeKind.NULL ? null : lower;
  }

  /**
   * {@code arguments} of an annotated type, without those whose variable no value of the type
   * holds ({@link #carriesValuesOf}): for {@code sealed interface Command<R> permits Get, Put} with
   * {@code record Get(String key) implements Command<String>}, {@code R} names a reply's type and
   * no state, so {@code Channel<Command<?>>} crosses as any {@code Command} does; it was refused as
   * "`?` could hold any type". Arguments of other types (an import, a library's codec) are kept:
   * their codec's reads are not seen here.
   */
  static List<? extends TypeMirror> carriedArguments(
      TypeElement element, List<? extends TypeMirror> arguments) {
    if (!FerryAnnotations.isTransferable(element) || isInheritOnly(element)) {
      return arguments;
    }
    List<? extends TypeParameterElement> variables = element.getTypeParameters();
    List<TypeMirror> carried = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      if (i >= variables.size() || carriesValuesOf(element, variables.get(i), 0)) {
        carried.add(arguments.get(i));
      }
    }
    return carried;
  }

  /**
   * Whether a value of the annotated {@code element} may hold values of its type variable {@code
   * variable}: a copied field holds it ({@link #writesValuesOf}), or, for a sealed type, a permitted
   * subtype passes it to a variable of its own that one of its values holds ({@code record Ok<T>(T
   * value) implements Result<T>}). One that gives it a type of its own ({@code implements
   * Command<String>}) holds none. Unsure (deep, raw) counts as holding.
   */
  static boolean carriesValuesOf(
      TypeElement element, TypeParameterElement variable, int depth) {
    if (depth > 4 || writesValuesOf(element, variable, 0)) {
      return true;
    }
    int index = element.getTypeParameters().indexOf(variable);
    for (TypeMirror permitted : element.getPermittedSubclasses()) {
      if (!(permitted instanceof DeclaredType declared)
          || !(declared.asElement() instanceof TypeElement subtype)) {
        return true;
      }
      for (TypeMirror supertype : directSupertypesOf(subtype)) {
        if (!(supertype instanceof DeclaredType parent) || !parent.asElement().equals(element)) {
          continue;
        }
        if (parent.getTypeArguments().size() <= index) {
          return true; // raw: what it passes is not written
        }
        TypeMirror passed = parent.getTypeArguments().get(index);
        for (TypeParameterElement own : subtype.getTypeParameters()) {
          if (holdsValuesOf(passed, own, 0) && carriesValuesOf(subtype, own, depth + 1)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** The superclass and interfaces {@code type} declares. */
  private static List<TypeMirror> directSupertypesOf(TypeElement type) {
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    return supertypes;
  }

  /** Whether {@code element}'s codec writes values of any of its type variables. */
  static boolean writesValuesOfAny(TypeElement element) {
    for (TypeParameterElement variable : element.getTypeParameters()) {
      if (writesValuesOf(element, variable, 0)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether {@code element}'s codec writes values of its type variable {@code variable}: a copied
   * field's type holds it, itself, as an array's element or a type argument, other than inside an
   * {@code @InheritOnly} type whose own codec writes none of it ({@code Channel<T>} is a handle).
   */
  private static boolean writesValuesOf(
      TypeElement element, TypeParameterElement variable, int depth) {
    if (depth > 4) {
      return false;
    }
    for (VariableElement field : TypeAnalyzer.copiedFields(element)) {
      if (holdsValuesOf(field.asType(), variable, depth)) {
        return true;
      }
    }
    return false;
  }

  private static boolean holdsValuesOf(TypeMirror type, TypeParameterElement variable, int depth) {
    if (type instanceof TypeVariable found) {
      return TypeVariables.is(found.asElement(), variable);
    }
    if (type instanceof ArrayType array) {
      return holdsValuesOf(array.getComponentType(), variable, depth);
    }
    if (type instanceof WildcardType wildcard) {
      return (wildcard.getExtendsBound() != null
              && holdsValuesOf(wildcard.getExtendsBound(), variable, depth))
          || (wildcard.getSuperBound() != null
              && holdsValuesOf(wildcard.getSuperBound(), variable, depth));
    }
    if (!(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement holder)) {
      return false;
    }
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    List<? extends TypeParameterElement> own = holder.getTypeParameters();
    for (int i = 0; i < arguments.size(); i++) {
      if (holdsValuesOf(arguments.get(i), variable, depth)
          && (!isInheritOnly(holder)
              || (i < own.size() && writesValuesOf(holder, own.get(i), depth + 1)))) {
        return true;
      }
    }
    return false;
  }

  /**
   * The {@code @InheritOnly} type an instance field of {@code element} holds (as its type or a
   * type argument of it, {@code List<ActorRef<Msg>>}), or null: such a class, handed to a child
   * at spawn, is told to be {@code @InheritOnly} itself, since @Transferable would only give
   * another error.
   */
  static TypeElement heldHandles(TypeElement element) {
    for (Element member : element.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD
          && !member.getModifiers().contains(Modifier.STATIC)) {
        TypeElement found = inheritOnlyIn(member.asType(), 0);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  static TypeElement inheritOnlyIn(TypeMirror type, int depth) {
    if (depth > 8 || !(type instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement element)) {
      return null;
    }
    if (FerryAnnotations.isInheritOnly(element)) {
      return element;
    }
    for (TypeMirror argument : declared.getTypeArguments()) {
      TypeElement found = inheritOnlyIn(argument, depth + 1);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  /**
   * Whether a type argument is a wildcard without a lower bound ({@code ?}, {@code ? extends
   * Number}): a method taking the type variable accepts nothing through it but null, so a holder
   * of a {@code Channel<? extends Number>} sends nothing, as a holder of a {@code Channel<?>}
   * sends nothing; a {@code ? super Thread} lets it send a {@code Thread}.
   */
  public static boolean isReadOnlyWildcard(TypeMirror argument) {
    return argument instanceof WildcardType wildcard && wildcard.getSuperBound() == null;
  }
}
