package dev.ferry.processor.checker;

import static dev.ferry.processor.checker.EcjExpressions.withoutCasts;

import dev.ferry.processor.diagnostic.EcjSourceProblems;

import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.SpawnTargetMessages;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.ASTVisitor;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.AbstractMethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.AllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.Annotation;
import org.eclipse.jdt.internal.compiler.ast.Argument;
import org.eclipse.jdt.internal.compiler.ast.Assignment;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.ConstructorDeclaration;
import org.eclipse.jdt.internal.compiler.ast.ExplicitConstructorCall;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.FieldDeclaration;
import org.eclipse.jdt.internal.compiler.ast.FieldReference;
import org.eclipse.jdt.internal.compiler.ast.ForeachStatement;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.LocalDeclaration;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.MethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.NullLiteral;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedQualifiedTypeReference;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedSingleTypeReference;
import org.eclipse.jdt.internal.compiler.ast.QualifiedAllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.RecordComponent;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.ast.ReturnStatement;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.ast.TypeReference;
import org.eclipse.jdt.internal.compiler.lookup.Binding;
import org.eclipse.jdt.internal.compiler.lookup.BlockScope;
import org.eclipse.jdt.internal.compiler.lookup.ClassScope;
import org.eclipse.jdt.internal.compiler.lookup.CompilationUnitScope;
import org.eclipse.jdt.internal.compiler.lookup.LocalVariableBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodScope;
import org.eclipse.jdt.internal.compiler.lookup.RecordComponentBinding;
import org.eclipse.jdt.internal.compiler.lookup.ReferenceBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;

/**
 * One pass over a compilation unit that ECJ has resolved, applying the call-site rules of {@link
 * TransferScanner} to ECJ's AST: an argument for a {@code @Sent} or {@code @SpawnArgument}
 * parameter, an argument for a {@code @SpawnTarget} parameter, and a type argument written for a
 * {@code @Sent} type parameter of a type or a generic method. Bindings are turned into ECJ's own {@code javax.lang.model} elements
 * and types ({@link Factory}), so the markers, the type table and the wording are the javac
 * checker's; each error is recorded at the expression's or type argument's source range.
 *
 * <p>Type variables that cross ({@link SentVariables}, shared with javac's checker) are checked
 * where they become concrete, as under javac: the types ECJ inferred at a generic call ({@code
 * ParameterizedGenericMethodBinding.typeArguments}) on the argument that carries each ({@link
 * CallCarriers}), the type it inferred for a {@code var}, type arguments written for a user's
 * generic class or method or in a method reference, and a method reference's parameter whose type
 * is a crossing type variable. Calls through overrides of marked methods are checked: {@link
 * Markers} finds inherited markers on the elements.
 *
 * <p>It also applies the declaration rules to annotated local and anonymous classes, which ECJ,
 * like javac, never hands to processors.
 *
 * <p>A silent scan reports nothing and only notes which type variables of the generic code it
 * walks cross, for {@link SentVariables}.
 *
 * <p>The scanner keeps the walk, finds where values cross at a call (its arguments, a raw or
 * inferred receiver, a diamond) and keeps what it has reported; parts with one job each are classes
 * of their own, built once per unit. Those that check and report through {@link #report}, twins of
 * javac's parts of the same name without the prefix: {@link EcjCrossingValues} (one value that
 * crosses, by its own type), {@link EcjInstantiatedVariables} (the types a call gives crossing type
 * variables), {@link EcjReferencedValues} (the values a method reference hands its method), {@link
 * EcjTypeArguments} (types given crossing type parameters, written or inferred for {@code var}) and
 * {@link EcjSpawnTargets} (the spawn-target rule). Those that answer questions: {@link
 * EcjTypeMirrors} (a binding's type), {@link EcjParameterSlots} (which parameter a variable stands
 * for, and forwarding), {@link EcjHeldValues} (what an argument may be and the handle it holds),
 * {@link EcjResultTargets} (where a call's result goes), {@link EcjEnclosingDeclarations} (the
 * declarations around the node, for suppressions) and {@link EcjSnippets} (the code a message
 * quotes). {@link EcjLocalClasses} applies the declaration rules to local and anonymous classes.
 */
