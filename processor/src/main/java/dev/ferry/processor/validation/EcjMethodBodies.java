package dev.ferry.processor.validation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.eclipse.jdt.core.compiler.CharOperation;
import org.eclipse.jdt.internal.compiler.ASTVisitor;
import org.eclipse.jdt.internal.compiler.CompilationResult;
import org.eclipse.jdt.internal.compiler.DefaultErrorHandlingPolicies;
import org.eclipse.jdt.internal.compiler.apt.model.ElementImpl;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.AbstractMethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.BinaryExpression;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.CompoundAssignment;
import org.eclipse.jdt.internal.compiler.ast.ConstructorDeclaration;
import org.eclipse.jdt.internal.compiler.ast.ExplicitConstructorCall;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.FieldReference;
import org.eclipse.jdt.internal.compiler.ast.Literal;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.PostfixExpression;
import org.eclipse.jdt.internal.compiler.ast.PrefixExpression;
import org.eclipse.jdt.internal.compiler.ast.QualifiedNameReference;
import org.eclipse.jdt.internal.compiler.lookup.ClassScope;
import org.eclipse.jdt.internal.compiler.lookup.CompilationUnitScope;
import org.eclipse.jdt.internal.compiler.lookup.FieldBinding;
import org.eclipse.jdt.internal.compiler.ast.LocalDeclaration;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.NumberLiteral;
import org.eclipse.jdt.internal.compiler.ast.OperatorIds;
import org.eclipse.jdt.internal.compiler.ast.ReturnStatement;
import org.eclipse.jdt.internal.compiler.ast.SingleNameReference;
import org.eclipse.jdt.internal.compiler.ast.Statement;
import org.eclipse.jdt.internal.compiler.ast.StringLiteral;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.ast.UnaryExpression;
import org.eclipse.jdt.internal.compiler.env.ICompilationUnit;
import org.eclipse.jdt.internal.compiler.impl.CompilerOptions;
import org.eclipse.jdt.internal.compiler.lookup.BlockScope;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;
import org.eclipse.jdt.internal.compiler.parser.Parser;
import org.eclipse.jdt.internal.compiler.problem.DefaultProblemFactory;
import org.eclipse.jdt.internal.compiler.problem.ProblemReporter;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.VariableElement;

/**
 * {@link BodyFacts} read from the Eclipse compiler's AST, as {@link MethodBodies} reads javac's.
 * ECJ runs processors on a "diet" parse, which leaves every method body out, and parses the bodies
 * only afterwards; so the file is parsed again here, whole, by a parser of its own, and ECJ's own
 * AST is left as it is. Syntax only, as under javac. Links against ECJ: load it only when the
 * processing environment is ECJ's ({@link CompiledTypes}).
 */
final class EcjMethodBodies {
  private EcjMethodBodies() {}

  /**
   * Each file's full parse, by ECJ's (diet) unit, for the compilation's life; empty for a file
   * whose bodies do not parse (mid-edit), whose recovered statements would say what the code does
   * not. Shared by every ECJ compilation of this class loader (an IDE or a build daemon may run
   * several at once), so synchronized: a WeakHashMap written by two threads can lose entries or
   * loop.
   */
  private static final Map<CompilationUnitDeclaration, Optional<CompilationUnitDeclaration>>
      PARSED = Collections.synchronizedMap(new WeakHashMap<>());

  static BodyFacts facts(ExecutableElement method) {
    if (!(method instanceof ElementImpl element)
        || !(element._binding instanceof MethodBinding binding)
        || !(binding.declaringClass instanceof SourceTypeBinding type)
        || type.scope == null
        || binding.sourceMethod() == null) {
      return null;
    }
    CompilationUnitDeclaration unit = type.scope.referenceCompilationUnit();
    Optional<CompilationUnitDeclaration> full;
    synchronized (PARSED) {
      full = PARSED.computeIfAbsent(unit, u -> parse(u, type.scope.compilerOptions()));
    }
    AbstractMethodDeclaration parsed =
        full.map(f -> find(f.types, binding.sourceMethod().declarationSourceStart)).orElse(null);
    if (parsed == null || parsed.isAbstract() || parsed.isNative()) {
      return null;
    }
    char[] contents = unit.compilationResult.compilationUnit.getContents();
    return factsOf(parsed, contents);
  }

