package dev.ferry.processor.validation;

import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.TypePrinter;
import dev.ferry.processor.model.CodecModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;

/**
 * Turns an annotated type into an {@link Analysis}: every declaration problem, each on the finest
 * element under its most specific rule, and, when there are none, the {@link CodecModel} to
 * generate from.
 *
 * <p>Uses only {@code javax.lang.model}, so it runs under javac and the Eclipse compiler alike.
 * Results are cached per type for one round; referenced annotated types are analyzed on demand for
 * their shape, which feeds the fingerprint of every type that contains them. While types are
 * analyzed, a shape names each annotated type it holds ({@link #shapeOf}); the analysis a caller
 * gets has them written out ({@link WrittenShapes}): each the first time it appears by its own
 * shape, then by its name. So a type's fingerprint depends on what it holds, not on which type of a cycle
 * was analyzed first (in this compilation or an earlier one), and a shape grows with the number of
 * types it holds, not of the paths to them. Each type is analyzed by a {@link TypeAnalysis} of its
 * own.
 */
public final class TypeAnalyzer {
  private final Types types;
  private final Map<String, Analysis> cache = new HashMap<>();
  private final Set<String> inProgress = new HashSet<>();
  private final MemberTypes memberTypes;
  private final WrittenShapes shapes;
  private final CompiledTypes compiled;
  /** Whether analyses carry a {@link CodecModel}; the checker needs only the problems. */
  private final boolean models;

  /**
   * An analyzer for the codec generator: problems, and a model for each type that has none.
   *
   * @param compiled the types of this compilation, which the processor using this analyzer fills
   *     in every round
   */
  public TypeAnalyzer(Types types, CompiledTypes compiled) {
    this(types, compiled, true);
  }

  private TypeAnalyzer(Types types, CompiledTypes compiled, boolean models) {
    this.types = types;
    this.compiled = compiled;
    this.models = models;
    this.memberTypes =
        models
            ? new MemberTypes(this::shapeOf, this::neverEmpty, types, compiled)
            : new MemberTypes(null, null, types, compiled);
    this.shapes = new WrittenShapes(cache, memberTypes, compiled);
  }

  /**
   * An analyzer for the checker: the same problems, found by the same code, but no model (no
   * JavaPoet names, shapes or fingerprints), which the checker never reads; every analysis's
   * {@link Analysis#model()} is empty.
   */
  public static TypeAnalyzer forChecking(Types types, CompiledTypes compiled) {
    return new TypeAnalyzer(types, compiled, false);
  }

  Types types() {
    return types;
  }

  CompiledTypes compiled() {
    return compiled;
  }

  /** Whether analyses carry a {@link CodecModel}; the checker needs only the problems. */
  boolean models() {
    return models;
  }

  /** The type table, for checks of values that cross at call sites. */
  public MemberTypes memberTypes() {
    return memberTypes;
  }

  /**
   * The problems of {@code root} and its nested types as subtypes of {@code @Transferable} sealed
   * types compiled earlier ({@link SealedSupertypes}).
   */
  public List<Problem> sealedSupertypeProblems(TypeElement root) {
    return new SealedSupertypes(types, compiled, memberTypes).problems(root);
  }

  /** Forgets cached analyses; call at the start of each round, when elements may change. */
  public void clear() {
    cache.clear();
    shapes.clear();
    compiled.declarations().clear();
  }

  public Analysis analyze(TypeElement type) {
    String key = keyOf(type);
    return closed(key, key, analyzeOpen(type));
  }

  /** The analysis of {@code type}, its shape naming the annotated types it holds. */
  private Analysis analyzeOpen(TypeElement type) {
    String key = keyOf(type);
    Analysis cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    inProgress.add(key);
    try {
      // Its problems are read in its own code: the names they print are the names there.
      Analysis analysis = TypePrinter.within(compiled.elements(), type, () -> new TypeAnalysis(this, type).run());
      cache.put(key, analysis);
      return analysis;
    } finally {
      inProgress.remove(key);
    }
  }