final class EcjCallSiteScanner extends ASTVisitor {
  final Factory factory;
  /** The types of ECJ's bindings as the checks read them. */
  final EcjTypeMirrors mirrors;
  /** The compiler's lookup of elements by name, for the names messages print. */
  final javax.lang.model.util.Elements elements;
  final javax.lang.model.util.Types types;
  private final TypeAnalyzer analyzer;
  /** The member being visited whose declaration has a problem (see enterMember), or null. */
  Binding reportedMember;
  final MemberTypes memberTypes;
  final Markers markers;
  /** Which parameter a variable stands for, and whether an argument forwards one. */
  final EcjParameterSlots slots;
  /** The values an argument may be, and the @InheritOnly one it holds. */
  final EcjHeldValues heldValues;
  final SentVariables sentVariables;
  private final CompilationUnitDeclaration unit;
  /** The code at fault as messages quote it. */
  final EcjSnippets snippets;
  /** What is wrong with a spawn target, told at the argument. */
  final EcjSpawnTargets spawnTargets;
  /** Each value that crosses, checked by its own type. */
  final EcjCrossingValues crossingValues;
  /** Where each call's result goes: the written type of its place, the type it is taken as. */
  final EcjResultTargets results;
  /** The declarations around the node being visited, for suppressions and printed names. */
  private final EcjEnclosingDeclarations enclosing;
  /** The declaration rules for annotated local and anonymous classes. */
  private final EcjLocalClasses localClasses;
  /** The types given crossing type parameters, written or inferred for {@code var}. */
  private final EcjTypeArguments typeArguments;
  /** The types a call gives the crossing type variables it instantiates. */
  private final EcjInstantiatedVariables instantiatedVariables;
  /** The values a method reference hands its method. */
  private final EcjReferencedValues referencedValues;
  /** The call whose arguments are being checked, and its scope, for a task argument's fix. */
  MessageSend call;
  private BlockScope callScope;
  private final boolean silent;
  private final Set<Long> reported = new HashSet<>();
  /** Positions at which an error was reported: an inferred type is not reported there again. */
  final Set<Integer> reportedAt = new HashSet<>();
  /** The rule of each problem reported so far, in order. */
  final List<Rule> reportedRules = new ArrayList<>();
  /** For each {@code var} local being visited, how many problems were reported before it. */
  final Deque<Integer> localsStart = new ArrayDeque<>();
  /** The array or iterable each enhanced {@code for} visited so far takes its variable from. */
  private final Map<LocalVariableBinding, Expression> loopSources = new HashMap<>();

  /** @param silent whether to only note crossing type variables and report nothing */
  EcjCallSiteScanner(
      Factory factory,
      javax.lang.model.util.Elements elements,
      javax.lang.model.util.Types types,
      TypeAnalyzer analyzer,
      Markers markers,
      SentVariables sentVariables,
      CompilationUnitDeclaration unit,
      boolean silent) {
    this.factory = factory;
    this.mirrors = new EcjTypeMirrors(factory);
    this.elements = elements;
    this.types = types;
    this.analyzer = analyzer;
    this.memberTypes = analyzer.memberTypes();
    this.markers = markers;
    this.slots = new EcjParameterSlots(factory, markers, mirrors, loopSources);
    this.heldValues = new EcjHeldValues(factory, memberTypes, mirrors);
    this.sentVariables = sentVariables;
    this.unit = unit;
    this.snippets = new EcjSnippets(unit);
    this.spawnTargets =
        new EcjSpawnTargets(factory, markers, memberTypes, mirrors, slots, snippets, this::report);
    this.silent = silent;
    this.enclosing = new EcjEnclosingDeclarations(factory, elements);
    this.results = new EcjResultTargets(mirrors, elements, reportedAt);
    this.localClasses = new EcjLocalClasses(factory, analyzer, silent);
    this.crossingValues = new EcjCrossingValues(this);
    this.typeArguments = new EcjTypeArguments(this);
    this.instantiatedVariables = new EcjInstantiatedVariables(this);
    this.referencedValues = new EcjReferencedValues(this, instantiatedVariables);
  }

  // ---- enclosing declarations, for @SuppressWarnings -------------------------------------------

  @Override
  public boolean visit(TypeDeclaration type, CompilationUnitScope scope) {
    return !isGenerated(type) && enclosing.enter(type.binding);
  }

  @Override
  public void endVisit(TypeDeclaration type, CompilationUnitScope scope) {
    enclosing.exit(type.binding);
  }

  @Override
  public boolean visit(TypeDeclaration type, ClassScope scope) {
    if (isGenerated(type)) {
      return false;
    }
    if (EcjLocalClasses.isInLocalType(type.binding)) {
      localClasses.lendScope(type);
      localClasses.checkLocalDeclaration(type);
    }
    return enclosing.enter(type.binding);
  }

  @Override
  public void endVisit(TypeDeclaration type, ClassScope scope) {
    enclosing.exit(type.binding);
    localClasses.giveScopeBack(type);
  }

  @Override
  public boolean visit(TypeDeclaration type, BlockScope scope) {
    if (isGenerated(type)) {
      return false;
    }
    localClasses.lendScope(type);
    localClasses.checkLocalDeclaration(type);
    return enclosing.enter(type.binding);
  }

  @Override
  public void endVisit(TypeDeclaration type, BlockScope scope) {
    enclosing.exit(type.binding);
    localClasses.giveScopeBack(type);
  }

