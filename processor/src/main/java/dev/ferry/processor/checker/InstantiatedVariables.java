package dev.ferry.processor.checker;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.TypeVariables;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * The types a call gives the crossing type variables it instantiates, checked on the argument
 * that carries each: a generic method's call ({@code pool.submit(Main::job, 3)}), a generic
 * constructor's or a diamond's creation, and a method reference's variable inside a parameter's
 * type ({@link ReferencedValues}). An argument whose parameter is the variable itself is checked
 * by its own type, as a {@code @Sent} one is; else the argument that carries the variable gets
 * the type the compiler inferred, or, where the compiler inferred it from several values at once
 * (a conditional's results, a task's chosen inputs, references a conditional chooses from), each
 * value by the type it gives the variable alone. Apart from {@link TransferScanner} because it
 * reasons about inference (which argument brings a variable, what a task sends back), not about
 * one value: the values themselves are checked by the scanner's {@code checkValue}, and the
 * reports, the current path and what was told already are the scanner's.
 */
final class InstantiatedVariables {
  private final TransferScanner scan;
  private final Trees trees;
  private final javax.lang.model.util.Elements elements;
  private final javax.lang.model.util.Types types;
  private final TypeAnalyzer analyzer;
  private final Verdicts verdicts;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final CrossingValues crossingValues;
  private final SpawnTargets spawnTargets;

  InstantiatedVariables(
      TransferScanner scan,
      CheckerState state,
      CrossingValues crossingValues,
      SpawnTargets spawnTargets) {
    this.scan = scan;
    this.trees = state.trees();
    this.elements = state.elements();
    this.types = state.types();
    this.analyzer = state.analyzer();
    this.verdicts = state.verdicts();
    this.markers = state.markers();
    this.sentVariables = state.sentVariables();
    this.crossingValues = crossingValues;
    this.spawnTargets = spawnTargets;
  }

  /**
   * Checks, at a call of a generic method, the types javac inferred for its crossing type
   * variables (see {@link SentVariables}), each on the argument that carries it: an argument
   * whose parameter is the variable itself is checked by its own type (more precise than the
   * inferred one, which may be a supertype); else the first argument whose parameter mentions the
   * variable (a value before a spawn target: {@code map}'s inputs before its task) gets the
   * inferred type, unless another one alone brings it ({@link CallCarriers#bringing}). A variable
   * only the result carries is checked where the result's type is written.
   */
  void checkInstantiation(
      ExecutableElement method,
      TypeElement receiver,
      ExpressionTree select,
      List<? extends ExpressionTree> arguments) {
    Crossing[] crossings = sentVariables.of(method, receiver);
    if (crossings.length == 0) {
      return;
    }
    TypeMirror signature = trees.getTypeMirror(new TreePath(scan.getCurrentPath(), select));
    if (!(signature instanceof ExecutableType instantiated)) {
      return;
    }
    Map<TypeParameterElement, TypeMirror> bound = Bindings.of(method, instantiated);
    List<? extends TypeParameterElement> variables = method.getTypeParameters();
    for (int i = 0; i < crossings.length; i++) {
      if (crossings[i] != null && !declaredTypeReported(method, variables.get(i))) {
        TypeParameterElement variable = variables.get(i);
        checkVariable(method, variable, crossings[i], bound.get(variable), arguments);
      }
    }
  }

  /**
   * Whether the call being visited gives its result to a place whose written type was reported
   * already, and its result carries {@code variable}: {@code Channel<Thread> c = pipe(() -> new
   * Thread())} is one mistake, told once, where the type is written (see {@link
   * CallCarriers#resultCarries}). The place: a declaration it initializes, a variable it is
   * assigned to, or the method it is returned from (not from a lambda, whose type is inferred).
   * A declaration's type and a method's return type are scanned before the call.
   */
  private boolean declaredTypeReported(ExecutableElement method, TypeParameterElement variable) {
    return CallCarriers.resultCarries(method, variable) && scan.writtenTargetReported();
  }

