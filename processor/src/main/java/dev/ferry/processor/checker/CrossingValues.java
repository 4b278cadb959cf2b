package dev.ferry.processor.checker;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import dev.ferry.processor.diagnostic.CrossingMessages;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The values that cross at a call, each checked by its own type where it is passed: an argument
 * to a {@code @Sent} or {@code @SpawnArgument} parameter, the elements of an array passed for
 * varargs, a value a call's type variable is carried by. A value forwarded from a parameter that
 * is itself checked at its calls, or an element of such an array, is left to those calls; a
 * conditional's or switch's results, and a call that returns one of its arguments, are checked
 * one by one; an {@code @InheritOnly} handle hidden in a value (a cast, a local, a collection's
 * elements) is told with the handle; a type told already where its declaration writes it is not
 * told again. Apart from {@link TransferScanner} because this is what one value is, found by
 * following it back through locals, casts and calls, where the scanner finds where values cross;
 * the reports, the current path and what was told already are the scanner's.
 */
final class CrossingValues {
  private final TransferScanner scan;
  private final Trees trees;
  private final javax.lang.model.util.Types types;
  private final TypeAnalyzer analyzer;
  private final Verdicts verdicts;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final Bindings bindings;
  private final LocalAliases aliases;
  /** How many locals, each declared with the one before, still stand for a forwarded parameter. */
  private static final int MAX_ALIASES = 8;

  CrossingValues(TransferScanner scan, CheckerState state) {
    this.scan = scan;
    this.trees = state.trees();
    this.types = state.types();
    this.analyzer = state.analyzer();
    this.verdicts = state.verdicts();
    this.markers = state.markers();
    this.sentVariables = state.sentVariables();
    this.bindings = state.bindings();
    this.aliases = new LocalAliases(trees);
  }

  /**
   * The parameter {@code variable}, named at {@code use}, is: a method's, or, for a lambda's
   * parameter, the functional interface method's one it stands for ({@code Sink s = value ->
   * raw.send(value)} forwards {@code Sink.put}'s {@code @Sent} value). Null for other variables.
   */
  Markers.Slot slotOf(Element variable, TreePath use) {
    Markers.Slot slot = Markers.Slot.of(variable);
    if (slot != null || variable.getKind() != ElementKind.PARAMETER) {
      return slot;
    }
    for (TreePath up = use.getParentPath(); up != null; up = up.getParentPath()) {
      if (!(up.getLeaf() instanceof LambdaExpressionTree lambda)) {
        continue;
      }
      List<? extends VariableTree> parameters = lambda.getParameters();
      for (int i = 0; i < parameters.size(); i++) {
        if (variable.equals(trees.getElement(new TreePath(up, parameters.get(i))))) {
          ExecutableElement method = bindings.functionalMethod(trees.getTypeMirror(up));
          return method == null ? null : new Markers.Slot(method, i);
        }
      }
    }
    return null;
  }

  /**
   * Whether {@code value} names a parameter that vouches for its value ({@link
   * Markers#vouchesFor}), or a local that holds nothing else: each value it may hold ({@link
   * LocalAliases#valuesOf}: its initializer, what each assignment gives it, what its pattern
   * tested) is such a parameter or another such local, as in {@code Object copy = value;
   * raw.send(copy);} or {@code copy = two = value;}. {@code depth} bounds a chain of such locals;
   * {@code seen} holds the locals on the way, a local met again adding no value of its own.
   */
  private boolean isForwarded(
      TreePath value, Crossing crossing, boolean elements, int depth, Set<Element> seen) {
    TreePath named = assigned(value);
    if (named.getLeaf().getKind() != Tree.Kind.IDENTIFIER
        || !(trees.getElement(named) instanceof VariableElement variable)) {
      return false;
    }
    if (markers.vouchesFor(slotOf(variable, named), crossing, elements)) {
      return true;
    }
    if (!seen.add(variable)) {
      return true;
    }
    List<TreePath> values = depth < MAX_ALIASES ? aliases.valuesOf(named) : null;
    if (values == null) {
      return false;
    }
    for (TreePath held : values) {
      if (!isForwarded(TransferScanner.unwrap(held), crossing, elements, depth + 1, seen)) {
        return false;
      }
    }
    return true;
  }

