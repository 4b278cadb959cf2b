package dev.ferry.processor.checker;

import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.validation.MemberTypes;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import dev.ferry.processor.validation.Violation;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Parameterizable;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.eclipse.jdt.internal.compiler.apt.model.Factory;
import org.eclipse.jdt.internal.compiler.ast.ASTNode;
import org.eclipse.jdt.internal.compiler.ast.Expression;
import org.eclipse.jdt.internal.compiler.ast.LocalDeclaration;
import org.eclipse.jdt.internal.compiler.ast.ParameterizedQualifiedTypeReference;
import org.eclipse.jdt.internal.compiler.ast.TypeReference;
import org.eclipse.jdt.internal.compiler.lookup.ArrayBinding;
import org.eclipse.jdt.internal.compiler.lookup.BlockScope;
import org.eclipse.jdt.internal.compiler.lookup.ParameterizedTypeBinding;
import org.eclipse.jdt.internal.compiler.lookup.TypeBinding;

/**
 * The types given the crossing type parameters of a type or a generic method under ECJ, as javac's
 * checker checks them ({@link TypeArguments}):
 * written in a type ({@code Channel<Thread>}, each name's arguments of {@code Outer<Thread>.Inner}),
 * at a generic call or in a method reference ({@code Foo.<Thread>bar()}, {@code
 * Channel::<Thread>create}), or inferred for a {@code var} local, at any depth of the type ECJ
 * inferred. Each refused type is told where it is written, or on a {@code var}'s initializer, unless
 * the initializer or a value around it told the same mistake already.
 *
 * <p>Apart from {@link EcjCallSiteScanner} because it reads types, not values: the scanner's walk
 * hands it each parameterized type reference, a call's written type arguments and each local
 * declaration it leaves; the reports and what was told already are the scanner's.
 */
final class EcjTypeArguments {
  private final EcjCallSiteScanner scan;
  private final Factory factory;
  private final MemberTypes memberTypes;
  private final Markers markers;
  private final SentVariables sentVariables;
  private final EcjTypeMirrors mirrors;

  EcjTypeArguments(EcjCallSiteScanner scan) {
    this.scan = scan;
    this.factory = scan.factory;
    this.memberTypes = scan.memberTypes;
    this.markers = scan.markers;
    this.sentVariables = scan.sentVariables;
    this.mirrors = scan.mirrors;
  }

  /**
   * The type arguments of each type a qualified reference names, {@code B}'s and then {@code A}'s
   * in {@code a.A<X>.B<Y>}: {@code Outer<Thread>.Inner} gives {@code Outer}'s variable the type
   * {@code Thread} as {@code Outer<Thread>} does (javac's tree for it holds a parameterized type
   * {@code Outer<Thread>}, which its checker visits; ECJ's is one reference with an array of
   * arguments per name). The enclosing types are walked from the last name outwards: a package
   * name has no arguments, and a static member's enclosing type none of its own.
   */
  void checkQualifiedTypeArguments(ParameterizedQualifiedTypeReference reference) {
    TypeReference[][] arguments = reference.typeArguments;
    TypeBinding written = reference.resolvedType;
    TypeBinding type = written instanceof ArrayBinding array ? array.leafComponentType() : written;
    for (int i = arguments == null ? -1 : arguments.length - 1; i >= 0 && type != null; i--) {
      if (arguments[i] != null) {
        checkTypeArguments(type, arguments[i]);
      }
      type = type.enclosingType();
    }
  }

  void checkTypeArguments(TypeBinding written, TypeReference[] arguments) {
    // An array of a parameterized type (Channel<Thread>[]) is one reference whose type is the
    // array's: its arguments are those of the element type.
    TypeBinding resolved = written instanceof ArrayBinding array ? array.leafComponentType() : written;
    if (!(resolved instanceof ParameterizedTypeBinding parameterized) || arguments == null
        || scan.reportedMember != null) {
      return;
    }
    if (!(factory.newElement(parameterized.genericType()) instanceof TypeElement generic)) {
      return;
    }
    TypeMirror whole = mirrors.of(resolved);
    checkCrossingArguments(generic, arguments, whole == null ? null : TypePrinter.print(whole));
  }

  /**
   * The type arguments written for the crossing type parameters of a type or method: marked
   * {@code @Sent}, or crossing through its signature or body ({@code class Relay<T> { Channel<T>
   * out; }}); {@code crossings}: how each one's values cross, for a method at this call.
   */
  void checkCrossingArguments(
      Parameterizable generic, Crossing[] crossings, TypeReference[] arguments) {
    checkCrossingArguments(generic, crossings, arguments, null);
  }