  void checkVariable(
      ExecutableElement method,
      TypeParameterElement variable,
      Crossing crossing,
      TypeMirror type,
      List<? extends ExpressionTree> arguments) {
    List<? extends VariableElement> parameters = method.getParameters();
    if (parameters.isEmpty()) {
      return;
    }
    boolean spread =
        method.isVarArgs()
            && !scan.passesArrayAsVarargs(parameters.get(parameters.size() - 1), arguments);
    CallCarriers.Plan plan =
        CallCarriers.of(method, variable, markers.parametersOf(method), arguments.size(), spread);
    for (int i : plan.direct()) {
      crossingValues.checkValue(
          new TreePath(scan.getCurrentPath(), arguments.get(i)), crossing, method, false);
    }
    int[] carrying = CallCarriers.carrying(method, variable, arguments.size(), spread);
    long told = coverCarriers(carrying, arguments);
    if (plan.direct().length > 0 || plan.carrier() < 0) {
      return;
    }
    for (int i : carrying) {
      TreePath argument = new TreePath(scan.getCurrentPath(), arguments.get(i));
      List<TreePath> results = PolyResults.of(argument);
      if (i != plan.carrier() && results != null && choosesValues(results)) {
        // all(Channel.create(), flag ? List.of(job) : List.of("x")): the carrier's type is the
        // one the compiler inferred from every result at once; each result is what crosses.
        checkCarrierResults(
            results, parameters.get(Math.min(i, parameters.size() - 1)).asType(),
            method, variable, crossing, told);
        return;
      }
    }
    if (type == null) {
      // A generic constructor's: javac's trees give a creation no instantiated signature of its
      // constructor, so the type is read off the carrier's own, as ECJ infers it.
      type =
          CallCarriers.typeWithin(
              method, Math.min(plan.carrier(), parameters.size() - 1),
              trees.getTypeMirror(
                  new TreePath(scan.getCurrentPath(), arguments.get(plan.carrier()))),
              variable, analyzer.memberTypes());
      if (type == null) {
        return;
      }
    }
    TypeMirror given = type;
    int carrier =
        CallCarriers.bringing(
            method, markers.parametersOf(method), plan.carrier(), carrying,
            i -> bringsAlone(
                new TreePath(scan.getCurrentPath(), arguments.get(i)),
                CallCarriers.parameterType(parameters, i, spread), variable, given));
    TreePath at = new TreePath(scan.getCurrentPath(), arguments.get(carrier));
    if (scan.targetReceivers.contains(at.getLeaf())) {
      return; // the inputs an instance method given as the target is called on, told with it
    }
    if (TransferScanner.unwrap(at).getLeaf().getKind() == Tree.Kind.NULL_LITERAL) {
      return; // a null task or input list carries no value: pool.submit(null) sends nothing
    }
    if (followsToldOrNullArgument(at, arguments)
        || checkResultsOfChosenInputs(at, arguments, method, variable, crossing, told)) {
      return;
    }
    Map<TreePath, TypeMirror> chosen =
        chosenReferenceResults(
            at, parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
            variable);
    if (chosen != null) {
      chosen.forEach((result, returned) ->
          checkInstantiated(result, variable, method, returned, crossing, told));
      return;
    }
    List<TreePath> results = PolyResults.of(at);
    if (results != null) {
      checkCarrierResults(
          results, parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
          method, variable, crossing, told);
      return;
    }
    // A task in parentheses or cast to its type ((Task1<Integer, ConcurrentHashMap<..>>)
    // Main::counts) is the reference, whose result the call types as the cast says.
    TreePath reference = TransferScanner.unwrap(at);
    if (reference.getLeaf() instanceof MemberReferenceTree
        && trees.getElement(reference) instanceof ExecutableElement referenced) {
      TypeMirror parameter =
          parameters.get(Math.min(carrier, parameters.size() - 1)).asType();
      TypeMirror returned = CallCarriers.referenceResult(parameter, variable, referenced);
      if (CallCarriers.isTaskResult(method, variable, markers.parametersOf(method))) {
        checkRebuiltResult(at, referenced, type);
      }
      type = returned != null ? returned : type;
    } else if (reference.getLeaf() instanceof LambdaExpressionTree
        && CallCarriers.isTaskResult(method, variable, markers.parametersOf(method))) {
      checkRebuiltResult(at, null, type);
    } else {
      type =
          CrossingTypes.valuesOfCapture(
              types, type, parameters.get(Math.min(carrier, parameters.size() - 1)).asType(),
              variable, elements.getTypeElement("java.lang.Object").asType());
    }
    checkInstantiated(at, variable, method, type, crossing, told);
  }

