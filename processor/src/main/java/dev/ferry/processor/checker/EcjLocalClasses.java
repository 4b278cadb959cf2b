package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.EcjSourceProblems;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.TypeAnalyzer;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.TypeElement;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;

/**
 * The declaration rules for an annotated local or anonymous class, and for a member type nested in
 * one, which ECJ, like javac, never hands to processors: each problem the rules find is recorded at
 * its member's or the type's range in the declaration, as javac's scan records it ({@link
 * LocalClasses#reportDeclaration}). While such a type's body is visited it gets back the scope
 * ECJ cleared when it cleaned up the unit ({@link #lendScope}), which its elements need.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it applies the declaration rules, not the
 * call-site ones, and keeps its own state (the scopes it lent); the scanner's walk tells it where a
 * local type starts and ends.
 */
final class EcjLocalClasses {
  private final Factory factory;
  private final TypeAnalyzer analyzer;
  private final boolean silent;
  /** Local and anonymous types whose scope {@link #lendScope} gave back, until their end. */
  private final Set<SourceTypeBinding> lent = new HashSet<>();

  /** @param silent whether to report nothing (a scan that only notes crossing type variables) */
  EcjLocalClasses(Factory factory, TypeAnalyzer analyzer, boolean silent) {
    this.factory = factory;
    this.analyzer = analyzer;
    this.silent = silent;
  }

  /**
   * Whether a member type is nested in a local or anonymous class (an enum constant's body too),
   * at any depth: ECJ hands it to no processor either, as javac does not, so its declaration rules
   * are applied here, as a local class's are.
   */
  static boolean isInLocalType(SourceTypeBinding binding) {
    for (ReferenceBinding t = binding == null ? null : binding.enclosingType();
        t != null;
        t = t.enclosingType()) {
      if (t.isLocalType()) {
        return true;
      }
    }
    return false;
  }

  /** Clears again the scope {@link #lendScope} lent a type, as ECJ had left it. */
  void giveScopeBack(TypeDeclaration type) {
    if (type.binding != null && lent.remove(type.binding)) {
      type.binding.scope = null;
    }
  }

  /**
   * The declaration rules for an annotated local or anonymous class, which ECJ, like javac, never
   * hands to processors: each problem at its member's or the type's range in this declaration.
   *
   * <p>By the time ECJ hands over a unit it has cleaned it up ({@code CompilationUnitDeclaration
   * .cleanUp}), which clears each type binding's scope; ECJ's elements need that scope to list a
   * source type's members in source order. The declaration node still holds it, so the binding gets
   * it back for the analysis and loses it again after.
   */
  void checkLocalDeclaration(TypeDeclaration declaration) {
    SourceTypeBinding binding = declaration.binding;
    if (silent || binding == null || binding.scope == null) {
      return;
    }
    try {
      if (factory.newElement(binding) instanceof TypeElement type) {
        if (FerryAnnotations.hasCodec(type)) {
          reportDeclaration(declaration, type);
        } else {
          analyzer.localCodecDeclarer(type).ifPresent(p -> record(declaration, type, p));
        }
      }
    } catch (RuntimeException | LinkageError failure) {
      // ECJ's elements could not describe this type here: it goes unchecked, the rest goes on.
    }
  }

  /**
   * Gives a cleaned-up local or anonymous type its scope back while its body is visited (see
   * {@link #checkLocalDeclaration}): ECJ's element for it needs the scope for its members and,
   * for an enum constant's body, to find its enclosing element ({@code
   * TypeElementImpl.getEnclosingElement} reads {@code scope.referenceContext}), which every
   * error inside asks for its suppressions. Without it, each error in an enum constant's body was
   * dropped.
   */
  void lendScope(TypeDeclaration declaration) {
    SourceTypeBinding binding = declaration.binding;
    if (binding != null && binding.scope == null && declaration.scope != null) {
      binding.scope = declaration.scope;
      lent.add(binding);
    }
  }

  private void reportDeclaration(TypeDeclaration declaration, TypeElement type) {
    Analysis analysis = analyzer.analyze(type);
    if (analysis.unresolved()) {
      return;
    }
    for (Problem problem : analysis.problems()) {
      record(declaration, type, problem);
    }
  }

  private static void record(TypeDeclaration declaration, TypeElement type, Problem problem) {
    if (Suppressions.isSuppressed(problem.element(), problem.rule())) {
      return;
    }
    if (!EcjSourceProblems.recordIn(
        declaration, problem.element(), problem.annotation(), problem.message())) {
      EcjSourceProblems.recordIn(declaration, type, null, problem.message());
    }
  }
}
