package dev.ferry.processor.checker;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.EcjSourceProblems;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.validation.TypeAnalyzer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.annotation.processing.ProcessingEnvironment;
import org.eclipse.jdt.core.compiler.CategorizedProblem;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.Compiler;
import org.eclipse.jdt.internal.compiler.ICompilerRequestor;
import org.eclipse.jdt.internal.compiler.apt.dispatch.BaseProcessingEnvImpl;
import org.eclipse.jdt.internal.compiler.apt.model.ElementImpl;
import org.eclipse.jdt.internal.compiler.ast.AbstractMethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;

/**
 * The call-site rules under the Eclipse compiler, run on ECJ's own AST once ECJ has resolved each
 * compilation unit, and before it hands the unit's problems on.
 *
 * <p>Why this hook: ECJ runs annotation processors before it parses any method body (its parser
 * reads bodies lazily, in {@code Compiler.process}, after the last round), so no processing round
 * ever sees a resolved call. Resolving bodies ourselves during a round would make ECJ resolve them
 * a second time later (local classes declared twice, problems reported twice). What ECJ offers
 * instead is its {@link ICompilerRequestor}, which it calls with each unit's {@link
 * CompilationResult} right after resolving, analysing and generating that unit; the unit's AST,
 * with every expression's binding, is still in {@code Compiler.unitsToProcess} while annotation
 * processing is on. The checker wraps that requestor: it scans the unit ({@link EcjCallSiteScanner}),
 * records its errors in the result, then passes the result on, so the batch compiler prints them
 * and Eclipse turns them into markers like any other problem of the file.
 *
 * <p>ECJ resolves the next unit in a worker thread while the requestor accepts the previous one
 * (since 3.40, unless {@code -Djdt.compiler.useSingleThread=true}); the scan reads and completes
 * bindings, which are not thread-safe, so installing the checker sets {@code
 * Compiler.useSingleThread}, ECJ's own switch for processing and accepting on one thread.
 *
 * <p>A scan that throws never breaks ECJ: the wrapped requestor gets every result, the declaration
 * rules, reported from {@code process()}, still run, and the unit gets a {@code [ferry:internal]}
 * warning that its call sites went unchecked ({@link ScanFailures}).
 */
public final class EcjCallSites implements ICompilerRequestor {
  private final ICompilerRequestor next;
  private final Compiler compiler;
  private final BaseProcessingEnvImpl env;
  private final TypeAnalyzer analyzer;
  private final Markers markers;
  private final SentVariables sentVariables;
  private Map<CompilationResult, CompilationUnitDeclaration> units = new IdentityHashMap<>();
  private boolean started;
  /** Every top-level and member type declaration of the compilation, gathered on first use. */
  private List<TypeDeclaration> declarations;
  /** The declaration of each source type in {@link #declarations}, by binding. */
  private final Map<SourceTypeBinding, TypeDeclaration> declarationOf = new IdentityHashMap<>();
  /** The unit of each declaration in {@link #declarations}. */
  private final Map<TypeDeclaration, CompilationUnitDeclaration> unitOfDeclaration =
      new IdentityHashMap<>();
  /** Units whose scan has ended (or was skipped): what crosses in them is noted. */
  private final Set<CompilationUnitDeclaration> finished =
      java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  /** Bindings whose scope a scan gave back, cleared again when the outermost scan ends. */
  private final List<SourceTypeBinding> restored = new ArrayList<>();
  /** How many scans are running: a scan may make ECJ compile another unit first (see below). */
  private int depth;

  private EcjCallSites(
      ICompilerRequestor next,
      Compiler compiler,
      BaseProcessingEnvImpl env,
      TypeAnalyzer analyzer) {
    this.next = next;
    this.compiler = compiler;
    this.env = env;
    this.analyzer = analyzer;
    this.markers = new Markers(env.getElementUtils(), env.getTypeUtils());
    this.sentVariables = new SentVariables(markers, e -> !Markers.isJdk(e), this::scanBody);
  }

  /**
   * Installs the call-site checks on ECJ's compiler, or returns false where that cannot be done
   * (not ECJ's environment, or a compiler without a requestor). Load this class only under ECJ.
   */
  public static boolean install(ProcessingEnvironment processingEnv, TypeAnalyzer analyzer) {
    if (!(processingEnv instanceof BaseProcessingEnvImpl env)) {
      return false;
    }
    Compiler compiler = env.getCompiler();
    if (compiler == null || compiler.requestor == null) {
      return false;
    }
    if (compiler.requestor instanceof EcjCallSites) {
      return true; // a second Ferry checker in the same compilation: one scan is enough
    }
    compiler.useSingleThread = true;
    // ECJ closes the processor path's class loader before the first unit is handed over.
    OwnClasses.loadAll(EcjCallSites.class, ClassName.class);
    compiler.requestor = new EcjCallSites(compiler.requestor, compiler, env, analyzer);
    return true;
  }