  /**
   * A task's result as the call types it ({@code R} of {@code submit}, inferred or given by the
   * variable the future goes to), which a worker's result is rebuilt in this process to be: a JDK
   * collection class the reader does not rebuild ({@code ConcurrentHashMap}) fails the cast where
   * the result is taken. A task returning one is fine where the call takes the result by its
   * interface ({@code CompletableFuture<Map<String, Integer>>}). {@code referenced} is the method
   * a reference names, null for a lambda: one told as a spawn target is told once, there; where
   * spawn-target is silenced its result crosses back as a method's does.
   */
  private void checkRebuiltResult(TreePath task, ExecutableElement referenced, TypeMirror result) {
    if (referenced == null && scan.reportedAt.contains(scan.positionKey(task.getLeaf()))) {
      return;
    }
    String message =
        CallSiteMessages.rebuiltResult(
            referenced, scan.snippets.of(task.getLeaf()), result, takenAs(task.getParentPath()),
            spawnTargets::rebuiltAsAnother, analyzer.memberTypes());
    if (message != null) {
      scan.report(task.getLeaf(), Rule.NOT_TRANSFERABLE, message);
    }
  }

  /**
   * The type the program takes the result of a pool's {@code call} as, where the compiler casts
   * it to that type alone, or null: a {@code for} loop's variable over the call's list; the
   * variable a result taken from it ({@code .get()}, {@code .join()}: a method whose declared
   * result is its class's type variable) is assigned to, or the method returns; or the bound of
   * the wildcard the future or list itself is kept as ({@code CompletableFuture<? extends
   * Map<String, Integer>>}, {@code List<?>}), which is all its results are then taken as.
   */
  private TypeMirror takenAs(TreePath call) {
    TreePath written = withParentheses(call);
    TreePath parent = written.getParentPath();
    if (parent.getLeaf() instanceof EnhancedForLoopTree loop
        && loop.getExpression() == written.getLeaf()) {
      return trees.getTypeMirror(new TreePath(parent, loop.getVariable()));
    }
    TypeMirror holder = declaredTypeOfPlace(written);
    if (holder != null) {
      return CallCarriers.resultHeldAs(holder, elements);
    }
    if (!(parent.getLeaf() instanceof MemberSelectTree select)
        || !(parent.getParentPath().getLeaf() instanceof MethodInvocationTree taking)
        || taking.getMethodSelect() != select
        || !(trees.getElement(parent.getParentPath()) instanceof ExecutableElement taker)
        || taker.getReturnType().getKind() != TypeKind.TYPEVAR) {
      return null;
    }
    return declaredTypeOfPlace(withParentheses(parent.getParentPath()));
  }

  /**
   * The type written for the place {@code value} goes to as a whole: the variable it initializes
   * or is assigned to, or the method it is returned from; null for any other place, and for a
   * lambda's result, which is typed by inference.
   */
  private TypeMirror declaredTypeOfPlace(TreePath value) {
    TreePath place = value.getParentPath();
    Tree leaf = place.getLeaf();
    if (leaf instanceof VariableTree variable && variable.getInitializer() == value.getLeaf()) {
      Element declared = trees.getElement(place);
      return declared == null ? null : declared.asType();
    }
    if (leaf instanceof AssignmentTree assignment
        && assignment.getExpression() == value.getLeaf()) {
      return trees.getTypeMirror(new TreePath(place, assignment.getVariable()));
    }
    if (leaf instanceof ReturnTree) {
      for (TreePath up = place; up != null; up = up.getParentPath()) {
        if (up.getLeaf() instanceof LambdaExpressionTree) {
          return null;
        }
        if (up.getLeaf() instanceof MethodTree
            && trees.getElement(up) instanceof ExecutableElement method) {
          return method.getReturnType();
        }
      }
    }
    return null;
  }

  /** {@code path}, or the outermost parentheses written around it. */
  private static TreePath withParentheses(TreePath path) {
    while (path.getParentPath().getLeaf() instanceof ParenthesizedTree) {
      path = path.getParentPath();
    }
    return path;
  }

