package dev.ferry.processor.checker;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.validation.TypeAnalyzer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * The declaration rules for each annotated class the unit declares, local and anonymous ones
 * included (javac never hands those to annotation processors): each problem the rules find is
 * reported on its member's, its annotation's or the class's tree. ECJ's twin is {@link
 * EcjLocalClasses}.
 *
 * <p>Apart from {@link TransferScanner} because it applies the declaration rules, not the
 * call-site ones, and keeps its own state (the members whose declaration was reported, whose
 * written types the scanner then leaves alone, see {@link #inReportedMember}); the scanner's walk
 * hands it each annotated class it visits, and its reports go through the scanner's.
 */
final class LocalClasses {
  private final TransferScanner scan;
  private final Trees trees;
  private final TypeAnalyzer analyzer;
  private final Consumer<String> declarationChecked;
  /** The source ranges of member types whose declaration was reported (see inReportedMember). */
  private final List<long[]> reportedMembers = new ArrayList<>();

  /** @param declarationChecked told the name of each annotated type whose declaration it checked */
  LocalClasses(TransferScanner scan, CheckerState state, Consumer<String> declarationChecked) {
    this.scan = scan;
    this.trees = state.trees();
    this.analyzer = state.analyzer();
    this.declarationChecked = declarationChecked;
  }

  /** Reports what the declaration rules find wrong with {@code type}, declared by {@code tree}. */
  void reportDeclaration(ClassTree tree, TypeElement type) {
    declarationChecked.accept(type.getQualifiedName().toString());
    Analysis analysis = analyzer.analyze(type);
    if (analysis.unresolved()) {
      return;
    }
    for (Problem problem : analysis.problems()) {
      reportProblem(tree, type, problem);
    }
  }

  /** Reports one of {@code type}'s problems on the finest tree of {@code tree} it names. */
  void reportProblem(ClassTree tree, TypeElement type, Problem problem) {
    Tree at = tree;
    if (problem.annotation() != null) {
      at = annotationTree(tree, problem.annotation());
    } else if (problem.element() != type) {
      at = memberTree(tree, problem.element());
    }
    if (at instanceof VariableTree member) {
      reportedMembers.add(
          new long[] {
            scan.positions.getStartPosition(scan.unit, member.getType()),
            scan.positions.getEndPosition(scan.unit, member.getType())
          });
    }
    scan.reportFormatted(at, problem.element(), problem.rule(), problem.message());
  }

  /**
   * Whether {@code tree} lies in the written type of a member whose declaration was reported: a
   * {@code Channel<Thread>} member of an annotated type is one mistake, told on the member.
   */
  boolean inReportedMember(Tree tree) {
    long start = scan.positions.getStartPosition(scan.unit, tree);
    for (long[] range : reportedMembers) {
      if (range[0] <= start && start < range[1]) {
        return true;
      }
    }
    return false;
  }

  private Tree annotationTree(ClassTree tree, AnnotationMirror annotation) {
    Element wanted = annotation.getAnnotationType().asElement();
    for (AnnotationTree candidate : tree.getModifiers().getAnnotations()) {
      TreePath path =
          new TreePath(new TreePath(scan.getCurrentPath(), tree.getModifiers()), candidate);
      TypeMirror type = trees.getTypeMirror(path);
      if (type != null && wanted.equals(trees.getElement(new TreePath(path, candidate.getAnnotationType())))) {
        return candidate;
      }
    }
    return tree;
  }

  private static Tree memberTree(ClassTree tree, Element member) {
    if (member instanceof ExecutableElement
        || member.getEnclosingElement() instanceof ExecutableElement) {
      return methodPartTree(tree, member);
    }
    for (Tree m : tree.getMembers()) {
      if (m instanceof VariableTree v && v.getName().contentEquals(member.getSimpleName())) {
        return v;
      }
    }
    return tree;
  }

  /**
   * The tree of a method, constructor or parameter of the class {@code tree} declares (a getter
   * that returns another field, a constructor's parameter stored in another field); the class
   * itself for one it inherits, whose tree is in another class. Methods of the class are told
   * apart by name and parameter names and count, which the class's trees and elements share.
   */
  private static Tree methodPartTree(ClassTree tree, Element member) {
    ExecutableElement method =
        (ExecutableElement)
            (member instanceof ExecutableElement ? member : member.getEnclosingElement());
    String name =
        method.getKind() == ElementKind.CONSTRUCTOR ? "<init>" : method.getSimpleName().toString();
    for (Tree m : tree.getMembers()) {
      if (m instanceof MethodTree candidate
          && candidate.getName().contentEquals(name)
          && sameParameters(candidate, method)) {
        if (member == method) {
          return candidate;
        }
        for (VariableTree parameter : candidate.getParameters()) {
          if (parameter.getName().contentEquals(member.getSimpleName())) {
            return parameter;
          }
        }
      }
    }
    return tree;
  }

  private static boolean sameParameters(MethodTree tree, ExecutableElement method) {
    if (tree.getParameters().size() != method.getParameters().size()) {
      return false;
    }
    for (int i = 0; i < tree.getParameters().size(); i++) {
      Name written = method.getParameters().get(i).getSimpleName();
      if (!tree.getParameters().get(i).getName().contentEquals(written)) {
        return false;
      }
    }
    return true;
  }
}