  /** The value {@code value} gives: the right-hand side of an assignment, {@code two = value}. */
  private static TreePath assigned(TreePath value) {
    TreePath path = value;
    while (path.getLeaf() instanceof AssignmentTree assignment) {
      path = TransferScanner.unwrap(new TreePath(path, assignment.getExpression()));
    }
    return path;
  }

  /**
   * Whether {@code value} is an element of a marked array parameter whose elements were checked at
   * each call ({@link Markers#vouchesFor} with {@code elements}): {@code values[i]}, or the
   * variable of {@code for (Object value : values)}, for {@code postAll(@Sent Object... values)}
   * passing its values on one by one; also the variable of such a loop over a marked collection
   * ({@code postAll(@Sent List<?> values)}, see {@link CrossingTypes#isCheckedByElement}).
   */
  private boolean isForwardedElement(TreePath value, Crossing crossing) {
    TreePath array = arrayOfElement(value);
    if (array == null) {
      return false;
    }
    TreePath name = TransferScanner.unwrap(array);
    TypeMirror type = trees.getTypeMirror(name);
    return name.getLeaf().getKind() == Tree.Kind.IDENTIFIER
        && type != null
        && (type.getKind() == TypeKind.ARRAY || CrossingTypes.isCheckedByElement(type))
        && trees.getElement(name) instanceof VariableElement parameter
        && markers.vouchesFor(slotOf(parameter, name), crossing, true);
  }

  /**
   * The array {@code value} is an element of, as written: {@code values} in {@code values[i]}, or
   * in the enhanced {@code for} that declares the variable {@code value} names. Null otherwise.
   */
  private TreePath arrayOfElement(TreePath value) {
    if (value.getLeaf() instanceof ArrayAccessTree access) {
      return new TreePath(value, access.getExpression());
    }
    if (value.getLeaf().getKind() != Tree.Kind.IDENTIFIER
        || !(trees.getElement(value) instanceof VariableElement variable)
        || variable.getKind() != ElementKind.LOCAL_VARIABLE) {
      return null;
    }
    for (TreePath up = value.getParentPath(); up != null; up = up.getParentPath()) {
      if (up.getLeaf() instanceof EnhancedForLoopTree loop
          && variable.equals(trees.getElement(new TreePath(up, loop.getVariable())))) {
        return new TreePath(up, loop.getExpression());
      }
    }
    return null;
  }

