package dev.ferry.processor.validation;

import javax.lang.model.element.TypeElement;
import org.eclipse.jdt.internal.compiler.apt.model.ElementImpl;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;

/**
 * Whether the Eclipse compiler compiles a type from source in this compilation. ECJ adds a source
 * file it finds on its source path ({@code -sourcepath}) to the compilation when the code first
 * refers to one of its types, and runs annotation processors over it in a later round, so such a
 * type's codec is generated, only after the rounds that saw the code using it. Links against ECJ:
 * load it only when the processing environment is ECJ's ({@link CompiledTypes}).
 */
final class EcjSourceTypes {
  private EcjSourceTypes() {}

  static boolean isFromSource(TypeElement type) {
    return type instanceof ElementImpl element && element._binding instanceof SourceTypeBinding;
  }
}