  /**
   * Analyzes a class imported with {@code @TransferableImport} under the rules of {@code
   * @Transferable}, for a codec in the importer's package: every problem is put on the import's
   * class literal, since the class itself is not compiled here.
   */
  public Analysis analyzeImport(CodecDeclaration declaration) {
    String key = "import " + declaration.codec().canonicalName();
    String root = keyOf(declaration.type());
    return closed(key, root, analyzeImportOpen(key, declaration));
  }

  private Analysis analyzeImportOpen(String key, CodecDeclaration declaration) {
    Analysis cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    // Its problems are read on the import, in the importer's code.
    Analysis analysis =
        TypePrinter.within(
            compiled.elements(),
            declaration.declarer(), () -> new TypeAnalysis(this, declaration.type(), declaration).run());
    List<Problem> moved = new ArrayList<>();
    for (Problem problem : analysis.problems()) {
      moved.add(
          problem.movedTo(declaration.declarer(), declaration.annotation(), declaration.literal()));
    }
    analysis =
        new Analysis(analysis.type(), analysis.model(), List.copyOf(moved), analysis.unresolved());
    cache.put(key, analysis);
    return analysis;
  }

  /**
   * The problems of this compilation's imported classes and hand-written codecs, each on its
   * class literal or codec class; report them once, when the compilation's rounds are over.
   */
  public List<Problem> codecDeclarationProblems() {
    return new CodecDeclarationRules(this, compiled.declarations(), types, compiled.elements()).problems();
  }