  @Override
  public void acceptResult(CompilationResult result) {
    CompilationUnitDeclaration unit = null;
    depth++;
    try {
      unit = unitOf(result);
      check(unit, result);
    } catch (Throwable failure) {
      // Never let a scan break ECJ: this unit goes without call-site checks, and says so.
      warnUnchecked(unit, result, failure);
    } finally {
      if (unit != null) {
        finished.add(unit);
      }
      if (--depth == 0) {
        restored.forEach(binding -> binding.scope = null);
        restored.clear();
      }
    }
    next.acceptResult(result);
  }

  @Override
  public void startBatch() {
    next.startBatch();
  }

  @Override
  public void flushBatch() {
    next.flushBatch();
  }

  @Override
  public void endBatch() {
    next.endBatch();
  }

  private void check(CompilationUnitDeclaration unit, CompilationResult result) {
    if (unit == null || unit.ignoreMethodBodies || hasErrorsOfItsOwn(result)) {
      return;
    }
    if (!started) {
      // Analyses from processing rounds may hold stale elements; no more rounds come now.
      analyzer.clear();
      started = true;
    }
    restoreScopes();
    ScanFailures.failIfAsked(new String(result.getFileName()));
    unit.traverse(scanner(unit, false), unit.scope);
  }

  /**
   * Records a warning on {@code unit}'s first type that its call sites went unchecked because the
   * scan threw {@code failure}; javac's checker warns in the same words ({@link ScanFailures}).
   */
  private static void warnUnchecked(
      CompilationUnitDeclaration unit, CompilationResult result, Throwable failure) {
    if (unit == null || Reporter.isCompilersOwnAbort(failure)) {
      return;
    }
    try {
      String file = ScanFailures.fileName(new String(result.getFileName()));
      TypeDeclaration first = unit.types == null || unit.types.length == 0 ? null : unit.types[0];
      int start = first == null ? 0 : first.sourceStart;
      int end = first == null ? 0 : first.sourceEnd;
      EcjSourceProblems.recordWarning(
          unit, start, end, Reporter.callSitesUnchecked(file, failure));
    } catch (Throwable unreportable) {
      // Not even the warning could be recorded: ECJ still gets the result.
    }
  }

  private EcjCallSiteScanner scanner(CompilationUnitDeclaration unit, boolean silent) {
    return new EcjCallSiteScanner(
        env.getFactory(), env.getElementUtils(), env.getTypeUtils(), analyzer, markers,
        sentVariables, unit, silent);
  }

  /**
   * Scans the body of a generic method or class of this compilation, silently, so that {@link
   * SentVariables} learns which of its type variables cross, before a call to it is checked; as
   * javac's checker does. A unit whose scan has ended needs none (that scan noted the same). A
   * unit ECJ has not compiled yet has no resolved bodies: ECJ is asked to compile it now, through
   * the same steps as its own loop ({@code Compiler.process}, the clean-up, the requestor), and
   * ECJ's loop then skips it, as it skips every unit whose result was accepted already; so each
   * unit is still resolved once, and its own scan (which notes what crosses) runs as it is accepted.
   */
  private boolean scanBody(Element generic) {
    if (!(generic instanceof ElementImpl element)) {
      return false;
    }
    declarations();
    AbstractMethodDeclaration method = null;
    TypeDeclaration type;
    if (element._binding instanceof MethodBinding binding) {
      type = binding.declaringClass instanceof SourceTypeBinding declaring
          ? declarationOf.get(declaring) : null;
      method = type == null ? null : methodIn(type, binding);
      if (method == null) {
        return false;
      }
    } else if (element._binding instanceof SourceTypeBinding binding) {
      type = declarationOf.get(binding);
    } else {
      return false;
    }
    CompilationUnitDeclaration unit = type == null ? null : unitOfDeclaration.get(type);
    if (unit == null || finished.contains(unit)) {
      return false; // from a jar, or a local class: its signature is all there is
    }
    if (!unit.compilationResult.hasBeenAccepted) {
      compileNow(unit);
      return true;
    }
    // The unit being scanned now (or one that made ECJ compile another): scan just this part.
    EcjCallSiteScanner silent = scanner(unit, true);
    if (method != null) {
      method.traverse(silent, type.scope);
    } else if (type.enclosingType != null) {
      type.traverse(silent, type.enclosingType.scope);
    } else {
      type.traverse(silent, unit.scope);
    }
    return true;
  }

