package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.CodecMessages;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.TypeShape;
import dev.ferry.processor.validation.MemberTypes.Resolution;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The shape of each member's type in one type's codec, or why it cannot be sent: the type
 * table's violation ({@link MemberTypes}), worded for the member, with what a member can do
 * besides (be transient, make its type {@code @InheritOnly}, or, for an import, import its type
 * too, unless that is a JDK class no import could copy either, which is told by trying); a type
 * the codec's package cannot name; or a class missing behind an imported class file. Each
 * problem is added to the analysis's list on the member; a type that does not resolve marks the
 * analysis {@linkplain #unresolved unresolved} instead.
 */
final class MemberShapes {
  private final TypeAnalyzer analyzer;
  private final Types types;
  private final CompiledTypes compiled;
  private final MemberTypes memberTypes;
  private final CodecAccess access;
  private final TypeElement type;
  private final String name;
  /** The import being analyzed, or null for an annotated type. */
  private final CodecDeclaration imported;
  /** Whether this analyzes an import only to try it ({@link #importsCleanly}). */
  private final boolean trial;
  private final boolean inheritOnly;
  private final String codecPackage;
  /** The deprecated elements the codec names, noted as the model is built. */
  private final Deprecations deprecations;
  /** The analysis's problems, to which this adds. */
  private final List<Problem> problems;
  private boolean unresolved;

  /** @param analyzer the analyzer whose types and table this reads, and which tries imports */
  MemberShapes(
      TypeAnalyzer analyzer,
      CodecAccess access,
      TypeElement type,
      CodecDeclaration imported,
      boolean trial,
      boolean inheritOnly,
      String codecPackage,
      Deprecations deprecations,
      List<Problem> problems) {
    this.analyzer = analyzer;
    this.types = analyzer.types();
    this.compiled = analyzer.compiled();
    this.memberTypes = analyzer.memberTypes();
    this.access = access;
    this.type = type;
    this.name = type.getSimpleName().toString();
    this.imported = imported;
    this.trial = trial;
    this.inheritOnly = inheritOnly;
    this.codecPackage = codecPackage;
    this.deprecations = deprecations;
    this.problems = problems;
  }

  /** Whether a member's type did not resolve: the compiler reports it. */
  boolean unresolved() {
    return unresolved;
  }

  /** Resolves a member's type, recording its problem (if any) on {@code position}. */
  TypeShape memberShape(String member, TypeMirror memberType, Element position) {
    Resolution resolution = memberTypes.resolve(memberType, inheritOnly);
    if (resolution.unresolved() && imported != null && compiled.leavesMissingClassesUnreported(type)) {
      // Nobody else would say it: the build would pass with no codec, and fail at run time.
      problems.add(
          Problem.on(
              position,
              Rule.NOT_TRANSFERABLE,
              CodecMessages.missingBehindClassFile(
                  name, type.getQualifiedName().toString(), member, TypePrinter.print(memberType))));
      return null;
    }
    if (resolution.unresolved()) {
      unresolved = true;
      return null;
    }
    Violation violation = resolution.violation();
    if (violation != null && isWholeType(memberType, violation)) {
      violation = violation.ofWholeMember();
    }
    if (violation != null && violation.rule() == Rule.LOCAL_CLASS && !NameableTypes.isNameable(type)) {
      return null; // the type is local itself: its own local-class error is the one to fix
    }
    if (violation != null) {
      problems.add(
          Problem.on(
              position,
              violation.rule(),
              Messages.member(
                  name,
                  member,
                  TypePrinter.print(memberType),
                  violation.culprit(),
                  violation.reason(),
                  imported != null && violation.rule() == Rule.NOT_TRANSFERABLE
                      ? importMemberFix(violation, memberType)
                      : memberFix(violation, type.getKind() == ElementKind.RECORD))));
      return null;
    }
    TypeElement hidden = unnameableFromCodec(memberType);
    if (hidden != null && !isOrEncloses(hidden, type)) { // else checkAccessible reported it
      problems.add(
          Problem.on(
              position,
              Rule.TRANSFERABLE_SHAPE,
              Messages.unnameableMemberType(
                  name,
                  member,
                  TypePrinter.print(memberType),
                  hidden.getSimpleName().toString(),
                  hidden.getModifiers().contains(Modifier.PRIVATE),
                  codecPackage)));
      return null;
    }
    deprecations.use(memberType);
    return resolution.shape();
  }

  /**
   * The fix for a member of an imported class whose type has no codec: import that type too,
   * unless it is a JDK class that an import could not copy either ({@code AtomicLong}, {@code
   * Thread}), which is told by trying: its analysis as an import beside this one has problems.
   */
  private String importMemberFix(Violation violation, TypeMirror memberType) {
    TypeElement culprit = mentioned(memberType, violation.culprit());
    if (!trial
        && culprit != null
        && PlatformFields.isInJdkModule(compiled.elements(), culprit)
        && !importsCleanly(culprit)) {
      return CodecMessages.importJdkMemberFix(name, violation.culprit());
    }
    return CodecMessages.importMemberFix(name, violation.culprit());
  }

  /**
   * Whether {@code jdkClass}, imported beside this import, would get a codec. A trial does not
   * try the classes its own members name: a class whose members need more imports is not plain
   * data to suggest, and two JDK classes that name each other would try each other forever.
   */
  private boolean importsCleanly(TypeElement jdkClass) {
    // What the import's own rules would refuse first (CodecDeclarationRules): state the
    // compilation cannot see (`--release` on a newer JDK), or state its serialization drops.
    if (!PlatformFields.hiddenFrom(compiled.elements(), jdkClass).isEmpty()
        || !SerializedState.droppedBy(compiled.elements(), types, jdkClass).isEmpty()) {
      return false;
    }
    CodecDeclaration beside =
        new CodecDeclaration(
            jdkClass,
            CodecDeclarations.importCodecName(jdkClass, codecPackage),
            imported.declarer(),
            imported.annotation(),
            imported.literal());
    Analysis analysis = new TypeAnalysis(analyzer, jdkClass, beside, true).run();
    return analysis.problems().isEmpty() && !analysis.unresolved();
  }

  /** The class {@code type} mentions (itself, a type argument, a component) named {@code name}. */
  private TypeElement mentioned(TypeMirror type, String name) {
    switch (type.getKind()) {
      case ARRAY:
        return mentioned(((javax.lang.model.type.ArrayType) type).getComponentType(), name);
      case WILDCARD:
        javax.lang.model.type.WildcardType wildcard = (javax.lang.model.type.WildcardType) type;
        TypeMirror bound =
            wildcard.getExtendsBound() != null ? wildcard.getExtendsBound() : wildcard.getSuperBound();
        return bound == null ? null : mentioned(bound, name);
      case DECLARED:
        TypeElement element = (TypeElement) ((DeclaredType) type).asElement();
        if (TypePrinter.name(element).equals(name)) {
          return element;
        }
        for (TypeMirror argument : ((DeclaredType) type).getTypeArguments()) {
          TypeElement found = mentioned(argument, name);
          if (found != null) {
            return found;
          }
        }
        return null;
      default:
        return null;
    }
  }

  private boolean isOrEncloses(TypeElement outer, TypeElement inner) {
    for (Element e = inner; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (e.equals(outer)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The first type that {@code memberType} mentions (itself, a type argument, an array's
   * component, a bound) and that the codec, a top-level class of {@link #codecPackage}, cannot
   * name: a private one, or one that is protected or package-private in another package (an
   * enum declared {@code protected} in a superclass from another package, say). Null if none.
   */
  private TypeElement unnameableFromCodec(TypeMirror memberType) {
    switch (memberType.getKind()) {
      case ARRAY:
        return unnameableFromCodec(
            ((javax.lang.model.type.ArrayType) memberType).getComponentType());
      case TYPEVAR:
        return unnameableFromCodec(types.erasure(memberType));
      case WILDCARD:
        javax.lang.model.type.WildcardType wildcard =
            (javax.lang.model.type.WildcardType) memberType;
        TypeMirror bound =
            wildcard.getExtendsBound() != null
                ? wildcard.getExtendsBound()
                : wildcard.getSuperBound();
        return bound == null ? null : unnameableFromCodec(bound);
      case DECLARED:
        DeclaredType declared = (DeclaredType) memberType;
        for (Element e = declared.asElement(); e instanceof TypeElement t; e = e.getEnclosingElement()) {
          Set<Modifier> modifiers = t.getModifiers();
          if (modifiers.contains(Modifier.PRIVATE)
              || !modifiers.contains(Modifier.PUBLIC) && !access.inCodecPackage(t)) {
            return t;
          }
        }
        for (TypeMirror argument : declared.getTypeArguments()) {
          TypeElement hidden = unnameableFromCodec(argument);
          if (hidden != null) {
            return hidden;
          }
        }
        return null;
      default:
        return null;
    }
  }

  /** Whether {@code violation}'s culprit is {@code type} itself, not a type inside it. */
  private static boolean isWholeType(TypeMirror type, Violation violation) {
    return type instanceof DeclaredType declared
        && TypePrinter.name((TypeElement) declared.asElement()).equals(violation.culprit());
  }

  /**
   * A violation's fix, with what a member can do besides: be transient (a class's field; a record
   * component cannot be), or live elsewhere.
   */
  private static String memberFix(Violation violation, boolean ofRecord) {
    switch (violation.rule()) {
      case NOT_TRANSFERABLE:
        return ofRecord ? violation.fix() : violation.fix() + ", or mark the member transient";
      case INHERIT_ONLY_SENT:
        return violation.fix() + ", or make the enclosing type @InheritOnly";
      default:
        return violation.fix();
    }
  }
}