  /**
   * The results of a conditional or switch expression that carries {@code variable} inside a wider
   * type ({@code pool.map(task, flag ? List.of(job) : List.of("x"))}), each checked by the type it
   * gives the variable on its own and told where it is written: the compiler infers the variable
   * from all of them at once ({@code Object}), while each crosses as itself, as a conditional's
   * values do ({@link CrossingValues#checkValue}). A null result carries no value.
   */
  private void checkCarrierResults(
      List<TreePath> results, TypeMirror parameter, ExecutableElement method,
      TypeParameterElement variable, Crossing crossing, long told) {
    for (TreePath result : results) {
      List<TreePath> nested = PolyResults.of(result);
      if (nested != null) {
        checkCarrierResults(nested, parameter, method, variable, crossing, told);
        continue;
      }
      TreePath value = TransferScanner.unwrap(result);
      if (value.getLeaf().getKind() == Tree.Kind.NULL_LITERAL) {
        continue;
      }
      TypeMirror type = ownCarriedType(value, parameter, variable);
      if (type != null) {
        checkInstantiated(result, variable, method, type, crossing, told);
      }
    }
  }

  /**
   * Whether a conditional or switch expression chooses among values, not among functions (a
   * lambda or method reference, whose type its target gives it, and which the spawn-target
   * checks and {@link #chosenReferenceResults} judge).
   */
  private static boolean choosesValues(List<TreePath> results) {
    for (TreePath result : results) {
      List<TreePath> nested = PolyResults.of(result);
      Tree value = TransferScanner.unwrap(result).getLeaf();
      if (nested != null
          ? !choosesValues(nested)
          : value instanceof LambdaExpressionTree || value instanceof MemberReferenceTree) {
        return false;
      }
    }
    return true;
  }

  /**
   * The type {@code value}, handed to a place of type {@code parameter}, gives {@code variable}
   * as it would alone: where it is a generic call whose arguments give the type there ({@link
   * CrossingTypes#argumentsGiving}), their type when they all have the same one (none when it
   * passes none: null), else the type the compiler gave it.
   */
  private TypeMirror ownCarriedType(
      TreePath value, TypeMirror parameter, TypeParameterElement variable) {
    return ownCarriedType(value, parameter, variable, 0);
  }

  private TypeMirror ownCarriedType(
      TreePath value, TypeMirror parameter, TypeParameterElement variable, int depth) {
    TypeMirror inferred =
        CallCarriers.typeWithin(
            parameter, trees.getTypeMirror(value), variable, analyzer.memberTypes());
    int[] giving = argumentsGiving(value, parameter, variable);
    if (giving == null) {
      TypeMirror held =
          depth < MAX_HELD_DEPTH ? heldByArguments(value, parameter, variable, depth) : null;
      return held != null ? held : inferred;
    }
    List<? extends ExpressionTree> arguments =
        ((MethodInvocationTree) value.getLeaf()).getArguments();
    TypeMirror own = null;
    for (int i : giving) {
      TypeMirror type = trees.getTypeMirror(new TreePath(value, arguments.get(i)));
      if (type == null
          || type.getKind() == TypeKind.NULL
          || (own != null && !types.isSameType(own, type))) {
        return inferred; // a null, or values of different types: the compiler's common one
      }
      own = type;
    }
    return own;
  }
  /**
   * Where {@code value} is a generic call whose own variable stands for {@code variable} in its
   * result and is held by its parameters inside wider types ({@code <T> List<T> pick(boolean f,
   * List<T> a, List<T> b)}), the type its arguments give that variable on their own when they all
   * give the same one ({@code pick(flag, List.of(1), List.of(2))}: {@code int}); else null. As a
   * result of a conditional, the compiler infers the call's variable from the conditional's other
   * results as well ({@code flag ? pick(...) : List.of("y")}), while the call's own values are its
   * arguments'.
   */
  private TypeMirror heldByArguments(
      TreePath value, TypeMirror parameter, TypeParameterElement variable, int depth) {
    if (!(value.getLeaf() instanceof MethodInvocationTree call)
        || !call.getTypeArguments().isEmpty()
        || !(trees.getElement(value) instanceof ExecutableElement called)
        || called.isVarArgs()
        || !(CallCarriers.typeWithin(
                parameter, called.getReturnType(), variable, analyzer.memberTypes())
            instanceof TypeVariable standing)
        || !(standing.asElement() instanceof TypeParameterElement own)
        || !own.getGenericElement().equals(called)) {
      return null;
    }
    List<? extends VariableElement> parameters = called.getParameters();
    TypeMirror found = null;
    for (int i = 0; i < parameters.size() && i < call.getArguments().size(); i++) {
      TypeMirror declared = parameters.get(i).asType();
      if (!CallCarriers.mentions(declared, own)) {
        continue;
      }
      TreePath argument = TransferScanner.unwrap(new TreePath(value, call.getArguments().get(i)));
      TypeMirror given =
          argument.getLeaf().getKind() == Tree.Kind.NULL_LITERAL
              ? null
              : ownCarriedType(argument, declared, own, depth + 1);
      if (given == null
          || given.getKind() == TypeKind.ERROR
          || (found != null && !types.isSameType(found, given))) {
        return null; // a null, or arguments of different types: the compiler's common one
      }
      found = given;
    }
    return found;
  }

