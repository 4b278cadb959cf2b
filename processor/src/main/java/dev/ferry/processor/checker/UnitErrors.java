package dev.ferry.processor.checker;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Whether javac has reported an error in a compilation unit, as far as its attributed trees show.
 * javac gives no public access to its diagnostics, but each error of attribution leaves an
 * erroneous type on the tree it is about: an unresolved name or method, and also a value of the
 * wrong type ({@code int x = "text"}: javac's {@code Attr.check} types the expression as an error
 * when the check fails). The checker reports nothing in such a unit: mid-edit, its problems may be
 * follow-ons, and javac's error is the one to fix first (no pile-on).
 *
 * <p>A class's declaration errors leave no such type: a method whose return type does not fit the
 * one it overrides ({@code new Ferry.Target0() { public int run() { ... } }}, "cannot implement
 * run() in Target0"), a concrete class that leaves an abstract method unimplemented, or a method
 * marked {@code @Override} that overrides nothing ("method does not override or implement a
 * method from a supertype"). Those are looked for in each class of the unit, as javac checks
 * them, where they are plain to see (a return type that is no subtype of the overridden one's
 * erasure): missing one leaves the checker reporting, as before, never silences a unit without an
 * error. Nor does a name javac resolves to a member it may not use there: an instance method or
 * field of the class around it named in one of the class's static members ("non-static method
 * post(Object) cannot be referenced from a static context"), nor a switch's case label that an
 * earlier one dominates ({@link DominatedCases}).
 *
 * <p>Asked only when there is something to report, so clean code pays nothing. Only what javac has
 * attributed is seen: of a unit with several top-level classes, a class attributed later is not.
 */
final class UnitErrors extends TreePathScanner<Void, Void> {
  private final Trees trees;
  private final Elements elements;
  private final Types types;
  private boolean found;

  private UnitErrors(Trees trees, Elements elements, Types types) {
    this.trees = trees;
    this.elements = elements;
    this.types = types;
  }

  static boolean in(Trees trees, Elements elements, Types types, CompilationUnitTree unit) {
    UnitErrors scanner = new UnitErrors(trees, elements, types);
    scanner.scan(new TreePath(unit), null);
    return scanner.found;
  }

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    if (!found
        && trees.getElement(getCurrentPath()) instanceof TypeElement type
        && (breaksAnOverride(type) || leavesAnAbstractMethod(type) || overridesNothing(type))) {
      found = true;
      return null;
    }
    return super.visitClass(tree, unused);
  }

  /** Whether a method of {@code type} overrides one whose return type its own does not fit. */
  private boolean breaksAnOverride(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (method.getModifiers().contains(Modifier.STATIC)) {
        continue;
      }
      for (ExecutableElement other : inheritedNamed(type, method.getSimpleName().toString())) {
        if (overrides(method, other, type)
            && !fits(method.getReturnType(), returnTypeIn(type, other))) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether a method of {@code type} marked {@code @Override} overrides no method of its
   * supertypes (an interface's include {@code Object}); a record's accessor may be marked too.
   */
  private boolean overridesNothing(TypeElement type) {
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      if (!isMarkedOverride(method) || isAccessor(type, method)) {
        continue;
      }
      boolean overrides = false;
      for (ExecutableElement other : inheritedNamed(type, method.getSimpleName().toString())) {
        overrides |= !method.getModifiers().contains(Modifier.STATIC)
            && overrides(method, other, type);
      }
      if (!overrides) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMarkedOverride(ExecutableElement method) {
    return method.getAnnotationMirrors().stream()
        .anyMatch(a -> a.getAnnotationType().asElement() instanceof TypeElement t
            && t.getQualifiedName().contentEquals("java.lang.Override"));
  }

  /** Whether {@code method} is the accessor of one of a record's components. */
  private static boolean isAccessor(TypeElement type, ExecutableElement method) {
    return type.getKind() == ElementKind.RECORD
        && method.getParameters().isEmpty()
        && type.getRecordComponents().stream()
            .anyMatch(c -> c.getSimpleName().contentEquals(method.getSimpleName()));
  }

  @Override
  public Void visitSwitch(SwitchTree tree, Void unused) {
    if (!found && DominatedCases.in(trees, types, getCurrentPath(), tree.getCases())) {
      found = true;
      return null;
    }
    return super.visitSwitch(tree, unused);
  }

  @Override
  public Void visitSwitchExpression(SwitchExpressionTree tree, Void unused) {
    if (!found && DominatedCases.in(trees, types, getCurrentPath(), tree.getCases())) {
      found = true;
      return null;
    }
    return super.visitSwitchExpression(tree, unused);
  }

  @Override
  public Void visitIdentifier(IdentifierTree tree, Void unused) {
    if (!found && namesInstanceMemberInStaticContext(getCurrentPath())) {
      found = true;
      return null;
    }
    return super.visitIdentifier(tree, unused);
  }

  /**
   * Whether the name at {@code path} is an instance method or field of the innermost class around
   * it (declared there or inherited), named in a static member of that class: javac tells it
   * ("non-static method post(Object) cannot be referenced from a static context") but resolves
   * the name to the member all the same, so no erroneous type shows. A name inside a class nested
   * in the static member (a local or anonymous one) is left alone, as is a member of an enclosing
   * class.
   */
  private boolean namesInstanceMemberInStaticContext(TreePath path) {
    Element element = trees.getElement(path);
    if (element == null
        || (element.getKind() != ElementKind.METHOD && element.getKind() != ElementKind.FIELD)
        || element.getModifiers().contains(Modifier.STATIC)
        || !(element.getEnclosingElement() instanceof TypeElement owner)) {
      return false;
    }
    Tree member = null;
    for (TreePath up = path.getParentPath(); up != null; up = up.getParentPath()) {
      if (up.getLeaf() instanceof ClassTree) {
        return member != null
            && isStatic(member)
            && trees.getElement(up) instanceof TypeElement type
            && types.isSubtype(types.erasure(type.asType()), types.erasure(owner.asType()));
      }
      member = up.getLeaf();
    }
    return false;
  }

  /** Whether a member of a class's body is static: a method, a field or an initializer. */
  private static boolean isStatic(Tree member) {
    if (member instanceof MethodTree method) {
      return method.getModifiers().getFlags().contains(Modifier.STATIC);
    }
    if (member instanceof VariableTree field) {
      return field.getModifiers().getFlags().contains(Modifier.STATIC);
    }
    return member instanceof BlockTree block && block.isStatic();
  }

  /** The methods named {@code name} that {@code type}'s supertypes declare, at any depth. */
  private List<ExecutableElement> inheritedNamed(TypeElement type, String name) {
    List<ExecutableElement> found = new ArrayList<>();
    Set<Element> seen = new HashSet<>();
    Deque<TypeMirror> next = new ArrayDeque<>(types.directSupertypes(type.asType()));
    while (!next.isEmpty()) {
      if (!(next.pop() instanceof DeclaredType supertype)
          || !(supertype.asElement() instanceof TypeElement element)
          || !seen.add(element)) {
        continue;
      }
      for (ExecutableElement method : ElementFilter.methodsIn(element.getEnclosedElements())) {
        if (method.getSimpleName().contentEquals(name)) {
          found.add(method);
        }
      }
      next.addAll(types.directSupertypes(supertype));
    }
    return found;
  }

  /** Whether a concrete class leaves a method it inherits abstract ("is not abstract and ..."). */
  private boolean leavesAnAbstractMethod(TypeElement type) {
    if (type.getKind() != ElementKind.CLASS || type.getModifiers().contains(Modifier.ABSTRACT)) {
      return false;
    }
    List<ExecutableElement> methods = ElementFilter.methodsIn(elements.getAllMembers(type));
    for (ExecutableElement method : methods) {
      if (method.getModifiers().contains(Modifier.ABSTRACT)
          && !implemented(method, methods, type)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a concrete method among {@code type}'s members implements {@code method}: {@code
   * getAllMembers} keeps an interface's method that a superclass implements ({@code List.get} of
   * a class extending {@code AbstractList}), which is no error.
   */
  private boolean implemented(
      ExecutableElement method, List<ExecutableElement> methods, TypeElement type) {
    for (ExecutableElement other : methods) {
      if (!other.getModifiers().contains(Modifier.ABSTRACT)
          && other.getSimpleName().contentEquals(method.getSimpleName())
          && overrides(other, method, type)) {
        return true;
      }
    }
    return false;
  }

  private boolean overrides(ExecutableElement method, ExecutableElement other, TypeElement type) {
    try {
      return elements.overrides(method, other, type);
    } catch (RuntimeException unknown) {
      return false;
    }
  }

  /** The return type of an inherited method as {@code type} sees it (its variables given). */
  private TypeMirror returnTypeIn(TypeElement type, ExecutableElement method) {
    try {
      return ((ExecutableType) types.asMemberOf((DeclaredType) type.asType(), method))
          .getReturnType();
    } catch (RuntimeException notAMember) {
      return method.getReturnType();
    }
  }

  /** Return-type substitutability, leniently: only a plain mismatch counts as an error. */
  private boolean fits(TypeMirror own, TypeMirror overridden) {
    if (own.getKind() == TypeKind.ERROR || overridden.getKind() == TypeKind.ERROR) {
      return true; // an unresolved type is told by javac on the tree already
    }
    if (overridden.getKind() == TypeKind.VOID || overridden.getKind().isPrimitive()) {
      return own.getKind() == overridden.getKind();
    }
    if (own.getKind() == TypeKind.VOID || own.getKind().isPrimitive()) {
      return false;
    }
    return types.isSubtype(types.erasure(own), types.erasure(overridden));
  }

  @Override
  public Void scan(Tree tree, Void unused) {
    if (found || tree == null) {
      return null;
    }
    if (tree.getKind() == Tree.Kind.ERRONEOUS) {
      found = true;
      return null;
    }
    if (tree instanceof ExpressionTree) {
      TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), tree));
      if (type != null && type.getKind() == TypeKind.ERROR) {
        found = true;
        return null;
      }
    }
    return super.scan(tree, unused);
  }
}
