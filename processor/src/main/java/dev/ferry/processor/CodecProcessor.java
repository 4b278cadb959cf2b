package dev.ferry.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.ClassName;
import dev.ferry.processor.codegen.AsciiSource;
import dev.ferry.processor.codegen.CodecGenerator;
import dev.ferry.processor.codegen.ObscuredPackages;
import com.palantir.javapoet.JavaFile;
import dev.ferry.processor.diagnostic.CodecMessages;
import dev.ferry.processor.diagnostic.Messages;
import dev.ferry.processor.model.CodecModel;
import dev.ferry.processor.diagnostic.Problem;
import dev.ferry.processor.diagnostic.Reporter;
import dev.ferry.processor.diagnostic.Rule;
import dev.ferry.processor.diagnostic.Suppressions;
import dev.ferry.processor.validation.Analysis;
import dev.ferry.processor.validation.CodecDeclaration;
import dev.ferry.processor.validation.FerryAnnotations;
import dev.ferry.processor.validation.CompiledTypes;
import dev.ferry.processor.validation.GeneratedTypeNames;
import dev.ferry.processor.validation.RewrittenTypes;
import dev.ferry.processor.validation.TakenCodecNames;
import dev.ferry.processor.validation.TypeAnalyzer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import javax.annotation.processing.FilerException;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import dev.ferry.processor.model.ReferencedType;

/**
 * Generates a codec for every {@code @Transferable} and {@code @InheritOnly} type that the analyzer
 * finds sound. It reports nothing but its own failures: declaration problems are the {@link
 * CheckerProcessor}'s to report, so a broken type simply gets no codec.
 *
 * <p>A type whose members do not resolve yet (they may be generated later in this compilation) is
 * retried, by name, in the next round; if it never resolves, javac reports the missing symbol.
 * Each codec has exactly one originating element, so the processor is isolating for Gradle: the
 * annotated type, or the type or package whose {@code @TransferableImport} names the class.
 */
@AutoService(Processor.class)
public final class CodecProcessor extends FerryProcessor {
  private TypeAnalyzer analyzer;
  private CompiledTypes compiled;
  private CodecGenerator generator;
  private Reporter reporter;
  private final DeferredTypes deferred = new DeferredTypes();
  private final Set<String> generated = new HashSet<>();
  /**
   * The types (and codecs of imports) Lombok may have rewritten, held back one round so that their
   * elements are current.
   */
  private final Set<String> heldForLombok = new HashSet<>();
  private RewrittenTypes rewritten;
  /** The type each codec generated here was generated for, by the codec's name. */
  private final Map<String, TypeElement> codecOwners = new HashMap<>();
  /** Why each codec checked for {@link #obscuredPackage} cannot be written, if it cannot. */
  private final Map<String, Optional<String>> obscured = new HashMap<>();
  /** The text of each codec checked and not written yet, so that it is generated once. */
  private final Map<String, JavaFile> checkedFiles = new HashMap<>();

  @Override
  public synchronized void init(ProcessingEnvironment processingEnv) {
    super.init(processingEnv);
    compiled = new CompiledTypes(processingEnv);
    analyzer = new TypeAnalyzer(processingEnv.getTypeUtils(), compiled);
    generator = new CodecGenerator(CodecProcessor.class.getName());
    reporter = new Reporter(processingEnv.getMessager(), compiled::unresolvedAnnotationStrings);
    rewritten = new RewrittenTypes(CodecProcessor.class.getClassLoader());
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    compiled.add(round.getRootElements());
    analyzer.clear();
    // In name order, so that of two types whose codecs would share a name the same one is told.
    List<TypeElement> types =
        new ArrayList<>(deferred.forRound(annotations, round, processingEnv.getElementUtils()));
    types.sort(Comparator.comparing(type -> type.getQualifiedName().toString()));
    for (TypeElement type : types) {
      generateSafely(type, round.processingOver());
    }
    generateImports(round.processingOver());
    return false;
  }

