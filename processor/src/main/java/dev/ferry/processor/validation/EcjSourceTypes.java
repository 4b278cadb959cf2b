package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Rule;
import java.util.ArrayDeque;
import java.util.List;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.Elements;
import org.eclipse.jdt.core.compiler.CharOperation;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.Compiler;
import org.eclipse.jdt.internal.compiler.apt.dispatch.BaseProcessingEnvImpl;
import org.eclipse.jdt.internal.compiler.ast.Annotation;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.apt.model.ElementImpl;
import org.eclipse.jdt.internal.compiler.lookup.FieldBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;

/**
 * What the Eclipse compiler knows of a type's source that javax.lang.model does not say. Whether
 * it compiles the type from source in this compilation: ECJ adds a source file it finds on its
 * source path ({@code -sourcepath}) to the compilation when the code first refers to one of its
 * types, and runs annotation processors over it in a later round, so such a type's codec is
 * generated, only after the rounds that saw the code using it. And whether a type is a compact
 * source file's implicit class; whether a field has an initializer; whether ECJ has reported an error in its source before processing;
 * and a file's single-type imports. Links against ECJ: load it only when the processing
 * environment is ECJ's ({@link CompiledTypes}).
 */
final class EcjSourceTypes {
  private EcjSourceTypes() {}

  /** Whether {@code constructor} is a record's compact canonical constructor ({@code R { ... }}). */
  static boolean isCompactConstructor(ExecutableElement constructor) {
    return constructor instanceof ElementImpl element
        && element._binding instanceof MethodBinding binding
        && binding.isCompactConstructor();
  }

  /**
   * Whether {@code field}, compiled from source here, is declared with an initializer ({@code
   * final Integer boxed = 3;}); false for one read from a class file, whose source ECJ lacks.
   */
  static boolean hasInitializer(VariableElement field) {
    return field instanceof ElementImpl element
        && element._binding instanceof FieldBinding binding
        && binding.sourceField() != null
        && binding.sourceField().initialization != null;
  }

  static boolean isFromSource(TypeElement type) {
    return sourceBinding(type) != null;
  }