  @Override
  public boolean visit(MethodDeclaration method, ClassScope scope) {
    // The return type lies before the name; a parameterized type's own range may end at its name.
    results.enterMethod(method);
    return enclosing.enter(method.binding);
  }

  @Override
  public void endVisit(MethodDeclaration method, ClassScope scope) {
    results.exitMethod();
    enclosing.exit(method.binding);
  }

  @Override
  public boolean visit(LambdaExpression lambda, BlockScope scope) {
    results.enterLambda();
    return true;
  }

  @Override
  public void endVisit(LambdaExpression lambda, BlockScope scope) {
    results.exitMethod();
  }

  @Override
  public boolean visit(ReturnStatement statement, BlockScope scope) {
    results.returned(statement);
    return true;
  }

  @Override
  public boolean visit(Assignment assignment, BlockScope scope) {
    results.assigned(assignment);
    return true;
  }

  @Override
  public boolean visit(ConstructorDeclaration constructor, ClassScope scope) {
    return enclosing.enter(constructor.binding);
  }

  @Override
  public void endVisit(ConstructorDeclaration constructor, ClassScope scope) {
    enclosing.exit(constructor.binding);
  }

  @Override
  public boolean visit(FieldDeclaration field, MethodScope scope) {
    results.enterDeclaration(field);
    enterMember(field.binding);
    return enclosing.enter(field.binding);
  }

  @Override
  public void endVisit(FieldDeclaration field, MethodScope scope) {
    results.exitDeclaration();
    exitMember(field.binding);
    enclosing.exit(field.binding);
  }

  /**
   * Notes a member of an annotated type whose declaration has a problem (told by the declaration
   * rules, as javac's scan tells it): a type argument written in its type is the same mistake,
   * not checked again ({@code @Transferable record R(Channel<Thread> lane)} is one error).
   */
  private void enterMember(Binding binding) {
    if (reportedMember == null && isReportedMember(binding)) {
      reportedMember = binding;
    }
  }

  private void exitMember(Binding binding) {
    if (reportedMember == binding) {
      reportedMember = null;
    }
  }