  /**
   * As {@link FieldWrites}: whether anything but the constructors of {@code field}'s class, outside
   * a lambda or class declared in them, assigns a field of its name anywhere in its file; true
   * where the file's full parse or the class is not found.
   */
  static boolean writtenOutsideConstructors(VariableElement field) {
    if (!(field instanceof ElementImpl element)
        || !(element._binding instanceof FieldBinding binding)
        || !(binding.declaringClass instanceof SourceTypeBinding type)
        || type.scope == null
        || type.scope.referenceContext == null) {
      return true;
    }
    CompilationUnitDeclaration unit = type.scope.referenceCompilationUnit();
    Optional<CompilationUnitDeclaration> full;
    synchronized (PARSED) {
      full = PARSED.computeIfAbsent(unit, u -> parse(u, type.scope.compilerOptions()));
    }
    if (full.isEmpty()) {
      return true;
    }
    TypeDeclaration owner =
        findType(full.get().types, type.scope.referenceContext.declarationSourceStart);
    if (owner == null) {
      return true;
    }
    String name = new String(binding.name);
    boolean[] written = {false};
    Deque<Boolean> inConstructor = new ArrayDeque<>(List.of(false));
    Deque<TypeDeclaration> types = new ArrayDeque<>();
    full.get()
        .traverse(
            new ASTVisitor() {
              @Override
              public boolean visit(TypeDeclaration declaration, CompilationUnitScope scope) {
                return enter(declaration);
              }

              @Override
              public void endVisit(TypeDeclaration declaration, CompilationUnitScope scope) {
                leave();
              }

              @Override
              public boolean visit(TypeDeclaration declaration, ClassScope scope) {
                return enter(declaration);
              }

              @Override
              public void endVisit(TypeDeclaration declaration, ClassScope scope) {
                leave();
              }

              @Override
              public boolean visit(TypeDeclaration declaration, BlockScope scope) {
                return enter(declaration);
              }

              @Override
              public void endVisit(TypeDeclaration declaration, BlockScope scope) {
                leave();
              }

              private boolean enter(TypeDeclaration declaration) {
                types.push(declaration);
                inConstructor.push(false);
                return true;
              }

              private void leave() {
                types.pop();
                inConstructor.pop();
              }

              @Override
              public boolean visit(ConstructorDeclaration constructor, ClassScope scope) {
                inConstructor.push(types.peek() == owner);
                return true;
              }

              @Override
              public void endVisit(ConstructorDeclaration constructor, ClassScope scope) {
                inConstructor.pop();
              }

              @Override
              public boolean visit(LambdaExpression lambda, BlockScope scope) {
                inConstructor.push(false);
                return true;
              }

              @Override
              public void endVisit(LambdaExpression lambda, BlockScope scope) {
                inConstructor.pop();
              }

              @Override
              public boolean visit(Assignment assignment, BlockScope scope) {
                return note(assignment.lhs);
              }

              @Override
              public boolean visit(CompoundAssignment assignment, BlockScope scope) {
                return note(assignment.lhs);
              }

              @Override
              public boolean visit(PostfixExpression increment, BlockScope scope) {
                return note(increment.lhs);
              }

              @Override
              public boolean visit(PrefixExpression increment, BlockScope scope) {
                return note(increment.lhs);
              }

              private boolean note(Expression target) {
                if (!inConstructor.peek() && name.equals(lastName(target))) {
                  written[0] = true;
                }
                return true;
              }
            },
            (CompilationUnitScope) null);
    return written[0];
  }

  /** The name an assignment's target ends in ({@code x}, {@code this.x}, {@code a.b.x}). */
  private static String lastName(Expression target) {
    if (target instanceof SingleNameReference single) {
      return new String(single.token);
    }
    if (target instanceof FieldReference field) {
      return new String(field.token);
    }
    if (target instanceof QualifiedNameReference qualified) {
      return new String(qualified.tokens[qualified.tokens.length - 1]);
    }
    return null;
  }