  /** ECJ's binding of {@code type} when it is compiled from source here, with its scope; or null. */
  private static SourceTypeBinding sourceBinding(TypeElement type) {
    return type instanceof ElementImpl element
            && element._binding instanceof SourceTypeBinding binding
            && binding.scope != null
        ? binding
        : null;
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

  /**
   * Whether ECJ has already reported an error of its own in {@code type}'s declaration, from its
   * modifiers to the brace that opens its body ({@code implements Codec<>}, a {@code permits}
   * clause without {@code sealed}, a supertype that does not resolve), or a syntax error anywhere
   * in its file (ECJ then processes the types it recovered, but generates nothing from a file
   * that does not parse, so a codec calling theirs would not compile). ECJ runs processors over
   * such a type; javac never shows Ferry's errors beside it (a parse error stops javac before
   * processing, an error in a declaration before Ferry prints), and Ferry's errors about the
   * type's shape would only restate ECJ's.
   */
  static boolean hasErrorInDeclaration(TypeElement type) {
    return hasError(type, false);
  }

  /**
   * Whether ECJ has already reported an error of its own anywhere in {@code type}'s source, its
   * body too: before processors run, those are errors in declarations (a method's or field's type
   * that does not resolve) or syntax errors, never in code. ECJ leaves a method whose signature
   * does not resolve out of the type's elements, where javac keeps it with an error type.
   */
  static boolean hasErrorInSource(TypeElement type) {
    return hasError(type, true);
  }

  /**
   * The qualified name a single-type import of {@code type}'s source file gives {@code name}
   * ({@code import q.Object;}), or a single static import of a member type ({@code import static
   * q.Holder.Object;}), or null: for {@code TypePrinter}, as SingleTypeImports does under javac.
   */
  static String singleTypeImport(Elements elements, TypeElement type, String name) {
    SourceTypeBinding binding = sourceBinding(type);
    if (binding == null) {
      return null;
    }
    org.eclipse.jdt.internal.compiler.ast.ImportReference[] imports =
        binding.scope.referenceCompilationUnit().imports;
    if (imports == null) {
      return null;
    }
    for (org.eclipse.jdt.internal.compiler.ast.ImportReference i : imports) {
      char[][] tokens = i.getImportName();
      if ((i.bits & org.eclipse.jdt.internal.compiler.ast.ASTNode.OnDemand) != 0
          || tokens.length < 2
          || !String.valueOf(tokens[tokens.length - 1]).equals(name)) {
        continue;
      }
      String imported =
          i.isStatic()
              ? CompiledTypes.memberType(
                  elements,
                  String.valueOf(
                      CharOperation.concatWith(
                          java.util.Arrays.copyOf(tokens, tokens.length - 1), '.')),
                  name)
              : String.valueOf(CharOperation.concatWith(tokens, '.'));
      if (imported != null) {
        return imported;
      }
    }
    return null;
  }

  /**
   * Whether a file of this compilation that names a Ferry annotation or {@code Codec} may declare
   * codecs that ECJ's processors cannot see yet: a syntax error in it (a {@code @TransferableCodec}
   * class cut short declares no class at all), an error of ECJ's own on a type's annotation (one
   * that is not an annotation type), or any error in a {@code package-info.java} (an import that
   * does not resolve: the package's {@code @TransferableImport} is lost). javac processes nothing after a syntax error, and sees a package's
   * unresolved annotation in its tree; ECJ runs processors anyway, so which types have codecs
   * cannot be known until the file compiles.
   */
  static boolean mayHideCodecDeclarations(ProcessingEnvironment env) {
    if (!(env instanceof BaseProcessingEnvImpl ecj) || ecj.getCompiler() == null) {
      return false;
    }
    Compiler compiler = ecj.getCompiler();
    for (int i = 0; i < compiler.totalUnits && compiler.unitsToProcess != null; i++) {
      CompilationUnitDeclaration unit = compiler.unitsToProcess[i];
      if (unit == null || unit.compilationResult == null) {
        continue;
      }
      CompilationResult result = unit.compilationResult;
      boolean packageInfo = CharOperation.endsWith(unit.getFileName(), PACKAGE_INFO);
      if ((result.hasSyntaxError || (packageInfo ? hasOwnError(result) : hasErrorOnAnAnnotation(unit)))
          && namesFerry(result)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether ECJ reported an error of its own on an annotation of a type of {@code unit}: {@code
   * @TransferableCodec} replaced by a type that is not an annotation, say, which ECJ leaves off the
   * element, so the codec it marks is not seen.
   */
  private static boolean hasErrorOnAnAnnotation(CompilationUnitDeclaration unit) {
    CategorizedProblem[] errors = unit.compilationResult.getErrors();
    if (errors == null || unit.types == null) {
      return false;
    }
    ArrayDeque<TypeDeclaration> types = new ArrayDeque<>(List.of(unit.types));
    while (!types.isEmpty()) {
      TypeDeclaration type = types.pop();
      for (Annotation annotation : type.annotations == null ? NO_ANNOTATIONS : type.annotations) {
        for (CategorizedProblem error : errors) {
          if (!Rule.isFerrys(error.getMessage())
              && error.getSourceStart() >= annotation.sourceStart
              && error.getSourceStart() <= annotation.declarationSourceEnd) {
            return true;
          }
        }
      }
      if (type.memberTypes != null) {
        types.addAll(List.of(type.memberTypes));
      }
    }
    return false;
  }

  private static final Annotation[] NO_ANNOTATIONS = {};

  private static boolean hasOwnError(CompilationResult result) {
    CategorizedProblem[] errors = result.getErrors();
    if (errors != null) {
      for (CategorizedProblem error : errors) {
        if (!Rule.isFerrys(error.getMessage())) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean namesFerry(CompilationResult result) {
    char[] contents =
        result.compilationUnit == null ? null : result.compilationUnit.getContents();
    if (contents == null) {
      return true; // unknown: assume it might
    }
    for (char[] word : FERRY_WORDS) {
      if (CharOperation.indexOf(word, contents, true) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static final char[][] FERRY_WORDS = {
    "Transferable".toCharArray(), "InheritOnly".toCharArray(), "Codec".toCharArray()
  };

  private static final char[] PACKAGE_INFO = "package-info.java".toCharArray();

  private static boolean hasError(TypeElement type, boolean body) {
    SourceTypeBinding binding = sourceBinding(type);
    if (binding == null || binding.scope.referenceContext == null) {
      return false;
    }
    TypeDeclaration declaration = binding.scope.referenceContext;
    CompilationResult result = binding.scope.referenceCompilationUnit().compilationResult;
    if (result.hasSyntaxError) {
      return true; // javac runs no processor at all then; ECJ processes what it recovered
    }
    CategorizedProblem[] errors = result.getErrors();
    if (errors == null) {
      return false;
    }
    int end = body ? declaration.declarationSourceEnd : declaration.bodyStart - 1;
    for (CategorizedProblem error : errors) {
      if (!Rule.isFerrys(error.getMessage())
          && error.getSourceStart() >= declaration.declarationSourceStart
          && error.getSourceStart() <= end) {
        return true;
      }
    }
    return false;
  }
}
