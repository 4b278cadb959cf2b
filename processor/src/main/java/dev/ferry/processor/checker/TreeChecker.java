package dev.ferry.processor.checker;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskEvent;
import com.sun.source.util.TaskListener;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.validation.TypeAnalyzer;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

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
  private final Set<TypeElement> scanned = new HashSet<>();

  private TreeChecker(Trees trees, TypeAnalyzer analyzer, Reporter reporter) {
    this.trees = trees;
    this.analyzer = analyzer;
    this.reporter = reporter;
  }

  /**
   * Installs the checker on javac's task, or returns null where that cannot be done: not javac (the
   * Eclipse compiler), or an environment we cannot unwrap. Any failure here, even a missing class
   * in an IDE, means "no call-site checks", never a crash.
   */
  public static TreeChecker install(
      ProcessingEnvironment env, TypeAnalyzer analyzer, Reporter reporter) {
    try {
      ProcessingEnvironment javac = JavacEnvironment.unwrap(env);
      if (javac == null) {
        return null;
      }
      TreeChecker checker = new TreeChecker(Trees.instance(javac), analyzer, reporter);
      JavacTask.instance(javac).addTaskListener(checker);
      return checker;
    } catch (Throwable unavailable) {
      return null;
    }
  }

  @Override
  public void started(TaskEvent event) {}

  @Override
  public void finished(TaskEvent event) {
    try {
      if (event.getKind() == TaskEvent.Kind.ANALYZE && event.getTypeElement() != null) {
        analyzed(event.getTypeElement(), event.getCompilationUnit());
      }
    } catch (Throwable failure) {
      Element at = event.getTypeElement();
      if (at != null) {
        reporter.reportInternal(at, failure);
      }
    }
  }

  private void analyzed(TypeElement type, CompilationUnitTree unit) {
    if (unit == null || !scanned.add(type)) {
      return;
    }
    TreePath path = trees.getPath(type);
    if (path != null) {
      analyzer.clear(); // attribution completed the types; earlier results may be stale
      new TransferScanner(trees, analyzer, reporter, unit).scan(path, null);
    }
  }
}