  private static final int MAX_HELD_DEPTH = 8;

  /**
   * Where {@code value} is a generic call whose own variable stands for {@code variable} in its
   * result, the arguments that give that variable its type ({@link CrossingTypes#argumentsGiving}),
   * none where only its target does ({@code Channel.create()}); else null, as where its type
   * arguments are written ({@code Channel.<Job>create()}).
   */
  private int[] argumentsGiving(
      TreePath value, TypeMirror parameter, TypeParameterElement variable) {
    if (!(value.getLeaf() instanceof MethodInvocationTree call)
        || !call.getTypeArguments().isEmpty()
        || !(trees.getElement(value) instanceof ExecutableElement called)) {
      return null;
    }
    int count = call.getArguments().size();
    return CrossingTypes.argumentsGiving(
        called,
        CallCarriers.typeWithin(
            parameter, called.getReturnType(), variable, analyzer.memberTypes()),
        count,
        crossingValues.spreadsVarargs(called, count, value));
  }

  /**
   * Whether {@code argument}, handed to a place of type {@code parameter}, brings {@code type} for
   * {@code variable} on its own ({@link #ownCarriedType}); false for a generic call that only
   * takes it from its target; null where that cannot be told alone: a lambda, a method reference
   * or a conditional, which their target types, a {@code null}, a type the variable is not in.
   */
  private Boolean bringsAlone(
      TreePath argument, TypeMirror parameter, TypeParameterElement variable, TypeMirror type) {
    TreePath value = argument;
    while (value.getLeaf() instanceof ParenthesizedTree parenthesized) {
      value = new TreePath(value, parenthesized.getExpression());
    }
    Tree leaf = value.getLeaf();
    if (leaf instanceof LambdaExpressionTree
        || leaf instanceof MemberReferenceTree
        || leaf.getKind() == Tree.Kind.NULL_LITERAL
        || PolyResults.of(value) != null) {
      return null;
    }
    int[] giving = argumentsGiving(value, parameter, variable);
    if (giving != null && giving.length == 0) {
      return false;
    }
    TypeMirror own = ownCarriedType(value, parameter, variable);
    return own == null || own.getKind() == TypeKind.ERROR ? null : types.isSameType(own, type);
  }

  /**
   * The type each method reference returns that a conditional or switch expression chooses from as
   * the carrier of {@code variable} ({@code pool.submit(flag ? Main::job : Main::count, 3)}), by
   * its path, when each is one whose result is its own ({@link CallCarriers#referenceResult}) or
   * was told already (a lambda, as a spawn target); else null. The compiler infers the variable as their common supertype ({@code Object} for a {@code
   * Job} and an {@code int}), while each value that crosses is what its method returns.
   */
  private Map<TreePath, TypeMirror> chosenReferenceResults(
      TreePath carrier, TypeMirror parameter, TypeParameterElement variable) {
    List<TreePath> results = PolyResults.of(carrier);
    if (results == null) {
      return null;
    }
    Map<TreePath, TypeMirror> chosen = new java.util.LinkedHashMap<>();
    for (TreePath result : results) {
      Map<TreePath, TypeMirror> nested = chosenReferenceResults(result, parameter, variable);
      TreePath reference = TransferScanner.unwrap(result);
      TypeMirror returned =
          nested == null
                  && reference.getLeaf() instanceof MemberReferenceTree
                  && trees.getElement(reference) instanceof ExecutableElement referenced
              ? CallCarriers.referenceResult(parameter, variable, referenced)
              : null;
      if (nested != null) {
        chosen.putAll(nested);
      } else if (returned != null) {
        chosen.put(reference, returned);
      } else if (!scan.reportedAt.contains(scan.positionKey(reference.getLeaf()))) {
        return null; // a lambda told as a target is left out: the others' types are the rest
      }
    }
    return chosen;
  }

