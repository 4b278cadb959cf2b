package dev.ferry.processor.diagnostic;

import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.IProblemFactory;
import org.eclipse.jdt.internal.compiler.apt.dispatch.AptProblem;
import org.eclipse.jdt.internal.compiler.apt.model.AnnotationMirrorImpl;
import org.eclipse.jdt.internal.compiler.apt.model.PackageElementImpl;
import org.eclipse.jdt.internal.compiler.apt.model.TypeElementImpl;
import org.eclipse.jdt.internal.compiler.ast.Annotation;
import org.eclipse.jdt.internal.compiler.ast.ArrayInitializer;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.FieldDeclaration;
import org.eclipse.jdt.internal.compiler.ast.MemberValuePair;
import org.eclipse.jdt.internal.compiler.ast.RecordComponent;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.impl.ReferenceContext;
import org.eclipse.jdt.internal.compiler.lookup.PackageBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeConstants;
import org.eclipse.jdt.internal.compiler.problem.ProblemSeverities;
import org.eclipse.jdt.internal.compiler.util.Util;

/**
 * Records an error at the exact source range of an element that ECJ's Messager cannot place (a
 * record, its components and fields, an enum constant), or of an annotation's value, which it
 * places on the whole annotation, read from ECJ's own AST: the type's {@link TypeDeclaration}
 * keeps the name range of the type, of each record component and of each field, enum constants
 * included, and each annotation keeps its values' expressions.
 *
 * <p>The problem is built as ECJ's Messager builds its own ({@code BaseMessagerImpl.createProblem}:
 * an {@link AptProblem} with the declaration as its reference context) and recorded in that
 * declaration's compilation result, which is where Eclipse's Messager puts every positioned
 * problem ({@code IdeMessagerImpl}) and from where the batch compiler prints it with the file's
 * problems. This class links against ECJ: load it only under ECJ, and treat any {@link Throwable}
 * as "cannot place it here".
 */
public final class EcjSourceProblems {
  private EcjSourceProblems() {}

  /**
   * Records {@code message} as an error on {@code element} (on {@code annotation}, if given), or
   * returns false when the element's source is not at hand (a type read from a class file, or a
   * declaration ECJ has already cleaned up).
   */
  static boolean record(Element element, AnnotationMirror annotation, String message) {
    if (element instanceof PackageElementImpl pkg) {
      TypeDeclaration packageInfo = packageInfoOf(pkg);
      if (packageInfo == null || !resultsAreReported(packageInfo)) {
        return false;
      }
      Annotation written = annotation == null ? null : find(packageInfo.annotations, annotation);
      recordError(
          packageInfo,
          written != null ? written.sourceStart : packageInfo.sourceStart,
          written != null ? written.sourceEnd : packageInfo.sourceEnd,
          message);
      return true;
    }
    TypeDeclaration declaration = declarationAround(element);
    return declaration != null
        && resultsAreReported(declaration)
        && recordIn(declaration, element, annotation, message);
  }

  /**
   * Records {@code message} as an error on {@code value}, one of {@code annotation}'s values (a
   * class literal of {@code @TransferableImport}) on the type or package {@code element}, or returns
   * false when that expression is not at hand. ECJ's Messager would underline the whole annotation,
   * so that of two class literals in it, the user cannot tell which one is at fault.
   */
  static boolean recordOnValue(
      Element element, AnnotationMirror annotation, AnnotationValue value, String message) {
    TypeDeclaration declaration =
        element instanceof PackageElementImpl pkg ? packageInfoOf(pkg) : declarationAround(element);
    if (declaration == null || !resultsAreReported(declaration)) {
      return false;
    }
    Annotation written = find(declaration.annotations, annotation);
    ASTNode expression = written == null ? null : expressionOf(written, annotation, value);
    if (expression == null) {
      return false;
    }
    recordError(declaration, expression.sourceStart, expression.sourceEnd, message);
    return true;
  }

