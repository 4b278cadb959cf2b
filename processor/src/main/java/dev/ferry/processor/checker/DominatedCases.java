package dev.ferry.processor.checker;

import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Whether a switch has a case label that an earlier one dominates, which javac refuses ("this case
 * label is dominated by a preceding case label") while it leaves every type on the trees as
 * written, so {@link UnitErrors} would not see it: {@code case CharSequence c -> ...; case String
 * s -> ...}, {@code case Integer i -> ...; case 1 -> ...}, {@code case R(var y) -> ...; case
 * R(String y) -> ...}.
 *
 * <p>Algorithm (JLS 14.11.1, as javac 21 to 25 applies it): a label is dominated when an earlier
 * case without a guard, or whose guard is the constant {@code true}, has a pattern that dominates
 * it: a type pattern of type {@code T} dominates a pattern or a constant (boxed) whose type's
 * erasure is a subtype of {@code T}'s; a record pattern dominates a record pattern of its record
 * whose every component it dominates; {@code _} dominates every pattern. Only these plain cases
 * are told: one missed leaves Ferry reporting as before, one told wrongly would silence a legal
 * unit.
 *
 * <p>Why reflection: switch patterns' trees ({@code PatternCaseLabelTree}, {@code
 * DeconstructionPatternTree}, {@code CaseTree.getGuard}) are API from JDK 21, and Ferry is built
 * for 17, where they are a preview; on a JDK without them, no switch is told.
 */
final class DominatedCases {
  private static final Accessors ACCESSORS = Accessors.load();

  private final Trees trees;
  private final Types types;

  private DominatedCases(Trees trees, Types types) {
    this.trees = trees;
    this.types = types;
  }

  /** Whether one of {@code cases}, of the switch at {@code path}, is dominated. */
  static boolean in(Trees trees, Types types, TreePath path, List<? extends CaseTree> cases) {
    if (ACCESSORS == null) {
      return false;
    }
    try {
      return new DominatedCases(trees, types).anyDominated(path, cases);
    } catch (ReflectiveOperationException | RuntimeException unexpected) {
      return false; // a tree of a shape this JDK has changed: tell nothing rather than guess
    }
  }

  private boolean anyDominated(TreePath path, List<? extends CaseTree> cases)
      throws ReflectiveOperationException {
    List<Tree> dominating = new ArrayList<>();
    for (CaseTree branch : cases) {
      TreePath branchPath = new TreePath(path, branch);
      List<?> labels = (List<?>) ACCESSORS.labels.invoke(branch);
      for (Object label : labels) {
        Tree tree = (Tree) label;
        for (Tree earlier : dominating) {
          if (dominatesLabel(branchPath, earlier, tree)) {
            return true;
          }
        }
      }
      if (isUnguarded(branchPath, (Tree) ACCESSORS.guard.invoke(branch))) {
        for (Object label : labels) {
          Tree pattern = patternOf((Tree) label);
          if (pattern != null) {
            dominating.add(pattern);
          }
        }
      }
    }
    return false;
  }

  /**
   * Whether a case has no guard, or one javac counts as none: a constant expression of value
   * {@code true} (JLS 14.11.1: {@code case CharSequence c when true} dominates {@code case String
   * s} as an unguarded label would). Only the usual constant forms are read; another is taken as a
   * real guard, which tells nothing rather than guess.
   */
  private boolean isUnguarded(TreePath branch, Tree guard) {
    return guard == null || Boolean.TRUE.equals(constantOf(new TreePath(branch, guard)));
  }

  /**
   * The value of a constant expression of literals, constant variables, {@code !}, {@code &&},
   * {@code ||}, {@code ==} and {@code !=}, or null for any other expression.
   */
  private Object constantOf(TreePath path) {
    Tree tree = path.getLeaf();
    switch (tree.getKind()) {
      case PARENTHESIZED:
        return constantOf(
            new TreePath(path, ((ParenthesizedTree) tree).getExpression()));
      case BOOLEAN_LITERAL:
      case INT_LITERAL:
      case LONG_LITERAL:
      case CHAR_LITERAL:
      case STRING_LITERAL:
        return ((LiteralTree) tree).getValue();
      case IDENTIFIER:
      case MEMBER_SELECT:
        return trees.getElement(path) instanceof VariableElement variable
            ? variable.getConstantValue()
            : null;
      case LOGICAL_COMPLEMENT:
        Object operand = constantOf(new TreePath(path, ((UnaryTree) tree).getExpression()));
        return operand instanceof Boolean value ? !value : null;
      case CONDITIONAL_AND:
      case CONDITIONAL_OR:
      case EQUAL_TO:
      case NOT_EQUAL_TO:
        BinaryTree binary = (BinaryTree) tree;
        return combine(tree.getKind(),
            constantOf(new TreePath(path, binary.getLeftOperand())),
            constantOf(new TreePath(path, binary.getRightOperand())));
      default:
        return null;
    }
  }

