package dev.ferry.processor.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.diagnostic.Problem;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.LinkedHashSet;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import dev.ferry.processor.validation.FerryAnnotations;

/**
 * Runs every check, declaration and call-site alike, on each top-level type right after javac has
 * attributed it, so that all ferry errors of a compilation come out in one run.
 *
 * <p>Why not report declaration problems from {@code process()}: an error printed there makes
 * javac stop before attribution, and the call-site errors would never be found (see JAVAC-FACTS);
 * and elements kept from a processing round may be stale once javac compiles. So the declarations
 * are analyzed again here, on the attributed trees, and reported on the member's tree.
 */
public final class TreeChecker implements TaskListener {
  private final Trees trees;
  private final TypeAnalyzer analyzer;
  private final Reporter reporter;
  private final Elements elements;
  private final Set<TypeElement> scanned = new HashSet<>();
  /**
   * The top-level types javac has analyzed, by name: the same symbols {@code
   * Elements.getTypeElement} would look up at the end (a lookup that costs more than the rest of
   * the end's work), so those are taken from here.
   */
  private final java.util.Map<String, TypeElement> analyzedByName = new java.util.HashMap<>();
  /** Top-level types whose scan after attribution has ended: what crosses in them is noted. */
  private final Set<TypeElement> finished = new HashSet<>();
  private boolean attributing;
  private final CheckerState state;
  private final OwnTime ownTime;
  /** The top-level types of every processing round, by name. */
  private final Set<String> roots = new LinkedHashSet<>();
  /** The annotated types whose declaration a scan has checked, by name. */
  private final Set<String> checked = new HashSet<>();
  /** Files told their call sites went unchecked: one warning a file, whatever its types. */
  private final Set<CompilationUnitTree> unchecked = new HashSet<>();
  /** The problems of imports and hand-written codecs not reported yet; made after the rounds. */
  private List<Problem> codecDeclarationProblems;

  private TreeChecker(
      Trees trees,
      Elements elements,
      Types types,
      TypeAnalyzer analyzer,
      Reporter reporter,
      OwnTime ownTime) {
    this.ownTime = ownTime;
    this.trees = trees;
    this.elements = elements;
    this.analyzer = analyzer;
    this.reporter = reporter;
    Markers markers = new Markers(elements, types);
    FerryReach reach = new FerryReach(trees, this::attribute);
    this.state =
        new CheckerState(
            trees,
            elements,
            types,
            analyzer,
            markers,
            new SentVariables(markers, reach::isAware, this::scanBody),
            new Bindings(types),
            reach,
            new Verdicts(analyzer.memberTypes()),
            reporter);
  }

  /**
   * Notes the top-level types of a processing round. The scan after attribution checks the
   * annotated types among them; those it never checks (javac stops before attribution when an
   * earlier phase failed, a missing type in a signature, say) {@link #compilationFinished} checks
   * instead. Only names are kept: finding the annotated types costs a walk over every member
   * (javac's {@code getElementsAnnotatedWith}), which the end of the compilation does once, over
   * nested types only, since Ferry's annotations are on types.
   */
  public void roots(Set<? extends Element> rootElements) {
    for (Element root : rootElements) {
      if (root instanceof TypeElement type) {
        roots.add(type.getQualifiedName().toString());
      }
    }
  }

  /**
   * Installs the checker on javac's task, or returns null where that cannot be done: not javac (the
   * Eclipse compiler), or an environment we cannot unwrap. Any failure here, even a missing class
   * in an IDE, means "no call-site checks", never a crash.
   */
  public static TreeChecker install(
      ProcessingEnvironment env, TypeAnalyzer analyzer, Reporter reporter, OwnTime ownTime) {
    try {
      ProcessingEnvironment javac = JavacEnvironment.unwrap(env);
      if (javac == null) {
        return null;
      }
      TreeChecker checker =
          new TreeChecker(
              Trees.instance(javac), javac.getElementUtils(), javac.getTypeUtils(), analyzer, reporter,
              ownTime);
      JavacTask.instance(javac).addTaskListener(checker);
      return checker;
    } catch (Throwable unavailable) {
      return null;
    }
  }

  /**
   * Whether javac compiles {@code type} from source in this compilation: it has a tree. Asked only
   * of top-level types that are no round's root, so of a type from a file javac found on its source
   * path (see {@code CompiledTypes.recognizeSourcePath}).
   */
  public boolean isFromSource(TypeElement type) {
    try {
      return trees.getTree(type) != null;
    } catch (RuntimeException unknown) {
      return false;
    }
  }

  @Override
  public void started(TaskEvent event) {}

  @Override
  public void finished(TaskEvent event) {
    TaskEvent.Kind kind = event.getKind();
    if (kind == TaskEvent.Kind.ENTER && event.getCompilationUnit() != null) {
      state.reach().noteEntered(event.getCompilationUnit());
      return;
    }
    if (kind != TaskEvent.Kind.ANALYZE && kind != TaskEvent.Kind.COMPILATION) {
      return; // javac's other events (parse, generate: several per class) need nothing
    }
    long start = ownTime.start();
    try {
      if (kind == TaskEvent.Kind.ANALYZE && event.getTypeElement() != null) {
        analyzed(event.getTypeElement(), event.getCompilationUnit());
      } else if (kind == TaskEvent.Kind.COMPILATION) {
        compilationFinished();
      }
    } catch (Throwable failure) {
      // As under ECJ: the file goes without call-site checks, and says so ({@link ScanFailures}).
      Element at = event.getTypeElement();
      if (at != null
          && event.getCompilationUnit() != null
          && unchecked.add(event.getCompilationUnit())) {
        reporter.reportCallSitesUnchecked(
            at,
            ScanFailures.fileName(event.getCompilationUnit().getSourceFile().getName()),
            failure);
      }
    } finally {
      ownTime.stop(start);
    }
  }

