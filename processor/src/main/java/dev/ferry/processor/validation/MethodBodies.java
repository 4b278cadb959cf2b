package dev.ferry.processor.validation;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.ExecutableElement;

/**
 * {@link BodyFacts} read from javac's trees of a method compiled from source here; none for one
 * from a class file. Syntax only: the bodies are not attributed yet while processors run, and
 * asking javac to attribute them then would do it out of its order. So a name is a field's when no
 * parameter or earlier local of the body has it. Links against javac's tree API ({@link
 * CompiledTypes} catches its absence).
 */
final class MethodBodies {
  private MethodBodies() {}

  /** javac's reading, or null under another compiler. */
  static Function<ExecutableElement, BodyFacts> javac(ProcessingEnvironment env) {
    Trees trees;
    try {
      trees = Trees.instance(env);
    } catch (IllegalArgumentException notJavac) {
      return null;
    }
    return method -> {
      MethodTree tree = trees.getTree(method);
      return tree == null || tree.getBody() == null ? null : factsOf(tree);
    };
  }

  private static BodyFacts factsOf(MethodTree method) {
    List<String> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      parameters.add(parameter.getName().toString());
    }
    Set<String> locals = new HashSet<>(parameters);
    List<BodyFacts.Store> stores = new ArrayList<>();
    List<BodyFacts.Change> changes = new ArrayList<>();
    List<BodyFacts.Call> calls = new ArrayList<>();
    Set<String> assigned = new HashSet<>();
    List<BodyFacts.Store> computed = new ArrayList<>();
    Set<String> constants = new HashSet<>();
    List<BodyFacts.Change> selfChanges = new ArrayList<>();
    Map<String, BodyFacts.Held> held = BodyFacts.Held.atStart(parameters);
    List<? extends StatementTree> statements = method.getBody().getStatements();
    for (StatementTree statement : statements) {
      if (statement instanceof VariableTree local) {
        locals.add(local.getName().toString());
        BodyFacts.Held.declare(
            held,
            local.getName().toString(),
            local.getInitializer() == null ? null : nameOf(local.getInitializer()));
      } else if (statement instanceof ExpressionStatementTree expression) {
        ExpressionTree e = expression.getExpression();
        String changedItself = changedItself(e, locals, parameters);
        if (changedItself != null) {
          selfChanges.add(
              new BodyFacts.Change(changedItself, parameters.indexOf(changedItself), e.toString()));
        }
        hold(held, e, changedItself, locals, parameters);
        String changedField = changedField(e, locals, parameters);
        if (changedField != null) {
          BodyFacts.changedAfterStore(changedField, e.toString(), stores, computed, changes);
        }
        if (e instanceof AssignmentTree assignment) {
          String field = fieldAssigned(assignment.getVariable(), locals);
          BodyFacts.Held value = held.get(nameOf(withoutIdentity(assignment.getExpression())));
          int parameter = value != null && value.change() == null ? value.parameter() : -1;
          boolean literal = unparenthesized(assignment.getExpression()) instanceof LiteralTree;
          if (field != null) {
            (literal ? constants : assigned).add(field);
          }
          if (field != null && value != null && value.change() != null) {
            // A parameter changed by a statement of its own, then stored: `x = x + 1; this.x = x;`
            computed.add(new BodyFacts.Store(field, value.parameter()));
            changes.add(new BodyFacts.Change(field, value.parameter(), value.change()));
          } else if (field != null && parameter >= 0) {
            stores.add(new BodyFacts.Store(field, parameter));
          } else if (field != null) {
            for (int mentioned : mentioned(assignment.getExpression(), parameters)) {
              computed.add(new BodyFacts.Store(field, mentioned));
            }
          }
          List<String> changedNames =
              field == null ? List.of() : plainChange(assignment.getExpression(), locals, parameters, null);
          for (String changed : changedNames) {
            if (parameters.contains(changed)) {
              changes.add(
                  new BodyFacts.Change(
                      field, parameters.indexOf(changed), assignment.getExpression().toString()));
            }
          }
        } else if (e instanceof MethodInvocationTree call && calledName(call) != null) {
          List<Integer> arguments = new ArrayList<>();
          for (ExpressionTree argument : call.getArguments()) {
            BodyFacts.Held value = held.get(nameOf(argument));
            arguments.add(value != null && value.change() == null ? value.parameter() : -1);
          }
          calls.add(new BodyFacts.Call(calledName(call), arguments));
        }
      }
    }
    return new BodyFacts(
        stores,
        usedParameters(method, parameters),
        calls,
        returnedField(statements, parameters),
        changes,
        returnedChanges(statements, locals, method.getName().toString()),
        assigned,
        computed,
        constants,
        selfChanges);
  }

  /**
   * Notes what statement {@code e} leaves a parameter or local holding ({@link BodyFacts.Held}):
   * a value changed by itself ({@code changedItself}: {@code count = count + 1} holds {@code count
   * + 1}), another's value ({@code x = y}), or what {@link BodyFacts.Held#assign} says of any
   * other assignment.
   */
  private static void hold(
      Map<String, BodyFacts.Held> held,
      ExpressionTree e,
      String changedItself,
      Set<String> locals,
      List<String> parameters) {
    if (changedItself != null) {
      BodyFacts.Held.change(
          held,
          changedItself,
          e instanceof AssignmentTree assignment
              ? assignment.getExpression().toString()
              : e.toString());
    } else if (e instanceof AssignmentTree assignment) {
      BodyFacts.Held.assign(
          held,
          nameOf(assignment.getVariable()),
          nameOf(assignment.getExpression()),
          locals,
          parameters);
    }
  }

  /**
   * The name a statement changes by arithmetic, negation or concatenation of itself: {@code x} for
   * {@code x = x + 1}, {@code x = -x}, {@code x += 2}, {@code x++}; else null, also where the
   * change is by a call or a local of the body ({@code x = x / gcd}), which may normalize, or by
   * the operator's identity ({@code x += 0}).
   */
  private static String changedItself(
      ExpressionTree statement, Set<String> locals, List<String> parameters) {
    return changedBy(statement, locals, parameters, MethodBodies::nameOf);
  }

  /**
   * The field a statement changes by arithmetic, negation or concatenation of itself: {@code count}
   * for {@code this.count++}, {@code this.name += "!"}, {@code this.total = this.total * 2} or
   * {@code total *= 2} where {@code total} is no parameter or local; else null, also where the
   * change is by a call or a local of the body, or by the operator's identity.
   */
  private static String changedField(
      ExpressionTree statement, Set<String> locals, List<String> parameters) {
    String field =
        changedBy(statement, locals, parameters, target -> fieldAssigned(target, locals));
    return statement instanceof AssignmentTree && parameters.contains(field) ? null : field;
  }

  /** The name {@code target} gives the left side a statement changes by itself, else null. */
  private static String changedBy(
      ExpressionTree statement,
      Set<String> locals,
      List<String> parameters,
      Function<ExpressionTree, String> target) {
    if (statement instanceof AssignmentTree assignment) {
      String name = target.apply(assignment.getVariable());
      return name != null
              && plainChange(assignment.getExpression(), locals, parameters, null).contains(name)
          ? name
          : null;
    }
    if (statement instanceof UnaryTree unary && FieldWrites.INCREMENTS.contains(unary.getKind())) {
      String name = target.apply(unary.getExpression());
      return name != null && !BodyFacts.plain(List.of(name), locals, parameters).isEmpty()
          ? name
          : null;
    }
    if (statement instanceof CompoundAssignmentTree compound
        && COMPOUND_CHANGES.containsKey(compound.getKind())) {
      String name = target.apply(compound.getVariable());
      ExpressionTree operand = unparenthesized(compound.getExpression());
      if (name == null
          || operand instanceof LiteralTree literal
              && BodyFacts.isIdentity(
                  COMPOUND_CHANGES.get(compound.getKind()), literal.getValue(), true)) {
        return null;
      }
      List<String> names = new ArrayList<>(List.of(name));
      addOperand(operand, names, null);
      return BodyFacts.plain(names, locals, parameters).isEmpty() ? null : name;
    }
    return null;
  }

  /** The compound assignments that change by arithmetic or joining, by the operator they apply. */
  private static final Map<Tree.Kind, String> COMPOUND_CHANGES =
      Map.of(
          Tree.Kind.PLUS_ASSIGNMENT, "PLUS",
          Tree.Kind.MINUS_ASSIGNMENT, "MINUS",
          Tree.Kind.MULTIPLY_ASSIGNMENT, "MULTIPLY",
          Tree.Kind.DIVIDE_ASSIGNMENT, "DIVIDE",
          Tree.Kind.LEFT_SHIFT_ASSIGNMENT, "LEFT_SHIFT",
          Tree.Kind.RIGHT_SHIFT_ASSIGNMENT, "RIGHT_SHIFT",
          Tree.Kind.UNSIGNED_RIGHT_SHIFT_ASSIGNMENT, "UNSIGNED_RIGHT_SHIFT");

  /**
   * {@link #changedNames}, or none when an operand is computed: a call ({@code numerator /
   * gcd(n, d)}) or a local of the body ({@code numerator / g}) may normalize the value (reducing a
   * fraction), which a second crossing leaves as it is; only a change by constants, parameters
   * and fields ({@code count + 1}) is plain. Nor is one by the operator's identity ({@code "" +
   * id}, {@code n + 0}, {@code x * 1}), which leaves the value as it is.
   */
  private static List<String> plainChange(
      ExpressionTree expression, Set<String> locals, List<String> parameters, String self) {
    return withoutIdentity(expression) != expression
        ? List.of()
        : BodyFacts.plain(changedNames(expression, self), locals, parameters);
  }

  /**
   * The names an expression changes by arithmetic, negation or concatenation, each an operand of
   * its own ({@code count + 1}, {@code 2 * x}, {@code first + " " + last}'s two, {@code -x}, {@code
   * !on}, {@code this.x * 10}); none for any other expression. Bitwise and remainder operators are
   * left out: a mask ({@code flags & 0xFF}) or a modulus leaves the value it made as it is.
   */
  private static List<String> changedNames(ExpressionTree expression, String self) {
    ExpressionTree e = unparenthesized(expression);
    List<String> names = new ArrayList<>();
    if (e instanceof UnaryTree unary && isChange(e)) {
      addOperand(unary.getExpression(), names, self);
    } else if (e instanceof BinaryTree binary && isChange(e)) {
      addOperand(binary.getLeftOperand(), names, self);
      addOperand(binary.getRightOperand(), names, self);
    }
    return names;
  }

  /**
   * The operand an expression that applies its operator's identity to it is ({@code id} for
   * {@code "" + id} or {@code id + 0}), which it leaves as it is; else the expression itself.
   */
  private static ExpressionTree withoutIdentity(ExpressionTree expression) {
    if (unparenthesized(expression) instanceof BinaryTree binary) {
      if (identity(binary.getKind(), binary.getRightOperand(), true)) {
        return binary.getLeftOperand();
      }
      if (identity(binary.getKind(), binary.getLeftOperand(), false)) {
        return binary.getRightOperand();
      }
    }
    return expression;
  }

  /**
   * Whether {@code operand}, on the right of {@code operator} or (not {@code right}) on its left,
   * is the operator's identity: 0 added, subtracted or shifted by, 1 multiplied or divided by, ""
   * joined to.
   */
  private static boolean identity(Tree.Kind operator, ExpressionTree operand, boolean right) {
    Object value =
        unparenthesized(operand) instanceof LiteralTree literal ? literal.getValue() : null;
    return BodyFacts.isIdentity(operator.name(), value, right);
  }

  /** Whether an (unparenthesized) expression is arithmetic, negation or concatenation. */
  private static boolean isChange(ExpressionTree e) {
    return e.getKind() == Tree.Kind.UNARY_MINUS
        || e.getKind() == Tree.Kind.BITWISE_COMPLEMENT
        || e.getKind() == Tree.Kind.LOGICAL_COMPLEMENT
        || CHANGING.contains(e.getKind());
  }

  /**
   * An operand's name, or those a chain of changes ({@code a + " " + b}) it is has; nothing for a
   * literal, and null for an operand computed otherwise (a call, a cast), which {@link
   * #plainChange} does not take as plain.
   */
  private static void addOperand(ExpressionTree operand, List<String> names, String self) {
    String name = operandName(operand);
    ExpressionTree e = unparenthesized(operand);
    if (name != null) {
      names.add(name);
    } else if (isChange(e)) {
      names.addAll(changedNames(e, self));
    } else if (callsOverridden(e, self)) {
      names.add(BodyFacts.SUPER);
    } else if (!(e instanceof LiteralTree)) {
      names.add(null);
    }
  }

  /**
   * Whether {@code e} is {@code super.self()}, the method {@code self} overrides called with no
   * arguments ({@code return super.getId() + 1000;} in {@code getId()}): noted as {@link
   * BodyFacts#SUPER}, which {@link FieldRoutes} reads as the field the overridden getter returns.
   */
  private static boolean callsOverridden(ExpressionTree e, String self) {
    return self != null
        && e instanceof MethodInvocationTree call
        && call.getArguments().isEmpty()
        && call.getMethodSelect() instanceof MemberSelectTree select
        && select.getIdentifier().contentEquals(self)
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("super");
  }

  private static final Set<Tree.Kind> CHANGING =
      Set.of(
          Tree.Kind.PLUS,
          Tree.Kind.MINUS,
          Tree.Kind.MULTIPLY,
          Tree.Kind.DIVIDE,
          Tree.Kind.LEFT_SHIFT,
          Tree.Kind.RIGHT_SHIFT,
          Tree.Kind.UNSIGNED_RIGHT_SHIFT);

  /** {@code x}, {@code this.x} or either in parentheses: the name; else null. */
  private static String operandName(ExpressionTree operand) {
    ExpressionTree e = unparenthesized(operand);
    if (e instanceof IdentifierTree identifier) {
      return identifier.getName().toString();
    }
    if (e instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("this")) {
      return select.getIdentifier().toString();
    }
    return null;
  }

  private static ExpressionTree unparenthesized(ExpressionTree expression) {
    ExpressionTree e = expression;
    while (e instanceof ParenthesizedTree parenthesized) {
      e = parenthesized.getExpression();
    }
    return e;
  }

  /** A body of one {@code return f + 1;}: each field it changes, with what it returns. */
  private static List<BodyFacts.Change> returnedChanges(
      List<? extends StatementTree> statements, Set<String> locals, String self) {
    List<BodyFacts.Change> changes = new ArrayList<>();
    if (statements.size() == 1
        && statements.get(0) instanceof ReturnTree ret
        && ret.getExpression() != null) {
      for (String changed : plainChange(ret.getExpression(), locals, List.of(), self)) {
        if (!locals.contains(changed)) {
          changes.add(new BodyFacts.Change(changed, -1, ret.getExpression().toString()));
        }
      }
    }
    return changes;
  }

  /** The field {@code this.f} or {@code f} (not a parameter's or local's name), else null. */
  private static String fieldAssigned(ExpressionTree target, Set<String> locals) {
    String name = operandName(target);
    boolean local = unparenthesized(target) instanceof IdentifierTree && locals.contains(name);
    return local ? null : name;
  }

  /** The plain name an expression is ({@code x}, {@code (x)}), else null. */
  private static String nameOf(ExpressionTree expression) {
    return unparenthesized(expression) instanceof IdentifierTree identifier
        ? identifier.getName().toString()
        : null;
  }

  /**
   * The name of the class's own constructor or method a call names: {@code <init>} for {@code
   * this(...)}, {@code init} for {@code init(...)} or {@code this.init(...)}, {@code <super>} for
   * {@code super(...)} or {@code super.setName(...)}, whose bodies are not followed; else null.
   */
  private static String calledName(MethodInvocationTree call) {
    if (call.getMethodSelect() instanceof MemberSelectTree select
        && select.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("super")) {
      return BodyFacts.SUPER;
    }
    String name = operandName(call.getMethodSelect());
    if (name == null) {
      return null;
    }
    return name.equals("this") ? "<init>" : name.equals("super") ? BodyFacts.SUPER : name;
  }

  /**
   * The field a body of {@code return f;} (or {@code return this.f;}) returns, also through a
   * local that a declaration before it holds the field in ({@code int r = x; return r;}) when the
   * body declares locals only before its {@code return}; else null.
   */
  private static String returnedField(
      List<? extends StatementTree> statements, List<String> parameters) {
    if (statements.isEmpty()
        || !(statements.get(statements.size() - 1) instanceof ReturnTree ret)
        || ret.getExpression() == null) {
      return null;
    }
    Set<String> locals = new HashSet<>(parameters);
    Map<String, String> held = new HashMap<>();
    for (StatementTree statement : statements.subList(0, statements.size() - 1)) {
      if (!(statement instanceof VariableTree local)) {
        return null;
      }
      String field =
          local.getInitializer() == null ? null : fieldAssigned(local.getInitializer(), locals);
      String name = local.getName().toString();
      locals.add(name);
      held.put(name, field);
    }
    ExpressionTree returned = unparenthesized(ret.getExpression());
    if (returned instanceof IdentifierTree identifier
        && held.containsKey(identifier.getName().toString())) {
      return held.get(identifier.getName().toString());
    }
    return fieldAssigned(returned, locals);
  }

  /** The indexes of the parameters whose names the body mentions anywhere. */
  private static Set<Integer> usedParameters(MethodTree method, List<String> parameters) {
    return mentioned(method.getBody(), parameters);
  }

  /** The indexes of the parameters whose names {@code tree} mentions anywhere. */
  private static Set<Integer> mentioned(Tree tree, List<String> parameters) {
    Set<Integer> used = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        int index = parameters.indexOf(identifier.getName().toString());
        if (index >= 0) {
          used.add(index);
        }
        return null;
      }
    }.scan(tree, null);
    return used;
  }
}