  /**
   * Generates the codecs of imported classes not generated yet. An import whose members do not
   * resolve yet is simply tried again next round: the list is rebuilt every round.
   */
  private void generateImports(boolean lastRound) {
    for (CodecDeclaration declaration : analyzer.importsToGenerate()) {
      String name = declaration.codec().canonicalName();
      if (generated.contains(name)) {
        continue;
      }
      if (!lastRound && rewritten.byLombok(declaration.type()) && heldForLombok.add(name)) {
        continue;
      }
      try {
        Analysis analysis = analyzer.analyzeImport(declaration);
        Optional<String> unnamed =
            callsIntoUnnamedPackage(analysis.model().orElseThrow())
                .or(() -> obscuredPackage(analysis.model().orElseThrow()));
        if (unnamed.isPresent()) {
          reporter.report(
              Problem.onValue(
                  declaration.declarer(),
                  declaration.annotation(),
                  declaration.literal(),
                  Rule.TRANSFERABLE_SHAPE,
                  unnamed.get()));
          generated.add(name);
          continue;
        }
        if (dependenciesGenerate(analysis, new HashSet<>())) {
          if (fitsFileSystem(
              () ->
                  Problem.onValue(
                      declaration.declarer(),
                      declaration.annotation(),
                      declaration.literal(),
                      Rule.TRANSFERABLE_SHAPE,
                      codecFileNameTooLong(declaration.type(), name)),
              name)) {
            generate(analysis.model().orElseThrow());
          }
          generated.add(name);
        }
      } catch (Throwable failure) {
        reportUnwritten(declaration.declarer(), name, failure);
      }
    }
  }

  private void generateSafely(TypeElement type, boolean lastRound) {
    try {
      generate(type, lastRound);
    } catch (Throwable failure) {
      reportUnwritten(type, GeneratedTypeNames.codecName(type).canonicalName(), failure);
    }
  }

  /**
   * Reports why the codec {@code codec} of {@code element} was not written: a class of its name
   * that an earlier build compiled is on the class path (ECJ writes no source for a class it can
   * find, and javac no file for one among its sources), or a failure of the processor's own.
   */
  private void reportUnwritten(Element element, String codec, Throwable failure) {
    if (failure instanceof FilerException
        && processingEnv.getElementUtils().getTypeElement(codec) != null
        && !compiled.isCompiledHere(codec)) {
      reporter.reportCodecOnClassPath(element, codec, failure);
    } else if (failure instanceof FilerException && isGeneratedByFerry(codec)) {
      reporter.reportGeneratedSourceCompiledAgain(element, codec, failure);
    } else {
      reporter.reportInternal(element, failure);
    }
  }

  /**
   * Whether the class {@code codec} among this compilation's sources is a codec Ferry generated in
   * an earlier pass ({@code -proc:only -s gen}, then {@code gen} compiled with the sources with
   * processing on): its {@code @Generated} names this processor.
   */
  private boolean isGeneratedByFerry(String codec) {
    TypeElement element = processingEnv.getElementUtils().getTypeElement(codec);
    return element != null
        && element.getAnnotationMirrors().stream()
            .anyMatch(
                mirror ->
                    ((TypeElement) mirror.getAnnotationType().asElement())
                            .getQualifiedName()
                            .contentEquals("javax.annotation.processing.Generated")
                        && mirror.getElementValues().values().stream()
                            .anyMatch(
                                value ->
                                    String.valueOf(value.getValue())
                                        .contains(CodecProcessor.class.getName())));
  }