  private static Object combine(Tree.Kind kind, Object left, Object right) {
    if (left == null || right == null) {
      return null;
    }
    if (kind == Tree.Kind.EQUAL_TO || kind == Tree.Kind.NOT_EQUAL_TO) {
      // Same-kind constants only: 1 == 1L widens, which this does not model.
      if (left.getClass() != right.getClass()) {
        return null;
      }
      return left.equals(right) == (kind == Tree.Kind.EQUAL_TO);
    }
    if (!(left instanceof Boolean l) || !(right instanceof Boolean r)) {
      return null;
    }
    return kind == Tree.Kind.CONDITIONAL_AND ? l && r : l || r;
  }

  private Tree patternOf(Tree label) throws ReflectiveOperationException {
    return label.getKind().name().equals("PATTERN_CASE_LABEL")
        ? (Tree) ACCESSORS.pattern.invoke(label)
        : null;
  }

  private boolean dominatesLabel(TreePath branch, Tree pattern, Tree label)
      throws ReflectiveOperationException {
    Tree dominated = patternOf(label);
    if (dominated != null) {
      return dominates(branch, pattern, dominated);
    }
    if (!label.getKind().name().equals("CONSTANT_CASE_LABEL")) {
      return false; // default, or `case null, default`
    }
    Tree constant = (Tree) ACCESSORS.constant.invoke(label);
    if (constant.getKind() == Tree.Kind.NULL_LITERAL) {
      return false;
    }
    TypeMirror type = trees.getTypeMirror(new TreePath(branch, constant));
    return isTypePattern(pattern) && isWithin(boxed(type), typeOf(branch, pattern));
  }

  private boolean dominates(TreePath branch, Tree pattern, Tree dominated)
      throws ReflectiveOperationException {
    String kind = pattern.getKind().name();
    if (kind.equals("ANY_PATTERN")) {
      return true;
    }
    if (isTypePattern(pattern)) {
      return isWithin(typeOf(branch, dominated), typeOf(branch, pattern));
    }
    if (!kind.equals("DECONSTRUCTION_PATTERN")
        || !dominated.getKind().name().equals("DECONSTRUCTION_PATTERN")) {
      return false;
    }
    TypeMirror record = typeOf(branch, pattern);
    TypeMirror other = typeOf(branch, dominated);
    if (record == null
        || other == null
        || !types.isSameType(types.erasure(record), types.erasure(other))) {
      return false;
    }
    List<?> components = (List<?>) ACCESSORS.nested.invoke(pattern);
    List<?> others = (List<?>) ACCESSORS.nested.invoke(dominated);
    if (components.size() != others.size()) {
      return false;
    }
    for (int i = 0; i < components.size(); i++) {
      if (!dominates(branch, (Tree) components.get(i), (Tree) others.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isTypePattern(Tree pattern) {
    return pattern.getKind() == Tree.Kind.BINDING_PATTERN;
  }

  /** The type a type pattern tests for, or a record pattern's record; null for others. */
  private TypeMirror typeOf(TreePath branch, Tree pattern) throws ReflectiveOperationException {
    if (isTypePattern(pattern)) {
      VariableTree variable = ((com.sun.source.tree.BindingPatternTree) pattern).getVariable();
      TreePath variablePath = new TreePath(new TreePath(branch, pattern), variable);
      return trees.getElement(variablePath) == null
          ? null
          : trees.getElement(variablePath).asType();
    }
    if (pattern.getKind().name().equals("DECONSTRUCTION_PATTERN")) {
      Tree deconstructor = (Tree) ACCESSORS.deconstructor.invoke(pattern);
      return trees.getTypeMirror(new TreePath(new TreePath(branch, pattern), deconstructor));
    }
    return null;
  }

  private TypeMirror boxed(TypeMirror type) {
    return type != null && type.getKind().isPrimitive()
        ? types.boxedClass(types.getPrimitiveType(type.getKind())).asType()
        : type;
  }

  /** Whether a value of {@code inner} always matches a type pattern of {@code outer}. */
  private boolean isWithin(TypeMirror inner, TypeMirror outer) {
    if (inner == null
        || outer == null
        || inner.getKind() != TypeKind.DECLARED && inner.getKind() != TypeKind.ARRAY
        || outer.getKind() != TypeKind.DECLARED && outer.getKind() != TypeKind.ARRAY) {
      return false; // a primitive pattern (Java 23's preview), an error type: not told
    }
    return types.isSubtype(types.erasure(inner), types.erasure(outer));
  }

  /** The methods of JDK 21's switch pattern trees, or null on a JDK without them. */
  private record Accessors(
      Method labels,
      Method guard,
      Method pattern,
      Method constant,
      Method nested,
      Method deconstructor) {

    static Accessors load() {
      try {
        return new Accessors(
            CaseTree.class.getMethod("getLabels"),
            CaseTree.class.getMethod("getGuard"),
            sourceTree("PatternCaseLabelTree").getMethod("getPattern"),
            sourceTree("ConstantCaseLabelTree").getMethod("getConstantExpression"),
            sourceTree("DeconstructionPatternTree").getMethod("getNestedPatterns"),
            sourceTree("DeconstructionPatternTree").getMethod("getDeconstructor"));
      } catch (ReflectiveOperationException | LinkageError older) {
        return null;
      }
    }

    private static Class<?> sourceTree(String name) throws ClassNotFoundException {
      return Class.forName("com.sun.source.tree." + name, false, CaseTree.class.getClassLoader());
    }
  }
}
