package dev.ferry.processor.checker;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.tools.Diagnostic;

/**
 * One pass over an attributed compilation unit that finds where values cross to other processes,
 * by the markers on the parameters and type parameters they meet, and reports those that cannot:
 *
 * <ul>
 *   <li>an argument to a {@code @Sent} or {@code @SpawnArgument} parameter (varargs included);
 *   <li>an argument to a {@code @SpawnTarget} parameter that is not a reference to a static method
 *       of a class a child can find by name;
 *   <li>a type argument given for a {@code @Sent} type parameter, written ({@code Channel<X>} in a
 *       field, local, parameter, cast, {@code new}, explicit generic call) or inferred ({@code var});
 *   <li>every {@code @Transferable} and {@code @InheritOnly} class declared in the unit, local
 *       ones included (javac never hands those to annotation processors): the declaration rules,
 *       reported on the member's or the annotation's tree.
 * </ul>
 *
 * <p>Types that did not resolve (an IDE mid-edit) are skipped, so javac's error is the only one.
 * Each problem is reported once, at the exact tree, unless a {@code @SuppressWarnings} around it
 * silences its rule.
 */
final class TransferScanner extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final TypeAnalyzer analyzer;
  private final MemberTypes memberTypes;
  private final CompilationUnitTree unit;
  private final SourcePositions positions;
  private final Set<Long> reported = new HashSet<>();
  /** The rule of each problem reported so far, in order. */
  private final List<Rule> reportedRules = new ArrayList<>();
  /** While checking a {@code var}'s inferred type: the rules already reported in its initializer. */
  private Set<Rule> reportedInInitializer = EnumSet.noneOf(Rule.class);
  private final Reporter reporter;
  private final Markers markers;
  /** The unit's source text, read the first time a {@code var} must be told from a written type. */
  private CharSequence source;
  private final Consumer<String> declarationChecked;

  /** @param declarationChecked told the name of each annotated type whose declaration it checked */
  TransferScanner(
      Trees trees,
      TypeAnalyzer analyzer,
      Markers markers,
      Reporter reporter,
      CompilationUnitTree unit,
      Consumer<String> declarationChecked) {
    this.trees = trees;
    this.markers = markers;
    this.reporter = reporter;
    this.declarationChecked = declarationChecked;
    this.analyzer = analyzer;
    this.memberTypes = analyzer.memberTypes();
    this.unit = unit;
    this.positions = trees.getSourcePositions();
  }

  // ---- annotated declarations ----------------------------------------------------------------

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof TypeElement type) {
      if (FerryAnnotations.find(type, "javax.annotation.processing.Generated").isPresent()) {
        return null; // our own codecs, or another generator's code: not the user's to fix
      }
      if (FerryAnnotations.hasCodec(type)) {
        try {
          reportDeclaration(tree, type);
        } catch (RuntimeException | LinkageError failure) {
          reporter.reportInternal(type, failure);
        }
      }
    }
    return super.visitClass(tree, unused);
  }

  private void reportDeclaration(ClassTree tree, TypeElement type) {
    declarationChecked.accept(type.getQualifiedName().toString());
    Analysis analysis = analyzer.analyze(type);
    if (analysis.unresolved()) {
      return;
    }
    for (Problem problem : analysis.problems()) {
      Tree at = tree;
      if (problem.annotation() != null) {
        at = annotationTree(tree, problem.annotation());
      } else if (problem.element() != type) {
        at = memberTree(tree, problem.element());
      }
      reportFormatted(at, problem.element(), problem.rule(), problem.message());
    }
  }

  private Tree annotationTree(ClassTree tree, AnnotationMirror annotation) {
    Element wanted = annotation.getAnnotationType().asElement();
    for (AnnotationTree candidate : tree.getModifiers().getAnnotations()) {
      TreePath path = new TreePath(new TreePath(getCurrentPath(), tree.getModifiers()), candidate);
      TypeMirror type = trees.getTypeMirror(path);
      if (type != null && wanted.equals(trees.getElement(new TreePath(path, candidate.getAnnotationType())))) {
        return candidate;
      }
    }
    return tree;
  }

  private static Tree memberTree(ClassTree tree, Element member) {
    for (Tree m : tree.getMembers()) {
      if (m instanceof VariableTree v && v.getName().contentEquals(member.getSimpleName())) {
        return v;
      }
    }
    return tree;
  }

  // ---- arguments -------------------------------------------------------------------------------

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof ExecutableElement method) {
      checkArguments(method, tree.getArguments());
      checkTypeArguments(method, tree.getTypeArguments());
    }
    return super.visitMethodInvocation(tree, unused);
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof ExecutableElement constructor) {
      checkArguments(constructor, tree.getArguments());
    }
    return super.visitNewClass(tree, unused);
  }

  private void checkArguments(ExecutableElement method, List<? extends ExpressionTree> arguments) {
    Crossing[] crossings = markers.parametersOf(method);
    if (crossings.length == 0) {
      return; // the common case: a method without markers
    }
    List<? extends VariableElement> parameters = method.getParameters();
    int last = parameters.size() - 1;
    boolean spread = method.isVarArgs() && !passesArrayAsVarargs(parameters.get(last), arguments);
    for (int i = 0; i < arguments.size(); i++) {
      if (i > last && !spread) {
        break;
      }
      Crossing crossing = crossings[Math.min(i, last)];
      if (crossing == null) {
        continue;
      }
      TreePath argument = new TreePath(getCurrentPath(), arguments.get(i));
      if (crossing == Crossing.TARGET) {
        checkTarget(argument);
      } else {
        checkValue(argument, crossing);
      }
    }
  }

  /** Whether a varargs call passes an array in the varargs position instead of spread values. */
  private boolean passesArrayAsVarargs(
      VariableElement varargs, List<? extends ExpressionTree> arguments) {
    int index = ((ExecutableElement) varargs.getEnclosingElement()).getParameters().size() - 1;
    if (arguments.size() != index + 1) {
      return false;
    }
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), arguments.get(index)));
    return type != null && type.getKind() == TypeKind.ARRAY;
  }

  private void checkValue(TreePath argument, Crossing crossing) {
    TypeMirror type = trees.getTypeMirror(argument);
    if (type == null || isUnchecked(type)) {
      return;
    }
    Resolution resolution = memberTypes.resolveValue(type, crossing.allowsInheritOnly());
    Violation violation = resolution.violation();
    if (violation == null || resolution.unresolved()) {
      return;
    }
    Tree tree = argument.getLeaf();
    report(
        tree,
        violation.rule(),
        Messages.crossingValue(
            snippet(tree),
            crossing.phrase(),
            TypePrinter.print(type),
            violation.culprit(),
            violation.reason(),
            callSiteFix(violation)));
  }

  static String callSiteFix(Violation violation) {
    if (violation.rule() == Rule.INHERIT_ONLY_SENT) {
      return "pass the `" + violation.culprit() + "` to the child as a spawn argument when it"
          + " starts (`Ferry.spawn(target, ...)`) instead of sending it";
    }
    return violation.fix();
  }

  /**
   * Values whose type the checker leaves to the places where it becomes concrete: the null literal,
   * type variables (checked where a concrete type is written), unresolved types (javac reports
   * those), and wildcards without a bound.
   */
  static boolean isUnchecked(TypeMirror type) {
    switch (type.getKind()) {
      case NULL:
      case TYPEVAR:
      case ERROR:
      case NONE:
        return true;
      default:
        return containsError(type);
    }
  }

  private static boolean containsError(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return true;
    }
    if (type instanceof DeclaredType declared) {
      for (TypeMirror argument : declared.getTypeArguments()) {
        if (containsError(argument)) {
          return true;
        }
      }
    }
    if (type instanceof WildcardType wildcard) {
      return (wildcard.getExtendsBound() != null && containsError(wildcard.getExtendsBound()))
          || (wildcard.getSuperBound() != null && containsError(wildcard.getSuperBound()));
    }
    return false;
  }

  // ---- spawn targets -----------------------------------------------------------------------

  private void checkTarget(TreePath argument) {
    Tree tree = argument.getLeaf();
    String what = illegalTarget(argument);
    if (what != null) {
      report(tree, Rule.SPAWN_TARGET, Messages.spawnTarget(snippet(tree), what));
    }
  }

  /** What is wrong with a spawn target, or null when a child can run it. */
  private String illegalTarget(TreePath argument) {
    Tree tree = argument.getLeaf();
    switch (tree.getKind()) {
      case NULL_LITERAL:
        return null;
      case LAMBDA_EXPRESSION:
        return TargetPhrases.LAMBDA;
      case MEMBER_REFERENCE:
        return illegalReference((MemberReferenceTree) tree, argument);
      case IDENTIFIER:
      case MEMBER_SELECT:
        Element element = trees.getElement(argument);
        if (element == null || element.asType().getKind() == TypeKind.ERROR) {
          return null;
        }
        if (element.getKind() == ElementKind.PARAMETER
            && FerryAnnotations.find(element, FerryAnnotations.SPAWN_TARGET).isPresent()) {
          return null; // forwarded from a parameter that is itself checked at its call sites
        }
        return TargetPhrases.VARIABLE;
      default:
        return TargetPhrases.NOT_A_REFERENCE;
    }
  }

  private String illegalReference(MemberReferenceTree reference, TreePath path) {
    if (reference.getMode() == MemberReferenceTree.ReferenceMode.NEW) {
      return TargetPhrases.CONSTRUCTOR_REFERENCE;
    }
    Element element = trees.getElement(path);
    if (!(element instanceof ExecutableElement method)) {
      return null; // unresolved: javac reports it
    }
    if (!method.getModifiers().contains(Modifier.STATIC)) {
      Element qualifier = trees.getElement(new TreePath(path, reference.getQualifierExpression()));
      boolean bound = !(qualifier instanceof TypeElement);
      return bound ? TargetPhrases.BOUND_REFERENCE : TargetPhrases.INSTANCE_METHOD_REFERENCE;
    }
    TypeElement owner = (TypeElement) method.getEnclosingElement();
    if (!MemberTypes.isNameable(owner)) {
      return TargetPhrases.methodOf(
          MemberTypes.describeScope(owner), owner.getSimpleName().toString());
    }
    return null;
  }

  // ---- type arguments ------------------------------------------------------------------------

  @Override
  public Void visitParameterizedType(ParameterizedTypeTree tree, Void unused) {
    Element element = trees.getElement(new TreePath(getCurrentPath(), tree.getType()));
    if (element instanceof TypeElement generic) {
      boolean[] sent = markers.sentTypeParametersOf(generic);
      List<? extends Tree> arguments = tree.getTypeArguments();
      for (int i = 0; i < arguments.size() && i < sent.length; i++) {
        if (sent[i]) {
          checkTypeArgument(
              new TreePath(getCurrentPath(), arguments.get(i)), generic.getSimpleName().toString());
        }
      }
    }
    return super.visitParameterizedType(tree, unused);
  }

  private void checkTypeArguments(ExecutableElement method, List<? extends Tree> arguments) {
    boolean[] sent = markers.sentTypeParametersOf(method);
    for (int i = 0; i < arguments.size() && i < sent.length; i++) {
      if (sent[i]) {
        checkTypeArgument(
            new TreePath(getCurrentPath(), arguments.get(i)), method.getSimpleName().toString());
      }
    }
  }

  /**
   * A type javac inferred is checked only where the inference happened: a {@code var} local whose
   * initializer calls a generic method or uses a diamond ({@code var c = Chan.create()} is a {@code
   * Chan<Object>}). A type that merely flows from a declaration ({@code var c = list.get(0)}, {@code
   * for (var c : list)}, a lambda's parameters) was checked where it was written, and reporting it
   * again at each use would pile on. The initializer is scanned first, so a problem it shows at a
   * finer tree (an explicit type argument) is reported there, and not again on the initializer.
   */
  @Override
  public Void visitVariable(VariableTree tree, Void unused) {
    if (getCurrentPath().getParentPath().getLeaf() instanceof LambdaExpressionTree) {
      // javac fills in an implicit parameter's type with a tree at the parameter's position; the
      // tree API cannot tell it from a written one, which must equal the target type's anyway.
      return scan(tree.getModifiers(), unused);
    }
    if (tree.getType() == null || isWritten(tree.getType())) {
      return super.visitVariable(tree, unused);
    }
    scan(tree.getModifiers(), unused);
    ExpressionTree initializer = tree.getInitializer();
    int before = reportedRules.size();
    scan(initializer, unused);
    if (initializer != null && infersTypeArguments(initializer)) {
      reportedInInitializer = EnumSet.noneOf(Rule.class);
      reportedInInitializer.addAll(reportedRules.subList(before, reportedRules.size()));
      try {
        scan(tree.getType(), unused);
      } finally {
        reportedInInitializer = EnumSet.noneOf(Rule.class);
      }
    }
    return null;
  }

  /** Whether an initializer is a generic method's call or a diamond {@code new}. */
  private boolean infersTypeArguments(ExpressionTree initializer) {
    ExpressionTree e = initializer;
    while (e instanceof ParenthesizedTree parenthesized) {
      e = parenthesized.getExpression();
    }
    if (e instanceof NewClassTree creation) {
      return creation.getIdentifier() instanceof ParameterizedTypeTree type
          && type.getTypeArguments().isEmpty();
    }
    return e instanceof MethodInvocationTree
        && trees.getElement(new TreePath(getCurrentPath(), e)) instanceof ExecutableElement method
        && !method.getTypeParameters().isEmpty();
  }

  private void checkTypeArgument(TreePath argument, String generic) {
    TypeMirror type = sentTypeOf(trees.getTypeMirror(argument));
    if (type == null) {
      return;
    }
    Resolution resolution = memberTypes.resolveValue(type, false);
    Violation violation = resolution.violation();
    if (violation == null || resolution.unresolved()) {
      return;
    }
    Tree at = positioned(argument);
    if (at != argument.getLeaf() && reportedInInitializer.contains(violation.rule())) {
      return; // the initializer's own error names it more precisely
    }
    String written = TypePrinter.print(type);
    report(
        at,
        violation.rule(),
        Messages.sentTypeArgument(
            written,
            generic + "<" + written + ">",
            violation.culprit(),
            violation.reason(),
            callSiteFix(violation)));
  }

  /**
   * The type whose values a type argument for a {@code @Sent} type parameter stands for (a
   * wildcard's bound), or null when there is nothing to check.
   */
  static TypeMirror sentTypeOf(TypeMirror type) {
    if (type == null || isUnchecked(type)) {
      return null;
    }
    if (type instanceof WildcardType wildcard) {
      TypeMirror bound =
          wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
      // Channel<?>: nothing but null can be sent into it
      return bound == null || isUnchecked(bound) ? null : bound;
    }
    return type;
  }

  /**
   * The tree to report on: the type argument itself when it was written (for {@code Chan<String>},
   * its name, where the type starts: javac would put the caret under the {@code <}); for a type
   * javac inferred ({@code var c = Channel.create()}, whose type tree javac synthesizes without a
   * position), the nearest tree around it that has one, preferring a variable's initializer.
   */
  private Tree positioned(TreePath path) {
    for (TreePath p = path; p.getParentPath() != null; p = p.getParentPath()) {
      if (p.getParentPath().getLeaf() instanceof VariableTree variable) {
        boolean inItsType = p.getLeaf() == variable.getType();
        if (inItsType && !isWritten(variable.getType())) {
          return variable.getInitializer() != null ? variable.getInitializer() : variable;
        }
        break;
      }
    }
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (hasPosition(leaf)) {
        return leaf instanceof ParameterizedTypeTree type ? type.getType() : leaf;
      }
    }
    return path.getLeaf();
  }

  private boolean hasPosition(Tree tree) {
    return tree != null && positions.getStartPosition(unit, tree) >= 0;
  }

  /**
   * Whether a variable's type tree was written by the user, not filled in by javac for {@code
   * var}. JDK 17 gives the filled-in tree no position; newer javac (seen on 25) gives it the
   * position of the {@code var} keyword, so the source text there decides.
   */
  private boolean isWritten(Tree type) {
    if (!hasPosition(type)) {
      return false;
    }
    int start = (int) positions.getStartPosition(unit, type);
    CharSequence text = source();
    if (text == null || start + 3 > text.length()) {
      return true;
    }
    boolean isVar =
        "var".contentEquals(text.subSequence(start, start + 3))
            && (start + 3 == text.length() || !Character.isJavaIdentifierPart(text.charAt(start + 3)));
    return !isVar;
  }

  private CharSequence source() {
    if (source == null) {
      try {
        source = unit.getSourceFile().getCharContent(true);
      } catch (java.io.IOException | RuntimeException unreadable) {
        source = "";
      }
    }
    return source;
  }

  // ---- reporting -----------------------------------------------------------------------------

  /** The code at fault as a message quotes it: its first line, shortened. */
  private static String snippet(Tree tree) {
    return shorten(tree.toString());
  }

  /** Printed code as a message quotes it: its first line, shortened. */
  static String shorten(String code) {
    String text = code.strip();
    int newline = text.indexOf('\n');
    if (newline >= 0) {
      text = text.substring(0, newline).strip() + " ...";
    }
    return text.length() > 60 ? text.substring(0, 57) + "..." : text;
  }

  /** Reports a call-site problem: {@code text} is the message without the rule's tag and page. */
  private void report(Tree at, Rule rule, String text) {
    reportFormatted(at, null, rule, rule.format(text));
  }

  private void reportFormatted(Tree at, Element declaration, Rule rule, String message) {
    Element scope = declaration != null ? declaration : enclosingDeclaration();
    if (scope != null && Suppressions.isSuppressed(scope, rule)) {
      return;
    }
    long key = positions.getStartPosition(unit, at) * 8 + rule.ordinal();
    if (!reported.add(key)) {
      return;
    }
    reportedRules.add(rule);
    trees.printMessage(Diagnostic.Kind.ERROR, message, at, unit);
  }

  private Element enclosingDeclaration() {
    for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof VariableTree
          || leaf instanceof ClassTree
          || leaf instanceof com.sun.source.tree.MethodTree) {
        Element element = trees.getElement(p);
        if (element != null) {
          return element;
        }
      }
    }
    return null;
  }
}
