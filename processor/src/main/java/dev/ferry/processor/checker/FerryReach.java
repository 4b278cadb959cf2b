package dev.ferry.processor.checker;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import dev.ferry.processor.validation.FerryAnnotations;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Whether code can reach Ferry at all, answered cheaply so that the full scan runs only where it
 * can find something: most code of most projects never names a marked API or an annotated type.
 *
 * <p>A type is <em>Ferry-aware by its signature</em> when it is {@code @Transferable} or {@code
 * @InheritOnly}, has a {@code @Sent} type parameter or a method with a marked parameter, or its
 * supertypes, fields or method signatures mention such a type; JDK types never are. That is read
 * from elements alone, and cached per type. A type of this compilation is also <em>aware</em> when
 * its compilation unit touches Ferry: a generic helper whose body sends its {@code T}.
 *
 * <p>A compilation unit <em>touches</em> Ferry when it declares a class aware by its signature or
 * calls, references, creates or writes (as a parameterized type) something that can reach Ferry:
 * a member of a type aware by its signature (which covers every marked method, own or inherited),
 * or a generic method or type (or a member of one) of an aware type: only type variables can make
 * a body matter to its callers (see {@link SentVariables}), so a call to a plain method of a
 * plain type of this compilation never makes javac attribute that type's unit early. A unit
 * asked about before javac attributed it is attributed first, through {@code attribute}.
 *
 * <p>Answers are cached per type and per unit. A cycle (a unit that reaches its own generic
 * helper through another unit) is answered "no" while it is being found out, and a "no" that
 * relied on such an answer is not kept, so it is found out again once the cycle is known.
 */
final class FerryReach {
  private final Trees trees;
  private final Predicate<TreePath> attribute;
  private final Map<TypeElement, Answer> signatureAware = new HashMap<>();
  private final Map<CompilationUnitTree, Answer> touches = new HashMap<>();
  /** The unit of each top-level class asked about; null for a class from a jar. */
  private final Map<TypeElement, CompilationUnitTree> units = new HashMap<>();
  /** The units javac has entered since the checker was installed, in javac's order. */
  private final List<CompilationUnitTree> entered = new ArrayList<>();
  /** The unit of each top-level class tree of {@link #entered}, for its first {@code indexed}. */
  private final Map<Tree, CompilationUnitTree> enteredByClass = new HashMap<>();
  private int indexed;
  /** Whether an answer since this was last cleared relied on one still being found out. */
  private boolean provisional;
  /** How deep the current question is: 0 outside any. */
  private int depth;
  /** The "no"s of the current outermost question that relied on answers being found out. */
  private final List<Runnable> provisionalNos = new ArrayList<>();

  /** @param attribute makes javac attribute a top-level class of this compilation, by its path */
  FerryReach(Trees trees, Predicate<TreePath> attribute) {
    this.trees = trees;
    this.attribute = attribute;
  }

  /** Whether anything in {@code unit} can cross to another process or declare a codec. */
  boolean touches(CompilationUnitTree unit) {
    Answer known = touches.get(unit);
    if (known != null) {
      provisional |= known == Answer.FINDING;
      return known == Answer.YES;
    }
    touches.put(unit, Answer.FINDING);
    boolean outer = provisional;
    provisional = false;
    depth++;
    boolean result = false;
    try {
      TreePath root = new TreePath(unit);
      for (Tree declaration : unit.getTypeDecls()) {
        attribute.test(new TreePath(root, declaration));
      }
      result = new Finder(root).found();
    } finally {
      finish(touches, unit, result, outer);
    }
    return result;
  }

  /** Whether {@code type} is Ferry-aware: by its signature, or (from source) by its unit. */
  boolean isAware(TypeElement type) {
    if (isSignatureAware(type)) {
      return true;
    }
    CompilationUnitTree unit = unitOf(type);
    return unit != null && touches(unit);
  }

  /** Whether the generic element (or the type that declares it) is Ferry-aware. */
  boolean isAware(Element generic) {
    TypeElement type = enclosingType(generic);
    return type != null && isAware(type);
  }

