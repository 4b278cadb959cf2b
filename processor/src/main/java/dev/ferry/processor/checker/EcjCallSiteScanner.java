package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.EcjSourceProblems;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.TypeAnalyzer;
import dev.ferry.processor.validation.Violation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import java.util.List;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.ASTVisitor;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.AllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.CastExpression;
import org.eclipse.jdt.internal.compiler.ast.CompilationUnitDeclaration;
import org.eclipse.jdt.internal.compiler.ast.ConstructorDeclaration;
import org.eclipse.jdt.internal.compiler.ast.ExplicitConstructorCall;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.FieldDeclaration;
import org.eclipse.jdt.internal.compiler.ast.LambdaExpression;
import org.eclipse.jdt.internal.compiler.ast.MessageSend;
import org.eclipse.jdt.internal.compiler.ast.MethodDeclaration;
import org.eclipse.jdt.internal.compiler.ast.NameReference;
import org.eclipse.jdt.internal.compiler.ast.NullLiteral;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedQualifiedTypeReference;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedSingleTypeReference;
import org.eclipse.jdt.internal.compiler.ast.QualifiedAllocationExpression;
import org.eclipse.jdt.internal.compiler.ast.ReferenceExpression;
import org.eclipse.jdt.internal.compiler.ast.TypeDeclaration;
import org.eclipse.jdt.internal.compiler.ast.TypeReference;
import org.eclipse.jdt.internal.compiler.lookup.Binding;
import org.eclipse.jdt.internal.compiler.lookup.BlockScope;
import org.eclipse.jdt.internal.compiler.lookup.ClassScope;
import org.eclipse.jdt.internal.compiler.lookup.CompilationUnitScope;
import org.eclipse.jdt.internal.compiler.lookup.MethodBinding;
import org.eclipse.jdt.internal.compiler.lookup.MethodScope;
import org.eclipse.jdt.internal.compiler.lookup.ParameterizedTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.SourceTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.VariableBinding;

/**
 * One pass over a compilation unit that ECJ has resolved, applying the call-site rules of {@link
 * TransferScanner} to ECJ's AST: an argument for a {@code @Sent} or {@code @SpawnArgument}
 * parameter, an argument for a {@code @SpawnTarget} parameter, and a type argument written for a
 * {@code @Sent} type parameter of a type or a generic method. Bindings are turned into ECJ's own {@code javax.lang.model} elements
 * and types ({@link Factory}), so the markers, the type table and the wording are the javac
 * checker's; each error is recorded at the expression's or type argument's source range.
 *
 * <p>It also applies the declaration rules to annotated local and anonymous classes, which ECJ,
 * like javac, never hands to processors. Not checked here (javac only, see docs/ecj.md): type
 * arguments ECJ inferred (for a {@code var}, or for a generic method's crossing type variables at a
 * call, or given to a method reference) and written type arguments of a method reference. Calls
 * through overrides of marked methods are checked: {@link Markers} finds inherited markers on the
 * elements.
 */
final class EcjCallSiteScanner extends ASTVisitor {
  private final Factory factory;
  private final TypeAnalyzer analyzer;
  private final MemberTypes memberTypes;
  private final Markers markers;
  private final CompilationUnitDeclaration unit;
  private final Set<Long> reported = new HashSet<>();
  /** The declarations around the node being visited, innermost first, for suppressions. */
  private final Deque<Binding> enclosing = new ArrayDeque<>();

  EcjCallSiteScanner(
      Factory factory, TypeAnalyzer analyzer, Markers markers, CompilationUnitDeclaration unit) {
    this.factory = factory;
    this.analyzer = analyzer;
    this.memberTypes = analyzer.memberTypes();
    this.markers = markers;
    this.unit = unit;
  }

  // ---- enclosing declarations, for @SuppressWarnings -------------------------------------------

  @Override
  public boolean visit(TypeDeclaration type, CompilationUnitScope scope) {
    return enter(type.binding);
  }

  @Override
  public void endVisit(TypeDeclaration type, CompilationUnitScope scope) {
    exit(type.binding);
  }