  void checkValue(
      TreePath argument, Crossing crossing, ExecutableElement method, boolean elements) {
    if (scan.targetReceivers.contains(argument.getLeaf())) {
      return; // the receiver of an instance method given as the target, told with the target
    }
    TreePath unwrapped = TransferScanner.unwrap(argument);
    if (unwrapped.getLeaf().getKind() == Tree.Kind.NULL_LITERAL) {
      return; // null crosses as null, whatever it is cast to: (Object[]) null, as javac advises
    }
    if (isForwarded(unwrapped, crossing, elements, 0, new HashSet<>())) {
      return; // forwarded from a parameter whose arguments are checked where its method is called
    }
    if (isForwardedElement(unwrapped, crossing)) {
      return; // an element of such a parameter's array, whose elements were checked at each call
    }
    TypeMirror type = trees.getTypeMirror(argument);
    if (type == null) {
      return;
    }
    if (!elements && method != null && Verdicts.isVoidWhereNullCrosses(type, method, markers)) {
      return; // a Void variable holds null, which crosses here as the literal does
    }
    List<TreePath> results = PolyResults.of(argument);
    if (results == null) {
      results = returnedArguments(argument);
    }
    if (results != null && type.getKind() != TypeKind.INTERSECTION) {
      // A conditional or switch expression takes the parameter's type (Object for raw.send(...)):
      // what crosses is one of its results, each written with its own class. So does a call that
      // returns one of its arguments, pick(job, "x"), whose type is inferred as theirs.
      for (TreePath result : results) {
        checkValue(result, crossing, method, elements);
      }
      return;
    }
    type = CrossingTypes.uncaptured(type);
    Violation violation = scan.violationOf(type, crossing, elements);
    if (violation == null) {
      return;
    }
    if (namesReportedDeclaration(unwrapped, crossing)
        || typeFromToldDeclaration(unwrapped, type, violation.rule())) {
      return;
    }
    Tree tree = argument.getLeaf();
    Held held =
        violation.rule() == Rule.NOT_TRANSFERABLE && !elements
            ? held(argument, crossing, true, 0, new HashSet<>())
            : null;
    if (held != null && held.alias() == null) {
      tree = held.value().getLeaf();
      type = held.type();
      violation = held.violation();
    } else if (held != null) {
      tree = unwrapped.getLeaf();
      reportHeld(tree, held, crossing, method);
      return;
    }
    Held hidden =
        held == null ? hiddenAtSpawn(argument, type, crossing, violation, elements) : null;
    if (hidden != null) {
      reportHiddenAtSpawn(tree, hidden, type, method);
      return;
    }
    Held element =
        held == null ? hiddenAmongElementsAtSpawn(argument, type, crossing, violation, elements) : null;
    if (element != null) {
      reportHiddenElementAtSpawn(tree, element, type, violation, method);
      return;
    }
    scan.reportedValues.add(
        new long[] {
          scan.positions.getStartPosition(scan.unit, tree),
          scan.positions.getEndPosition(scan.unit, tree),
          violation.rule().ordinal()
        });
    Element named =
        unwrapped.getLeaf().getKind() == Tree.Kind.IDENTIFIER ? trees.getElement(unwrapped) : null;
    if (held == null) {
      Violation told = violation;
      violation =
          CallSiteMessages.ofInferredLocal(
              violation,
              type,
              named != null && named.getKind() == ElementKind.LOCAL_VARIABLE
                  ? named.getSimpleName().toString()
                  : null);
      TypeCastTree cast = TransferScanner.intersectionCast(argument.getLeaf());
      if (cast != null) {
        violation =
            CallSiteMessages.ofIntersectionCast(
                violation,
                type,
                ((IntersectionTypeTree) cast.getType()).getBounds().stream()
                    .map(scan.snippets::of)
                    .collect(Collectors.joining(" & ")),
                scan.snippets.of(cast.getExpression()));
      } else if (violation == told) {
        violation =
            CallSiteMessages.ofMetValues(
                violation, type, metFor(argument, violation.culprit(), crossing, elements, 0));
      }
    }
    scan.report(
        tree,
        violation.rule(),
        CrossingMessages.crossingValue(
            scan.snippets.of(tree),
            CrossingWords.phrase(crossing, method),
            TypePrinter.print(type),
            violation.culprit(),
            violation.reason(),
            CallSiteMessages.lambdaParameterFix(
                CallSiteMessages.forwardingFix(
                    scan.callSiteFix(violation, crossing, method, tree),
                    violation,
                    type,
                    crossing,
                    named == null ? null : Markers.Slot.of(named)),
                named,
                isLambdaParameter(named))));
  }

  /**
   * The values whose types met where the compiler inferred {@code argument}'s type: a conditional's
   * or switch's results, or a generic call's arguments (past parentheses); null for any other
   * value. See {@link CallSiteMessages#ofMetValues}.
   */
  private CallSiteMessages.Met met(TreePath argument, Crossing crossing, boolean elements) {
    List<TreePath> results = PolyResults.of(argument);
    if (results != null) {
      return new CallSiteMessages.Met(
          null, null, null, false, operands(results, crossing, elements));
    }
    TreePath path = argument;
    while (path.getLeaf() instanceof ParenthesizedTree parenthesized) {
      path = new TreePath(path, parenthesized.getExpression());
    }
    if (!(path.getLeaf() instanceof MethodInvocationTree call)
        || !(trees.getElement(path) instanceof ExecutableElement method)
        || method.getTypeParameters().isEmpty()) {
      return null;
    }
    List<TreePath> arguments = new ArrayList<>();
    for (ExpressionTree each : call.getArguments()) {
      arguments.add(new TreePath(path, each));
    }
    String qualifier =
        call.getMethodSelect() instanceof MemberSelectTree select
            ? scan.snippets.of(select.getExpression())
            : method.getModifiers().contains(Modifier.STATIC)
                ? method.getEnclosingElement().getSimpleName().toString()
                : "this";
    return new CallSiteMessages.Met(
        method.getSimpleName().toString(),
        qualifier,
        method.getTypeParameters().size() == 1
            ? method.getTypeParameters().get(0).getSimpleName().toString()
            : null,
        returnedArguments(argument) != null,
        operands(arguments, crossing, false));
  }