  private void analyzed(TypeElement type, CompilationUnitTree unit) {
    if (unit == null || !scanned.add(type)) {
      return;
    }
    analyzedByName.put(type.getQualifiedName().toString(), type);
    if (!attributing) {
      // Analyses from processing rounds may hold stale elements; from here on, no more rounds
      // come, so one cache serves every type of the compilation.
      analyzer.clear();
      attributing = true;
    }
    state.reach().noteUnit(type, unit);
    if (state.reach().touches(unit)) {
      ScanFailures.failIfAsked(unit.getSourceFile().getName());
      TreePath path = pathIn(unit, type);
      if (path != null) {
        new TransferScanner(state, unit, checked::add, false).scan(path, null);
      }
    }
    reportCodecDeclarations(unit);
    // Every top-level class javac analyzes, also in a compilation with no Ferry annotation (a
    // sealed type's subtype compiled alone), where no round called the processor; now, while
    // javac still has its trees to place the error.
    analyzer.sealedSupertypeProblems(type).forEach(reporter::report);
    finished.add(type);
  }

  /**
   * The path of a top-level class of {@code unit}, built from the unit's declarations: {@link
   * Trees#getPath(Element)} would scan the unit for it and end the scan by throwing an error
   * (javac's {@code TreePath.getPath}), once per class of the compilation.
   */
  private TreePath pathIn(CompilationUnitTree unit, TypeElement type) {
    com.sun.source.tree.Tree tree = trees.getTree(type);
    for (com.sun.source.tree.Tree declaration : unit.getTypeDecls()) {
      if (declaration == tree) {
        return new TreePath(new TreePath(unit), declaration);
      }
    }
    return trees.getPath(type);
  }

  /**
   * Scans the body of a generic method or class of this compilation, silently, so that {@link
   * SentVariables} learns which of its type variables cross, before a call to it is checked. A
   * type whose own scan has ended needs none (that scan noted the same, and javac may have
   * lowered its trees since); one javac has not attributed yet is attributed first, as
   * {@link Trees#getElement} does on demand.
   */
  private boolean scanBody(Element generic) {
    TypeElement top = outermost(generic);
    if (top == null || finished.contains(top)) {
      return false;
    }
    TreePath path = trees.getPath(generic);
    if (path == null || !state.reach().touches(path.getCompilationUnit())) {
      return false; // from a jar, its signature is all there is; else nothing in it crosses
    }
    Attribution.ensure(trees, path, ownTime);
    new TransferScanner(state, path.getCompilationUnit(), name -> {}, true).scan(path, null);
    return true;
  }

  /** Makes javac attribute a top-level class it has not analyzed yet (see {@link Attribution}). */
  private boolean attribute(TreePath classPath) {
    if (trees.getElement(classPath) instanceof TypeElement type && scanned.contains(type)) {
      return false;
    }
    Attribution.ensure(trees, classPath, ownTime);
    return true;
  }

  private static TypeElement outermost(Element element) {
    TypeElement top = null;
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        top = type;
      }
    }
    return top;
  }

  /**
   * Checks the declarations javac never attributed, with the elements as they are now (those kept
   * from a processing round may be stale and lose their source positions).
   */
  private void compilationFinished() {
    analyzer.clear();
    for (TypeElement type : uncheckedAnnotatedTypes()) {
      try {
        Analysis analysis = analyzer.analyze(type);
        if (!analysis.unresolved()) {
          analysis.problems().forEach(reporter::report);
        }
      } catch (RuntimeException | LinkageError failure) {
        reporter.reportInternal(type, failure);
      }
    }
    roots.clear();
    codecDeclarationProblems().forEach(reporter::report);
    codecDeclarationProblems.clear();
  }

  /** The annotated types of the rounds' top-level types, nested ones included, no scan checked. */
  private List<TypeElement> uncheckedAnnotatedTypes() {
    List<TypeElement> found = new ArrayList<>();
    for (TypeElement root : rootTypes()) {
      collectUnchecked(root, found);
    }
    return found;
  }

  /** The rounds' top-level types, as javac analyzed them where it did. */
  private List<TypeElement> rootTypes() {
    List<TypeElement> found = new ArrayList<>();
    for (String name : roots) {
      TypeElement root = analyzedByName.get(name);
      if (root == null) {
        root = elements.getTypeElement(name);
      }
      if (root != null) {
        found.add(root);
      }
    }
    return found;
  }

  private void collectUnchecked(TypeElement type, List<TypeElement> found) {
    if (FerryAnnotations.hasCodec(type) && !checked.contains(type.getQualifiedName().toString())) {
      found.add(type);
    }
    for (TypeElement nested : ElementFilter.typesIn(type.getEnclosedElements())) {
      collectUnchecked(nested, found);
    }
  }

  /**
   * Reports the problems of imported classes and hand-written codecs declared in {@code unit}.
   * They sit on annotation values and on classes that no call site reaches, so they go through
   * the Messager, while javac still has the unit's trees to position them; those of units javac
   * never attributes are reported when the compilation ends.
   */
  private void reportCodecDeclarations(CompilationUnitTree unit) {
    codecDeclarationProblems()
        .removeIf(
            problem -> {
              TreePath path = trees.getPath(problem.element());
              if (path == null || path.getCompilationUnit() != unit) {
                return false;
              }
              reporter.report(problem);
              return true;
            });
  }

  private List<Problem> codecDeclarationProblems() {
    if (codecDeclarationProblems == null) {
      codecDeclarationProblems = new ArrayList<>(analyzer.codecDeclarationProblems());
    }
    return codecDeclarationProblems;
  }
}