  /** {@code whole}: the generic class's type as written with all its arguments, or null. */
  private void checkCrossingArguments(
      Parameterizable generic, TypeReference[] arguments, String whole) {
    if (generic.getTypeParameters().isEmpty()) {
      return;
    }
    checkCrossingArguments(generic, sentVariables.of(generic), arguments, whole);
  }

  /** @param crossings how the values of each of {@code generic}'s type parameters cross */
  private void checkCrossingArguments(
      Parameterizable generic, Crossing[] crossings, TypeReference[] arguments, String whole) {
    for (int i = 0; i < arguments.length && i < crossings.length; i++) {
      if (crossings[i] != null && arguments[i] != null) {
        checkTypeArgument(
            arguments[i], mirrors.of(arguments[i].resolvedType),
            generic, generic.getTypeParameters().get(i), crossings[i], whole);
      }
    }
  }

  /**
   * Checks a type given for a crossing type parameter of {@code generic}, reporting at {@code at}
   * (the type argument where written, a {@code var}'s initializer where inferred). Returns the
   * violation, or null where there is none.
   */
  private Violation checkTypeArgument(
      ASTNode at, TypeMirror given, Parameterizable generic, Element variable, Crossing crossing,
      String whole) {
    if (given != null) {
      sentVariables.noteAll(given, crossing);
    }
    TypeMirror type = CrossingTypes.sentTypeOf(given);
    if (type == null) {
      return null;
    }
    Resolution resolution = memberTypes.resolveTypeArgument(type, crossing.allowsInheritOnly());
    Violation violation = resolution.violation();
    if (violation == null || resolution.unresolved()) {
      return null;
    }
    if (initializerRules.contains(violation.rule())) {
      return violation; // the initializer's own error names it more precisely
    }
    if (inReportedValue(at, violation.rule())) {
      return violation; // written inside a value told already by this rule, as under javac
    }
    scan.report(
        at,
        violation.rule(),
        CallSiteMessages.typeArgumentMessage(
            TypePrinter.print(given), // as written: `? super Thread` of Channel<? super Thread>
            whole,
            generic,
            variable,
            crossing,
            violation,
            markers,
            () -> CallSiteMessages.callSiteFix(violation, crossing, null, generic)));
    return violation;
  }

  void checkInferredForVar(LocalDeclaration local, BlockScope scope) {
    int start = scan.localsStart.isEmpty() ? scan.reportedRules.size() : scan.localsStart.pop();
    if (local.type == null || local.initialization == null || local.binding == null
        || !local.type.isTypeNameVar(scope) || !scan.infersTypeArguments(local.initialization)) {
      return;
    }
    initializerRules = EnumSet.noneOf(Rule.class);
    initializerRules.addAll(scan.reportedRules.subList(start, scan.reportedRules.size()));
    try {
      EcjCallSiteScanner.guarded(() -> checkInferred(local.initialization, mirrors.of(local.binding.type)));
    } finally {
      initializerRules = EnumSet.noneOf(Rule.class);
    }
  }

  /** While checking a {@code var}'s inferred type: the rules already reported in its initializer. */
  private Set<Rule> initializerRules = EnumSet.noneOf(Rule.class);

  /**
   * Whether {@code node} lies inside a value that crosses and was reported by {@code rule}
   * already, as under javac ({@code TransferScanner.inReportedValue}): ECJ visits a call before
   * the types written in its arguments.
   */
  private boolean inReportedValue(ASTNode node, Rule rule) {
    return EcjCallSiteScanner.within(node, rule, scan.reportedValues) || EcjCallSiteScanner.within(node, rule, scan.coveredArguments);
  }

  /** The type arguments of an inferred type, at any depth, for its generics' crossing variables. */
  private void checkInferred(Expression at, TypeMirror type) {
    if (!(type instanceof DeclaredType declared)) {
      return;
    }
    List<? extends TypeMirror> arguments = declared.getTypeArguments();
    if (arguments.isEmpty()) {
      return;
    }
    if (declared.asElement() instanceof TypeElement generic) {
      Crossing[] crossings = sentVariables.of(generic);
      for (int i = 0; i < arguments.size() && i < crossings.length; i++) {
        if (crossings[i] != null) {
          checkTypeArgument(
              at, arguments.get(i), generic, generic.getTypeParameters().get(i), crossings[i],
              TypePrinter.print(declared));
        }
      }
    }
    for (TypeMirror argument : arguments) {
      checkInferred(at, argument);
    }
  }
}