  private boolean isReportedMember(Binding binding) {
    if (binding == null || silent) {
      return false;
    }
    try {
      if (!(factory.newElement(binding) instanceof VariableElement member)
          || !(member.getEnclosingElement() instanceof TypeElement owner)
          || !FerryAnnotations.hasCodec(owner)) {
        return false;
      }
      for (Problem problem : analyzer.analyze(owner).problems()) {
        Element at = problem.element();
        if (at != null
            && (at.getKind() == ElementKind.FIELD || at.getKind() == ElementKind.RECORD_COMPONENT)
            && at.getSimpleName().contentEquals(member.getSimpleName())
            && problem.annotation() == null) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException | LinkageError failure) {
      return false; // ECJ's elements could not describe it here: checked as any other member
    }
  }

  @Override
  public boolean visit(Argument parameter, BlockScope scope) {
    boolean enter = enclosing.enter(parameter.binding);
    checkTargetMarker(parameter, scope);
    return enter;
  }

  /**
   * As under javac: a method's parameter marked {@code @SpawnTarget} whose type can hold no
   * method reference is told on its type, once, not at each call.
   */
  private void checkTargetMarker(Argument parameter, BlockScope scope) {
    if (parameter.binding != null
        && parameter.type != null
        && scope instanceof MethodScope method
        && method.referenceContext instanceof AbstractMethodDeclaration
        && factory.newElement(parameter.binding) instanceof VariableElement element
        && Markers.marksTargetItCannotHold(element)) {
      report(
          parameter.type,
          Rule.SPAWN_TARGET,
          SpawnTargetMessages.targetMarkerOnType(
              new String(parameter.name), TypePrinter.print(element.asType())));
    }
  }

  @Override
  public void endVisit(Argument parameter, BlockScope scope) {
    enclosing.exit(parameter.binding);
  }

  @Override
  public boolean visit(Argument parameter, ClassScope scope) {
    return enclosing.enter(parameter.binding);
  }

  @Override
  public void endVisit(Argument parameter, ClassScope scope) {
    enclosing.exit(parameter.binding);
  }

  /**
   * A record component's type is checked where the component is written; its suppressions are on
   * the record's field for it, as under javac: {@code @SuppressWarnings} does not target record
   * components, so the compiler propagates it to the field (and the accessor and parameter).
   */
  @Override
  public boolean visit(RecordComponent component, BlockScope scope) {
    enterMember(fieldOf(component));
    return enclosing.enter(fieldOf(component));
  }

  @Override
  public void endVisit(RecordComponent component, BlockScope scope) {
    exitMember(fieldOf(component));
    enclosing.exit(fieldOf(component));
  }

  private static Binding fieldOf(RecordComponent component) {
    RecordComponentBinding binding = component.binding;
    return binding == null || binding.declaringRecord == null
        ? null
        : binding.declaringRecord.getField(component.name, false);
  }

  /**
   * Whether {@code type} is annotated {@code @javax.annotation.processing.Generated}: our own codecs,
   * or another generator's code, not the user's to fix, skipped as javac's scan skips it ({@code
   * TransferScanner.visitClass}). Read from the AST: the annotation is kept only in source.
   */
  private static boolean isGenerated(TypeDeclaration type) {
    if (type.annotations == null) {
      return false;
    }
    for (Annotation annotation : type.annotations) {
      TypeBinding resolved = annotation.resolvedType;
      if (resolved != null
          && "javax.annotation.processing.Generated".equals(new String(resolved.readableName()))) {
        return true;
      }
    }
    return false;
  }

  // ---- arguments ---------------------------------------------------------------------------------

  @Override
  public boolean visit(MessageSend send, BlockScope scope) {
    MessageSend outer = call;
    BlockScope outerScope = callScope;
    call = send;
    callScope = scope;
    try {
      guarded(() -> checkArguments(send.binding, send.arguments, receiverClass(send)));
      guarded(
          () ->
              checkCallTypeVariables(
                  send.binding, send.typeArguments, send.arguments, results.declaredTypeReported(send)));
      guarded(() -> checkInferredReceiver(send));
    } finally {
      call = outer;
      callScope = outerScope;
    }
    return true;
  }

  /**
   * As TransferScanner's: a receiver whose type arguments ECJ inferred with no type written
   * anywhere ({@code new Outbox<>().post(job)}, {@code outbox().post(job)}) has each crossing type
   * parameter of its class checked on the values the call passes for it, or on the receiver, also
   * at a method its class inherits ({@link InheritedVariables}).
   */
  private void checkInferredReceiver(MessageSend send) {
    if (send.binding == null
        || !send.binding.isValidBinding()
        || send.binding.isStatic()
        || send.receiver == null
        || !infersTypeArguments(send.receiver)
        || !(mirrors.of(send.receiver.resolvedType) instanceof DeclaredType type)
        || !(factory.newElement(send.binding.original()) instanceof ExecutableElement method)
        || !(type.asElement() instanceof TypeElement owner)) {
      return;
    }
    InheritedVariables view = InheritedVariables.of(owner, method);
    if (view == null) {
      return; // a method of Object on an interface's receiver: it passes no value of the class's
    }
    Expression[] arguments = send.arguments == null ? new Expression[0] : send.arguments;
    boolean spread = send.binding.isVarargs() && !passesArrayAsVarargs(send.binding, arguments);
    for (CallCarriers.ReceiverPlan each :
        CallCarriers.ofReceiver(
            owner, type.getTypeArguments().size(), method, view, sentVariables.of(owner),
            markers.parametersOf(method), arguments.length, spread)) {
      TypeParameterElement variable = each.variable();
      CallCarriers.Plan plan = each.plan();
      for (int i : plan.direct()) {
        crossingValues.checkValue(arguments[i], each.crossing(), method, false);
      }
      int array = CallCarriers.arrayOfVariable(method, view, variable, arguments.length, spread);
      if (array >= 0) {
        crossingValues.checkValue(arguments[array], each.crossing(), method, true);
      }
      int told =
          instantiatedVariables.coverCarriers(
              CallCarriers.carrying(method, view, variable, arguments.length, spread), arguments);
      if (plan.direct().length == 0 && array < 0 && plan.carrier() >= 0) {
        checkReceiverType(send.receiver, owner, type, each, told);
      }
    }
  }

  /** Reports the type a receiver's inference gave a crossing type variable of its class, as javac's. */
  void checkReceiverType(
      Expression receiver, TypeElement owner, DeclaredType type, CallCarriers.ReceiverPlan each,
      int told) {
    TypeMirror given = CrossingTypes.sentTypeOf(type.getTypeArguments().get(each.index()));
    Violation violation = given == null ? null : violationOf(given, each.crossing());
    if (violation != null
        && violation.rule().ordinal() != told
        && !reportedAt.contains(receiver.sourceStart)) {
      report(
          receiver,
          violation.rule(),
          CallSiteMessages.receiverMessage(
              snippets.of(receiver), owner, each.variable(), given, each.crossing(), violation));
    }
  }

  /**
   * As TransferScanner's: an {@code @InheritOnly} value given as a task's argument is told to go
   * through the pool's initializer, {@code pool.initializer(Main::init, value)}, written with the
   * call's receiver and the class the call is in.
   */
  String callSiteFix(
      Violation violation, Crossing crossing, ExecutableElement method, Expression argument) {
    boolean task = crossing == Crossing.SENT && method != null && markers.takesTarget(method);
    return CallSiteMessages.callSiteFix(
        violation,
        crossing,
        task && violation.rule() == Rule.INHERIT_ONLY_SENT && call != null
            ? CallSiteMessages.initializerCall(
                receiverOfCall(),
                callingClassName(),
                isSpawnable(argument) ? snippets.of(argument) : "...")
            : null,
        method);
  }

  /** Whether {@code argument} may be handed to a child at spawn as it is: as under javac. */
  private boolean isSpawnable(Expression argument) {
    TypeMirror type = argument.resolvedType == null ? null : mirrors.of(argument.resolvedType);
    return type == null || memberTypes.resolveValue(type, true).violation() == null;
  }

  /** The receiver of the call being checked as written, or {@code pool}. */
  private String receiverOfCall() {
    return call.receiver == null || call.receiver.isImplicitThis()
        ? "pool"
        : snippets.of(call.receiver);
  }

  /**
   * The innermost class around the call whose static method a child can run, as javac's checker
   * names it ({@link TypePrinter#reference}): local and anonymous classes are passed over; null if
   * none has a name (a compact source file's class).
   */
  private String callingClassName() {
    for (ReferenceBinding type = callScope == null ? null : callScope.enclosingSourceType();
        type != null;
        type = type.enclosingType()) {
      String name =
          factory.newElement(type) instanceof TypeElement element
              ? TypePrinter.reference(element)
              : null;
      if (name != null) {
        return name;
      }
    }
    return null;
  }

  /**
   * The types a call of a generic method gives its crossing type variables: written ({@code
   * Foo.<X>bar()}), checked where written; or inferred, each checked on the argument that carries
   * it ({@link CallCarriers}).
   */
  private void checkCallTypeVariables(
      MethodBinding binding, TypeReference[] written, Expression[] arguments) {
    checkCallTypeVariables(binding, written, arguments, false);
  }

  /** @param targetReported whether the call initializes a declaration whose type was reported */
  private void checkCallTypeVariables(
      MethodBinding binding, TypeReference[] written, Expression[] arguments,
      boolean targetReported) {
    if (binding == null || !binding.isValidBinding()) {
      return;
    }
    if (!(factory.newElement(binding.original()) instanceof ExecutableElement method)
        || method.getTypeParameters().isEmpty()) {
      return;
    }
    if (written != null) {
      typeArguments.checkCrossingArguments(
          method, sentVariables.of(method, receiverOf(binding)), written);
    } else {
      instantiatedVariables.checkInstantiation(
          method, binding, arguments == null ? new Expression[0] : arguments, targetReported);
    }
  }

  /**
   * The receiver's class where {@code binding} is the message send being visited's (not a
   * creation's), or null.
   */
  TypeElement receiverOf(MethodBinding binding) {
    return call != null && call.binding == binding ? receiverClass(call) : null;
  }

  /**
   * As TransferScanner's: a diamond's crossing class variables, which ECJ inferred from the
   * arguments ({@code new Sender<>(Channel.create(), thread)} for {@code Sender(Channel<T> c, T
   * v)}), each checked on the argument that carries it, as at a generic method's call; not again
   * where the result goes to a type written and reported, nor where a call on it told the
   * creation as its receiver. An anonymous class's diamond by the class it extends, whose
   * constructor {@code called} is.
   */
  private void checkDiamond(AllocationExpression creation, MethodBinding called) {
    TypeBinding created =
        creation instanceof QualifiedAllocationExpression qualified
                && qualified.anonymousType != null
                && creation.resolvedType instanceof ReferenceBinding anonymous
            ? anonymous.superclass() // the class it extends, whose constructor it calls
            : creation.resolvedType;
    if (creation.type == null
        || (creation.type.bits & ASTNode.IsDiamond) == 0
        || creation.arguments == null
        || called == null
        || !called.isValidBinding()
        || reportedAt.contains(creation.sourceStart)
        || created == null
        || !(mirrors.of(created) instanceof DeclaredType type)
        || !(type.asElement() instanceof TypeElement owner)
        || !(factory.newElement(called.original()) instanceof ExecutableElement constructor)) {
      return;
    }
    Crossing[] crossings = sentVariables.of(owner);
    if (crossings.length == 0 || results.declaredTypeReported(creation)) {
      return;
    }
    boolean spread = called.isVarargs() && !passesArrayAsVarargs(called, creation.arguments);
    for (int v = 0; v < crossings.length && v < type.getTypeArguments().size(); v++) {
      if (crossings[v] != null) {
        instantiatedVariables.checkVariable(
            constructor, owner.getTypeParameters().get(v), crossings[v],
            type.getTypeArguments().get(v), creation.arguments, spread);
      }
    }
  }

  @Override
  public boolean visit(AllocationExpression creation, BlockScope scope) {
    guarded(() -> checkArguments(creation.binding, creation.arguments));
    guarded(
        () -> checkCallTypeVariables(creation.binding, creation.typeArguments, creation.arguments));
    guarded(() -> checkDiamond(creation, creation.binding));
    return true;
  }

  @Override
  public boolean visit(QualifiedAllocationExpression creation, BlockScope scope) {
    MethodBinding constructor = constructorCalled(creation);
    guarded(() -> checkArguments(constructor, creation.arguments));
    guarded(() -> checkCallTypeVariables(constructor, creation.typeArguments, creation.arguments));
    guarded(() -> checkDiamond(creation, constructor));
    return true;
  }

  /**
   * The constructor whose parameters receive the arguments: for an anonymous class, not the one
   * ECJ generates for it (unmarked, {@code x($anonymous0)}), but the superclass's that it calls.
   */
  private static MethodBinding constructorCalled(QualifiedAllocationExpression creation) {
    if (creation.anonymousType != null && creation.anonymousType.methods != null) {
      for (AbstractMethodDeclaration method : creation.anonymousType.methods) {
        if (method instanceof ConstructorDeclaration constructor
            && constructor.constructorCall != null) {
          return constructor.constructorCall.binding;
        }
      }
    }
    return creation.binding;
  }

  /**
   * {@code this(...)} and {@code super(...)} as written, with a generic constructor's type
   * variables as at a creation: written ({@code <Thread>super(null)}) or inferred ({@code
   * super(Channel.create(), thread)} for {@code <T> Base(Channel<T> c, T v)}), as javac's checker
   * sees them in its tree of the call. An implicit {@code super()} has arguments only in the
   * constructor ECJ generates for an anonymous class, which passes on the creation's arguments
   * ({@code super($anonymous0)}, at no position in the source): those are checked at the creation.
   */
  @Override
  public boolean visit(ExplicitConstructorCall call, BlockScope scope) {
    if (!call.isImplicitSuper()) {
      guarded(() -> checkArguments(call.binding, call.arguments));
      guarded(() -> checkCallTypeVariables(call.binding, call.typeArguments, call.arguments));
    }
    return true;
  }

  /**
   * The class of the value {@code send} is made on, as written ({@code both} in {@code
   * both.put(x)}) or, for an unqualified call, the enclosing class that has the method; null for a
   * receiver of another kind of type: as TransferScanner's, for {@link
   * Markers#parametersOf(ExecutableElement, TypeElement)}.
   */
  private TypeElement receiverClass(MessageSend send) {
    return classOf(send.actualReceiverType);
  }

  /** The class of a method reference's qualifier ({@code both} of {@code both::put}), or null. */
  TypeElement qualifierClass(ReferenceExpression reference) {
    return reference.lhs == null ? null : classOf(reference.lhs.resolvedType);
  }

  /** The class of {@code type}, of a type variable's by its erasure, or null. */
  private TypeElement classOf(TypeBinding type) {
    return type != null
            && type.erasure() instanceof ReferenceBinding erased
            && !erased.isTypeVariable()
            && factory.newElement(erased) instanceof TypeElement owner
        ? owner
        : null;
  }

  private void checkArguments(MethodBinding binding, Expression[] arguments) {
    checkArguments(binding, arguments, null);
  }

  private void checkArguments(MethodBinding binding, Expression[] arguments, TypeElement on) {
    if (binding == null || !binding.isValidBinding() || arguments == null) {
      return;
    }
    if (!(factory.newElement(binding.original()) instanceof ExecutableElement method)) {
      return;
    }
    Crossing[] crossings = markers.parametersOf(method, on);
    if (binding.declaringClass != null
        && binding.declaringClass.isRawType()
        && method.getEnclosingElement() instanceof TypeElement declaring) {
      // As TransferScanner's: a call through a raw type sends the values of its class's variables.
      crossings = RawVariables.marked(crossings, method, sentVariables.of(declaring));
      checkRawWithin(binding, method, crossings, sentVariables.of(declaring), arguments);
    }
    if (crossings.length == 0) {
      return; // the common case: a method without markers
    }
    int last = crossings.length - 1;
    boolean spread = binding.isVarargs() && !passesArrayAsVarargs(binding, arguments);
    for (int i = 0; i < arguments.length; i++) {
      if (i > last && !spread) {
        break;
      }
      Crossing crossing = crossings[Math.min(i, last)];
      if (crossing == Crossing.TARGET) {
        CrossingTypes.TargetReceiver kind =
            i + 1 < arguments.length
                    && EcjSpawnTargets.isUnboundInstanceReference(withoutCasts(arguments[i]))
                    && !(withoutCasts(arguments[i + 1]) instanceof NullLiteral)
                ? CrossingTypes.receiverAfterTarget(method, crossings, i)
                : CrossingTypes.TargetReceiver.NONE; // null: no object, told as without one
        Expression receiver = kind == CrossingTypes.TargetReceiver.NONE ? null : arguments[i + 1];
        if (receiver != null && !enclosing.isSuppressed(Rule.SPAWN_TARGET)) {
          targetReceivers.add(receiver); // as TransferScanner's: checked as a value where silenced
        }
        spawnTargets.check(arguments[i], receiver, kind == CrossingTypes.TargetReceiver.ELEMENTS);
      } else if (crossing != null) {
        // An array passed in place of varargs values: its elements are what crosses.
        crossingValues.checkValue(
            arguments[i], crossing, method, !spread && binding.isVarargs() && i == last);
      }
    }
  }

  /**
   * As TransferScanner's: a call through a raw type gives its class's crossing variables the types
   * its arguments hold where parameters mention them ({@link RawVariables#within}), each told on
   * its argument.
   */
  private void checkRawWithin(
      MethodBinding binding,
      ExecutableElement method,
      Crossing[] marked,
      Crossing[] variables,
      Expression[] arguments) {
    List<TypeMirror> received = new ArrayList<>();
    for (Expression argument : arguments) {
      received.add(argument.resolvedType == null ? null : mirrors.of(argument.resolvedType));
    }
    boolean spread = binding.isVarargs() && !passesArrayAsVarargs(binding, arguments);
    for (RawVariables.Within within :
        RawVariables.within(marked, method, variables, received, spread, memberTypes)) {
      reportRawWithin(arguments[within.argument()], within, method);
    }
  }

  /** As TransferScanner's: reports what {@code within} gives its variable on {@code at}; whether told. */
  boolean reportRawWithin(
      Expression at, RawVariables.Within within, ExecutableElement method) {
    Violation violation = violationOf(within.type(), within.crossing());
    if (violation == null || reportedAt.contains(at.sourceStart)) {
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

  static boolean passesArrayAsVarargs(MethodBinding binding, Expression[] arguments) {
    int index = binding.parameters.length - 1;
    return arguments.length == index + 1
        && arguments[index].resolvedType != null
        && arguments[index].resolvedType.isArrayType();
  }

  // ---- method references -------------------------------------------------------------------------

  @Override
  public boolean visit(ReferenceExpression reference, BlockScope scope) {
    guarded(() -> checkReferenceTypeArguments(reference));
    guarded(() -> referencedValues.check(reference));
    return true;
  }

  /** Type arguments written in a method reference ({@code Channel::<Thread>create}). */
  private void checkReferenceTypeArguments(ReferenceExpression reference) {
    MethodBinding binding = reference.getMethodBinding();
    if (reference.typeArguments == null || binding == null || !binding.isValidBinding()) {
      return;
    }
    if (factory.newElement(binding.original()) instanceof ExecutableElement method
        && !method.getTypeParameters().isEmpty()) {
      typeArguments.checkCrossingArguments(
          method, sentVariables.of(method, qualifierClass(reference)), reference.typeArguments);
    }
  }

  /** Why a value of {@code type} cannot cross as {@code crossing}; null if it can or is unknown. */
  Violation violationOf(TypeMirror type, Crossing crossing) {
    return violationOf(type, crossing, false);
  }

  /** As TransferScanner's: the class a literal names, as reading builds it. */
  Violation literalViolation(TypeMirror named, Crossing crossing) {
    TypeMirror declared = Verdicts.literalAsValue(memberTypes, named);
    // Box.class is checked as Box<T>, whose T is Box's own: the literal sends no value of it, and
    // noting it as crossing made every Box<Object> the unit wrote after the literal an error.
    Violation asValue = unnotedViolationOf(CrossingTypes.uncaptured(declared), crossing, false);
    if (asValue != null || CrossingTypes.isUnchecked(CrossingTypes.uncaptured(declared))) {
      return asValue;
    }
    Resolution readBack =
        memberTypes.collectionViews().readBackOfLiteral(
            named, memberTypes.resolveValue(declared, crossing.allowsInheritOnly()));
    return readBack.unresolved() ? null : readBack.violation();
  }

  /** {@code elements}: {@code type} is an array passed in place of varargs values. */
  Violation violationOf(TypeMirror type, Crossing crossing, boolean elements) {
    if (type == null) {
      return null;
    }
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
            ? memberTypes.resolveElements((ArrayType) type, crossing.allowsInheritOnly())
            : memberTypes.resolveValue(type, crossing.allowsInheritOnly());
    return resolution.unresolved() ? null : resolution.violation();
  }

  // ---- type arguments ----------------------------------------------------------------------------

  @Override
  public boolean visit(ParameterizedSingleTypeReference reference, BlockScope scope) {
    guarded(
        () -> typeArguments.checkTypeArguments(reference.resolvedType, reference.typeArguments));
    return true;
  }

  @Override
  public boolean visit(ParameterizedSingleTypeReference reference, ClassScope scope) {
    guarded(
        () -> typeArguments.checkTypeArguments(reference.resolvedType, reference.typeArguments));
    return true;
  }

  @Override
  public boolean visit(ParameterizedQualifiedTypeReference reference, BlockScope scope) {
    guarded(() -> typeArguments.checkQualifiedTypeArguments(reference));
    return true;
  }

  @Override
  public boolean visit(ParameterizedQualifiedTypeReference reference, ClassScope scope) {
    guarded(() -> typeArguments.checkQualifiedTypeArguments(reference));
    return true;
  }

  // ---- types inferred for var --------------------------------------------------------------------

  /**
   * A type ECJ inferred is checked only where the inference happened, as under javac: a {@code
   * var} local whose initializer calls a generic method or uses a diamond ({@code var c =
   * Channel.create()} is a {@code Channel<Object>}). The initializer is visited first, so a problem
   * it shows at a finer place (an explicit type argument) is reported there, and not again on the
   * initializer.
   */
  @Override
  public boolean visit(ForeachStatement loop, BlockScope scope) {
    if (loop.elementVariable != null && loop.elementVariable.binding != null) {
      loopSources.put(loop.elementVariable.binding, loop.collection);
      TypeMirror variable = mirrors.of(loop.elementVariable.binding.type);
      if (loop.collection instanceof MessageSend && variable != null) {
        results.taken(loop.collection, variable);
      }
    }
    return true;
  }

  @Override
  public boolean visit(LocalDeclaration local, BlockScope scope) {
    if (local.binding != null) {
      results.recordTaken(local.initialization, local.binding.type);
    }
    localsStart.push(reportedRules.size());
    results.enterDeclaration(local);
    return enclosing.enter(local.binding);
  }

  @Override
  public void endVisit(LocalDeclaration local, BlockScope scope) {
    try {
      typeArguments.checkInferredForVar(local, scope);
    } finally {
      results.exitDeclaration();
      enclosing.exit(local.binding);
    }
  }

  /** Start, end and rule of each value reported where it crosses. */
  final List<int[]> reportedValues = new ArrayList<>();
  /**
   * As TransferScanner's: arguments an instance method reference given as a spawn target would be
   * called on, told with the target, not again as values that cross.
   */
  final Set<Expression> targetReceivers =
      Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * Start, end and rule of each argument told as one with a value ({@link
   * EcjInstantiatedVariables#coverCarriers}), or told itself as the carrier of a crossing variable
   * ({@link EcjInstantiatedVariables#checkInstantiated}).
   */
  final List<int[]> coveredArguments = new ArrayList<>();

  /** Whether {@code node} starts inside one of {@code told}, told by {@code rule}. */
  static boolean within(ASTNode node, Rule rule, List<int[]> told) {
    for (int[] value : told) {
      if (value[0] <= node.sourceStart && node.sourceStart <= value[1]
          && value[2] == rule.ordinal()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether an initializer (or a receiver) is a generic method's call or a diamond {@code new}, or
   * a call on such a receiver whose result its class's variables type, or a read of such a field of
   * it, as under javac ({@code
   * TransferScanner.infersTypeArguments}).
   */
  boolean infersTypeArguments(Expression initializer) {
    if (initializer instanceof AllocationExpression creation) {
      return creation.type != null && (creation.type.bits & ASTNode.IsDiamond) != 0;
    }
    if (initializer instanceof FieldReference field) {
      return field.binding != null
          && field.binding.isValidBinding()
          && factory.newElement(field.binding.original()) instanceof VariableElement read
          && CallCarriers.fieldFollowsReceiver(read)
          && infersTypeArguments(field.receiver);
    }
    if (!(initializer instanceof MessageSend send)
        || send.binding == null
        || !send.binding.isValidBinding()) {
      return false;
    }
    return send.binding.original().typeVariables != Binding.NO_TYPE_VARIABLES
        || (send.receiver != null
            && factory.newElement(send.binding.original()) instanceof ExecutableElement method
            && CallCarriers.resultFollowsReceiver(method)
            && infersTypeArguments(send.receiver));
  }

  /**
   * Runs one check; if ECJ's elements fail on it (a binding ECJ has cleaned up, say), that check is
   * skipped and the scan goes on with the rest of the unit.
   */
  static void guarded(Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | LinkageError failure) {
      // skipped: see above
    }
  }

  // ---- reporting ---------------------------------------------------------------------------------

  /** Records a problem at {@code node}: {@code text} is the message without tag and page. */
  void report(ASTNode node, Rule rule, String text) {
    if (silent || enclosing.isSuppressed(rule)) {
      return;
    }
    if (!reported.add((long) node.sourceStart * 8 + rule.ordinal())) {
      return;
    }
    reportedAt.add(node.sourceStart);
    reportedRules.add(rule);
    EcjSourceProblems.recordError(unit, node.sourceStart, node.sourceEnd, rule.format(text));
  }

}
