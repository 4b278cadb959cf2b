package dev.ferry.processor.validation;

import static dev.ferry.processor.validation.FerryAnnotations.isInheritOnly;

import dev.ferry.processor.diagnostic.CodecMessages;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * The fields a class inherits that its codec copies, or why it cannot copy them: a superclass
 * that does not resolve (mid-edit), an {@code @InheritOnly} one, a field hidden by one of the
 * class's names, a JDK superclass's state, a superclass the codec's package cannot name, or a
 * field typed by a type variable. Each reason is told once, on the class, in the analysis's
 * problems; a superclass that does not resolve is told by the compiler, and marks the analysis
 * {@linkplain #unresolved unresolved} instead.
 */
final class InheritedFields {
  private final CompiledTypes compiled;
  private final CodecAccess access;
  private final TypeElement type;
  private final String name;
  /** The import being analyzed, or null for an annotated type. */
  private final CodecDeclaration imported;
  private final boolean inheritOnly;
  private final String codecPackage;
  /** The analysis's problems, to which this adds. */
  private final List<Problem> problems;
  private boolean unresolved;

  InheritedFields(
      CompiledTypes compiled,
      CodecAccess access,
      TypeElement type,
      CodecDeclaration imported,
      boolean inheritOnly,
      String codecPackage,
      List<Problem> problems) {
    this.compiled = compiled;
    this.access = access;
    this.type = type;
    this.name = type.getSimpleName().toString();
    this.imported = imported;
    this.inheritOnly = inheritOnly;
    this.codecPackage = codecPackage;
    this.problems = problems;
  }

  /**
   * Whether a superclass did not resolve: the fields to copy are unknown, and the compiler
   * reports why.
   */
  boolean unresolved() {
    return unresolved;
  }

  /**
   * The fields the class inherits that its codec copies, the topmost superclass's first; null
   * when its codec cannot copy them, told (or left to the compiler, mid-edit). A value of {@code
   * Started extends Event} holds {@code Event}'s {@code id} as much as its own {@code who}: the
   * codec reads it as it reads any field (directly, or through an accessor it can call) and
   * passes it to the constructor that takes every field, as the subclass's own constructor
   * passes it to {@code super}.
   */
  List<VariableElement> fields() {
    TypeMirror superclass = type.getSuperclass();
    if (superclass.getKind() == TypeKind.ERROR) {
      // Mid-edit (`extends Lane` before its import), or a class another processor generates
      // later: the fields the codec must copy are unknown, and "no constructor the codec can
      // call" was a follow-on of javac's "cannot find symbol" (ECJ flags the declaration).
      unresolved = true;
      return null;
    }
    List<List<VariableElement>> byClass = new ArrayList<>();
    // Every field a class below declares, static, transient or constant too, and every
    // interface constant it inherits, hides the superclass's field of that name or makes it
    // ambiguous: `value.at` in the codec would read the other one, or not compile.
    Set<String> names = new HashSet<>(shadowingNames(type));
    for (TypeElement t = access.superclassOf(type); t != null; t = access.superclassOf(t)) {
      if (t.getSuperclass().getKind() == TypeKind.ERROR) {
        // Mid-edit higher up (`class Mid extends Lane` before Lane's import): as above.
        unresolved = true;
        return null;
      }
      List<VariableElement> declared = TypeAnalyzer.copiedFields(t);
      if (!declared.isEmpty() && imported == null && !inheritOnly && isInheritOnly(t)) {
        // Its handles, not the codec's reach, are what is wrong: marking them transient, as the
        // shape's fix says, would send the value without them.
        problems.add(
            Problem.on(
                type,
                Rule.INHERIT_ONLY_SENT,
                Messages.transferableExtendsInheritOnly(name, t.getSimpleName().toString())));
        return null;
      }
      // A JDK superclass read from --release N's API (ct.sym) shows no private fields, though
      // its instances have them (Throwable's detailMessage): they are inherited all the same,
      // and a JDK class's state is its own business, not a codec's.
      String declaredHere = t.getSimpleName() + ".";
      boolean hidden =
          PlatformFields.hiddenFrom(compiled.elements(), t).stream()
              .anyMatch(field -> field.startsWith(declaredHere));
      VariableElement shadowed =
          imported != null || hidden
              ? null
              : declared.stream()
                  .filter(f -> names.contains(f.getSimpleName().toString()))
                  .findFirst()
                  .orElse(null);
      if (shadowed != null) {
        problems.add(
            Problem.on(
                type,
                Rule.TRANSFERABLE_SHAPE,
                Messages.shadowedInheritedField(
                    name, shadowed.getSimpleName().toString(), t.getSimpleName().toString())));
        return null;
      }
      String notCopied =
          hidden
              ? Messages.inheritedFields(name, t.getSimpleName().toString())
              : declared.isEmpty()
                  ? null
                  : imported != null
                      ? CodecMessages.importInheritedFields(name, t.getSimpleName().toString())
                      : whyNotCopied(t, declared, names);
      if (notCopied != null) {
        problems.add(Problem.on(type, Rule.TRANSFERABLE_SHAPE, notCopied));
        return null;
      }
      byClass.add(0, declared);
      names.addAll(shadowingNames(t));
    }
    List<VariableElement> inherited = new ArrayList<>();
    byClass.forEach(inherited::addAll);
    return inherited;
  }

  /**
   * Why the codec cannot copy {@code declared}, the fields superclass {@code t} declares, or null
   * when it can: not a JDK class's; reachable from the codec's package; no name already taken
   * ({@code names}, to which they are added: the codec copies each member by its name); and no
   * type variable in their types as members of the class ({@code Sub<T> extends Base<T>}: what
   * the class's own variables say of them is not worked out, so they stay refused). The words
   * name the reason where there is one to act on: the unreachable class, the field typed by a
   * variable.
   */
  private String whyNotCopied(TypeElement t, List<VariableElement> declared, Set<String> names) {
    String superclass = t.getSimpleName().toString();
    String qualified = t.getQualifiedName().toString();
    if (qualified.startsWith("java.") || qualified.startsWith("javax.")) {
      return Messages.inheritedFields(name, superclass);
    }
    String unreachable = unreachableBecause(t);
    if (unreachable != null) {
      return Messages.inheritedFromUnreachable(name, superclass, unreachable, codecPackage);
    }
    for (VariableElement field : declared) {
      if (!names.add(field.getSimpleName().toString())) {
        return Messages.inheritedFields(name, superclass);
      }
      TypeMirror fieldType = access.memberType(field);
      if (mentionsTypeVariable(fieldType)) {
        return Messages.inheritedFieldOfTypeVariable(
            name, superclass, field.getSimpleName().toString(), TypePrinter.print(fieldType));
      }
    }
    return null;
  }

  /**
   * Why the codec's package cannot name {@code t}, a superclass ({@code "is private"}), or null
   * when it can: public, or in that package, and so is each class around it.
   */
  private String unreachableBecause(TypeElement t) {
    for (Element e = t; e instanceof TypeElement; e = e.getEnclosingElement()) {
      Set<Modifier> modifiers = e.getModifiers();
      String where = e == t ? "" : "is nested in `" + e.getSimpleName() + "`, which ";
      if (modifiers.contains(Modifier.PRIVATE)) {
        return where + "is private";
      }
      if (!modifiers.contains(Modifier.PUBLIC) && !access.inCodecPackage(e)) {
        return where + "is not public and lies in another package";
      }
    }
    return null;
  }

  /**
   * The names {@code t}'s fields, of any kind, and its interfaces' constants take: a field of a
   * superclass with one of them is hidden (or ambiguous) where the codec names it on the class.
   */
  private Set<String> shadowingNames(TypeElement t) {
    Set<String> taken = new HashSet<>();
    for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
      taken.add(field.getSimpleName().toString());
    }
    for (TypeMirror i : t.getInterfaces()) {
      if (i.getKind() == TypeKind.DECLARED) {
        taken.addAll(shadowingNames((TypeElement) ((DeclaredType) i).asElement()));
      }
    }
    return taken;
  }

  private static boolean mentionsTypeVariable(TypeMirror t) {
    return switch (t.getKind()) {
      case TYPEVAR -> true;
      case ARRAY -> mentionsTypeVariable(((javax.lang.model.type.ArrayType) t).getComponentType());
      case DECLARED ->
          ((DeclaredType) t).getTypeArguments().stream().anyMatch(a -> mentionsTypeVariable(a));
      case WILDCARD -> {
        javax.lang.model.type.WildcardType w = (javax.lang.model.type.WildcardType) t;
        yield (w.getExtendsBound() != null && mentionsTypeVariable(w.getExtendsBound()))
            || (w.getSuperBound() != null && mentionsTypeVariable(w.getSuperBound()));
      }
      default -> false;
    };
  }
}
