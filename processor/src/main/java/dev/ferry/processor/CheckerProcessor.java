package dev.ferry.processor;

import com.google.auto.service.AutoService;
import dev.ferry.processor.checker.EcjCallSites;
import dev.ferry.processor.checker.OwnTime;
import dev.ferry.processor.checker.TreeChecker;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.validation.CompiledTypes;
import dev.ferry.processor.validation.TypeAnalyzer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/**
 * Ferry's checker: the declaration rules for every {@code @Transferable} and {@code @InheritOnly}
 * type, and, under javac, the call-site rules ({@link TreeChecker}), all reported in one
 * compilation, each on its finest element or tree. Writes no files.
 *
 * <p>Under javac, the tree checker does all the work after attribution; where javac's trees are not
 * available (the Eclipse compiler), the declaration rules are reported here through the {@link
 * javax.annotation.processing.Messager}, and the call-site rules run on ECJ's own AST once ECJ has
 * resolved each unit ({@link EcjCallSites}).
 *
 * <p>Types whose members do not resolve are retried in the next round; if they never resolve,
 * they get no ferry error, since javac's own error about the missing symbol is the real one.
 */
@AutoService(Processor.class)
public final class CheckerProcessor extends FerryProcessor {
  private TypeAnalyzer analyzer;
  private CompiledTypes compiled;
  private Reporter reporter;
  /** javac's tree checker, or null under a compiler without javac's trees (ECJ). */
  private TreeChecker treeChecker;
  private final DeferredTypes deferred = new DeferredTypes();
  private final Set<String> checked = new HashSet<>();
  private final OwnTime ownTime = new OwnTime();

  /**
   * Whether this compilation can see anything of Ferry's; false makes the checker do nothing. A
   * crossing needs a marked API ({@code @Sent}, {@code @SpawnArgument}, {@code @SpawnTarget},
   * {@code @InheritOnly}: Ferry's runtime and any library built on it carry them) or a type that
   * declares a codec, and each is named by one of Ferry's annotations, which javac finds only on
   * the compilation's class path or among its sources. So a module that has Ferry's processor on
   * its processor path but neither ferry-annotations nor ferry-runtime on its class path (a
   * multi-module build that configures the processor once for every module) is not walked at all.
   */
  private boolean active;

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    long start = ownTime.start();
    try {
      active = seesFerry(processingEnv.getElementUtils());
      if (active) {
        install();
      }
    } finally {
      ownTime.stop(start);
    }
  }

  /**
   * The packages of Ferry's annotations and of its runtime: a compilation that can see neither
   * can name nothing of Ferry's; see {@link #active}. Packages, not each type: javac looks a name
   * up in every module of the compilation.
   */
  private static final List<String> FERRY_PACKAGES = List.of("dev.ferry.annotation", "dev.ferry");

  static boolean seesFerry(Elements elements) {
    try {
      for (String name : FERRY_PACKAGES) {
        if (elements.getPackageElement(name) != null) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException | LinkageError unknown) {
      return true; // a compiler that cannot answer is checked as before
    }
  }

  private void install() {
    compiled = new CompiledTypes(processingEnv);
    analyzer = TypeAnalyzer.forChecking(processingEnv.getTypeUtils(), compiled);
    reporter = new Reporter(processingEnv.getMessager(), compiled::unresolvedAnnotationStrings);
    treeChecker = TreeChecker.install(processingEnv, analyzer, reporter, ownTime);
    if (treeChecker == null) {
      installEcjCallSites();
    } else {
      compiled.recognizeSourcePath(treeChecker::isFromSource, false);
      // The tree checker analyzes each class after javac attributed it, when a superclass javac
      // took first is written out and has no trees left.
      compiled.keepTreesPastGeneration();
    }
  }

  /**
   * Under the Eclipse compiler, the call-site rules run on ECJ's AST after it resolves each unit
   * ({@link EcjCallSites}). That class links against ECJ, so it is loaded only when the
   * environment is ECJ's; any failure (another ECJ, an IDE whose class loader hides ECJ's classes)
   * leaves call sites unchecked and the declaration rules running.
   */
  private void installEcjCallSites() {
    if (!processingEnv.getClass().getName().startsWith("org.eclipse.jdt.")) {
      return;
    }
    try {
      EcjCallSites.install(processingEnv, analyzer);
    } catch (Throwable unavailable) {
      // call sites go unchecked under this compiler
    }
  }

  /**
   * The CPU time this checker spent in its own code, for the benchmark; 0 unless the JVM runs
   * with {@code -Dferry.checker.timing=true}.
   */
  public long ownCpuNanos() {
    return ownTime.nanos();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    if (!active) {
      return false;
    }
    long start = ownTime.start();
    try {
      processRound(annotations, round);
    } finally {
      ownTime.stop(start);
    }
    return false;
  }

  private void processRound(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    compiled.add(round.getRootElements());
    if (treeChecker != null) {
      // javac: the tree checker reports everything after attribution.
      treeChecker.roots(round.getRootElements());
      return;
    }
    analyzer.clear();
    for (TypeElement type :
        deferred.forRound(annotations, round, processingEnv.getElementUtils())) {
      try {
        check(type, round.processingOver());
      } catch (Throwable failure) {
        reporter.reportInternal(type, failure);
      }
    }
    if (round.processingOver()) {
      analyzer.codecDeclarationProblems().forEach(reporter::report);
    }
  }

  private void check(TypeElement type, boolean lastRound) {
    String name = type.getQualifiedName().toString();
    if (!checked.add(name)) {
      return;
    }
    Analysis analysis = analyzer.analyze(type);
    if (analysis.unresolved() || (!analysis.problems().isEmpty() && !lastRound)) {
      // Told in the last round at the latest: a later round may bring a member's import or
      // hand-written codec, which another processor generates (as javac's checker, after every
      // round, sees it).
      checked.remove(name);
      if (!lastRound) {
        deferred.defer(type);
      }
      return;
    }
    for (Problem problem : analysis.problems()) {
      reporter.report(problem);
    }
  }
}