  private boolean isSignatureAware(TypeElement type) {
    Answer known = signatureAware.get(type);
    if (known != null) {
      provisional |= known == Answer.FINDING;
      return known == Answer.YES;
    }
    signatureAware.put(type, Answer.FINDING);
    boolean outer = provisional;
    provisional = false;
    depth++;
    boolean result = false;
    try {
      result = !Markers.isJdk(type) && findAware(type);
    } finally {
      finish(signatureAware, type, result, outer);
    }
    return result;
  }

  /** A cached answer; {@code FINDING} (taken as "no") while it is being found out. */
  private enum Answer { YES, NO, FINDING }

  /**
   * Caches {@code result}. A "no" that relied on an answer still being found out holds for the
   * rest of the outermost question (asking again would walk the same cycle again, and again), and
   * after it only if that question's answer is "no" too: a "yes" anywhere makes every question
   * on the way up "yes", so an outermost "no" means every answer it relied on was "no".
   */
  private <K> void finish(Map<K, Answer> cache, K key, boolean result, boolean outer) {
    cache.put(key, result ? Answer.YES : Answer.NO);
    if (!result && provisional) {
      provisionalNos.add(() -> cache.remove(key));
    }
    provisional |= outer;
    if (--depth == 0) {
      if (result) {
        provisionalNos.forEach(Runnable::run);
      }
      provisionalNos.clear();
      provisional = false;
    }
  }