  @Override
  public boolean visit(TypeDeclaration type, ClassScope scope) {
    return enter(type.binding);
  }

  @Override
  public void endVisit(TypeDeclaration type, ClassScope scope) {
    exit(type.binding);
  }

  @Override
  public boolean visit(TypeDeclaration type, BlockScope scope) {
    checkLocalDeclaration(type);
    return enter(type.binding);
  }

  @Override
  public void endVisit(TypeDeclaration type, BlockScope scope) {
    exit(type.binding);
  }

  @Override
  public boolean visit(MethodDeclaration method, ClassScope scope) {
    return enter(method.binding);
  }

  @Override
  public void endVisit(MethodDeclaration method, ClassScope scope) {
    exit(method.binding);
  }

  @Override
  public boolean visit(ConstructorDeclaration constructor, ClassScope scope) {
    return enter(constructor.binding);
  }

  @Override
  public void endVisit(ConstructorDeclaration constructor, ClassScope scope) {
    exit(constructor.binding);
  }

  @Override
  public boolean visit(FieldDeclaration field, MethodScope scope) {
    return enter(field.binding);
  }

  @Override
  public void endVisit(FieldDeclaration field, MethodScope scope) {
    exit(field.binding);
  }

  private boolean enter(Binding binding) {
    if (binding != null) {
      enclosing.push(binding);
    }
    return true;
  }

  private void exit(Binding binding) {
    if (binding != null && !enclosing.isEmpty() && enclosing.peek() == binding) {
      enclosing.pop();
    }
  }

  // ---- local declarations ------------------------------------------------------------------------

  /**
   * The declaration rules for an annotated local or anonymous class, which ECJ, like javac, never
   * hands to processors: each problem at its member's or the type's range in this declaration.
   *
   * <p>By the time ECJ hands over a unit it has cleaned it up ({@code CompilationUnitDeclaration
   * .cleanUp}), which clears each type binding's scope; ECJ's elements need that scope to list a
   * source type's members in source order. The declaration node still holds it, so the binding gets
   * it back for the analysis and loses it again after.
   */
  private void checkLocalDeclaration(TypeDeclaration declaration) {
    SourceTypeBinding binding = declaration.binding;
    if (binding == null || declaration.scope == null) {
      return;
    }
    ClassScope cleared = binding.scope;
    binding.scope = declaration.scope;
    try {
      if (factory.newElement(binding) instanceof TypeElement type
          && FerryAnnotations.hasCodec(type)) {
        reportDeclaration(declaration, type);
      }
    } catch (RuntimeException | LinkageError failure) {
      // ECJ's elements could not describe this type here: it goes unchecked, the rest goes on.
    } finally {
      binding.scope = cleared;
    }
  }

  private void reportDeclaration(TypeDeclaration declaration, TypeElement type) {
    Analysis analysis = analyzer.analyze(type);
    if (analysis.unresolved()) {
      return;
    }
    for (Problem problem : analysis.problems()) {
      if (Suppressions.isSuppressed(problem.element(), problem.rule())) {
        continue;
      }
      if (!EcjSourceProblems.recordIn(
          declaration, problem.element(), problem.annotation(), problem.message())) {
        EcjSourceProblems.recordIn(declaration, type, null, problem.message());
      }
    }
  }

  // ---- arguments ---------------------------------------------------------------------------------

  @Override
  public boolean visit(MessageSend send, BlockScope scope) {
    guarded(() -> checkArguments(send.binding, send.arguments));
    guarded(() -> checkMethodTypeArguments(send.binding, send.typeArguments));
    return true;
  }

  /** Type arguments written for a generic method's {@code @Sent} type parameters. */
  private void checkMethodTypeArguments(MethodBinding binding, TypeReference[] arguments) {
    if (binding == null || !binding.isValidBinding() || arguments == null) {
      return;
    }
    if (!(factory.newElement(binding.original()) instanceof ExecutableElement method)) {
      return;
    }
    checkSentArguments(method, arguments);
  }

  @Override
  public boolean visit(AllocationExpression creation, BlockScope scope) {
    guarded(() -> checkArguments(creation.binding, creation.arguments));
    return true;
  }