  /**
   * The expression {@code value} was read from, in {@code written}, the source of {@code mirror}:
   * the expression of its element, or the one at the value's index in an array's braces.
   */
  private static ASTNode expressionOf(
      Annotation written, AnnotationMirror mirror, AnnotationValue value) {
    for (MemberValuePair pair : written.memberValuePairs()) {
      AnnotationValue whole = valueNamed(mirror, new String(pair.name));
      if (whole == null) {
        continue;
      }
      if (whole.equals(value)) {
        return pair.value;
      }
      if (whole.getValue() instanceof List<?> elements) {
        int index = indexOf(elements, value);
        if (index < 0) {
          continue;
        }
        if (pair.value instanceof ArrayInitializer braces) {
          return braces.expressions != null && index < braces.expressions.length
              ? braces.expressions[index]
              : null;
        }
        // One value written without braces.
        return elements.size() == 1 ? pair.value : null;
      }
    }
    return null;
  }

  private static AnnotationValue valueNamed(AnnotationMirror mirror, String name) {
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> entry :
        mirror.getElementValues().entrySet()) {
      if (entry.getKey().getSimpleName().contentEquals(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** The index of {@code value} in {@code elements}: the same object first, else an equal one. */
  private static int indexOf(List<?> elements, AnnotationValue value) {
    for (int i = 0; i < elements.size(); i++) {
      if (elements.get(i) == value) {
        return i;
      }
    }
    return elements.indexOf(value);
  }

  /** The declaration of {@code element}, a type, or of the type that declares it, or null. */
  private static TypeDeclaration declarationAround(Element element) {
    Element type = element instanceof TypeElementImpl ? element : element.getEnclosingElement();
    return type instanceof TypeElementImpl impl ? declarationOf(impl) : null;
  }

  /**
   * Whether ECJ hands {@code declaration}'s compilation result on after processing, printing the
   * problems recorded in it. With {@code -proc:only} it does not: {@code Compiler.compile} returns
   * right after the last round when it generates no class files, and a problem recorded there was
   * lost (the build passed, with no codec); the Messager's own problems are still printed.
   */
  private static boolean resultsAreReported(TypeDeclaration declaration) {
    return declaration.scope == null || declaration.scope.compilerOptions().generateClassFiles;
  }

  /**
   * Records {@code message} on {@code element}, which is {@code declaration}'s type or one of its
   * members, or returns false when the member is not in it.
   */
  public static boolean recordIn(
      TypeDeclaration declaration, Element element, AnnotationMirror annotation, String message) {
    int start = declaration.sourceStart;
    int end = declaration.sourceEnd;
    if (element instanceof TypeElementImpl) {
      Annotation written = annotation == null ? null : find(declaration.annotations, annotation);
      if (written != null) {
        start = written.sourceStart;
        end = written.sourceEnd;
      }
    } else {
      int[] range = memberRange(declaration, element.getSimpleName().toString());
      if (range == null) {
        return false;
      }
      start = range[0];
      end = range[1];
    }
    recordError(declaration, start, end, message);
    return true;
  }

  /**
   * Records an error at the source range {@code start..end} (inclusive) of {@code context}'s
   * compilation unit, as ECJ's Messager would record a positioned one.
   */
  public static void recordError(ReferenceContext context, int start, int end, String message) {
    record(context, start, end, message, ProblemSeverities.Error);
  }

  /** As {@link #recordError}, a warning. */
  public static void recordWarning(ReferenceContext context, int start, int end, String message) {
    record(context, start, end, message, ProblemSeverities.Warning);
  }

  private static void record(
      ReferenceContext context, int start, int end, String message, int severity) {
    CompilationResult result = context.compilationResult();
    int[] lineEnds = result.getLineSeparatorPositions();
    int line = Util.getLineNumber(start, lineEnds, 0, lineEnds.length - 1);
    int column = Util.searchColumnNumber(lineEnds, line, start);
    CategorizedProblem problem =
        toolsApiProblem(context, message, severity, start, end, line, column);
    result.record(
        problem != null
            ? problem
            : new AptProblem(
                context,
                result.getFileName(),
                message,
                0,
                new String[0],
                severity,
                start,
                end,
                line,
                column),
        context);
  }

  /**
   * The name of the problem factory ECJ uses when it is run through {@code javax.tools}
   * ({@code EclipseCompiler}, as IntelliJ's Eclipse compiler option runs it): an anonymous class of
   * {@code EclipseCompilerImpl}.
   */
  private static final String TOOLS_API_FACTORY =
      "org.eclipse.jdt.internal.compiler.tool.EclipseCompilerImpl$";

  /**
   * Under ECJ's {@code javax.tools} API, the same error made by the compiler's own problem factory,
   * else null. There a {@code DiagnosticListener} hears only of the problems that factory made (it
   * wraps each in one that reports itself as the batch compiler prints it): an {@link AptProblem}
   * recorded in the result was printed, and counted, but never reached the listener, so a build
   * that reads its errors from the listener failed with none of Ferry's call-site errors in it.
   * Problem 0's message is its one argument ({@code "{0}"}).
   */
  private static CategorizedProblem toolsApiProblem(
      ReferenceContext context,
      String message,
      int severity,
      int start,
      int end,
      int line,
      int column) {
    CompilationUnitDeclaration unit = context.getCompilationUnitDeclaration();
    if (unit == null || unit.problemReporter == null) {
      return null;
    }
    IProblemFactory factory = unit.problemReporter.problemFactory;
    if (factory == null || !factory.getClass().getName().startsWith(TOOLS_API_FACTORY)) {
      return null;
    }
    String[] arguments = {message};
    return factory.createProblem(
        context.compilationResult().getFileName(),
        0,
        arguments,
        arguments,
        severity,
        start,
        end,
        line,
        column);
  }

  /**
   * The declaration ECJ makes of a package's package-info.java (a type named {@code package-info}
   * that carries the package's annotations), when the package was compiled from source here.
   */
  private static TypeDeclaration packageInfoOf(PackageElementImpl pkg) {
    if (pkg._binding instanceof PackageBinding binding
        && binding.knownTypes != null
        && binding.knownTypes.get(TypeConstants.PACKAGE_INFO_NAME) instanceof SourceTypeBinding source
        && source.scope != null
        && source.scope.referenceContext != null
        && source.scope.referenceContext.compilationResult() != null) {
      return source.scope.referenceContext;
    }
    return null;
  }

  private static TypeDeclaration declarationOf(TypeElementImpl type) {
    if (type._binding instanceof SourceTypeBinding source
        && source.scope != null
        && source.scope.referenceContext != null
        && source.scope.referenceContext.compilationResult() != null) {
      return source.scope.referenceContext;
    }
    return null;
  }

  /** The name range of a record component or field (enum constants included), or null. */
  private static int[] memberRange(TypeDeclaration declaration, String name) {
    if (declaration.recordComponents != null) {
      for (RecordComponent component : declaration.recordComponents) {
        if (name.equals(new String(component.name))) {
          return new int[] {component.sourceStart, component.sourceEnd};
        }
      }
    }
    if (declaration.fields != null) {
      for (FieldDeclaration field : declaration.fields) {
        if (field.name != null && name.equals(new String(field.name))) {
          return new int[] {field.sourceStart, field.sourceEnd};
        }
      }
    }
    return null;
  }

  private static Annotation find(Annotation[] annotations, AnnotationMirror mirror) {
    if (annotations == null || !(mirror instanceof AnnotationMirrorImpl impl)) {
      return null;
    }
    for (Annotation annotation : annotations) {
      if (annotation.getCompilerAnnotation() == impl._binding) {
        return annotation;
      }
    }
    return null;
  }
}