  /**
   * Whether every annotated type this one refers to has a codec, or will get one: a codec that
   * called a codec never generated would bury the checker's real error under "cannot find symbol"
   * errors in generated code.
   */
  private boolean dependenciesGenerate(Analysis analysis, Set<String> visiting) {
    if (!visiting.add(analysis.type().getQualifiedName().toString())) {
      return true;
    }
    for (ReferencedType reference : ReferencedType.of(analysis.model().orElseThrow())) {
      Elements elements = processingEnv.getElementUtils();
      TypeElement codec = elements.getTypeElement(reference.codec());
      if (codec != null
          && (isBrokenHandWritten(codec)
              || !TakenCodecNames.writes(compiled, codec, reference.type()))) {
        return false; // a class of the user's with the codec's name: the type is told so
      }
      if (codec != null) {
        continue; // compiled earlier, or generated in an earlier round
      }
      TypeElement type = elements.getTypeElement(reference.type());
      if (type == null) {
        return false;
      }
      Analysis referenced = referencedAnalysis(type, reference.codec());
      if (referenced == null) {
        continue; // a hand-written codec: compiled with this compilation
      }
      if (!referenced.canGenerate()
          || isRefusedImport(type, reference.codec())
          || callsIntoUnnamedPackage(referenced.model().orElseThrow()).isPresent()
          || obscuredPackage(referenced.model().orElseThrow()).isPresent()
          || !classFileFits(reference.codec())
          || !dependenciesGenerate(referenced, visiting)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Reports the member of {@code type} (or its permitted subtype) whose type gets no codec because
   * the errors of that type's declaration (or import) are suppressed: {@code type} is then not
   * generated either, and no error said why, so it compiled clean and failed when sent ("has no
   * codec"). A dependency whose errors were reported needs no second word here: the build fails
   * on them, and {@code type} is generated once they are fixed.
   */
  private void reportSilencedDependency(TypeElement type, CodecModel model) {
    if (model instanceof CodecModel.SealedModel sealed) {
      for (CodecModel.Subtype subtype : sealed.subtypes()) {
        ReferencedType reference =
            new ReferencedType(subtype.rawType().canonicalName(), subtype.codec().canonicalName());
        silenced(reference)
            .ifPresent(
                uncoded ->
                    reporter.report(
                        Problem.on(
                            type,
                            Rule.NOT_TRANSFERABLE,
                            Messages.uncodedBySuppression(
                                type.getSimpleName().toString(),
                                null,
                                uncoded.type(),
                                uncoded.where()))));
      }
      return;
    }
    for (CodecModel.Member member : ((CodecModel.ValueModel) model).members()) {
      for (ReferencedType reference : ReferencedType.in(member.shape())) {
        Optional<Silenced> uncoded = silenced(reference);
        if (uncoded.isPresent()) {
          Element field =
              ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
                  .filter(f -> f.getSimpleName().contentEquals(member.name()))
                  .map(Element.class::cast)
                  .findFirst()
                  .orElse(type);
          reporter.report(
              Problem.on(
                  field,
                  Rule.NOT_TRANSFERABLE,
                  Messages.uncodedBySuppression(
                      type.getSimpleName().toString(),
                      member.name(),
                      uncoded.get().type(),
                      uncoded.get().where())));
          break;
        }
      }
    }
  }

  /**
   * The simple name of the type {@code reference} names if its codec is not generated only
   * because every error of its declaration is suppressed, else empty.
   */
  private Optional<Silenced> silenced(ReferencedType reference) {
    Elements elements = processingEnv.getElementUtils();
    TypeElement type = elements.getTypeElement(reference.type());
    if (type == null || elements.getTypeElement(reference.codec()) != null) {
      return Optional.empty();
    }
    List<Problem> problems = null;
    String where = "its declaration";
    for (CodecDeclaration declaration : compiled.declarations().of(type)) {
      if (!declaration.handWritten()
          && declaration.codec().canonicalName().equals(reference.codec())) {
        problems = analyzer.importProblems(declaration);
        where = declaration.describe();
      }
    }
    if (problems == null && FerryAnnotations.hasCodec(type)) {
      Analysis referenced = analyzer.analyze(type);
      problems = referenced.unresolved() ? List.of() : referenced.problems();
    }
    if (problems == null
        || problems.isEmpty()
        || !problems.stream().allMatch(p -> Suppressions.isSuppressed(p.element(), p.rule()))) {
      return Optional.empty();
    }
    return Optional.of(new Silenced(type.getSimpleName().toString(), where));
  }

  /** A type that gets no codec because the errors of {@code where} (its declaration) are silenced. */
  private record Silenced(String type, String where) {}

  /**
   * Why the codec of {@code model} cannot be generated if it lives in a package and would call a
   * codec of the unnamed package: a hand-written codec declared there, or an import's, generated
   * beside a type there that imports. Java lets no code in a package name a class of the unnamed
   * package, so the codec would not compile ("package TemperatureCodec does not exist"). Nothing
   * else refuses such a codec: javac compiles a file without its {@code package} line wherever it
   * sits, and codecs of the unnamed package call it fine.
   */
  private Optional<String> callsIntoUnnamedPackage(CodecModel model) {
    String codecPackage = model.codec().packageName();
    if (codecPackage.isEmpty()) {
      return Optional.empty();
    }
    Elements elements = processingEnv.getElementUtils();
    for (ReferencedType reference : ReferencedType.of(model)) {
      TypeElement type = elements.getTypeElement(reference.type());
      if (type == null) {
        continue;
      }
      for (CodecDeclaration declaration : compiled.declarations().of(type)) {
        if (declaration.codec().packageName().isEmpty()
            && declaration.codec().canonicalName().equals(reference.codec())) {
          return Optional.of(
              CodecMessages.callsCodecInUnnamedPackage(
                  model.codec().simpleName(),
                  codecPackage,
                  type.getSimpleName().toString(),
                  reference.codec(),
                  declaration.describe(),
                  declaration.handWritten()));
        }
      }
    }
    return Optional.empty();
  }

  /** Whether {@code canonical} names a class of a named package. */
  private static boolean isPackagedClass(Elements elements, String canonical) {
    TypeElement type = elements.getTypeElement(canonical);
    return type != null && !elements.getPackageOf(type).isUnnamed();
  }

  /** Whether {@code codec} is a {@code @TransferableCodec} class here that has errors. */
  private boolean isBrokenHandWritten(TypeElement codec) {
    return compiled.declarations().isHandWritten(ClassName.get(codec))
        && analyzer.isBrokenHandWrittenCodec(codec);
  }

  /**
   * The analysis behind the codec {@code codec} of {@code type}: of the annotated type, or of its
   * import; null for a hand-written codec, which needs none.
   */
  private Analysis referencedAnalysis(TypeElement type, String codec) {
    if (FerryAnnotations.hasCodec(type)) {
      return analyzer.analyze(type);
    }
    for (CodecDeclaration declaration : compiled.declarations().of(type)) {
      if (declaration.codec().canonicalName().equals(codec)) {
        return declaration.handWritten() ? null : analyzer.analyzeImport(declaration);
      }
    }
    return analyzer.analyze(type);
  }

  /**
   * Whether {@code codec} is the codec of an import of this compilation for {@code type} that
   * breaks a declaration rule of its own (a second codec for {@code type}, in this compilation or
   * in a jar, or a name another class takes): it is reported on the import and never generated,
   * though the import's class obeys {@code @Transferable}'s rules.
   */
  private boolean isRefusedImport(TypeElement type, String codec) {
    for (CodecDeclaration declaration : compiled.declarations().of(type)) {
      if (!declaration.handWritten() && declaration.codec().canonicalName().equals(codec)) {
        return !analyzer.canGenerateImport(declaration);
      }
    }
    return false;
  }

  /**
   * The most bytes of a file's name that the usual file systems take (ext4, XFS, APFS; NTFS 255
   * UTF-16 units). A codec is named after its type's nested names joined with {@code _}, plus
   * {@code _FerryCodec}, so its class file's name is 11 bytes longer than the type's own: a type
   * whose class file fits may have a codec that javac cannot write ("File name too long").
   */
  private static final int MAX_FILE_NAME_BYTES = 255;

  /**
   * Whether the class file of the codec {@code codec} has a name the file system takes, else
   * reports {@code tooLong}: nothing is generated then, since javac would report the failed write
   * in the generated codec, or the Filer fail on its source.
   */
  private boolean fitsFileSystem(Supplier<Problem> tooLong, String codec) {
    if (classFileFits(codec)) {
      return true;
    }
    reporter.report(tooLong.get());
    return false;
  }

  private static String codecFileNameTooLong(TypeElement type, String codec) {
    String classFile = classFileName(codec);
    return CodecMessages.codecFileNameTooLong(
        String.join(".", ClassName.get(type).simpleNames()),
        classFile,
        classFile.getBytes(StandardCharsets.UTF_8).length,
        MAX_FILE_NAME_BYTES);
  }

  private static boolean classFileFits(String codec) {
    return classFileName(codec).getBytes(StandardCharsets.UTF_8).length <= MAX_FILE_NAME_BYTES;
  }

  private static String classFileName(String codec) {
    return codec.substring(codec.lastIndexOf('.') + 1) + ".class";
  }

  private void generate(CodecModel model) throws IOException {
    AsciiSource.writeTo(codecFile(model), processingEnv.getFiler());
  }

  private JavaFile codecFile(CodecModel model) {
    JavaFile checked = checkedFiles.remove(model.codec().canonicalName());
    return checked != null ? checked : generator.generate(model, readsJavaCompiler(model.origin()));
  }

  /**
   * Why the codec of {@code model} cannot be written: it would name a class qualified whose
   * package a class of the codec's own package obscures ({@link ObscuredPackages}). Found once per
   * codec, since it writes the codec's text.
   */
  private Optional<String> obscuredPackage(CodecModel model) {
    return obscured.computeIfAbsent(
        model.codec().canonicalName(),
        name -> {
          Elements elements = processingEnv.getElementUtils();
          String pkg = model.codec().packageName();
          JavaFile file = generator.generate(model, readsJavaCompiler(model.origin()));
          checkedFiles.put(name, file);
          return ObscuredPackages.firstIn(
                  file,
                  simple -> elements.getTypeElement(pkg.isEmpty() ? simple : pkg + "." + simple) != null,
                  canonical -> isPackagedClass(elements, canonical))
              .map(qualified -> CodecMessages.packageObscuredByClass(name, pkg, qualified));
        });
  }

  /**
   * Whether the module of {@code element}, where its codec is generated, reads {@code
   * java.compiler}, which holds {@code @Generated}: the unnamed module (a class path build) reads
   * every module, a named one only those it requires, directly or through a {@code requires
   * transitive} ({@code requires java.se}). A module that does not read it cannot name it: "package
   * javax.annotation.processing is not visible".
   */
  private boolean readsJavaCompiler(Element element) {
    ModuleElement module = processingEnv.getElementUtils().getModuleOf(element);
    return module == null || module.isUnnamed() || CompiledTypes.reads(module, "java.compiler");
  }

  private void generate(TypeElement type, boolean lastRound) throws IOException {
    String name = type.getQualifiedName().toString();
    if (generated.contains(name)) {
      return;
    }
    if (!lastRound && rewritten.byLombok(type) && heldForLombok.add(name)) {
      deferred.defer(type);
      return;
    }
    Analysis analysis = analyzer.analyze(type);
    boolean ready = analysis.canGenerate() && dependenciesGenerate(analysis, new HashSet<>());
    if (!ready && !lastRound) {
      // A later round may bring what it lacks: a member type not generated yet, or the import or
      // hand-written codec of a member's class, which another processor generates.
      deferred.defer(type);
      return;
    }
    if (!ready) {
      if (analysis.canGenerate()) {
        reportSilencedDependency(type, analysis.model().orElseThrow());
      }
      return;
    }
    Optional<String> unnamed =
        callsIntoUnnamedPackage(analysis.model().orElseThrow())
            .or(() -> obscuredPackage(analysis.model().orElseThrow()));
    if (unnamed.isPresent()) {
      reporter.report(Problem.on(type, Rule.TRANSFERABLE_SHAPE, unnamed.get()));
      generated.add(name);
      return;
    }
    String codec = analysis.model().orElseThrow().codec().canonicalName();
    TypeElement owner = codecOwners.putIfAbsent(codec, type);
    if (owner != null && !owner.equals(type)) {
      reporter.report(
          Problem.on(
              type,
              Rule.TRANSFERABLE_SHAPE,
              CodecMessages.codecNameTaken(name, owner.getQualifiedName().toString(), codec)));
      return;
    }
    if (fitsFileSystem(
        () -> Problem.on(type, Rule.TRANSFERABLE_SHAPE, codecFileNameTooLong(type, codec)),
        codec)) {
      generate(analysis.model().orElseThrow());
    }
    generated.add(name);
  }
}