  private static AbstractMethodDeclaration methodIn(TypeDeclaration type, MethodBinding binding) {
    if (type.methods != null) {
      for (AbstractMethodDeclaration method : type.methods) {
        if (method.binding == binding) {
          return method;
        }
      }
    }
    return null;
  }

  /**
   * Has ECJ compile {@code unit} now, as its loop would ({@code Compiler.processCompiledUnits}
   * in single-thread mode: process, clean up, hand the result to the requestor, which is this
   * checker first), then gives the cleaned-up types their scopes back for the scan in progress.
   */
  private void compileNow(CompilationUnitDeclaration unit) {
    int index = indexOf(unit);
    if (index < 0) {
      return;
    }
    try {
      compiler.process(unit, index);
    } finally {
      if (compiler.annotationProcessorManager == null || compiler.shouldCleanup(index)) {
        unit.cleanUp();
      }
      acceptResult(unit.compilationResult.tagAsAccepted());
      restoreScopes();
    }
  }

  private int indexOf(CompilationUnitDeclaration unit) {
    for (int i = 0; i < compiler.totalUnits; i++) {
      if (compiler.unitsToProcess[i] == unit) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Gives every source type of the compilation that ECJ has cleaned up its scope back, for one
   * scan; returns those bindings, whose scope the caller clears again after.
   *
   * <p>ECJ cleans each unit up once it is compiled ({@code SourceTypeBinding.cleanUp} clears the
   * binding's scope), and its elements then fail on such types: {@code
   * TypeElementImpl.getEnclosedElements} sorts members by source position, which it reads through
   * the scope. A value whose type lives in a file compiled earlier (an enum, a record) needs just
   * that. The type's declaration still holds the scope (ECJ keeps every unit while processors run),
   * and nothing else runs while the requestor scans, so the view is restored and cleared again.
   */
  private void restoreScopes() {
    for (TypeDeclaration declaration : declarations()) {
      SourceTypeBinding binding = declaration.binding;
      if (binding != null && binding.scope == null && declaration.scope != null) {
        binding.scope = declaration.scope;
        restored.add(binding);
      }
    }
  }

  private List<TypeDeclaration> declarations() {
    if (declarations == null) {
      declarations = new ArrayList<>();
      for (int i = 0; i < compiler.totalUnits; i++) {
        CompilationUnitDeclaration u = compiler.unitsToProcess[i];
        if (u != null && u.types != null) {
          for (TypeDeclaration type : u.types) {
            addWithMembers(u, type);
          }
        }
      }
    }
    return declarations;
  }

  private void addWithMembers(CompilationUnitDeclaration unit, TypeDeclaration type) {
    declarations.add(type);
    unitOfDeclaration.put(type, unit);
    if (type.binding != null) {
      declarationOf.put(type.binding, type);
    }
    if (type.memberTypes != null) {
      for (TypeDeclaration member : type.memberTypes) {
        addWithMembers(unit, member);
      }
    }
  }

  /** The unit whose result this is, from the units ECJ still holds for annotation processing. */
  private CompilationUnitDeclaration unitOf(CompilationResult result) {
    CompilationUnitDeclaration unit = units.get(result);
    if (unit == null && compiler.unitsToProcess != null) {
      units = new IdentityHashMap<>();
      for (CompilationUnitDeclaration u : compiler.unitsToProcess) {
        if (u != null && u.compilationResult != null) {
          units.put(u.compilationResult, u);
        }
      }
      unit = units.get(result);
    }
    units.remove(result);
    return unit;
  }

  /**
   * Whether ECJ reported errors of its own in the unit (a mid-edit file, an unresolved name):
   * Ferry then stays quiet there, as it does under javac, so the compiler's error is the one seen.
   */
  private static boolean hasErrorsOfItsOwn(CompilationResult result) {
    CategorizedProblem[] errors = result.getErrors();
    if (errors == null) {
      return false;
    }
    for (CategorizedProblem error : errors) {
      if (!Rule.isFerrys(error.getMessage())) {
        return true;
      }
    }
    return false;
  }
}
