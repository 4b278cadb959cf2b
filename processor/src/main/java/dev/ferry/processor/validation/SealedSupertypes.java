package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Tells a type of this compilation with no codec that a {@code @Transferable} sealed type from an
 * earlier compilation permits. A full build tells the sealed type ({@code `Shape` permits `Square`,
 * which is not @Transferable}); a build that compiles only the subtype's changed file, with the
 * sealed type's class on the class path (an IDE's make, an incremental compile), does not analyze
 * the sealed type, and would leave the earlier build's codec of the subtype in the output, writing
 * a class that is no longer transferable. So the subtype is told, on its own declaration.
 */
final class SealedSupertypes {
  private final Types types;
  private final CompiledTypes compiled;
  private final MemberTypes memberTypes;

  SealedSupertypes(Types types, CompiledTypes compiled, MemberTypes memberTypes) {
    this.types = types;
    this.compiled = compiled;
    this.memberTypes = memberTypes;
  }

  /** The problems of {@code root} and of the types nested in it. */
  List<Problem> problems(TypeElement root) {
    List<Problem> found = new ArrayList<>();
    collect(root, found);
    return found;
  }

  private void collect(TypeElement type, List<Problem> found) {
    for (TypeMirror supertype : supertypes(type)) {
      TypeElement sealed = sealedElsewhere(supertype, type);
      // The codec lookup last: it may read the class path's index, and most types extend nothing
      // sealed.
      if (sealed != null && !memberTypes.codecs().hasCodecFor(type)) {
        found.add(
            Problem.on(
                type,
                Rule.NOT_TRANSFERABLE,
                Messages.unannotatedSubtypeOfCompiled(
                    type.getSimpleName().toString(), sealed.getSimpleName().toString())));
        break; // one error per type: the fix is the same
      }
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collect(nested, found);
    }
  }

  private static List<TypeMirror> supertypes(TypeElement type) {
    List<TypeMirror> supertypes = new ArrayList<>(type.getInterfaces());
    supertypes.add(type.getSuperclass());
    return supertypes;
  }

  /**
   * The {@code @Transferable} sealed type {@code supertype} names if it permits {@code type} and is
   * not compiled here (then its own analysis tells), or null.
   */
  private TypeElement sealedElsewhere(TypeMirror supertype, TypeElement type) {
    if (!(supertype instanceof DeclaredType declared)
        || !(declared.asElement() instanceof TypeElement sealed)
        || !FerryAnnotations.isTransferable(sealed)
        || compiled.isCompiledHere(CompiledTypes.outermost(sealed).getQualifiedName().toString())) {
      return null;
    }
    for (TypeMirror permitted : sealed.getPermittedSubclasses()) {
      if (types.isSameType(types.erasure(permitted), types.erasure(type.asType()))) {
        return sealed;
      }
    }
    return null;
  }
}
