package dev.ferry.processor.validation;

import com.palantir.javapoet.ClassName;
import dev.ferry.processor.diagnostic.CodecMessages;

import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.BuiltInType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * The declaration rules of imported classes and hand-written codecs: an import obeys
 * {@code @Transferable}'s rules (its problems are on its class literal); a hand-written codec can
 * be called as generated codecs call each other; and no type gets two codecs where both are
 * visible: two in this compilation, one here and one from a jar, a second one for an annotated
 * type, or one for a type Ferry writes itself.
 */
final class CodecDeclarationRules {
  /** JDK types Ferry writes itself, besides {@link BuiltInType}'s. */
  private static final Set<String> WRITTEN_BY_FERRY =
      Set.of(
          "java.lang.Object", "java.lang.String", "java.lang.Boolean", "java.lang.Byte",
          "java.lang.Short", "java.lang.Character", "java.lang.Integer", "java.lang.Long",
          "java.lang.Float", "java.lang.Double", "java.util.List", "java.util.Set",
          "java.util.Collection", "java.util.Map", "java.util.Optional");

  private final TypeAnalyzer analyzer;
  private final CodecDeclarations declarations;
  private final Types types;
  /** The compiler's lookup of types by name, for the names messages print (TypePrinter). */
  private final Elements elements;