  /**
   * The values whose types met in the intersection {@code culprit}, where the compiler inferred it
   * for {@code argument} ({@link #met}) or for a value inside it: a generic call's or
   * constructor's argument or receiver whose type holds it ({@code flag ? "a" : 1} of {@code
   * Optional.of(flag ? "a" : 1)}, {@code List.of("a", 1)} of {@code new ArrayList<>(List.of("a",
   * 1))}, {@code Stream.of(4, "x")} of {@code Stream.of(4, "x").toList()}), or the initializer of
   * a {@code var} local named ({@code l} of {@code var l = List.of(new Ok<>("a"), new
   * Err<>("b"))}). Null where none is found.
   */
  CallSiteMessages.Met metFor(
      TreePath argument, String culprit, Crossing crossing, boolean elements, int depth) {
    TypeMirror type = trees.getTypeMirror(argument);
    if (type == null || depth > 6) {
      return null;
    }
    CallSiteMessages.Met met = met(argument, crossing, elements);
    if (met != null
        && met.operands().size() >= 2
        && CallSiteMessages.inferredIntersection(type, culprit)) {
      return met;
    }
    TreePath value = argument;
    while (value.getLeaf() instanceof ParenthesizedTree parenthesized) {
      value = new TreePath(value, parenthesized.getExpression());
    }
    List<TreePath> inner = new ArrayList<>();
    if (value.getLeaf().getKind() == Tree.Kind.IDENTIFIER) {
      Element local = trees.getElement(value);
      if (depth > 0 || local == null || local.getKind() != ElementKind.LOCAL_VARIABLE) {
        return null;
      }
      List<TreePath> values = aliases.valuesOf(value);
      if (values == null || values.size() != 1) {
        return null; // assigned more than once: which value gave it its type is not one place
      }
      CallSiteMessages.Met found = metFor(values.get(0), culprit, crossing, false, depth + 1);
      return found == null
          ? null
          : found.inLocal(
              local.getSimpleName().toString(),
              CallSiteMessages.writableLocalType(local.asType(), culprit));
    } else if (value.getLeaf() instanceof MethodInvocationTree call) {
      if (call.getMethodSelect() instanceof MemberSelectTree select) {
        inner.add(new TreePath(new TreePath(value, select), select.getExpression()));
      }
      for (ExpressionTree each : call.getArguments()) {
        inner.add(new TreePath(value, each));
      }
    } else if (value.getLeaf() instanceof NewClassTree created) {
      for (ExpressionTree each : created.getArguments()) {
        inner.add(new TreePath(value, each));
      }
    } else if (met != null && met.callee() == null) {
      return null; // a conditional whose results do not hold it each
    }
    TreePath holder = null;
    for (TreePath each : inner) {
      TypeMirror held = trees.getTypeMirror(each);
      if (held != null && TypePrinter.print(held).contains(culprit)) {
        if (holder != null) {
          return null; // in more than one: name no one
        }
        holder = each;
      }
    }
    if (holder == null) {
      return null;
    }
    CallSiteMessages.Met found = metFor(holder, culprit, crossing, false, depth + 1);
    return found == null
        ? null
        : found.inside(scan.snippets.of(unwrapParentheses(holder).getLeaf()));
  }

  private static TreePath unwrapParentheses(TreePath path) {
    TreePath value = path;
    while (value.getLeaf() instanceof ParenthesizedTree parenthesized) {
      value = new TreePath(value, parenthesized.getExpression());
    }
    return value;
  }

  private List<CallSiteMessages.Operand> operands(
      List<TreePath> values, Crossing crossing, boolean elements) {
    List<CallSiteMessages.Operand> operands = new ArrayList<>();
    for (TreePath value : values) {
      TypeMirror type = trees.getTypeMirror(value);
      if (type == null) {
        return List.of(); // not attributed: name nothing rather than guess
      }
      if (type.getKind().isPrimitive()) {
        type = types.boxedClass((javax.lang.model.type.PrimitiveType) type).asType();
      }
      operands.add(
          new CallSiteMessages.Operand(
              scan.snippets.of(value.getLeaf()),
              TypePrinter.print(type),
              type.getKind() == TypeKind.NULL
                  || scan.violationOf(CrossingTypes.uncaptured(type), crossing, elements) == null,
              value.getLeaf() instanceof NewClassTree created
                  && created.getIdentifier() instanceof ParameterizedTypeTree written
                  && written.getTypeArguments().isEmpty()));
    }
    return operands;
  }