  @Override
  public boolean visit(QualifiedAllocationExpression creation, BlockScope scope) {
    guarded(() -> checkArguments(creation.binding, creation.arguments));
    return true;
  }

  @Override
  public boolean visit(ExplicitConstructorCall call, BlockScope scope) {
    guarded(() -> checkArguments(call.binding, call.arguments));
    return true;
  }

  private void checkArguments(MethodBinding binding, Expression[] arguments) {
    if (binding == null || !binding.isValidBinding() || arguments == null) {
      return;
    }
    if (!(factory.newElement(binding.original()) instanceof ExecutableElement method)) {
      return;
    }
    Crossing[] crossings = markers.parametersOf(method);
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
        checkTarget(arguments[i]);
      } else if (crossing != null) {
        // An array passed in place of varargs values: its elements are what crosses.
        checkValue(arguments[i], crossing, !spread && binding.isVarargs() && i == last);
      }
    }
  }

  private static boolean passesArrayAsVarargs(MethodBinding binding, Expression[] arguments) {
    int index = binding.parameters.length - 1;
    return arguments.length == index + 1
        && arguments[index].resolvedType != null
        && arguments[index].resolvedType.isArrayType();
  }

  private void checkValue(Expression argument, Crossing crossing, boolean elements) {
    TypeMirror type = typeOf(argument.resolvedType);
    Violation violation =
        elements && type != null && type.getKind() == TypeKind.ARRAY
            ? elementsViolationOf((ArrayType) type, crossing)
            : violationOf(type, crossing);
    if (violation == null) {
      return;
    }
    report(
        argument,
        violation.rule(),
        Messages.crossingValue(
            snippet(argument),
            crossing.phrase(),
            TypePrinter.print(type),
            violation.culprit(),
            violation.reason(),
            TransferScanner.callSiteFix(violation)));
  }

  // ---- method references -------------------------------------------------------------------------

  @Override
  public boolean visit(ReferenceExpression reference, BlockScope scope) {
    guarded(() -> checkReferencedValues(reference));
    return true;
  }

  /**
   * A method reference is a call made later with the values its functional interface receives:
   * {@code lanes.forEach(Dispatcher::post)} hands each lane to {@code post}, as {@code c -> post(c)}
   * would, so a marked parameter of {@code post} is checked with the type the interface gives it
   * (ECJ's {@code descriptor}, instantiated for this use). As under javac; a parameter that crosses
   * only through a type variable of the method is not checked here (see docs/ecj.md).
   */
  private void checkReferencedValues(ReferenceExpression reference) {
    MethodBinding binding = reference.binding;
    MethodBinding descriptor = reference.descriptor;
    if (binding == null || !binding.isValidBinding() || descriptor == null
        || !descriptor.isValidBinding() || binding.parameters.length == 0) {
      return;
    }
    if (!(factory.newElement(binding.original()) instanceof ExecutableElement method)) {
      return;
    }
    Crossing[] marked = markers.parametersOf(method);
    if (marked.length == 0) {
      return;
    }
    // Type::instanceMethod: the interface's first value is the receiver, not an argument.
    int offset = !binding.isStatic() && !binding.isConstructor() && !reference.haveReceiver ? 1 : 0;
    TypeBinding[] received = descriptor.parameters;
    int last = binding.parameters.length - 1;
    for (int d = offset; d < received.length; d++) {
      int p = d - offset;
      if (p > last && !binding.isVarargs()) {
        break;
      }
      int parameter = Math.min(p, last);
      Crossing crossing = parameter < marked.length ? marked[parameter] : null;
      if (crossing == Crossing.SENT || crossing == Crossing.SPAWNED) {
        checkReceived(reference, method, received[d], crossing);
      }
    }
  }

  private void checkReceived(
      ReferenceExpression reference, ExecutableElement method, TypeBinding received,
      Crossing crossing) {
    TypeMirror type = typeOf(received);
    Violation violation = violationOf(type, crossing);
    if (violation == null) {
      return;
    }
    report(
        reference,
        violation.rule(),
        Messages.referencedValue(
            snippet(reference),
            method.getSimpleName().toString(),
            TypePrinter.print(type),
            crossing.phrase(),
            violation.culprit(),
            violation.reason(),
            TransferScanner.callSiteFix(violation)));
  }

  /** {@link #violationOf} for an array passed in place of varargs values, whose elements cross. */
  private Violation elementsViolationOf(ArrayType type, Crossing crossing) {
    if (TransferScanner.isUnchecked(type)) {
      return null;
    }
    Resolution resolution = memberTypes.resolveElements(type, crossing.allowsInheritOnly());
    return resolution.unresolved() ? null : resolution.violation();
  }

  /** Why a value of {@code type} cannot cross as {@code crossing}; null if it can or is unknown. */
  private Violation violationOf(TypeMirror type, Crossing crossing) {
    if (type == null || TransferScanner.isUnchecked(type)) {
      return null;
    }
    Resolution resolution = memberTypes.resolveValue(type, crossing.allowsInheritOnly());
    return resolution.unresolved() ? null : resolution.violation();
  }

  // ---- spawn targets -----------------------------------------------------------------------------

  private void checkTarget(Expression argument) {
    String message = illegalTarget(argument, snippet(argument));
    if (message != null) {
      report(argument, Rule.SPAWN_TARGET, message);
    }
  }

  /**
   * What is wrong with a spawn target, or null when a child can run it. ECJ keeps parentheses as
   * bits on the expression, so {@code (Main::work)} is the reference itself; a cast of a reference
   * to the target type is the reference too.
   */
  private String illegalTarget(Expression argument, String expression) {
    Expression target = argument;
    while (target instanceof CastExpression cast) {
      target = cast.expression;
    }
    if (target instanceof NullLiteral) {
      return null;
    }
    if (target instanceof LambdaExpression) {
      return Messages.lambdaTarget(expression);
    }
    if (target instanceof ReferenceExpression reference) {
      return illegalReference(reference, expression);
    }
    if (target instanceof NameReference name) {
      if (!(name.binding instanceof VariableBinding variable) || !variable.isValidBinding()) {
        return null; // unresolved: ECJ reports it
      }
      Element element = factory.newElement(variable);
      if (element != null
          && element.getKind() == ElementKind.PARAMETER
          && FerryAnnotations.find(element, FerryAnnotations.SPAWN_TARGET).isPresent()) {
        return null; // forwarded from a parameter that is itself checked at its call sites
      }
      return Messages.variableTarget(expression);
    }
    return Messages.otherTarget(expression);
  }

  private String illegalReference(ReferenceExpression reference, String expression) {
    MethodBinding method = reference.getMethodBinding();
    if (reference.isConstructorReference()) {
      String type =
          method != null && method.declaringClass != null
              ? new String(method.declaringClass.sourceName())
              : null;
      return Messages.constructorTarget(expression, type);
    }
    if (method == null || !method.isValidBinding()) {
      return null; // unresolved: ECJ reports it
    }
    String name = new String(method.selector);
    String ownerName = new String(method.declaringClass.sourceName());
    if (!method.isStatic()) {
      return reference.haveReceiver
          ? Messages.boundReferenceTarget(expression, ownerName, name)
          : Messages.instanceMethodTarget(expression, ownerName, name);
    }
    if (factory.newElement(method.declaringClass) instanceof TypeElement owner
        && !MemberTypes.isNameable(owner)) {
      return Messages.unnameableTarget(
          expression, MemberTypes.describeScope(owner), owner.getSimpleName().toString());
    }
    return null;
  }

  /** Which type parameters of a generic type or method are marked {@code @Sent}. */
  private static boolean[] sentTypeParameters(Parameterizable generic) {
    List<? extends TypeParameterElement> list = generic.getTypeParameters();
    boolean[] sent = new boolean[list.size()];
    for (int i = 0; i < sent.length; i++) {
      sent[i] = FerryAnnotations.isSent(list.get(i));
    }
    return sent;
  }

  // ---- type arguments ----------------------------------------------------------------------------

  @Override
  public boolean visit(ParameterizedSingleTypeReference reference, BlockScope scope) {
    guarded(() -> checkTypeArguments(reference.resolvedType, reference.typeArguments));
    return true;
  }

  @Override
  public boolean visit(ParameterizedSingleTypeReference reference, ClassScope scope) {
    guarded(() -> checkTypeArguments(reference.resolvedType, reference.typeArguments));
    return true;
  }

  @Override
  public boolean visit(ParameterizedQualifiedTypeReference reference, BlockScope scope) {
    guarded(() -> checkTypeArguments(reference.resolvedType, lastArguments(reference)));
    return true;
  }

  @Override
  public boolean visit(ParameterizedQualifiedTypeReference reference, ClassScope scope) {
    guarded(() -> checkTypeArguments(reference.resolvedType, lastArguments(reference)));
    return true;
  }

  /** The type arguments of the type itself, {@code B}'s in {@code a.A<X>.B<Y>}. */
  private static TypeReference[] lastArguments(ParameterizedQualifiedTypeReference reference) {
    TypeReference[][] arguments = reference.typeArguments;
    return arguments == null || arguments.length == 0 ? null : arguments[arguments.length - 1];
  }

  private void checkTypeArguments(TypeBinding resolved, TypeReference[] arguments) {
    if (!(resolved instanceof ParameterizedTypeBinding parameterized) || arguments == null) {
      return;
    }
    if (!(factory.newElement(parameterized.genericType()) instanceof TypeElement generic)) {
      return;
    }
    checkSentArguments(generic, arguments);
  }

  /** The type arguments written for the {@code @Sent} type parameters of a type or method. */
  private void checkSentArguments(Parameterizable generic, TypeReference[] arguments) {
    boolean[] sent = sentTypeParameters(generic);
    for (int i = 0; i < arguments.length && i < sent.length; i++) {
      if (sent[i] && arguments[i] != null) {
        checkTypeArgument(arguments[i], generic.getSimpleName().toString());
      }
    }
  }

  private void checkTypeArgument(TypeReference argument, String generic) {
    TypeMirror type = TransferScanner.sentTypeOf(typeOf(argument.resolvedType));
    if (type == null) {
      return;
    }
    Resolution resolution = memberTypes.resolveValue(type, false);
    Violation violation = resolution.violation();
    if (violation == null || resolution.unresolved()) {
      return;
    }
    String written = TypePrinter.print(type);
    report(
        argument,
        violation.rule(),
        Messages.sentTypeArgument(
            written,
            generic + "<" + written + ">",
            Crossing.SENT.phrase(),
            violation.culprit(),
            violation.reason(),
            TransferScanner.callSiteFix(violation)));
  }

  /**
   * Runs one check; if ECJ's elements fail on it (a binding ECJ has cleaned up, say), that check is
   * skipped and the scan goes on with the rest of the unit.
   */
  private static void guarded(Runnable check) {
    try {
      check.run();
    } catch (RuntimeException | LinkageError failure) {
      // skipped: see above
    }
  }

  // ---- reporting ---------------------------------------------------------------------------------

  private TypeMirror typeOf(TypeBinding binding) {
    if (binding == null || !binding.isValidBinding()) {
      return null;
    }
    TypeMirror type = factory.newTypeMirror(binding);
    return type == null || type.getKind() == TypeKind.ERROR ? null : type;
  }

  /** The code at fault as a message quotes it, as javac's checker does. */
  private static String snippet(Expression expression) {
    return TransferScanner.shorten(expression.toString());
  }

  /** Records a problem at {@code node}: {@code text} is the message without tag and page. */
  private void report(ASTNode node, Rule rule, String text) {
    if (isSuppressed(rule)) {
      return;
    }
    if (!reported.add((long) node.sourceStart * 8 + rule.ordinal())) {
      return;
    }
    EcjSourceProblems.recordError(unit, node.sourceStart, node.sourceEnd, rule.format(text));
  }

  private boolean isSuppressed(Rule rule) {
    for (Binding binding : enclosing) {
      Element element = factory.newElement(binding);
      if (element != null) {
        return Suppressions.isSuppressed(element, rule);
      }
    }
    return false;
  }
}