  /**
   * One mistake, told once: when a value passed for a crossing type variable was told ({@code
   * ports} of {@code relay(Channel.<Ports>create(), ports)} for {@code relay(Channel<T> c, T v)},
   * or {@code List.of(ref)} of {@code offerAll(Channel.create(), List.of(ref))} for {@code
   * offerAll(Channel<M> c, @Sent List<M> values)}), the call's other arguments carrying the
   * variable show the same type: the types written in them are not told again by the same rule
   * ({@link
   * TransferScanner#inReportedValue}), nor is the type the call gives the variable. Returns the rule's
   * ordinal, or -1 when no such value was told.
   */
  long coverCarriers(int[] carrying, List<? extends ExpressionTree> arguments) {
    long rule = -1;
    for (int i = 0; i < carrying.length && rule < 0; i++) {
      Tree argument = arguments.get(carrying[i]);
      long start = scan.positions.getStartPosition(scan.unit, argument);
      long end = scan.positions.getEndPosition(scan.unit, argument);
      for (long[] value : scan.reportedValues) {
        if (start <= value[0] && value[0] < end) {
          rule = value[2];
          break;
        }
      }
    }
    for (int i = 0; rule >= 0 && i < carrying.length; i++) {
      Tree argument = arguments.get(carrying[i]);
      scan.coveredArguments.add(
          new long[] {
            scan.positions.getStartPosition(scan.unit, argument),
            scan.positions.getEndPosition(scan.unit, argument),
            rule
          });
    }
    return rule;
  }