  CodecDeclarationRules(
      TypeAnalyzer analyzer, CodecDeclarations declarations, Types types, Elements elements) {
    this.analyzer = analyzer;
    this.declarations = declarations;
    this.types = types;
    this.elements = elements;
  }

  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    for (TypeElement codec : declarations.handWrittenClasses()) {
      checkHandWrittenShape(codec, problems);
    }
    for (CodecDeclarations.OtherLiteral other : declarations.otherLiterals()) {
      problems.add(TypePrinter.within(elements, other.declarer(), () -> otherLiteral(other)));
    }
    for (CodecDeclaration declaration : declarations.all()) {
      int before = problems.size();
      checkOneCodec(declaration, problems);
      if (!declaration.handWritten() && problems.size() == before) {
        Analysis analysis = analyzer.analyzeImport(declaration);
        if (!analysis.unresolved()) {
          problems.addAll(analysis.problems());
        }
      }
    }
    return problems;
  }

  /** The problems of {@code declaration} alone: its declaration rules, else its class's shape. */
  List<Problem> problemsOf(CodecDeclaration declaration) {
    List<Problem> problems = new ArrayList<>();
    checkOneCodec(declaration, problems);
    if (problems.isEmpty()) {
      problems.addAll(analyzer.analyzeImport(declaration).problems());
    }
    return problems;
  }

  /** Whether {@code declaration}'s codec may be generated: it breaks no rule. */
  boolean canGenerate(CodecDeclaration declaration) {
    List<Problem> problems = new ArrayList<>();
    checkOneCodec(declaration, problems);
    return problems.isEmpty() && analyzer.analyzeImport(declaration).canGenerate();
  }

  private void checkOneCodec(CodecDeclaration declaration, List<Problem> problems) {
    TypeElement type = declaration.type();
    String name = type.getSimpleName().toString();
    String here = declaration.describe();
    String removal = CodecMessages.removal(name, here, !declaration.handWritten());
    if (FerryAnnotations.hasCodec(type)) {
      String annotation =
          FerryAnnotations.isTransferable(type) ? "@Transferable" : "@InheritOnly";
      problems.add(on(declaration, CodecMessages.alreadyAnnotated(name, annotation, here, removal)));
      return;
    }
    String qualified = type.getQualifiedName().toString();
    if (WRITTEN_BY_FERRY.contains(qualified)
        || BuiltInType.forQualifiedName(qualified).isPresent()
        || (declaration.handWritten() && type.getKind() == ElementKind.ENUM)
        || isJdkCollection(type, qualified)) {
      problems.add(on(declaration, CodecMessages.builtIn(name, here, removal)));
      return;
    }
    List<String> hidden =
        declaration.handWritten() ? List.of() : PlatformFields.hiddenFrom(elements, type);
    if (!hidden.isEmpty()) {
      problems.add(on(declaration, CodecMessages.platformFieldsHidden(name, hidden)));
      return;
    }
    List<String> dropped =
        declaration.handWritten() ? List.of() : SerializedState.droppedBy(elements, types, type);
    if (!dropped.isEmpty()) {
      problems.add(on(declaration, CodecMessages.importTransientState(name, dropped)));
      return;
    }
    for (CodecDeclaration other : declarations.of(type)) {
      if (other != declaration && !other.codec().equals(declaration.codec())) {
        problems.add(on(declaration, CodecMessages.twoCodecs(name, here, other.describe())));
        return;
      }
    }
    Optional<ClassName> fromJar = declarations.onClassPath(type);
    if (fromJar.isPresent() && !fromJar.get().equals(declaration.codec())) {
      problems.add(on(declaration, twoCodecsOnClassPath(type, name, here, fromJar.get())));
      return;
    }
    if (!declaration.handWritten()) {
      for (CodecDeclaration other : declarations.all()) {
        if (!other.handWritten()
            && other.codec().equals(declaration.codec())
            && !other.type().getQualifiedName().contentEquals(type.getQualifiedName())) {
          problems.add(
              on(
                  declaration,
                  CodecMessages.importsSameCodecName(
                      qualified,
                      other.type().getQualifiedName().toString(),
                      declaration.codec().canonicalName())));
          return;
        }
      }
      Optional<String> taker = declarations.codecNameTaker(declaration);
      if (taker.isPresent()) {
        problems.add(
            on(
                declaration,
                CodecMessages.importCodecNameTaken(
                    qualified, declaration.codec().canonicalName(), taker.get())));
      }
    }
  }

  /** The two-codecs message for {@code codec}, named by an index on the class path. */
  private String twoCodecsOnClassPath(
      TypeElement type, String name, String here, ClassName codec) {
    ClassPathIndex where = declarations.whereOnClassPath(type);
    return where == null
        ? CodecMessages.twoCodecs(name, here, "`" + codec.canonicalName() + "` on the class path")
        : CodecMessages.twoCodecsOnClassPath(
            name, here, codec.canonicalName(), where.container(), where.jar(), where.output(),
            where.declarer());
  }

  /**
   * Whether {@code type} is a JDK collection or map class ({@code ArrayList}, {@code EnumSet},
   * {@code ConcurrentHashMap}): Ferry writes every value of one by its elements, as the interface
   * it implements, and never asks a codec of the class (DynamicCodec looks for a class's own codec
   * only outside the JDK), so a hand-written one was listed and never used by a channel, {@code
   * Codecs} or Kafka, but used by Hazelcast's serializer for the class, which wrote it otherwise.
   */
  private boolean isJdkCollection(TypeElement type, String qualified) {
    if (!qualified.startsWith("java.")) {
      return false;
    }
    for (String container : new String[] {"java.util.Collection", "java.util.Map"}) {
      TypeElement element = elements.getTypeElement(container);
      if (element != null
          && types.isSubtype(types.erasure(type.asType()), types.erasure(element.asType()))) {
        return true;
      }
    }
    return false;
  }

  /** A primitive or an array is written by Ferry itself; {@code void} has no values. */
  private static Problem otherLiteral(CodecDeclarations.OtherLiteral other) {
    String type = TypePrinter.print(other.type());
    String here = "@TransferableImport on `" + other.declarer().getSimpleName() + "`";
    String text =
        other.type().getKind() == TypeKind.VOID
            ? CodecMessages.importNotAValue(type, here)
            : CodecMessages.builtIn(type, here, CodecMessages.removal(type, here, true));
    return Problem.onValue(
        other.declarer(), other.annotation(), other.literal(), Rule.TRANSFERABLE_SHAPE, text);
  }

  private static Problem on(CodecDeclaration declaration, String text) {
    if (declaration.handWritten()) {
      return Problem.on(declaration.declarer(), Rule.TRANSFERABLE_SHAPE, text);
    }
    return Problem.onValue(
        declaration.declarer(),
        declaration.annotation(),
        declaration.literal(),
        Rule.TRANSFERABLE_SHAPE,
        text);
  }

  /** Whether {@code codec}, a {@code @TransferableCodec} class, breaks its shape rules. */
  boolean isBroken(TypeElement codec) {
    return unresolved(codec) || shapeProblem(codec) != null || obscuringField(codec) != null;
  }

  /**
   * The field, if any, named like {@code codec} or a class around it, of the class that encloses
   * that one: in {@code Holder.TempCodec.INSTANCE}, a field {@code Holder.TempCodec} comes before
   * the class (a name is a variable before a type, JLS 6.5.2), so the codecs that call it did not
   * compile ("non-static variable TempCodec cannot be referenced from a static context"). A private
   * field is not in the way: no other class can see it. Inherited fields count as well.
   */
  private VariableElement obscuringField(TypeElement codec) {
    for (Element e = codec; e instanceof TypeElement t; e = e.getEnclosingElement()) {
      if (!(t.getEnclosingElement() instanceof TypeElement outer)) {
        return null;
      }
      for (VariableElement field : ElementFilter.fieldsIn(elements.getAllMembers(outer))) {
        if (field.getSimpleName().contentEquals(t.getSimpleName())
            && !field.getModifiers().contains(Modifier.PRIVATE)) {
          return field;
        }
      }
    }
    return null;
  }

  /** A hand-written codec is public, nameable, concrete, a {@code Codec<T>}, with an INSTANCE. */
  private void checkHandWrittenShape(TypeElement codec, List<Problem> problems) {
    String what =
        unresolved(codec) ? null : TypePrinter.within(elements, codec, () -> shapeProblem(codec));
    if (what == null) {
      VariableElement field = unresolved(codec) ? null : obscuringField(codec);
      if (field != null) {
        TypeElement outer = (TypeElement) field.getEnclosingElement();
        problems.add(
            Problem.on(
                codec,
                Rule.TRANSFERABLE_SHAPE,
                CodecMessages.handWrittenObscuredByField(
                    codec.getSimpleName().toString(),
                    outer.getSimpleName() + "." + field.getSimpleName())));
      }
      return;
    }
    String name = codec.getSimpleName().toString();
    problems.add(
        Problem.on(
            codec,
            Rule.TRANSFERABLE_SHAPE,
            isInnerMember(codec)
                ? CodecMessages.handWrittenInner(
                    name, ((TypeElement) codec.getEnclosingElement()).getSimpleName().toString())
                : CodecMessages.handWrittenShape(name, what)));
  }

  /**
   * Whether {@code codec} is an inner (non-static) member class: its {@code INSTANCE} is not what
   * stands in the way (Java 16 lets such a class declare static members), the instance of the
   * enclosing class each of its instances needs is.
   */
  private static boolean isInnerMember(TypeElement codec) {
    return codec.getNestingKind() == NestingKind.MEMBER
        && !NameableTypes.isStatic(codec)
        && NameableTypes.hasCanonicalName(codec);
  }

  /**
   * Whether {@code codec} names a type that did not resolve where its shape is read: in what it
   * implements ({@code Codec<Missing>}, or {@code Codec} not imported) or as its {@code INSTANCE}
   * field's type; or where the compiler reported an error in its declaration ({@code Codec<>}).
   * The compiler reports that; its shape is told once the code resolves, and no codec calls it
   * meanwhile.
   */
  private boolean unresolved(TypeElement codec) {
    return ErrorTypes.inSupertypes(codec)
        || declarations.hasCompilerErrorInDeclaration(codec)
        || ElementFilter.fieldsIn(codec.getEnclosedElements()).stream()
            .anyMatch(
                f -> f.getSimpleName().contentEquals("INSTANCE") && ErrorTypes.mentions(f.asType()));
  }

  private String shapeProblem(TypeElement codec) {
    if (!NameableTypes.isNameable(codec)) {
      return "it is " + NameableTypes.describeScope(codec);
    }
    for (javax.lang.model.element.Element e = codec;
        e instanceof TypeElement t;
        e = e.getEnclosingElement()) {
      if (!t.getModifiers().contains(Modifier.PUBLIC)) {
        return t == codec ? "it is not public" : "`" + t.getSimpleName() + "` around it is not public";
      }
    }
    // An enum whose one constant is INSTANCE (Effective Java's singleton) is called the same way.
    boolean classOrEnum = codec.getKind() == ElementKind.CLASS || codec.getKind() == ElementKind.ENUM;
    if (!classOrEnum || codec.getModifiers().contains(Modifier.ABSTRACT)) {
      return "it is not a concrete class";
    }
    Optional<TypeElement> valueType = declarations.valueTypeOf(codec);
    if (valueType.isEmpty()) {
      return "it does not implement `Codec<T>` for a class or interface type `T`";
    }
    VariableElement instance =
        ElementFilter.fieldsIn(codec.getEnclosedElements()).stream()
            .filter(f -> f.getSimpleName().contentEquals("INSTANCE"))
            .findFirst()
            .orElse(null);
    if (instance == null
        || !instance
            .getModifiers()
            .containsAll(Set.of(Modifier.PUBLIC, Modifier.STATIC, Modifier.FINAL))) {
      return "it has no `public static final INSTANCE` field";
    }
    if (!writes(instance.asType(), valueType.get())) {
      return "its `INSTANCE` field is not a `Codec<" + valueType.get().getSimpleName() + ">`";
    }
    if (!takesEveryValue((DeclaredType) instance.asType())) {
      String value = valueType.get().getSimpleName().toString();
      return "its `INSTANCE` field is a `" + TypePrinter.print(instance.asType()) + "`, which"
          + " takes a `" + value + "` of one type only, not a `Codec<" + value + "<"
          + wildcards(valueType.get()) + ">>` that takes every `" + value + "`";
    }
    return null;
  }

  /**
   * Whether a field of type {@code field}, a {@code Codec<T>}, takes a value of every
   * parameterization of {@code T}'s type, as generated codecs pass it one: {@code T} has no type
   * arguments, or only unbounded wildcards ({@code Codec<Box<?>>}). A {@code BoxCodec<?>} of a
   * {@code BoxCodec<T> implements Codec<Box<T>>} does not: a call through it is captured, so it
   * takes a {@code Box<capture of ?>}, to which no {@code Box<String>} converts (the codec
   * generated for a record holding one did not compile). Told apart without {@code
   * Types.capture}, which ECJ does not implement.
   */
  private boolean takesEveryValue(DeclaredType field) {
    boolean captured =
        field.getTypeArguments().stream().anyMatch(a -> a.getKind() == TypeKind.WILDCARD);
    if (captured && mentionsTypeVariable(written((DeclaredType) field.asElement().asType()))) {
      return false;
    }
    for (TypeMirror argument : ((DeclaredType) written(field)).getTypeArguments()) {
      if (!(argument instanceof WildcardType wildcard)
          || wildcard.getExtendsBound() != null
          || wildcard.getSuperBound() != null) {
        return false;
      }
    }
    return true;
  }

  /** {@code T} of the {@code Codec<T>} that {@code type} is. */
  private TypeMirror written(DeclaredType type) {
    DeclaredType codec =
        ((TypeElement) type.asElement()).getQualifiedName().contentEquals(CodecDeclarations.CODEC)
            ? type
            : declarations.codecSupertype(type);
    return codec.getTypeArguments().get(0);
  }

  private static boolean mentionsTypeVariable(TypeMirror type) {
    if (type.getKind() == TypeKind.TYPEVAR) {
      return true;
    }
    if (type instanceof WildcardType wildcard) {
      TypeMirror bound = wildcard.getExtendsBound();
      if (bound == null) {
        bound = wildcard.getSuperBound();
      }
      return bound != null && mentionsTypeVariable(bound);
    }
    if (type instanceof ArrayType array) {
      return mentionsTypeVariable(array.getComponentType());
    }
    return type instanceof DeclaredType declared
        && declared.getTypeArguments().stream()
            .anyMatch(CodecDeclarationRules::mentionsTypeVariable);
  }

  private static String wildcards(TypeElement type) {
    return String.join(", ", java.util.Collections.nCopies(type.getTypeParameters().size(), "?"));
  }

  /** Whether a field of type {@code field} is a {@code Codec} of {@code valueType}. */
  private boolean writes(TypeMirror field, TypeElement valueType) {
    if (field.getKind() != TypeKind.DECLARED) {
      return false;
    }
    DeclaredType declared = (DeclaredType) field;
    DeclaredType codec =
        ((TypeElement) declared.asElement()).getQualifiedName().contentEquals(CodecDeclarations.CODEC)
            ? declared
            : declarations.codecSupertype(field);
    if (codec == null || codec.getTypeArguments().size() != 1) {
      return false;
    }
    TypeMirror argument = codec.getTypeArguments().get(0);
    return argument.getKind() == TypeKind.DECLARED
        && types.isSameType(types.erasure(argument), types.erasure(valueType.asType()));
  }
}