  /**
   * Whether {@code value}'s type was taken from a declaration in this compilation that writes it
   * and is told there by {@code rule} ({@link WrittenTypes}): the result of a method declared to
   * return it ({@code Ferry.spawn(Main::w, lib())} for {@code Channel<Vector<String>> lib()}), a
   * generic call whose arguments give its type and are such results ({@code List.of(lib())}), or
   * a value of the type a spawn target's parameter is declared with ({@code Ferry.spawn(Main::child,
   * Channel.create())} for {@code child(Channel<StringBuilder> c)}). One mistake, told once where
   * the type is written, which is where the user changes it.
   */
  private boolean typeFromToldDeclaration(TreePath value, TypeMirror type, Rule rule) {
    return resultOfToldDeclaration(value, rule, 0) || ofToldTargetParameter(type, rule);
  }

  private boolean resultOfToldDeclaration(TreePath value, Rule rule, int depth) {
    TreePath unwrapped = TransferScanner.unwrap(value);
    if (depth > MAX_DECLARATION_DEPTH
        || !(unwrapped.getLeaf() instanceof MethodInvocationTree call)
        || !(trees.getElement(unwrapped) instanceof ExecutableElement called)) {
      return false;
    }
    List<TypeParameterElement> variables = new ArrayList<>();
    SentVariables.forEachVariable(called.getReturnType(), variables::add);
    if (variables.isEmpty()) {
      return toldWhereDeclared(called, called.getReturnType(), rule);
    }
    if (variables.size() != 1 || !call.getTypeArguments().isEmpty()) {
      return false;
    }
    int count = call.getArguments().size();
    int[] giving =
        CrossingTypes.argumentsGiving(
            called, variables.get(0).asType(), count, spreadsVarargs(called, count, unwrapped));
    if (giving == null || giving.length == 0) {
      return false;
    }
    for (int i : giving) {
      if (!resultOfToldDeclaration(
          new TreePath(unwrapped, call.getArguments().get(i)), rule, depth + 1)) {
        return false;
      }
    }
    return true;
  }

