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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;

/**
 * Whether code can reach Ferry at all, answered cheaply so that the full scan runs only where it
 * can find something: most code of most projects never names a marked API or an annotated type.
 *
 * <p>A type is <em>Ferry-aware</em> when it is {@code @Transferable} or {@code @InheritOnly}, has
 * a {@code @Sent} type parameter or a method with a marked parameter, or its supertypes, fields or
 * method signatures mention a Ferry-aware type; a type of this compilation is also aware when its
 * compilation unit touches Ferry (a generic helper whose body sends its {@code T}). JDK types never
 * are. A compilation unit <em>touches</em> Ferry when it declares an annotated class or calls,
 * references, creates or writes (as a parameterized type) something of a Ferry-aware type, or a
 * method with a marked parameter. The answers are cached per type and per unit; a unit asked about
 * before javac attributed it is attributed first, through {@code attribute}.
 */
final class FerryReach {
  private final Trees trees;
  private final Predicate<TreePath> attribute;
  private final Map<TypeElement, Boolean> aware = new HashMap<>();
  private final Map<CompilationUnitTree, Boolean> touches = new HashMap<>();
  /** The unit of each top-level class asked about; null for a class from a jar. */
  private final Map<TypeElement, CompilationUnitTree> units = new HashMap<>();

  /** @param attribute makes javac attribute a top-level class of this compilation, by its path */
  FerryReach(Trees trees, Predicate<TreePath> attribute) {
    this.trees = trees;
    this.attribute = attribute;
  }

  /** Whether anything in {@code unit} can cross to another process or declare a codec. */
  boolean touches(CompilationUnitTree unit) {
    Boolean known = touches.get(unit);
    if (known != null) {
      return known;
    }
    touches.put(unit, false); // while it is being found out: a cycle of units adds nothing
    TreePath root = new TreePath(unit);
    for (Tree declaration : unit.getTypeDecls()) {
      attribute.test(new TreePath(root, declaration));
    }
    boolean result = new Finder(root).found();
    touches.put(unit, result);
    return result;
  }

  /** Whether {@code type} is Ferry-aware. */
  boolean isAware(TypeElement type) {
    Boolean known = aware.get(type);
    if (known != null) {
      return known;
    }
    aware.put(type, false); // a recursive type is aware only through something else
    boolean result = !Markers.isJdk(type) && findAware(type);
    aware.put(type, result);
    return result;
  }

  /** Whether the generic element (or the type that declares it) is Ferry-aware. */
  boolean isAware(Element generic) {
    for (Element e = generic; e != null; e = e.getEnclosingElement()) {
      if (e instanceof TypeElement type) {
        return isAware(type);
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
    for (VariableElement field : ElementFilter.fieldsIn(type.getEnclosedElements())) {
      if (mentionsAware(field.asType())) {
        return true;
      }
    }
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (isAwareMethod(method)) {
        return true;
      }
    }
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (isAwareMethod(constructor)) {
        return true;
      }
    }
    CompilationUnitTree unit = unitOf(type);
    return unit != null && touches(unit);
  }

  /** Notes the unit of a top-level class, as javac's events tell it. */
  void noteUnit(TypeElement top, CompilationUnitTree unit) {
    units.putIfAbsent(top, unit);
  }

  /**
   * The compilation unit that declares {@code type}, or null for a type from a jar: looked up
   * once per top-level class ({@link Trees#getPath(Element)} scans the unit for it).
   */
  private CompilationUnitTree unitOf(TypeElement type) {
    TypeElement top = type;
    while (top.getEnclosingElement() instanceof TypeElement enclosing) {
      top = enclosing;
    }
    if (units.containsKey(top)) {
      return units.get(top);
    }
    TreePath path = trees.getPath(top);
    CompilationUnitTree unit = path == null ? null : path.getCompilationUnit();
    units.put(top, unit);
    return unit;
  }

  private boolean isAwareMethod(ExecutableElement method) {
    // Own markers only: an inherited one makes a supertype, and so this type, aware already.
    if (Markers.hasOwnMarker(method) || hasSentParameter(method)) {
      return true;
    }
    for (VariableElement parameter : method.getParameters()) {
      if (mentionsAware(parameter.asType())) {
        return true;
      }
    }
    return mentionsAware(method.getReturnType());
  }

  private static boolean hasSentParameter(javax.lang.model.element.Parameterizable generic) {
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
        if (declared.asElement() instanceof TypeElement element && isAware(element)) {
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

  /** Whether a call, reference or creation of {@code element} reaches Ferry. */
  private boolean reaches(Element element) {
    if (element instanceof ExecutableElement method) {
      return isAware(method); // a marked method, own or inherited, makes its type aware
    }
    return element instanceof TypeElement type && isAware(type);
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

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      check(tree);
      return super.visitClass(tree, unused);
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
