package dev.ferry.processor.checker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.ast.AbstractVariableDeclaration;
import org.eclipse.jdt.internal.compiler.ast.AllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.FieldReference;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.MethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.NameReference;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.ast.ReturnStatement;
import org.eclipse.jdt.internal.compiler.lookup.FieldBinding;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;

/**
 * Where the results of the calls the ECJ walk meets go, as javac's checker reads it from a call's
 * parent in its tree path ({@code TransferScanner.writtenTargetReported}, {@code
 * InstantiatedVariables.takenAs}): the written type of the declaration a call initializes, of the
 * method it is returned from or of the variable it is assigned to, so that a mistake told where
 * that type is written is not told again at the call ({@link #declaredTypeReported}); and the type
 * the program takes a pool call's result as, where the compiler casts it to that type alone
 * ({@link #recordTaken}).
 *
 * <p>Apart from {@link EcjCallSiteScanner} because ECJ's AST has no parent links: the walk tells
 * this where each method, lambda, declaration, return and assignment is, and the checks of calls
 * ask it later; what was reported where is the scanner's.
 */
final class EcjResultTargets {
  private static final int[] NO_RANGE = {0, 0};

  private final EcjTypeMirrors mirrors;
  private final javax.lang.model.util.Elements elements;
  /** The scanner's positions at which an error was reported. */
  private final Set<Integer> reportedAt;
  /** The field and local declarations being visited, innermost first. */
  private final Deque<AbstractVariableDeclaration> declarations = new ArrayDeque<>();
  /**
   * Where the written return type of each method being visited lies ({@link #NO_RANGE} for a
   * lambda, whose type is inferred), innermost first.
   */
  private final Deque<int[]> returnTypes = new ArrayDeque<>();
  /** Where the written type lies of the place a returned or assigned call's result goes. */
  private final Map<Expression, int[]> targetTypes = new HashMap<>();
  /**
   * The result type of each method being visited, null for a lambda (its result is typed by
   * inference), innermost last.
   */
  private final List<TypeBinding> returnBindings = new ArrayList<>();
  /**
   * The type the program takes each pool call's result as, where the compiler casts it to that
   * type alone ({@link #recordTaken}).
   */
  private final Map<Expression, TypeMirror> takenTypes = new IdentityHashMap<>();

  EcjResultTargets(
      EcjTypeMirrors mirrors, javax.lang.model.util.Elements elements, Set<Integer> reportedAt) {
    this.mirrors = mirrors;
    this.elements = elements;
    this.reportedAt = reportedAt;
  }

  /** The walk enters {@code method}'s body. */
  void enterMethod(MethodDeclaration method) {
    // The return type lies before the name; a parameterized type's own range may end at its name.
    returnTypes.push(
        method.returnType == null
            ? NO_RANGE
            : new int[] {method.returnType.sourceStart, method.sourceStart});
    returnBindings.add(method.binding == null ? null : method.binding.returnType);
  }

  /** The walk enters a lambda's body. */
  void enterLambda() {
    returnTypes.push(NO_RANGE); // a lambda's type is inferred: nothing written to be told on
    returnBindings.add(null);
  }

  /** The walk leaves the body of the innermost method or lambda. */
  void exitMethod() {
    returnTypes.pop();
    returnBindings.remove(returnBindings.size() - 1);
  }

  /** The walk enters a field's or a local's declaration. */
  void enterDeclaration(AbstractVariableDeclaration declaration) {
    declarations.push(declaration);
  }

  /** The walk leaves the innermost field's or local's declaration. */
  void exitDeclaration() {
    declarations.pop();
  }

  /** A value returned from the innermost method or lambda. */
  void returned(ReturnStatement statement) {
    if (!returnBindings.isEmpty()) {
      recordTaken(statement.expression, returnBindings.get(returnBindings.size() - 1));
    }
    // Only after an error: then the return type may have been one, reported before the body.
    if (!reportedAt.isEmpty()
        && (statement.expression instanceof MessageSend
            || statement.expression instanceof AllocationExpression
            || statement.expression instanceof ReferenceExpression)
        && !returnTypes.isEmpty()) {
      targetTypes.put(statement.expression, returnTypes.peek());
    }
  }