  /**
   * The problem of a local or anonymous class that carries {@code @TransferableImport} or {@code
   * @TransferableCodec}: processors never see such a class (javac and ECJ hand them only the
   * types reachable from the top-level ones), so its codecs would silently not exist. Empty for
   * any other type.
   */
  public Optional<Problem> localCodecDeclarer(TypeElement type) {
    if (NameableTypes.hasCanonicalName(type)) {
      // Processors see every member class, inner ones too: an inner class's imports are
      // generated, and its hand-written codec is told by the codec rules (it is inner).
      return Optional.empty();
    }
    for (String annotation :
        List.of(FerryAnnotations.TRANSFERABLE_IMPORT, FerryAnnotations.TRANSFERABLE_CODEC)) {
      Optional<AnnotationMirror> mirror = FerryAnnotations.find(type, annotation);
      if (mirror.isPresent()) {
        String simple = annotation.substring(annotation.lastIndexOf('.') + 1);
        return Optional.of(
            Problem.onAnnotation(
                type,
                mirror.get(),
                Rule.LOCAL_CLASS,
                Messages.localCodecDeclarer(
                    type.getSimpleName().toString(), simple, NameableTypes.describeScope(type))));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code codec}, a hand-written codec of this compilation, breaks its shape rules: a
   * codec that calls it would not compile, and bury its error under errors in generated code.
   */
  public boolean isBrokenHandWrittenCodec(TypeElement codec) {
    return new CodecDeclarationRules(this, compiled.declarations(), types, compiled.elements()).isBroken(codec);
  }

  /**
   * Whether the codec of {@code declaration}, an import of this compilation, can be generated now:
   * it breaks no declaration rule (one codec per type) and its class obeys the rules.
   */
  public boolean canGenerateImport(CodecDeclaration declaration) {
    return new CodecDeclarationRules(this, compiled.declarations(), types, compiled.elements())
        .canGenerate(declaration);
  }

  /**
   * What keeps the codec of {@code declaration}, an import of this compilation, from being
   * generated: the declaration rules it breaks, else its class's shape problems.
   */
  public List<Problem> importProblems(CodecDeclaration declaration) {
    return new CodecDeclarationRules(this, compiled.declarations(), types, compiled.elements())
        .problemsOf(declaration);
  }

  /** The imports of this compilation whose codecs can be generated now. */
  public List<CodecDeclaration> importsToGenerate() {
    List<CodecDeclaration> imports = new ArrayList<>();
    for (CodecDeclaration declaration : compiled.declarations().all()) {
      if (!declaration.handWritten() && canGenerateImport(declaration)) {
        imports.add(declaration);
      }
    }
    return imports;
  }

  /**
   * The name an analysis is kept under: the qualified name, or, for a class without one (local or
   * anonymous, or nested in such a class), its binary name. Such classes share a qualified name
   * across methods and files (under ECJ, every local {@code Step} is {@code .Local.Step}), and
   * under one key the first one's analysis stood for the others: their errors were put on it.
   * It is also the name a shape gives a type held again ({@link WrittenShapes}), so it must not
   * depend on the compiler.
   */
  private String keyOf(TypeElement type) {
    if (NameableTypes.hasCanonicalName(type)) {
      return canonicalName(type);
    }
    return "local " + compiled.elements().getBinaryName(type);
  }

  /**
   * {@code type}'s canonical name, built from its simple name and those of the types it is nested
   * in: ECJ's {@code getQualifiedName} of a type nested in another turns a {@code $} in its simple
   * name into a dot ({@code fz.Holder.A.B} for {@code Holder.A$B}, javac's {@code
   * fz.Holder.A$B}), so a shape that named it again had another fingerprint under ECJ than under
   * javac, and a process built in an IDE refused the bytes of one built by Maven.
   */
  private String canonicalName(TypeElement type) {
    if (type.getEnclosingElement() instanceof TypeElement outer) {
      return canonicalName(outer) + "." + type.getSimpleName();
    }
    return type.getQualifiedName().toString();
  }

  /**
   * A referenced annotated type in the shape of its container: its name, marked, which {@link
   * WrittenShapes} replaces by its shape. Written out while types are analyzed, the shape of a type of
   * a cycle would depend on where the analysis entered the cycle (a type analyzed while its
   * container was, and cached, named the container only), so a reader and a writer compiled in
   * another order, or one file of them alone, disagreed on identical sources; and a type holding
   * two of one type held its shape twice, doubling with each level.
   */
  String shapeOf(TypeElement type) {
    String name = keyOf(type);
    if (!inProgress.contains(name)) {
      analyzeOpen(type); // so that its shape is known when the container's is written out
    }
    return WrittenShapes.reference(name);
  }

  /**
   * {@code open} with its shape written out ({@link WrittenShapes}); an analysis asked for while
   * another is under way is returned as it is.
   */
  private Analysis closed(String key, String root, Analysis open) {
    if (open.model().isEmpty() || !inProgress.isEmpty()) {
      return open;
    }
    return shapes.closed(key, root, open);
  }



  /**
   * Whether the generated codec of {@code type} writes at least one byte for every value: that of
   * an enum or sealed type (an ordinal or index) or of a type with members (each writes a byte or
   * more); not that of an empty record. A type being analyzed has a member that leads back to it.
   */
  private boolean neverEmpty(TypeElement type) {
    if (inProgress.contains(keyOf(type))) {
      return true;
    }
    return analyzeOpen(type)
        .model()
        .map(model -> !(model instanceof CodecModel.ValueModel value) || !value.members().isEmpty())
        .orElse(false);
  }

  /**
   * The instance fields a codec copies: not static, not transient, and not a constant ({@code
   * final int version = 3;}, a constant variable, JLS 4.12.4): every instance holds the same value,
   * which no constructor may assign, so there is nothing to copy, and asking for a constructor that
   * takes it asked for one that does not compile.
   */
  static List<VariableElement> copiedFields(TypeElement type) {
    return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
        .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
        .filter(f -> !f.getModifiers().contains(Modifier.TRANSIENT))
        .filter(f -> !isConstant(f))
        .collect(Collectors.toList());
  }

  private static boolean isConstant(VariableElement field) {
    return field.getModifiers().contains(Modifier.FINAL) && field.getConstantValue() != null;
  }
}
