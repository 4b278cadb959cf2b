package dev.ferry.processor.validation;

import javax.lang.model.element.TypeElement;
import org.eclipse.jdt.internal.compiler.apt.model.ElementImpl;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;

/**
 * What the Eclipse compiler knows of a type's source that javax.lang.model does not say. Whether
 * it compiles the type from source in this compilation: ECJ adds a source file it finds on its
 * source path ({@code -sourcepath}) to the compilation when the code first refers to one of its
 * types, and runs annotation processors over it in a later round, so such a type's codec is
 * generated, only after the rounds that saw the code using it. And whether a type is a compact
 * source file's implicit class. Links against ECJ: load it only when the processing environment is
 * ECJ's ({@link CompiledTypes}).
 */
final class EcjSourceTypes {
  private EcjSourceTypes() {}

  static boolean isFromSource(TypeElement type) {
    return type instanceof ElementImpl element && element._binding instanceof SourceTypeBinding;
  }

  /**
   * Whether {@code type} is the implicitly declared class of a compact source file (Java 25: {@code
   * void main()} with no class around it). ECJ finds such a class by name, where javac does not,
   * and lets other code name it, which the language forbids: javac refuses the codec of a type
   * inside it.
   */
  static boolean isImplicitClass(TypeElement type) {
    return type instanceof ElementImpl element
        && element._binding instanceof ReferenceBinding binding
        && binding.isImplicitType();
  }
}