  /** A value assigned to a variable. */
  void assigned(Assignment assignment) {
    recordTaken(assignment.expression, assignment.lhs.resolvedType);
    if (!reportedAt.isEmpty()
        && (assignment.expression instanceof MessageSend
            || assignment.expression instanceof AllocationExpression
            || assignment.expression instanceof ReferenceExpression)) {
      AbstractVariableDeclaration declaration = declarationOf(assignment.lhs);
      if (declaration != null && declaration.type != null) {
        targetTypes.put(
            assignment.expression,
            new int[] {declaration.declarationSourceStart, declaration.sourceStart});
      }
    }
  }

  /** The source declaration of an assigned local or field, or null. */
  private static AbstractVariableDeclaration declarationOf(Expression assigned) {
    if (assigned instanceof NameReference name) {
      if (name.binding instanceof LocalVariableBinding local) {
        return local.declaration;
      }
      if (name.binding instanceof FieldBinding field) {
        return field.sourceField();
      }
    } else if (assigned instanceof FieldReference reference && reference.binding != null) {
      return reference.binding.sourceField();
    }
    return null;
  }

  /**
   * Whether {@code send} initializes the declaration being visited, or is returned from the method
   * being visited or assigned to a variable, whose written type was reported already: as under
   * javac ({@code TransferScanner.declaredTypeReported}), a variable the result carries is then
   * not checked again at the call ({@code Channel<Thread> c = pipe(() -> new Thread())} is one
   * mistake, told where the type is written). ECJ visits a declaration's type before its
   * initialization, and keeps parentheses as bits.
   */
  boolean declaredTypeReported(Expression send) {
    int[] target = targetTypes.remove(send);
    if (target != null) { // returned from a method, or assigned: its written type was visited
      return reportedAt.stream().anyMatch(at -> target[0] <= at && at < target[1]);
    }
    AbstractVariableDeclaration declaration = declarations.peek();
    if (declaration == null || declaration.initialization != send || declaration.type == null) {
      return false;
    }
    // The type lies before the name; a parameterized type's own range may end at its simple name.
    int start = declaration.declarationSourceStart;
    int end = declaration.sourceStart;
    return reportedAt.stream().anyMatch(at -> start <= at && at < end);
  }

  /** The type the program takes the result of the pool call {@code call} as, or null. */
  TypeMirror takenAs(Expression call) {
    return takenTypes.get(call);
  }

  /** Notes that the result of {@code call} is taken as {@code type}. */
  void taken(Expression call, TypeMirror type) {
    takenTypes.put(call, type);
  }

  /**
   * As TransferScanner's {@code takenAs}: where {@code value}, given to a place of type {@code
   * type}, takes a call's result by a method whose declared result is its class's type variable
   * ({@code .get()}, {@code .join()}), that the call's result is taken as {@code type}: ECJ casts
   * it to that type alone, as javac does; where {@code value} is a call kept as {@code type}
   * itself, what each of its results is taken as ({@link CallCarriers#resultHeldAs}).
   */
  void recordTaken(Expression value, TypeBinding type) {
    TypeMirror holder = value instanceof MessageSend ? mirrors.of(type) : null;
    TypeMirror held = holder == null ? null : CallCarriers.resultHeldAs(holder, elements);
    if (held != null) {
      takenTypes.put(value, held);
    }
    if (value instanceof MessageSend taking
        && taking.binding != null
        && taking.binding.isValidBinding()
        && taking.binding.original().returnType != null
        && taking.binding.original().returnType.isTypeVariable()
        && taking.receiver instanceof MessageSend call) {
      TypeMirror taken = mirrors.of(type);
      if (taken != null) {
        takenTypes.put(call, taken);
      }
    }
  }
}