  private static TypeDeclaration findType(TypeDeclaration[] types, int start) {
    if (types == null) {
      return null;
    }
    for (TypeDeclaration type : types) {
      if (type.declarationSourceStart == start) {
        return type;
      }
      TypeDeclaration nested = findType(type.memberTypes, start);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  /** A parse of {@code unit}'s file with its bodies, into a result of its own (not ECJ's). */
  private static Optional<CompilationUnitDeclaration> parse(
      CompilationUnitDeclaration unit, CompilerOptions options) {
    ICompilationUnit source = unit.compilationResult.compilationUnit;
    if (source == null) {
      return Optional.empty();
    }
    ProblemReporter quiet =
        new ProblemReporter(
            DefaultErrorHandlingPolicies.proceedWithAllProblems(),
            options,
            new DefaultProblemFactory());
    CompilationResult result = new CompilationResult(source, 0, 1, options.maxProblemsPerUnit);
    CompilationUnitDeclaration parsed = new Parser(quiet, false).parse(source, result);
    return result.hasSyntaxError ? Optional.empty() : Optional.ofNullable(parsed);
  }

  private static AbstractMethodDeclaration find(TypeDeclaration[] types, int start) {
    if (types == null) {
      return null;
    }
    for (TypeDeclaration type : types) {
      if (type.methods != null) {
        for (AbstractMethodDeclaration method : type.methods) {
          if (method.declarationSourceStart == start) {
            return method;
          }
        }
      }
      AbstractMethodDeclaration nested = find(type.memberTypes, start);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  private static BodyFacts factsOf(AbstractMethodDeclaration method, char[] contents) {
    List<String> parameters = new ArrayList<>();
    if (method.arguments != null) {
      for (var argument : method.arguments) {
        parameters.add(new String(argument.name));
      }
    }
    Set<String> locals = new HashSet<>(parameters);
    List<BodyFacts.Store> stores = new ArrayList<>();
    List<BodyFacts.Change> changes = new ArrayList<>();
    Set<String> assigned = new HashSet<>();
    List<BodyFacts.Store> computed = new ArrayList<>();
    Set<String> constants = new HashSet<>();
    List<BodyFacts.Change> selfChanges = new ArrayList<>();
    Statement[] statements = method.statements == null ? new Statement[0] : method.statements;
    Map<String, BodyFacts.Held> held = BodyFacts.Held.atStart(parameters);
    List<BodyFacts.Call> sent = new ArrayList<>();
    for (Statement statement : statements) {
      String changedItself = changedItself(statement, locals, parameters);
      if (changedItself != null) {
        selfChanges.add(
            new BodyFacts.Change(
                changedItself,
                parameters.indexOf(changedItself),
                text((Expression) statement, contents)));
      }
      hold(held, statement, changedItself, locals, parameters, contents);
      String changedField = changedField(statement, locals, parameters);
      if (changedField != null) {
        BodyFacts.changedAfterStore(
            changedField, text((Expression) statement, contents), stores, computed, changes);
      }
      if (statement instanceof ExplicitConstructorCall late) {
        // After statements of a flexible constructor body's prologue (Java 25): the arguments
        // are what those statements left in the names passed
        BodyFacts.Call call = constructorCall(late, held);
        if (call != null) {
          sent.add(call);
        }
      }
      if (statement instanceof MessageSend send && send.receiver.isSuper()) {
        sent.add(call(BodyFacts.SUPER, send.arguments, held));
      } else if (statement instanceof MessageSend send && send.receiver.isThis()) {
        sent.add(call(new String(send.selector), send.arguments, held));
      }
      if (statement instanceof LocalDeclaration local) {
        locals.add(new String(local.name));
      } else if (statement instanceof Assignment assignment
          && !(statement instanceof CompoundAssignment)) {
        String field = fieldAssigned(assignment.lhs, locals);
        BodyFacts.Held value = held.get(nameOf(withoutIdentity(assignment.expression)));
        int parameter = value != null && value.change() == null ? value.parameter() : -1;
        if (field != null) {
          (assignment.expression instanceof Literal ? constants : assigned).add(field);
        }
        if (field != null && value != null && value.change() != null) {
          // A parameter changed by a statement of its own, then stored: `x = x + 1; this.x = x;`
          computed.add(new BodyFacts.Store(field, value.parameter()));
          changes.add(new BodyFacts.Change(field, value.parameter(), value.change()));
        } else if (field != null && parameter >= 0) {
          stores.add(new BodyFacts.Store(field, parameter));
        } else if (field != null) {
          for (int mentioned : mentioned(assignment.expression, parameters)) {
            computed.add(new BodyFacts.Store(field, mentioned));
          }
        }
        List<String> changed =
            field == null ? List.of() : plainChange(assignment.expression, locals, parameters, null);
        for (String name : changed) {
          if (parameters.contains(name)) {
            changes.add(
                new BodyFacts.Change(
                    field, parameters.indexOf(name), text(assignment.expression, contents)));
          }
        }
      }
    }
    List<BodyFacts.Call> calls = new ArrayList<>();
    if (method instanceof ConstructorDeclaration constructor
        && constructor.constructorCall != null
        && !List.of(statements).contains(constructor.constructorCall)) {
      BodyFacts.Call first =
          constructorCall(constructor.constructorCall, BodyFacts.Held.atStart(parameters));
      if (first != null) {
        calls.add(first);
      }
    }
    calls.addAll(sent);
    String returnedField = returnedField(statements, parameters);
    List<BodyFacts.Change> returnedChanges = new ArrayList<>();
    if (statements.length == 1
        && statements[0] instanceof ReturnStatement ret
        && ret.expression != null) {
      for (String name : plainChange(ret.expression, locals, List.of(), new String(method.selector))) {
        if (!locals.contains(name)) {
          returnedChanges.add(new BodyFacts.Change(name, -1, text(ret.expression, contents)));
        }
      }
    }
    return new BodyFacts(
        stores,
        usedParameters(method, parameters),
        calls,
        returnedField,
        changes,
        returnedChanges,
        assigned,
        computed,
        constants,
        selfChanges);
  }

  /**
   * As {@code MethodBodies.changedItself}: {@code x} for {@code x = x + 1}, {@code x += 2}, {@code
   * x++}; else null. ECJ's {@code x++} is a compound assignment of its own kind.
   */
  private static String changedItself(
      Statement statement, Set<String> locals, List<String> parameters) {
    return changedBy(statement, locals, parameters, EcjMethodBodies::nameOf);
  }

  /**
   * As {@code MethodBodies.changedField}: {@code count} for {@code this.count++}, {@code
   * this.name += "!"} or {@code this.total = this.total * 2}, a field that is no parameter's or
   * local's name; else null.
   */
  private static String changedField(
      Statement statement, Set<String> locals, List<String> parameters) {
    String field =
        changedBy(statement, locals, parameters, target -> fieldAssigned(target, locals));
    boolean plainAssignment =
        statement instanceof Assignment && !(statement instanceof CompoundAssignment);
    return plainAssignment && parameters.contains(field) ? null : field;
  }

  /** The name {@code target} gives the left side a statement changes by itself, else null. */
  private static String changedBy(
      Statement statement,
      Set<String> locals,
      List<String> parameters,
      Function<Expression, String> target) {
    if (statement instanceof CompoundAssignment compound) {
      String name = target.apply(compound.lhs);
      if (name == null) {
        return null;
      }
      if (compound instanceof PostfixExpression || compound instanceof PrefixExpression) {
        return BodyFacts.plain(List.of(name), locals, parameters).isEmpty()
            ? null
            : name;
      }
      String operator = OPERATOR_NAMES.get(compound.operator);
      if (operator == null
          || BodyFacts.isIdentity(operator, literalValue(compound.expression), true)) {
        return null;
      }
      List<String> names = new ArrayList<>(List.of(name));
      addOperand(compound.expression, names, null);
      return BodyFacts.plain(names, locals, parameters).isEmpty() ? null : name;
    }
    if (statement instanceof Assignment assignment) {
      String name = target.apply(assignment.lhs);
      return name != null
              && plainChange(assignment.expression, locals, parameters, null).contains(name)
          ? name
          : null;
    }
    return null;
  }

  /**
   * As {@code MethodBodies.returnedField}: the field {@code return f;} returns, also through a
   * local declared before it holding the field ({@code int r = x; return r;}); else null.
   */
  private static String returnedField(Statement[] statements, List<String> parameters) {
    if (statements.length == 0
        || !(statements[statements.length - 1] instanceof ReturnStatement ret)
        || ret.expression == null) {
      return null;
    }
    Set<String> locals = new HashSet<>(parameters);
    Map<String, String> held = new HashMap<>();
    for (int i = 0; i < statements.length - 1; i++) {
      if (!(statements[i] instanceof LocalDeclaration local)) {
        return null;
      }
      String field =
          local.initialization == null ? null : fieldAssigned(local.initialization, locals);
      String name = new String(local.name);
      locals.add(name);
      held.put(name, field);
    }
    if (ret.expression instanceof SingleNameReference reference
        && held.containsKey(new String(reference.token))) {
      return held.get(new String(reference.token));
    }
    return fieldAssigned(ret.expression, locals);
  }

  /**
   * As {@code MethodBodies.plainChange}: none when an operand is a call or a local, or the
   * operator's identity.
   */
  private static List<String> plainChange(
      Expression expression, Set<String> locals, List<String> parameters, String self) {
    return withoutIdentity(expression) != expression
        ? List.of()
        : BodyFacts.plain(changedNames(expression, self), locals, parameters);
  }

  /**
   * A call, each argument by what it holds where the call is ({@code held}): the parameter whose
   * value it passes unchanged, or -1.
   */
  private static BodyFacts.Call call(
      String method, Expression[] arguments, Map<String, BodyFacts.Held> held) {
    List<Integer> passed = new ArrayList<>();
    for (Expression argument : arguments == null ? new Expression[0] : arguments) {
      BodyFacts.Held value = held.get(nameOf(argument));
      passed.add(value != null && value.change() == null ? value.parameter() : -1);
    }
    return new BodyFacts.Call(method, passed);
  }

  /** {@code this(...)} or {@code super(...)} as a call, or null for another kind. */
  private static BodyFacts.Call constructorCall(
      ExplicitConstructorCall call, Map<String, BodyFacts.Held> held) {
    if (call.accessMode == ExplicitConstructorCall.This) {
      return call("<init>", call.arguments, held);
    }
    if (call.accessMode == ExplicitConstructorCall.Super) {
      return call(BodyFacts.SUPER, call.arguments, held);
    }
    return null;
  }

  /** As {@code MethodBodies.hold}: what a statement leaves a parameter or local holding. */
  private static void hold(
      Map<String, BodyFacts.Held> held,
      Statement statement,
      String changedItself,
      Set<String> locals,
      List<String> parameters,
      char[] contents) {
    boolean plainAssignment =
        statement instanceof Assignment && !(statement instanceof CompoundAssignment);
    if (changedItself != null) {
      BodyFacts.Held.change(
          held,
          changedItself,
          plainAssignment
              ? text(((Assignment) statement).expression, contents)
              : text((Expression) statement, contents));
    } else if (statement instanceof LocalDeclaration local) {
      BodyFacts.Held.declare(
          held,
          new String(local.name),
          local.initialization == null ? null : nameOf(local.initialization));
    } else if (plainAssignment) {
      Assignment assignment = (Assignment) statement;
      BodyFacts.Held.assign(
          held, nameOf(assignment.lhs), nameOf(assignment.expression), locals, parameters);
    }
  }

  /** The field {@code this.f} or {@code f} (not a parameter's or local's name), else null. */
  private static String fieldAssigned(Expression target, Set<String> locals) {
    String name = operandName(target);
    return target instanceof SingleNameReference && locals.contains(name) ? null : name;
  }

  /** {@code x} or {@code this.x} (parentheses are bits of the node under ECJ): the name. */
  private static String operandName(Expression operand) {
    if (operand instanceof SingleNameReference name) {
      return new String(name.token);
    }
    if (operand instanceof FieldReference field && field.receiver.isThis()
        && !field.receiver.isImplicitThis()) {
      return new String(field.token);
    }
    return null;
  }

  private static String nameOf(Expression expression) {
    return expression instanceof SingleNameReference name ? new String(name.token) : null;
  }

  /** As {@code MethodBodies.changedNames}: operands changed by arithmetic, negation or joining. */
  private static List<String> changedNames(Expression expression, String self) {
    List<String> names = new ArrayList<>();
    if (expression instanceof UnaryExpression unary && isChange(expression)) {
      addOperand(unary.expression, names, self);
    } else if (expression instanceof BinaryExpression binary && isChange(expression)) {
      addOperand(binary.left, names, self);
      addOperand(binary.right, names, self);
    }
    return names;
  }

  private static boolean isChange(Expression expression) {
    int operator = (expression.bits & ASTNode.OperatorMASK) >> ASTNode.OperatorSHIFT;
    return expression instanceof UnaryExpression
            && (operator == OperatorIds.MINUS
                || operator == OperatorIds.TWIDDLE
                || operator == OperatorIds.NOT)
        || expression instanceof BinaryExpression && CHANGING.contains(operator);
  }

  /** As {@code MethodBodies.withoutIdentity}: {@code id} for {@code "" + id}, else the same. */
  private static Expression withoutIdentity(Expression expression) {
    if (expression instanceof BinaryExpression binary) {
      int operator = (expression.bits & ASTNode.OperatorMASK) >> ASTNode.OperatorSHIFT;
      String name = OPERATOR_NAMES.get(operator);
      if (name != null && BodyFacts.isIdentity(name, literalValue(binary.right), true)) {
        return binary.left;
      }
      if (name != null && BodyFacts.isIdentity(name, literalValue(binary.left), false)) {
        return binary.right;
      }
    }
    return expression;
  }

  /** ECJ's changing operators by the names javac's tree kinds give them. */
  private static final Map<Integer, String> OPERATOR_NAMES =
      Map.of(
          OperatorIds.PLUS, "PLUS",
          OperatorIds.MINUS, "MINUS",
          OperatorIds.MULTIPLY, "MULTIPLY",
          OperatorIds.DIVIDE, "DIVIDE",
          OperatorIds.LEFT_SHIFT, "LEFT_SHIFT",
          OperatorIds.RIGHT_SHIFT, "RIGHT_SHIFT",
          OperatorIds.UNSIGNED_RIGHT_SHIFT, "UNSIGNED_RIGHT_SHIFT");

  /** A number literal's value, a string literal's text, else null (the tree is not resolved). */
  private static Object literalValue(Expression expression) {
    if (expression instanceof StringLiteral string) {
      return new String(string.source());
    }
    if (expression instanceof NumberLiteral number) {
      String text = new String(number.source()).replace("_", "").replaceAll("[lLfFdD]$", "");
      try {
        return text.startsWith("0x") || text.startsWith("0X")
            ? (Object) Long.parseLong(text.substring(2), 16)
            : (Object) Double.parseDouble(text);
      } catch (NumberFormatException notDecimal) {
        return null;
      }
    }
    return null;
  }

  private static final Set<Integer> CHANGING =
      Set.of(
          OperatorIds.PLUS,
          OperatorIds.MINUS,
          OperatorIds.MULTIPLY,
          OperatorIds.DIVIDE,
          OperatorIds.LEFT_SHIFT,
          OperatorIds.RIGHT_SHIFT,
          OperatorIds.UNSIGNED_RIGHT_SHIFT);

  /** As {@code MethodBodies.addOperand}: null for an operand computed otherwise (a call). */
  private static void addOperand(Expression operand, List<String> names, String self) {
    String name = operandName(operand);
    if (name != null) {
      names.add(name);
    } else if (isChange(operand)) {
      names.addAll(changedNames(operand, self));
    } else if (self != null
        && operand instanceof MessageSend send
        && send.receiver.isSuper()
        && (send.arguments == null || send.arguments.length == 0)
        && self.equals(new String(send.selector))) {
      names.add(BodyFacts.SUPER); // As MethodBodies.callsOverridden: super.getId() in getId()
    } else if (!(operand instanceof Literal)) {
      names.add(null);
    }
  }

  /** An expression as written, from the file's text (ECJ prints its tree in its own way). */
  private static String text(Expression expression, char[] contents) {
    return contents == null
        ? expression.toString()
        : new String(
            CharOperation.subarray(contents, expression.sourceStart, expression.sourceEnd + 1));
  }

  private static Set<Integer> usedParameters(
      AbstractMethodDeclaration method, List<String> parameters) {
    Set<Integer> used = new HashSet<>();
    if (method instanceof ConstructorDeclaration constructor
        && constructor.constructorCall != null) {
      used.addAll(mentioned(constructor.constructorCall, parameters));
    }
    if (method.statements != null) {
      for (Statement statement : method.statements) {
        used.addAll(mentioned(statement, parameters));
      }
    }
    return used;
  }

  /** The indexes of the parameters whose names {@code node} mentions anywhere. */
  private static Set<Integer> mentioned(Statement node, List<String> parameters) {
    Set<Integer> used = new HashSet<>();
    node.traverse(
        new ASTVisitor() {
          @Override
          public boolean visit(SingleNameReference reference, BlockScope scope) {
            int index = parameters.indexOf(new String(reference.token));
            if (index >= 0) {
              used.add(index);
            }
            return false;
          }
        },
        (BlockScope) null);
    return used;
  }
}
