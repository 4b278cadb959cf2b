package dev.ferry.processor.checker;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IntersectionTypeTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParameterizedTypeTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.SourcePositions;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.source.util.Trees;
import dev.ferry.processor.checker.CrossingTypes.TargetReceiver;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
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
  private final javax.lang.model.util.Elements elements;
  private final javax.lang.model.util.Types types;
  private final TypeAnalyzer analyzer;
  private final Verdicts verdicts;
  final CompilationUnitTree unit;
  final SourcePositions positions;
  /** The unit's code as messages quote it. */
  final Snippets snippets;
  private final Set<Long> reported = new HashSet<>();
  /** The rule of each problem reported so far, in order. */
  private final List<Rule> reportedRules = new ArrayList<>();
  /** Positions (not rules) at which an error was reported: a tree gets one error at most. */
  final Set<Long> reportedAt = new HashSet<>();
  /** Start, end and rule of each value reported where it crosses (see {@link #inReportedValue}). */
  final List<long[]> reportedValues = new ArrayList<>();
  /**
   * Arguments that an instance method reference given as a spawn target would be called on
   * ({@code this} in {@code pool.submit(Main::inst, this, 3)}): told with the target, not again
   * as values that cross, since the fix (make the method static) changes what the call passes.
   */
  final Set<Tree> targetReceivers = new HashSet<>();
  /**
   * Start, end and rule of each argument told as one with a value ({@link
   * InstantiatedVariables#coverCarriers}), or told itself as the carrier of a crossing variable
   * ({@link InstantiatedVariables#checkInstantiated}).
   */
  final List<long[]> coveredArguments = new ArrayList<>();
  private final Reporter reporter;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final CrossingValues crossingValues;
  private final SpawnTargets spawnTargets;
  private final InstantiatedVariables instantiatedVariables;
  private final ReferencedValues referencedValues;
  private final LocalClasses localClasses;
  private final TypeArguments typeArguments;
  /** Silent: only notes which type variables cross (see {@link SentVariables}), reports nothing. */
  private final boolean silent;
  /** Whether javac reported an error in this unit; found out at the first report. */
  private Boolean unitHasErrors;

  /**
   * @param declarationChecked told the name of each annotated type whose declaration it checked
   * @param silent whether to only note crossing type variables and report nothing
   */
  TransferScanner(
      CheckerState state, CompilationUnitTree unit, Consumer<String> declarationChecked, boolean silent) {
    this.trees = state.trees();
    this.elements = state.elements();
    this.types = state.types();
    this.markers = state.markers();
    this.sentVariables = state.sentVariables();
    this.reporter = state.reporter();
    this.analyzer = state.analyzer();
    this.verdicts = state.verdicts();
    this.unit = unit;
    this.positions = trees.getSourcePositions();
    this.snippets = new Snippets(unit, positions);
    this.silent = silent;
    this.crossingValues = new CrossingValues(this, state);
    this.spawnTargets = new SpawnTargets(this, state, crossingValues);
    this.instantiatedVariables =
        new InstantiatedVariables(this, state, crossingValues, spawnTargets);
    this.referencedValues = new ReferencedValues(this, state, instantiatedVariables);
    this.localClasses = new LocalClasses(this, state, declarationChecked);
    this.typeArguments = new TypeArguments(this, state);
  }

  // ---- annotated declarations ----------------------------------------------------------------

  @Override
  public Void visitClass(ClassTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof TypeElement type) {
      if (FerryAnnotations.find(type, "javax.annotation.processing.Generated").isPresent()) {
        return null; // our own codecs, or another generator's code: not the user's to fix
      }
      if (!silent && FerryAnnotations.hasCodec(type)) {
        try {
          localClasses.reportDeclaration(tree, type);
        } catch (RuntimeException | LinkageError failure) {
          reporter.reportInternal(type, failure);
        }
      } else if (!silent) {
        analyzer
            .localCodecDeclarer(type)
            .ifPresent(problem -> localClasses.reportProblem(tree, type, problem));
      }
      // Messages print names as the code of the innermost class reads them.
      return TypePrinter.within(elements, type, () -> super.visitClass(tree, unused));
    }
    return super.visitClass(tree, unused);
  }

  /**
   * Whether {@code tree} lies inside a value that crosses and was reported by {@code rule}
   * already: {@code Ferry.spawn(Main::run, new Bundle<Thread>(null))} is told on the value, whose
   * type names the culprit, and not again on the {@code Thread} written in it. The value is
   * checked when its call is visited, before the scanner reaches the types written inside it.
   */
  boolean inReportedValue(Tree tree, Rule rule) {
    return within(tree, rule, reportedValues) || within(tree, rule, coveredArguments);
  }

  /** Whether {@code tree} starts inside one of {@code told}, told by {@code rule}. */
  boolean within(Tree tree, Rule rule, List<long[]> told) {
    long start = positions.getStartPosition(unit, tree);
    for (long[] value : told) {
      if (value[0] <= start && start < value[1] && value[2] == rule.ordinal()) {
        return true;
      }
    }
    return false;
  }

  // ---- arguments -------------------------------------------------------------------------------

  @Override
  public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof ExecutableElement method) {
      TypeElement receiver = receiverClass(method, tree);
      TypeMirror on = receiverType(tree, receiver);
      Crossing[] marked = withRawVariables(markers.parametersOf(method, receiver), method, on);
      checkArguments(method, marked, tree.getArguments());
      checkRawWithin(method, marked, on, tree.getArguments());
      if (!tree.getTypeArguments().isEmpty()) {
        typeArguments.checkTypeArguments(method, receiver, tree.getTypeArguments());
      } else if (!method.getTypeParameters().isEmpty()) {
        instantiatedVariables.checkInstantiation(
            method, receiver, tree.getMethodSelect(), tree.getArguments());
      }
      checkInferredReceiver(method, tree);
    }
    return super.visitMethodInvocation(tree, unused);
  }

  /**
   * A receiver whose type arguments javac inferred with no type written anywhere: a diamond or a
   * generic method's call used at once ({@code new Outbox<>().post(job)}, {@code
   * outbox().post(job)}), which javac types alone ({@code Outbox<Object>}). For each crossing type
   * parameter of its class, also at a method the class inherits ({@code new Sub<>().post(job)} for
   * {@code Sub<U> extends Base<U>}, through {@link InheritedVariables}), an argument whose parameter is the variable itself is checked by its
   * own type, as a {@code @Sent} one is ({@code Channel.create().send(job)} stays legal); else the
   * first argument whose parameter mentions the variable carries the inferred type, which is
   * reported on the receiver. A call that passes no value of the variable sends none of it.
   */
  private void checkInferredReceiver(ExecutableElement method, MethodInvocationTree tree) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)
        || method.getModifiers().contains(javax.lang.model.element.Modifier.STATIC)) {
      return;
    }
    TreePath receiver = new TreePath(new TreePath(getCurrentPath(), select), select.getExpression());
    while (receiver.getLeaf() instanceof ParenthesizedTree parenthesized) {
      receiver = new TreePath(receiver, parenthesized.getExpression());
    }
    if (!(receiver.getLeaf() instanceof ExpressionTree expression)
        || !infersTypeArguments(expression)
        || !(trees.getTypeMirror(receiver) instanceof DeclaredType type)
        || !(type.asElement() instanceof TypeElement owner)) {
      return;
    }
    InheritedVariables view = InheritedVariables.of(owner, method);
    if (view == null) {
      return; // a method of Object on an interface's receiver: it passes no value of the class's
    }
    List<? extends ExpressionTree> arguments = tree.getArguments();
    List<? extends VariableElement> parameters = method.getParameters();
    boolean spread =
        method.isVarArgs()
            && !passesArrayAsVarargs(parameters.get(parameters.size() - 1), arguments);
    for (CallCarriers.ReceiverPlan each :
        CallCarriers.ofReceiver(
            owner, type.getTypeArguments().size(), method, view, sentVariables.of(owner),
            markers.parametersOf(method), arguments.size(), spread)) {
      TypeParameterElement variable = each.variable();
      CallCarriers.Plan plan = each.plan();
      for (int i : plan.direct()) {
        crossingValues.checkValue(
            new TreePath(getCurrentPath(), arguments.get(i)), each.crossing(), method, false);
      }
      int array = CallCarriers.arrayOfVariable(method, view, variable, arguments.size(), spread);
      if (array >= 0) {
        TreePath elements = new TreePath(getCurrentPath(), arguments.get(array));
        crossingValues.checkValue(elements, each.crossing(), method, true);
      }
      long told =
          instantiatedVariables.coverCarriers(
              CallCarriers.carrying(method, view, variable, arguments.size(), spread), arguments);
      if (plan.direct().length == 0 && array < 0 && plan.carrier() >= 0) {
        checkReceiverType(
            receiver, owner, variable, type.getTypeArguments().get(each.index()), each.crossing(),
            told);
      }
    }
  }

  /** Reports the type a receiver's inference gave a crossing type variable of its class. */
  void checkReceiverType(
      TreePath receiver, TypeElement owner, TypeParameterElement variable, TypeMirror type,
      Crossing crossing, long told) {
    type = CrossingTypes.sentTypeOf(type);
    if (type == null) {
      return;
    }
    Violation violation = violationOf(type, crossing);
    if (violation == null
        || violation.rule().ordinal() == told
        || reportedAt.contains(positionKey(receiver.getLeaf()))) {
      return;
    }
    report(
        receiver.getLeaf(),
        violation.rule(),
        CallSiteMessages.receiverMessage(
            snippets.of(receiver.getLeaf()), owner, variable, type, crossing, violation));
  }

  @Override
  public Void visitNewClass(NewClassTree tree, Void unused) {
    Element element =
        tree.getClassBody() == null
            ? trees.getElement(getCurrentPath())
            : superConstructorOf(tree.getClassBody());
    if (element instanceof ExecutableElement constructor) {
      TypeMirror created = createdType(tree);
      Crossing[] marked = withRawVariables(markers.parametersOf(constructor), constructor, created);
      checkArguments(constructor, marked, tree.getArguments());
      checkRawWithin(constructor, marked, created, tree.getArguments());
      checkConstructorVariables(constructor, tree);
      checkDiamond(constructor, tree);
    }
    return super.visitNewClass(tree, unused);
  }

  /**
   * A diamond's crossing class variables, which javac inferred from the arguments as it infers a
   * generic method's ({@code new Sender<>(Channel.create(), thread)} for {@code Sender(Channel<T>
   * c, T v)} is a {@code Sender<Thread>}): each checked on the argument that carries it, as at a
   * generic method's call ({@link InstantiatedVariables#checkVariable}); not again where the
   * result goes to a type written and reported, nor where a call on it told the creation as its
   * receiver ({@link #checkInferredReceiver}). An anonymous class's diamond, {@code new
   * Holding<>(thread) {}}, by the class it extends.
   */
  private void checkDiamond(ExecutableElement constructor, NewClassTree tree) {
    if (!(tree.getIdentifier() instanceof ParameterizedTypeTree written)
        || !written.getTypeArguments().isEmpty()
        || tree.getArguments().isEmpty()
        || reportedAt.contains(positionKey(tree))
        || !(createdType(tree) instanceof DeclaredType type)
        || !(type.asElement() instanceof TypeElement owner)) {
      return;
    }
    Crossing[] crossings = sentVariables.of(owner);
    if (crossings.length == 0 || writtenTargetReported()) {
      return;
    }
    for (int v = 0; v < crossings.length && v < type.getTypeArguments().size(); v++) {
      if (crossings[v] != null) {
        instantiatedVariables.checkVariable(
            constructor, owner.getTypeParameters().get(v), crossings[v],
            type.getTypeArguments().get(v), tree.getArguments());
      }
    }
  }

  /** The type a creation makes: for an anonymous class, the class it extends, whose constructor it calls. */
  private TypeMirror createdType(NewClassTree tree) {
    TypeMirror type = trees.getTypeMirror(getCurrentPath());
    return tree.getClassBody() != null
            && type instanceof DeclaredType anonymous
            && anonymous.asElement() instanceof TypeElement body
        ? body.getSuperclass()
        : type;
  }

  /**
   * A generic constructor's crossing type variables ({@code <@Sent T> Envelope(T value)}): written
   * ({@code new <Thread>Envelope(null)}), or carried by an argument whose parameter is the
   * variable itself, checked by its own type, or one that mentions it ({@code Envelope(List<T>
   * values)}), by the type that stands for it in the argument's ({@link CallCarriers#typeWithin}):
   * javac's trees give a creation no instantiated signature of its constructor.
   */
  private void checkConstructorVariables(ExecutableElement constructor, NewClassTree tree) {
    if (constructor.getTypeParameters().isEmpty()) {
      return;
    }
    if (!tree.getTypeArguments().isEmpty()) {
      typeArguments.checkTypeArguments(constructor, null, tree.getTypeArguments());
      return;
    }
    Crossing[] crossings = sentVariables.of(constructor);
    for (int i = 0; i < crossings.length; i++) {
      if (crossings[i] != null) {
        instantiatedVariables.checkVariable(
            constructor, constructor.getTypeParameters().get(i), crossings[i], null,
            tree.getArguments());
      }
    }
  }

  /**
   * The constructor an anonymous class's creation calls with its arguments. javac gives the class
   * a constructor of its own, unmarked, which passes them on ({@code super(value)}); the marked
   * one is the superclass's, which that call names. Null if javac generated none.
   */
  private Element superConstructorOf(ClassTree body) {
    TreePath bodyPath = new TreePath(getCurrentPath(), body);
    for (Tree member : body.getMembers()) {
      if (member instanceof MethodTree method
          && method.getName().contentEquals("<init>")
          && method.getBody() != null
          && !method.getBody().getStatements().isEmpty()
          && method.getBody().getStatements().get(0) instanceof ExpressionStatementTree statement
          && statement.getExpression() instanceof MethodInvocationTree call) {
        TreePath methodPath = new TreePath(bodyPath, method);
        TreePath statementPath =
            new TreePath(new TreePath(methodPath, method.getBody()), statement);
        return trees.getElement(new TreePath(statementPath, call));
      }
    }
    return null;
  }

  /**
   * Skips the constructor javac generates for an anonymous class (the only one it can have): its
   * {@code super(...)} passes on the creation's arguments, which are checked at the creation.
   */
  @Override
  public Void visitMethod(MethodTree tree, Void unused) {
    if (tree.getName().contentEquals("<init>")
        && getCurrentPath().getParentPath().getLeaf() instanceof ClassTree
        && trees.getElement(getCurrentPath().getParentPath()) instanceof TypeElement type
        && type.getNestingKind() == NestingKind.ANONYMOUS) {
      return null;
    }
    return super.visitMethod(tree, unused);
  }

  /**
   * The class of the value a call is made on: as written ({@code both} in {@code both.put(x)}),
   * or for an unqualified call the innermost enclosing class that has the method; null for a
   * receiver of another kind of type. The method's markers may come from a supertype of that class
   * whose method it implements only there ({@link Markers#parametersOf(ExecutableElement,
   * TypeElement)}).
   */
  private TypeElement receiverClass(ExecutableElement method, MethodInvocationTree tree) {
    if (!(tree.getMethodSelect() instanceof MemberSelectTree select)) {
      TypeMirror owner = types.erasure(method.getEnclosingElement().asType());
      for (TreePath path = getCurrentPath(); path != null; path = path.getParentPath()) {
        if (path.getLeaf() instanceof ClassTree
            && trees.getElement(path) instanceof TypeElement enclosing
            && types.isSubtype(types.erasure(enclosing.asType()), owner)) {
          return enclosing;
        }
      }
      return null;
    }
    return classOf(new TreePath(new TreePath(getCurrentPath(), select), select.getExpression()));
  }

  /**
   * The type a call is made on: its receiver's as written, or for an unqualified call (also {@code
   * super(...)}), {@code receiver}, the enclosing class that has the method.
   */
  private TypeMirror receiverType(MethodInvocationTree tree, TypeElement receiver) {
    if (tree.getMethodSelect() instanceof MemberSelectTree select) {
      return trees.getTypeMirror(
          new TreePath(new TreePath(getCurrentPath(), select), select.getExpression()));
    }
    return receiver == null ? null : receiver.asType();
  }

  /**
   * {@code marked} with the parameters a call through a raw type sends ({@link RawVariables}),
   * where {@code receiver}, the type the call is made on, sees {@code method}'s class raw.
   */
  private Crossing[] withRawVariables(
      Crossing[] marked, ExecutableElement method, TypeMirror receiver) {
    return method.getEnclosingElement() instanceof TypeElement declaring
            && !declaring.getTypeParameters().isEmpty()
            && seesRaw(receiver, declaring)
        ? RawVariables.marked(marked, method, sentVariables.of(declaring))
        : marked;
  }

  /**
   * A call made on {@code on}, a raw type of {@code method}'s class: the types its arguments give
   * the class's crossing variables inside parameters that mention them ({@link
   * RawVariables#within}; {@code raw.setAll(lanes)} for {@code setAll(List<T> values)}), each
   * checked as where it is written as the type argument ({@code Holder<Channel<Job>>}) and told on
   * its argument. {@code marked}: the parameters checked already ({@link #withRawVariables}).
   */
  private void checkRawWithin(
      ExecutableElement method,
      Crossing[] marked,
      TypeMirror on,
      List<? extends ExpressionTree> arguments) {
    if (arguments.isEmpty()
        || !(method.getEnclosingElement() instanceof TypeElement declaring)
        || declaring.getTypeParameters().isEmpty()
        || !seesRaw(on, declaring)) {
      return;
    }
    List<? extends VariableElement> parameters = method.getParameters();
    boolean spread =
        method.isVarArgs()
            && !passesArrayAsVarargs(parameters.get(parameters.size() - 1), arguments);
    List<TypeMirror> received = new ArrayList<>();
    for (ExpressionTree argument : arguments) {
      received.add(trees.getTypeMirror(new TreePath(getCurrentPath(), argument)));
    }
    for (RawVariables.Within within :
        RawVariables.within(
            marked, method, sentVariables.of(declaring), received, spread,
            analyzer.memberTypes())) {
      reportRawWithin(arguments.get(within.argument()), within, method);
    }
  }

  /** Reports what {@code within} gives its variable on {@code at}, unless it crosses; whether told. */
  boolean reportRawWithin(Tree at, RawVariables.Within within, ExecutableElement method) {
    Violation violation = violationOf(within.type(), within.crossing());
    if (violation == null || reportedAt.contains(positionKey(at))) {
      return false;
    }
    report(
        at,
        violation.rule(),
        CallSiteMessages.rawWithinMessage(
            snippets.of(at), within, method, violation,
            callSiteFix(violation, within.crossing(), method, at)));
    return true;
  }

  /**
   * Whether {@code type} is a raw {@code declaring}, or has it as a raw supertype ({@code class Sub
   * extends Holder}, whose supertypes javac erases in turn).
   */
  boolean seesRaw(TypeMirror type, TypeElement declaring) {
    if (type instanceof TypeVariable variable) {
      type = variable.getUpperBound();
    }
    if (!(type instanceof DeclaredType declared)) {
      return false;
    }
    if (declared.asElement().equals(declaring)) {
      return declared.getTypeArguments().isEmpty();
    }
    TypeMirror erased = types.erasure(declaring.asType());
    for (TypeMirror supertype : types.directSupertypes(declared)) {
      if (types.isSubtype(types.erasure(supertype), erased)) {
        return seesRaw(supertype, declaring);
      }
    }
    return false;
  }

  /**
   * The class of {@code expression}'s type, of a type variable's by its erasure ({@code b} of a
   * {@code T extends Both}), or null.
   */
  private TypeElement classOf(TreePath expression) {
    TypeMirror type = trees.getTypeMirror(expression);
    return type != null
            && types.erasure(type) instanceof DeclaredType declared
            && declared.asElement() instanceof TypeElement owner
        ? owner
        : null;
  }

  private void checkArguments(ExecutableElement method, List<? extends ExpressionTree> arguments) {
    checkArguments(method, markers.parametersOf(method), arguments);
  }

  private void checkArguments(
      ExecutableElement method, Crossing[] crossings, List<? extends ExpressionTree> arguments) {
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
        TargetReceiver kind =
            i + 1 < arguments.size()
                    && spawnTargets.isUnboundInstanceReference(unwrap(argument))
                    && unwrap(new TreePath(getCurrentPath(), arguments.get(i + 1))).getLeaf()
                            .getKind()
                        != Tree.Kind.NULL_LITERAL
                ? CrossingTypes.receiverAfterTarget(method, crossings, i)
                : TargetReceiver.NONE; // null: no object, as the words without a receiver say
        Tree receiver = kind == TargetReceiver.NONE ? null : arguments.get(i + 1);
        if (receiver != null && !suppressedHere(Rule.SPAWN_TARGET)) {
          // Told with the target; where spawn-target is silenced the receiver is a value that
          // crosses like any other, checked by its own rule (a suppression silences one rule).
          targetReceivers.add(receiver);
        }
        spawnTargets.check(argument, receiver, kind == TargetReceiver.ELEMENTS);
      } else {
        // An array passed in place of varargs values: its elements are what crosses.
        boolean elements = !spread && method.isVarArgs() && i == last;
        crossingValues.checkValue(argument, crossing, method, elements);
      }
    }
  }

  // ---- what the place a value goes to told---------------------------------------------------

  /**
   * Whether the expression being visited goes to a place whose written type was reported already
   * ({@link InstantiatedVariables#declaredTypeReported}).
   */
  boolean writtenTargetReported() {
    if (reportedAt.isEmpty()) {
      return false;
    }
    TreePath call = getCurrentPath();
    TreePath parent = call.getParentPath();
    while (parent != null && parent.getLeaf() instanceof ParenthesizedTree) {
      call = parent;
      parent = parent.getParentPath();
    }
    Tree written = parent == null ? null : writtenTypeOfTarget(call.getLeaf(), parent);
    if (written == null) {
      return false;
    }
    long start = positions.getStartPosition(unit, written);
    long end = positions.getEndPosition(unit, written);
    return reportedAt.stream().anyMatch(at -> start <= at && at < end);
  }

  /** The written type of the place {@code value} (a child of {@code parent}) goes to, or null. */
  private Tree writtenTypeOfTarget(Tree value, TreePath parent) {
    Tree leaf = parent.getLeaf();
    if (leaf instanceof VariableTree declaration) {
      return declaration.getInitializer() == value ? declaration.getType() : null;
    }
    if (leaf instanceof AssignmentTree assignment) {
      if (assignment.getExpression() != value) {
        return null;
      }
      Element assigned = trees.getElement(new TreePath(parent, assignment.getVariable()));
      // Found only when an error is about to be told twice: getPath scans the unit for the
      // declaration, a local's too.
      TreePath declaration = assigned == null ? null : trees.getPath(assigned);
      return declaration != null && declaration.getLeaf() instanceof VariableTree variable
          ? variable.getType()
          : null;
    }
    if (leaf instanceof ReturnTree) {
      for (TreePath up = parent.getParentPath(); up != null; up = up.getParentPath()) {
        if (up.getLeaf() instanceof LambdaExpressionTree || up.getLeaf() instanceof ClassTree) {
          return null;
        }
        if (up.getLeaf() instanceof MethodTree enclosing) {
          return enclosing.getReturnType();
        }
      }
    }
    return null;
  }

  // ---- method references ---------------------------------------------------------------------

  /**
   * A method reference is a call made later, with the values its functional interface receives:
   * {@code lanes.forEach(Dispatcher::post)} hands each lane to {@code post}, as {@code c ->
   * post(c)} would, so a marked parameter of {@code post} is checked with the type the functional
   * interface gives it (or, for a crossing type variable that is the parameter's whole type, the
   * same). Explicit type arguments ({@code Channel::<Thread>create}) are checked where written.
   */
  @Override
  public Void visitMemberReference(MemberReferenceTree tree, Void unused) {
    Element element = trees.getElement(getCurrentPath());
    if (element instanceof ExecutableElement method) {
      TypeElement receiver =
          classOf(new TreePath(getCurrentPath(), tree.getQualifierExpression()));
      if (tree.getTypeArguments() != null && !tree.getTypeArguments().isEmpty()) {
        typeArguments.checkTypeArguments(method, receiver, tree.getTypeArguments());
      }
      referencedValues.check(tree, method, receiver);
    }
    return super.visitMemberReference(tree, unused);
  }

  // ---- verdicts and fixes, shared by the checks ------------------------------------------

  /**
   * Whether a method reference's qualifier names a type ({@code Job::id}, {@code int[]::clone}),
   * not an object: an array type has no element.
   */
  boolean namesType(TreePath qualifier) {
    return qualifier.getLeaf().getKind() == Tree.Kind.ARRAY_TYPE
        || trees.getElement(qualifier) instanceof TypeElement;
  }

  /**
   * Why a value of {@code type} cannot cross as {@code crossing}, or null when it can or is not
   * checked here; notes the type variables it mentions as crossing (see {@link SentVariables}).
   */
  Violation violationOf(TypeMirror type, Crossing crossing) {
    return violationOf(type, crossing, false);
  }

  /**
   * {@link #violationOf} for the class a literal names, which is the class reading is asked to
   * build ({@code Codecs.decode(bytes, LinkedList.class)}, {@code Codecs.of(...)}): one that reading
   * builds another class for is refused, as in {@code Channel<LinkedList<String>>}.
   */
  Violation literalViolation(TypeMirror named, Crossing crossing) {
    TypeMirror declared = verdicts.literalAsValue(named);
    // Box.class is checked as Box<T>, whose T is Box's own: the literal sends no value of it, and
    // noting it as crossing made every Box<Object> the unit wrote after the literal an error.
    Violation asValue = unnotedViolationOf(CrossingTypes.uncaptured(declared), crossing, false);
    if (asValue != null || CrossingTypes.isUnchecked(CrossingTypes.uncaptured(declared))) {
      return asValue;
    }
    Resolution readBack = verdicts.readBackOfLiteral(named, crossing.allowsInheritOnly());
    return readBack.unresolved() ? null : readBack.violation();
  }

  /** {@code elements}: {@code type} is an array passed in place of varargs values. */
  Violation violationOf(TypeMirror type, Crossing crossing, boolean elements) {
    type = CrossingTypes.uncaptured(type);
    sentVariables.noteAll(type, crossing);
    return unnotedViolationOf(type, crossing, elements);
  }

  /**
   * {@link #violationOf} without noting the type variables {@code type} mentions as crossing: for
   * a type that holds none of the code around it (a class literal's, checked as its class declares
   * it).
   */
  private Violation unnotedViolationOf(TypeMirror type, Crossing crossing, boolean elements) {
    if (CrossingTypes.isUnchecked(type)) {
      return null;
    }
    Resolution resolution =
        elements && type.getKind() == TypeKind.ARRAY
            ? verdicts.resolveElements((ArrayType) type, crossing.allowsInheritOnly())
            : verdicts.resolveValue(type, crossing.allowsInheritOnly());
    return resolution.unresolved() ? null : resolution.violation();
  }

  /** Whether a varargs call passes an array in the varargs position instead of spread values. */
  boolean passesArrayAsVarargs(
      VariableElement varargs, List<? extends ExpressionTree> arguments) {
    int index = ((ExecutableElement) varargs.getEnclosingElement()).getParameters().size() - 1;
    if (arguments.size() != index + 1) {
      return false;
    }
    TypeMirror type = trees.getTypeMirror(new TreePath(getCurrentPath(), arguments.get(index)));
    return type != null && type.getKind() == TypeKind.ARRAY;
  }

  String callSiteFix(Violation violation, Crossing crossing, Element method, Tree argument) {
    boolean task =
        crossing == Crossing.SENT
            && method instanceof ExecutableElement executable
            && markers.takesTarget(executable);
    return CallSiteMessages.callSiteFix(
        violation,
        crossing,
        task && violation.rule() == Rule.INHERIT_ONLY_SENT
            ? CallSiteMessages.initializerCall(
                receiverOfCall(),
                enclosingClassName(),
                isSpawnable(trees.getTypeMirror(TreePath.getPath(unit, argument)))
                    ? snippets.of(argument)
                    : "...")
            : null,
        method);
  }

  /**
   * Whether a value of {@code type} may be handed to a child at spawn, so that a fix may pass it
   * to a pool's initializer as it is: a {@code List<Channel<String>>} may, a {@code
   * Map.entry("a", channel)} may not (an {@code Entry} has no codec), and the fix then leaves the
   * value to the user ({@code pool.initializer(Main::init, ...)}). Unknown: taken as it is.
   */
  private boolean isSpawnable(TypeMirror type) {
    return type == null
        || verdicts.resolveValue(CrossingTypes.uncaptured(type), true).violation() == null;
  }

  /** The receiver of the call being checked as the user wrote it, or {@code pool}. */
  private String receiverOfCall() {
    if (getCurrentPath().getLeaf() instanceof MethodInvocationTree call
        && call.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree select) {
      return snippets.of(select.getExpression());
    }
    return "pool";
  }

  /**
   * The innermost class around the call whose static method a child can run, by a name that
   * compiles here ({@link TypePrinter#reference}): a local or anonymous class, or one nested in
   * it, is passed over, as spawn-target would refuse {@code Local::init}; null if none has a name
   * (a compact source file's class).
   */
  private String enclosingClassName() {
    for (TreePath p = getCurrentPath(); p != null; p = p.getParentPath()) {
      String name =
          p.getLeaf() instanceof ClassTree && trees.getElement(p) instanceof TypeElement type
              ? TypePrinter.reference(type)
              : null;
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  /** The cast to an intersection that {@code value} is, in parentheses or not, or null. */
  static TypeCastTree intersectionCast(Tree value) {
    Tree leaf = value;
    while (leaf instanceof ParenthesizedTree parenthesized) {
      leaf = parenthesized.getExpression();
    }
    return leaf instanceof TypeCastTree cast && cast.getType() instanceof IntersectionTypeTree
        ? cast
        : null;
  }

  /**
   * The expression inside parentheses and casts: {@code (Main::work)} and {@code (Target)
   * Main::work} name the same target as the reference, {@code (Object[]) null} is null.
   */
  static TreePath unwrap(TreePath argument) {
    TreePath path = argument;
    while (true) {
      Tree leaf = path.getLeaf();
      if (leaf instanceof ParenthesizedTree parenthesized) {
        path = new TreePath(path, parenthesized.getExpression());
      } else if (leaf instanceof com.sun.source.tree.TypeCastTree cast) {
        path = new TreePath(path, cast.getExpression());
      } else {
        return path;
      }
    }
  }

  // ---- type arguments ------------------------------------------------------------------------

  @Override
  public Void visitParameterizedType(ParameterizedTypeTree tree, Void unused) {
    Element element = trees.getElement(new TreePath(getCurrentPath(), tree.getType()));
    if (element instanceof TypeElement generic && !localClasses.inReportedMember(tree)) {
      TypeMirror whole = trees.getTypeMirror(getCurrentPath());
      typeArguments.checkTypeArguments(
          generic, tree.getTypeArguments(), whole == null ? null : TypePrinter.print(whole));
    }
    return super.visitParameterizedType(tree, unused);
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
    checkTargetMarker(tree);
    if (getCurrentPath().getParentPath().getLeaf() instanceof LambdaExpressionTree
        && !isWrittenLambdaParameterType(tree)) {
      // javac fills in an implicit parameter's type with a tree at the parameter's position.
      return scan(tree.getModifiers(), unused);
    }
    if (tree.getType() == null || cannotBeVar() || isWritten(tree.getType())) {
      return super.visitVariable(tree, unused);
    }
    scan(tree.getModifiers(), unused);
    ExpressionTree initializer = tree.getInitializer();
    int before = reportedRules.size();
    scan(initializer, unused);
    if (initializer != null && infersTypeArguments(initializer)) {
      typeArguments.whileInferred(
          reportedRules.subList(before, reportedRules.size()), () -> scan(tree.getType(), unused));
    }
    return null;
  }

  /**
   * Tells a method's parameter marked {@code @SpawnTarget} whose type can hold no method
   * reference ({@code @SpawnTarget String s}), on its type: once here, not at each call, where
   * no argument could be right ({@link Markers#marksTargetItCannotHold}).
   */
  private void checkTargetMarker(VariableTree tree) {
    if (getCurrentPath().getParentPath().getLeaf() instanceof com.sun.source.tree.MethodTree
        && trees.getElement(getCurrentPath()) instanceof VariableElement parameter
        && parameter.getKind() == ElementKind.PARAMETER
        && Markers.marksTargetItCannotHold(parameter)) {
      report(
          tree.getType(),
          Rule.SPAWN_TARGET,
          SpawnTargetMessages.targetMarkerOnType(
              parameter.getSimpleName().toString(), TypePrinter.print(parameter.asType())));
    }
  }

  /**
   * Whether the variable being visited is a field or a method's parameter, whose type is always
   * written ({@code var} declares locals only): no need to read the source to tell.
   */
  private boolean cannotBeVar() {
    Tree parent = getCurrentPath().getParentPath().getLeaf();
    return parent instanceof ClassTree || parent instanceof com.sun.source.tree.MethodTree;
  }

  /**
   * Whether an initializer (or a receiver) is a generic method's call or a diamond {@code new}, or
   * a call on such a receiver whose result its class's variables type ({@code new
   * Outbox<>().self()} for {@code Outbox<T> self()}), or a read of such a field of it ({@code new
   * Holder<>().channel} for {@code Channel<T> channel}), which has the types inference gave them.
   */
  boolean infersTypeArguments(ExpressionTree initializer) {
    ExpressionTree e = initializer;
    while (e instanceof ParenthesizedTree parenthesized) {
      e = parenthesized.getExpression();
    }
    if (e instanceof NewClassTree creation) {
      return creation.getIdentifier() instanceof ParameterizedTypeTree type
          && type.getTypeArguments().isEmpty();
    }
    if (e instanceof MemberSelectTree field) {
      return trees.getElement(new TreePath(getCurrentPath(), e)) instanceof VariableElement read
          && CallCarriers.fieldFollowsReceiver(read)
          && infersTypeArguments(field.getExpression());
    }
    if (!(e instanceof MethodInvocationTree call)
        || !(trees.getElement(new TreePath(getCurrentPath(), e)) instanceof ExecutableElement m)) {
      return false;
    }
    return !m.getTypeParameters().isEmpty()
        || (CallCarriers.resultFollowsReceiver(m)
            && call.getMethodSelect() instanceof MemberSelectTree select
            && infersTypeArguments(select.getExpression()));
  }

  boolean hasPosition(Tree tree) {
    return tree != null && positions.getStartPosition(unit, tree) >= 0;
  }

  /**
   * Whether a variable's type tree was written by the user, not filled in by javac for {@code
   * var}. JDK 17 gives the filled-in tree no position; newer javac (seen on 25) gives it the
   * position of the {@code var} keyword, so the source text there decides.
   */
  boolean isWritten(Tree type) {
    if (!hasPosition(type)) {
      return false;
    }
    int start = (int) positions.getStartPosition(unit, type);
    CharSequence text = snippets.source();
    if (text == null || start + 3 > text.length()) {
      return true;
    }
    boolean isVar =
        "var".contentEquals(text.subSequence(start, start + 3))
            && (start + 3 == text.length() || !Character.isJavaIdentifierPart(text.charAt(start + 3)));
    return !isVar;
  }

  /**
   * Whether a lambda's parameter has a type the user wrote, {@code (Channel<Thread> c) -> ...}:
   * it may be the only place that type is written ({@code with((Channel<Thread> c) -> {})} for
   * {@code <T> void with(Consumer<T> action)}). javac fills in an implicit parameter's type ({@code
   * c -> ...}, {@code (a, b) -> ...}) with a tree at the parameter's name, which the tree API cannot
   * tell from a written one: there the source holds the name, followed by {@code ,}, {@code )} or
   * {@code ->}, where a written type is followed by the name or by {@code <}, {@code .}, {@code [}.
   * {@code (var c) -> ...} is left to {@link #isWritten}.
   */
  private boolean isWrittenLambdaParameterType(VariableTree parameter) {
    Tree type = parameter.getType();
    if (type == null || !isWritten(type)) {
      return false;
    }
    int start = (int) positions.getStartPosition(unit, type);
    CharSequence text = snippets.source();
    String name = parameter.getName().toString();
    if (text == null || start < 0 || start + name.length() > text.length()) {
      return false;
    }
    if (!name.contentEquals(text.subSequence(start, start + name.length()))) {
      return true;
    }
    int next = start + name.length();
    if (next < text.length() && Character.isJavaIdentifierPart(text.charAt(next))) {
      return true; // a type whose name begins with the parameter's
    }
    while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
      next++;
    }
    return next < text.length() && ",)-/".indexOf(text.charAt(next)) < 0;
  }

  // ---- reporting -----------------------------------------------------------------------------

  /** Reports a call-site problem: {@code text} is the message without the rule's tag and page. */
  void report(Tree at, Rule rule, String text) {
    if (unitHasErrors()) {
      return; // a call site's problem may be a follow-on of javac's; a declaration's is not
    }
    reportFormatted(at, null, rule, rule.format(text));
  }

  void reportFormatted(Tree at, Element declaration, Rule rule, String message) {
    if (silent) {
      return;
    }
    Element scope = declaration != null ? declaration : enclosingDeclaration();
    if (scope != null && Suppressions.isSuppressed(scope, rule)) {
      return;
    }
    long key = positionKey(at) * 8 + rule.ordinal();
    if (!reported.add(key)) {
      return;
    }
    reportedAt.add(positionKey(at));
    reportedRules.add(rule);
    trees.printMessage(Diagnostic.Kind.ERROR, message, at, unit);
  }

  /** Whether javac has reported an error in this unit, which then gets none of ours. */
  private boolean unitHasErrors() {
    if (unitHasErrors == null) {
      unitHasErrors = UnitErrors.in(trees, elements, types, unit);
    }
    return unitHasErrors;
  }

  long positionKey(Tree tree) {
    return positions.getStartPosition(unit, tree);
  }

  /** Whether a {@code @SuppressWarnings} around the current tree silences {@code rule}. */
  private boolean suppressedHere(Rule rule) {
    Element scope = enclosingDeclaration();
    return scope != null && Suppressions.isSuppressed(scope, rule);
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