  /**
   * Whether the carrier {@code at} is a method reference whose result follows from the call's
   * other arguments ({@link CallCarriers#resultFollowsArguments}) and one of those was reported,
   * or is {@code null} (also cast): {@code pool.submit(Main::id, null)} for {@code <T> T id(T t)}
   * makes {@code R} an {@code Object} only because a null has no type of its own, and what
   * crosses back is that null; {@code pool.map(Main::id, (Iterable<Thread>) null)} maps nothing.
   */
  private boolean followsToldOrNullArgument(TreePath at, List<? extends ExpressionTree> arguments) {
    if (!(at.getLeaf() instanceof MemberReferenceTree)
        || !(trees.getElement(at) instanceof ExecutableElement referenced)
        || !CallCarriers.resultFollowsArguments(referenced)) {
      return false;
    }
    boolean returnsItsArgument = CrossingTypes.returnsOnlyArguments(referenced, false);
    for (ExpressionTree argument : arguments) {
      if (argument == at.getLeaf()) {
        continue;
      }
      long start = scan.positions.getStartPosition(scan.unit, argument);
      long end = scan.positions.getEndPosition(scan.unit, argument);
      TreePath path = new TreePath(scan.getCurrentPath(), argument);
      if (scan.reportedAt.stream().anyMatch(reported -> start <= reported && reported < end)
          || TransferScanner.unwrap(path).getLeaf().getKind() == Tree.Kind.NULL_LITERAL
          || (returnsItsArgument && choosesValues(path))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Checks what the task {@code at} sends back for each input a conditional or switch expression
   * chooses among, where the task builds its result of its one argument ({@link
   * CrossingTypes#builtFromItsArgument}): {@code pool.map(Main::twin, flag ? List.of(1) :
   * List.of("x"))} for {@code <T> Pair<T, T> twin(T t)} sends back {@code Pair<Integer, Integer>}s
   * and {@code Pair<String, String>}s, while the compiler infers {@code R} from the lists' common
   * supertype. Each list is checked where written ({@link #checkCarrierResults}), so what is left
   * is the type around their values ({@code WeakReference<Integer>} of {@code <T>
   * WeakReference<T> weak(T t)}), told on the task. Returns whether the call was such a one.
   */
  private boolean checkResultsOfChosenInputs(
      TreePath at, List<? extends ExpressionTree> arguments, ExecutableElement method,
      TypeParameterElement variable, Crossing crossing, long told) {
    int target = arguments.indexOf(at.getLeaf());
    if (arguments.size() != 2
        || target < 0
        || !(at.getLeaf() instanceof MemberReferenceTree)
        || !(trees.getElement(at) instanceof ExecutableElement referenced)) {
      return false;
    }
    TypeVariable argument = CrossingTypes.builtFromItsArgument(referenced);
    TypeVariable input = CrossingTypes.firstInput(method, target);
    List<TreePath> results =
        PolyResults.of(new TreePath(scan.getCurrentPath(), arguments.get(1 - target)));
    if (argument == null || input == null || results == null || !choosesValues(results)) {
      return false;
    }
    TypeMirror parameter = method.getParameters().get(1 - target).asType();
    for (TreePath value : chosenValues(results)) {
      TypeMirror own =
          ownCarriedType(value, parameter, (TypeParameterElement) input.asElement());
      if (own != null && !CrossingTypes.isUnchecked(own)) {
        checkInstantiated(
            at, variable, method,
            CrossingTypes.substituted(types, referenced.getReturnType(), argument, own),
            crossing, told);
      }
    }
    return true;
  }

  /** The values among {@code results}, through nested conditionals and switches, past casts. */
  private static List<TreePath> chosenValues(List<TreePath> results) {
    List<TreePath> values = new ArrayList<>();
    for (TreePath result : results) {
      List<TreePath> nested = PolyResults.of(result);
      if (nested != null) {
        values.addAll(chosenValues(nested));
      } else if (TransferScanner.unwrap(result).getLeaf().getKind() != Tree.Kind.NULL_LITERAL) {
        values.add(TransferScanner.unwrap(result));
      }
    }
    return values;
  }

  /**
   * Whether {@code argument} is a conditional or switch expression choosing among values, each
   * checked on its own as the inputs it gives ({@link #checkCarrierResults}): a task that returns
   * its argument ({@code pool.map(Main::id, flag ? List.of(1) : List.of("x"))} for {@code <T> T
   * id(T t)}) sends back those values, while the type the compiler infers for its result is their
   * common supertype.
   */
  private static boolean choosesValues(TreePath argument) {
    List<TreePath> results = PolyResults.of(argument);
    return results != null && choosesValues(results);
  }

  /**
   * Where to tell the type {@code at} gives a variable: the type argument written for its
   * method's own variable that its result is made of, when that type is refused by itself
   * ({@code Number} of {@code pool.submit(Main::<Number>identity, 1)}), which is where the user
   * wrote the type and changes it; else {@code at} itself.
   */
  private Tree writtenResultArgument(TreePath at) {
    if (!(at.getLeaf() instanceof MemberReferenceTree reference)
        || reference.getTypeArguments() == null
        || reference.getTypeArguments().isEmpty()
        || !(trees.getElement(at) instanceof ExecutableElement referenced)) {
      return at.getLeaf();
    }
    List<TypeParameterElement> mentioned = new ArrayList<>();
    SentVariables.forEachVariable(referenced.getReturnType(), mentioned::add);
    for (TypeParameterElement variable : mentioned) {
      int index = TypeVariables.indexIn(referenced.getTypeParameters(), variable);
      if (index < 0 || index >= reference.getTypeArguments().size()) {
        continue;
      }
      Tree written = reference.getTypeArguments().get(index);
      TypeMirror type = trees.getTypeMirror(new TreePath(at, written));
      if (type != null
          && !CrossingTypes.isUnchecked(type)
          && verdicts.resolveValue(type, false).violation() != null) {
        return written;
      }
    }
    return at.getLeaf();
  }

  /**
   * Checks the type a call gives a crossing type variable, reporting on the argument {@code at},
   * unless a value carrying the variable was told already by the rule of ordinal {@code told}
   * ({@link #coverCarriers}).
   */
  void checkInstantiated(
      TreePath at, TypeParameterElement variable, ExecutableElement method, TypeMirror type,
      Crossing crossing, long told) {
    if (Verdicts.isVoidWhereNullCrosses(type, method, markers)) {
      return;
    }
    boolean literal =
        at.getLeaf() instanceof MemberSelectTree select
            && select.getIdentifier().contentEquals("class");
    Violation violation =
        literal ? scan.literalViolation(type, crossing) : scan.violationOf(type, crossing);
    if (violation == null || scan.reportedAt.contains(scan.positionKey(at.getLeaf()))) {
      return; // fine, or the argument has its own error already (a lambda task, say)
    }
    if (violation.rule().ordinal() == told) {
      return; // another argument carrying the variable was told: one mistake, told once
    }
    if (scan.within(at.getLeaf(), violation.rule(), scan.reportedValues)) {
      // Inside a value told already by this rule, whose type this call gave the culprit:
      // Ferry.spawn(Main::child, sinks(Thread.class)) for <T> List<Channel<? super T>>
      // sinks(Class<T> c) is one mistake, told on the spawned value. (Not one merely covered as
      // another carrier of a variable told: pool.submit(Main::same, new Thread()) still tells
      // the task's result on Main::same.)
      return;
    }
    if (checkHeldElement(at, violation, method, crossing)) {
      return;
    }
    // The type written in the carrier (Thread of same(Channel.<Thread>create())) is the one this
    // names: not told again when the scan reaches it (inReportedValue).
    scan.coveredArguments.add(
        new long[] {
          scan.positions.getStartPosition(scan.unit, at.getLeaf()),
          scan.positions.getEndPosition(scan.unit, at.getLeaf()),
          violation.rule().ordinal()
        });
    TreePath value = TransferScanner.unwrap(at);
    Element named =
        value.getLeaf().getKind() == Tree.Kind.IDENTIFIER ? trees.getElement(value) : null;
    Violation ofLocal =
        CallSiteMessages.ofInferredLocalElements(
            violation,
            type,
            named != null
                    && named.getKind() == ElementKind.LOCAL_VARIABLE
                    && hasInferredElements(named)
                ? named.getSimpleName().toString()
                : null);
    Violation shown =
        ofLocal == violation
            ? CallSiteMessages.ofMetValues(
                violation, type, crossingValues.metFor(at, violation.culprit(), crossing, false, 0))
            : ofLocal;
    scan.report(
        writtenResultArgument(at),
        shown.rule(),
        CrossingMessages.inferredTypeArgument(
            scan.snippets.of(at.getLeaf()),
            variable.getSimpleName().toString(),
            TypePrinter.nameOf(method),
            TypePrinter.print(type),
            CrossingWords.phrase(crossing, method),
            shown.culprit(),
            shown.reason(),
            Objects.requireNonNullElseGet(
                CallSiteMessages.taskResultFix(shown, method, variable, markers),
                () -> scan.callSiteFix(shown, crossing, method, at.getLeaf()))));
  }

  /**
   * Whether the carrier {@code at} is a call that builds a collection of values written in it, one
   * of which is an {@code @InheritOnly} value the inferred element type hides: {@code jobs} of
   * {@code pool.map(Main::work, List.of(job, jobs))}, which gives {@code A} the type {@code
   * Object}. That value is then checked by its own type, as a task's argument is ({@code
   * pool.submit(Main::work, List.of(job, jobs))}), with the words for a channel given to a task.
   */
  private boolean checkHeldElement(
      TreePath at, Violation violation, ExecutableElement method, Crossing crossing) {
    if (violation.rule() != Rule.NOT_TRANSFERABLE
        || crossing != Crossing.SENT
        || !(TransferScanner.unwrap(at).getLeaf() instanceof MethodInvocationTree)) {
      return false;
    }
    CrossingValues.Held held = crossingValues.held(at, crossing, true, 0, new HashSet<>());
    if (held == null
        || held.alias() != null
        || held.value().getLeaf() == TransferScanner.unwrap(at).getLeaf()) {
      return false; // none among its values, or the carrier itself shows the handle: told so
    }
    scan.coveredArguments.add(
        new long[] {
          scan.positions.getStartPosition(scan.unit, at.getLeaf()),
          scan.positions.getEndPosition(scan.unit, at.getLeaf()),
          held.violation().rule().ordinal()
        });
    crossingValues.checkValue(held.value(), crossing, method, false);
    return true;
  }

  /**
   * Whether {@code local}'s type has a type argument only {@code var} gives it, a wildcard bounded
   * by an intersection ({@code var in = flag ? List.of(1) : List.of("x")}); a written {@code
   * Box<? extends Number>} may be captured with an intersection of its class's bound too, but its
   * declaration is not {@code var}'s to blame.
   */
  private static boolean hasInferredElements(Element local) {
    return local.asType() instanceof DeclaredType declared
        && declared.getTypeArguments().stream()
            .anyMatch(
                argument ->
                    argument instanceof WildcardType wildcard
                        && wildcard.getExtendsBound() != null
                        && wildcard.getExtendsBound().getKind() == TypeKind.INTERSECTION);
  }
}