  private static TypeElement enclosingType(Element element) {
    for (Element e = element; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        return type;
      }
    }
    return null;
  }

  /**
   * Whether {@code element} or anything around it declares type variables: a generic method or
   * constructor, a generic type, an inner class of one, a local class in a generic method.
   */
  private static boolean inGenericScope(Element element) {
    for (Element e = element; e != null && !(e instanceof PackageElement); e = e.getEnclosingElement()) {
      // An initializer block declares no type variables, and javac's element for one (the owner
      // of a local class declared in it) has no type: asking it for its type parameters throws.
      boolean initializer =
          e.getKind() == ElementKind.STATIC_INIT || e.getKind() == ElementKind.INSTANCE_INIT;
      if (!initializer && e instanceof Parameterizable generic && !generic.getTypeParameters().isEmpty()) {
        return true;
      }
    }
    return false;
  }

  private boolean findAware(TypeElement type) {
    if (FerryAnnotations.hasCodec(type) || hasSentParameter(type)) {
      return true;
    }
    if (mentionsAware(type.getSuperclass())) {
      return true;
    }
    for (TypeMirror supertype : type.getInterfaces()) {
      if (mentionsAware(supertype)) {
        return true;
      }
    }
    for (Element member : type.getEnclosedElements()) {
      boolean aware =
          switch (member.getKind()) {
            case FIELD, ENUM_CONSTANT -> mentionsAware(member.asType());
            case METHOD, CONSTRUCTOR -> isAwareMethod((ExecutableElement) member);
            default -> false;
          };
      if (aware) {
        return true;
      }
    }
    return false;
  }

  /** Notes the unit of a top-level class, as javac's events tell it. */
  void noteUnit(TypeElement top, CompilationUnitTree unit) {
    units.putIfAbsent(top, unit);
  }

  /**
   * Notes the top-level classes of a unit javac has entered, so that {@link #unitOf} finds a
   * class's unit by its tree: {@link Trees#getPath(Element)} would scan the unit for it and end
   * the scan by throwing an error (javac's {@code TreePath.getPath}), once per class. javac enters
   * every unit again in the last processing round, after the checker is installed.
   */
  void noteEntered(CompilationUnitTree unit) {
    entered.add(unit);
  }

  /**
   * The compilation unit that declares {@code type}, or null for a type from a jar: looked up
   * once per top-level class.
   */
  private CompilationUnitTree unitOf(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement enclosing) {
      top = enclosing;
    }
    CompilationUnitTree unit = units.get(top);
    if (unit == null && !units.containsKey(top)) {
      unit = findUnit(top);
      units.put(top, unit);
    }
    return unit;
  }

  private CompilationUnitTree findUnit(TypeElement top) {
    Tree tree = trees.getTree(top);
    if (tree == null) {
      return null; // from a jar
    }
    for (; indexed < entered.size(); indexed++) {
      CompilationUnitTree unit = entered.get(indexed);
      for (Tree declaration : unit.getTypeDecls()) {
        enteredByClass.put(declaration, unit);
      }
    }
    CompilationUnitTree unit = enteredByClass.get(tree);
    if (unit != null) {
      return unit;
    }
    TreePath path = trees.getPath(top);
    return path == null ? null : path.getCompilationUnit();
  }

  private boolean isAwareMethod(ExecutableElement method) {
    // Own markers only: an inherited one makes a supertype, and so this type, aware already.
    if (Markers.hasOwnMarker(method) || hasSentParameter(method)) {
      return true;
    }
    for (VariableElement parameter : method.getParameters()) {
      // A @SpawnTarget no reference can be (String) is no marker calls are checked by, but is
      // told where it is written: its unit must be scanned.
      if (mentionsAware(parameter.asType()) || Markers.marksTargetItCannotHold(parameter)) {
        return true;
      }
    }
    return mentionsAware(method.getReturnType());
  }

  private static boolean hasSentParameter(Parameterizable generic) {
    for (TypeParameterElement parameter : generic.getTypeParameters()) {
      if (FerryAnnotations.isSent(parameter)) {
        return true;
      }
    }
    return false;
  }

  private boolean mentionsAware(TypeMirror type) {
    switch (type.getKind()) {
      case ARRAY:
        return mentionsAware(((ArrayType) type).getComponentType());
      case WILDCARD:
        WildcardType wildcard = (WildcardType) type;
        return (wildcard.getExtendsBound() != null && mentionsAware(wildcard.getExtendsBound()))
            || (wildcard.getSuperBound() != null && mentionsAware(wildcard.getSuperBound()));
      case DECLARED:
        DeclaredType declared = (DeclaredType) type;
        if (declared.asElement() instanceof TypeElement element && isSignatureAware(element)) {
          return true;
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          if (mentionsAware(argument)) {
            return true;
          }
        }
        return false;
      default:
        return false;
    }
  }

  /**
   * Whether a call, reference or creation of {@code element} (a method, constructor or type)
   * reaches Ferry: a marked method, own or inherited, makes its type aware by its signature.
   */
  private boolean reaches(Element element) {
    if (!(element instanceof ExecutableElement) && !(element instanceof TypeElement)) {
      return false;
    }
    TypeElement type = enclosingType(element);
    if (type == null) {
      return false;
    }
    if (isSignatureAware(type)) {
      return true;
    }
    // Else only a generic element of a type of this compilation can reach Ferry, by its body:
    // the unit is found first, which answers the common case (the JDK's generic API) at once.
    CompilationUnitTree unit = unitOf(type);
    return unit != null && inGenericScope(element) && touches(unit);
  }

  /** Looks for the first tree of a unit that reaches Ferry; stops there. */
  private final class Finder extends TreeScanner<Void, Void> {
    private final TreePath root;
    private boolean found;

    Finder(TreePath root) {
      this.root = root;
    }

    boolean found() {
      scan(root.getLeaf(), null);
      return found;
    }

    @Override
    public Void scan(Tree tree, Void unused) {
      return found ? null : super.scan(tree, unused);
    }

    private void check(Tree tree) {
      if (!found && reaches(trees.getElement(new TreePath(root, tree)))) {
        found = true;
      }
    }

    /** Imports and annotations call nothing and write no parameterized type. */
    @Override
    public Void visitImport(com.sun.source.tree.ImportTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitAnnotation(com.sun.source.tree.AnnotationTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      check(tree);
      if (!found && declaresCodecs(trees.getElement(new TreePath(root, tree)))) {
        found = true; // a local class can carry them too, and must be told that it cannot
      }
      return super.visitClass(tree, unused);
    }

    private boolean declaresCodecs(Element element) {
      return element != null
          && (FerryAnnotations.find(element, FerryAnnotations.TRANSFERABLE_IMPORT).isPresent()
              || FerryAnnotations.find(element, FerryAnnotations.TRANSFERABLE_CODEC).isPresent());
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      check(tree);
      return super.visitMethodInvocation(tree, unused);
    }

    @Override
    public Void visitNewClass(NewClassTree tree, Void unused) {
      check(tree);
      return super.visitNewClass(tree, unused);
    }

    @Override
    public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
      check(tree);
      return super.visitMemberReference(tree, unused);
    }

    @Override
    public Void visitParameterizedType(ParameterizedTypeTree tree, Void unused) {
      check(tree.getType());
      return super.visitParameterizedType(tree, unused);
    }
  }
}