  /** Whether a method reference the call passes declares a parameter of {@code type}, told. */
  private boolean ofToldTargetParameter(TypeMirror type, Rule rule) {
    if (!(scan.getCurrentPath().getLeaf() instanceof MethodInvocationTree call)) {
      return false;
    }
    for (ExpressionTree argument : call.getArguments()) {
      if (argument instanceof MemberReferenceTree
          && trees.getElement(new TreePath(scan.getCurrentPath(), argument))
              instanceof ExecutableElement target) {
        for (VariableElement parameter : target.getParameters()) {
          if (types.isSameType(parameter.asType(), type)
              && toldWhereDeclared(parameter, parameter.asType(), rule)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /** Whether {@code declaration}, in this compilation and not silenced, writes a type told. */
  private boolean toldWhereDeclared(Element declaration, TypeMirror written, Rule rule) {
    return trees.getPath(declaration) != null
        && !Suppressions.isSuppressed(declaration, rule)
        && WrittenTypes.toldWhereWritten(written, rule, sentVariables, analyzer.memberTypes());
  }

  private static final int MAX_DECLARATION_DEPTH = 8;

  /**
   * Whether {@code variable} is a lambda's parameter: javac makes the method the lambda is written
   * in its enclosing element, among whose own parameters it is not.
   */
  static boolean isLambdaParameter(Element variable) {
    return variable != null
        && variable.getKind() == ElementKind.PARAMETER
        && Markers.Slot.of(variable) == null;
  }

  /**
   * Whether {@code value}, handed to a child where an {@code @InheritOnly} value may go, names a
   * local or parameter whose declaration was reported already for what its holder would send:
   * {@code static void start(Chan<Ports> meta) { Ferry.spawn(Main::child, meta); }} is one
   * mistake, told where the type is written, and so is a {@code Chan<Thread>} (not-transferable).
   * Declarations are scanned before their uses. Shared with the ECJ scanner's {@code
   * namesReportedDeclaration}.
   */
  private boolean namesReportedDeclaration(TreePath value, Crossing crossing) {
    if (!crossing.allowsInheritOnly()
        || scan.reportedAt.isEmpty()
        || value.getLeaf().getKind() != Tree.Kind.IDENTIFIER
        || !(trees.getElement(value) instanceof VariableElement variable)
        || (variable.getKind() != ElementKind.LOCAL_VARIABLE
            && variable.getKind() != ElementKind.PARAMETER)) {
      return false;
    }
    TreePath declaration = trees.getPath(variable);
    if (declaration == null || declaration.getCompilationUnit() != scan.unit) {
      return false;
    }
    long start = scan.positions.getStartPosition(scan.unit, declaration.getLeaf());
    long end = scan.positions.getEndPosition(scan.unit, declaration.getLeaf());
    return scan.reportedAt.stream().anyMatch(at -> start <= at && at < end);
  }

  /**
   * An {@code @InheritOnly} value that an argument refused as not-transferable holds: {@code value}
   * with its own {@code type} and {@code violation}; {@code alias} is the local the argument names
   * when the value is what that local holds, or null when the value is the argument's own part;
   * {@code holder}, the use of that local where it holds that one value and nothing else (its
   * initializer or its one assignment is the value itself: {@code Object o = jobs;}), else null.
   */
  record Held(
      TreePath value, TypeMirror type, Violation violation, Element alias, TreePath holder) {}

  /**
   * What an argument refused as not-transferable holds, when that is an {@code @InheritOnly} value:
   * the type written or inferred for the argument hides the handles, and the fix it would get
   * (declare a @Transferable type) cannot make them cross. Found past casts ({@code (Object)
   * channel}); in the arguments a generic method may return as its result ({@code pick(job,
   * channel)} for {@code <T> T pick(T a, T b)}, where {@code T} is inferred as {@code Object}), one
   * of which is the value sent; and, only where every value it may hold is such a value ({@link
   * LocalAliases}), in a local ({@code Object o = channel;}). {@code calls}: whether a generic
   * call counts, not inside a local, whose every value must be one. Null otherwise.
   */
  Held held(
      TreePath value, Crossing crossing, boolean calls, int depth, Set<Element> seen) {
    TreePath unwrapped = assigned(TransferScanner.unwrap(value));
    TypeMirror own = trees.getTypeMirror(unwrapped);
    Violation violation = own == null ? null : inheritOnlyViolation(own, crossing);
    if (violation != null) {
      return new Held(unwrapped, CrossingTypes.uncaptured(own), violation, null, null);
    }
    if (depth >= MAX_ALIASES) {
      return null;
    }
    List<TreePath> results = PolyResults.of(unwrapped);
    if (results != null) {
      return heldByEach(results, crossing, calls, depth, seen);
    }
    if (calls && unwrapped.getLeaf() instanceof MethodInvocationTree call) {
      return heldByAReturnedArgument(unwrapped, call, crossing, depth, seen);
    }
    if (unwrapped.getLeaf().getKind() == Tree.Kind.IDENTIFIER
        && trees.getElement(unwrapped) instanceof VariableElement local
        && seen.add(local)) {
      List<TreePath> values = aliases.valuesOf(unwrapped);
      Held each = values == null ? null : heldByEach(values, crossing, false, depth, seen);
      if (each == null) {
        return null;
      }
      boolean only =
          values.size() == 1
              && each.alias() == null
              && each.value().getLeaf()
                  == assigned(TransferScanner.unwrap(values.get(0))).getLeaf();
      return new Held(each.value(), each.type(), each.violation(), local, only ? unwrapped : null);
    }
    return null;
  }

  /** The first of {@code values} when each holds an @InheritOnly value, else null. */
  private Held heldByEach(
      List<TreePath> values,
      Crossing crossing,
      boolean calls,
      int depth,
      Set<Element> seen) {
    Held first = null;
    for (TreePath value : values) {
      Held held = held(value, crossing, calls, depth + 1, seen);
      if (held == null) {
        return null;
      }
      first = first == null ? held : first;
    }
    return first;
  }

  /** The first argument of a generic call that it may return and that holds an @InheritOnly value. */
  private Held heldByAReturnedArgument(
      TreePath path, MethodInvocationTree call, Crossing crossing, int depth, Set<Element> seen) {
    if (!(trees.getElement(path) instanceof ExecutableElement method)) {
      return null;
    }
    List<? extends ExpressionTree> arguments = call.getArguments();
    boolean spread = spreadsVarargs(method, arguments.size(), path);
    TypeMirror result = trees.getTypeMirror(path);
    for (int i = 0; i < arguments.size(); i++) {
      if (CrossingTypes.mayReturnArgument(method, i, spread)
          || hidesHeldArgument(result, CrossingTypes.heldArgumentPosition(method, i, spread), crossing)) {
        Held held = held(new TreePath(path, arguments.get(i)), crossing, true, depth + 1, seen);
        if (held != null) {
          return held;
        }
      }
    }
    return null;
  }

  /**
   * The arguments of a call passed as a value, past parentheses, one of which it returns as far as
   * types tell ({@link CrossingTypes#returnsOnlyArguments}); null for any other value. The compiler infers the
   * call's type as their common supertype ({@code Object} for {@code pick(job, "x")}), as it types
   * a conditional {@code flag ? job : "x"}, while what crosses is one of them, with its own class.
   */
  private List<TreePath> returnedArguments(TreePath argument) {
    TreePath path = argument;
    while (path.getLeaf() instanceof ParenthesizedTree parenthesized) {
      path = new TreePath(path, parenthesized.getExpression());
    }
    if (!(path.getLeaf() instanceof MethodInvocationTree call)
        || !(trees.getElement(path) instanceof ExecutableElement method)) {
      return null;
    }
    List<? extends ExpressionTree> arguments = call.getArguments();
    boolean spread = spreadsVarargs(method, arguments.size(), path);
    if (!CrossingTypes.returnsOnlyArguments(method, spread)) {
      return null;
    }
    List<TreePath> results = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      if (CrossingTypes.mayReturnArgument(method, i, spread)) {
        results.add(new TreePath(path, arguments.get(i)));
      }
    }
    return results.isEmpty() ? null : results;
  }

  /** Whether a call of {@code method} with {@code count} arguments passes its varargs one by one. */
  boolean spreadsVarargs(ExecutableElement method, int count, TreePath call) {
    if (!method.isVarArgs() || count != method.getParameters().size()) {
      return method.isVarArgs();
    }
    List<? extends ExpressionTree> arguments = ((MethodInvocationTree) call.getLeaf()).getArguments();
    TypeMirror last = trees.getTypeMirror(new TreePath(call, arguments.get(count - 1)));
    return last == null || last.getKind() != TypeKind.ARRAY;
  }

  /**
   * Whether the type argument at {@code position} of a call's {@code result} ({@code Object} of the
   * {@code List<Object>} of {@code List.of(job, jobs)}) hides the @InheritOnly values the arguments
   * of its variable may be: one that shows them ({@code Map.entry("a", channel)}) is told as it is.
   */
  private boolean hidesHeldArgument(TypeMirror result, int position, Crossing crossing) {
    return position >= 0
        && result instanceof DeclaredType declared
        && position < declared.getTypeArguments().size()
        && inheritOnlyViolation(declared.getTypeArguments().get(position), crossing) == null;
  }

  /** The violation of an @InheritOnly value of {@code type} where it crosses, else null. */
  private Violation inheritOnlyViolation(TypeMirror type, Crossing crossing) {
    type = CrossingTypes.uncaptured(type);
    if (CrossingTypes.isUnchecked(type)) {
      return null;
    }
    return CrossingTypes.inheritOnly(verdicts.resolveValue(type, crossing.allowsInheritOnly()));
  }

  /** A local that holds only @InheritOnly values, sent: told with the value it holds. */
  private void reportHeld(Tree tree, Held held, Crossing crossing, ExecutableElement method) {
    scan.reportedValues.add(
        new long[] {
          scan.positions.getStartPosition(scan.unit, tree),
          scan.positions.getEndPosition(scan.unit, tree),
          held.violation().rule().ordinal()
        });
    scan.report(
        tree,
        held.violation().rule(),
        CrossingMessages.heldValue(
            scan.snippets.of(tree),
            CrossingWords.phrase(crossing, method),
            scan.snippets.of(held.value().getLeaf()),
            TypePrinter.print(held.type()),
            held.violation().culprit(),
            held.violation().reason(),
            scan.callSiteFix(held.violation(), crossing, method, tree)));
  }

  /**
   * The {@code @InheritOnly} value a spawn argument refused as not-transferable holds ({@code
   * Object a = jobs}, {@code (Object) jobs}), found as a send would find it, else null: at spawn
   * the handle itself is legal, and its hiding type is what to change.
   */
  private Held hiddenAtSpawn(
      TreePath argument,
      TypeMirror type,
      Crossing crossing,
      Violation violation,
      boolean elements) {
    if (!CallSiteMessages.mayHideAHandleAtSpawn(type, crossing, violation, elements)) {
      return null;
    }
    Held held = held(argument, Crossing.SENT, true, 0, new HashSet<>());
    return held != null && CallSiteMessages.hiddenBy(held.type(), type) ? held : null;
  }

  /**
   * The {@code @InheritOnly} value written among the values a spawn argument's call builds a
   * collection of, whose element type hides it ({@code jobs} of {@code List.of(job, jobs)}, a
   * {@code List<Object>}), found as a send would find it ({@link #heldByAReturnedArgument}), else
   * null. One a local holds only where it holds nothing else ({@code Object o = jobs;} for {@code
   * List.of(job, o)}, see {@link Held#holder}); where it may hold another value, or holds one
   * through another local, that local's type is what to change.
   */
  private Held hiddenAmongElementsAtSpawn(
      TreePath argument,
      TypeMirror type,
      Crossing crossing,
      Violation violation,
      boolean elements) {
    if (!CallSiteMessages.mayHideAHandleAmongElementsAtSpawn(type, crossing, violation, elements)
        || !(TransferScanner.unwrap(argument).getLeaf() instanceof MethodInvocationTree)) {
      return null;
    }
    Held held = held(argument, Crossing.SENT, true, 0, new HashSet<>());
    // Inside the argument, and fine as an argument of its own, as the fix tells: not the argument
    // itself (Map.entry("a", jobs), whose own type shows the handle), nor Map.entry among others.
    return held != null
            && (held.alias() == null || held.holder() != null)
            && held.value().getLeaf() != TransferScanner.unwrap(argument).getLeaf()
            && scan.violationOf(held.type(), crossing) == null
        ? held
        : null;
  }

  /** Records {@code tree} as a value told by {@code rule} ({@link TransferScanner#reportedValues}). */
  private void reportedValue(Tree tree, Rule rule) {
    scan.reportedValues.add(
        new long[] {
          scan.positions.getStartPosition(scan.unit, tree),
          scan.positions.getEndPosition(scan.unit, tree),
          rule.ordinal()
        });
  }

  /**
   * A spawn argument's collection whose element type hides a handle: told on that handle, or on
   * the local written there that holds it.
   */
  private void reportHiddenElementAtSpawn(
      Tree tree, Held hidden, TypeMirror type, Violation violation, ExecutableElement method) {
    reportedValue(tree, Rule.NOT_TRANSFERABLE);
    Tree at = hidden.holder() != null ? hidden.holder().getLeaf() : hidden.value().getLeaf();
    scan.report(
        at,
        Rule.NOT_TRANSFERABLE,
        CrossingMessages.hiddenSpawnElement(
            scan.snippets.of(at),
            hidden.holder() != null ? scan.snippets.of(hidden.value().getLeaf()) : null,
            TypePrinter.print(hidden.type()),
            CrossingWords.phrase(Crossing.SPAWNED, method),
            scan.snippets.of(tree),
            TypePrinter.print(type),
            violation.culprit(),
            violation.reason()));
  }

  /** A spawn argument whose type hides the handle it holds: told with that handle. */
  private void reportHiddenAtSpawn(
      Tree tree, Held hidden, TypeMirror type, ExecutableElement method) {
    reportedValue(tree, Rule.NOT_TRANSFERABLE);
    scan.report(
        tree,
        Rule.NOT_TRANSFERABLE,
        CrossingMessages.hiddenSpawnValue(
            scan.snippets.of(tree),
            CrossingWords.phrase(Crossing.SPAWNED, method),
            scan.snippets.of(hidden.value().getLeaf()),
            TypePrinter.print(hidden.type()),
            TypePrinter.print(type)));
  }
}
